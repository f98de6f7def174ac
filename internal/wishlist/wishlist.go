// Package wishlist holds the rules of wishlists: several per customer (a
// default one made on first use), lines keyed by variant with the price
// when added, read-only sharing by token, and moving lines into a cart in
// one transaction. Every operation acts for the customer of the access
// token; another customer's lists are never found.
package wishlist

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	entsql "entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	"accountgraph/ent/productvariant"
	entwl "accountgraph/ent/wishlist"
	"accountgraph/ent/wishlistline"
	"accountgraph/internal/apperr"
	"accountgraph/internal/auth"
	cartsvc "accountgraph/internal/cart"
	"accountgraph/internal/db"
	"accountgraph/internal/gid"
)

// Limits.
const (
	MaxWishlists = 20
	MaxLines     = 250
	MaxQuantity  = 999
	MaxName      = 100
	MaxNote      = 500
	DefaultName  = "Wishlist"
)

// Service runs the wishlist rules.
type Service struct {
	DB        *ent.Client
	Customers auth.Authenticator
	PublicURL string
}

// own returns the customer's wishlist with global ID id, or NOT_FOUND.
func own(ctx context.Context, client *ent.Client, customerID int, id string, field []string, mods ...func(*entsql.Selector)) (*ent.Wishlist, error) {
	notFound := apperr.Invalid(field, apperr.CodeNotFound, "Wishlist does not exist")
	k, err := gid.Decode(id, "Wishlist")
	if err != nil {
		return nil, notFound
	}
	w, err := client.Wishlist.Query().Where(entwl.ID(k), entwl.CustomerID(customerID)).Modify(mods...).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, notFound
	}
	return w, err
}

// Create makes a wishlist; the customer's first one becomes the default.
func (s *Service) Create(ctx context.Context, token, name string) (*ent.Wishlist, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return nil, err
	}
	if name, err = apperr.RequiredText(apperr.Path("name"), "Name", name, MaxName, true); err != nil {
		return nil, err
	}
	var w *ent.Wishlist
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		if _, err := db.LockCustomer(ctx, tx, c.ID); err != nil {
			return err
		}
		n, err := tx.Wishlist.Query().Where(entwl.CustomerID(c.ID)).Count(ctx)
		if err != nil {
			return err
		}
		if n >= MaxWishlists {
			return apperr.Invalid(apperr.Path("name"), apperr.CodeInvalid, "You can keep at most "+strconv.Itoa(MaxWishlists)+" wishlists")
		}
		w, err = tx.Wishlist.Create().SetCustomerID(c.ID).SetName(name).SetIsDefault(n == 0).Save(ctx)
		return err
	})
	return w, err
}

// Update renames a wishlist or changes whether its shared view shows the
// owner's first name.
func (s *Service) Update(ctx context.Context, token, id string, name *string, showOwnerName *bool) (*ent.Wishlist, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return nil, err
	}
	w, err := own(ctx, s.DB, c.ID, id, apperr.Path("wishlistId"))
	if err != nil {
		return nil, err
	}
	u := w.Update()
	if name != nil {
		n, err := apperr.RequiredText(apperr.Path("name"), "Name", *name, MaxName, true)
		if err != nil {
			return nil, err
		}
		u.SetName(n)
	}
	if showOwnerName != nil {
		u.SetShowOwnerName(*showOwnerName)
	}
	return u.Save(ctx)
}

// Delete deletes a wishlist; when it was the default, the oldest remaining
// list becomes the default.
func (s *Service) Delete(ctx context.Context, token, id string) (string, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return "", err
	}
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		if _, err := db.LockCustomer(ctx, tx, c.ID); err != nil {
			return err
		}
		w, err := own(ctx, tx.Client(), c.ID, id, apperr.Path("wishlistId"), db.ForUpdate)
		if err != nil {
			return err
		}
		if err := tx.Wishlist.DeleteOne(w).Exec(ctx); err != nil {
			return err
		}
		if !w.IsDefault {
			return nil
		}
		next, err := tx.Wishlist.Query().Where(entwl.CustomerID(c.ID)).Order(ent.Asc(entwl.FieldID)).First(ctx)
		if ent.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		return next.Update().SetIsDefault(true).Exec(ctx)
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

// LineInput is a line to add.
type LineInput struct {
	VariantID string
	Quantity  int
	Note      *string
}

