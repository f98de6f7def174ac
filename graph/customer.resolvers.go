package graph

import (
	"accountgraph/ent"
	"accountgraph/graph/model"
	"accountgraph/internal/customer"
	"accountgraph/internal/gid"
	"accountgraph/internal/ptr"
	"context"
	"slices"
)

// ID is the resolver for the id field.
func (r *customerResolver) ID(ctx context.Context, obj *ent.Customer) (string, error) {
	return gid.Encode("Customer", obj.ID), nil
}

// DisplayName is the resolver for the displayName field.
func (r *customerResolver) DisplayName(ctx context.Context, obj *ent.Customer) (string, error) {
	return customer.DisplayName(obj), nil
}

// AvatarURL is the resolver for the avatarUrl field.
func (r *customerResolver) AvatarURL(ctx context.Context, obj *ent.Customer) (*string, error) {
	return nil, nil
}

// DefaultAddress is the resolver for the defaultAddress field.
func (r *customerResolver) DefaultAddress(ctx context.Context, obj *ent.Customer) (*ent.MailingAddress, error) {
	return r.defaultAddress(ctx, obj)
}

// Addresses is the resolver for the addresses field.
func (r *customerResolver) Addresses(ctx context.Context, obj *ent.Customer, first *int, after *string, last *int, before *string, reverse *bool) (*model.MailingAddressConnection, error) {
	p, err := r.addressPage(ctx, obj, pageArgs(first, after, last, before, reverse))
	if err != nil {
		return nil, err
	}
	edges, info := connection(ctx, p, func(c string, a *ent.MailingAddress) *model.MailingAddressEdge {
		return &model.MailingAddressEdge{Cursor: c, Node: a}
	})
	return &model.MailingAddressConnection{Edges: edges, Nodes: p.Items, PageInfo: info}, nil
}

// NumberOfOrders is the resolver for the numberOfOrders field.
func (r *customerResolver) NumberOfOrders(ctx context.Context, obj *ent.Customer) (uint64, error) {
	n, err := r.loaders(ctx).OrderCount.Load(ctx, obj.ID)
	return uint64(n), err
}

// CustomerCreate is the resolver for the customerCreate field.
func (r *mutationResolver) CustomerCreate(ctx context.Context, input model.CustomerCreateInput) (*model.CustomerCreatePayload, error) {
	c, err := r.Customers.Create(ctx, customer.CreateInput{
		Email: input.Email, Password: input.Password, FirstName: input.FirstName, LastName: input.LastName,
		Phone: input.Phone, AcceptsMarketing: input.AcceptsMarketing, ReferralCode: input.ReferralCode,
	})
	cue, ue, err := userErrors(err)
	return &model.CustomerCreatePayload{Customer: c, CustomerUserErrors: cue, UserErrors: ue}, err
}

// CustomerAccessTokenCreate is the resolver for the customerAccessTokenCreate field.
func (r *mutationResolver) CustomerAccessTokenCreate(ctx context.Context, input model.CustomerAccessTokenCreateInput) (*model.CustomerAccessTokenCreatePayload, error) {
	t, err := r.Customers.Login(ctx, input.Email, input.Password, input.TotpCode)
	tue, cue, err := twoFactorErrors(err)
	// Only the second factor's own errors go to twoFactorUserErrors.
	tue = slices.DeleteFunc(tue, func(e *model.TwoFactorUserError) bool { return e.Code == nil })
	return &model.CustomerAccessTokenCreatePayload{CustomerAccessToken: accessToken(t), CustomerUserErrors: cue,
		UserErrors: plainErrors(cue), TwoFactorUserErrors: tue}, err
}

// CustomerAccessTokenCreateWithMultipass is the resolver for the customerAccessTokenCreateWithMultipass field.
func (r *mutationResolver) CustomerAccessTokenCreateWithMultipass(ctx context.Context, multipassToken string) (*model.CustomerAccessTokenCreateWithMultipassPayload, error) {
	t, err := r.Customers.SignInWithMultipass(ctx, multipassToken)
	cue, _, err := userErrors(err)
	return &model.CustomerAccessTokenCreateWithMultipassPayload{CustomerAccessToken: accessToken(t), CustomerUserErrors: cue}, err
}

// CustomerAccessTokenRenew is the resolver for the customerAccessTokenRenew field.
func (r *mutationResolver) CustomerAccessTokenRenew(ctx context.Context, customerAccessToken string) (*model.CustomerAccessTokenRenewPayload, error) {
	t, err := r.Customers.Renew(ctx, customerAccessToken)
	_, ue, err := userErrors(err)
	return &model.CustomerAccessTokenRenewPayload{CustomerAccessToken: accessToken(t), UserErrors: ue}, err
}

