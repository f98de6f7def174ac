// Package cart holds the rules of carts: lines keyed by variant, quantity
// and size limits, costs at current catalogue prices, and attaching a cart
// to a customer, which merges it with the customer's open cart so that the
// cart follows the customer across devices. A cart's ID carries its secret
// key; without the key a cart is not found.
package cart

import (
	"context"
	"crypto/subtle"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"accountgraph/ent"
	entcart "accountgraph/ent/cart"
	"accountgraph/ent/cartline"
	"accountgraph/ent/productvariant"
	"accountgraph/ent/schema"
	"accountgraph/internal/apperr"
	"accountgraph/internal/auth"
	"accountgraph/internal/db"
	"accountgraph/internal/gid"
)

// Limits of a cart.
const (
	MaxLines    = 250
	MaxQuantity = 999
	MaxNote     = 5000
)

// Cart error codes used here (CartErrorCode).
const (
	CodeInvalid         = "INVALID"
	CodeInvalidLine     = "INVALID_MERCHANDISE_LINE"
	CodeTooLarge        = "CART_TOO_LARGE"
	CodeMaximumExceeded = "MAXIMUM_EXCEEDED"
	CodeNoteTooLong     = "NOTE_TOO_LONG"
	CodeMissingToken    = "MISSING_CUSTOMER_ACCESS_TOKEN"
)

// Warning is something to tell the buyer about a change that was made.
type Warning struct{ Code, Message, Target string }

// BuyerLookup finds the customer of a buyer's access token, if any (a
// cart may belong to a guest; auth.Authenticator, which the other areas
// take, refuses unknown tokens instead).
type BuyerLookup interface {
	Authenticate(ctx context.Context, accessToken string) (*ent.Customer, error)
	// AuthenticateTx authenticates inside a transaction, through it.
	AuthenticateTx(ctx context.Context, tx *ent.Tx, accessToken string) (*ent.Customer, error)
}

// Service runs the cart rules.
type Service struct {
	DB        *ent.Client
	Customers BuyerLookup
	// AccountRequired tells whether the shop requires an account to buy:
	// then a cart must belong to a customer before lines go in.
	AccountRequired func(ctx context.Context, client *ent.Client) (bool, error)
	PublicURL       string
	// Currency is the shop's currency, for the cost of an empty cart.
	Currency string
}

// LineInput is a line to add.
type LineInput struct {
	VariantID  string
	Quantity   int
	Attributes []schema.Attribute
}

// LineUpdate changes a line.
type LineUpdate struct {
	LineID     string
	VariantID  *string
	Quantity   *int
	Attributes []schema.Attribute
}

// Buyer is a buyer identity.
type Buyer struct {
	CustomerAccessToken *string
	Email, Phone        *string
	CountryCode         *string
}

// CreateInput is a new cart.
type CreateInput struct {
	Lines         []LineInput
	Buyer         *Buyer
	Note          *string
	Attributes    []schema.Attribute
	DiscountCodes []string
}

// CheckoutURL is where the cart's purchase is finished.
func (s *Service) CheckoutURL(c *ent.Cart) string {
	return fmt.Sprintf("%s/cart/c/%d", s.PublicURL, c.ID)
}

// open returns the cart of an ID with its key, locked for the transaction,
// or an INVALID error at field.
func open(ctx context.Context, tx *ent.Tx, id string, field []string) (*ent.Cart, error) {
	notFound := apperr.Invalid(field, CodeInvalid, "The specified cart does not exist.")
	typ, key, query, err := gid.Parse(id)
	if err != nil || typ != "Cart" {
		return nil, notFound
	}
	q, _ := url.ParseQuery(query)
	secret := q.Get("key")
	c, err := tx.Cart.Query().Where(entcart.ID(key), entcart.StatusEQ(entcart.StatusOPEN)).Modify(db.ForUpdate).Only(ctx)
	if ent.IsNotFound(err) || (err == nil && subtle.ConstantTimeCompare([]byte(c.Key), []byte(secret)) != 1) {
		return nil, notFound
	}
	return c, err
}

// ByID returns the open cart of an ID with its key, or nil.
func (s *Service) ByID(ctx context.Context, id string) (*ent.Cart, error) {
	typ, key, query, err := gid.Parse(id)
	if err != nil || typ != "Cart" {
		return nil, nil
	}
	q, _ := url.ParseQuery(query)
	secret := q.Get("key")
	c, err := s.DB.Cart.Query().Where(entcart.ID(key), entcart.StatusEQ(entcart.StatusOPEN)).Only(ctx)
	if ent.IsNotFound(err) || (err == nil && subtle.ConstantTimeCompare([]byte(c.Key), []byte(secret)) != 1) {
		return nil, nil
	}
	return c, err
}

