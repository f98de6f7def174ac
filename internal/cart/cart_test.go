package cart

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"accountgraph/ent"
	entcart "accountgraph/ent/cart"
	"accountgraph/ent/cartline"
	"accountgraph/ent/schema"
	"accountgraph/internal/apperr"
	"accountgraph/internal/db"
	"accountgraph/internal/gid"
)

// tokens is a BuyerLookup with fixed tokens.
type tokens map[string]*ent.Customer

func (t tokens) Authenticate(_ context.Context, token string) (*ent.Customer, error) {
	return t[token], nil
}
func (t tokens) AuthenticateTx(_ context.Context, _ *ent.Tx, token string) (*ent.Customer, error) {
	return t[token], nil
}

func setup(t *testing.T) (*Service, *ent.Client, []string, tokens) {
	t.Helper()
	ctx := context.Background()
	d, err := db.Open("sqlite:"+filepath.Join(t.TempDir(), "cart.db"), db.Uncounted{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if err := d.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	p := d.Client.Product.Create().SetHandle("shirt").SetTitle("Shirt").SaveX(ctx)
	var variants []string
	for i, sku := range []string{"S", "M", "L"} {
		v := d.Client.ProductVariant.Create().SetProductID(p.ID).SetSku(sku).SetTitle(sku).SetPrice(1000).
			SetCurrencyCode("EUR").SetAvailableForSale(i != 2).SaveX(ctx)
		variants = append(variants, gid.Encode("ProductVariant", v.ID))
	}
	ada := d.Client.Customer.Create().SetEmail("ada@example.com").SetEmailKey("ada@example.com").SaveX(ctx)
	bob := d.Client.Customer.Create().SetEmail("bob@example.com").SetEmailKey("bob@example.com").SaveX(ctx)
	tok := tokens{"ada": ada, "bob": bob}
	return &Service{DB: d.Client, Customers: tok}, d.Client, variants, tok
}

func quantities(t *testing.T, client *ent.Client, cartID int) map[int]int {
	t.Helper()
	out := map[int]int{}
	for _, l := range client.CartLine.Query().Where(cartline.CartID(cartID)).AllX(context.Background()) {
		out[l.VariantID] += l.Quantity
	}
	return out
}

// TestSigningInMergesCarts: a guest cart that gets a customer takes in the
// lines of the customer's open cart (quantities add up, the same variant
// stays one line) and retires it; another customer's cart is refused.
func TestSigningInMergesCarts(t *testing.T) {
	ctx := context.Background()
	s, client, v, _ := setup(t)
	ada := "ada"
	old, err := s.Create(ctx, CreateInput{Lines: []LineInput{{VariantID: v[0], Quantity: 2}, {VariantID: v[1], Quantity: 1}}, Buyer: &Buyer{CustomerAccessToken: &ada}})
	if err != nil {
		t.Fatal(err)
	}
	guest, err := s.Create(ctx, CreateInput{Lines: []LineInput{{VariantID: v[0], Quantity: 3}}})
	if err != nil {
		t.Fatal(err)
	}
	merged, err := s.UpdateBuyer(ctx, guest.ID, Buyer{CustomerAccessToken: &ada})
	if err != nil {
		t.Fatal(err)
	}
	got := quantities(t, client, merged.Cart.ID)
	s0, _ := gid.Decode(v[0], "ProductVariant")
	m0, _ := gid.Decode(v[1], "ProductVariant")
	if len(got) != 2 || got[s0] != 5 || got[m0] != 1 {
		t.Errorf("merged quantities = %v", got)
	}
	if n := client.CartLine.Query().Where(cartline.CartID(merged.Cart.ID)).CountX(ctx); n != 2 {
		t.Errorf("%d lines, want one a variant", n)
	}
	if st := client.Cart.GetX(ctx, old.Cart.ID).Status; st != entcart.StatusMERGED {
		t.Errorf("the customer's earlier cart is %s", st)
	}
	if c := merged.Cart; c.CustomerID == nil || c.BuyerEmail == nil || *c.BuyerEmail != "ada@example.com" {
		t.Errorf("buyer = %v %v", c.CustomerID, c.BuyerEmail)
	}
	// Ada's cart cannot become Bob's.
	bob := "bob"
	_, err = s.UpdateBuyer(ctx, merged.ID, Buyer{CustomerAccessToken: &bob})
	var fe apperr.FieldErrors
	if !errors.As(err, &fe) || len(fe) != 1 || !strings.Contains(fe[0].Message, "another customer") {
		t.Errorf("another customer's cart: %v", err)
	}
	// An unknown token is refused, saying where.
	bad := "nobody"
	if _, err := s.UpdateBuyer(ctx, guest.ID, Buyer{CustomerAccessToken: &bad}); !errors.As(err, &fe) || strings.Join(fe[0].Field, ".") != "buyerIdentity.customerAccessToken" {
		t.Errorf("unknown token: %v", err)
	}
}

func TestQuantityAndAttributeRules(t *testing.T) {
	for _, c := range []struct {
		q         int
		allowZero bool
		code      string
	}{{1, false, ""}, {0, true, ""}, {0, false, CodeInvalid}, {-1, true, CodeInvalid}, {MaxQuantity, false, ""}, {MaxQuantity + 1, false, CodeMaximumExceeded}} {
		var errs apperr.FieldErrors
		quantityOK(&errs, []string{"q"}, c.q, c.allowZero)
		got := ""
		if len(errs) > 0 {
			got = errs[0].Code
		}
		if got != c.code {
			t.Errorf("quantity %d (zero allowed %t): %q, want %q", c.q, c.allowZero, got, c.code)
		}
	}
	var errs apperr.FieldErrors
	validAttributes(&errs, []string{"attributes"}, make([]schema.Attribute, 51))
	if len(errs) == 0 {
		t.Error("51 attributes accepted")
	}
}
