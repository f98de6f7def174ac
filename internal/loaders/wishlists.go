package loaders

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	"accountgraph/ent/wishlist"
	"accountgraph/ent/wishlistline"
)

// Wishlist loaders: customers' wishlists and their lines.
type wishlistLoaders struct {
	WishlistPages     *Pages[*ent.Wishlist]
	WishlistLinePages *Pages[*ent.WishlistLine]
}

func (l *Loaders) newWishlists(db *ent.Client) {
	l.WishlistPages = perCustomer(&l.byCustomer, newPages(wishlist.FieldCustomerID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.Wishlist, error) {
		return db.Wishlist.Query().Where(wishlist.CustomerIDIn(parents...)).Modify(mod).All(ctx)
	}, func(v *ent.Wishlist) int { return v.CustomerID }))
	l.WishlistLinePages = newPages(wishlistline.FieldWishlistID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.WishlistLine, error) {
		return db.WishlistLine.Query().Where(wishlistline.WishlistIDIn(parents...)).Modify(mod).All(ctx)
	}, func(v *ent.WishlistLine) int { return v.WishlistID })
	l.WishlistPages.after = func(ws []*ent.Wishlist) {
		for _, w := range ws {
			l.WishlistLinePages.Expect(w.ID)
		}
	}
	l.WishlistLinePages.after = func(lines []*ent.WishlistLine) {
		for _, li := range lines {
			l.VariantByID.Expect(li.VariantID)
		}
	}
}