// Result is a cart after a change, with its ID (key included) and warnings.
type Result struct {
	Cart     *ent.Cart
	ID       string
	Warnings []Warning
}

func validAttributes(errs *apperr.FieldErrors, field []string, attrs []schema.Attribute) {
	if len(attrs) > 50 {
		errs.Add(field, CodeInvalid, "At most 50 attributes")
	}
	for i, a := range attrs {
		if a.Key == "" || len(a.Key) > 255 || len(a.Value) > 1000 {
			errs.Add(append(field, strconv.Itoa(i)), CodeInvalid, "An attribute needs a key of 1 to 255 and a value of at most 1000 characters")
		}
	}
}

// variants resolves variant global IDs; unknown ones are reported at field.
func variants(ctx context.Context, tx *ent.Tx, ids []string, field func(i int) []string) (map[string]*ent.ProductVariant, error) {
	var errs apperr.FieldErrors
	keys := map[string]int{}
	for i, id := range ids {
		k, err := gid.Decode(id, "ProductVariant")
		if err != nil {
			errs.Add(field(i), CodeInvalidLine, "The merchandise with id "+id+" does not exist.")
			continue
		}
		keys[id] = k
	}
	list := make([]int, 0, len(keys))
	for _, k := range keys {
		list = append(list, k)
	}
	rows, err := tx.ProductVariant.Query().Where(productvariant.IDIn(list...)).All(ctx)
	if err != nil {
		return nil, err
	}
	byKey := map[int]*ent.ProductVariant{}
	for _, r := range rows {
		byKey[r.ID] = r
	}
	out := map[string]*ent.ProductVariant{}
	for i, id := range ids {
		if k, ok := keys[id]; ok {
			if v := byKey[k]; v != nil {
				out[id] = v
			} else {
				errs.Add(field(i), CodeInvalidLine, "The merchandise with id "+id+" does not exist.")
			}
		}
	}
	return out, errs.Err()
}

func quantityOK(errs *apperr.FieldErrors, field []string, q int, allowZero bool) {
	switch {
	case q < 0 || (q == 0 && !allowZero):
		errs.Add(field, CodeInvalid, "Quantity must be at least 1")
	case q > MaxQuantity:
		errs.Add(field, CodeMaximumExceeded, "Quantity can be at most "+strconv.Itoa(MaxQuantity))
	}
}

