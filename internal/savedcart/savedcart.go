// Package savedcart holds the rules of saved carts (named snapshots of a
// cart to restore later), the "save for later" list, and reordering a past
// order. Restoring reports what changed since: prices, availability, items
// no longer sold. Every operation acts for the customer of the access token.
package savedcart

import (
	"context"

	"accountgraph/ent"
	"accountgraph/ent/order"
	"accountgraph/ent/orderlineitem"
	"accountgraph/ent/productvariant"
	entsc "accountgraph/ent/savedcart"
	"accountgraph/ent/savedcartline"
	"accountgraph/internal/apperr"
	"accountgraph/internal/auth"
	cartsvc "accountgraph/internal/cart"
	"accountgraph/internal/db"
	"accountgraph/internal/gid"
)

// Limits.
const (
	MaxSavedCarts = 50
	MaxName       = 100
)

// Warning is a change since a cart was saved or an order placed.
type Warning struct {
	Code      string // PRICE_CHANGED, UNAVAILABLE, NO_LONGER_SOLD
	Message   string
	VariantID *int
}

// Service runs the rules.
type Service struct {
	DB        *ent.Client
	Customers auth.Authenticator
	Carts     *cartsvc.Service
}

func own(ctx context.Context, db *ent.Client, customerID int, id string) (*ent.SavedCart, error) {
	notFound := apperr.Invalid(apperr.Path("savedCartId"), apperr.CodeNotFound, "Saved cart does not exist")
	k, err := gid.Decode(id, "SavedCart")
	if err != nil {
		return nil, notFound
	}
	sc, err := db.SavedCart.Query().Where(entsc.ID(k), entsc.CustomerID(customerID), entsc.KindEQ(entsc.KindNAMED)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, notFound
	}
	return sc, err
}

// Create snapshots a cart under a name.
func (s *Service) Create(ctx context.Context, token, cartID, name string) (*ent.SavedCart, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return nil, err
	}
	if name, err = apperr.RequiredText(apperr.Path("name"), "Name", name, MaxName, true); err != nil {
		return nil, err
	}
	var sc *ent.SavedCart
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		if _, err := db.LockCustomer(ctx, tx, c.ID); err != nil {
			return err
		}
		n, err := tx.SavedCart.Query().Where(entsc.CustomerID(c.ID), entsc.KindEQ(entsc.KindNAMED)).Count(ctx)
		if err != nil {
			return err
		}
		if n >= MaxSavedCarts {
			return apperr.Invalid(apperr.Path("name"), apperr.CodeInvalid, "You can keep at most 50 saved carts")
		}
		_, lines, err := s.Carts.LinesTx(ctx, tx, cartID, c.ID)
		if err != nil {
			return cartsvc.AsCustomerErrors(err)
		}
		if len(lines) == 0 {
			return apperr.Invalid(apperr.Path("cartId"), apperr.CodeInvalid, "The cart is empty")
		}
		if sc, err = tx.SavedCart.Create().SetCustomerID(c.ID).SetName(name).Save(ctx); err != nil {
			return err
		}
		return saveLines(ctx, tx, sc, lines)
	})
	return sc, err
}

// saveLines copies cart lines into a saved cart, adding to lines of the
// same variant.
func saveLines(ctx context.Context, tx *ent.Tx, sc *ent.SavedCart, lines []*ent.CartLine) error {
	existing, err := tx.SavedCartLine.Query().Where(savedcartline.SavedCartID(sc.ID)).All(ctx)
	if err != nil {
		return err
	}
	have := map[int]*ent.SavedCartLine{}
	for _, l := range existing {
		have[l.VariantID] = l
	}
	for _, l := range lines {
		v := l.Edges.Variant
		if v == nil {
			if v, err = tx.ProductVariant.Get(ctx, l.VariantID); err != nil {
				return err
			}
		}
		if cur := have[v.ID]; cur != nil {
			if err := cur.Update().SetQuantity(min(cur.Quantity+l.Quantity, cartsvc.MaxQuantity)).Exec(ctx); err != nil {
				return err
			}
			continue
		}
		nl, err := tx.SavedCartLine.Create().SetSavedCartID(sc.ID).SetVariantID(v.ID).SetQuantity(l.Quantity).
			SetPriceWhenSaved(v.Price).SetCurrencyCode(v.CurrencyCode).Save(ctx)
		if err != nil {
			return err
		}
		have[v.ID] = nl
	}
	return nil
}

