// Package customeraccount serves the Customer Account API (Shopify's API
// of a signed-in customer's own account) over the same services and
// per-request loaders as the Storefront API in package graph: resolvers
// only map.
package customeraccount

//go:generate go run ../../cmd/gqlgen -config ../../gqlgen.customeraccount.yml -share gqlgen.yml -plan=false

import (
	"accountgraph/ent"
	"accountgraph/graph"
	"accountgraph/internal/customer"
	"accountgraph/internal/order"
)

// Resolver holds the services the resolvers call and the database the
// request's loaders read.
type Resolver struct {
	DB        *ent.Client
	Customers *customer.Service
	Orders    *order.Service
	// Storefront is the Storefront API's root resolver: the types both
	// APIs serve (schema/shared) resolve with its resolvers.
	Storefront *graph.Resolver
}