// CustomerAccessTokenDelete is the resolver for the customerAccessTokenDelete field.
func (r *mutationResolver) CustomerAccessTokenDelete(ctx context.Context, customerAccessToken string) (*model.CustomerAccessTokenDeletePayload, error) {
	id, err := r.Customers.DeleteToken(ctx, customerAccessToken)
	_, ue, err := userErrors(err)
	if err != nil || len(ue) > 0 {
		return &model.CustomerAccessTokenDeletePayload{UserErrors: ue}, err
	}
	return &model.CustomerAccessTokenDeletePayload{
		DeletedAccessToken: &customerAccessToken, DeletedCustomerAccessTokenID: ptr.To(gid.Encode("CustomerAccessToken", id)), UserErrors: ue,
	}, nil
}

// CustomerUpdate is the resolver for the customerUpdate field.
func (r *mutationResolver) CustomerUpdate(ctx context.Context, customerAccessToken string, customer model.CustomerUpdateInput) (*model.CustomerUpdatePayload, error) {
	return r.updateCustomer(ctx, customerAccessToken, customer)
}

// CustomerRecover is the resolver for the customerRecover field.
func (r *mutationResolver) CustomerRecover(ctx context.Context, email string) (*model.CustomerRecoverPayload, error) {
	cue, ue, err := userErrors(r.Customers.Recover(ctx, email))
	return &model.CustomerRecoverPayload{CustomerUserErrors: cue, UserErrors: ue}, err
}

// CustomerReset is the resolver for the customerReset field.
func (r *mutationResolver) CustomerReset(ctx context.Context, id string, input model.CustomerResetInput) (*model.CustomerResetPayload, error) {
	c, t, err := r.Customers.Reset(ctx, customer.Redemption{
		CustomerID: id, Token: input.ResetToken, Password: input.Password,
		TokenField: []string{"input", "resetToken"}, PasswordField: []string{"input", "password"},
	})
	cue, ue, err := userErrors(err)
	return &model.CustomerResetPayload{Customer: c, CustomerAccessToken: accessToken(t), CustomerUserErrors: cue, UserErrors: ue}, err
}

// CustomerResetByURL is the resolver for the customerResetByUrl field.
func (r *mutationResolver) CustomerResetByURL(ctx context.Context, resetURL string, password string) (*model.CustomerResetByURLPayload, error) {
	id, token, _ := customer.ParseAccountURL(resetURL, "reset")
	c, t, err := r.Customers.Reset(ctx, customer.Redemption{
		CustomerID: id, Token: token, Password: password,
		TokenField: []string{"resetUrl"}, PasswordField: []string{"password"},
	})
	cue, ue, err := userErrors(err)
	return &model.CustomerResetByURLPayload{Customer: c, CustomerAccessToken: accessToken(t), CustomerUserErrors: cue, UserErrors: ue}, err
}

// CustomerActivate is the resolver for the customerActivate field.
func (r *mutationResolver) CustomerActivate(ctx context.Context, id string, input model.CustomerActivateInput) (*model.CustomerActivatePayload, error) {
	c, t, err := r.Customers.Activate(ctx, customer.Redemption{
		CustomerID: id, Token: input.ActivationToken, Password: input.Password,
		TokenField: []string{"input", "activationToken"}, PasswordField: []string{"input", "password"},
	})
	cue, ue, err := userErrors(err)
	return &model.CustomerActivatePayload{Customer: c, CustomerAccessToken: accessToken(t), CustomerUserErrors: cue, UserErrors: ue}, err
}

// CustomerActivateByURL is the resolver for the customerActivateByUrl field.
func (r *mutationResolver) CustomerActivateByURL(ctx context.Context, activationURL string, password string) (*model.CustomerActivateByURLPayload, error) {
	id, token, _ := customer.ParseAccountURL(activationURL, "activate")
	c, t, err := r.Customers.Activate(ctx, customer.Redemption{
		CustomerID: id, Token: token, Password: password,
		TokenField: []string{"activationUrl"}, PasswordField: []string{"password"},
	})
	cue, _, err := userErrors(err)
	return &model.CustomerActivateByURLPayload{Customer: c, CustomerAccessToken: accessToken(t), CustomerUserErrors: cue}, err
}

// Customer is the resolver for the customer field.
func (r *queryResolver) Customer(ctx context.Context, customerAccessToken string) (*ent.Customer, error) {
	c, err := r.Customers.Authenticate(ctx, customerAccessToken)
	return r.rootCustomer(ctx, c, err)
}

// Customer returns CustomerResolver implementation.
func (r *Resolver) Customer() CustomerResolver { return &customerResolver{r} }

// Mutation returns MutationResolver implementation.
func (r *Resolver) Mutation() MutationResolver { return &mutationResolver{r} }

type (
	customerResolver struct{ *Resolver }
	mutationResolver struct{ *Resolver }
)
