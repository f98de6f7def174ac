package tests

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const wishlistFields = `id name isDefault showOwnerName shareUrl shareToken
  lines(first: 50) { nodes { id quantity note addedAt priceDropped priceWhenAdded { amount } merchandise { sku price { amount } } } }`

var (
	wlAddDoc    = `mutation($t: String!, $w: ID, $lines: [WishlistLineInput!]!) { wishlistLinesAdd(customerAccessToken: $t, wishlistId: $w, lines: $lines) { wishlist { ` + wishlistFields + ` } customerUserErrors { code field message } } }`
	wlCreateDoc = `mutation($t: String!, $name: String!) { wishlistCreate(customerAccessToken: $t, name: $name) { wishlist { ` + wishlistFields + ` } customerUserErrors { code field message } } }`
	wlUpdateDoc = `mutation($t: String!, $w: ID!, $name: String, $show: Boolean) { wishlistUpdate(customerAccessToken: $t, wishlistId: $w, name: $name, showOwnerName: $show) { wishlist { ` + wishlistFields + ` } customerUserErrors { code field message } } }`
	wlLinesDoc  = `mutation($t: String!, $w: ID!, $lines: [WishlistLineUpdateInput!]!) { wishlistLinesUpdate(customerAccessToken: $t, wishlistId: $w, lines: $lines) { wishlist { ` + wishlistFields + ` } customerUserErrors { code field message } } }`
	wlRemoveDoc = `mutation($t: String!, $w: ID!, $ids: [ID!]!) { wishlistLinesRemove(customerAccessToken: $t, wishlistId: $w, lineIds: $ids) { wishlist { ` + wishlistFields + ` } customerUserErrors { code field message } } }`
	wlShareDoc  = `mutation($t: String!, $w: ID!) { wishlistShare(customerAccessToken: $t, wishlistId: $w) { wishlist { ` + wishlistFields + ` } customerUserErrors { code field message } } }`
	wlUnshare   = `mutation($t: String!, $w: ID!) { wishlistUnshare(customerAccessToken: $t, wishlistId: $w) { wishlist { ` + wishlistFields + ` } customerUserErrors { code field message } } }`
	wlDeleteDoc = `mutation($t: String!, $w: ID!) { wishlistDelete(customerAccessToken: $t, wishlistId: $w) { deletedWishlistId customerUserErrors { code field message } } }`
	wlMoveDoc   = `mutation($t: String!, $w: ID!, $ids: [ID!]!, $c: ID!) { wishlistLinesMoveToCart(customerAccessToken: $t, wishlistId: $w, lineIds: $ids, cartId: $c) { wishlist { ` + wishlistFields + ` } cart { totalQuantity } customerUserErrors { code field message } } }`
	sharedDoc   = `query($s: String!) { sharedWishlist(shareToken: $s) { name ownerFirstName lines(first: 10) { nodes { quantity merchandise { sku } } } } }`
	myListsDoc  = `query($t: String!) { customer(customerAccessToken: $t) { wishlists(first: 10) { nodes { ` + wishlistFields + ` } } } }`
)

type wishlistOut struct {
	ID, Name      string
	IsDefault     bool
	ShowOwnerName bool
	ShareURL      *string `json:"shareUrl"`
	ShareToken    *string
	Lines         struct {
		Nodes []struct {
			ID             string
			Quantity       int
			Note           *string
			AddedAt        string
			PriceDropped   bool
			PriceWhenAdded struct{ Amount string }
			Merchandise    struct {
				Sku   string
				Price struct{ Amount string }
			}
		}
	}
}

func (w wishlistOut) skus() map[string]int {
	out := map[string]int{}
	for _, l := range w.Lines.Nodes {
		out[l.Merchandise.Sku] = l.Quantity
	}
	return out
}

type wlPayload struct {
	Wishlist           *wishlistOut
	CustomerUserErrors []UserError
}

func (a *API) wl(t *testing.T, doc, field string, vars map[string]any) wlPayload {
	t.Helper()
	var p wlPayload
	a.MustDo(t, doc, vars, field, &p)
	return p
}

