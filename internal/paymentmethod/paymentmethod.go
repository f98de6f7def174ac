// Package paymentmethod keeps the payment methods customers save for
// checkout. Card data never reaches us: the storefront collects the card
// with the provider's own element (Stripe.js…) against a setup we start,
// and we keep the provider's reference with what a page shows (brand, last
// four digits, expiry, wallet, billing address, default flag).
package paymentmethod

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"accountgraph/ent"
	"accountgraph/ent/paymentcustomer"
	"accountgraph/ent/paymentevent"
	entpm "accountgraph/ent/paymentmethod"
	"accountgraph/ent/paymentsetup"
	"accountgraph/ent/schema"
	"accountgraph/internal/apperr"
	"accountgraph/internal/customer"
	"accountgraph/internal/db"
	"accountgraph/internal/gid"
	"accountgraph/internal/payment"
)

// Provider is a payment provider (internal/payment has Stripe's; another
// implements the same interface without changes here).
type Provider = payment.Provider

// Service keeps saved payment methods.
type Service struct {
	DB        *ent.Client
	Customers *customer.Service
	// Provider is nil when no provider is set up: the operations then say
	// so instead of failing.
	Provider Provider
	// PublishableKey is the provider's public key, for the storefront's
	// element.
	PublishableKey string
	Now            func() time.Time
}

// Clock is the service's time (a card's expiry is judged by it).
func (s *Service) Clock() time.Time { return s.now() }

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// CodeExpired refuses an expired card (the Storefront API shows INVALID).
const CodeExpired = "EXPIRED"

// ErrNotEnabled: no payment provider is set up.
var errNotEnabled = apperr.Invalid(nil, apperr.CodeNotEnabled, "This shop does not keep payment methods")

// Setup is a started setup for the storefront's element.
type Setup struct {
	Provider, ID, ClientSecret, PublishableKey string
}

// StartSetup starts adding a payment method off-session for the token's
// customer: the provider's customer is made on first use.
func (s *Service) StartSetup(ctx context.Context, token string) (*Setup, error) {
	if s.Provider == nil {
		return nil, errNotEnabled
	}
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return nil, err
	}
	ref, err := s.providerCustomer(ctx, c)
	if err != nil {
		return nil, err
	}
	st, err := s.Provider.StartSetup(ctx, ref)
	if err != nil {
		return nil, err
	}
	if err := s.DB.PaymentSetup.Create().SetCustomerID(c.ID).SetProvider(s.Provider.Name()).SetSetupRef(st.ID).Exec(ctx); err != nil {
		return nil, err
	}
	return &Setup{Provider: s.Provider.Name(), ID: st.ID, ClientSecret: st.ClientSecret, PublishableKey: s.PublishableKey}, nil
}

// providerCustomer is the customer's account at the provider, made once:
// the idempotency key makes a concurrent first use make one account.
func (s *Service) providerCustomer(ctx context.Context, c *ent.Customer) (string, error) {
	name := s.Provider.Name()
	pc, err := s.DB.PaymentCustomer.Query().Where(paymentcustomer.CustomerID(c.ID), paymentcustomer.Provider(name)).Only(ctx)
	if err == nil {
		return pc.ProviderRef, nil
	}
	if !ent.IsNotFound(err) {
		return "", err
	}
	ref, err := s.Provider.CreateCustomer(ctx, c.Email, customer.DisplayName(c), "customer-"+strconv.Itoa(c.ID))
	if err != nil {
		return "", err
	}
	err = s.DB.PaymentCustomer.Create().SetCustomerID(c.ID).SetProvider(name).SetProviderRef(ref).
		OnConflictColumns(paymentcustomer.FieldCustomerID, paymentcustomer.FieldProvider).DoNothing().Exec(ctx)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	pc, err = s.DB.PaymentCustomer.Query().Where(paymentcustomer.CustomerID(c.ID), paymentcustomer.Provider(name)).Only(ctx)
	if err != nil {
		return "", err
	}
	return pc.ProviderRef, nil
}

