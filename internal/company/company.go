// Package company holds B2B: companies synchronised from the shop's ERP
// with their locations and contact list, the contacts (customers who buy
// for a company, as ADMIN or BUYER with a spending limit), and the instant
// B2B account of a person on the contact list once their email is proven.
package company

import (
	"context"
	"fmt"
	"strings"

	"entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	entcompany "accountgraph/ent/company"
	"accountgraph/ent/companycontact"
	"accountgraph/ent/companylocation"
	entcustomer "accountgraph/ent/customer"
	"accountgraph/ent/erpcontact"
	"accountgraph/internal/apperr"
	"accountgraph/internal/customer"
	"accountgraph/internal/db"
	"accountgraph/internal/money"
)

// Limits of one synchronisation.
const (
	MaxLocations = 100
	MaxContacts  = 1000
)

// Service runs the B2B rules.
type Service struct {
	DB       *ent.Client
	Currency string // spending limits are in the shop's currency
}

// LocationInput is a location of a synchronised company.
type LocationInput struct{ ExternalID, Name string }

// ContactInput is an entry of the ERP's contact list.
type ContactInput struct {
	Email         string
	Role          string // ADMIN or BUYER
	SpendingLimit *string
}

// Input is a company as the ERP has it.
type Input struct {
	ExternalID, Name string
	Note             *string
	Locations        []LocationInput
	Contacts         []ContactInput
}

type validContact struct {
	key   string
	role  erpcontact.Role
	limit *int64
}

func (s *Service) validate(in Input) (Input, []validContact, error) {
	var errs apperr.FieldErrors
	text := func(field []string, label, v string, max int) string {
		v, err := apperr.RequiredText(field, label, v, max, true)
		if fe, ok := err.(apperr.FieldErrors); ok {
			errs = append(errs, fe...)
		}
		return v
	}
	in.ExternalID = text(apperr.Path("input", "externalId"), "External ID", in.ExternalID, 255)
	in.Name = text(apperr.Path("input", "name"), "Name", in.Name, 255)
	if in.Note != nil {
		n := strings.TrimSpace(*in.Note)
		if len([]rune(n)) > 5000 {
			errs.Add(apperr.Path("input", "note"), apperr.CodeTooLong, "Note is too long (maximum is 5000 characters)")
		}
		in.Note = &n
	}
	if len(in.Locations) > MaxLocations {
		errs.Add(apperr.Path("input", "locations"), apperr.CodeTooMany, fmt.Sprintf("At most %d locations", MaxLocations))
	}
	seenLoc := map[string]bool{}
	for i, l := range in.Locations {
		in.Locations[i].ExternalID = text(apperr.Path("input", "locations", i, "externalId"), "External ID", l.ExternalID, 255)
		in.Locations[i].Name = text(apperr.Path("input", "locations", i, "name"), "Name", l.Name, 255)
		if seenLoc[in.Locations[i].ExternalID] {
			errs.Add(apperr.Path("input", "locations", i, "externalId"), apperr.CodeTaken, "Another location has this external ID")
		}
		seenLoc[in.Locations[i].ExternalID] = true
	}
	if len(in.Contacts) > MaxContacts {
		errs.Add(apperr.Path("input", "contacts"), apperr.CodeTooMany, fmt.Sprintf("At most %d contacts", MaxContacts))
	}
	contacts := make([]validContact, 0, len(in.Contacts))
	seen := map[string]bool{}
	for i, c := range in.Contacts {
		field := apperr.Path("input", "contacts", i, "email")
		before := len(errs)
		key := customer.EmailKey(customer.CheckEmail(&errs, field, c.Email))
		if len(errs) > before {
			continue
		}
		if seen[key] {
			errs.Add(field, apperr.CodeTaken, "The email is on the list twice")
		}
		seen[key] = true
		v := validContact{key: key, role: erpcontact.Role(c.Role)}
		if c.SpendingLimit != nil {
			n, err := money.Parse(*c.SpendingLimit, s.Currency)
			if err != nil {
				errs.Add(apperr.Path("input", "contacts", i, "spendingLimit"), apperr.CodeInvalid, "Spending limit must be an amount in "+s.Currency)
			}
			v.limit = &n
		}
		contacts = append(contacts, v)
	}
	return in, contacts, errs.Err()
}

