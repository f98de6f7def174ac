package tests

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

var (
	scCreateDoc  = `mutation($t: String!, $c: ID!, $n: String!) { savedCartCreate(customerAccessToken: $t, cartId: $c, name: $n) { savedCart { id name lines(first: 10) { nodes { id quantity priceWhenSaved { amount } merchandise { sku } } } } customerUserErrors { code field message } } }`
	scRenameDoc  = `mutation($t: String!, $s: ID!, $n: String!) { savedCartRename(customerAccessToken: $t, savedCartId: $s, name: $n) { savedCart { name } customerUserErrors { code field message } } }`
	scDeleteDoc  = `mutation($t: String!, $s: ID!) { savedCartDelete(customerAccessToken: $t, savedCartId: $s) { deletedSavedCartId customerUserErrors { code field message } } }`
	scRestoreDoc = `mutation($t: String!, $s: ID!) { savedCartRestore(customerAccessToken: $t, savedCartId: $s) { cart { ` + cartFields + ` } warnings { code message merchandise { sku } } customerUserErrors { code field message } } }`
	reorderDoc   = `mutation($t: String!, $o: ID!) { orderReorder(customerAccessToken: $t, orderId: $o) { cart { ` + cartFields + ` } warnings { code message merchandise { sku } } customerUserErrors { code field message } } }`
	laterDoc     = `mutation($t: String!, $c: ID!, $ids: [ID!]!) { cartLinesSaveForLater(customerAccessToken: $t, cartId: $c, lineIds: $ids) { cart { ` + cartFields + ` } customerUserErrors { code field message } } }`
	backDoc      = `mutation($t: String!, $ids: [ID!]!, $c: ID!) { savedForLaterMoveToCart(customerAccessToken: $t, lineIds: $ids, cartId: $c) { cart { ` + cartFields + ` } customerUserErrors { code field message } } }`
	mySavedDoc   = `query($t: String!) { customer(customerAccessToken: $t) { savedCarts(first: 10) { nodes { id name } } savedForLater(first: 10) { nodes { id quantity merchandise { sku } } } } }`
)

type fromSaved struct {
	Cart     *cartOut
	Warnings []struct {
		Code        string
		Message     string
		Merchandise *struct{ Sku string }
	}
	CustomerUserErrors []UserError
}

func (p fromSaved) warnings() []string {
	out := []string{}
	for _, w := range p.Warnings {
		sku := "-"
		if w.Merchandise != nil {
			sku = w.Merchandise.Sku
		}
		out = append(out, w.Code+":"+sku)
	}
	return out
}

func TestSavedCarts(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		v := api.variantIDs(t)
		_, token, _ := api.newCustomer(t, "planner")
		cart := api.cartDo(t, cartCreateDoc, "cartCreate", map[string]any{"input": map[string]any{"lines": []any{
			map[string]any{"merchandiseId": v["SHIRT-M"], "quantity": 2}, map[string]any{"merchandiseId": v["SOCKS"], "quantity": 3},
		}}}).Cart
		var sc struct {
			SavedCart *struct {
				ID, Name string
				Lines    struct{ Nodes []struct{ Quantity int } }
			}
			CustomerUserErrors []UserError
		}
		api.MustDo(t, scCreateDoc, map[string]any{"t": token, "c": cart.ID, "n": "Monthly order"}, "savedCartCreate", &sc)
		if sc.SavedCart == nil || len(sc.SavedCart.Lines.Nodes) != 2 {
			t.Fatalf("save: %+v", sc)
		}
		saved := sc.SavedCart.ID
		for name, vars := range map[string]map[string]any{
			"blank name": {"t": token, "c": cart.ID, "n": " "},
			"no cart":    {"t": token, "c": "gid://accountgraph/Cart/1?key=x", "n": "x"},
		} {
			api.MustDo(t, scCreateDoc, vars, "savedCartCreate", &sc)
			if len(sc.CustomerUserErrors) != 1 || sc.SavedCart != nil {
				t.Errorf("%s: %+v", name, sc)
			}
		}
		var rn struct {
			SavedCart          *struct{ Name string }
			CustomerUserErrors []UserError
		}
		api.MustDo(t, scRenameDoc, map[string]any{"t": token, "s": saved, "n": "Every month"}, "savedCartRename", &rn)
		if rn.SavedCart == nil || rn.SavedCart.Name != "Every month" {
			t.Errorf("rename: %+v", rn)
		}
		// Prices and stock change; the restore says so.
		api.MustDo(t, productsUpsertDoc, map[string]any{"products": []any{map[string]any{"handle": "linen-shirt", "title": "Linen shirt", "variants": []any{
			map[string]any{"sku": "SHIRT-M", "title": "M", "price": "45.00", "currencyCode": "EUR", "availableForSale": false},
		}}}}, "adminProductsUpsert", nil, AsAdmin(adminKey))
		var r fromSaved
		api.MustDo(t, scRestoreDoc, map[string]any{"t": token, "s": saved}, "savedCartRestore", &r)
		if r.Cart == nil || r.Cart.ID == cart.ID {
			t.Fatalf("restore: %+v", r)
		}
		if d := cmp.Diff(map[string]int{"SHIRT-M": 2, "SOCKS": 3}, r.Cart.lines()); d != "" {
			t.Errorf("restored lines: %s", d)
		}
		if d := cmp.Diff([]string{"UNAVAILABLE:SHIRT-M", "PRICE_CHANGED:SHIRT-M"}, r.warnings()); d != "" {
			t.Errorf("warnings (-want +got):\n%s", d)
		}
		var del struct {
			DeletedSavedCartID *string `json:"deletedSavedCartId"`
			CustomerUserErrors []UserError
		}
		api.MustDo(t, scDeleteDoc, map[string]any{"t": token, "s": saved}, "savedCartDelete", &del)
		api.MustDo(t, scRestoreDoc, map[string]any{"t": token, "s": saved}, "savedCartRestore", &r)
		if del.DeletedSavedCartID == nil || cmp.Diff([]string{"NOT_FOUND@savedCartId"}, codes(r.CustomerUserErrors)) != "" {
			t.Errorf("after delete: %+v %+v", del, r.CustomerUserErrors)
		}
	})
}

