// Package privacy gives customers their data (an export of everything the
// shop holds about them) and erases it on request. Staff can do both for
// requests that arrive by other channels.
package privacy

import (
	"context"
	"encoding/json"
	"log/slog"
	"strconv"
	"time"

	"accountgraph/ent"
	"accountgraph/ent/cart"
	"accountgraph/ent/companycontact"
	"accountgraph/ent/consentevent"
	"accountgraph/ent/customer"
	"accountgraph/ent/customeraccesstoken"
	"accountgraph/ent/erpcontact"
	"accountgraph/ent/fulfillment"
	"accountgraph/ent/linkedidentity"
	"accountgraph/ent/logincode"
	"accountgraph/ent/loyaltyaccount"
	"accountgraph/ent/loyaltyentry"
	"accountgraph/ent/loyaltyredemption"
	"accountgraph/ent/mailingaddress"
	"accountgraph/ent/membership"
	"accountgraph/ent/membershippayment"
	"accountgraph/ent/notification"
	"accountgraph/ent/order"
	"accountgraph/ent/orderreturn"
	"accountgraph/ent/paymentmethod"
	"accountgraph/ent/predicate"
	"accountgraph/ent/savedcart"
	"accountgraph/ent/supportticket"
	"accountgraph/ent/wishlist"
	"accountgraph/ent/wishlistevent"
	"accountgraph/internal/apperr"
	acustomer "accountgraph/internal/customer"
	"accountgraph/internal/db"
	"accountgraph/internal/throttle"
)

// exportByCustomer limits exports: each reads every table.
var exportByCustomer = throttle.Rule{Action: "export", By: "customer", Limit: 3, Window: time.Hour}

// Service runs exports and erasures.
type Service struct {
	DB        *ent.Client
	Customers *acustomer.Service
	Limiter   *throttle.Limiter
	// PaymentMethods detaches an erased customer's saved methods at the
	// payment provider (nil: none kept).
	PaymentMethods interface {
		EraseCustomer(ctx context.Context, customerID int) error
	}
	Log *slog.Logger
	Now func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// Export is a customer's data as JSON.
type Export struct {
	CreatedAt time.Time
	JSON      []byte
}

// Data is everything the shop holds about a customer. Entities keep their
// stored field names; secrets (password and token hashes, order status
// keys, discount codes) are left out by the entities' JSON form.
type Data struct {
	Format         string                     `json:"format"`
	ExportedAt     time.Time                  `json:"exported_at"`
	Customer       *ent.Customer              `json:"customer"`
	Addresses      []*ent.MailingAddress      `json:"addresses"`
	Orders         []*ent.Order               `json:"orders"`
	Wishlists      []*ent.Wishlist            `json:"wishlists"`
	Carts          []*ent.Cart                `json:"carts"`
	SavedCarts     []*ent.SavedCart           `json:"saved_carts"`
	Loyalty        *ent.LoyaltyAccount        `json:"loyalty_account"`
	LoyaltyLedger  []*ent.LoyaltyEntry        `json:"loyalty_ledger"`
	Redemptions    []*ent.LoyaltyRedemption   `json:"loyalty_redemptions"`
	Membership     *ent.Membership            `json:"membership"`
	Payments       []*ent.MembershipPayment   `json:"membership_payments"`
	ConsentLog     []*ent.ConsentEvent        `json:"consent_log"`
	Sessions       []*ent.CustomerAccessToken `json:"sessions"`
	SupportTickets []*ent.SupportTicket       `json:"support_tickets"`
	Identities     []*ent.LinkedIdentity      `json:"linked_identities"`
	Companies      []*ent.CompanyContact      `json:"company_contacts"`
	Returns        []*ent.OrderReturn         `json:"returns"`
	// PaymentMethods are masked: the provider's reference is left out.
	PaymentMethods []*ent.PaymentMethod `json:"payment_methods"`
}

// ExportFor exports the signed-in customer's data (at most 3 an hour).
func (s *Service) ExportFor(ctx context.Context, token string) (*Export, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return nil, err
	}
	if err := s.Limiter.Hit(ctx, exportByCustomer, strconv.Itoa(c.ID)); err != nil {
		return nil, err
	}
	return s.export(ctx, c.ID)
}

// ExportByID exports a customer's data for staff, by global ID.
func (s *Service) ExportByID(ctx context.Context, customerID string) (*Export, error) {
	id, err := db.CustomerID(ctx, s.DB, customerID, apperr.Path("customerId"))
	if err != nil {
		return nil, err
	}
	return s.export(ctx, id)
}

