package loaders

import (
	"context"
	"time"

	"accountgraph/ent"
	"accountgraph/internal/recommend"
)

// newRecommendations loads customers' ranked recommendations, a batch of
// customers in a fixed number of statements.
func newRecommendations(db *ent.Client) *Keyed[int, []recommend.Item] {
	return newKeyed(func(ctx context.Context, customerIDs []int) (map[int][]recommend.Item, error) {
		return recommend.For(ctx, db, customerIDs, time.Now())
	})
}