// Rename renames a saved cart.
func (s *Service) Rename(ctx context.Context, token, id, name string) (*ent.SavedCart, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return nil, err
	}
	if name, err = apperr.RequiredText(apperr.Path("name"), "Name", name, MaxName, true); err != nil {
		return nil, err
	}
	sc, err := own(ctx, s.DB, c.ID, id)
	if err != nil {
		return nil, err
	}
	return sc.Update().SetName(name).Save(ctx)
}

// Delete deletes a saved cart.
func (s *Service) Delete(ctx context.Context, token, id string) (string, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return "", err
	}
	sc, err := own(ctx, s.DB, c.ID, id)
	if err != nil {
		return "", err
	}
	return id, s.DB.SavedCart.DeleteOne(sc).Exec(ctx)
}

// restoreLine is a line to put in a new cart, with what it cost then.
type restoreLine struct {
	variantID *int
	quantity  int
	price     int64
	currency  string
	title     string
}

// toCart makes a new cart of lines, with warnings for what changed.
func (s *Service) toCart(ctx context.Context, tx *ent.Tx, lines []restoreLine) (*ent.Cart, []Warning, error) {
	var ids []int
	for _, l := range lines {
		if l.variantID != nil {
			ids = append(ids, *l.variantID)
		}
	}
	vs, err := tx.ProductVariant.Query().Where(productvariant.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, nil, err
	}
	byID := map[int]*ent.ProductVariant{}
	for _, v := range vs {
		byID[v.ID] = v
	}
	var in []cartsvc.LineInput
	var warnings []Warning
	for _, l := range lines {
		var v *ent.ProductVariant
		if l.variantID != nil {
			v = byID[*l.variantID]
		}
		if v == nil {
			warnings = append(warnings, Warning{Code: "NO_LONGER_SOLD", Message: l.title + " is no longer sold"})
			continue
		}
		vid := v.ID
		if !v.AvailableForSale {
			warnings = append(warnings, Warning{Code: "UNAVAILABLE", Message: v.Title + " is not available now", VariantID: &vid})
		}
		if v.Price != l.price || v.CurrencyCode != l.currency {
			warnings = append(warnings, Warning{Code: "PRICE_CHANGED", Message: "The price of " + v.Title + " changed", VariantID: &vid})
		}
		in = append(in, cartsvc.LineInput{VariantID: gid.Encode("ProductVariant", v.ID), Quantity: min(l.quantity, cartsvc.MaxQuantity)})
	}
	ct, err := s.Carts.CreateTx(ctx, tx, in)
	return ct, warnings, err
}

// Restore makes a new cart from a saved cart.
func (s *Service) Restore(ctx context.Context, token, id string) (*ent.Cart, []Warning, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return nil, nil, err
	}
	var ct *ent.Cart
	var warnings []Warning
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		sc, err := own(ctx, tx.Client(), c.ID, id)
		if err != nil {
			return err
		}
		saved, err := tx.SavedCartLine.Query().Where(savedcartline.SavedCartID(sc.ID)).Order(ent.Asc(savedcartline.FieldID)).All(ctx)
		if err != nil {
			return err
		}
		lines := make([]restoreLine, len(saved))
		for i, l := range saved {
			vid := l.VariantID
			lines[i] = restoreLine{variantID: &vid, quantity: l.Quantity, price: l.PriceWhenSaved, currency: l.CurrencyCode}
		}
		ct, warnings, err = s.toCart(ctx, tx, lines)
		return err
	})
	return ct, warnings, err
}

