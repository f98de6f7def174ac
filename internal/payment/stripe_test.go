package payment_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v84/webhook"

	"accountgraph/internal/payment"
	"accountgraph/internal/payment/paymenttest"
)

const whsec = "whsec_test_secret"

// TestStripeAgainstStripeMock runs each call of the provider against
// stripe-mock. stripe-mock answers with fixtures and keeps no state, so
// the test checks the requests succeed and the answers map.
func TestStripeAgainstStripeMock(t *testing.T) {
	url := paymenttest.StripeMock(t)
	p := payment.NewStripe("sk_test_123", whsec, payment.WithAPIURL(url))
	ctx := context.Background()

	cus, err := p.CreateCustomer(ctx, "ada@example.com", "Ada Lovelace", "customer-1")
	if err != nil || cus == "" {
		t.Fatalf("create customer: %q %v", cus, err)
	}
	setup, err := p.StartSetup(ctx, cus)
	if err != nil || setup.ID == "" || setup.ClientSecret == "" {
		t.Fatalf("start setup: %+v %v", setup, err)
	}
	m, err := p.Method(ctx, "pm_123")
	if err != nil || m.Ref == "" || m.Brand == "" || len(m.Last4) != 4 || m.ExpMonth < 1 || m.ExpMonth > 12 || m.ExpYear < 2000 {
		t.Fatalf("method: %+v %v", m, err)
	}
	if m, err = p.Attach(ctx, "pm_123", cus); err != nil || m.Ref == "" {
		t.Fatalf("attach: %+v %v", m, err)
	}
	if err := p.Detach(ctx, "pm_123"); err != nil {
		t.Fatalf("detach: %v", err)
	}
	if _, err := p.SetupMethod(ctx, setup.ID); err != nil && !errors.Is(err, payment.ErrNotFound) {
		t.Fatalf("setup method: %v", err)
	}
}

func signed(t *testing.T, secret string, at time.Time, event map[string]any) ([]byte, string) {
	t.Helper()
	body, err := json.Marshal(event)
	if err != nil {
		t.Fatal(err)
	}
	s := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: body, Secret: secret, Timestamp: at})
	return s.Payload, s.Header
}

func card(id, customer string) map[string]any {
	return map[string]any{"id": id, "object": "payment_method", "type": "card", "customer": customer,
		"card":            map[string]any{"brand": "visa", "last4": "4242", "exp_month": 8, "exp_year": 2031, "wallet": map[string]any{"type": "apple_pay"}},
		"billing_details": map[string]any{"name": "Ada Lovelace", "address": map[string]any{"line1": "1 Main St", "city": "Berlin", "postal_code": "10117", "country": "DE"}}}
}

// TestStripeWebhooks: events signed as Stripe signs them are read; a
// forged signature, another secret, an old timestamp are refused; other
// types are ignored.
func TestStripeWebhooks(t *testing.T) {
	p := payment.NewStripe("sk_test_123", whsec)
	now := time.Now()
	for _, c := range []struct {
		typ, want string
		object    map[string]any
	}{
		{"payment_method.updated", "method.updated", card("pm_1", "cus_1")},
		{"payment_method.detached", "method.detached", card("pm_1", "")},
		{"setup_intent.succeeded", "setup.succeeded", map[string]any{"id": "seti_1", "object": "setup_intent", "customer": "cus_1", "status": "succeeded", "payment_method": card("pm_2", "cus_1")}},
	} {
		body, sig := signed(t, whsec, now, map[string]any{"id": "evt_" + c.typ, "object": "event", "type": c.typ, "api_version": "2020-08-27", "data": map[string]any{"object": c.object}})
		ev, err := p.ParseWebhook(body, sig)
		if err != nil || ev.Type != c.want || ev.ID != "evt_"+c.typ {
			t.Errorf("%s: %+v %v", c.typ, ev, err)
			continue
		}
		if c.want != "method.detached" && (ev.Method == nil || ev.Method.Brand != "visa" || ev.Method.Last4 != "4242" || ev.Method.Wallet != "apple_pay" || ev.Method.Billing.City != "Berlin" || ev.CustomerRef != "cus_1") {
			t.Errorf("%s: method %+v", c.typ, ev.Method)
		}
	}
	event := map[string]any{"id": "evt_x", "object": "event", "type": "payment_method.updated", "data": map[string]any{"object": card("pm_1", "cus_1")}}
	body, sig := signed(t, whsec, now, event)
	for name, try := range map[string]func() ([]byte, string){
		"forged":         func() ([]byte, string) { return body, "t=1,v1=deadbeef" },
		"another secret": func() ([]byte, string) { return signed(t, "whsec_other", now, event) },
		"too old":        func() ([]byte, string) { return signed(t, whsec, now.Add(-time.Hour), event) },
		"changed body":   func() ([]byte, string) { return append([]byte(" "), body...), sig },
	} {
		b, s := try()
		if _, err := p.ParseWebhook(b, s); !errors.Is(err, payment.ErrBadSignature) {
			t.Errorf("%s: %v", name, err)
		}
	}
	body, sig = signed(t, whsec, now, map[string]any{"id": "evt_y", "object": "event", "type": "charge.succeeded", "data": map[string]any{"object": map[string]any{}}})
	if _, err := p.ParseWebhook(body, sig); !errors.Is(err, payment.ErrIgnoredEvent) {
		t.Errorf("an unrelated event: %v", err)
	}
}
