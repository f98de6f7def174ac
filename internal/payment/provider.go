// Package payment talks to payment providers for saved payment methods:
// the provider keeps the card (PCI scope stays with it); we keep its
// reference and what a page shows. Stripe's implementation is in
// stripe.go; another provider implements the same methods (see
// paymentmethod.Provider) without changes to the domain code.
package payment

import "errors"

// Method is a provider's payment method, as a page shows it.
type Method struct {
	// Ref is the provider's ID: never shown to customers, never logged.
	Ref               string
	Brand, Last4      string
	ExpMonth, ExpYear int
	Wallet            string
	Billing           Address
	CustomerRef       string // the provider's customer it is saved to, if any
}

// Address is a method's billing address.
type Address struct {
	Name, Line1, Line2, City, PostalCode, State, Country string
}

// Setup is a started setup: the storefront's element confirms it with the
// client secret.
type Setup struct{ ID, ClientSecret string }

// Event is a verified webhook event, its type normalised across providers:
// "method.updated", "method.detached" or "setup.succeeded".
type Event struct {
	ID, Type                        string
	MethodRef, SetupID, CustomerRef string
	Method                          *Method
}

var (
	// ErrNotFound: the provider has no such object (or it is detached).
	ErrNotFound = errors.New("payment: not found at the provider")
	// ErrBadSignature: a webhook whose signature does not verify (forged,
	// another secret, or too old).
	ErrBadSignature = errors.New("payment: webhook signature not valid")
	// ErrIgnoredEvent: a verified event of a type we do not act on.
	ErrIgnoredEvent = errors.New("payment: event type not handled")
)