// addLines adds lines to a cart in tx, merging with lines of the same
// variant, and returns warnings for unavailable variants.
func addLines(ctx context.Context, tx *ent.Tx, c *ent.Cart, in []LineInput, prefix string) ([]Warning, error) {
	var errs apperr.FieldErrors
	ids := make([]string, len(in))
	for i, l := range in {
		ids[i] = l.VariantID
		quantityOK(&errs, apperr.Path(prefix, i, "quantity"), l.Quantity, false)
		validAttributes(&errs, apperr.Path(prefix, i, "attributes"), l.Attributes)
	}
	vs, err := variants(ctx, tx, ids, func(i int) []string { return apperr.Path(prefix, i, "merchandiseId") })
	if fe, ok := err.(apperr.FieldErrors); ok {
		errs = append(errs, fe...)
	} else if err != nil {
		return nil, err
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	existing, err := tx.CartLine.Query().Where(cartline.CartID(c.ID)).All(ctx)
	if err != nil {
		return nil, err
	}
	byVariant := map[int]*ent.CartLine{}
	for _, l := range existing {
		byVariant[l.VariantID] = l
	}
	var warnings []Warning
	added := map[int]int{}
	for i, l := range in {
		v := vs[l.VariantID]
		if !v.AvailableForSale {
			warnings = append(warnings, Warning{"MERCHANDISE_OUT_OF_STOCK", "The merchandise is out of stock.", gid.Encode("ProductVariant", v.ID)})
		}
		if cur, ok := byVariant[v.ID]; ok {
			q := cur.Quantity + added[v.ID] + l.Quantity
			if q > MaxQuantity {
				return nil, apperr.Invalid(apperr.Path(prefix, i, "quantity"), CodeMaximumExceeded, "Quantity can be at most "+strconv.Itoa(MaxQuantity))
			}
			added[v.ID] += l.Quantity
			continue
		}
		if _, ok := added[v.ID]; !ok && len(byVariant)+countNew(added, byVariant)+1 > MaxLines {
			return nil, apperr.Invalid(apperr.Path(prefix), CodeTooLarge, "A cart has at most "+strconv.Itoa(MaxLines)+" lines")
		}
		added[v.ID] += l.Quantity
		if added[v.ID] > MaxQuantity {
			return nil, apperr.Invalid(apperr.Path(prefix, i, "quantity"), CodeMaximumExceeded, "Quantity can be at most "+strconv.Itoa(MaxQuantity))
		}
	}
	for i, l := range in {
		v := vs[l.VariantID]
		n, ok := added[v.ID]
		if !ok {
			continue
		}
		delete(added, v.ID)
		if cur, ok := byVariant[v.ID]; ok {
			u := cur.Update().SetQuantity(cur.Quantity + n)
			if l.Attributes != nil {
				u.SetAttributes(l.Attributes)
			}
			if err := u.Exec(ctx); err != nil {
				return nil, err
			}
			continue
		}
		if err := tx.CartLine.Create().SetCartID(c.ID).SetVariantID(v.ID).SetQuantity(n).SetAttributes(in[i].Attributes).Exec(ctx); err != nil {
			return nil, err
		}
	}
	return warnings, nil
}

func countNew(added map[int]int, existing map[int]*ent.CartLine) int {
	n := 0
	for id := range added {
		if _, ok := existing[id]; !ok {
			n++
		}
	}
	return n
}

func (s *Service) buyer(ctx context.Context, tx *ent.Tx, c *ent.Cart, b *Buyer, prefix []string) (*ent.Cart, []Warning, error) {
	var errs apperr.FieldErrors
	u := tx.Cart.UpdateOne(c)
	if b.Email != nil {
		e := strings.TrimSpace(*b.Email)
		if e != "" && (!strings.Contains(e, "@") || len(e) > 254 || strings.ContainsAny(e, " <>")) {
			errs.Add(append(prefix, "email"), CodeInvalid, "Email is invalid")
		}
		u.SetBuyerEmail(e)
	}
	if b.Phone != nil {
		p := strings.TrimSpace(*b.Phone)
		if len(p) > 20 {
			errs.Add(append(prefix, "phone"), CodeInvalid, "Phone is invalid")
		}
		u.SetBuyerPhone(p)
	}
	if b.CountryCode != nil {
		u.SetCountryCode(*b.CountryCode)
	}
	if err := errs.Err(); err != nil {
		return nil, nil, err
	}
	var warnings []Warning
	if b.CustomerAccessToken != nil {
		cust, err := s.Customers.AuthenticateTx(ctx, tx, *b.CustomerAccessToken)
		if err != nil {
			return nil, nil, err
		}
		if cust == nil {
			return nil, nil, apperr.Invalid(append(prefix, "customerAccessToken"), CodeInvalid, "Customer access token is invalid or expired")
		}
		if c.CustomerID != nil && *c.CustomerID != cust.ID {
			return nil, nil, apperr.Invalid(append(prefix, "customerAccessToken"), CodeInvalid, "The cart belongs to another customer")
		}
		// One open cart per customer: lock the customer, take in the lines of
		// the cart they had, and retire it. Nothing is lost: quantities add up.
		if _, err := db.LockCustomer(ctx, tx, cust.ID); err != nil {
			return nil, nil, err
		}
		previous, err := tx.Cart.Query().Where(entcart.CustomerID(cust.ID), entcart.StatusEQ(entcart.StatusOPEN), entcart.IDNEQ(c.ID)).All(ctx)
		if err != nil {
			return nil, nil, err
		}
		for _, p := range previous {
			lines, err := tx.CartLine.Query().Where(cartline.CartID(p.ID)).All(ctx)
			if err != nil {
				return nil, nil, err
			}
			in := make([]LineInput, len(lines))
			for i, l := range lines {
				in[i] = LineInput{VariantID: gid.Encode("ProductVariant", l.VariantID), Quantity: l.Quantity, Attributes: l.Attributes}
			}
			w, err := addLines(ctx, tx, c, in, "buyerIdentity")
			if err != nil {
				return nil, nil, err
			}
			warnings = append(warnings, w...)
			if err := tx.Cart.UpdateOne(p).SetStatus(entcart.StatusMERGED).Exec(ctx); err != nil {
				return nil, nil, err
			}
		}
		u.SetCustomerID(cust.ID)
		if b.Email == nil {
			u.SetBuyerEmail(cust.Email)
		}
	}
	c, err := u.Save(ctx)
	return c, warnings, err
}

// Create makes a cart.
func (s *Service) Create(ctx context.Context, in CreateInput) (*Result, error) {
	var errs apperr.FieldErrors
	if in.Note != nil && utf8.RuneCountInString(*in.Note) > MaxNote {
		errs.Add(apperr.Path("input", "note"), CodeNoteTooLong, "The note is too long")
	}
	if len(in.Lines) > MaxLines {
		errs.Add(apperr.Path("input", "lines"), CodeTooLarge, "A cart has at most 250 lines")
	}
	validAttributes(&errs, apperr.Path("input", "attributes"), in.Attributes)
	if len(in.DiscountCodes) > 20 {
		errs.Add(apperr.Path("input", "discountCodes"), CodeInvalid, "At most 20 discount codes")
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if len(in.Lines) > 0 && (in.Buyer == nil || in.Buyer.CustomerAccessToken == nil) {
		if err := s.needCustomer(ctx, s.DB, apperr.Path("input", "buyerIdentity", "customerAccessToken")); err != nil {
			return nil, err
		}
	}
	key, _ := auth.NewToken()
	key = key[:32]
	res := &Result{}
	err := db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		c, err := tx.Cart.Create().SetKey(key).SetNillableNote(in.Note).
			SetAttributes(in.Attributes).SetDiscountCodes(in.DiscountCodes).Save(ctx)
		if err != nil {
			return err
		}
		prefixed := make([]LineInput, len(in.Lines))
		copy(prefixed, in.Lines)
		w, err := addLines(ctx, tx, c, prefixed, "input.lines")
		if err != nil {
			return rewriteField(err, "input.lines", []string{"input", "lines"})
		}
		res.Warnings = w
		if in.Buyer != nil {
			var bw []Warning
			if c, bw, err = s.buyer(ctx, tx, c, in.Buyer, apperr.Path("input", "buyerIdentity")); err != nil {
				return err
			}
			res.Warnings = append(res.Warnings, bw...)
		}
		res.Cart, res.ID = c, c.GlobalID()
		return nil
	})
	return res, err
}

