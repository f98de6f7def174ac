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

var (
	wishlistRows     = newRowReader[ent.Wishlist]("Wishlist", wishlist.Table)
	wishlistLineRows = newRowReader[ent.WishlistLine]("WishlistLine", wishlistline.Table)
)

func (l *Loaders) newWishlists(db *ent.Client) {
	l.WishlistPages = perCustomer(&l.byCustomer, newPages(wishlist.FieldCustomerID, narrowPages(l, wishlistRows, wishlist.FieldCustomerID, []string{wishlist.FieldID, wishlist.FieldCustomerID}, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.Wishlist, error) {
		return db.Wishlist.Query().Where(wishlist.CustomerIDIn(parents...)).Modify(mod).All(ctx)
	}), func(v *ent.Wishlist) int { return v.CustomerID }))
	lineColumns := []string{wishlistline.FieldID, wishlistline.FieldWishlistID}
	linePages := narrowPages(l, wishlistLineRows, wishlistline.FieldWishlistID, lineColumns, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.WishlistLine, error) {
		return db.WishlistLine.Query().Where(wishlistline.WishlistIDIn(parents...)).Modify(mod).All(ctx)
	})
	l.WishlistLinePages = newPages(wishlistline.FieldWishlistID, withVariants(l, "WishlistLine.merchandise", wishlistLineRows, wishlistline.FieldWishlistID, wishlistline.FieldVariantID,
		lineColumns, func(li *ent.WishlistLine) *int { return &li.VariantID }, linePages), func(v *ent.WishlistLine) int { return v.WishlistID })
	l.WishlistPages.after = func(ws []*ent.Wishlist) {
		for _, w := range ws {
			l.WishlistLinePages.Expect(w.ID)
		}
	}
	l.WishlistLinePages.after = func(lines []*ent.WishlistLine) {
		for _, li := range lines {
			if li.VariantID != 0 { // 0: not read (see Columns)
				l.VariantByID.Expect(li.VariantID)
			}
		}
	}
}