func TestWishlists(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		v := api.variantIDs(t)
		_, token, _ := api.newCustomer(t, "dreamer")
		// The first add makes the default list.
		p := api.wl(t, wlAddDoc, "wishlistLinesAdd", map[string]any{"t": token, "lines": []any{
			map[string]any{"merchandiseId": v["SHIRT-M"], "note": "for Sam"}, map[string]any{"merchandiseId": v["SOCKS"], "quantity": 3},
		}})
		if p.Wishlist == nil || !p.Wishlist.IsDefault || p.Wishlist.Name != "Wishlist" {
			t.Fatalf("default list: %+v", p)
		}
		def := p.Wishlist.ID
		// Adding a variant again updates its line.
		p = api.wl(t, wlAddDoc, "wishlistLinesAdd", map[string]any{"t": token, "w": def, "lines": []any{map[string]any{"merchandiseId": v["SHIRT-M"], "quantity": 2}}})
		if d := cmp.Diff(map[string]int{"SHIRT-M": 2, "SOCKS": 3}, p.Wishlist.skus()); d != "" {
			t.Errorf("lines: %s", d)
		}
		if l := p.Wishlist.Lines.Nodes[0]; *l.Note != "for Sam" || l.PriceWhenAdded.Amount != "49.00" || l.PriceDropped {
			t.Errorf("line: %+v", l)
		}
		gifts := api.wl(t, wlCreateDoc, "wishlistCreate", map[string]any{"t": token, "name": "Birthday"}).Wishlist
		if gifts == nil || gifts.IsDefault {
			t.Fatalf("second list: %+v", gifts)
		}
		for name, tc := range map[string]struct {
			doc, field string
			vars       map[string]any
			want       []string
		}{
			"blank name":      {wlCreateDoc, "wishlistCreate", map[string]any{"t": token, "name": "  "}, []string{"BLANK@name"}},
			"long name":       {wlCreateDoc, "wishlistCreate", map[string]any{"t": token, "name": strings.Repeat("x", 101)}, []string{"TOO_LONG@name"}},
			"html name":       {wlUpdateDoc, "wishlistUpdate", map[string]any{"t": token, "w": gifts.ID, "name": "<b>x</b>"}, []string{"CONTAINS_HTML_TAGS@name"}},
			"zero quantity":   {wlAddDoc, "wishlistLinesAdd", map[string]any{"t": token, "w": gifts.ID, "lines": []any{map[string]any{"merchandiseId": v["SOCKS"], "quantity": 0}}}, []string{"INVALID@lines.0.quantity"}},
			"huge quantity":   {wlAddDoc, "wishlistLinesAdd", map[string]any{"t": token, "w": gifts.ID, "lines": []any{map[string]any{"merchandiseId": v["SOCKS"], "quantity": 1000}}}, []string{"INVALID@lines.0.quantity"}},
			"long note":       {wlAddDoc, "wishlistLinesAdd", map[string]any{"t": token, "w": gifts.ID, "lines": []any{map[string]any{"merchandiseId": v["SOCKS"], "note": strings.Repeat("n", 501)}}}, []string{"TOO_LONG@lines.0.note"}},
			"unknown variant": {wlAddDoc, "wishlistLinesAdd", map[string]any{"t": token, "w": gifts.ID, "lines": []any{map[string]any{"merchandiseId": "gid://accountgraph/ProductVariant/99999"}}}, []string{"NOT_FOUND@lines.0.merchandiseId"}},
			"bad token":       {wlCreateDoc, "wishlistCreate", map[string]any{"t": "nope", "name": "x"}, []string{"TOKEN_INVALID@customerAccessToken"}},
		} {
			t.Run(name, func(t *testing.T) {
				got := api.wl(t, tc.doc, tc.field, tc.vars)
				if d := cmp.Diff(tc.want, codes(got.CustomerUserErrors)); d != "" || got.Wishlist != nil {
					t.Errorf("(-want +got):\n%s", d)
				}
			})
		}
		// Update and remove.
		p = api.wl(t, wlLinesDoc, "wishlistLinesUpdate", map[string]any{"t": token, "w": def, "lines": []any{map[string]any{"id": p.Wishlist.Lines.Nodes[1].ID, "quantity": 7, "note": "wool"}}})
		if d := cmp.Diff(map[string]int{"SHIRT-M": 2, "SOCKS": 7}, p.Wishlist.skus()); d != "" {
			t.Errorf("after update: %s", d)
		}
		p = api.wl(t, wlRemoveDoc, "wishlistLinesRemove", map[string]any{"t": token, "w": def, "ids": []string{p.Wishlist.Lines.Nodes[1].ID}})
		if d := cmp.Diff(map[string]int{"SHIRT-M": 2}, p.Wishlist.skus()); d != "" {
			t.Errorf("after remove: %s", d)
		}
		// A price drop shows.
		api.MustDo(t, productsUpsertDoc, map[string]any{"products": []any{map[string]any{"handle": "linen-shirt", "title": "Linen shirt", "variants": []any{
			map[string]any{"sku": "SHIRT-M", "title": "M", "price": "29.00", "currencyCode": "EUR", "availableForSale": true},
		}}}}, "adminProductsUpsert", nil, AsAdmin(adminKey))
		var lists struct{ Wishlists struct{ Nodes []wishlistOut } }
		api.MustDo(t, myListsDoc, map[string]any{"t": token}, "customer", &lists)
		if l := lists.Wishlists.Nodes[0].Lines.Nodes[0]; !l.PriceDropped || l.Merchandise.Price.Amount != "29.00" || l.PriceWhenAdded.Amount != "49.00" {
			t.Errorf("price drop: %+v", l)
		}
		// Deleting the default promotes the other list.
		var del struct {
			DeletedWishlistID  *string `json:"deletedWishlistId"`
			CustomerUserErrors []UserError
		}
		api.MustDo(t, wlDeleteDoc, map[string]any{"t": token, "w": def}, "wishlistDelete", &del)
		api.MustDo(t, myListsDoc, map[string]any{"t": token}, "customer", &lists)
		if del.DeletedWishlistID == nil || len(lists.Wishlists.Nodes) != 1 || !lists.Wishlists.Nodes[0].IsDefault {
			t.Errorf("after delete: %+v %+v", del, lists)
		}
	})
}

