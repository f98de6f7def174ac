package graph

import (
	"accountgraph/ent"
	"accountgraph/graph/model"
	"accountgraph/internal/customer"
	"accountgraph/internal/gid"
	"context"
)

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
