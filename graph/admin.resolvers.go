package graph

import (
	"accountgraph/ent"
	entcustomer "accountgraph/ent/customer"
	"accountgraph/graph/model"
	"accountgraph/internal/customer"
	"accountgraph/internal/gid"
	"accountgraph/internal/money"
	"accountgraph/internal/oidc"
	"accountgraph/internal/ptr"
	"accountgraph/internal/settings"
	"context"
	"strings"
)

// MultipassEnabled is the resolver for the multipassEnabled field.
func (r *accountSettingsResolver) MultipassEnabled(ctx context.Context, obj *ent.ShopSettings) (bool, error) {
	return obj.MultipassSecret != nil, nil
}

// HasAccount is the resolver for the hasAccount field.
func (r *customerResolver) HasAccount(ctx context.Context, obj *ent.Customer) (bool, error) {
	return obj.State != entcustomer.StateINVITED, nil
}

// AmountSpent is the resolver for the amountSpent field.
func (r *customerResolver) AmountSpent(ctx context.Context, obj *ent.Customer) (*money.V2, error) {
	return money.NewV2(obj.AmountSpent, r.Customers.Currency), nil
}

// AdminAccountSettingsUpdate is the resolver for the adminAccountSettingsUpdate field.
func (r *mutationResolver) AdminAccountSettingsUpdate(ctx context.Context, input model.AccountSettingsInput) (*model.AccountSettingsPayload, error) {
	in := settings.Input{Passwordless: input.Passwordless, AllowedEmailDomains: input.AllowedEmailDomains, SetDomains: input.AllowedEmailDomains != nil,
		ReturnWindowDays: input.ReturnWindowDays, ReturnInstructions: input.ReturnInstructions}
	if input.Accounts != nil {
		in.Accounts = ptr.To(string(*input.Accounts))
	}
	if input.Registration != nil {
		in.Registration = ptr.To(string(*input.Registration))
	}
	if input.TwoFactor != nil {
		in.TwoFactor = ptr.To(string(*input.TwoFactor))
	}
	st, err := r.Settings.Update(ctx, in)
	ue, err := adminErrors(err)
	return &model.AccountSettingsPayload{Settings: st, UserErrors: ue}, err
}

// AdminCustomerInvite is the resolver for the adminCustomerInvite field.
func (r *mutationResolver) AdminCustomerInvite(ctx context.Context, input model.AdminCustomerInviteInput) (*model.AdminCustomerInvitePayload, error) {
	c, err := r.Customers.Invite(ctx, customer.InviteInput{Email: input.Email, FirstName: input.FirstName, LastName: input.LastName, Message: input.Message})
	cue, _, err := userErrors(err)
	return &model.AdminCustomerInvitePayload{Customer: c, CustomerUserErrors: cue}, err
}

// AdminCustomersInvite is the resolver for the adminCustomersInvite field.
func (r *mutationResolver) AdminCustomersInvite(ctx context.Context, inputs []*model.AdminCustomerInviteInput) (*model.AdminCustomersInvitePayload, error) {
	in := make([]customer.InviteInput, len(inputs))
	for i, v := range inputs {
		in[i] = customer.InviteInput{Email: v.Email, FirstName: v.FirstName, LastName: v.LastName, Message: v.Message}
	}
	cs, err := r.Customers.InviteMany(ctx, in)
	ue, err := adminErrors(err)
	return &model.AdminCustomersInvitePayload{Customers: cs, UserErrors: ue}, err
}

// AdminCustomerUpdate is the resolver for the adminCustomerUpdate field.
func (r *mutationResolver) AdminCustomerUpdate(ctx context.Context, id string, input model.AdminCustomerUpdateInput) (*model.AdminCustomerUpdatePayload, error) {
	in := customer.AdminUpdate{Tags: input.Tags, Note: input.Note}
	if input.State != nil {
		in.State = ptr.To(string(*input.State))
	}
	c, err := r.Customers.AdminUpdate(ctx, id, in)
	ue, err := adminErrors(err)
	return &model.AdminCustomerUpdatePayload{Customer: c, UserErrors: ue}, err
}