func TestWishlistSharing(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		v := api.variantIDs(t)
		_, token, _ := api.newCustomer(t, "sharer")
		w := api.wl(t, wlAddDoc, "wishlistLinesAdd", map[string]any{"t": token, "lines": []any{map[string]any{"merchandiseId": v["SOCKS"], "quantity": 2}}}).Wishlist
		if w.ShareToken != nil || w.ShareURL != nil {
			t.Fatalf("shared before sharing: %+v", w)
		}
		s := api.wl(t, wlShareDoc, "wishlistShare", map[string]any{"t": token, "w": w.ID}).Wishlist
		if s.ShareToken == nil || !strings.HasSuffix(*s.ShareURL, "/wishlists/shared/"+*s.ShareToken) {
			t.Fatalf("share: %+v", s)
		}
		shared := func(tok string) string { return api.Read(t, sharedDoc, map[string]any{"s": tok}, "sharedWishlist") }
		if got := shared(*s.ShareToken); got != `{"name":"Wishlist","ownerFirstName":null,"lines":{"nodes":[{"quantity":2,"merchandise":{"sku":"SOCKS"}}]}}` {
			t.Errorf("shared view: %s", got)
		}
		api.wl(t, wlUpdateDoc, "wishlistUpdate", map[string]any{"t": token, "w": w.ID, "show": true})
		if got := shared(*s.ShareToken); !strings.Contains(got, `"ownerFirstName":"Test"`) {
			t.Errorf("owner name not shown when allowed: %s", got)
		}
		// The shared view exposes nothing of the account.
		r := api.Do(t, `query($s: String!) { sharedWishlist(shareToken: $s) { id email } }`, map[string]any{"s": *s.ShareToken})
		if len(r.Errors) == 0 {
			t.Errorf("shared view has account fields: %s", r.Raw)
		}
		api.wl(t, wlUnshare, "wishlistUnshare", map[string]any{"t": token, "w": w.ID})
		if got := shared(*s.ShareToken); got != "null" {
			t.Errorf("old token still works: %s", got)
		}
		again := api.wl(t, wlShareDoc, "wishlistShare", map[string]any{"t": token, "w": w.ID}).Wishlist
		if *again.ShareToken == *s.ShareToken || shared(*again.ShareToken) == "null" {
			t.Errorf("re-share: %+v", again)
		}
		for _, bad := range []string{"", "x", strings.Repeat("0", 64)} {
			if got := shared(bad); got != "null" {
				t.Errorf("token %q: %s", bad, got)
			}
		}
	})
}

