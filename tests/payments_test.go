package tests

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stripe/stripe-go/v84/webhook"

	"accountgraph/internal/config"
	"accountgraph/internal/payment"
	"accountgraph/internal/payment/paymenttest"
)

const (
	stripeWebhookSecret = "whsec_accountgraph_test"
	paymentMethodsDoc   = `query($t: String!) { customer(customerAccessToken: $t) { paymentMethods {
  id brand lastDigits maskedNumber expiryMonth expiryYear expired expiresSoon wallet isDefault billingAddress { city countryCode } } } }`
	setupCreateDoc   = `mutation($t: String!) { customerPaymentMethodSetupCreate(customerAccessToken: $t) { setup { provider setupId clientSecret publishableKey } customerUserErrors { code field message } } }`
	setupCompleteDoc = `mutation($t: String!, $s: String!) { customerPaymentMethodSetupComplete(customerAccessToken: $t, setupId: $s) { paymentMethod { id } customerUserErrors { code field message } } }`
	methodDefaultDoc = `mutation($t: String!, $id: ID!) { customerPaymentMethodDefaultUpdate(customerAccessToken: $t, paymentMethodId: $id) { paymentMethod { id isDefault } customerUserErrors { code field message } } }`
	methodRemoveDoc  = `mutation($t: String!, $id: ID!) { customerPaymentMethodRemove(customerAccessToken: $t, paymentMethodId: $id) { deletedPaymentMethodId customerUserErrors { code field message } } }`
)

type savedMethod struct {
	ID, Brand, LastDigits, MaskedNumber string
	ExpiryMonth, ExpiryYear             int
	Expired, ExpiresSoon, IsDefault     bool
	Wallet                              *string
	BillingAddress                      *struct{ City, CountryCode string }
}

func (a *API) paymentMethods(t *testing.T, token string) []savedMethod {
	t.Helper()
	var c struct{ PaymentMethods []savedMethod }
	a.MustDo(t, paymentMethodsDoc, map[string]any{"t": token}, "customer", &c)
	return c.PaymentMethods
}

// postWebhook sends an event to the payment webhook, signed with secret as
// Stripe signs it (stripe-go's test helper).
func (a *API) postWebhook(t *testing.T, secret string, event map[string]any) int {
	t.Helper()
	body, _ := json.Marshal(event)
	s := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: body, Secret: secret, Timestamp: time.Now()})
	req, _ := http.NewRequest(http.MethodPost, a.URL+"/webhooks/payments/stripe", bytes.NewReader(s.Payload))
	req.Header.Set("Stripe-Signature", s.Header)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

func setupSucceeded(eventID, setupID, customerRef, methodRef string) map[string]any {
	return map[string]any{"id": eventID, "object": "event", "type": "setup_intent.succeeded", "api_version": "2025-01-27",
		"data": map[string]any{"object": map[string]any{"id": setupID, "object": "setup_intent", "status": "succeeded",
			"customer": customerRef, "payment_method": methodRef}}}
}