// rewriteField replaces a dotted prefix used while validating with its path.
func rewriteField(err error, dotted string, path []string) error {
	fe, ok := err.(apperr.FieldErrors)
	if !ok {
		return err
	}
	for i, e := range fe {
		if len(e.Field) > 0 && e.Field[0] == dotted {
			fe[i].Field = append(append([]string{}, path...), e.Field[1:]...)
		}
	}
	return fe
}

// change runs fn on an open cart in a transaction and returns the cart.
func (s *Service) change(ctx context.Context, cartID string, fn func(tx *ent.Tx, c *ent.Cart) ([]Warning, error)) (*Result, error) {
	res := &Result{}
	err := db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		c, err := open(ctx, tx, cartID, apperr.Path("cartId"))
		if err != nil {
			return err
		}
		if res.Warnings, err = fn(tx, c); err != nil {
			return err
		}
		// Touch the cart so updatedAt tells when its contents last changed.
		if res.Cart, err = tx.Cart.Get(ctx, c.ID); err != nil {
			return err
		}
		if res.Cart, err = res.Cart.Update().Save(ctx); err != nil {
			return err
		}
		res.ID = res.Cart.GlobalID()
		return nil
	})
	return res, err
}

// AddLines adds lines.
func (s *Service) AddLines(ctx context.Context, cartID string, lines []LineInput) (*Result, error) {
	if len(lines) > MaxLines {
		return nil, apperr.Invalid(apperr.Path("lines"), CodeTooLarge, "A cart has at most 250 lines")
	}
	return s.change(ctx, cartID, func(tx *ent.Tx, c *ent.Cart) ([]Warning, error) {
		if c.CustomerID == nil {
			if err := s.needCustomer(ctx, tx.Client(), apperr.Path("cartId")); err != nil {
				return nil, err
			}
		}
		return addLines(ctx, tx, c, lines, "lines")
	})
}

// needCustomer refuses a guest cart's lines when the shop requires an
// account to buy.
func (s *Service) needCustomer(ctx context.Context, client *ent.Client, field []string) error {
	if s.AccountRequired == nil {
		return nil
	}
	required, err := s.AccountRequired(ctx, client)
	if err != nil {
		return err
	}
	if required {
		return apperr.Invalid(field, CodeMissingToken, "Sign in first: this shop sells to customers with an account")
	}
	return nil
}

