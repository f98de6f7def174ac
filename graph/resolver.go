// Package graph holds the GraphQL resolvers: thin functions that parse IDs
// and input, call one business function in internal/, and map its result.
package graph

//go:generate go run ../cmd/gqlgen

import (
	"context"

	"accountgraph/ent"
	"accountgraph/graph/model"
	"accountgraph/internal/cart"
	"accountgraph/internal/catalog"
	"accountgraph/internal/company"
	"accountgraph/internal/customer"
	"accountgraph/internal/loaders"
	"accountgraph/internal/loyalty"
	"accountgraph/internal/oidc"
	"accountgraph/internal/order"
	"accountgraph/internal/paymentmethod"
	"accountgraph/internal/preferences"
	"accountgraph/internal/privacy"
	"accountgraph/internal/returns"
	"accountgraph/internal/savedcart"
	"accountgraph/internal/settings"
	"accountgraph/internal/social"
	"accountgraph/internal/support"
	"accountgraph/internal/wishlist"
)

// Resolver is the root resolver; it reaches the business services. Three
// carry a Service suffix because a resolver method of the same name (such
// as customerResolver.Wishlists, for Customer.wishlists) would shadow the
// field inside the resolvers that embed *Resolver.
type Resolver struct {
	DB               *ent.Client
	Customers        *customer.Service
	Orders           *order.Service
	Catalog          *catalog.Service
	Carts            *cart.Service
	WishlistService  *wishlist.Service
	SavedCartService *savedcart.Service
	Settings         *settings.Service
	Support          *support.Service
	LoyaltyService   *loyalty.Service
	Preferences      *preferences.Service
	Privacy          *privacy.Service
	Social           *social.Service
	Companies        *company.Service
	Returns          *returns.Service
	PaymentMethods   *paymentmethod.Service
	// OIDC is the OpenID Connect provider (its client registry).
	OIDC *oidc.Provider
	// ShopInfo is Query.shop, made from the settings.
	ShopInfo *model.Shop
}

// loaders returns the request's dataloaders.
func (r *Resolver) loaders(ctx context.Context) *loaders.Loaders { return loaders.For(ctx, r.DB) }

// rootCustomer registers a root field's customer with the loaders, so its
// nested fields load at once instead of waiting to be batched.
func (r *Resolver) rootCustomer(ctx context.Context, c *ent.Customer, err error) (*ent.Customer, error) {
	if c != nil && err == nil {
		r.loaders(ctx).ExpectCustomers([]*ent.Customer{c})
	}
	return c, err
}