func (s *Service) export(ctx context.Context, id int) (*Export, error) {
	d := Data{Format: "accountgraph-customer-export/1", ExportedAt: s.now()}
	// One read transaction, so the parts agree with each other.
	err := db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		var err error
		if d.Customer, err = tx.Customer.Get(ctx, id); err != nil {
			return err
		}
		steps := []func() error{
			func() (err error) {
				d.Addresses, err = tx.MailingAddress.Query().Where(mailingaddress.CustomerID(id)).All(ctx)
				return
			},
			func() (err error) {
				d.Orders, err = tx.Order.Query().Where(order.CustomerID(id)).Order(ent.Asc(order.FieldID)).
					WithLineItems().WithShippingAddress().WithBillingAddress().
					WithFulfillments(func(q *ent.FulfillmentQuery) { q.WithEvents().Order(ent.Asc(fulfillment.FieldID)) }).All(ctx)
				return
			},
			func() (err error) {
				d.Wishlists, err = tx.Wishlist.Query().Where(wishlist.CustomerID(id)).WithLines().All(ctx)
				return
			},
			func() (err error) {
				d.Identities, err = tx.LinkedIdentity.Query().Where(linkedidentity.CustomerID(id)).All(ctx)
				return
			},
			func() (err error) {
				d.Companies, err = tx.CompanyContact.Query().Where(companycontact.CustomerID(id)).WithCompany().All(ctx)
				return
			},
			func() (err error) {
				d.Carts, err = tx.Cart.Query().Where(cart.CustomerID(id)).WithLines().All(ctx)
				return
			},
			func() (err error) {
				d.SavedCarts, err = tx.SavedCart.Query().Where(savedcart.CustomerID(id)).WithLines().All(ctx)
				return
			},
			func() (err error) {
				d.Loyalty, err = tx.LoyaltyAccount.Query().Where(loyaltyaccount.CustomerID(id)).Only(ctx)
				if ent.IsNotFound(err) {
					return nil
				}
				return
			},
			func() (err error) {
				d.LoyaltyLedger, err = tx.LoyaltyEntry.Query().Where(loyaltyentry.CustomerID(id)).Order(ent.Asc(loyaltyentry.FieldID)).All(ctx)
				return
			},
			func() (err error) {
				d.Redemptions, err = tx.LoyaltyRedemption.Query().Where(loyaltyredemption.CustomerID(id)).All(ctx)
				return
			},
			func() (err error) {
				if d.Membership, err = tx.Membership.Query().Where(membership.CustomerID(id)).Only(ctx); ent.IsNotFound(err) {
					return nil
				} else if err != nil {
					return err
				}
				d.Payments, err = tx.MembershipPayment.Query().Where(membershippayment.MembershipID(d.Membership.ID)).All(ctx)
				return
			},
			func() (err error) {
				d.ConsentLog, err = tx.ConsentEvent.Query().Where(consentevent.CustomerID(id)).Order(ent.Asc(consentevent.FieldID)).All(ctx)
				return
			},
			func() (err error) {
				d.Sessions, err = tx.CustomerAccessToken.Query().Where(customeraccesstoken.CustomerID(id)).All(ctx)
				return
			},
			func() (err error) {
				d.SupportTickets, err = tx.SupportTicket.Query().Where(supportticket.CustomerID(id)).WithMessages().All(ctx)
				return
			},
			func() (err error) {
				d.Returns, err = tx.OrderReturn.Query().Where(orderreturn.CustomerID(id)).WithLines().Order(ent.Asc(orderreturn.FieldID)).All(ctx)
				return
			},
			func() (err error) {
				d.PaymentMethods, err = tx.PaymentMethod.Query().Where(paymentmethod.CustomerID(id)).Order(ent.Asc(paymentmethod.FieldID)).All(ctx)
				return
			},
		}
		for _, step := range steps {
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, err
	}
	return &Export{CreatedAt: d.ExportedAt, JSON: b}, nil
}

// Deletion is the outcome of a deletion request: either a confirmation
// code was mailed, or the customer was erased.
type Deletion struct {
	ConfirmationSent bool
	DeletedID        int
}

// Confirmation is how the owner confirms an erasure: the mailed code or
// the account's password.
type Confirmation struct{ Code, Password *string }

// Delete erases the signed-in customer once confirmed. Without a
// confirmation it mails a code and erases nothing.
func (s *Service) Delete(ctx context.Context, token string, confirm *Confirmation) (*Deletion, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return nil, err
	}
	if confirm == nil {
		if err := s.Customers.SendDeletionCode(ctx, c); err != nil {
			return nil, err
		}
		return &Deletion{ConfirmationSent: true}, nil
	}
	if err := s.Customers.ConfirmDeletion(ctx, c, confirm.Code, confirm.Password); err != nil {
		return nil, err
	}
	if err := s.erase(ctx, c.ID); err != nil {
		return nil, err
	}
	return &Deletion{DeletedID: c.ID}, nil
}

// DeleteByID erases a customer for staff, by global ID, and returns the
// erased customer's ID.
func (s *Service) DeleteByID(ctx context.Context, customerID string) (int, error) {
	id, err := db.CustomerID(ctx, s.DB, customerID, apperr.Path("customerId"))
	if err != nil {
		return 0, err
	}
	return id, s.erase(ctx, id)
}

