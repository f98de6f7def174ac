package graph

import (
	"accountgraph/ent"
	"accountgraph/graph/model"
	"accountgraph/internal/auth"
	"context"
	"crypto/subtle"
)

// Sessions is the resolver for the sessions field.
func (r *customerResolver) Sessions(ctx context.Context, obj *ent.Customer, first *int, after *string, last *int, before *string, reverse *bool) (*model.CustomerSessionConnection, error) {
	spec, err := r.Customers.SessionSpec(pageArgs(first, after, last, before, reverse))
	if err != nil {
		return nil, err
	}
	p, err := r.loaders(ctx).SessionPages.Load(ctx, obj.ID, spec)
	if err != nil {
		return nil, err
	}
	edges, info := connection(ctx, p, func(c string, t *ent.CustomerAccessToken) *model.CustomerSessionEdge {
		return &model.CustomerSessionEdge{Cursor: c, Node: t}
	})
	return &model.CustomerSessionConnection{Edges: edges, Nodes: p.Items, PageInfo: info}, nil
}

// Current is the resolver for the current field.
func (r *customerSessionResolver) Current(ctx context.Context, obj *ent.CustomerAccessToken) (bool, error) {
	token, ok := callerToken(ctx)
	return ok && subtle.ConstantTimeCompare(auth.HashToken(token), obj.TokenHash) == 1, nil
}

// CustomerEmailVerify is the resolver for the customerEmailVerify field.
func (r *mutationResolver) CustomerEmailVerify(ctx context.Context, token string) (*model.CustomerEmailVerifyPayload, error) {
	c, err := r.Customers.VerifyEmail(ctx, token)
	cue, _, err := userErrors(err)
	return &model.CustomerEmailVerifyPayload{Customer: c, CustomerUserErrors: cue}, err
}

// CustomerEmailCodeSend is the resolver for the customerEmailCodeSend field.
func (r *mutationResolver) CustomerEmailCodeSend(ctx context.Context, email string) (*model.CustomerEmailCodeSendPayload, error) {
	cue, _, err := userErrors(r.Customers.SendCode(ctx, email))
	return &model.CustomerEmailCodeSendPayload{CustomerUserErrors: cue}, err
}

// CustomerAccessTokenCreateWithCode is the resolver for the customerAccessTokenCreateWithCode field.
func (r *mutationResolver) CustomerAccessTokenCreateWithCode(ctx context.Context, email string, code string) (*model.CustomerAccessTokenCreateWithCodePayload, error) {
	t, err := r.Customers.LoginWithCode(ctx, email, code)
	cue, _, err := userErrors(err)
	return &model.CustomerAccessTokenCreateWithCodePayload{CustomerAccessToken: accessToken(t), CustomerUserErrors: cue}, err
}

// CustomerSessionRevoke is the resolver for the customerSessionRevoke field.
func (r *mutationResolver) CustomerSessionRevoke(ctx context.Context, customerAccessToken string, sessionID string) (*model.CustomerSessionRevokePayload, error) {
	id, err := r.Customers.RevokeSession(ctx, customerAccessToken, sessionID)
	cue, _, err := userErrors(err)
	p := &model.CustomerSessionRevokePayload{CustomerUserErrors: cue}
	if id != "" {
		p.RevokedSessionID = &id
	}
	return p, err
}

// CustomerSessionsRevokeOthers is the resolver for the customerSessionsRevokeOthers field.
func (r *mutationResolver) CustomerSessionsRevokeOthers(ctx context.Context, customerAccessToken string) (*model.CustomerSessionsRevokeOthersPayload, error) {
	n, err := r.Customers.RevokeOtherSessions(ctx, customerAccessToken)
	cue, _, err := userErrors(err)
	return &model.CustomerSessionsRevokeOthersPayload{RevokedCount: n, CustomerUserErrors: cue}, err
}

// CustomerTwoFactorSetup is the resolver for the customerTwoFactorSetup field.
func (r *mutationResolver) CustomerTwoFactorSetup(ctx context.Context, customerAccessToken string) (*model.CustomerTwoFactorSetupPayload, error) {
	st, err := r.Customers.SetUpTwoFactor(ctx, customerAccessToken)
	tue, cue, err := twoFactorErrors(err)
	out := &model.CustomerTwoFactorSetupPayload{TwoFactorUserErrors: tue, CustomerUserErrors: cue}
	if st != nil {
		out.Secret, out.OtpauthURI = &st.Secret, &st.OtpauthURI
	}
	return out, err
}

// CustomerTwoFactorEnable is the resolver for the customerTwoFactorEnable field.
func (r *mutationResolver) CustomerTwoFactorEnable(ctx context.Context, customerAccessToken string, code string) (*model.CustomerTwoFactorEnablePayload, error) {
	c, codes, err := r.Customers.EnableTwoFactor(ctx, customerAccessToken, code)
	tue, cue, err := twoFactorErrors(err)
	return &model.CustomerTwoFactorEnablePayload{Customer: c, RecoveryCodes: codes, TwoFactorUserErrors: tue, CustomerUserErrors: cue}, err
}

// CustomerTwoFactorDisable is the resolver for the customerTwoFactorDisable field.
func (r *mutationResolver) CustomerTwoFactorDisable(ctx context.Context, customerAccessToken string, code string) (*model.CustomerTwoFactorDisablePayload, error) {
	c, err := r.Customers.DisableTwoFactor(ctx, customerAccessToken, code)
	tue, cue, err := twoFactorErrors(err)
	return &model.CustomerTwoFactorDisablePayload{Customer: c, TwoFactorUserErrors: tue, CustomerUserErrors: cue}, err
}

// CustomerSession returns CustomerSessionResolver implementation.
func (r *Resolver) CustomerSession() CustomerSessionResolver { return &customerSessionResolver{r} }

type customerSessionResolver struct{ *Resolver }
