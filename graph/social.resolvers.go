package graph

import (
	"accountgraph/ent"
	"accountgraph/graph/model"
	"accountgraph/internal/customer"
	"accountgraph/internal/gid"
	"accountgraph/internal/ptr"
	"context"
)

// LinkedIdentities is the resolver for the linkedIdentities field.
func (r *customerResolver) LinkedIdentities(ctx context.Context, obj *ent.Customer) ([]*ent.LinkedIdentity, error) {
	return r.loaders(ctx).LinkedIdentities.Load(ctx, obj.ID)
}

// SocialLoginProvider is the resolver for the socialLoginProvider field.
func (r *customerResolver) SocialLoginProvider(ctx context.Context, obj *ent.Customer) (*model.SocialLoginProvider, error) {
	ids, err := r.loaders(ctx).LinkedIdentities.Load(ctx, obj.ID)
	for _, id := range ids {
		if id.Provider != customer.MultipassProvider {
			return &model.SocialLoginProvider{Handle: id.Provider}, err
		}
	}
	return nil, err
}

// ID is the resolver for the id field.
func (r *linkedIdentityResolver) ID(ctx context.Context, obj *ent.LinkedIdentity) (string, error) {
	return gid.Encode("LinkedIdentity", obj.ID), nil
}

// CustomerSocialLoginStart is the resolver for the customerSocialLoginStart field.
func (r *mutationResolver) CustomerSocialLoginStart(ctx context.Context, provider string, returnTo string, customerAccessToken *string) (*model.CustomerSocialLoginStartPayload, error) {
	u, err := r.Social.Start(ctx, provider, returnTo, customerAccessToken)
	cue, _, err := userErrors(err)
	return &model.CustomerSocialLoginStartPayload{AuthorizationURL: ptr.NilIfEmpty(u), CustomerUserErrors: cue}, err
}

// CustomerAccessTokenCreateWithSocialLogin is the resolver for the customerAccessTokenCreateWithSocialLogin field.
func (r *mutationResolver) CustomerAccessTokenCreateWithSocialLogin(ctx context.Context, code string) (*model.CustomerAccessTokenCreateWithSocialLoginPayload, error) {
	t, err := r.Social.SignIn(ctx, code)
	cue, _, err := userErrors(err)
	return &model.CustomerAccessTokenCreateWithSocialLoginPayload{CustomerAccessToken: accessToken(t), CustomerUserErrors: cue}, err
}

// CustomerIdentityUnlink is the resolver for the customerIdentityUnlink field.
func (r *mutationResolver) CustomerIdentityUnlink(ctx context.Context, customerAccessToken string, identityID string) (*model.CustomerIdentityUnlinkPayload, error) {
	c, err := r.Social.Unlink(ctx, customerAccessToken, identityID)
	cue, _, err := userErrors(err)
	return &model.CustomerIdentityUnlinkPayload{Customer: c, CustomerUserErrors: cue}, err
}

// SocialLoginProviders is the resolver for the socialLoginProviders field.
func (r *queryResolver) SocialLoginProviders(ctx context.Context) ([]string, error) {
	return r.Social.Providers(), nil
}

// LinkedIdentity returns LinkedIdentityResolver implementation.
func (r *Resolver) LinkedIdentity() LinkedIdentityResolver { return &linkedIdentityResolver{r} }

type linkedIdentityResolver struct{ *Resolver }
