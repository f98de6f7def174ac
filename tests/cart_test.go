package tests

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const cartFields = `id checkoutUrl totalQuantity note
  cost { subtotalAmount { amount currencyCode } totalAmount { amount } }
  buyerIdentity { email countryCode customer { id } }
  lines(first: 10) { nodes { id quantity merchandise { ... on ProductVariant { sku } }
    cost { amountPerQuantity { amount } compareAtAmountPerQuantity { amount } totalAmount { amount } } } }`

var (
	cartCreateDoc = `mutation($input: CartInput) { cartCreate(input: $input) { cart { ` + cartFields + ` } userErrors { code field message } warnings { code target } } }`
	cartAddDoc    = `mutation($id: ID!, $lines: [CartLineInput!]!) { cartLinesAdd(cartId: $id, lines: $lines) { cart { ` + cartFields + ` } userErrors { code field message } warnings { code } } }`
	cartUpdateDoc = `mutation($id: ID!, $lines: [CartLineUpdateInput!]!) { cartLinesUpdate(cartId: $id, lines: $lines) { cart { ` + cartFields + ` } userErrors { code field message } } }`
	cartRemoveDoc = `mutation($id: ID!, $ids: [ID!]!) { cartLinesRemove(cartId: $id, lineIds: $ids) { cart { ` + cartFields + ` } userErrors { code field message } } }`
	cartBuyerDoc  = `mutation($id: ID!, $b: CartBuyerIdentityInput!) { cartBuyerIdentityUpdate(cartId: $id, buyerIdentity: $b) { cart { ` + cartFields + ` } userErrors { code field message } } }`
	cartNoteDoc   = `mutation($id: ID!, $note: String!) { cartNoteUpdate(cartId: $id, note: $note) { cart { note } userErrors { code field message } } }`
	cartQueryDoc  = `query($id: ID!) { cart(id: $id) { ` + cartFields + ` } }`
)

type cartOut struct {
	ID            string
	CheckoutURL   string `json:"checkoutUrl"`
	TotalQuantity int
	Note          *string
	Cost          struct {
		SubtotalAmount struct{ Amount, CurrencyCode string }
		TotalAmount    struct{ Amount string }
	}
	BuyerIdentity struct {
		Email       *string
		CountryCode *string
		Customer    *struct{ ID string }
	}
	Lines struct {
		Nodes []struct {
			ID          string
			Quantity    int
			Merchandise struct{ Sku string }
			Cost        struct {
				AmountPerQuantity          struct{ Amount string }
				CompareAtAmountPerQuantity *struct{ Amount string }
				TotalAmount                struct{ Amount string }
			}
		}
	}
}

type cartPayload struct {
	Cart       *cartOut
	UserErrors []UserError
	Warnings   []struct{ Code, Target string }
}

func (c cartOut) lines() map[string]int {
	out := map[string]int{}
	for _, l := range c.Lines.Nodes {
		out[l.Merchandise.Sku] = l.Quantity
	}
	return out
}

// variantIDs returns the catalogue's variant IDs by SKU.
func (a *API) variantIDs(t *testing.T) map[string]string {
	t.Helper()
	var p struct {
		Variants struct{ Nodes []struct{ ID, Sku string } }
	}
	out := map[string]string{}
	for _, h := range []string{"linen-shirt", "wool-socks"} {
		a.MustDo(t, `query($h: String!) { product(handle: $h) { variants(first: 10) { nodes { id sku } } } }`, map[string]any{"h": h}, "product", &p)
		for _, v := range p.Variants.Nodes {
			out[v.Sku] = v.ID
		}
	}
	return out
}

func (a *API) cartDo(t *testing.T, doc, field string, vars map[string]any) cartPayload {
	t.Helper()
	var p cartPayload
	a.MustDo(t, doc, vars, field, &p)
	return p
}

