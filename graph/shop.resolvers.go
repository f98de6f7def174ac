package graph

import (
	"accountgraph/graph/model"
	"context"
)

// Shop is the resolver for the shop field.
func (r *queryResolver) Shop(ctx context.Context) (*model.Shop, error) {
	return r.ShopInfo, nil
}
