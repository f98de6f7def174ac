package loaders

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	"accountgraph/ent/communicationpreference"
	"accountgraph/ent/customeraccesstoken"
	"accountgraph/ent/linkedidentity"
	"accountgraph/ent/mailingaddress"
)

// Customer loaders: addresses, communication preferences, linked
// identities and sessions.
type customerLoaders struct {
	AddressByID  *Keyed[int, *ent.MailingAddress]
	AddressPages *Pages[*ent.MailingAddress]
	// Communication is a customer's stored communication preferences.
	Communication *Keyed[int, []*ent.CommunicationPreference]
	// LinkedIdentities are a customer's social sign-in identities.
	LinkedIdentities *Keyed[int, []*ent.LinkedIdentity]
	// SessionPages are customers' access tokens.
	SessionPages *Pages[*ent.CustomerAccessToken]
}

var addressRows = newRowReader[ent.MailingAddress]("MailingAddress", mailingaddress.Table)

func (l *Loaders) newCustomer(db *ent.Client) {
	addressColumns := []string{mailingaddress.FieldID, mailingaddress.FieldCustomerID}
	l.AddressByID = newKeyed(byID(narrowByID(l, addressRows, addressColumns, func(ctx context.Context, ids []int) ([]*ent.MailingAddress, error) {
		return db.MailingAddress.Query().Where(mailingaddress.IDIn(ids...)).All(ctx)
	}), func(v *ent.MailingAddress) int { return v.ID }))
	l.AddressPages = perCustomer(&l.byCustomer, newPages(mailingaddress.FieldCustomerID, narrowPages(l, addressRows, mailingaddress.FieldCustomerID, addressColumns, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.MailingAddress, error) {
		return db.MailingAddress.Query().Where(mailingaddress.CustomerIDIn(parents...)).Modify(mod).All(ctx)
	}), func(v *ent.MailingAddress) int { return v.CustomerID }))
	l.Communication = perCustomer(&l.byCustomer, newKeyed(groupBy(func(ctx context.Context, ids []int) ([]*ent.CommunicationPreference, error) {
		return db.CommunicationPreference.Query().Where(communicationpreference.CustomerIDIn(ids...)).All(ctx)
	}, func(p *ent.CommunicationPreference) int { return p.CustomerID })))
	l.LinkedIdentities = perCustomer(&l.byCustomer, newKeyed(groupBy(func(ctx context.Context, ids []int) ([]*ent.LinkedIdentity, error) {
		return db.LinkedIdentity.Query().Where(linkedidentity.CustomerIDIn(ids...)).Order(ent.Asc(linkedidentity.FieldID)).All(ctx)
	}, func(i *ent.LinkedIdentity) int { return i.CustomerID })))
	l.SessionPages = perCustomer(&l.byCustomer, newPages(customeraccesstoken.FieldCustomerID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.CustomerAccessToken, error) {
		return db.CustomerAccessToken.Query().Where(customeraccesstoken.CustomerIDIn(parents...)).Modify(mod).All(ctx)
	}, func(v *ent.CustomerAccessToken) int { return v.CustomerID }))
}