// AdminCustomersImport is the resolver for the adminCustomersImport field.
func (r *mutationResolver) AdminCustomersImport(ctx context.Context, csv string, skipInvalid *bool) (*model.AdminCustomersImportPayload, error) {
	res, err := r.Customers.Import(ctx, strings.NewReader(csv), skipInvalid != nil && *skipInvalid)
	ue, err := adminErrors(err)
	out := &model.AdminCustomersImportPayload{Report: []*model.AdminImportRowError{}, UserErrors: ue}
	if res == nil {
		return out, err
	}
	out.Created, out.Updated, out.Skipped, out.ErrorCount = res.Created, res.Updated, res.Skipped, res.ErrorCount
	for _, e := range res.Errors {
		out.Report = append(out.Report, &model.AdminImportRowError{Row: e.Row, Column: ptr.NilIfEmpty(e.Column),
			Code: codeOr(e.Code, model.AdminErrorCodeInvalid), Message: e.Message})
	}
	return out, err
}

// AdminMultipassSecretRotate is the resolver for the adminMultipassSecretRotate field.
func (r *mutationResolver) AdminMultipassSecretRotate(ctx context.Context, disable *bool) (*model.AdminMultipassSecretRotatePayload, error) {
	secret, err := r.Settings.RotateMultipassSecret(ctx, disable != nil && *disable)
	ue, err := adminErrors(err)
	return &model.AdminMultipassSecretRotatePayload{Secret: secret, UserErrors: ue}, err
}

// AdminCustomerAccountClientCreate is the resolver for the adminCustomerAccountClientCreate field.
func (r *mutationResolver) AdminCustomerAccountClientCreate(ctx context.Context, input model.CustomerAccountClientInput) (*model.CustomerAccountClientCreatePayload, error) {
	c, secret, err := r.OIDC.CreateClient(ctx, oidc.ClientInput{Name: input.Name, Confidential: ptr.Deref(input.Confidential),
		RedirectURIs: input.RedirectUris, PostLogoutURIs: input.PostLogoutRedirectUris, AllowedOrigins: input.AllowedOrigins})
	ue, err := adminErrors(err)
	return &model.CustomerAccountClientCreatePayload{Client: c, ClientSecret: ptr.NilIfEmpty(secret), UserErrors: ue}, err
}

// AdminCustomerAccountClientDelete is the resolver for the adminCustomerAccountClientDelete field.
func (r *mutationResolver) AdminCustomerAccountClientDelete(ctx context.Context, clientID string) (*model.CustomerAccountClientDeletePayload, error) {
	ue, err := adminErrors(r.OIDC.DeleteClient(ctx, clientID))
	if len(ue) > 0 || err != nil {
		return &model.CustomerAccountClientDeletePayload{UserErrors: ue}, err
	}
	return &model.CustomerAccountClientDeletePayload{DeletedClientID: &clientID, UserErrors: ue}, nil
}

// AdminCustomer is the resolver for the adminCustomer field.
func (r *queryResolver) AdminCustomer(ctx context.Context, id string) (*ent.Customer, error) {
	key, err := gid.Decode(id, "Customer")
	if err != nil {
		return nil, nil
	}
	c, err := r.Customers.ByID(ctx, key)
	return r.rootCustomer(ctx, c, err)
}

// AdminCustomers is the resolver for the adminCustomers field.
func (r *queryResolver) AdminCustomers(ctx context.Context, first *int, after *string, last *int, before *string, query *string, sortKey *model.AdminCustomerSortKeys, reverse *bool) (*model.CustomerConnection, error) {
	p, err := r.Customers.List(ctx, pageArgs(first, after, last, before, reverse), ptr.Deref(query), string(*sortKey))
	if err != nil {
		return nil, err
	}
	r.loaders(ctx).ExpectCustomers(p.Items)
	conn := &model.CustomerConnection{Nodes: p.Items, PageInfo: pageInfo(p), Edges: make([]*model.CustomerEdge, len(p.Items))}
	for i, c := range p.Items {
		conn.Edges[i] = &model.CustomerEdge{Cursor: p.Cursor(i), Node: c}
	}
	return conn, nil
}

// AdminAccountSettings is the resolver for the adminAccountSettings field.
func (r *queryResolver) AdminAccountSettings(ctx context.Context) (*ent.ShopSettings, error) {
	return r.Settings.Get(ctx)
}

// AdminCustomerAccountClients is the resolver for the adminCustomerAccountClients field.
func (r *queryResolver) AdminCustomerAccountClients(ctx context.Context) ([]*oidc.Client, error) {
	cs, err := r.OIDC.ListClients(ctx)
	out := make([]*oidc.Client, len(cs))
	for i := range cs {
		out[i] = &cs[i]
	}
	return out, err
}

// AccountSettings returns AccountSettingsResolver implementation.
func (r *Resolver) AccountSettings() AccountSettingsResolver { return &accountSettingsResolver{r} }

type accountSettingsResolver struct{ *Resolver }