func TestWishlistMoveToCart(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		v := api.variantIDs(t)
		_, token, _ := api.newCustomer(t, "mover")
		w := api.wl(t, wlAddDoc, "wishlistLinesAdd", map[string]any{"t": token, "lines": []any{
			map[string]any{"merchandiseId": v["SHIRT-M"], "quantity": 2}, map[string]any{"merchandiseId": v["SOCKS"], "quantity": 5},
		}}).Wishlist
		cart := api.cartDo(t, cartCreateDoc, "cartCreate", map[string]any{"input": map[string]any{"lines": []any{map[string]any{"merchandiseId": v["SOCKS"], "quantity": 995}}}}).Cart
		state := func() (map[string]int, map[string]int) {
			var c cartOut
			api.MustDo(t, cartQueryDoc, map[string]any{"id": cart.ID}, "cart", &c)
			var lists struct{ Wishlists struct{ Nodes []wishlistOut } }
			api.MustDo(t, myListsDoc, map[string]any{"t": token}, "customer", &lists)
			return lists.Wishlists.Nodes[0].skus(), c.lines()
		}
		ids := []string{w.Lines.Nodes[0].ID, w.Lines.Nodes[1].ID}
		// The socks would pass 999 in the cart: nothing moves, the shirt neither.
		var p struct {
			Cart               *struct{ TotalQuantity int }
			CustomerUserErrors []UserError
		}
		api.MustDo(t, wlMoveDoc, map[string]any{"t": token, "w": w.ID, "ids": ids, "c": cart.ID}, "wishlistLinesMoveToCart", &p)
		if len(p.CustomerUserErrors) != 1 || p.Cart != nil {
			t.Fatalf("overflow: %+v", p)
		}
		wl, cl := state()
		if d := cmp.Diff(map[string]int{"SHIRT-M": 2, "SOCKS": 5}, wl); d != "" {
			t.Errorf("wishlist changed: %s", d)
		}
		if d := cmp.Diff(map[string]int{"SOCKS": 995}, cl); d != "" {
			t.Errorf("cart changed: %s", d)
		}
		// An unknown cart or line: nothing moves either.
		for _, vars := range []map[string]any{
			{"t": token, "w": w.ID, "ids": ids[:1], "c": "gid://accountgraph/Cart/1?key=wrong"},
			{"t": token, "w": w.ID, "ids": []string{ids[0], "gid://accountgraph/WishlistLine/99999"}, "c": cart.ID},
		} {
			api.MustDo(t, wlMoveDoc, vars, "wishlistLinesMoveToCart", &p)
			if len(p.CustomerUserErrors) != 1 || p.CustomerUserErrors[0].Code == nil || *p.CustomerUserErrors[0].Code != "NOT_FOUND" {
				t.Errorf("move %v: %+v", vars["c"], p.CustomerUserErrors)
			}
		}
		// The shirt alone moves.
		api.MustDo(t, wlMoveDoc, map[string]any{"t": token, "w": w.ID, "ids": ids[:1], "c": cart.ID}, "wishlistLinesMoveToCart", &p)
		if len(p.CustomerUserErrors) > 0 || p.Cart.TotalQuantity != 997 {
			t.Fatalf("move: %+v", p)
		}
		wl, cl = state()
		if d := cmp.Diff(map[string]int{"SOCKS": 5}, wl); d != "" {
			t.Errorf("wishlist after move: %s", d)
		}
		if d := cmp.Diff(map[string]int{"SOCKS": 995, "SHIRT-M": 2}, cl); d != "" {
			t.Errorf("cart after move: %s", d)
		}
	})
}

