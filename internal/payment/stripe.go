package payment

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/stripe/stripe-go/v84"
	"github.com/stripe/stripe-go/v84/webhook"
)

// Stripe keeps payment methods at Stripe: a Customer per account, cards
// added off-session with SetupIntents, webhooks verified with the endpoint's
// signing secret.
type Stripe struct {
	client        *stripe.Client
	webhookSecret string
	// Tolerance is how old a webhook's signature may be (Stripe's default,
	// five minutes, when zero).
	Tolerance time.Duration
}

var _ Provider = (*Stripe)(nil)

// StripeOption changes how Stripe is reached.
type StripeOption func(*stripe.BackendConfig)

// WithAPIURL sends the API calls to url instead of https://api.stripe.com
// (stripe-mock in tests and development; see package paymenttest).
func WithAPIURL(url string) StripeOption {
	return func(c *stripe.BackendConfig) { c.URL = stripe.String(url) }
}

// WithHTTPClient uses c for the API calls.
func WithHTTPClient(c *http.Client) StripeOption {
	return func(b *stripe.BackendConfig) { b.HTTPClient = c }
}

// NewStripe returns Stripe's provider for a secret API key (sk_… or a
// restricted rk_…) and a webhook endpoint's signing secret (whsec_…).
// Stripe-go's own logging is off: its messages can name objects, and
// errors are returned instead.
func NewStripe(secretKey, webhookSecret string, opts ...StripeOption) *Stripe {
	cfg := &stripe.BackendConfig{MaxNetworkRetries: stripe.Int64(2), LeveledLogger: &stripe.LeveledLogger{Level: stripe.LevelNull}}
	for _, o := range opts {
		o(cfg)
	}
	backends := stripe.NewBackendsWithConfig(cfg)
	return &Stripe{client: stripe.NewClient(secretKey, stripe.WithBackends(backends)), webhookSecret: webhookSecret}
}

// Name is "stripe".
func (s *Stripe) Name() string { return "stripe" }

// CreateCustomer makes the Stripe Customer of an account; the idempotency
// key makes a retried or concurrent first use make one.
func (s *Stripe) CreateCustomer(ctx context.Context, email, name, idempotencyKey string) (string, error) {
	p := &stripe.CustomerCreateParams{Email: stripe.String(email), Name: stripe.String(name)}
	p.SetIdempotencyKey(idempotencyKey)
	c, err := s.client.V1Customers.Create(ctx, p)
	if err != nil {
		return "", wrap("create customer", err)
	}
	return c.ID, nil
}

// StartSetup makes a SetupIntent for saving a card off-session.
func (s *Stripe) StartSetup(ctx context.Context, customerRef string) (Setup, error) {
	si, err := s.client.V1SetupIntents.Create(ctx, &stripe.SetupIntentCreateParams{
		Customer: stripe.String(customerRef), Usage: stripe.String(string(stripe.SetupIntentUsageOffSession)),
		AutomaticPaymentMethods: &stripe.SetupIntentCreateAutomaticPaymentMethodsParams{Enabled: stripe.Bool(true)},
	})
	if err != nil {
		return Setup{}, wrap("start setup", err)
	}
	return Setup{ID: si.ID, ClientSecret: si.ClientSecret}, nil
}

// SetupMethod is the payment method of a succeeded SetupIntent.
func (s *Stripe) SetupMethod(ctx context.Context, setupID string) (string, error) {
	si, err := s.client.V1SetupIntents.Retrieve(ctx, setupID, nil)
	if err != nil {
		return "", wrap("read setup", err)
	}
	if si.Status != stripe.SetupIntentStatusSucceeded || si.PaymentMethod == nil {
		return "", ErrNotFound
	}
	return si.PaymentMethod.ID, nil
}

// Method reads a payment method.
func (s *Stripe) Method(ctx context.Context, methodRef string) (Method, error) {
	pm, err := s.client.V1PaymentMethods.Retrieve(ctx, methodRef, nil)
	if err != nil {
		return Method{}, wrap("read payment method", err)
	}
	return method(pm), nil
}

// Attach saves a payment method to a customer.
func (s *Stripe) Attach(ctx context.Context, methodRef, customerRef string) (Method, error) {
	pm, err := s.client.V1PaymentMethods.Attach(ctx, methodRef, &stripe.PaymentMethodAttachParams{Customer: stripe.String(customerRef)})
	if err != nil {
		return Method{}, wrap("attach payment method", err)
	}
	return method(pm), nil
}

