package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// callerToken is the customerAccessToken argument of the nearest enclosing
// field that has one (`customer(customerAccessToken:)`, or a mutation whose
// payload is being resolved): the token the request acts with.
func callerToken(ctx context.Context) (string, bool) {
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		if t, ok := fc.Args["customerAccessToken"].(string); ok {
			return t, true
		}
	}
	return "", false
}