// CompleteSetup saves the method a setup made once the storefront's element
// confirmed it (the webhook setup.succeeded does the same without the
// storefront); saving twice changes nothing.
func (s *Service) CompleteSetup(ctx context.Context, token, setupID string) (*ent.PaymentMethod, error) {
	if s.Provider == nil {
		return nil, errNotEnabled
	}
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return nil, err
	}
	notFound := apperr.Invalid(apperr.Path("setupId"), apperr.CodeNotFound, "The setup does not exist or is not finished")
	owner, err := s.setupOwner(ctx, setupID)
	if err != nil {
		return nil, err
	}
	if owner != c.ID {
		return nil, notFound // another customer's setup: say nothing of it
	}
	ref, err := s.Provider.SetupMethod(ctx, setupID)
	if errors.Is(err, payment.ErrNotFound) {
		return nil, notFound
	}
	if err != nil {
		return nil, err
	}
	m, err := s.Provider.Method(ctx, ref)
	if err != nil {
		return nil, err
	}
	return s.save(ctx, c.ID, m)
}

// setupOwner is the customer a setup was started for; 0 for none of ours.
func (s *Service) setupOwner(ctx context.Context, setupRef string) (int, error) {
	st, err := s.DB.PaymentSetup.Query().Where(paymentsetup.Provider(s.Provider.Name()), paymentsetup.SetupRef(setupRef)).Only(ctx)
	if ent.IsNotFound(err) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return st.CustomerID, nil
}

// save stores a provider's method for a customer, or updates it; the
// customer's first method becomes the default.
func (s *Service) save(ctx context.Context, customerID int, m payment.Method) (*ent.PaymentMethod, error) {
	return s.Keep(ctx, customerID, s.Provider.Name(), m)
}

// Keep stores a method a provider already holds for a customer (a saved
// card brought from another system, the demo's cards), or updates it; the
// customer's first method becomes the default.
func (s *Service) Keep(ctx context.Context, customerID int, provider string, m payment.Method) (*ent.PaymentMethod, error) {
	var out *ent.PaymentMethod
	err := db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		// The customer's row is locked, so two methods saved at once (the
		// storefront's call and the provider's webhook) make one default.
		if _, err := db.LockCustomer(ctx, tx, customerID); err != nil {
			return err
		}
		n, err := tx.PaymentMethod.Query().Where(entpm.CustomerID(customerID)).Count(ctx)
		if err != nil {
			return err
		}
		err = tx.PaymentMethod.Create().SetCustomerID(customerID).SetProvider(provider).SetProviderRef(m.Ref).
			SetBrand(m.Brand).SetLast4(m.Last4).SetExpMonth(m.ExpMonth).SetExpYear(m.ExpYear).SetWallet(m.Wallet).
			SetBillingAddress(billing(m)).SetIsDefault(n == 0).
			OnConflictColumns(entpm.FieldProvider, entpm.FieldProviderRef).
			Update(func(u *ent.PaymentMethodUpsert) {
				u.UpdateBrand().UpdateLast4().UpdateExpMonth().UpdateExpYear().UpdateWallet().UpdateBillingAddress().UpdateUpdatedAt()
			}).Exec(ctx)
		if err != nil {
			return err
		}
		out, err = tx.PaymentMethod.Query().Where(entpm.Provider(provider), entpm.ProviderRef(m.Ref)).Only(ctx)
		if err == nil && out.CustomerID != customerID {
			return apperr.Invalid(apperr.Path("setupId"), apperr.CodeNotFound, "The setup does not exist or is not finished")
		}
		return err
	})
	return out, err
}

func billing(m payment.Method) schema.PaymentBillingAddress {
	b := m.Billing
	return schema.PaymentBillingAddress{Name: b.Name, Line1: b.Line1, Line2: b.Line2, City: b.City, PostalCode: b.PostalCode, State: b.State, Country: b.Country}
}