// TestWishlistsOfOthers: B's wishlist and line IDs used with A's token read
// and change nothing.
func TestWishlistsOfOthers(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		v := api.variantIDs(t)
		_, tokenA, _ := api.newCustomer(t, "alice")
		_, tokenB, _ := api.newCustomer(t, "bob")
		mine := api.wl(t, wlAddDoc, "wishlistLinesAdd", map[string]any{"t": tokenA, "lines": []any{map[string]any{"merchandiseId": v["SOCKS"]}}}).Wishlist
		bobs := api.wl(t, wlAddDoc, "wishlistLinesAdd", map[string]any{"t": tokenB, "lines": []any{map[string]any{"merchandiseId": v["SHIRT-M"]}}}).Wishlist
		cart := api.cartDo(t, cartCreateDoc, "cartCreate", map[string]any{"input": map[string]any{}}).Cart
		readB := func() string { return api.Read(t, myListsDoc, map[string]any{"t": tokenB}, "customer") }
		before := readB()
		bobLine := bobs.Lines.Nodes[0].ID
		for name, tc := range map[string]struct {
			doc, field string
			vars       map[string]any
			want       string
		}{
			"update":        {wlUpdateDoc, "wishlistUpdate", map[string]any{"t": tokenA, "w": bobs.ID, "name": "mine now"}, "NOT_FOUND@wishlistId"},
			"delete":        {wlDeleteDoc, "wishlistDelete", map[string]any{"t": tokenA, "w": bobs.ID}, "NOT_FOUND@wishlistId"},
			"add":           {wlAddDoc, "wishlistLinesAdd", map[string]any{"t": tokenA, "w": bobs.ID, "lines": []any{map[string]any{"merchandiseId": v["SOCKS"]}}}, "NOT_FOUND@wishlistId"},
			"update lines":  {wlLinesDoc, "wishlistLinesUpdate", map[string]any{"t": tokenA, "w": bobs.ID, "lines": []any{map[string]any{"id": bobLine, "quantity": 9}}}, "NOT_FOUND@wishlistId"},
			"line via mine": {wlLinesDoc, "wishlistLinesUpdate", map[string]any{"t": tokenA, "w": mine.ID, "lines": []any{map[string]any{"id": bobLine, "quantity": 9}}}, "NOT_FOUND@lines.0.id"},
			"remove":        {wlRemoveDoc, "wishlistLinesRemove", map[string]any{"t": tokenA, "w": mine.ID, "ids": []string{bobLine}}, "NOT_FOUND@lineIds.0"},
			"share":         {wlShareDoc, "wishlistShare", map[string]any{"t": tokenA, "w": bobs.ID}, "NOT_FOUND@wishlistId"},
			"unshare":       {wlUnshare, "wishlistUnshare", map[string]any{"t": tokenA, "w": bobs.ID}, "NOT_FOUND@wishlistId"},
			"move":          {wlMoveDoc, "wishlistLinesMoveToCart", map[string]any{"t": tokenA, "w": mine.ID, "ids": []string{bobLine}, "c": cart.ID}, "NOT_FOUND@lineIds.0"},
		} {
			t.Run(name, func(t *testing.T) {
				var p struct{ CustomerUserErrors []UserError }
				api.MustDo(t, tc.doc, tc.vars, tc.field, &p)
				if d := cmp.Diff([]string{tc.want}, codes(p.CustomerUserErrors)); d != "" {
					t.Errorf("(-want +got):\n%s", d)
				}
			})
		}
		r := api.Do(t, `query($t: String!, $id: ID!) { customer(customerAccessToken: $t) { wishlist(id: $id) { id } } }`, map[string]any{"t": tokenA, "id": bobs.ID})
		if !strings.Contains(r.Raw, `"wishlist":null`) {
			t.Errorf("A reads B's wishlist: %s", r.Raw)
		}
		if after := readB(); after != before {
			t.Errorf("B changed:\n%s\n%s", before, after)
		}
	})
}