// AddLinesTx adds lines to a cart inside a caller's transaction (moving
// wishlist or saved lines into a cart in one unit). Errors name the field
// "cartId" or "lines".
func (s *Service) AddLinesTx(ctx context.Context, tx *ent.Tx, cartID string, lines []LineInput) (*ent.Cart, error) {
	c, err := open(ctx, tx, cartID, apperr.Path("cartId"))
	if err != nil {
		return nil, err
	}
	if c.CustomerID == nil {
		if err := s.needCustomer(ctx, tx.Client(), apperr.Path("cartId")); err != nil {
			return nil, err
		}
	}
	if _, err := addLines(ctx, tx, c, lines, "lines"); err != nil {
		return nil, err
	}
	return c.Update().Save(ctx)
}

// TakeLinesTx removes lines from a cart inside a caller's transaction and
// returns them; the cart must be a guest cart or the customer's own.
func (s *Service) TakeLinesTx(ctx context.Context, tx *ent.Tx, cartID string, customerID int, lineIDs []string) (*ent.Cart, []*ent.CartLine, error) {
	c, err := open(ctx, tx, cartID, apperr.Path("cartId"))
	if err != nil {
		return nil, nil, err
	}
	if c.CustomerID != nil && *c.CustomerID != customerID {
		return nil, nil, apperr.Invalid(apperr.Path("cartId"), CodeInvalid, "The specified cart does not exist.")
	}
	var taken []*ent.CartLine
	for i, id := range lineIDs {
		l, err := ownLine(ctx, tx, c, id, apperr.Path("lineIds", i))
		if err != nil {
			return nil, nil, err
		}
		if err := tx.CartLine.DeleteOne(l).Exec(ctx); err != nil {
			return nil, nil, err
		}
		taken = append(taken, l)
	}
	c, err = c.Update().Save(ctx)
	return c, taken, err
}

// LinesTx returns a cart's lines (with variants) inside a transaction; the
// cart must be a guest cart or the customer's own.
func (s *Service) LinesTx(ctx context.Context, tx *ent.Tx, cartID string, customerID int) (*ent.Cart, []*ent.CartLine, error) {
	c, err := open(ctx, tx, cartID, apperr.Path("cartId"))
	if err != nil {
		return nil, nil, err
	}
	if c.CustomerID != nil && *c.CustomerID != customerID {
		return nil, nil, apperr.Invalid(apperr.Path("cartId"), CodeInvalid, "The specified cart does not exist.")
	}
	lines, err := tx.CartLine.Query().Where(cartline.CartID(c.ID)).WithVariant().Order(ent.Asc(cartline.FieldID)).All(ctx)
	return c, lines, err
}