// decodeID reads a method's global ID: the Storefront API's
// CustomerPaymentMethod or the Customer Account API's CustomerCreditCard.
func decodeID(id string) (int, error) {
	if key, err := gid.Decode(id, "CustomerPaymentMethod"); err == nil {
		return key, nil
	}
	return gid.Decode(id, "CustomerCreditCard")
}

func errNoMethod() error {
	return apperr.Invalid(apperr.Path("paymentMethodId"), apperr.CodeNotFound, "Payment method does not exist")
}

// mine reads one of the customer's methods by global ID; another
// customer's is not found.
func mine(ctx context.Context, client *ent.Client, customerID int, id string) (*ent.PaymentMethod, error) {
	key, err := decodeID(id)
	if err != nil {
		return nil, errNoMethod()
	}
	m, err := client.PaymentMethod.Query().Where(entpm.ID(key), entpm.CustomerID(customerID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errNoMethod()
	}
	return m, err
}

// Remove detaches one of the customer's methods at the provider and forgets
// it. Removing the default leaves no default: the page asks for one
// instead of our choosing.
func (s *Service) Remove(ctx context.Context, token, id string) (string, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return "", err
	}
	return s.remove(ctx, c.ID, id)
}

func (s *Service) remove(ctx context.Context, customerID int, id string) (string, error) {
	m, err := mine(ctx, s.DB, customerID, id)
	if err != nil {
		return "", err
	}
	if err := s.forget(ctx, m); err != nil {
		return "", err
	}
	return id, nil
}

// forget detaches a method at its provider (one already detached there is
// fine) and deletes it.
func (s *Service) forget(ctx context.Context, m *ent.PaymentMethod) error {
	if err := s.detach(ctx, m); err != nil {
		return err
	}
	if err := s.DB.PaymentMethod.DeleteOne(m).Exec(ctx); err != nil && !ent.IsNotFound(err) {
		return err
	}
	return nil
}

// detach takes a method off at the provider that keeps it, when that is
// ours (the demo's cards are kept by none).
func (s *Service) detach(ctx context.Context, m *ent.PaymentMethod) error {
	if s.Provider == nil || m.Provider != s.Provider.Name() {
		return nil
	}
	if err := s.Provider.Detach(ctx, m.ProviderRef); err != nil && !errors.Is(err, payment.ErrNotFound) {
		return err
	}
	return nil
}

// SetDefault makes one of the customer's methods the default (and no other),
// or, with isDefault false, leaves the customer without one.
func (s *Service) SetDefault(ctx context.Context, token, id string, isDefault bool) (*ent.PaymentMethod, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return nil, err
	}
	var out *ent.PaymentMethod
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		// Locked, so two changes at once leave one default.
		if _, err := db.LockCustomer(ctx, tx, c.ID); err != nil {
			return err
		}
		m, err := mine(ctx, tx.Client(), c.ID, id)
		if err != nil {
			return err
		}
		if !isDefault {
			out, err = tx.PaymentMethod.UpdateOne(m).SetIsDefault(false).Save(ctx)
			return err
		}
		if Expired(m, s.now()) {
			return apperr.Invalid(apperr.Path("paymentMethodId"), CodeExpired, "This card has expired")
		}
		if err := tx.PaymentMethod.Update().Where(entpm.CustomerID(c.ID), entpm.IsDefault(true)).SetIsDefault(false).Exec(ctx); err != nil {
			return err
		}
		out, err = tx.PaymentMethod.UpdateOne(m).SetIsDefault(true).Save(ctx)
		return err
	})
	return out, err
}

// Expired tells whether a card's expiry month has passed.
func Expired(m *ent.PaymentMethod, now time.Time) bool {
	if m.ExpYear == 0 {
		return false
	}
	y, mo, _ := now.Date()
	return m.ExpYear < y || m.ExpYear == y && m.ExpMonth < int(mo)
}

// ExpiresSoon tells whether a card expires within the next three months.
func ExpiresSoon(m *ent.PaymentMethod, now time.Time) bool {
	return !Expired(m, now) && m.ExpYear != 0 && Expired(m, now.AddDate(0, 3, 0))
}

