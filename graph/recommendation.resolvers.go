package graph

import (
	"accountgraph/ent"
	"accountgraph/internal/apperr"
	"accountgraph/internal/recommend"
	"context"
)

// Recommendations is the resolver for the recommendations field.
func (r *customerResolver) Recommendations(ctx context.Context, obj *ent.Customer, first *int) ([]*recommend.Item, error) {
	n := 10
	if first != nil {
		n = *first
	}
	if n < 1 || n > recommend.Max {
		return nil, apperr.BadRequest("first must be between 1 and 50")
	}
	items, err := r.loaders(ctx).Recommendations.Load(ctx, obj.ID)
	if err != nil {
		return nil, err
	}
	out := make([]*recommend.Item, 0, min(n, len(items)))
	for i := range items[:min(n, len(items))] {
		out = append(out, &items[i])
	}
	return out, nil
}