// TestWishlistStatementCount: 5 lists × 50 lines cost the same statements
// as 1 list × 1 line.
func TestWishlistStatementCount(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		var variants []any
		for i := range 50 {
			variants = append(variants, map[string]any{"sku": fmt.Sprint("V-", i), "title": fmt.Sprint(i), "price": "10", "currencyCode": "EUR", "availableForSale": true})
		}
		var up struct {
			Products []struct {
				Variants struct{ Nodes []struct{ ID string } }
			}
		}
		api.MustDo(t, `mutation($p: [AdminProductInput!]!) { adminProductsUpsert(products: $p) { products { variants(first: 50) { nodes { id } } } } }`,
			map[string]any{"p": []any{map[string]any{"handle": "many", "title": "Many", "variants": variants}}}, "adminProductsUpsert", &up, AsAdmin(adminKey))
		ids := up.Products[0].Variants.Nodes
		doc := `query($t: String!) { customer(customerAccessToken: $t) { wishlists(first: 10) { nodes { name
  lines(first: 50) { nodes { quantity priceDropped merchandise { sku image { url } product { handle } } } } } } } }`
		count := func(lists, lines int) int {
			_, token, _ := api.newCustomer(t, "counter")
			for l := range lists {
				w := api.wl(t, wlCreateDoc, "wishlistCreate", map[string]any{"t": token, "name": fmt.Sprint("List ", l)}).Wishlist
				var in []any
				for i := range lines {
					in = append(in, map[string]any{"merchandiseId": ids[i].ID})
				}
				api.wl(t, wlAddDoc, "wishlistLinesAdd", map[string]any{"t": token, "w": w.ID, "lines": in})
			}
			before := api.Statements(t)
			var c struct {
				Wishlists struct {
					Nodes []struct {
						Lines struct{ Nodes []json.RawMessage }
					}
				}
			}
			api.MustDo(t, doc, map[string]any{"t": token}, "customer", &c)
			if len(c.Wishlists.Nodes) != lists || len(c.Wishlists.Nodes[lists-1].Lines.Nodes) != lines {
				t.Fatalf("read %d lists", len(c.Wishlists.Nodes))
			}
			return api.Statements(t) - before
		}
		small, big := count(1, 1), count(5, 50)
		if small != big || small > 5 {
			t.Errorf("statements: 1×1 → %d, 5×50 → %d", small, big)
		}
	})
}

// TestWishlistPriceEvents: a price drop or a return to stock of a
// wishlisted variant, from the catalogue sync, is recorded once per
// customer for the notifications to deliver; other changes are not.
func TestWishlistPriceEvents(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		v := api.variantIDs(t)
		_, tokenA, _ := api.newCustomer(t, "watcher")
		_, tokenB, _ := api.newCustomer(t, "watcher")
		for _, tok := range []string{tokenA, tokenB} {
			api.wl(t, wlAddDoc, "wishlistLinesAdd", map[string]any{"t": tok, "lines": []any{map[string]any{"merchandiseId": v["SHIRT-M"]}, map[string]any{"merchandiseId": v["SHIRT-L"]}}})
		}
		// A also has the shirt on a second list: still one event for A.
		second := api.wl(t, wlCreateDoc, "wishlistCreate", map[string]any{"t": tokenA, "name": "Again"}).Wishlist
		api.wl(t, wlAddDoc, "wishlistLinesAdd", map[string]any{"t": tokenA, "w": second.ID, "lines": []any{map[string]any{"merchandiseId": v["SHIRT-M"]}}})
		sync := func(mPrice string, lAvailable bool) {
			api.MustDo(t, productsUpsertDoc, map[string]any{"products": []any{map[string]any{"handle": "linen-shirt", "title": "Linen shirt", "variants": []any{
				map[string]any{"sku": "SHIRT-M", "title": "M", "price": mPrice, "currencyCode": "EUR", "availableForSale": true},
				map[string]any{"sku": "SHIRT-L", "title": "L", "price": "49.00", "currencyCode": "EUR", "availableForSale": lAvailable},
			}}}}, "adminProductsUpsert", nil, AsAdmin(adminKey))
		}
		events := func() []string {
			evs, err := api.Server.DB.Client.WishlistEvent.Query().All(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			out := []string{}
			for _, e := range evs {
				out = append(out, fmt.Sprintf("%s %d→%d", e.Kind, e.OldPrice, e.NewPrice))
			}
			sort.Strings(out)
			return out
		}
		sync("49.00", false) // nothing changed
		sync("59.00", false) // a rise
		if got := events(); len(got) != 0 {
			t.Fatalf("events without a drop: %v", got)
		}
		sync("39.00", true) // M drops, L returns
		want := []string{"BACK_IN_STOCK 4900→4900", "BACK_IN_STOCK 4900→4900", "PRICE_DROP 5900→3900", "PRICE_DROP 5900→3900"}
		if d := cmp.Diff(want, events()); d != "" {
			t.Errorf("events (-want +got):\n%s", d)
		}
	})
}