// Upsert creates or updates a company from its ERP record, by external ID:
// its locations (by external ID; missing ones stay, as orders refer to
// them) and its contact list, which replaces the previous one. People on
// the list whose account has a proven email become contacts at once (with
// the list's role and limit); contacts no longer on the list stop being
// contacts.
func (s *Service) Upsert(ctx context.Context, in Input) (*ent.Company, error) {
	in, contacts, err := s.validate(in)
	if err != nil {
		return nil, err
	}
	var out *ent.Company
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		err := tx.Company.Create().SetExternalID(in.ExternalID).SetName(in.Name).SetNillableNote(in.Note).
			OnConflictColumns(entcompany.FieldExternalID).UpdateNewValues().Exec(ctx)
		if err != nil {
			return err
		}
		c, err := tx.Company.Query().Where(entcompany.ExternalID(in.ExternalID)).Only(ctx)
		if err != nil {
			return err
		}
		if len(in.Locations) > 0 {
			bulk := make([]*ent.CompanyLocationCreate, len(in.Locations))
			for i, l := range in.Locations {
				bulk[i] = tx.CompanyLocation.Create().SetCompanyID(c.ID).SetExternalID(l.ExternalID).SetName(l.Name)
			}
			if err := tx.CompanyLocation.CreateBulk(bulk...).OnConflictColumns(companylocation.FieldCompanyID, companylocation.FieldExternalID).
				UpdateNewValues().Exec(ctx); err != nil {
				return err
			}
		}
		keys := make([]string, len(contacts))
		for i, v := range contacts {
			keys[i] = v.key
		}
		if _, err := tx.ErpContact.Delete().Where(erpcontact.CompanyID(c.ID), erpcontact.EmailKeyNotIn(keys...)).Exec(ctx); err != nil {
			return err
		}
		// Contacts whose email left the list lose access to the company.
		if _, err := tx.CompanyContact.Delete().Where(companycontact.CompanyID(c.ID),
			companycontact.HasCustomerWith(entcustomer.EmailKeyNotIn(keys...))).Exec(ctx); err != nil {
			return err
		}
		if len(contacts) > 0 {
			bulk := make([]*ent.ErpContactCreate, len(contacts))
			for i, v := range contacts {
				bulk[i] = tx.ErpContact.Create().SetCompanyID(c.ID).SetEmailKey(v.key).SetRole(v.role).SetNillableSpendingLimit(v.limit)
			}
			// Role and limit follow the list, also when it drops a limit.
			if err := tx.ErpContact.CreateBulk(bulk...).OnConflictColumns(erpcontact.FieldCompanyID, erpcontact.FieldEmailKey).
				Update(func(u *ent.ErpContactUpsert) {
					u.UpdateRole()
					u.UpdateSpendingLimit()
				}).Exec(ctx); err != nil {
				return err
			}
			proven, err := tx.Customer.Query().Where(entcustomer.EmailKeyIn(keys...), entcustomer.EmailVerified(true)).
				Select(entcustomer.FieldID, entcustomer.FieldEmailKey).All(ctx)
			if err != nil {
				return err
			}
			// The list is in hand: one statement for all of them.
			byKey := make(map[string]validContact, len(contacts))
			for _, v := range contacts {
				byKey[v.key] = v
			}
			claims := make([]*ent.CompanyContactCreate, len(proven))
			for i, cu := range proven {
				v := byKey[cu.EmailKey]
				claims[i] = tx.CompanyContact.Create().SetCompanyID(c.ID).SetCustomerID(cu.ID).
					SetRole(companycontact.Role(v.role)).SetNillableSpendingLimit(v.limit)
			}
			if err := upsertContacts(ctx, tx, claims); err != nil {
				return err
			}
		}
		out = c
		return nil
	})
	return out, err
}