// erase removes the customer and everything personal about them in one
// transaction. Orders stay for the accounts, without the customer, their
// contact details or the names and street lines of their addresses. The
// membership goes with its payment records: SQLite may reuse a deleted
// row's ID, and orphaned payments would then join someone else's
// membership. Access tokens go with the customer row, so they stop working
// at once.
func (s *Service) erase(ctx context.Context, id int) error {
	// The provider first: a method left attached there could still be
	// charged, so a failure stops the erasure (it can be asked again).
	if s.PaymentMethods != nil {
		if err := s.PaymentMethods.EraseCustomer(ctx, id); err != nil {
			return err
		}
	}
	err := db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		c, err := db.LockCustomer(ctx, tx, id)
		if err != nil {
			return err
		}
		keys := []string{c.EmailKey}
		sentTo := []predicate.Notification{notification.RecipientEqualFold(c.Email)}
		if c.PendingEmail != nil {
			keys = append(keys, acustomer.EmailKey(*c.PendingEmail))
			sentTo = append(sentTo, notification.RecipientEqualFold(*c.PendingEmail))
		}
		// Orders: the customer's, and guest orders placed with the address.
		theirs := order.Or(order.CustomerID(id), order.EmailKeyIn(keys...))
		addrIDs := []int{}
		rows, err := tx.Order.Query().Where(theirs).Select(order.FieldShippingAddressID, order.FieldBillingAddressID).All(ctx)
		if err != nil {
			return err
		}
		for _, o := range rows {
			for _, a := range []*int{o.ShippingAddressID, o.BillingAddressID} {
				if a != nil {
					addrIDs = append(addrIDs, *a)
				}
			}
		}
		if len(addrIDs) > 0 {
			// Country, province, city and zip stay: tax is accounted by them.
			if err := tx.MailingAddress.Update().Where(mailingaddress.IDIn(addrIDs...)).
				ClearFirstName().ClearLastName().ClearCompany().ClearAddress1().ClearAddress2().ClearPhone().
				Exec(ctx); err != nil {
				return err
			}
		}
		if err := tx.Order.Update().Where(theirs).
			ClearCustomerID().ClearEmail().ClearEmailKey().ClearPhone().Exec(ctx); err != nil {
			return err
		}
		if err := tx.Cart.Update().Where(cart.BuyerEmailIn(c.Email)).ClearBuyerEmail().ClearBuyerPhone().Exec(ctx); err != nil {
			return err
		}
		if err := tx.LoyaltyAccount.Update().Where(loyaltyaccount.ReferredByID(id)).ClearReferredByID().Exec(ctx); err != nil {
			return err
		}
		ms, err := tx.Membership.Query().Where(membership.CustomerID(id)).IDs(ctx)
		if err != nil {
			return err
		}
		deletes := []func(context.Context) (int, error){
			tx.Cart.Delete().Where(cart.CustomerID(id)).Exec,
			tx.Wishlist.Delete().Where(wishlist.CustomerID(id)).Exec,
			tx.WishlistEvent.Delete().Where(wishlistevent.CustomerID(id)).Exec,
			tx.SavedCart.Delete().Where(savedcart.CustomerID(id)).Exec,
			tx.SupportTicket.Delete().Where(supportticket.CustomerID(id)).Exec,
			tx.LoyaltyRedemption.Delete().Where(loyaltyredemption.CustomerID(id)).Exec,
			tx.LoyaltyEntry.Delete().Where(loyaltyentry.CustomerID(id)).Exec,
			tx.LoyaltyAccount.Delete().Where(loyaltyaccount.CustomerID(id)).Exec,
			tx.MembershipPayment.Delete().Where(membershippayment.MembershipIDIn(ms...)).Exec,
			tx.Membership.Delete().Where(membership.IDIn(ms...)).Exec,
			tx.ConsentEvent.Delete().Where(consentevent.CustomerID(id)).Exec,
			// Messages to the customer go with the row; these are the ones to
			// the address before it had an account (guest orders, codes).
			tx.Notification.Delete().Where(notification.CustomerIDIsNil(), notification.Or(sentTo...)).Exec,
			tx.LoginCode.Delete().Where(logincode.EmailKeyIn(keys...)).Exec,
			// The address leaves companies' ERP contact lists (until the ERP
			// sends it again).
			tx.ErpContact.Delete().Where(erpcontact.EmailKeyIn(keys...)).Exec,
			// Addresses, access tokens and one-time tokens go with the row.
			tx.Customer.Delete().Where(customer.ID(id)).Exec,
		}
		for _, del := range deletes {
			if _, err := del(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil && s.Log != nil {
		s.Log.InfoContext(ctx, "customer erased", "customer_id", id)
	}
	return err
}