func TestSaveForLaterAndReorder(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		v := api.variantIDs(t)
		_, token, id := api.newCustomer(t, "later")
		cart := api.cartDo(t, cartCreateDoc, "cartCreate", map[string]any{"input": map[string]any{"lines": []any{
			map[string]any{"merchandiseId": v["SHIRT-M"], "quantity": 2}, map[string]any{"merchandiseId": v["SOCKS"], "quantity": 3},
		}}}).Cart
		var p struct {
			Cart               *cartOut
			CustomerUserErrors []UserError
		}
		shirtLine := cart.Lines.Nodes[0].ID
		// An unknown line: nothing moves.
		api.MustDo(t, laterDoc, map[string]any{"t": token, "c": cart.ID, "ids": []string{shirtLine, "gid://accountgraph/CartLine/99999"}}, "cartLinesSaveForLater", &p)
		if cmp.Diff([]string{"NOT_FOUND@lineIds.1"}, codes(p.CustomerUserErrors)) != "" {
			t.Errorf("unknown line: %+v", p.CustomerUserErrors)
		}
		api.MustDo(t, laterDoc, map[string]any{"t": token, "c": cart.ID, "ids": []string{shirtLine}}, "cartLinesSaveForLater", &p)
		if p.Cart == nil || cmp.Diff(map[string]int{"SOCKS": 3}, p.Cart.lines()) != "" {
			t.Fatalf("save for later: %+v", p)
		}
		var mine struct {
			SavedForLater struct {
				Nodes []struct {
					ID          string
					Quantity    int
					Merchandise struct{ Sku string }
				}
			}
		}
		api.MustDo(t, mySavedDoc, map[string]any{"t": token}, "customer", &mine)
		if len(mine.SavedForLater.Nodes) != 1 || mine.SavedForLater.Nodes[0].Merchandise.Sku != "SHIRT-M" || mine.SavedForLater.Nodes[0].Quantity != 2 {
			t.Fatalf("saved for later: %+v", mine)
		}
		api.MustDo(t, backDoc, map[string]any{"t": token, "c": cart.ID, "ids": []string{mine.SavedForLater.Nodes[0].ID}}, "savedForLaterMoveToCart", &p)
		if p.Cart == nil || cmp.Diff(map[string]int{"SOCKS": 3, "SHIRT-M": 2}, p.Cart.lines()) != "" {
			t.Errorf("back to cart: %+v", p)
		}
		api.MustDo(t, mySavedDoc, map[string]any{"t": token}, "customer", &mine)
		if len(mine.SavedForLater.Nodes) != 0 {
			t.Errorf("still saved: %+v", mine)
		}

		// Reorder: one line no longer sold, one price changed.
		o := api.createOrder(t, map[string]any{"customerId": id, "lineItems": []any{
			map[string]any{"sku": "SHIRT-M", "title": "Linen shirt", "quantity": 1, "price": "49.00"},
			map[string]any{"sku": "SOCKS", "title": "Wool socks", "quantity": 2, "price": "10.00"},
			map[string]any{"title": "Discontinued scarf", "quantity": 1, "price": "20.00"},
		}})
		var r fromSaved
		api.MustDo(t, reorderDoc, map[string]any{"t": token, "o": o.ID}, "orderReorder", &r)
		if r.Cart == nil || cmp.Diff(map[string]int{"SHIRT-M": 1, "SOCKS": 2}, r.Cart.lines()) != "" {
			t.Fatalf("reorder: %+v", r)
		}
		if d := cmp.Diff([]string{"PRICE_CHANGED:SOCKS", "NO_LONGER_SOLD:-"}, r.warnings()); d != "" {
			t.Errorf("reorder warnings (-want +got):\n%s", d)
		}
	})
}