func TestWishlistAndCartSizeLimits(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		var lines []any
		for _, id := range api.bulkVariants(t, "L", 3, 90, "x") {
			lines = append(lines, map[string]any{"merchandiseId": id})
		}
		_, token, _ := api.newCustomer(t, "hoarder")
		w := api.wl(t, wlAddDoc, "wishlistLinesAdd", map[string]any{"t": token, "lines": lines[:250]})
		if w.Wishlist == nil {
			t.Fatalf("250 lines: %+v", w.CustomerUserErrors)
		}
		w2 := api.wl(t, wlAddDoc, "wishlistLinesAdd", map[string]any{"t": token, "w": w.Wishlist.ID, "lines": lines[250:251]})
		if cmp.Diff([]string{"INVALID@lines"}, codes(w2.CustomerUserErrors)) != "" {
			t.Errorf("251st wishlist line: %+v", w2.CustomerUserErrors)
		}
		c := api.cartDo(t, cartCreateDoc, "cartCreate", map[string]any{"input": map[string]any{"lines": lines[:250]}})
		if c.Cart == nil {
			t.Fatalf("250-line cart: %+v", c.UserErrors)
		}
		c2 := api.cartDo(t, cartAddDoc, "cartLinesAdd", map[string]any{"id": c.Cart.ID, "lines": lines[250:252]})
		if cmp.Diff([]string{"CART_TOO_LARGE@lines"}, codes(c2.UserErrors)) != "" {
			t.Errorf("251st cart line: %+v", c2.UserErrors)
		}
	})
}

// TestWishlistConcurrentRemoval: the same line removed by several requests
// at once is removed once; the others are told it is gone (NOT_FOUND), not
// an internal error.
func TestWishlistConcurrentRemoval(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		v := api.variantIDs(t)
		_, token, _ := api.newCustomer(t, "racer")
		w := api.wl(t, wlAddDoc, "wishlistLinesAdd", map[string]any{"t": token, "lines": []any{map[string]any{"merchandiseId": v["SOCKS"]}}}).Wishlist
		answers := make([]string, 6)
		atOnce(len(answers), func(i int) {
			r, err := api.TryDo(wlRemoveDoc, map[string]any{"t": token, "w": w.ID, "ids": []string{w.Lines.Nodes[0].ID}})
			var p wlPayload
			switch {
			case err != nil || len(r.Errors) > 0 || decode(r, "wishlistLinesRemove", &p) != nil:
				answers[i] = "error: " + r.Raw
			case len(p.CustomerUserErrors) == 0:
				answers[i] = "removed"
			default:
				answers[i] = codes(p.CustomerUserErrors)[0]
			}
		})
		removed, gone := 0, 0
		for _, a := range answers {
			switch a {
			case "removed":
				removed++
			case "NOT_FOUND@lineIds.0":
				gone++
			default:
				t.Errorf("answer: %s", a)
			}
		}
		if removed != 1 || gone != len(answers)-1 {
			t.Errorf("removed %d, gone %d", removed, gone)
		}
	})
}
