package auth

import (
	"context"

	"accountgraph/ent"
)

// Authenticator finds the customer of an access token, or answers
// TOKEN_INVALID (customer.Service is one). The storefront areas take it
// to act for the token's customer.
type Authenticator interface {
	RequireCustomer(ctx context.Context, accessToken string) (*ent.Customer, error)
}
