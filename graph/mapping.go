package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"accountgraph/ent"
	"accountgraph/graph/model"
	"accountgraph/internal/customer"
	"accountgraph/internal/gid"
	"accountgraph/internal/page"
	"accountgraph/internal/ptr"
)

// updateCustomer is customerUpdate's body; it lives here because the
// mutation's argument is named like the customer package.
func (r *mutationResolver) updateCustomer(ctx context.Context, token string, in model.CustomerUpdateInput) (*model.CustomerUpdatePayload, error) {
	// A name sent as null is cleared (the service clears an empty one).
	clearable := func(o graphql.Omittable[*string]) *string {
		if o.IsSet() && o.Value() == nil {
			return ptr.To("")
		}
		return o.Value()
	}
	c, t, err := r.Customers.Update(ctx, token, customer.UpdateInput{
		Email: in.Email, Password: in.Password, FirstName: clearable(in.FirstName), LastName: clearable(in.LastName),
		Phone: in.Phone.Value(), ClearPhone: in.Phone.IsSet() && in.Phone.Value() == nil,
		AcceptsMarketing: in.AcceptsMarketing, Birthday: in.Birthday.Value(), SetBirthday: in.Birthday.IsSet(),
	})
	cue, ue, err := userErrors(err)
	return &model.CustomerUpdatePayload{Customer: c, CustomerAccessToken: accessToken(t), CustomerUserErrors: cue, UserErrors: ue}, err
}

// addressInput maps a MailingAddressInput, noting which fields were sent
// (an update changes only those).
func addressInput(in model.MailingAddressInput) customer.AddressInput {
	given := map[string]bool{}
	value := func(name string, o graphql.Omittable[*string]) *string {
		if o.IsSet() {
			given[name] = true
		}
		return o.Value()
	}
	return customer.AddressInput{
		Address1: value("address1", in.Address1), Address2: value("address2", in.Address2), City: value("city", in.City),
		Company: value("company", in.Company), Country: value("country", in.Country), FirstName: value("firstName", in.FirstName),
		LastName: value("lastName", in.LastName), Phone: value("phone", in.Phone), Province: value("province", in.Province),
		Zip: value("zip", in.Zip), Given: given,
	}
}

// defaultAddress loads a customer's default address through the request's
// loader; an address of someone else is never returned.
func (r *Resolver) defaultAddress(ctx context.Context, c *ent.Customer) (*ent.MailingAddress, error) {
	if c.DefaultAddressID == nil {
		return nil, nil
	}
	if onlyFieldsRequested(ctx, "id", "__typename") {
		// Only its ID (an address book's "default" mark): the customer's row
		// has it, the foreign key (ON DELETE SET NULL) says the address is
		// there, and every write sets it to one of the customer's own.
		return &ent.MailingAddress{ID: *c.DefaultAddressID, CustomerID: c.ID}, nil
	}
	a, err := r.loaders(ctx).AddressByID.Load(ctx, *c.DefaultAddressID)
	if err != nil || a == nil || a.CustomerID != c.ID {
		return nil, err
	}
	return a, nil
}

func (r *Resolver) addressPage(ctx context.Context, c *ent.Customer, args page.Args) (page.Page[*ent.MailingAddress], error) {
	spec, err := page.ByID(args, "id", func(a *ent.MailingAddress) int { return a.ID })
	if err != nil {
		return page.Page[*ent.MailingAddress]{}, err
	}
	return r.loaders(ctx).AddressPages.Load(ctx, c.ID, spec)
}

// node serves the public objects (products, variants, collections) and orders whose ID
// carries their status key; customer data is never reachable this way.
func (r *Resolver) node(ctx context.Context, id string) (model.Node, error) {
	typ, key, query, err := gid.Parse(id)
	if err != nil {
		return nil, nil
	}
	l := r.loaders(ctx)
	switch typ {
	case "Product":
		if p, err := l.ProductByID.Load(ctx, key); err != nil || p != nil {
			return p, err
		}
	case "ProductVariant":
		if v, err := l.VariantByID.Load(ctx, key); err != nil || v != nil {
			return v, err
		}
	case "Collection":
		if c, err := l.CollectionByID.Load(ctx, key); err != nil || c != nil {
			return c, err
		}
	case "Order":
		if o, err := r.Orders.ByStatusLink(ctx, key, query); err != nil || o != nil {
			return o, err
		}
	case "Cart":
		if c, err := r.Carts.ByID(ctx, id); err != nil || c != nil {
			return c, err
		}
	}
	return nil, nil
}
