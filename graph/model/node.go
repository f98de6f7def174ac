// Package model holds the GraphQL types that are not ent entities: payloads,
// inputs, connections and enums (generated into models_gen.go), plus the few
// written by hand here.
package model

// Node is any object `node`/`nodes` can return. The concrete types are ent
// entities, which do not know about GraphQL, so the interface has no methods.
type Node any

// PricingValue is a MoneyV2 or a PricingPercentageValue. MoneyV2 is bound
// to money.V2, which cannot implement a method of this package, so the
// union has no methods either.
type PricingValue any

// BaseCartLine is any cart line (ent.CartLine here).
type BaseCartLine any

// Merchandise is what a cart line holds (an ent.ProductVariant here).
type Merchandise any

// SharedWishlist is the public, read-only view of a shared wishlist.
type SharedWishlist struct {
	Name           string
	OwnerFirstName *string
	WishlistID     int // for its lines; not exposed
}
