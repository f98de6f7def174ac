package graph

import (
	"accountgraph/ent"
	"accountgraph/graph/model"
	"accountgraph/internal/gid"
	"accountgraph/internal/money"
	"accountgraph/internal/ptr"
	"context"
)

// ID is the resolver for the id field.
func (r *companyResolver) ID(ctx context.Context, obj *ent.Company) (string, error) {
	return gid.Encode("Company", obj.ID), nil
}

// Locations is the resolver for the locations field.
func (r *companyResolver) Locations(ctx context.Context, obj *ent.Company) ([]*ent.CompanyLocation, error) {
	return r.loaders(ctx).LocationsByCompany.Load(ctx, obj.ID)
}

// Contacts is the resolver for the contacts field.
func (r *companyResolver) Contacts(ctx context.Context, obj *ent.Company) ([]*ent.CompanyContact, error) {
	return r.loaders(ctx).ContactsByCompany.Load(ctx, obj.ID)
}

// PendingContacts is the resolver for the pendingContacts field.
func (r *companyResolver) PendingContacts(ctx context.Context, obj *ent.Company) (int, error) {
	return r.Companies.PendingContacts(ctx, obj.ID)
}

// ID is the resolver for the id field.
func (r *companyContactResolver) ID(ctx context.Context, obj *ent.CompanyContact) (string, error) {
	return gid.Encode("CompanyContact", obj.ID), nil
}

// Company is the resolver for the company field.
func (r *companyContactResolver) Company(ctx context.Context, obj *ent.CompanyContact) (*ent.Company, error) {
	return r.loaders(ctx).CompanyByID.Load(ctx, obj.CompanyID)
}

// Customer is the resolver for the customer field.
func (r *companyContactResolver) Customer(ctx context.Context, obj *ent.CompanyContact) (*ent.Customer, error) {
	return r.loaders(ctx).CustomerByID.Load(ctx, obj.CustomerID)
}

// SpendingLimit is the resolver for the spendingLimit field.
func (r *companyContactResolver) SpendingLimit(ctx context.Context, obj *ent.CompanyContact) (*money.V2, error) {
	if obj.SpendingLimit == nil {
		return nil, nil
	}
	return money.NewV2(*obj.SpendingLimit, r.Companies.Currency), nil
}

// Orders is the resolver for the orders field.
func (r *companyContactResolver) Orders(ctx context.Context, obj *ent.CompanyContact, first *int, after *string, last *int, before *string, reverse *bool, sortKey *model.OrderSortKeys, query *string) (*model.OrderConnection, error) {
	return r.contactOrders(ctx, obj, pageArgs(first, after, last, before, reverse), *sortKey, ptr.Deref(query))
}

// ID is the resolver for the id field.
func (r *companyLocationResolver) ID(ctx context.Context, obj *ent.CompanyLocation) (string, error) {
	return gid.Encode("CompanyLocation", obj.ID), nil
}

// CompanyContacts is the resolver for the companyContacts field.
func (r *customerResolver) CompanyContacts(ctx context.Context, obj *ent.Customer) ([]*ent.CompanyContact, error) {
	return r.loaders(ctx).ContactsByCustomer.Load(ctx, obj.ID)
}

// AdminCompanyCreate is the resolver for the adminCompanyCreate field.
func (r *mutationResolver) AdminCompanyCreate(ctx context.Context, input model.AdminCompanyInput) (*model.AdminCompanyPayload, error) {
	c, err := r.Companies.Upsert(ctx, companyInput(input))
	ue, err := adminErrors(err)
	return &model.AdminCompanyPayload{Company: c, UserErrors: ue}, err
}

// AdminCompany is the resolver for the adminCompany field.
func (r *queryResolver) AdminCompany(ctx context.Context, id string) (*ent.Company, error) {
	key, err := gid.Decode(id, "Company")
	if err != nil {
		return nil, nil
	}
	return r.Companies.ByID(ctx, key)
}

// Company returns CompanyResolver implementation.
func (r *Resolver) Company() CompanyResolver { return &companyResolver{r} }

// CompanyContact returns CompanyContactResolver implementation.
func (r *Resolver) CompanyContact() CompanyContactResolver { return &companyContactResolver{r} }

// CompanyLocation returns CompanyLocationResolver implementation.
func (r *Resolver) CompanyLocation() CompanyLocationResolver { return &companyLocationResolver{r} }

type (
	companyResolver         struct{ *Resolver }
	companyContactResolver  struct{ *Resolver }
	companyLocationResolver struct{ *Resolver }
)
