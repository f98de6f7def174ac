package payment_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v84/webhook"

	"accountgraph/internal/payment"
	"accountgraph/internal/payment/paymenttest"
)

const whsec = "whsec_test_secret"

// TestStripeAgainstStripeMock runs each call of the provider against
// stripe-mock. stripe-mock answers with fixtures and keeps no state, so
// the test checks the requests succeed (stripe-mock validates them against
// Stripe's OpenAPI spec) and the answers map.
func TestStripeAgainstStripeMock(t *testing.T) {
	url := paymenttest.StripeMock(t)
	var p payment.Provider = payment.NewStripe("sk_test_123", whsec, payment.WithAPIURL(url))
	ctx := context.Background()
	if p.Name() != "stripe" {
		t.Errorf("name %q", p.Name())
	}

	cus, err := p.CreateCustomer(ctx, "ada@example.com", "Ada Lovelace", "customer-1")
	if err != nil || !strings.HasPrefix(cus, "cus_") {
		t.Fatalf("create customer: %q %v", cus, err)
	}
	setup, err := p.StartSetup(ctx, cus)
	if err != nil || !strings.HasPrefix(setup.ID, "seti_") || setup.ClientSecret == "" {
		t.Fatalf("start setup: %+v %v", setup, err)
	}
	// stripe-mock's payment method fixture: a Visa through Link.
	fixture := payment.Method{Ref: "pm_123", Brand: "visa", Last4: "4242", ExpMonth: 8, ExpYear: 2030, Wallet: "link",
		Billing: payment.Address{Line1: "1234 Fake Street", City: "San Francisco", PostalCode: "94102", State: "CA", Country: "US"}}
	m, err := p.Method(ctx, "pm_123")
	if err != nil || m != fixture {
		t.Fatalf("method:\n got %+v %v\nwant %+v", m, err, fixture)
	}
	// stripe-mock echoes the customer it is asked to attach to.
	m, err = p.Attach(ctx, "pm_123", cus)
	if want := fixture; err != nil || m.CustomerRef != cus || m.Brand != want.Brand || m.Last4 != want.Last4 {
		t.Fatalf("attach: %+v %v", m, err)
	}
	if err := p.Detach(ctx, "pm_123"); err != nil {
		t.Fatalf("detach: %v", err)
	}
	// stripe-mock's SetupIntent fixture has not succeeded (it still
	// requires a payment method): there is no method to read yet.
	if ref, err := p.SetupMethod(ctx, setup.ID); !errors.Is(err, payment.ErrNotFound) {
		t.Fatalf("setup method of an unfinished setup: %q %v", ref, err)
	}
}

