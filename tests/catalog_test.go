package tests

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
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
		type node struct {
			Handle   string
			Variants struct{ Nodes []struct{ Sku string } }
		}
		type list struct {
			Nodes    []node
			PageInfo struct {
				HasNextPage bool
				EndCursor   *string
			}
		}
		get := func(vars map[string]any) (list, Response) {
			t.Helper()
			return tryField[list](t, api, `query($first: Int, $after: String, $sortKey: ProductSortKeys, $reverse: Boolean, $query: String) {
			  products(first: $first, after: $after, sortKey: $sortKey, reverse: $reverse, query: $query) {
			    nodes { handle variants(first: 5) { nodes { sku } } } pageInfo { hasNextPage endCursor } } }`, vars, "products")
		}
		handles := func(l list) []string { return pluck(l.Nodes, func(n node) string { return n.Handle }) }
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

// TestCollections: collections synced through the Admin API (matched by
// handle, products in the given order, all or nothing), read as Shopify's
// storefront reads them: root list and lookups, a collection's products
// in its order or the product's, a product's collections, node(id:); the
// nested lists load one statement a level, however many collections.
func TestCollections(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		var products []any
		for i, h := range []string{"anorak", "boots", "cap", "dress", "espadrilles"} {
			products = append(products, map[string]any{"handle": h, "title": strings.ToUpper(h[:1]) + h[1:],
				"variants": []any{map[string]any{"sku": fmt.Sprint("COL-", i), "title": "One", "price": "10", "currencyCode": "EUR", "availableForSale": i != 1}}})
		}
		api.MustDo(t, `mutation($p: [AdminProductInput!]!) { adminProductsUpsert(products: $p) { userErrors { code } } }`,
			map[string]any{"p": products}, "adminProductsUpsert", nil, AsAdmin(adminKey))
		const upsertDoc = `mutation($c: [AdminCollectionInput!]!) { adminCollectionsUpsert(collections: $c) {
		  collections { handle title products(first: 10) { nodes { handle } } } userErrors { code field message } } }`
		type payload struct {
			Collections []struct {
				Handle, Title string
				Products      struct{ Nodes []struct{ Handle string } }
			}
			UserErrors []UserError
		}
		upsert := func(c ...map[string]any) payload {
			t.Helper()
			var p payload
			api.MustDo(t, upsertDoc, map[string]any{"c": c}, "adminCollectionsUpsert", &p, AsAdmin(adminKey))
			return p
		}
		p := upsert(
			map[string]any{"handle": "winter", "title": "Winter", "description": "Warm things for cold days", "imageUrl": "https://cdn.example.com/winter.jpg",
				"productHandles": []string{"boots", "anorak", "cap"}},
			map[string]any{"handle": "summer", "title": "Summer", "productHandles": []string{"espadrilles", "dress", "cap"}},
			map[string]any{"handle": "empty", "title": "Coming soon", "productHandles": []string{}})
		if len(p.UserErrors) > 0 || len(p.Collections) != 3 || p.Collections[0].Handle != "winter" ||
			!cmp.Equal(handlesOf(p.Collections[0].Products.Nodes), []string{"boots", "anorak", "cap"}) {
			t.Fatalf("upsert: %+v", p)
		}

		// Bad input: nothing is stored.
		bad := upsert(
			map[string]any{"handle": "winter", "title": "Renamed", "productHandles": []string{"anorak", "no-such-product", "anorak"}},
			map[string]any{"handle": "Bad Handle", "title": " ", "imageUrl": "javascript:alert(1)"},
			map[string]any{"handle": "winter", "title": "Twice"})
		want := []string{"BLANK@collections.1.title", "INVALID@collections.1.handle", "INVALID@collections.1.imageUrl",
			"TAKEN@collections.0.productHandles.2", "TAKEN@collections.2.handle"}
		if got := codes(bad.UserErrors); !cmp.Equal(want, got) || bad.Collections != nil {
			t.Errorf("bad input: %v, want %v (%+v)", got, want, bad)
		}
		if got := codes(upsert(map[string]any{"handle": "winter", "title": "Renamed", "productHandles": []string{"anorak", "no-such-product"}}).UserErrors); !cmp.Equal(got, []string{"NOT_FOUND@collections.0.productHandles.1"}) {
			t.Errorf("unknown product: %v", got)
		}

		// Lookups: by handle, by ID (ours and Shopify's namespace), node.
		type coll struct {
			ID, Handle, Title, Description string
			UpdatedAt                      time.Time
			Image                          *struct{ URL string }
			Products                       struct {
				Nodes    []struct{ Handle string }
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
			}
		}
		const collFields = `id handle title description(truncateAt: 4) updatedAt image { url(transform: {maxWidth: 100}) }`
		var winter coll
		api.MustDo(t, `{ collection(handle: "winter") { `+collFields+` products(first: 2) { nodes { handle } pageInfo { hasNextPage endCursor } } } }`, nil, "collection", &winter)
		if winter.Title != "Winter" || winter.Description != "Warm" || winter.Image == nil || winter.Image.URL != "https://cdn.example.com/winter.jpg?width=100" ||
			!cmp.Equal(handlesOf(winter.Products.Nodes), []string{"boots", "anorak"}) || !winter.Products.PageInfo.HasNextPage || winter.UpdatedAt.IsZero() {
			t.Errorf("collection by handle: %+v", winter)
		}
		var rest coll
		api.MustDo(t, `query($id: ID!, $after: String) { collection(id: $id) { id products(first: 2, after: $after) { nodes { handle } pageInfo { hasNextPage } } } }`,
			map[string]any{"id": winter.ID, "after": winter.Products.PageInfo.EndCursor}, "collection", &rest)
		if rest.ID != winter.ID || !cmp.Equal(handlesOf(rest.Products.Nodes), []string{"cap"}) || rest.Products.PageInfo.HasNextPage {
			t.Errorf("second page by ID: %+v", rest)
		}
		shopifyID := "gid://shopify/Collection/" + winter.ID[strings.LastIndex(winter.ID, "/")+1:]
		for _, q := range []string{
			`query($id: ID!) { node(id: $id) { ... on Collection { handle } } }`,
			`query($id: ID!) { collection(id: $id) { handle } }`,
		} {
			r := api.Do(t, q, map[string]any{"id": shopifyID})
			if len(r.Errors) > 0 || !strings.Contains(r.Raw, `"handle":"winter"`) {
				t.Errorf("%s with %s: %s", q, shopifyID, r.Raw)
			}
		}
		for _, q := range []string{`{ collectionByHandle(handle: "nope") { id } }`, `{ collection(id: "gid://accountgraph/Product/1") { id } }`} {
			if r := api.Do(t, q, nil); len(r.Errors) > 0 || strings.Contains(r.Raw, `"id"`) {
				t.Errorf("%s: %s", q, r.Raw)
			}
		}

		// A collection's products in other orders.
		for key, want := range map[string][]string{
			"COLLECTION_DEFAULT": {"espadrilles", "dress", "cap"},
			"TITLE":              {"cap", "dress", "espadrilles"},
			"ID":                 {"cap", "dress", "espadrilles"},
			"CREATED":            {"cap", "dress", "espadrilles"},
		} {
			for _, reverse := range []bool{false, true} {
				var c coll
				api.MustDo(t, `query($k: ProductCollectionSortKeys, $r: Boolean) { collection(handle: "summer") { products(first: 10, sortKey: $k, reverse: $r) { nodes { handle } } } }`,
					map[string]any{"k": key, "r": reverse}, "collection", &c)
				w := slices.Clone(want)
				if reverse {
					slices.Reverse(w)
				}
				if got := handlesOf(c.Products.Nodes); !cmp.Equal(got, w) {
					t.Errorf("summer by %s (reverse %t): %v, want %v", key, reverse, got, w)
				}
			}
		}
		if r := api.Do(t, `{ collection(handle: "summer") { products(first: 5, sortKey: BEST_SELLING) { nodes { id } } } }`, nil); len(r.Errors) != 1 || r.Errors[0].Code() != "BAD_USER_INPUT" {
			t.Errorf("BEST_SELLING: %s", r.Raw)
		}

		// The root list: sorted, filtered, counted, paged; each level of
		// nesting is one statement, for every collection of the page.
		type collNode struct {
			Handle   string
			Products struct {
				Nodes []struct {
					Handle           string
					AvailableForSale bool
					Collections      struct {
						TotalCount string
						Nodes      []struct{ Handle string }
					}
				}
			}
		}
		type list struct {
			TotalCount string
			Nodes      []collNode
		}
		get := func(vars map[string]any) (list, Response) {
			t.Helper()
			return tryField[list](t, api, `query($first: Int, $sortKey: CollectionSortKeys, $reverse: Boolean, $query: String) {
			  collections(first: $first, sortKey: $sortKey, reverse: $reverse, query: $query) { totalCount
			    nodes { handle products(first: 5) { nodes { handle availableForSale collections(first: 5) { totalCount nodes { handle } } } } } } }`, vars, "collections")
		}
		names := func(l list) []string { return pluck(l.Nodes, func(n collNode) string { return n.Handle }) }
		for name, c := range map[string]struct {
			vars  map[string]any
			want  []string
			total string
		}{
			"by ID":              {map[string]any{"first": 10}, []string{"winter", "summer", "empty"}, "3"},
			"by title, reversed": {map[string]any{"first": 2, "sortKey": "TITLE", "reverse": true}, []string{"winter", "summer"}, "3"},
			"title":              {map[string]any{"first": 10, "query": "title:summer"}, []string{"summer"}, "1"},
			"text OR handle":     {map[string]any{"first": 10, "query": "soon OR handle:winter", "sortKey": "TITLE"}, []string{"empty", "winter"}, "2"},
			"custom":             {map[string]any{"first": 10, "query": "collection_type:custom NOT title:winter"}, []string{"summer", "empty"}, "2"},
			"smart":              {map[string]any{"first": 10, "query": "collection_type:smart"}, []string{}, "0"},
			"updated today":      {map[string]any{"first": 10, "query": "updated_at:>=2020-01-01", "sortKey": "UPDATED_AT"}, []string{"winter", "summer", "empty"}, "3"},
		} {
			l, r := get(c.vars)
			if len(r.Errors) > 0 || !cmp.Equal(c.want, names(l)) || l.TotalCount != c.total {
				t.Errorf("%s: got %v (%s), want %v (%s) %s", name, names(l), l.TotalCount, c.want, c.total, r.Raw)
			}
		}
		before := api.Statements(t)
		l, _ := get(map[string]any{"first": 10})
		statements := api.Statements(t) - before
		// collections, their count, products, variants, the products'
		// collections and their counts.
		if statements > 6 {
			t.Errorf("collections with nested lists: %d statements, want at most 6", statements)
		}
		capRow := l.Nodes[0].Products.Nodes[2]
		if capRow.Handle != "cap" || capRow.Collections.TotalCount != "2" || !cmp.Equal([]string{"winter", "summer"}, handlesOf(capRow.Collections.Nodes)) ||
			l.Nodes[0].Products.Nodes[0].AvailableForSale || !capRow.AvailableForSale {
			t.Errorf("winter's products: %+v", l.Nodes[0].Products.Nodes)
		}
		for _, bad := range []map[string]any{{"first": 5, "query": "product_type:x"}, {"first": 5, "query": "collection_type:big"}, {"first": 300}} {
			if _, r := get(bad); len(r.Errors) != 1 || r.Errors[0].Code() != "BAD_USER_INPUT" {
				t.Errorf("%v: %s", bad, r.Raw)
			}
		}

		// A later sync without productHandles keeps the products; with
		// them, replaces them.
		upsert(map[string]any{"handle": "winter", "title": "Winter sale"})
		if got := upsert(map[string]any{"handle": "summer", "title": "Summer", "productHandles": []string{"cap"}}); len(got.UserErrors) > 0 ||
			!cmp.Equal(handlesOf(got.Collections[0].Products.Nodes), []string{"cap"}) {
			t.Errorf("summer replaced: %+v", got)
		}
		api.MustDo(t, `{ collection(handle: "winter") { `+collFields+` products(first: 5) { nodes { handle } pageInfo { hasNextPage endCursor } } } }`, nil, "collection", &winter)
		if winter.Title != "Winter sale" || len(winter.Products.Nodes) != 3 {
			t.Errorf("winter after a sync without products: %+v", winter)
		}

		// Syncing needs catalog:write.
		if r := api.Do(t, upsertDoc, map[string]any{"c": []any{map[string]any{"handle": "x", "title": "X"}}}); len(r.Errors) != 1 || r.Errors[0].Code() != "ACCESS_DENIED" {
			t.Errorf("upsert without a key: %s", r.Raw)
		}
	})
}

// handlesOf lists the handles of products or collections.
func handlesOf(nodes []struct{ Handle string }) []string {
	return pluck(nodes, func(n struct{ Handle string }) string { return n.Handle })
}

// pluck lists one value of each item.
func pluck[T, V any](items []T, value func(T) V) []V {
	out := make([]V, 0, len(items))
	for _, it := range items {
		out = append(out, value(it))
	}
	return out
}

// tryField sends a document and decodes one field of its data when the
// answer has no errors (a test of refusals reads the response).
func tryField[T any](t *testing.T, api *API, doc string, vars map[string]any, field string) (T, Response) {
	t.Helper()
	var v T
	r := api.Do(t, doc, vars)
	if len(r.Errors) == 0 {
		if err := json.Unmarshal(r.Data[field], &v); err != nil {
			t.Fatal(err)
		}
	}
	return v, r
}
