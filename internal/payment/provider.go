// Package payment talks to payment providers for saved payment methods:
// the provider keeps the card (the storefront collects it with the
// provider's own element, so card numbers never reach us and PCI scope
// stays with the provider); we keep its reference and what a page shows.
//
// Provider is the provider-neutral contract and the types here are plain
// values, so a second provider (Adyen, say) is one more implementation and
// the domain code (internal/paymentmethod, which declares the subset it
// uses) does not change. Stripe's implementation is in stripe.go.
//
// Provider references (customer, method and setup IDs) may appear in the
// errors of this package. They are not secrets, but they belong to one
// customer: callers must not show them to other customers, and should keep
// them out of what any customer sees.
package payment

import (
	"context"
	"errors"
)

// Provider is a payment provider that keeps customers' payment methods.
//
// Errors: a missing object (no such customer, method or setup, or a method
// already detached) is ErrNotFound, whatever the provider calls it, so
// callers can treat "already gone" as done; anything else is the provider's
// failure, wrapped, and worth retrying or reporting.
type Provider interface {
	// Name identifies the provider in stored rows ("stripe"): references
	// are only meaningful together with it.
	Name() string
	// CreateCustomer makes the provider's customer for an account and
	// returns its reference. The idempotency key makes a retried or
	// concurrent first use create one customer, not several.
	CreateCustomer(ctx context.Context, email, name, idempotencyKey string) (ref string, err error)
	// StartSetup starts saving a payment method for later, off-session
	// use by customerRef; the storefront confirms it with the returned
	// client secret.
	StartSetup(ctx context.Context, customerRef string) (Setup, error)
	// SetupMethod is the reference of the payment method a setup saved;
	// ErrNotFound when there is no such setup or it has not succeeded.
	SetupMethod(ctx context.Context, setupID string) (methodRef string, err error)
	// Method reads a payment method.
	Method(ctx context.Context, methodRef string) (Method, error)
	// Attach saves a payment method to a customer.
	Attach(ctx context.Context, methodRef, customerRef string) (Method, error)
	// Detach takes a payment method off its customer for good: the
	// provider cannot charge it again. ErrNotFound when it is unknown or
	// already detached.
	Detach(ctx context.Context, methodRef string) error
	// ParseWebhook verifies a webhook's signature (ErrBadSignature when it
	// is forged, made with another secret or too old) and reads it into an
	// Event; ErrIgnoredEvent for a verified event of a type we do not act
	// on. It does not call the provider.
	ParseWebhook(payload []byte, signatureHeader string) (Event, error)
}

// Method is a provider's payment method, as a page shows it: no card
// number, only the last four digits.
type Method struct {
	// Ref is the provider's ID of the method: never shown to customers,
	// never logged.
	Ref string
	// Brand is the card network, lower case ("visa", "mastercard", …).
	Brand string
	// Last4 is the card number's last four digits.
	Last4 string
	// ExpMonth (1–12) and ExpYear (four digits) are the card's expiry.
	ExpMonth, ExpYear int
	// Wallet is the wallet the card is used through ("apple_pay",
	// "google_pay", "link", …), empty for a plain card.
	Wallet string
	// Billing is the billing address given with the method.
	Billing Address
	// CustomerRef is the provider's customer the method is saved to, empty
	// when it is attached to none (a detached method).
	CustomerRef string
}

// Address is a method's billing address; fields the customer left out are
// empty.
type Address struct {
	Name, Line1, Line2, City, PostalCode, State, Country string
}

// Setup is a started setup: the storefront's element confirms it with the
// client secret.
type Setup struct {
	// ID is the provider's reference of the setup (a SetupIntent at
	// Stripe).
	ID string
	// ClientSecret lets the storefront confirm this one setup; it is for
	// the customer who started it only and is not stored.
	ClientSecret string
}

// Event types, normalised across providers.
const (
	// EventMethodUpdated: a method's details changed (expiry, billing
	// address, a card updater's new card details).
	EventMethodUpdated = "method.updated"
	// EventMethodDetached: a method was taken off its customer, by us or
	// at the provider (its dashboard, a dispute, …).
	EventMethodDetached = "method.detached"
	// EventSetupSucceeded: a setup saved a method.
	EventSetupSucceeded = "setup.succeeded"
)

// Event is a verified webhook event.
type Event struct {
	// ID is the provider's event ID: the same event may be delivered more
	// than once, so handlers use it to act once.
	ID string
	// Type is one of the Event* constants.
	Type string
	// MethodRef is the method the event is about (for a setup, the method
	// it saved, when known).
	MethodRef string
	// SetupID is the setup of an EventSetupSucceeded.
	SetupID string
	// CustomerRef is the provider's customer, when the event names one.
	CustomerRef string
	// Method is the method's details when the event carries them, nil
	// otherwise (read them with Provider.Method).
	Method *Method
}

var (
	// ErrNotFound: the provider has no such object, or the method is
	// already detached.
	ErrNotFound = errors.New("payment: not found at the provider")
	// ErrBadSignature: a webhook whose signature does not verify (forged,
	// another secret, or too old): answer it with an error and act on
	// nothing in it.
	ErrBadSignature = errors.New("payment: webhook signature not valid")
	// ErrIgnoredEvent: a verified event of a type we do not act on; the
	// webhook should still be acknowledged so the provider stops resending
	// it.
	ErrIgnoredEvent = errors.New("payment: event type not handled")
)