// AddLines adds lines to a wishlist (the default one, made if needed, when
// id is nil). A variant already on the list updates its line.
func (s *Service) AddLines(ctx context.Context, token string, id *string, lines []LineInput) (*ent.Wishlist, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return nil, err
	}
	var errs apperr.FieldErrors
	keys := make([]int, len(lines))
	for i, l := range lines {
		if l.Quantity < 1 || l.Quantity > MaxQuantity {
			errs.Add(apperr.Path("lines", i, "quantity"), apperr.CodeInvalid, "Quantity must be between 1 and 999")
		}
		if l.Note != nil && utf8.RuneCountInString(*l.Note) > MaxNote {
			errs.Add(apperr.Path("lines", i, "note"), apperr.CodeTooLong, "Note is too long (maximum is 500 characters)")
		}
		k, err := gid.Decode(l.VariantID, "ProductVariant")
		if err != nil {
			errs.Add(apperr.Path("lines", i, "merchandiseId"), apperr.CodeNotFound, "Merchandise does not exist")
		}
		keys[i] = k
	}
	if len(lines) > MaxLines {
		errs.Add(apperr.Path("lines"), apperr.CodeInvalid, "A wishlist has at most 250 lines")
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	var w *ent.Wishlist
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		if _, err := db.LockCustomer(ctx, tx, c.ID); err != nil {
			return err
		}
		var err error
		if id != nil {
			w, err = own(ctx, tx.Client(), c.ID, *id, apperr.Path("wishlistId"), db.ForUpdate)
		} else {
			w, err = defaultList(ctx, tx, c.ID)
		}
		if err != nil {
			return err
		}
		vs, err := tx.ProductVariant.Query().Where(productvariant.IDIn(keys...)).All(ctx)
		if err != nil {
			return err
		}
		byID := map[int]*ent.ProductVariant{}
		for _, v := range vs {
			byID[v.ID] = v
		}
		existing, err := tx.WishlistLine.Query().Where(wishlistline.WishlistID(w.ID)).All(ctx)
		if err != nil {
			return err
		}
		have := map[int]*ent.WishlistLine{}
		for _, l := range existing {
			have[l.VariantID] = l
		}
		for i, l := range lines {
			v := byID[keys[i]]
			if v == nil {
				return apperr.Invalid(apperr.Path("lines", i, "merchandiseId"), apperr.CodeNotFound, "Merchandise does not exist")
			}
			if cur := have[v.ID]; cur != nil {
				u := cur.Update().SetQuantity(l.Quantity)
				if l.Note != nil {
					u.SetNote(strings.TrimSpace(*l.Note))
				}
				if err := u.Exec(ctx); err != nil {
					return err
				}
				continue
			}
			if len(have) >= MaxLines {
				return apperr.Invalid(apperr.Path("lines"), apperr.CodeInvalid, "A wishlist has at most 250 lines")
			}
			note := ""
			if l.Note != nil {
				note = strings.TrimSpace(*l.Note)
			}
			nl, err := tx.WishlistLine.Create().SetWishlistID(w.ID).SetVariantID(v.ID).SetQuantity(l.Quantity).
				SetNote(note).SetPriceWhenAdded(v.Price).SetCurrencyCode(v.CurrencyCode).Save(ctx)
			if err != nil {
				return err
			}
			have[v.ID] = nl
		}
		w, err = w.Update().Save(ctx) // updatedAt
		return err
	})
	return w, err
}

// defaultList returns the customer's default wishlist, making it if needed.
func defaultList(ctx context.Context, tx *ent.Tx, customerID int) (*ent.Wishlist, error) {
	w, err := tx.Wishlist.Query().Where(entwl.CustomerID(customerID), entwl.IsDefault(true)).First(ctx)
	if ent.IsNotFound(err) {
		return tx.Wishlist.Create().SetCustomerID(customerID).SetName(DefaultName).SetIsDefault(true).Save(ctx)
	}
	return w, err
}

// LineUpdate changes a line.
type LineUpdate struct {
	LineID   string
	Quantity *int
	Note     *string
}