// TestPaymentMethods: a card is saved through the provider's flow on
// stripe-mock (a setup, then Stripe's signed setup_intent.succeeded), listed
// masked, made default, removed; webhooks update and detach methods, a
// replay or a forged signature changes nothing; another customer sees and
// changes none of it; the provider's reference is never shown.
func TestPaymentMethods(t *testing.T) {
	parallel(t)
	mock := paymenttest.StripeMock(t)
	// stripe-mock answers every customer creation with the same fixture:
	// this is the provider reference our customer gets.
	customerRef, err := payment.NewStripe("sk_test_accountgraph", "", payment.WithAPIURL(mock)).CreateCustomer(context.Background(), "x@example.com", "X", "ref")
	if err != nil {
		t.Fatal(err)
	}
	eachDatabase(t, "payments.db", func(t *testing.T, name, dbURL string) {
		// The server reaches stripe-mock through a proxy that records the
		// calls, so the test sees what was asked of Stripe.
		target, _ := url.Parse(mock)
		var mu sync.Mutex
		var calls []string
		proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			calls = append(calls, r.Method+" "+r.URL.Path)
			mu.Unlock()
			httputil.NewSingleHostReverseProxy(target).ServeHTTP(w, r)
		}))
		t.Cleanup(proxy.Close)
		called := func(call string) bool {
			mu.Lock()
			defer mu.Unlock()
			return slices.Contains(calls, call)
		}
		api := start(t, name, dbURL, func(c *config.Config) {
			c.StripeSecretKey, c.StripePublishableKey, c.StripeWebhookSecret, c.StripeAPIURL = "sk_test_accountgraph", "pk_test_accountgraph", stripeWebhookSecret, proxy.URL
		})
		_, token, customerID := api.newCustomer(t, "cards")
		_, otherToken, _ := api.newCustomer(t, "cards-other")

		var setup struct {
			Setup *struct {
				Provider, SetupID, ClientSecret, PublishableKey string
			}
			CustomerUserErrors []UserError
		}
		api.MustDo(t, setupCreateDoc, map[string]any{"t": token}, "customerPaymentMethodSetupCreate", &setup)
		if setup.Setup == nil || setup.Setup.Provider != "stripe" || setup.Setup.ClientSecret == "" || setup.Setup.PublishableKey != "pk_test_accountgraph" {
			t.Fatalf("setup: %+v", setup)
		}
		// Not confirmed by the card element yet: nothing to save.
		var done struct {
			PaymentMethod      *struct{ ID string }
			CustomerUserErrors []UserError
		}
		api.MustDo(t, setupCompleteDoc, map[string]any{"t": token, "s": setup.Setup.SetupID}, "customerPaymentMethodSetupComplete", &done)
		if done.PaymentMethod != nil || !cmp.Equal(codes(done.CustomerUserErrors), []string{"NOT_FOUND@setupId"}) {
			t.Errorf("completing an unconfirmed setup: %+v", done)
		}

		// Stripe tells us the setup succeeded: two cards saved, the first
		// the default; a replay of the event adds nothing.
		for i, pm := range []string{"pm_card_visa", "pm_card_mastercard"} {
			if code := api.postWebhook(t, stripeWebhookSecret, setupSucceeded("evt_setup_"+pm, setup.Setup.SetupID, customerRef, pm)); code != 200 {
				t.Fatalf("webhook %d: %d", i, code)
			}
		}
		if code := api.postWebhook(t, stripeWebhookSecret, setupSucceeded("evt_setup_pm_card_visa", setup.Setup.SetupID, customerRef, "pm_card_visa")); code != 200 {
			t.Errorf("a replayed webhook: %d", code)
		}
		ms := api.paymentMethods(t, token)
		if len(ms) != 2 || !ms[0].IsDefault || ms[1].IsDefault || ms[0].Brand != "visa" || ms[0].LastDigits != "4242" || ms[0].MaskedNumber != "•••• •••• •••• 4242" ||
			ms[0].ExpiryYear != 2030 || ms[0].Expired || ms[0].BillingAddress == nil || ms[0].BillingAddress.CountryCode != "US" {
			t.Fatalf("saved methods: %+v", ms)
		}
		first, second := ms[0], ms[1]
		// Changes of the default at once leave exactly one.
		atOnce(10, func(i int) {
			id := []string{first.ID, second.ID}[i%2]
			api.Do(t, methodDefaultDoc, map[string]any{"t": token, "id": id})
		})
		defaults := 0
		for _, m := range api.paymentMethods(t, token) {
			if m.IsDefault {
				defaults++
			}
		}
		if defaults != 1 {
			t.Errorf("%d defaults after concurrent changes", defaults)
		}
		api.MustDo(t, methodDefaultDoc, map[string]any{"t": token, "id": first.ID}, "customerPaymentMethodDefaultUpdate", nil)

		// A forged signature and another secret change nothing.
		forged := map[string]any{"id": "evt_forged", "object": "event", "type": "payment_method.detached",
			"data": map[string]any{"object": map[string]any{"id": "pm_card_visa", "object": "payment_method", "type": "card"}}}
		if code := api.postWebhook(t, "whsec_someone_else", forged); code != http.StatusBadRequest {
			t.Errorf("a forged webhook: %d", code)
		}
		req, _ := http.NewRequest(http.MethodPost, api.URL+"/webhooks/payments/stripe", strings.NewReader(`{"id":"evt_x"}`))
		req.Header.Set("Stripe-Signature", "t=1,v1=00")
		if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusBadRequest {
			t.Errorf("an unsigned webhook: %v %v", res, err)
		}
		if n := len(api.paymentMethods(t, token)); n != 2 {
			t.Errorf("%d methods after forged webhooks", n)
		}

		// The second card expires (Stripe's update): it cannot become the
		// default; the first stays it.
		update := map[string]any{"id": "evt_update_1", "object": "event", "type": "payment_method.updated", "data": map[string]any{"object": map[string]any{
			"id": "pm_card_mastercard", "object": "payment_method", "type": "card", "customer": customerRef,
			"card": map[string]any{"brand": "mastercard", "last4": "4444", "exp_month": 1, "exp_year": 2021}}}}
		if code := api.postWebhook(t, stripeWebhookSecret, update); code != 200 {
			t.Fatalf("update webhook: %d", code)
		}
		var def struct {
			PaymentMethod      *struct{ ID string }
			CustomerUserErrors []UserError
		}
		api.MustDo(t, methodDefaultDoc, map[string]any{"t": token, "id": second.ID}, "customerPaymentMethodDefaultUpdate", &def)
		if def.PaymentMethod != nil || !cmp.Equal(codes(def.CustomerUserErrors), []string{"INVALID@paymentMethodId"}) {
			t.Errorf("an expired card as default: %+v", def)
		}
		ms = api.paymentMethods(t, token)
		if ms[1].Brand != "mastercard" || ms[1].LastDigits != "4444" || !ms[1].Expired || !ms[0].IsDefault {
			t.Errorf("after the update: %+v", ms)
		}

		// Another customer: sees none, changes none.
		if got := api.paymentMethods(t, otherToken); len(got) != 0 {
			t.Errorf("another customer's methods: %+v", got)
		}
		for doc, field := range map[string]string{methodDefaultDoc: "customerPaymentMethodDefaultUpdate", methodRemoveDoc: "customerPaymentMethodRemove"} {
			r := api.Do(t, doc, map[string]any{"t": otherToken, "id": first.ID})
			if !strings.Contains(r.Raw, `"NOT_FOUND"`) {
				t.Errorf("%s of another customer's method: %s", field, r.Raw)
			}
		}
		if ms := api.paymentMethods(t, token); len(ms) != 2 || !ms[0].IsDefault {
			t.Errorf("changed by another customer: %+v", ms)
		}
		// Staff see the methods masked; the provider's reference shows
		// nowhere.
		r := api.Do(t, `query($id: ID!) { adminCustomerPaymentMethods(customerId: $id) { maskedNumber brand } }`, map[string]any{"id": customerID}, AsAdmin(adminKey))
		if !strings.Contains(r.Raw, "4242") || strings.Contains(r.Raw, "pm_card") {
			t.Errorf("admin view: %s", r.Raw)
		}
		if r := api.Do(t, paymentMethodsDoc, map[string]any{"t": token}); strings.Contains(r.Raw, "pm_card") || strings.Contains(r.Raw, customerRef) {
			t.Errorf("a provider reference in %s", r.Raw)
		}

		// The Customer Account API: the same cards as CustomerCreditCard; an
		// expired one cannot become the default; another customer's is not
		// found.
		var cards struct {
			CreditCards struct {
				Nodes []struct {
					ID, Brand, LastDigits, MaskedNumber string
					Default, Expired                    bool
				}
			}
		}
		api.caMust(t, token, `{ customer { creditCards(first: 5) { nodes { id brand lastDigits maskedNumber default expired } } } }`, nil, "customer", &cards)
		if n := cards.CreditCards.Nodes; len(n) != 2 || !n[0].Default || n[0].LastDigits != "4242" || !n[1].Expired || !strings.Contains(n[0].ID, "/CustomerCreditCard/") {
			t.Fatalf("creditCards: %+v", cards)
		}
		caFirst, caSecond := cards.CreditCards.Nodes[0].ID, cards.CreditCards.Nodes[1].ID
		r = api.caDo(t, token, `mutation($id: ID!) { paymentInstrumentUpdateDefault(default: true, paymentInstrumentId: $id) { updatedPaymentInstrumentId userErrors { code field } } }`, map[string]any{"id": caSecond})
		if !strings.Contains(r.Raw, `"EXPIRED"`) || !strings.Contains(r.Raw, `"paymentInstrumentId"`) {
			t.Errorf("an expired card as default: %s", r.Raw)
		}
		r = api.caDo(t, otherToken, `mutation($id: ID!) { paymentInstrumentRemove(paymentInstrumentId: $id) { deletedPaymentInstrumentId userErrors { code field } } }`, map[string]any{"id": caFirst})
		if !strings.Contains(r.Raw, `"PAYMENT_INSTRUMENT_ID_DOES_NOT_EXIST"`) {
			t.Errorf("another customer's card through the Customer Account API: %s", r.Raw)
		}

		// Removing the default leaves no default: the page asks.
		var removed struct {
			DeletedPaymentMethodID *string
			CustomerUserErrors     []UserError
		}
		api.MustDo(t, methodRemoveDoc, map[string]any{"t": token, "id": first.ID}, "customerPaymentMethodRemove", &removed)
		if removed.DeletedPaymentMethodID == nil || *removed.DeletedPaymentMethodID != first.ID {
			t.Fatalf("remove: %+v", removed)
		}
		ms = api.paymentMethods(t, token)
		if len(ms) != 1 || ms[0].ID != second.ID || ms[0].IsDefault {
			t.Errorf("after removing the default: %+v", ms)
		}
		// A replay of the first card's setup does not bring it back; Stripe's
		// detach of the second removes it.
		api.postWebhook(t, stripeWebhookSecret, setupSucceeded("evt_setup_pm_card_visa", setup.Setup.SetupID, customerRef, "pm_card_visa"))
		detach := map[string]any{"id": "evt_detach_2", "object": "event", "type": "payment_method.detached", "data": map[string]any{"object": map[string]any{
			"id": "pm_card_mastercard", "object": "payment_method", "type": "card"}}}
		if code := api.postWebhook(t, stripeWebhookSecret, detach); code != 200 {
			t.Fatalf("detach webhook: %d", code)
		}
		if ms := api.paymentMethods(t, token); len(ms) != 0 {
			t.Errorf("after the replay and the detach: %+v", ms)
		}
		if !called("POST /v1/payment_methods/pm_card_visa/detach") {
			t.Errorf("removing a card did not detach it at Stripe: %v", calls)
		}

		// The privacy export lists a saved card masked; erasing the customer
		// detaches it at Stripe.
		api.postWebhook(t, stripeWebhookSecret, setupSucceeded("evt_setup_pm_card_amex", setup.Setup.SetupID, customerRef, "pm_card_amex"))
		var export struct {
			Export *struct{ Data string }
		}
		r = api.Do(t, `mutation($id: ID!) { adminCustomerDataExport(customerId: $id) { export { data } userErrors { code message } } }`, map[string]any{"id": customerID}, AsAdmin(adminKey))
		if err := decodeField(r, "adminCustomerDataExport", &export); err != nil || export.Export == nil ||
			!strings.Contains(export.Export.Data, `"payment_methods"`) || !strings.Contains(export.Export.Data, `"4242"`) || strings.Contains(export.Export.Data, "pm_card") {
			t.Errorf("export: %v %.300s", err, r.Raw)
		}
		r = api.Do(t, `mutation($id: ID!) { adminCustomerDelete(customerId: $id) { deletedCustomerId userErrors { code message } } }`, map[string]any{"id": customerID}, AsAdmin(adminKey))
		if !strings.Contains(r.Raw, customerID) || !called("POST /v1/payment_methods/pm_card_amex/detach") {
			t.Errorf("erasure: %s, calls %v", r.Raw, calls)
		}
	})
}
