package tests

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const recommendationsDoc = `query($t: String!, $n: Int) { customer(customerAccessToken: $t) { recommendations(first: $n) { reason variant { sku } } } }`

// seedRecommendationCatalog makes a small synthetic catalogue, one variant
// per product except the shirt (IDs rise in this order).
func (a *API) seedRecommendationCatalog(t *testing.T) map[string]string {
	t.Helper()
	simple := func(handle, sku string, available bool, tags ...string) map[string]any {
		return map[string]any{"handle": handle, "title": handle, "tags": tags, "variants": []any{
			map[string]any{"sku": sku, "title": "Default", "price": "10.00", "currencyCode": "EUR", "availableForSale": available},
		}}
	}
	shirt := map[string]any{"handle": "shirt", "title": "Shirt", "productType": "Apparel", "variants": []any{
		map[string]any{"sku": "SHIRT-NAVY-M", "title": "Navy / M", "price": "30.00", "currencyCode": "EUR", "availableForSale": true,
			"selectedOptions": []any{map[string]any{"name": "Color", "value": "Navy"}, map[string]any{"name": "Size", "value": "M"}}},
		map[string]any{"sku": "SHIRT-OLIVE-L", "title": "Olive / L", "price": "30.00", "currencyCode": "EUR", "availableForSale": true,
			"selectedOptions": []any{map[string]any{"name": "Color", "value": "Olive"}, map[string]any{"name": "Size", "value": "L"}}},
	}}
	var p struct {
		adminPayload
		Products []struct {
			Variants struct{ Nodes []struct{ ID, Sku string } }
		}
	}
	a.MustDo(t, productsUpsertDoc, map[string]any{"products": []any{
		simple("tent", "TENT", true), simple("stove", "STOVE", true), simple("mug", "MUG", true), simple("lamp", "LAMP", true),
		shirt, simple("hat", "HAT", true), simple("gone", "GONE", false), simple("scarf", "SCARF", true),
		simple("trail-map", "MAP", true, "hiking"),
	}}, "adminProductsUpsert", &p, AsAdmin(adminKey))
	if len(p.UserErrors) > 0 {
		t.Fatalf("catalogue: %+v", p.UserErrors)
	}
	ids := map[string]string{}
	for _, pr := range p.Products {
		for _, v := range pr.Variants.Nodes {
			ids[v.Sku] = v.ID
		}
	}
	return ids
}

// buy ingests a paid order of the SKUs, for a customer ID or a guest email.
func (a *API) buy(t *testing.T, who map[string]any, ago time.Duration, skus ...string) string {
	t.Helper()
	var lines []any
	for _, s := range skus {
		lines = append(lines, map[string]any{"sku": s, "title": s, "quantity": 1, "price": "10.00"})
	}
	in := map[string]any{"lineItems": lines, "processedAt": time.Now().Add(-ago).UTC().Format(time.RFC3339), "shippingAddress": nil}
	for k, v := range who {
		in[k] = v
	}
	return a.createOrder(t, in).ID
}

type recommendation struct {
	Reason  string
	Variant struct{ Sku string }
}

func (a *API) recommendations(t *testing.T, token string, n int) []string {
	t.Helper()
	var c struct{ Recommendations []recommendation }
	a.MustDo(t, recommendationsDoc, map[string]any{"t": token, "n": n}, "customer", &c)
	out := make([]string, len(c.Recommendations))
	for i, r := range c.Recommendations {
		out[i] = r.Variant.Sku + " " + r.Reason
	}
	return out
}