func TestCartLinesAndCost(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		v := api.variantIDs(t)
		p := api.cartDo(t, cartCreateDoc, "cartCreate", map[string]any{"input": map[string]any{
			"note": "Gift wrap, please",
			"lines": []any{
				map[string]any{"merchandiseId": v["SHIRT-M"], "quantity": 1},
				map[string]any{"merchandiseId": v["SHIRT-M"], "quantity": 2}, // same variant: one line
				map[string]any{"merchandiseId": v["SHIRT-L"]},                // quantity defaults to 1; out of stock
			},
		}})
		if p.Cart == nil || len(p.UserErrors) > 0 {
			t.Fatalf("create: %+v", p.UserErrors)
		}
		c := *p.Cart
		if !strings.HasPrefix(c.ID, "gid://accountgraph/Cart/") || !strings.Contains(c.ID, "?key=") || c.TotalQuantity != 4 ||
			c.Cost.SubtotalAmount.Amount != "196.00" || c.Cost.SubtotalAmount.CurrencyCode != "EUR" || *c.Note != "Gift wrap, please" {
			t.Fatalf("cart: %+v", c)
		}
		if d := cmp.Diff(map[string]int{"SHIRT-M": 3, "SHIRT-L": 1}, c.lines()); d != "" {
			t.Errorf("lines: %s", d)
		}
		if len(p.Warnings) != 1 || p.Warnings[0].Code != "MERCHANDISE_OUT_OF_STOCK" || p.Warnings[0].Target != v["SHIRT-L"] {
			t.Errorf("warnings: %+v", p.Warnings)
		}
		if l := c.Lines.Nodes[0]; l.Cost.AmountPerQuantity.Amount != "49.00" || l.Cost.CompareAtAmountPerQuantity.Amount != "59.00" || l.Cost.TotalAmount.Amount != "147.00" {
			t.Errorf("line cost: %+v", l.Cost)
		}
		// Costs follow the catalogue's current prices.
		api.MustDo(t, productsUpsertDoc, map[string]any{"products": []any{map[string]any{"handle": "linen-shirt", "title": "Linen shirt", "variants": []any{
			map[string]any{"sku": "SHIRT-M", "title": "M", "price": "39.00", "currencyCode": "EUR", "availableForSale": true},
		}}}}, "adminProductsUpsert", nil, AsAdmin(adminKey))
		var again cartOut
		api.MustDo(t, cartQueryDoc, map[string]any{"id": c.ID}, "cart", &again)
		if again.Cost.TotalAmount.Amount != "166.00" {
			t.Errorf("after a price change: %s", again.Cost.TotalAmount.Amount)
		}
		// Add, update, remove.
		p = api.cartDo(t, cartAddDoc, "cartLinesAdd", map[string]any{"id": c.ID, "lines": []any{map[string]any{"merchandiseId": v["SOCKS"], "quantity": 2}}})
		socks := ""
		for _, l := range p.Cart.Lines.Nodes {
			if l.Merchandise.Sku == "SOCKS" {
				socks = l.ID
			}
		}
		shirtL := p.Cart.Lines.Nodes[1].ID
		p = api.cartDo(t, cartUpdateDoc, "cartLinesUpdate", map[string]any{"id": c.ID, "lines": []any{
			map[string]any{"id": socks, "quantity": 5}, map[string]any{"id": shirtL, "quantity": 0},
		}})
		if d := cmp.Diff(map[string]int{"SHIRT-M": 3, "SOCKS": 5}, p.Cart.lines()); d != "" {
			t.Errorf("after update: %s %+v", d, p.UserErrors)
		}
		p = api.cartDo(t, cartRemoveDoc, "cartLinesRemove", map[string]any{"id": c.ID, "ids": []string{socks}})
		if d := cmp.Diff(map[string]int{"SHIRT-M": 3}, p.Cart.lines()); d != "" {
			t.Errorf("after remove: %s", d)
		}
		var n struct {
			Cart       *struct{ Note string }
			UserErrors []UserError
		}
		api.MustDo(t, cartNoteDoc, map[string]any{"id": c.ID, "note": strings.Repeat("n", 5001)}, "cartNoteUpdate", &n)
		if cmp.Diff([]string{"NOTE_TOO_LONG@note"}, codes(n.UserErrors)) != "" {
			t.Errorf("long note: %+v", n.UserErrors)
		}

		// Bad input changes nothing.
		otherCart := api.cartDo(t, cartCreateDoc, "cartCreate", map[string]any{"input": map[string]any{"lines": []any{map[string]any{"merchandiseId": v["SOCKS"]}}}}).Cart
		bare, _, _ := strings.Cut(c.ID, "?")
		for name, tc := range map[string]struct {
			doc, field string
			vars       map[string]any
			want       []string
		}{
			"unknown variant": {cartAddDoc, "cartLinesAdd", map[string]any{"id": c.ID, "lines": []any{map[string]any{"merchandiseId": "gid://accountgraph/ProductVariant/999999"}}}, []string{"INVALID_MERCHANDISE_LINE@lines.0.merchandiseId"}},
			"not a variant":   {cartAddDoc, "cartLinesAdd", map[string]any{"id": c.ID, "lines": []any{map[string]any{"merchandiseId": bare}}}, []string{"INVALID_MERCHANDISE_LINE@lines.0.merchandiseId"}},
			"too many":        {cartAddDoc, "cartLinesAdd", map[string]any{"id": c.ID, "lines": []any{map[string]any{"merchandiseId": v["SOCKS"], "quantity": 1000}}}, []string{"MAXIMUM_EXCEEDED@lines.0.quantity"}},
			"sum too many":    {cartAddDoc, "cartLinesAdd", map[string]any{"id": c.ID, "lines": []any{map[string]any{"merchandiseId": v["SHIRT-M"], "quantity": 997}}}, []string{"MAXIMUM_EXCEEDED@lines.0.quantity"}},
			"zero":            {cartAddDoc, "cartLinesAdd", map[string]any{"id": c.ID, "lines": []any{map[string]any{"merchandiseId": v["SOCKS"], "quantity": 0}}}, []string{"INVALID@lines.0.quantity"}},
			"no key":          {cartAddDoc, "cartLinesAdd", map[string]any{"id": bare, "lines": []any{map[string]any{"merchandiseId": v["SOCKS"]}}}, []string{"INVALID@cartId"}},
			"wrong key":       {cartAddDoc, "cartLinesAdd", map[string]any{"id": bare + "?key=00000000000000000000000000000000", "lines": []any{map[string]any{"merchandiseId": v["SOCKS"]}}}, []string{"INVALID@cartId"}},
			"other cart line": {cartUpdateDoc, "cartLinesUpdate", map[string]any{"id": c.ID, "lines": []any{map[string]any{"id": otherCart.Lines.Nodes[0].ID, "quantity": 3}}}, []string{"INVALID_MERCHANDISE_LINE@lines.0.id"}},
			"negative":        {cartUpdateDoc, "cartLinesUpdate", map[string]any{"id": c.ID, "lines": []any{map[string]any{"id": p.Cart.Lines.Nodes[0].ID, "quantity": -1}}}, []string{"INVALID@lines.0.quantity"}},
			"remove other":    {cartRemoveDoc, "cartLinesRemove", map[string]any{"id": c.ID, "ids": []string{otherCart.Lines.Nodes[0].ID}}, []string{"INVALID_MERCHANDISE_LINE@lineIds.0"}},
		} {
			t.Run(name, func(t *testing.T) {
				got := api.cartDo(t, tc.doc, tc.field, tc.vars)
				if d := cmp.Diff(tc.want, codes(got.UserErrors)); d != "" || got.Cart != nil {
					t.Errorf("(-want +got):\n%s", d)
				}
			})
		}
		var now, other cartOut
		api.MustDo(t, cartQueryDoc, map[string]any{"id": c.ID}, "cart", &now)
		api.MustDo(t, cartQueryDoc, map[string]any{"id": otherCart.ID}, "cart", &other)
		if d := cmp.Diff(map[string]int{"SHIRT-M": 3}, now.lines()); d != "" || other.TotalQuantity != 1 {
			t.Errorf("refused changes changed the carts: %s %d", d, other.TotalQuantity)
		}
		for _, id := range []string{bare, bare + "?key=nope", "garbage"} {
			if r := api.Do(t, cartQueryDoc, map[string]any{"id": id}); string(r.Data["cart"]) != "null" {
				t.Errorf("cart(%s): %s", id, r.Raw)
			}
		}
	})
}