// EmailProven makes the customer a contact of every company whose ERP
// contact list has the address (customer.B2BHook; in the transaction that
// proved it).
func (s *Service) EmailProven(ctx context.Context, tx *ent.Tx, customerID int, emailKey string) error {
	entries, err := tx.ErpContact.Query().Where(erpcontact.EmailKey(emailKey)).All(ctx)
	if err != nil {
		return err
	}
	bulk := make([]*ent.CompanyContactCreate, len(entries))
	for i, e := range entries {
		bulk[i] = tx.CompanyContact.Create().SetCompanyID(e.CompanyID).SetCustomerID(customerID).
			SetRole(companycontact.Role(e.Role)).SetNillableSpendingLimit(e.SpendingLimit)
	}
	return upsertContacts(ctx, tx, bulk)
}

// upsertContacts creates contacts, or gives existing ones the list's role
// and limit (also none), in one statement.
func upsertContacts(ctx context.Context, tx *ent.Tx, bulk []*ent.CompanyContactCreate) error {
	if len(bulk) == 0 {
		return nil
	}
	return tx.CompanyContact.CreateBulk(bulk...).OnConflictColumns(companycontact.FieldCompanyID, companycontact.FieldCustomerID).
		Update(func(u *ent.CompanyContactUpsert) {
			u.UpdateRole()
			u.UpdateSpendingLimit()
		}).Exec(ctx)
}

// ByID returns a company for the Admin API (nil when unknown).
func (s *Service) ByID(ctx context.Context, id int) (*ent.Company, error) {
	c, err := s.DB.Company.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return c, err
}

// CheckOrder checks a B2B order before it is ingested: the location
// exists, the customer is a contact of its company, and a buyer's order
// stays within the spending limit (orders in the shop's currency). It
// returns the company's ID.
func (s *Service) CheckOrder(ctx context.Context, locationID, customerID int, total int64, currency string, field []string) (int, error) {
	loc, err := s.DB.CompanyLocation.Get(ctx, locationID)
	if ent.IsNotFound(err) {
		return 0, apperr.Invalid(field, apperr.CodeNotFound, "Company location does not exist")
	}
	if err != nil {
		return 0, err
	}
	contact, err := s.DB.CompanyContact.Query().Where(companycontact.CompanyID(loc.CompanyID), companycontact.CustomerID(customerID)).Only(ctx)
	if ent.IsNotFound(err) {
		return 0, apperr.Invalid(field, apperr.CodeNotAllowed, "The customer is not a contact of this company")
	}
	if err != nil {
		return 0, err
	}
	if contact.Role == companycontact.RoleBUYER && contact.SpendingLimit != nil && currency == s.Currency && total > *contact.SpendingLimit {
		return 0, apperr.Invalid(field, apperr.CodeNotAllowed, "The order is over the buyer's spending limit of "+money.Format(*contact.SpendingLimit, s.Currency))
	}
	return loc.CompanyID, nil
}

// OnlyCompany narrows an order query to one company.
func OnlyCompany(companyID int) func(*sql.Selector) {
	return func(s *sql.Selector) { s.Where(sql.EQ(s.C("company_id"), companyID)) }
}

// PendingContacts counts the people on a company's contact list who are
// not contacts yet (no account with the email proven).
func (s *Service) PendingContacts(ctx context.Context, companyID int) (int, error) {
	listed, err := s.DB.ErpContact.Query().Where(erpcontact.CompanyID(companyID)).Count(ctx)
	if err != nil {
		return 0, err
	}
	contacts, err := s.DB.CompanyContact.Query().Where(companycontact.CompanyID(companyID)).Count(ctx)
	return listed - contacts, err
}
