// Package graph holds the GraphQL resolvers: thin functions that parse IDs
// and input, call one business function in internal/, and map its result.
package graph

//go:generate go tool gqlgen generate

import (
	"accountgraph/internal/auth"
	"accountgraph/internal/customer"
)

// Resolver is the root resolver; it reaches the business services.
type Resolver struct {
	Customers *customer.Service
	AdminKeys *auth.AdminKeys
}
