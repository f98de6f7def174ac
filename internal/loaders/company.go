package loaders

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	"accountgraph/ent/company"
	"accountgraph/ent/companycontact"
	"accountgraph/ent/companylocation"
	"accountgraph/ent/customer"
	"accountgraph/ent/order"
)

// B2B loaders: a customer's contacts, a contact's company, a company's
// locations and contacts, the contacts' customers, and a company's orders.
type companyLoaders struct {
	ContactsByCustomer *Keyed[int, []*ent.CompanyContact]
	ContactsByCompany  *Keyed[int, []*ent.CompanyContact]
	CompanyByID        *Keyed[int, *ent.Company]
	LocationsByCompany *Keyed[int, []*ent.CompanyLocation]
	CustomerByID       *Keyed[int, *ent.Customer]
	// CompanyOrderPages are companies' orders (what an ADMIN contact sees).
	CompanyOrderPages       *Pages[*ent.Order]
	CompanyOrderTotalCounts *Counts
}

func (l *Loaders) newCompany(db *ent.Client) {
	l.ContactsByCustomer = perCustomer(&l.byCustomer, newKeyed(groupBy(func(ctx context.Context, ids []int) ([]*ent.CompanyContact, error) {
		return db.CompanyContact.Query().Where(companycontact.CustomerIDIn(ids...)).Order(ent.Asc(companycontact.FieldID)).All(ctx)
	}, func(c *ent.CompanyContact) int { return c.CustomerID })))
	l.ContactsByCompany = newKeyed(groupBy(func(ctx context.Context, ids []int) ([]*ent.CompanyContact, error) {
		return db.CompanyContact.Query().Where(companycontact.CompanyIDIn(ids...)).Order(ent.Asc(companycontact.FieldID)).All(ctx)
	}, func(c *ent.CompanyContact) int { return c.CompanyID }))
	l.CompanyByID = newKeyed(byID(func(ctx context.Context, ids []int) ([]*ent.Company, error) {
		return db.Company.Query().Where(company.IDIn(ids...)).All(ctx)
	}, func(c *ent.Company) int { return c.ID }))
	l.LocationsByCompany = newKeyed(groupBy(func(ctx context.Context, ids []int) ([]*ent.CompanyLocation, error) {
		return db.CompanyLocation.Query().Where(companylocation.CompanyIDIn(ids...)).Order(ent.Asc(companylocation.FieldID)).All(ctx)
	}, func(c *ent.CompanyLocation) int { return c.CompanyID }))
	l.CustomerByID = newKeyed(byID(func(ctx context.Context, ids []int) ([]*ent.Customer, error) {
		return db.Customer.Query().Where(customer.IDIn(ids...)).All(ctx)
	}, func(c *ent.Customer) int { return c.ID }))
	l.CompanyOrderPages = newPages(order.FieldCompanyID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.Order, error) {
		return db.Order.Query().Where(order.CompanyIDIn(parents...)).Modify(mod).All(ctx)
	}, func(o *ent.Order) int { return *o.CompanyID })
	l.CompanyOrderTotalCounts = orderCounts(db, l.CompanyOrderPages, order.FieldCompanyID)
	// A company's orders load their children as a customer's do.
	l.CompanyOrderPages.after = l.OrderPages.after
	// A customer's contacts tell which companies load next.
	l.ContactsByCustomer.after = func(all map[int][]*ent.CompanyContact) {
		for _, cs := range all {
			for _, c := range cs {
				l.CompanyByID.Expect(c.CompanyID)
				l.LocationsByCompany.Expect(c.CompanyID)
				l.CompanyOrderPages.Expect(c.CompanyID)
			}
		}
	}
}