// Detach takes a payment method off its customer: Stripe cannot charge it
// again. Stripe refuses to detach a method that is attached to no customer
// with a plain invalid_request_error (no code of its own), so such a refusal
// is checked by reading the method: detached already is ErrNotFound, and a
// retried or concurrent removal succeeds for the caller.
func (s *Stripe) Detach(ctx context.Context, methodRef string) error {
	_, err := s.client.V1PaymentMethods.Detach(ctx, methodRef, nil)
	var se *stripe.Error
	if errors.As(err, &se) && se.HTTPStatusCode == http.StatusBadRequest && se.Type == stripe.ErrorTypeInvalidRequest && se.Code != stripe.ErrorCodeResourceMissing {
		pm, rerr := s.client.V1PaymentMethods.Retrieve(ctx, methodRef, nil)
		detached := rerr == nil && pm.Customer == nil
		if detached || errors.Is(wrap("read payment method", rerr), ErrNotFound) {
			return fmt.Errorf("%w: stripe detach payment method: not attached", ErrNotFound)
		}
	}
	return wrap("detach payment method", err)
}

// ParseWebhook verifies a webhook's Stripe-Signature header and reads the
// events we act on: payment_method.updated and
// payment_method.automatically_updated (a card updater's new details) as
// EventMethodUpdated, payment_method.detached as EventMethodDetached,
// setup_intent.succeeded as EventSetupSucceeded. A payload made for another
// API version is read all the same (the fields read here are stable across
// versions, and test payloads carry any version).
func (s *Stripe) ParseWebhook(payload []byte, signatureHeader string) (Event, error) {
	ev, err := webhook.ConstructEventWithOptions(payload, signatureHeader, s.webhookSecret,
		webhook.ConstructEventOptions{Tolerance: s.Tolerance, IgnoreAPIVersionMismatch: true})
	if err != nil {
		return Event{}, fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	out := Event{ID: ev.ID}
	switch ev.Type {
	case "payment_method.updated", "payment_method.detached", "payment_method.automatically_updated":
		var pm stripe.PaymentMethod
		if err := json.Unmarshal(ev.Data.Raw, &pm); err != nil {
			return Event{}, fmt.Errorf("payment: event %s: %w", ev.ID, err)
		}
		m := method(&pm)
		out.Type, out.MethodRef, out.CustomerRef, out.Method = EventMethodUpdated, pm.ID, m.CustomerRef, &m
		if ev.Type == "payment_method.detached" {
			out.Type = EventMethodDetached
		}
	case "setup_intent.succeeded":
		var si stripe.SetupIntent
		if err := json.Unmarshal(ev.Data.Raw, &si); err != nil {
			return Event{}, fmt.Errorf("payment: event %s: %w", ev.ID, err)
		}
		out.Type, out.SetupID = EventSetupSucceeded, si.ID
		if si.Customer != nil {
			out.CustomerRef = si.Customer.ID
		}
		if si.PaymentMethod != nil {
			out.MethodRef = si.PaymentMethod.ID
			if si.PaymentMethod.Card != nil {
				m := method(si.PaymentMethod)
				out.Method = &m
			}
		}
	default:
		return Event{}, ErrIgnoredEvent
	}
	return out, nil
}

func method(pm *stripe.PaymentMethod) Method {
	m := Method{Ref: pm.ID}
	if pm.Customer != nil {
		m.CustomerRef = pm.Customer.ID
	}
	if c := pm.Card; c != nil {
		m.Brand, m.Last4, m.ExpMonth, m.ExpYear = string(c.Brand), c.Last4, int(c.ExpMonth), int(c.ExpYear)
		if c.Wallet != nil {
			m.Wallet = string(c.Wallet.Type)
		}
	}
	if b := pm.BillingDetails; b != nil {
		m.Billing.Name = b.Name
		if a := b.Address; a != nil {
			m.Billing = Address{Name: b.Name, Line1: a.Line1, Line2: a.Line2, City: a.City, PostalCode: a.PostalCode, State: a.State, Country: a.Country}
		}
	}
	return m
}

// wrap names the call in Stripe's errors and turns a missing object into
// ErrNotFound. Stripe's messages and a failed request's URL name the
// objects (pm_…, cus_…), which are kept out of errors (they get logged):
// only the error's type, code, status and request ID, or the network
// failure without its URL, are kept. Card numbers never reach this code.
func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	var se *stripe.Error
	if !errors.As(err, &se) {
		if ue, ok := errors.AsType[*url.Error](err); ok {
			return fmt.Errorf("payment: stripe %s: %s: %w", what, ue.Op, ue.Err)
		}
		return fmt.Errorf("payment: stripe %s: %w", what, err)
	}
	if se.Code == stripe.ErrorCodeResourceMissing || se.HTTPStatusCode == http.StatusNotFound {
		return fmt.Errorf("%w: stripe %s", ErrNotFound, what)
	}
	return fmt.Errorf("payment: stripe %s: %s %s (status %d, request %s)", what, se.Type, se.Code, se.HTTPStatusCode, se.RequestID)
}