// Webhook takes a provider's event: signed (else ErrBadSignature) and new
// (a replay changes nothing). It keeps saved methods in step with the
// provider: updated details, methods detached there, setups finished
// without the storefront telling us.
func (s *Service) Webhook(ctx context.Context, payload []byte, signature string) error {
	if s.Provider == nil {
		return payment.ErrBadSignature
	}
	ev, err := s.Provider.ParseWebhook(payload, signature)
	if errors.Is(err, payment.ErrIgnoredEvent) {
		return nil
	}
	if err != nil {
		return err
	}
	name := s.Provider.Name()
	err = s.DB.PaymentEvent.Create().SetProvider(name).SetEventID(ev.ID).SetType(ev.Type).Exec(ctx)
	if db.IsUniqueViolation(err) {
		return nil // a replay
	}
	if err != nil {
		return err
	}
	if err := s.apply(ctx, ev); err != nil {
		// Not done: forget the event, so the provider's retry is taken.
		if _, derr := s.DB.PaymentEvent.Delete().Where(paymentevent.Provider(name), paymentevent.EventID(ev.ID)).Exec(ctx); derr != nil {
			return errors.Join(err, derr)
		}
		return err
	}
	return nil
}

// apply makes a verified, new event's change.
func (s *Service) apply(ctx context.Context, ev payment.Event) error {
	name := s.Provider.Name()
	switch ev.Type {
	case "method.detached":
		_, err := s.DB.PaymentMethod.Delete().Where(entpm.Provider(name), entpm.ProviderRef(ev.MethodRef)).Exec(ctx)
		return err
	case "method.updated":
		if ev.Method == nil {
			return nil
		}
		m := *ev.Method
		return s.DB.PaymentMethod.Update().Where(entpm.Provider(name), entpm.ProviderRef(m.Ref)).
			SetBrand(m.Brand).SetLast4(m.Last4).SetExpMonth(m.ExpMonth).SetExpYear(m.ExpYear).SetWallet(m.Wallet).
			SetBillingAddress(billing(m)).Exec(ctx)
	case "setup.succeeded":
		owner, err := s.setupOwner(ctx, ev.SetupID)
		if err != nil || owner == 0 {
			return err // not a setup of ours
		}
		m := ev.Method
		if m == nil {
			got, err := s.Provider.Method(ctx, ev.MethodRef)
			if err != nil {
				return err
			}
			m = &got
		}
		_, err = s.save(ctx, owner, *m)
		return err
	}
	return nil
}

// EraseCustomer detaches every method of a customer at the provider (the
// rows go with the customer); for erasure.
func (s *Service) EraseCustomer(ctx context.Context, customerID int) error {
	ms, err := s.DB.PaymentMethod.Query().Where(entpm.CustomerID(customerID)).All(ctx)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if err := s.detach(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// AdminRemove removes a customer's method for staff.
func (s *Service) AdminRemove(ctx context.Context, id string) (string, error) {
	key, err := decodeID(id)
	if err != nil {
		return "", errNoMethod()
	}
	m, err := s.DB.PaymentMethod.Get(ctx, key)
	if ent.IsNotFound(err) {
		return "", errNoMethod()
	}
	if err != nil {
		return "", err
	}
	if err := s.forget(ctx, m); err != nil {
		return "", err
	}
	return id, nil
}

// OfCustomer lists a customer's methods, the default first (the Admin
// API's view; the storefront reads them through the request's loaders).
func (s *Service) OfCustomer(ctx context.Context, customerID int) ([]*ent.PaymentMethod, error) {
	return s.DB.PaymentMethod.Query().Where(entpm.CustomerID(customerID)).
		Order(ent.Desc(entpm.FieldIsDefault), ent.Desc(entpm.FieldID)).All(ctx)
}

// Masked is a card number as a page shows it.
func Masked(m *ent.PaymentMethod) string { return "•••• •••• •••• " + m.Last4 }
