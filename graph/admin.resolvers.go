package graph

import (
	"accountgraph/ent"
	"accountgraph/graph/model"
	"accountgraph/internal/customer"
	"accountgraph/internal/gid"
	"accountgraph/internal/settings"
	"context"
)

// AdminAccountSettingsUpdate is the resolver for the adminAccountSettingsUpdate field.
func (r *mutationResolver) AdminAccountSettingsUpdate(ctx context.Context, input model.AccountSettingsInput) (*model.AccountSettingsPayload, error) {
	in := settings.Input{Passwordless: input.Passwordless, AllowedEmailDomains: input.AllowedEmailDomains, SetDomains: input.AllowedEmailDomains != nil}
	if input.Accounts != nil {
		in.Accounts = ptr(string(*input.Accounts))
	}
	if input.Registration != nil {
		in.Registration = ptr(string(*input.Registration))
	}
	if input.TwoFactor != nil {
		in.TwoFactor = ptr(string(*input.TwoFactor))
	}
	st, err := r.Settings.Update(ctx, in)
	ue, err := adminErrors(err)
	return &model.AccountSettingsPayload{Settings: st, UserErrors: ue}, err
}

// AdminCustomerInvite is the resolver for the adminCustomerInvite field.
func (r *mutationResolver) AdminCustomerInvite(ctx context.Context, input model.AdminCustomerInviteInput) (*model.AdminCustomerInvitePayload, error) {
	c, err := r.Customers.Invite(ctx, customer.InviteInput{Email: input.Email, FirstName: input.FirstName, LastName: input.LastName})
	cue, _, err := userErrors(err)
	return &model.AdminCustomerInvitePayload{Customer: c, CustomerUserErrors: cue}, err
}

// AdminCustomer is the resolver for the adminCustomer field.
func (r *queryResolver) AdminCustomer(ctx context.Context, id string) (*ent.Customer, error) {
	key, err := gid.Decode(id, "Customer")
	if err != nil {
		return nil, nil
	}
	return r.Customers.ByID(ctx, key)
}

// AdminCustomers is the resolver for the adminCustomers field.
func (r *queryResolver) AdminCustomers(ctx context.Context, first *int, after *string, last *int, before *string, query *string, sortKey *model.AdminCustomerSortKeys, reverse *bool) (*model.CustomerConnection, error) {
	p, err := r.Customers.List(ctx, pageArgs(first, after, last, before, reverse), deref(query), string(*sortKey))
	if err != nil {
		return nil, err
	}
	r.loaders(ctx).ExpectCustomers(p.Items)
	conn := &model.CustomerConnection{Nodes: p.Items, PageInfo: pageInfo(p), Edges: make([]*model.CustomerEdge, len(p.Items))}
	for i, c := range p.Items {
		conn.Edges[i] = &model.CustomerEdge{Cursor: p.Cursors[i], Node: c}
	}
	return conn, nil
}

// AdminAccountSettings is the resolver for the adminAccountSettings field.
func (r *queryResolver) AdminAccountSettings(ctx context.Context) (*ent.ShopSettings, error) {
	return r.Settings.Get(ctx)
}
