package tests

import (
	"testing"
	"time"
)

// TestProductPublishedAt: Product.publishedAt is what the catalogue system
// says, else the time of the first sync; a later sync without it keeps it.
func TestProductPublishedAt(t *testing.T) {
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
