package loaders

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	"accountgraph/ent/cart"
	"accountgraph/ent/cartline"
	"accountgraph/ent/savedcart"
	"accountgraph/ent/savedcartline"
)

// Cart loaders: a customer's open cart and a cart's lines; named saved
// carts and the lines of saved carts (and of save-for-later lists).
type cartLoaders struct {
	// CartLines are a cart's lines (at most 250) with their variants.
	CartLines *Keyed[int, []*ent.CartLine]
	// OpenCart is a customer's open cart.
	OpenCart *Keyed[int, *ent.Cart]
	// SavedCartPages are customers' named saved carts; SavedLinePages the
	// lines of saved carts (and of save-for-later lists).
	SavedCartPages *Pages[*ent.SavedCart]
	SavedLinePages *Pages[*ent.SavedCartLine]
}

func (l *Loaders) newCarts(db *ent.Client) {
	l.CartLines = newKeyed(groupBy(func(ctx context.Context, ids []int) ([]*ent.CartLine, error) {
		return db.CartLine.Query().Where(cartline.CartIDIn(ids...)).WithVariant().Order(ent.Asc(cartline.FieldID)).All(ctx)
	}, func(l *ent.CartLine) int { return l.CartID }))
	l.OpenCart = perCustomer(&l.byCustomer, newKeyed(func(ctx context.Context, customerIDs []int) (map[int]*ent.Cart, error) {
		carts, err := db.Cart.Query().Where(cart.CustomerIDIn(customerIDs...), cart.StatusEQ(cart.StatusOPEN)).
			Order(ent.Asc(cart.FieldUpdatedAt)).All(ctx)
		out := map[int]*ent.Cart{}
		for _, c := range carts {
			out[*c.CustomerID] = c // the newest wins; there is at most one
		}
		return out, err
	}))
	l.OpenCart.after = func(cs map[int]*ent.Cart) {
		for _, c := range cs {
			if c != nil {
				l.CartLines.Expect(c.ID)
			}
		}
	}

	l.SavedCartPages = perCustomer(&l.byCustomer, newPages(savedcart.FieldCustomerID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.SavedCart, error) {
		return db.SavedCart.Query().Where(savedcart.CustomerIDIn(parents...), savedcart.KindEQ(savedcart.KindNAMED)).Modify(mod).All(ctx)
	}, func(v *ent.SavedCart) int { return v.CustomerID }))
	l.SavedLinePages = newPages(savedcartline.FieldSavedCartID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.SavedCartLine, error) {
		return db.SavedCartLine.Query().Where(savedcartline.SavedCartIDIn(parents...)).Modify(mod).All(ctx)
	}, func(v *ent.SavedCartLine) int { return v.SavedCartID })
	l.SavedCartPages.after = func(cs []*ent.SavedCart) {
		for _, c := range cs {
			l.SavedLinePages.Expect(c.ID)
		}
	}
	l.SavedLinePages.after = func(lines []*ent.SavedCartLine) {
		for _, li := range lines {
			l.VariantByID.Expect(li.VariantID)
		}
	}
}