// TestSavedCartsOfOthers: B's saved carts, saved lines, orders and attached
// cart used with A's token read and change nothing.
func TestSavedCartsOfOthers(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		v := api.variantIDs(t)
		_, tokenA, _ := api.newCustomer(t, "alice")
		_, tokenB, idB := api.newCustomer(t, "bob")
		cartB := api.cartDo(t, cartCreateDoc, "cartCreate", map[string]any{"input": map[string]any{
			"buyerIdentity": map[string]any{"customerAccessToken": tokenB},
			"lines":         []any{map[string]any{"merchandiseId": v["SOCKS"], "quantity": 1}, map[string]any{"merchandiseId": v["SHIRT-M"], "quantity": 1}},
		}}).Cart
		var sc struct {
			SavedCart *struct{ ID string }
		}
		api.MustDo(t, scCreateDoc, map[string]any{"t": tokenB, "c": cartB.ID, "n": "Bob's"}, "savedCartCreate", &sc)
		var p struct{ CustomerUserErrors []UserError }
		api.MustDo(t, laterDoc, map[string]any{"t": tokenB, "c": cartB.ID, "ids": []string{cartB.Lines.Nodes[1].ID}}, "cartLinesSaveForLater", &p)
		var mineB struct {
			SavedForLater struct{ Nodes []struct{ ID string } }
		}
		api.MustDo(t, mySavedDoc, map[string]any{"t": tokenB}, "customer", &mineB)
		orderB := api.createOrder(t, map[string]any{"customerId": idB})
		cartA := api.cartDo(t, cartCreateDoc, "cartCreate", map[string]any{"input": map[string]any{}}).Cart
		readB := func() string { return api.Read(t, mySavedDoc, map[string]any{"t": tokenB}, "customer") }
		before := readB()
		for name, tc := range map[string]struct {
			doc, field string
			vars       map[string]any
			want       string
		}{
			"rename":         {scRenameDoc, "savedCartRename", map[string]any{"t": tokenA, "s": sc.SavedCart.ID, "n": "mine"}, "NOT_FOUND@savedCartId"},
			"delete":         {scDeleteDoc, "savedCartDelete", map[string]any{"t": tokenA, "s": sc.SavedCart.ID}, "NOT_FOUND@savedCartId"},
			"restore":        {scRestoreDoc, "savedCartRestore", map[string]any{"t": tokenA, "s": sc.SavedCart.ID}, "NOT_FOUND@savedCartId"},
			"reorder":        {reorderDoc, "orderReorder", map[string]any{"t": tokenA, "o": orderB.ID}, "NOT_FOUND@orderId"},
			"save B's cart":  {scCreateDoc, "savedCartCreate", map[string]any{"t": tokenA, "c": cartB.ID, "n": "x"}, "NOT_FOUND@cartId"},
			"later B's cart": {laterDoc, "cartLinesSaveForLater", map[string]any{"t": tokenA, "c": cartB.ID, "ids": []string{cartB.Lines.Nodes[0].ID}}, "NOT_FOUND@cartId"},
			"B's saved line": {backDoc, "savedForLaterMoveToCart", map[string]any{"t": tokenA, "c": cartA.ID, "ids": []string{mineB.SavedForLater.Nodes[0].ID}}, "NOT_FOUND@lineIds.0"},
		} {
			t.Run(name, func(t *testing.T) {
				var p struct{ CustomerUserErrors []UserError }
				api.MustDo(t, tc.doc, tc.vars, tc.field, &p)
				if d := cmp.Diff([]string{tc.want}, codes(p.CustomerUserErrors)); d != "" {
					t.Errorf("(-want +got):\n%s", d)
				}
			})
		}
		if after := readB(); after != before {
			t.Errorf("B changed:\n%s\n%s", before, after)
		}
	})
}
