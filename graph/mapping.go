package graph

import (
	"context"

	"accountgraph/graph/model"
	"accountgraph/internal/customer"
)

// updateCustomer is customerUpdate's body; it lives here because the
// mutation's argument is named like the customer package.
func (r *mutationResolver) updateCustomer(ctx context.Context, token string, in model.CustomerUpdateInput) (*model.CustomerUpdatePayload, error) {
	c, t, err := r.Customers.Update(ctx, token, customer.UpdateInput{
		Email: in.Email, Password: in.Password, FirstName: in.FirstName, LastName: in.LastName,
		Phone: in.Phone.Value(), ClearPhone: in.Phone.IsSet() && in.Phone.Value() == nil,
		AcceptsMarketing: in.AcceptsMarketing,
	})
	cue, ue, err := userErrors(err)
	return &model.CustomerUpdatePayload{Customer: c, CustomerAccessToken: accessToken(t), CustomerUserErrors: cue, UserErrors: ue}, err
}

func addressInput(in model.MailingAddressInput) customer.AddressInput {
	return customer.AddressInput{
		Address1: in.Address1, Address2: in.Address2, City: in.City, Company: in.Company, Country: in.Country,
		FirstName: in.FirstName, LastName: in.LastName, Phone: in.Phone, Province: in.Province, Zip: in.Zip,
	}
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