// TestStripeMockInParallel: stripe-mocks of two tests (or of two test
// processes, as `go test ./...` runs this package's and ../tests' at
// once) do not take each other's ports.
func TestStripeMockInParallel(t *testing.T) {
	for _, name := range []string{"a", "b"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := payment.NewStripe("sk_test_123", whsec, payment.WithAPIURL(paymenttest.StripeMock(t)))
			if _, err := p.Method(context.Background(), "pm_123"); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// fakeStripe answers the API calls by path with a status and a JSON body,
// as Stripe answers errors stripe-mock does not make.
func fakeStripe(t *testing.T, answers map[string]func() (int, string)) *payment.Stripe {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		answer, ok := answers[r.Method+" "+r.URL.Path]
		if !ok {
			t.Errorf("unexpected call %s %s", r.Method, r.URL.Path)
			answer = func() (int, string) { return 500, `{}` }
		}
		status, body := answer()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Request-Id", "req_test")
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return payment.NewStripe("sk_test_123", whsec, payment.WithAPIURL(srv.URL))
}

func stripeError(status int, typ, code, message string) func() (int, string) {
	return func() (int, string) {
		return status, fmt.Sprintf(`{"error":{"type":%q,"code":%q,"message":%q}}`, typ, code, message)
	}
}

// TestStripeErrors: a missing or already detached method is ErrNotFound,
// other failures are not; Stripe's messages (which name the objects) stay
// out of the errors.
func TestStripeErrors(t *testing.T) {
	ctx := context.Background()
	missing := stripeError(404, "invalid_request_error", "resource_missing", "No such PaymentMethod: 'pm_gone'")
	notAttached := stripeError(400, "invalid_request_error", "", "The payment method you provided is not attached to a customer so detachment is impossible.")
	method := func(customer string) func() (int, string) {
		return func() (int, string) {
			return 200, fmt.Sprintf(`{"id":"pm_x","object":"payment_method","type":"card","customer":%s,"card":{"brand":"visa","last4":"4242","exp_month":1,"exp_year":2031}}`, customer)
		}
	}

	p := fakeStripe(t, map[string]func() (int, string){
		"GET /v1/payment_methods/pm_gone":         missing,
		"POST /v1/payment_methods/pm_gone/detach": missing,
		"GET /v1/setup_intents/seti_gone":         stripeError(404, "invalid_request_error", "resource_missing", "No such setupintent: 'seti_gone'"),
		// Detached already: Stripe refuses with a plain 400 and the method
		// reads with no customer.
		"POST /v1/payment_methods/pm_detached/detach": notAttached,
		"GET /v1/payment_methods/pm_detached":         method("null"),
		// A 400 for another reason: the method is still attached.
		"POST /v1/payment_methods/pm_attached/detach": stripeError(400, "invalid_request_error", "", "Something else about pm_attached."),
		"GET /v1/payment_methods/pm_attached":         method(`"cus_1"`),
		"POST /v1/payment_methods/pm_declined/attach": stripeError(402, "card_error", "card_declined", "Your card was declined (pm_declined)."),
	})
	for name, call := range map[string]func() error{
		"read a missing method":         func() error { _, err := p.Method(ctx, "pm_gone"); return err },
		"detach a missing method":       func() error { return p.Detach(ctx, "pm_gone") },
		"detach a detached method":      func() error { return p.Detach(ctx, "pm_detached") },
		"the method of a missing setup": func() error { _, err := p.SetupMethod(ctx, "seti_gone"); return err },
	} {
		if err := call(); !errors.Is(err, payment.ErrNotFound) {
			t.Errorf("%s: %v, want ErrNotFound", name, err)
		} else if strings.Contains(err.Error(), "No such") {
			t.Errorf("%s: Stripe's message in %q", name, err)
		}
	}
	for name, call := range map[string]func() error{
		"detach refused otherwise": func() error { return p.Detach(ctx, "pm_attached") },
		"attach declined":          func() error { _, err := p.Attach(ctx, "pm_declined", "cus_1"); return err },
	} {
		err := call()
		if err == nil || errors.Is(err, payment.ErrNotFound) {
			t.Errorf("%s: %v, want another error", name, err)
		} else if strings.Contains(err.Error(), "pm_") {
			t.Errorf("%s: Stripe's message in %q", name, err)
		}
	}

	// A network failure keeps its cause but not the URL (which names the
	// method).
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String()
	l.Close()
	err = payment.NewStripe("sk_test_123", whsec, payment.WithAPIURL(closed)).Detach(ctx, "pm_secret")
	if err == nil || errors.Is(err, payment.ErrNotFound) || strings.Contains(err.Error(), "pm_secret") {
		t.Errorf("unreachable Stripe: %v", err)
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
	visa := func(ref, customer string) *payment.Method {
		return &payment.Method{Ref: ref, Brand: "visa", Last4: "4242", ExpMonth: 8, ExpYear: 2031, Wallet: "apple_pay", CustomerRef: customer,
			Billing: payment.Address{Name: "Ada Lovelace", Line1: "1 Main St", City: "Berlin", PostalCode: "10117", Country: "DE"}}
	}
	for _, c := range []struct {
		typ    string
		object map[string]any
		want   payment.Event
	}{
		{"payment_method.updated", card("pm_1", "cus_1"),
			payment.Event{Type: payment.EventMethodUpdated, MethodRef: "pm_1", CustomerRef: "cus_1", Method: visa("pm_1", "cus_1")}},
		{"payment_method.automatically_updated", card("pm_1", "cus_1"),
			payment.Event{Type: payment.EventMethodUpdated, MethodRef: "pm_1", CustomerRef: "cus_1", Method: visa("pm_1", "cus_1")}},
		{"payment_method.detached", card("pm_1", ""),
			payment.Event{Type: payment.EventMethodDetached, MethodRef: "pm_1", Method: visa("pm_1", "")}},
		// Stripe sends the setup's payment method as an ID; expanded, its
		// details are read too.
		{"setup_intent.succeeded", map[string]any{"id": "seti_1", "object": "setup_intent", "customer": "cus_1", "status": "succeeded", "payment_method": "pm_2"},
			payment.Event{Type: payment.EventSetupSucceeded, SetupID: "seti_1", MethodRef: "pm_2", CustomerRef: "cus_1"}},
		{"setup_intent.succeeded", map[string]any{"id": "seti_1", "object": "setup_intent", "customer": "cus_1", "status": "succeeded", "payment_method": card("pm_2", "cus_1")},
			payment.Event{Type: payment.EventSetupSucceeded, SetupID: "seti_1", MethodRef: "pm_2", CustomerRef: "cus_1", Method: visa("pm_2", "cus_1")}},
	} {
		// An API version other than stripe-go's is read all the same.
		body, sig := signed(t, whsec, now, map[string]any{"id": "evt_1", "object": "event", "type": c.typ, "api_version": "2020-08-27", "data": map[string]any{"object": c.object}})
		ev, err := p.ParseWebhook(body, sig)
		c.want.ID = "evt_1"
		if err != nil || !reflect.DeepEqual(ev, c.want) {
			t.Errorf("%s:\n got %+v %+v %v\nwant %+v %+v", c.typ, ev, ev.Method, err, c.want, c.want.Method)
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