// TestCartFollowsTheCustomer: a guest cart attached with a token merges
// with the customer's open cart (quantities summed, no line lost) and the
// customer's second device sees it.
func TestCartFollowsTheCustomer(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		v := api.variantIDs(t)
		email, token, _ := api.newCustomer(t, "shopper")
		// Device 1: a cart attached at creation.
		first := api.cartDo(t, cartCreateDoc, "cartCreate", map[string]any{"input": map[string]any{
			"buyerIdentity": map[string]any{"customerAccessToken": token, "countryCode": "DE"},
			"lines":         []any{map[string]any{"merchandiseId": v["SHIRT-M"], "quantity": 2}, map[string]any{"merchandiseId": v["SOCKS"]}},
		}}).Cart
		if first == nil || first.BuyerIdentity.Email == nil || *first.BuyerIdentity.Email != email || first.BuyerIdentity.Customer != nil {
			t.Fatalf("first cart: %+v", first)
		}
		// Device 2: a guest cart, then sign-in.
		guest := api.cartDo(t, cartCreateDoc, "cartCreate", map[string]any{"input": map[string]any{
			"lines": []any{map[string]any{"merchandiseId": v["SHIRT-M"], "quantity": 1}, map[string]any{"merchandiseId": v["SHIRT-L"], "quantity": 4}},
		}}).Cart
		p := api.cartDo(t, cartBuyerDoc, "cartBuyerIdentityUpdate", map[string]any{"id": guest.ID, "b": map[string]any{"customerAccessToken": token}})
		if p.Cart == nil || p.Cart.ID != guest.ID {
			t.Fatalf("attach: %+v", p.UserErrors)
		}
		if d := cmp.Diff(map[string]int{"SHIRT-M": 3, "SOCKS": 1, "SHIRT-L": 4}, p.Cart.lines()); d != "" {
			t.Errorf("merged lines (-want +got):\n%s", d)
		}
		if r := api.Do(t, cartQueryDoc, map[string]any{"id": first.ID}); string(r.Data["cart"]) != "null" {
			t.Errorf("the merged cart still answers: %s", r.Raw)
		}
		// Any device signed in as the customer finds the open cart.
		other := api.login(t, email, goodPassword)
		var c struct{ Cart *cartOut }
		api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { cart { `+cartFields+` } } }`, map[string]any{"t": other}, "customer", &c)
		if c.Cart == nil || c.Cart.ID != guest.ID || c.Cart.TotalQuantity != 8 {
			t.Fatalf("customer's cart: %+v", c.Cart)
		}
		// Another customer cannot take it over, and a forged token does nothing.
		_, tokenB, _ := api.newCustomer(t, "thief")
		for tok, want := range map[string]string{tokenB: "INVALID@buyerIdentity.customerAccessToken", "forged": "INVALID@buyerIdentity.customerAccessToken"} {
			p := api.cartDo(t, cartBuyerDoc, "cartBuyerIdentityUpdate", map[string]any{"id": guest.ID, "b": map[string]any{"customerAccessToken": tok}})
			if d := cmp.Diff([]string{want}, codes(p.UserErrors)); d != "" {
				t.Errorf("take-over: %s", d)
			}
		}
		var b struct{ Cart *cartOut }
		api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { cart { id } } }`, map[string]any{"t": tokenB}, "customer", &b)
		if b.Cart != nil {
			t.Errorf("B sees a cart: %+v", b.Cart)
		}
	})
}