// CreateTx makes a cart with lines inside a caller's transaction.
func (s *Service) CreateTx(ctx context.Context, tx *ent.Tx, lines []LineInput) (*ent.Cart, error) {
	key, _ := auth.NewToken()
	c, err := tx.Cart.Create().SetKey(key[:32]).Save(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := addLines(ctx, tx, c, lines, "lines"); err != nil {
		return nil, err
	}
	return c, nil
}

// ownLine resolves a cart line ID within the cart.
func ownLine(ctx context.Context, tx *ent.Tx, c *ent.Cart, id string, field []string) (*ent.CartLine, error) {
	notFound := apperr.Invalid(field, CodeInvalidLine, "The merchandise line with id "+id+" does not exist.")
	k, err := gid.Decode(id, "CartLine")
	if err != nil {
		return nil, notFound
	}
	l, err := tx.CartLine.Query().Where(cartline.ID(k), cartline.CartID(c.ID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, notFound
	}
	return l, err
}

// UpdateLines changes quantities, variants or attributes; quantity 0
// removes the line.
func (s *Service) UpdateLines(ctx context.Context, cartID string, updates []LineUpdate) (*Result, error) {
	return s.change(ctx, cartID, func(tx *ent.Tx, c *ent.Cart) ([]Warning, error) {
		var errs apperr.FieldErrors
		for i, u := range updates {
			if u.Quantity != nil {
				quantityOK(&errs, apperr.Path("lines", i, "quantity"), *u.Quantity, true)
			}
			validAttributes(&errs, apperr.Path("lines", i, "attributes"), u.Attributes)
		}
		if err := errs.Err(); err != nil {
			return nil, err
		}
		var warnings []Warning
		for i, u := range updates {
			l, err := ownLine(ctx, tx, c, u.LineID, apperr.Path("lines", i, "id"))
			if err != nil {
				return nil, err
			}
			if u.Quantity != nil && *u.Quantity == 0 {
				if err := tx.CartLine.DeleteOne(l).Exec(ctx); err != nil {
					return nil, err
				}
				continue
			}
			upd := l.Update()
			if u.Quantity != nil {
				upd.SetQuantity(*u.Quantity)
			}
			if u.Attributes != nil {
				upd.SetAttributes(u.Attributes)
			}
			if u.VariantID != nil {
				vs, err := variants(ctx, tx, []string{*u.VariantID}, func(int) []string { return apperr.Path("lines", i, "merchandiseId") })
				if err != nil {
					return nil, err
				}
				v := vs[*u.VariantID]
				if v.ID != l.VariantID {
					if taken, err := tx.CartLine.Query().Where(cartline.CartID(c.ID), cartline.VariantID(v.ID)).Exist(ctx); err != nil {
						return nil, err
					} else if taken {
						return nil, apperr.Invalid(apperr.Path("lines", i, "merchandiseId"), CodeInvalidLine, "Another line already has this merchandise; change its quantity instead.")
					}
				}
				if !v.AvailableForSale {
					warnings = append(warnings, Warning{"MERCHANDISE_OUT_OF_STOCK", "The merchandise is out of stock.", gid.Encode("ProductVariant", v.ID)})
				}
				upd.SetVariantID(v.ID)
			}
			if err := upd.Exec(ctx); err != nil {
				return nil, err
			}
		}
		return warnings, nil
	})
}

// RemoveLines removes lines.
func (s *Service) RemoveLines(ctx context.Context, cartID string, lineIDs []string) (*Result, error) {
	return s.change(ctx, cartID, func(tx *ent.Tx, c *ent.Cart) ([]Warning, error) {
		for i, id := range lineIDs {
			l, err := ownLine(ctx, tx, c, id, apperr.Path("lineIds", i))
			if err != nil {
				return nil, err
			}
			if err := tx.CartLine.DeleteOne(l).Exec(ctx); err != nil {
				return nil, err
			}
		}
		return nil, nil
	})
}

// UpdateBuyer sets the buyer; a customer token attaches the cart to the
// customer and merges the customer's previous open cart into it.
func (s *Service) UpdateBuyer(ctx context.Context, cartID string, b Buyer) (*Result, error) {
	return s.change(ctx, cartID, func(tx *ent.Tx, c *ent.Cart) ([]Warning, error) {
		_, w, err := s.buyer(ctx, tx, c, &b, apperr.Path("buyerIdentity"))
		return w, err
	})
}

// UpdateNote sets the note.
func (s *Service) UpdateNote(ctx context.Context, cartID, note string) (*Result, error) {
	if utf8.RuneCountInString(note) > MaxNote {
		return nil, apperr.Invalid(apperr.Path("note"), CodeNoteTooLong, "The note is too long")
	}
	return s.change(ctx, cartID, func(tx *ent.Tx, c *ent.Cart) ([]Warning, error) {
		return nil, tx.Cart.UpdateOne(c).SetNote(note).Exec(ctx)
	})
}

// OpenCart returns a customer's open cart, or nil: the caller is the
// customer (signed in), so the cart's ID with its key may be shown.
func (s *Service) OpenCart(ctx context.Context, customerID int) (*Result, error) {
	c, err := s.DB.Cart.Query().Where(entcart.CustomerID(customerID), entcart.StatusEQ(entcart.StatusOPEN)).
		Order(ent.Desc(entcart.FieldUpdatedAt)).First(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &Result{Cart: c}, nil
}

// AsCustomerErrors restates a cart's errors for an operation that answers
// with customer error codes: a missing cart or line is NOT_FOUND, any other
// refusal INVALID.
func AsCustomerErrors(err error) error {
	fe, ok := err.(apperr.FieldErrors)
	if !ok {
		return err
	}
	out := make(apperr.FieldErrors, len(fe))
	for i, e := range fe {
		e.Code = apperr.CodeInvalid
		if len(e.Field) > 0 && (e.Field[0] == "cartId" || e.Field[0] == "lineIds") {
			e.Code = apperr.CodeNotFound
		}
		out[i] = e
	}
	return out
}
