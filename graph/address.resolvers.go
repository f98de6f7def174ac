package graph

import (
	"accountgraph/ent"
	"accountgraph/graph/model"
	"accountgraph/internal/customer"
	"accountgraph/internal/gid"
	"context"
)

// ID is the resolver for the id field.
func (r *mailingAddressResolver) ID(ctx context.Context, obj *ent.MailingAddress) (string, error) {
	return gid.Encode("MailingAddress", obj.ID), nil
}

// CountryCodeV2 is the resolver for the countryCodeV2 field.
func (r *mailingAddressResolver) CountryCodeV2(ctx context.Context, obj *ent.MailingAddress) (*model.CountryCode, error) {
	if obj.CountryCode == nil {
		return nil, nil
	}
	c := model.CountryCode(*obj.CountryCode)
	if !c.IsValid() {
		return nil, nil
	}
	return &c, nil
}

// Name is the resolver for the name field.
func (r *mailingAddressResolver) Name(ctx context.Context, obj *ent.MailingAddress) (*string, error) {
	return customer.AddressName(obj), nil
}

// Formatted is the resolver for the formatted field.
func (r *mailingAddressResolver) Formatted(ctx context.Context, obj *ent.MailingAddress, withName *bool, withCompany *bool) ([]string, error) {
	return customer.AddressLines(obj, withName, withCompany), nil
}

// FormattedArea is the resolver for the formattedArea field.
func (r *mailingAddressResolver) FormattedArea(ctx context.Context, obj *ent.MailingAddress) (*string, error) {
	return customer.AddressArea(obj), nil
}

// Latitude is the resolver for the latitude field.
func (r *mailingAddressResolver) Latitude(ctx context.Context, obj *ent.MailingAddress) (*float64, error) {
	return nil, nil
}

// Longitude is the resolver for the longitude field.
func (r *mailingAddressResolver) Longitude(ctx context.Context, obj *ent.MailingAddress) (*float64, error) {
	return nil, nil
}

// CustomerAddressCreate is the resolver for the customerAddressCreate field.
func (r *mutationResolver) CustomerAddressCreate(ctx context.Context, customerAccessToken string, address model.MailingAddressInput) (*model.CustomerAddressCreatePayload, error) {
	a, err := r.Customers.CreateAddress(ctx, customerAccessToken, addressInput(address))
	cue, ue, err := userErrors(err)
	return &model.CustomerAddressCreatePayload{CustomerAddress: a, CustomerUserErrors: cue, UserErrors: ue}, err
}

// CustomerAddressUpdate is the resolver for the customerAddressUpdate field.
func (r *mutationResolver) CustomerAddressUpdate(ctx context.Context, customerAccessToken string, id string, address model.MailingAddressInput) (*model.CustomerAddressUpdatePayload, error) {
	a, err := r.Customers.UpdateAddress(ctx, customerAccessToken, id, addressInput(address))
	cue, ue, err := userErrors(err)
	return &model.CustomerAddressUpdatePayload{CustomerAddress: a, CustomerUserErrors: cue, UserErrors: ue}, err
}

// CustomerAddressDelete is the resolver for the customerAddressDelete field.
func (r *mutationResolver) CustomerAddressDelete(ctx context.Context, customerAccessToken string, id string) (*model.CustomerAddressDeletePayload, error) {
	deleted, err := r.Customers.DeleteAddress(ctx, customerAccessToken, id)
	cue, ue, err := userErrors(err)
	p := &model.CustomerAddressDeletePayload{CustomerUserErrors: cue, UserErrors: ue}
	if deleted != "" {
		p.DeletedCustomerAddressID = &deleted
	}
	return p, err
}

// CustomerDefaultAddressUpdate is the resolver for the customerDefaultAddressUpdate field.
func (r *mutationResolver) CustomerDefaultAddressUpdate(ctx context.Context, customerAccessToken string, addressID string) (*model.CustomerDefaultAddressUpdatePayload, error) {
	c, err := r.Customers.SetDefaultAddress(ctx, customerAccessToken, addressID)
	cue, ue, err := userErrors(err)
	return &model.CustomerDefaultAddressUpdatePayload{Customer: c, CustomerUserErrors: cue, UserErrors: ue}, err
}

// MailingAddress returns MailingAddressResolver implementation.
func (r *Resolver) MailingAddress() MailingAddressResolver { return &mailingAddressResolver{r} }

type mailingAddressResolver struct{ *Resolver }
