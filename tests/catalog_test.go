package tests

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestProductPublishedAt: Product.publishedAt is what the catalogue system
// says, else the time of the first sync; a later sync without it keeps it.
func TestProductPublishedAt(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		upsert := func(products ...map[string]any) {
			t.Helper()
			for _, p := range products {
				p["variants"] = []any{map[string]any{"sku": p["handle"].(string) + "-1", "title": "One", "price": "10", "currencyCode": "EUR", "availableForSale": true}}
			}
			api.MustDo(t, `mutation($p: [AdminProductInput!]!) { adminProductsUpsert(products: $p) { userErrors { code field message } } }`,
				map[string]any{"p": products}, "adminProductsUpsert", nil, AsAdmin(adminKey))
		}
		published := func(handle string) time.Time {
			t.Helper()
			var p struct{ PublishedAt time.Time }
			api.MustDo(t, `query($h: String!) { product(handle: $h) { publishedAt } }`, map[string]any{"h": handle}, "product", &p)
			return p.PublishedAt
		}
		before := time.Now().Add(-time.Second)
		upsert(map[string]any{"handle": "launch", "title": "Launch", "publishedAt": "2026-03-01T09:00:00Z"}, map[string]any{"handle": "plain", "title": "Plain"})
		if got := published("launch"); !got.Equal(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)) {
			t.Errorf("given publishedAt: %s", got)
		}
		first := published("plain")
		if first.Before(before) || first.After(time.Now().Add(time.Second)) {
			t.Errorf("publishedAt of a product synced without one: %s", first)
		}
		upsert(map[string]any{"handle": "plain", "title": "Plain, renamed"}, map[string]any{"handle": "launch", "title": "Launch"})
		if got := published("plain"); !got.Equal(first) {
			t.Errorf("a later sync moved publishedAt from %s to %s", first, got)
		}
		if got := published("launch"); !got.Equal(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)) {
			t.Errorf("a later sync without publishedAt changed it: %s", got)
		}
	})
}

// TestProductsList: the catalogue a page at a time, sorted and filtered
// in Shopify's search syntax, every page in one statement however many
// products it holds.
func TestProductsList(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		var in []any
		for i, p := range []struct{ handle, title, vendor, kind, tag string }{
			{"linen-shirt", "Linen shirt", "Nord", "Shirts", "summer"},
			{"wool-socks", "Wool socks", "Nord", "Socks", "winter"},
			{"silk-scarf", "Silk scarf", "Atelier", "Scarves", "summer"},
			{"denim-jacket", "Denim jacket", "Atelier", "Jackets", "vip gold"},
		} {
			in = append(in, map[string]any{"handle": p.handle, "title": p.title, "vendor": p.vendor, "productType": p.kind, "tags": []string{p.tag},
				"variants": []any{map[string]any{"sku": fmt.Sprint("LIST-", i), "title": "One", "price": "10", "currencyCode": "EUR", "availableForSale": true}}})
		}
		api.MustDo(t, `mutation($p: [AdminProductInput!]!) { adminProductsUpsert(products: $p) { userErrors { code } } }`,
			map[string]any{"p": in}, "adminProductsUpsert", nil, AsAdmin(adminKey))
		type list struct {
			Nodes []struct {
				Handle   string
				Variants struct{ Nodes []struct{ Sku string } }
			}
			PageInfo struct {
				HasNextPage bool
				EndCursor   *string
			}
		}
		get := func(vars map[string]any) (list, Response) {
			t.Helper()
			var l list
			r := api.Do(t, `query($first: Int, $after: String, $sortKey: ProductSortKeys, $reverse: Boolean, $query: String) {
			  products(first: $first, after: $after, sortKey: $sortKey, reverse: $reverse, query: $query) {
			    nodes { handle variants(first: 5) { nodes { sku } } } pageInfo { hasNextPage endCursor } } }`, vars)
			if len(r.Errors) == 0 {
				if err := json.Unmarshal(r.Data["products"], &l); err != nil {
					t.Fatal(err)
				}
			}
			return l, r
		}
		handles := func(l list) []string {
			out := []string{}
			for _, n := range l.Nodes {
				out = append(out, n.Handle)
			}
			return out
		}
		for name, c := range map[string]struct {
			vars map[string]any
			want []string
		}{
			"by title":            {map[string]any{"first": 10, "sortKey": "TITLE"}, []string{"denim-jacket", "linen-shirt", "silk-scarf", "wool-socks"}},
			"by vendor, reversed": {map[string]any{"first": 2, "sortKey": "VENDOR", "reverse": true}, []string{"wool-socks", "linen-shirt"}},
			"tag":                 {map[string]any{"first": 10, "query": "tag:summer"}, []string{"linen-shirt", "silk-scarf"}},
			"a tag is whole":      {map[string]any{"first": 10, "query": "tag:vip"}, []string{}},
			"vendor OR type":      {map[string]any{"first": 10, "query": "vendor:atelier OR product_type:socks", "sortKey": "TITLE"}, []string{"denim-jacket", "silk-scarf", "wool-socks"}},
			"text, NOT":           {map[string]any{"first": 10, "query": "s NOT vendor:nord", "sortKey": "TITLE"}, []string{"silk-scarf"}},
			"created today":       {map[string]any{"first": 10, "query": "created_at:>=2020-01-01 handle:wool-socks"}, []string{"wool-socks"}},
		} {
			l, r := get(c.vars)
			if len(r.Errors) > 0 || !cmp.Equal(c.want, handles(l)) {
				t.Errorf("%s: got %v, want %v %s", name, handles(l), c.want, r.Raw)
			}
		}
		// Paging: two pages of two, then nothing; variants come in one statement a level.
		before := api.Statements(t)
		p1, _ := get(map[string]any{"first": 2, "sortKey": "TITLE"})
		statements := api.Statements(t) - before
		p2, _ := get(map[string]any{"first": 2, "sortKey": "TITLE", "after": *p1.PageInfo.EndCursor})
		if got := append(handles(p1), handles(p2)...); !cmp.Equal([]string{"denim-jacket", "linen-shirt", "silk-scarf", "wool-socks"}, got) || !p1.PageInfo.HasNextPage || p2.PageInfo.HasNextPage {
			t.Errorf("pages: %v %+v %+v", got, p1.PageInfo, p2.PageInfo)
		}
		if len(p1.Nodes) != 2 || len(p1.Nodes[0].Variants.Nodes) != 1 || statements > 2 {
			t.Errorf("first page: %+v in %d statements (want 2: products, variants)", p1.Nodes, statements)
		}
		for _, bad := range []map[string]any{{"first": 5, "sortKey": "PRICE"}, {"first": 5, "query": "price:>5"}, {"first": 300}} {
			if _, r := get(bad); len(r.Errors) != 1 || r.Errors[0].Code() != "BAD_USER_INPUT" {
				t.Errorf("%v: %s", bad, r.Raw)
			}
		}
	})
}
