package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

type callerKey struct{}

// WithCaller records the access token a request acts with when it comes in
// a header rather than an argument (the Customer Account API's).
func WithCaller(ctx context.Context, token string) context.Context {
	return context.WithValue(ctx, callerKey{}, token)
}

// callerToken is the token the request acts with: the one WithCaller
// recorded, else the customerAccessToken argument of the nearest enclosing
// field that has one (`customer(customerAccessToken:)`, or a mutation whose
// payload is being resolved).
func callerToken(ctx context.Context) (string, bool) {
	if t, ok := ctx.Value(callerKey{}).(string); ok {
		return t, true
	}
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		if t, ok := fc.Args["customerAccessToken"].(string); ok {
			return t, true
		}
	}
	return "", false
}