// Reorder makes a new cart from one of the customer's orders.
func (s *Service) Reorder(ctx context.Context, token, orderID string) (*ent.Cart, []Warning, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return nil, nil, err
	}
	notFound := apperr.Invalid(apperr.Path("orderId"), apperr.CodeNotFound, "Order does not exist")
	typ, key, _, perr := gid.Parse(orderID)
	if perr != nil || typ != "Order" {
		return nil, nil, notFound
	}
	var ct *ent.Cart
	var warnings []Warning
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		o, err := tx.Order.Query().Where(order.ID(key), order.CustomerID(c.ID)).Only(ctx)
		if ent.IsNotFound(err) {
			return notFound
		}
		if err != nil {
			return err
		}
		items, err := tx.OrderLineItem.Query().Where(orderlineitem.OrderID(o.ID)).Order(ent.Asc(orderlineitem.FieldPosition)).All(ctx)
		if err != nil {
			return err
		}
		var lines []restoreLine
		for _, it := range items {
			if it.CurrentQuantity > 0 {
				lines = append(lines, restoreLine{variantID: it.VariantID, quantity: it.CurrentQuantity, price: it.OriginalUnitPrice, currency: it.CurrencyCode, title: it.Title})
			}
		}
		ct, warnings, err = s.toCart(ctx, tx, lines)
		return err
	})
	return ct, warnings, err
}

// laterList returns the customer's save-for-later list, made if needed.
func laterList(ctx context.Context, tx *ent.Tx, customerID int) (*ent.SavedCart, error) {
	sc, err := tx.SavedCart.Query().Where(entsc.CustomerID(customerID), entsc.KindEQ(entsc.KindLATER)).First(ctx)
	if ent.IsNotFound(err) {
		return tx.SavedCart.Create().SetCustomerID(customerID).SetName("Saved for later").SetKind(entsc.KindLATER).Save(ctx)
	}
	return sc, err
}

// LaterListID returns the ID of a customer's save-for-later list, or 0.
func (s *Service) LaterListID(ctx context.Context, customerID int) (int, error) {
	ids, err := s.DB.SavedCart.Query().Where(entsc.CustomerID(customerID), entsc.KindEQ(entsc.KindLATER)).IDs(ctx)
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	return ids[0], nil
}

// SaveForLater moves cart lines to the customer's save-for-later list.
func (s *Service) SaveForLater(ctx context.Context, token, cartID string, lineIDs []string) (*ent.Cart, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return nil, err
	}
	var ct *ent.Cart
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		if _, err := db.LockCustomer(ctx, tx, c.ID); err != nil {
			return err
		}
		var taken []*ent.CartLine
		var err error
		if ct, taken, err = s.Carts.TakeLinesTx(ctx, tx, cartID, c.ID, lineIDs); err != nil {
			return cartsvc.AsCustomerErrors(err)
		}
		later, err := laterList(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		return saveLines(ctx, tx, later, taken)
	})
	return ct, err
}

// MoveToCart moves saved-for-later lines back into a cart, all or nothing.
func (s *Service) MoveToCart(ctx context.Context, token string, lineIDs []string, cartID string) (*ent.Cart, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return nil, err
	}
	var ct *ent.Cart
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		later, err := laterList(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		var in []cartsvc.LineInput
		for i, id := range lineIDs {
			k, err := gid.Decode(id, "SavedCartLine")
			if err != nil {
				return apperr.Invalid(apperr.Path("lineIds", i), apperr.CodeNotFound, "Saved line does not exist")
			}
			l, err := tx.SavedCartLine.Query().Where(savedcartline.ID(k), savedcartline.SavedCartID(later.ID)).Only(ctx)
			if ent.IsNotFound(err) {
				return apperr.Invalid(apperr.Path("lineIds", i), apperr.CodeNotFound, "Saved line does not exist")
			}
			if err != nil {
				return err
			}
			in = append(in, cartsvc.LineInput{VariantID: gid.Encode("ProductVariant", l.VariantID), Quantity: l.Quantity})
			if err := tx.SavedCartLine.DeleteOne(l).Exec(ctx); err != nil {
				return err
			}
		}
		if ct, err = s.Carts.AddLinesTx(ctx, tx, cartID, in); err != nil {
			return cartsvc.AsCustomerErrors(err)
		}
		return nil
	})
	return ct, err
}