// TestRecommendations: on a synthetic catalogue, each reason ranks as
// documented — bought together (by orders in common), from the wishlist,
// matching stated preferences, then best sellers — leaving out what the
// customer bought recently and what is unavailable. Cancelled orders stop
// counting, and with personalization off the customer's orders and
// wishlists are not used.
func TestRecommendations(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		v := api.seedRecommendationCatalog(t)
		guest := func(i int) map[string]any {
			return map[string]any{"email": fmt.Sprintf("guest%d.%s@example.com", i, api.ip)}
		}
		day := 24 * time.Hour
		api.buy(t, guest(1), day, "TENT", "STOVE", "GONE")
		api.buy(t, guest(2), day, "TENT", "STOVE", "MUG")
		api.buy(t, guest(3), day, "TENT", "MUG")
		lateMug := api.buy(t, guest(7), day, "TENT", "MUG")
		for i := 4; i <= 6; i++ {
			api.buy(t, guest(i), day, "HAT")
		}

		email, token, id := api.newCustomer(t, "recs")
		_ = email
		// Bought long ago (may be recommended again) and recently (not).
		api.buy(t, map[string]any{"customerId": id}, 200*day, "TENT")
		api.buy(t, map[string]any{"customerId": id}, 10*day, "LAMP")
		for _, sku := range []string{"SCARF", "LAMP", "STOVE"} {
			api.wl(t, wlAddDoc, "wishlistLinesAdd", map[string]any{"t": token, "lines": []any{map[string]any{"merchandiseId": v[sku]}}})
		}
		api.setVocabulary(t, map[string]any{"sizes": []string{"M", "L"}, "colors": []string{"Navy", "Olive"}, "interests": []string{"Hiking"}})
		var p preferencesPayload
		api.MustDo(t, preferencesUpdateDoc, map[string]any{"t": token, "p": map[string]any{"sizes": []string{"M"}, "colors": []string{"Navy"}, "interests": []string{"Hiking"}}},
			"customerPreferencesUpdate", &p)

		want := []string{
			"MUG BOUGHT_TOGETHER",              // 3 orders with the tent
			"STOVE BOUGHT_TOGETHER",            // 2 (and on the wishlist: the better reason wins)
			"SCARF FROM_WISHLIST",              // the lamp on the wishlist was bought 10 days ago
			"SHIRT-NAVY-M MATCHES_PREFERENCES", // size and colour
			"MAP MATCHES_PREFERENCES",          // interest, by tag
			"TENT POPULAR",                     // 5 orders; bought 200 days ago
			"HAT POPULAR",                      // 3 orders
		} // never GONE (unavailable), LAMP (bought recently), SHIRT-OLIVE-L (no reason)
		if d := cmp.Diff(want, api.recommendations(t, token, 50)); d != "" {
			t.Errorf("ranking: %s", d)
		}
		if d := cmp.Diff(want[:3], api.recommendations(t, token, 3)); d != "" {
			t.Errorf("first 3: %s", d)
		}
		for _, n := range []int{0, 51} {
			if r := api.Do(t, recommendationsDoc, map[string]any{"t": token, "n": n}); len(r.Errors) == 0 || r.Errors[0].Code() != "BAD_USER_INPUT" {
				t.Errorf("first %d: %s", n, r.Raw)
			}
		}

		// A cancelled order no longer counts: the mug has 1 order with the tent now.
		api.MustDo(t, `mutation($id: ID!) { adminOrderCancel(id: $id, reason: CUSTOMER) { userErrors { code } } }`, map[string]any{"id": lateMug}, "adminOrderCancel", nil, AsAdmin(adminKey))
		if got := api.recommendations(t, token, 2); !cmp.Equal(got, []string{"STOVE BOUGHT_TOGETHER", "MUG BOUGHT_TOGETHER"}) {
			t.Errorf("after cancelling an order: %v", got)
		}

		// Personalization off: stated preferences and best sellers only, and
		// the lamp bought recently is a best seller like any other. Stove and
		// mug tie at 2 orders since the cancellation (the older variant first).
		api.MustDo(t, privacyUpdateDoc, map[string]any{"t": token, "p": map[string]any{"personalization": false}}, "customerPrivacyUpdate", &p)
		want = []string{
			"SHIRT-NAVY-M MATCHES_PREFERENCES", "MAP MATCHES_PREFERENCES",
			"TENT POPULAR", "HAT POPULAR", "STOVE POPULAR", "MUG POPULAR", "LAMP POPULAR",
		}
		if d := cmp.Diff(want, api.recommendations(t, token, 50)); d != "" {
			t.Errorf("personalization off: %s", d)
		}

		// Someone new with no history or preferences gets best sellers.
		_, fresh, _ := api.newCustomer(t, "fresh")
		if got := api.recommendations(t, fresh, 2); !cmp.Equal(got, []string{"TENT POPULAR", "HAT POPULAR"}) {
			t.Errorf("new customer: %v", got)
		}
	})
}

// TestRecommendationsStatementCount: recommendations of a list of
// customers cost the same statements for 2 customers as for 6.
func TestRecommendationsStatementCount(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedRecommendationCatalog(t)
		tag := fmt.Sprintf("rec%d", seq.Add(1))
		for i := 0; i < 6; i++ {
			_, _, id := api.newCustomer(t, tag)
			api.buy(t, map[string]any{"customerId": id}, 100*24*time.Hour, "TENT", "MUG")
		}
		doc := `query($q: String!, $n: Int!) { adminCustomers(first: $n, query: $q) { nodes { id recommendations(first: 5) { reason variant { sku product { handle } } } } } }`
		count := func(n int) int {
			before := api.Statements(t)
			var out struct {
				Nodes []struct{ Recommendations []recommendation }
			}
			api.MustDo(t, doc, map[string]any{"q": tag, "n": n}, "adminCustomers", &out, AsAdmin(adminKey))
			if len(out.Nodes) != n || len(out.Nodes[n-1].Recommendations) == 0 {
				t.Fatalf("list of %d: %+v", n, out)
			}
			return api.Statements(t) - before
		}
		if small, large := count(2), count(6); small != large {
			t.Fatalf("statements: %d for 2 customers, %d for 6", small, large)
		}
	})
}
