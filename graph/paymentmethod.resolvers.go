package graph

import (
	"accountgraph/ent"
	"accountgraph/ent/schema"
	"accountgraph/graph/model"
	"accountgraph/internal/gid"
	"accountgraph/internal/paymentmethod"
	"accountgraph/internal/ptr"
	"context"
)

// PaymentMethods is the resolver for the paymentMethods field.
func (r *customerResolver) PaymentMethods(ctx context.Context, obj *ent.Customer) ([]*ent.PaymentMethod, error) {
	return r.loaders(ctx).PaymentMethods.Load(ctx, obj.ID)
}

// ID is the resolver for the id field.
func (r *customerPaymentMethodResolver) ID(ctx context.Context, obj *ent.PaymentMethod) (string, error) {
	return gid.Encode("CustomerPaymentMethod", obj.ID), nil
}

// MaskedNumber is the resolver for the maskedNumber field.
func (r *customerPaymentMethodResolver) MaskedNumber(ctx context.Context, obj *ent.PaymentMethod) (string, error) {
	return paymentmethod.Masked(obj), nil
}

// Expired is the resolver for the expired field.
func (r *customerPaymentMethodResolver) Expired(ctx context.Context, obj *ent.PaymentMethod) (bool, error) {
	return paymentmethod.Expired(obj, r.PaymentMethods.Clock()), nil
}

// ExpiresSoon is the resolver for the expiresSoon field.
func (r *customerPaymentMethodResolver) ExpiresSoon(ctx context.Context, obj *ent.PaymentMethod) (bool, error) {
	return paymentmethod.ExpiresSoon(obj, r.PaymentMethods.Clock()), nil
}

// Wallet is the resolver for the wallet field.
func (r *customerPaymentMethodResolver) Wallet(ctx context.Context, obj *ent.PaymentMethod) (*string, error) {
	return ptr.NilIfEmpty(obj.Wallet), nil
}

// BillingAddress is the resolver for the billingAddress field.
func (r *customerPaymentMethodResolver) BillingAddress(ctx context.Context, obj *ent.PaymentMethod) (*model.PaymentMethodBillingAddress, error) {
	b := obj.BillingAddress
	if b == (schema.PaymentBillingAddress{}) {
		return nil, nil
	}
	return &model.PaymentMethodBillingAddress{Name: ptr.NilIfEmpty(b.Name), Address1: ptr.NilIfEmpty(b.Line1), Address2: ptr.NilIfEmpty(b.Line2),
		City: ptr.NilIfEmpty(b.City), Zip: ptr.NilIfEmpty(b.PostalCode), Province: ptr.NilIfEmpty(b.State), CountryCode: ptr.NilIfEmpty(b.Country)}, nil
}

// CustomerPaymentMethodSetupCreate is the resolver for the customerPaymentMethodSetupCreate field.
func (r *mutationResolver) CustomerPaymentMethodSetupCreate(ctx context.Context, customerAccessToken string) (*model.CustomerPaymentMethodSetupCreatePayload, error) {
	st, err := r.PaymentMethods.StartSetup(ctx, customerAccessToken)
	cue, _, err := userErrors(err)
	var setup *model.PaymentMethodSetup
	if st != nil {
		setup = &model.PaymentMethodSetup{Provider: st.Provider, SetupID: st.ID, ClientSecret: st.ClientSecret, PublishableKey: st.PublishableKey}
	}
	return &model.CustomerPaymentMethodSetupCreatePayload{Setup: setup, CustomerUserErrors: cue}, err
}

// CustomerPaymentMethodSetupComplete is the resolver for the customerPaymentMethodSetupComplete field.
func (r *mutationResolver) CustomerPaymentMethodSetupComplete(ctx context.Context, customerAccessToken string, setupID string) (*model.CustomerPaymentMethodPayload, error) {
	return paymentMethodPayload(r.PaymentMethods.CompleteSetup(ctx, customerAccessToken, setupID))
}

// CustomerPaymentMethodRemove is the resolver for the customerPaymentMethodRemove field.
func (r *mutationResolver) CustomerPaymentMethodRemove(ctx context.Context, customerAccessToken string, paymentMethodID string) (*model.CustomerPaymentMethodRemovePayload, error) {
	id, err := r.PaymentMethods.Remove(ctx, customerAccessToken, paymentMethodID)
	cue, _, err := userErrors(err)
	return &model.CustomerPaymentMethodRemovePayload{DeletedPaymentMethodID: ptr.NilIfEmpty(id), CustomerUserErrors: cue}, err
}

// CustomerPaymentMethodDefaultUpdate is the resolver for the customerPaymentMethodDefaultUpdate field.
func (r *mutationResolver) CustomerPaymentMethodDefaultUpdate(ctx context.Context, customerAccessToken string, paymentMethodID string) (*model.CustomerPaymentMethodPayload, error) {
	return paymentMethodPayload(r.PaymentMethods.SetDefault(ctx, customerAccessToken, paymentMethodID, true))
}

// AdminCustomerPaymentMethodRemove is the resolver for the adminCustomerPaymentMethodRemove field.
func (r *mutationResolver) AdminCustomerPaymentMethodRemove(ctx context.Context, paymentMethodID string) (*model.AdminCustomerPaymentMethodRemovePayload, error) {
	id, err := r.PaymentMethods.AdminRemove(ctx, paymentMethodID)
	ue, err := adminErrors(err)
	return &model.AdminCustomerPaymentMethodRemovePayload{DeletedPaymentMethodID: ptr.NilIfEmpty(id), UserErrors: ue}, err
}

// AdminCustomerPaymentMethods is the resolver for the adminCustomerPaymentMethods field.
func (r *queryResolver) AdminCustomerPaymentMethods(ctx context.Context, customerID string) ([]*ent.PaymentMethod, error) {
	key, err := gid.Decode(customerID, "Customer")
	if err != nil {
		return []*ent.PaymentMethod{}, nil
	}
	return r.PaymentMethods.OfCustomer(ctx, key)
}

// CustomerPaymentMethod returns CustomerPaymentMethodResolver implementation.
func (r *Resolver) CustomerPaymentMethod() CustomerPaymentMethodResolver {
	return &customerPaymentMethodResolver{r}
}

type customerPaymentMethodResolver struct{ *Resolver }