func ownLine(ctx context.Context, tx *ent.Tx, w *ent.Wishlist, id string, field []string) (*ent.WishlistLine, error) {
	notFound := apperr.Invalid(field, apperr.CodeNotFound, "Wishlist line does not exist")
	k, err := gid.Decode(id, "WishlistLine")
	if err != nil {
		return nil, notFound
	}
	l, err := tx.WishlistLine.Query().Where(wishlistline.ID(k), wishlistline.WishlistID(w.ID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, notFound
	}
	return l, err
}

// UpdateLines changes quantities and notes.
func (s *Service) UpdateLines(ctx context.Context, token, id string, updates []LineUpdate) (*ent.Wishlist, error) {
	return s.change(ctx, token, id, func(tx *ent.Tx, w *ent.Wishlist) error {
		for i, u := range updates {
			l, err := ownLine(ctx, tx, w, u.LineID, apperr.Path("lines", i, "id"))
			if err != nil {
				return err
			}
			up := l.Update()
			if u.Quantity != nil {
				if *u.Quantity < 1 || *u.Quantity > MaxQuantity {
					return apperr.Invalid(apperr.Path("lines", i, "quantity"), apperr.CodeInvalid, "Quantity must be between 1 and 999")
				}
				up.SetQuantity(*u.Quantity)
			}
			if u.Note != nil {
				if utf8.RuneCountInString(*u.Note) > MaxNote {
					return apperr.Invalid(apperr.Path("lines", i, "note"), apperr.CodeTooLong, "Note is too long (maximum is 500 characters)")
				}
				up.SetNote(strings.TrimSpace(*u.Note))
			}
			if err := up.Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
}

// RemoveLines removes lines.
func (s *Service) RemoveLines(ctx context.Context, token, id string, lineIDs []string) (*ent.Wishlist, error) {
	return s.change(ctx, token, id, func(tx *ent.Tx, w *ent.Wishlist) error {
		for i, lid := range lineIDs {
			l, err := ownLine(ctx, tx, w, lid, apperr.Path("lineIds", i))
			if err != nil {
				return err
			}
			if err := tx.WishlistLine.DeleteOne(l).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Service) change(ctx context.Context, token, id string, fn func(tx *ent.Tx, w *ent.Wishlist) error) (*ent.Wishlist, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return nil, err
	}
	var out *ent.Wishlist
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		w, err := own(ctx, tx.Client(), c.ID, id, apperr.Path("wishlistId"), db.ForUpdate)
		if err != nil {
			return err
		}
		if err := fn(tx, w); err != nil {
			return err
		}
		out, err = w.Update().Save(ctx)
		return err
	})
	return out, err
}

// Share gives the wishlist a share token (a new one each time it is shared
// again after unsharing; the same one while it stays shared).
func (s *Service) Share(ctx context.Context, token, id string) (*ent.Wishlist, error) {
	return s.change(ctx, token, id, func(tx *ent.Tx, w *ent.Wishlist) error {
		if w.ShareToken != nil {
			return nil
		}
		t, _ := auth.NewToken()
		return tx.Wishlist.UpdateOne(w).SetShareToken(t).Exec(ctx)
	})
}

// Unshare ends sharing: the old token stops working at once.
func (s *Service) Unshare(ctx context.Context, token, id string) (*ent.Wishlist, error) {
	return s.change(ctx, token, id, func(tx *ent.Tx, w *ent.Wishlist) error {
		return tx.Wishlist.UpdateOne(w).ClearShareToken().Exec(ctx)
	})
}

// ShareURL is the public page of a shared wishlist.
func (s *Service) ShareURL(w *ent.Wishlist) *string {
	if w.ShareToken == nil {
		return nil
	}
	u := s.PublicURL + "/wishlists/shared/" + *w.ShareToken
	return &u
}

// Shared returns the wishlist of a share token, or nil.
func (s *Service) Shared(ctx context.Context, shareToken string) (*ent.Wishlist, *ent.Customer, error) {
	if len(shareToken) != 64 {
		return nil, nil, nil
	}
	w, err := s.DB.Wishlist.Query().Where(entwl.ShareToken(shareToken)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	var owner *ent.Customer
	if w.ShowOwnerName {
		if owner, err = s.DB.Customer.Get(ctx, w.CustomerID); err != nil {
			return nil, nil, err
		}
	}
	return w, owner, nil
}

// ByID returns one of the customer's wishlists, or nil.
func (s *Service) ByID(ctx context.Context, c *ent.Customer, id string) (*ent.Wishlist, error) {
	w, err := own(ctx, s.DB, c.ID, id, nil)
	if _, ok := err.(apperr.FieldErrors); ok {
		return nil, nil
	}
	return w, err
}

// MoveToCart moves lines into a cart, all or nothing: on any error, the
// wishlist and the cart are as they were.
func (s *Service) MoveToCart(ctx context.Context, token, id string, lineIDs []string, cartID string, carts *cartsvc.Service) (*ent.Wishlist, *ent.Cart, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return nil, nil, err
	}
	var w *ent.Wishlist
	var ct *ent.Cart
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		var err error
		if w, err = own(ctx, tx.Client(), c.ID, id, apperr.Path("wishlistId"), db.ForUpdate); err != nil {
			return err
		}
		var in []cartsvc.LineInput
		var remove []*ent.WishlistLine
		for i, lid := range lineIDs {
			l, err := ownLine(ctx, tx, w, lid, apperr.Path("lineIds", i))
			if err != nil {
				return err
			}
			in = append(in, cartsvc.LineInput{VariantID: gid.Encode("ProductVariant", l.VariantID), Quantity: l.Quantity})
			remove = append(remove, l)
		}
		if ct, err = carts.AddLinesTx(ctx, tx, cartID, in); err != nil {
			return cartsvc.AsCustomerErrors(err)
		}
		for _, l := range remove {
			if err := tx.WishlistLine.DeleteOne(l).Exec(ctx); err != nil {
				return err
			}
		}
		w, err = w.Update().Save(ctx)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return w, ct, nil
}
