package tests

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"accountgraph/internal/config"
	"accountgraph/internal/querylimit"
)

const (
	productsUpsertDoc = `mutation($products: [AdminProductInput!]!) {
  adminProductsUpsert(products: $products) { products { id handle variants(first: 10) { nodes { id sku } } } userErrors { code field message } }
}`
	orderCreateDoc = `mutation($order: AdminOrderInput!) {
  adminOrderCreate(order: $order) {
    order { id name orderNumber financialStatus fulfillmentStatus totalPrice { amount currencyCode } subtotalPrice { amount } }
    userErrors { code field message }
  }
}`
	fulfillmentCreateDoc = `mutation($id: ID!, $f: AdminFulfillmentInput!) {
  adminFulfillmentCreate(orderId: $id, fulfillment: $f) { fulfillmentId order { fulfillmentStatus } userErrors { code field message } }
}`
	eventAddDoc = `mutation($id: ID!, $e: AdminFulfillmentEventInput!) {
  adminFulfillmentEventAdd(fulfillmentId: $id, event: $e) { fulfillmentEvent { status happenedAt } userErrors { code field message } }
}`
	// historyDoc is the order-history page of an account: every edge of the graph.
	historyDoc = `query($token: String!, $first: Int) {
  customer(customerAccessToken: $token) {
    numberOfOrders
    orders(first: $first, sortKey: PROCESSED_AT, reverse: true) {
      totalCount
      nodes {
        id name processedAt financialStatus fulfillmentStatus totalPrice { amount currencyCode }
        shippingAddress { formatted }
        lineItems(first: 5) { nodes { title quantity discountedTotalPrice { amount }
          variant { sku price { amount } image { url } product { handle title } } } }
        successfulFulfillments(first: 5) { trackingCompany trackingInfo(first: 3) { number url }
          fulfillmentLineItems(first: 5) { nodes { quantity lineItem { title } } } }
        trackingEvents { status happenedAt }
      }
    }
  }
}`
)

type adminPayload struct {
	UserErrors []UserError `json:"userErrors"`
}

type orderOut struct {
	ID, Name          string
	OrderNumber       int
	FinancialStatus   string
	FulfillmentStatus string
	TotalPrice        struct{ Amount, CurrencyCode string }
}

func (a *API) seedCatalog(t *testing.T) {
	t.Helper()
	var p struct {
		adminPayload
		Products []struct{ ID, Handle string }
	}
	a.MustDo(t, productsUpsertDoc, map[string]any{"products": []any{
		map[string]any{"handle": "linen-shirt", "title": "Linen shirt", "imageUrl": "https://cdn.example/shirt.jpg", "variants": []any{
			map[string]any{"sku": "SHIRT-M", "title": "M", "price": "49.00", "compareAtPrice": "59.00", "currencyCode": "EUR", "availableForSale": true,
				"selectedOptions": []any{map[string]any{"name": "Size", "value": "M"}}},
			map[string]any{"sku": "SHIRT-L", "title": "L", "price": "49.00", "currencyCode": "EUR", "availableForSale": false},
		}},
		map[string]any{"handle": "wool-socks", "title": "Wool socks", "variants": []any{
			map[string]any{"sku": "SOCKS", "title": "One size", "price": "12.50", "currencyCode": "EUR", "availableForSale": true},
		}},
	}}, "adminProductsUpsert", &p, AsAdmin(adminKey))
	if len(p.UserErrors) > 0 || len(p.Products) != 2 {
		t.Fatalf("catalog: %+v", p)
	}
}

// orderSeq numbers ingested orders (tests run in parallel).
var orderSeq atomic.Int64

// createOrder ingests an order for a customer (by ID) or a guest email.
func (a *API) createOrder(t *testing.T, in map[string]any) orderOut {
	t.Helper()
	base := map[string]any{
		"externalId": fmt.Sprintf("ext-%d-%s", orderSeq.Add(1), a.ip), "currencyCode": "EUR", "financialStatus": "PAID",
		"totalShippingPrice": "4.90", "totalTax": "0",
		"lineItems": []any{
			map[string]any{"sku": "SHIRT-M", "title": "Linen shirt", "variantTitle": "M", "quantity": 2, "price": "49.00", "discount": "5.00"},
			map[string]any{"sku": "SOCKS", "title": "Wool socks", "quantity": 1, "price": "12.50"},
		},
		"shippingAddress": map[string]any{"address1": "Unter den Linden 1", "city": "Berlin", "country": "DE", "zip": "10117"},
	}
	for k, v := range in {
		base[k] = v
	}
	var p struct {
		adminPayload
		Order *orderOut
	}
	a.MustDo(t, orderCreateDoc, map[string]any{"order": base}, "adminOrderCreate", &p, AsAdmin(adminKey))
	if p.Order == nil {
		t.Fatalf("order: %+v", p.UserErrors)
	}
	return *p.Order
}

func (a *API) ship(t *testing.T, orderID string, f map[string]any) string {
	t.Helper()
	var p struct {
		adminPayload
		FulfillmentID *string
	}
	a.MustDo(t, fulfillmentCreateDoc, map[string]any{"id": orderID, "f": f}, "adminFulfillmentCreate", &p, AsAdmin(adminKey))
	if p.FulfillmentID == nil {
		t.Fatalf("ship: %+v", p.UserErrors)
	}
	return *p.FulfillmentID
}

// TestOrderHistoryStatementCount: the history query costs the same number
// of SQL statements for 1, 10, 100 and 250 orders. 250 orders with five
// lines, five fulfillments and every tracking event each is more than the
// default query limits allow (QUERY_MAX_VALUES: up to 101,000 values), so
// this server's limit is raised.
func TestOrderHistoryStatementCount(t *testing.T) {
	parallel(t)
	eachDBWith(t, func(c *config.Config) { c.Limits = querylimit.Defaults(); c.Limits.Values = 120_000 }, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		_, token, id := api.newCustomer(t, "collector")
		counts := map[int]int{}
		have := 0
		for _, n := range []int{1, 10, 100, 250} {
			for ; have < n; have++ {
				o := api.createOrder(t, map[string]any{"customerId": id, "processedAt": fmt.Sprintf("2026-01-01T00:%02d:%02dZ", have/60, have%60)})
				if have%3 == 0 {
					f := api.ship(t, o.ID, map[string]any{"trackingCompany": "DHL", "trackingInfo": []any{map[string]any{"number": fmt.Sprint("JD", have), "url": "https://track.example/1"}}})
					api.MustDo(t, eventAddDoc, map[string]any{"id": f, "e": map[string]any{"status": "IN_TRANSIT"}}, "adminFulfillmentEventAdd", nil, AsAdmin(adminKey))
				}
			}
			before := api.Statements(t)
			var c struct {
				NumberOfOrders string
				Orders         struct {
					TotalCount string
					Nodes      []struct {
						Name      string
						LineItems struct {
							Nodes []struct {
								Variant *struct{ Product struct{ Handle string } }
							}
						}
						SuccessfulFulfillments []struct {
							FulfillmentLineItems struct{ Nodes []struct{ Quantity int } }
						}
						TrackingEvents []struct{ Status string }
					}
				}
			}
			api.MustDo(t, historyDoc, map[string]any{"token": token, "first": 250}, "customer", &c)
			counts[n] = api.Statements(t) - before
			if len(c.Orders.Nodes) != n || c.Orders.TotalCount != fmt.Sprint(n) || c.NumberOfOrders != fmt.Sprint(n) {
				t.Fatalf("%d orders: got %d nodes, totalCount %s", n, len(c.Orders.Nodes), c.Orders.TotalCount)
			}
			o := c.Orders.Nodes[len(c.Orders.Nodes)-1] // the oldest, which was shipped
			if len(o.LineItems.Nodes) != 2 || o.LineItems.Nodes[0].Variant.Product.Handle != "linen-shirt" ||
				len(o.SuccessfulFulfillments) != 1 || len(o.SuccessfulFulfillments[0].FulfillmentLineItems.Nodes) != 2 ||
				len(o.TrackingEvents) != 1 {
				t.Fatalf("graph incomplete: %+v", o)
			}
		}
		t.Logf("statements per history query by order count: %v", counts)
		for _, n := range []int{10, 100, 250} {
			if counts[n] != counts[1] {
				t.Errorf("statements grow with rows: %v", counts)
				break
			}
		}
		// One per level: the token's customer, numberOfOrders, orders,
		// totalCount, lines, variants, products, addresses, fulfillments,
		// fulfilled lines, events.
		if counts[1] != 11 {
			t.Errorf("%d statements for the history query", counts[1])
		}
	})
}

func TestOrderIngestion(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		_, token, id := api.newCustomer(t, "buyer")
		in := map[string]any{"customerId": id, "externalId": "erp-1001"}
		first := api.createOrder(t, in)
		again := api.createOrder(t, in)
		if first.ID != again.ID || first.Name != "#1001" || first.TotalPrice.Amount != "110.40" || first.TotalPrice.CurrencyCode != "EUR" {
			t.Fatalf("orders: %+v %+v", first, again)
		}
		// Concurrent retries of one new order also make one order.
		ids := make([]string, 6)
		atOnce(len(ids), func(i int) {
			var p struct{ Order *orderOut }
			r, err := api.TryDo(orderCreateDoc, map[string]any{"order": map[string]any{"externalId": "erp-race", "customerId": id, "currencyCode": "EUR",
				"lineItems": []any{map[string]any{"title": "Gift card", "quantity": 1, "price": "25"}}}}, AsAdmin(adminKey))
			if err != nil {
				t.Error(err)
				return
			}
			if err := json.Unmarshal(r.Data["adminOrderCreate"], &p); err == nil && p.Order != nil {
				ids[i] = p.Order.ID
			}
		})
		for _, got := range ids {
			if got == "" || got != ids[0] {
				t.Fatalf("racing creates: %v", ids)
			}
		}
		var c struct{ NumberOfOrders string }
		api.MustDo(t, customerDoc, map[string]any{"token": token}, "customer", &c)
		if c.NumberOfOrders != "2" {
			t.Errorf("numberOfOrders = %s", c.NumberOfOrders)
		}

		for name, tc := range map[string]struct {
			patch map[string]any
			want  []string
		}{
			"negative price":   {map[string]any{"lineItems": []any{map[string]any{"title": "x", "quantity": 1, "price": "-1"}}}, []string{"INVALID@order.lineItems.0.price"}},
			"float price":      {map[string]any{"lineItems": []any{map[string]any{"title": "x", "quantity": 1, "price": "1e3"}}}, []string{"INVALID@order.lineItems.0.price"}},
			"yen decimals":     {map[string]any{"currencyCode": "JPY", "lineItems": []any{map[string]any{"title": "x", "quantity": 1, "price": "10.5"}}}, []string{"INVALID@order.lineItems.0.price"}},
			"zero quantity":    {map[string]any{"lineItems": []any{map[string]any{"title": "x", "quantity": 0, "price": "1"}}}, []string{"INVALID@order.lineItems.0.quantity"}},
			"huge quantity":    {map[string]any{"lineItems": []any{map[string]any{"title": "x", "quantity": 100000, "price": "1"}}}, []string{"INVALID@order.lineItems.0.quantity"}},
			"no lines":         {map[string]any{"lineItems": []any{}}, []string{"BLANK@order.lineItems"}},
			"blank title":      {map[string]any{"lineItems": []any{map[string]any{"title": " ", "quantity": 1, "price": "1"}}}, []string{"BLANK@order.lineItems.0.title"}},
			"big discount":     {map[string]any{"lineItems": []any{map[string]any{"title": "x", "quantity": 1, "price": "1", "discount": "2"}}}, []string{"INVALID@order.lineItems.0.discount"}},
			"unknown buyer":    {map[string]any{"customerId": "gid://accountgraph/Customer/999999"}, []string{"NOT_FOUND@order.customerId"}},
			"bad address":      {map[string]any{"shippingAddress": map[string]any{"address1": "x", "city": "y", "country": "Atlantis"}}, []string{"INVALID@order.shippingAddress.country"}},
			"blank externalId": {map[string]any{"externalId": " "}, []string{"BLANK@order.externalId"}},
		} {
			t.Run(name, func(t *testing.T) {
				base := map[string]any{"externalId": fmt.Sprintf("bad-%d", orderSeq.Add(1)), "currencyCode": "EUR",
					"lineItems": []any{map[string]any{"title": "x", "quantity": 1, "price": "1"}}}
				for k, v := range tc.patch {
					base[k] = v
				}
				var p struct {
					adminPayload
					Order *orderOut
				}
				api.MustDo(t, orderCreateDoc, map[string]any{"order": base}, "adminOrderCreate", &p, AsAdmin(adminKey))
				if d := cmp.Diff(tc.want, codes(p.UserErrors)); d != "" || p.Order != nil {
					t.Errorf("(-want +got):\n%s", d)
				}
			})
		}
		// A wrong currency is a GraphQL error (not an enum value).
		if r := api.Do(t, orderCreateDoc, map[string]any{"order": map[string]any{"externalId": "x", "currencyCode": "EURO", "lineItems": []any{}}}, AsAdmin(adminKey)); len(r.Errors) == 0 {
			t.Errorf("bad currency accepted: %s", r.Raw)
		}
		// Nothing of the refused orders was stored.
		api.MustDo(t, customerDoc, map[string]any{"token": token}, "customer", &c)
		if c.NumberOfOrders != "2" {
			t.Errorf("numberOfOrders = %s after refused orders", c.NumberOfOrders)
		}
		// Orders need the orders:write scope.
		readKey, _ := api.Server.AdminKeys().Create(context.Background(), "reader", []string{"customers:read"})
		if r := api.Do(t, orderCreateDoc, map[string]any{"order": map[string]any{"externalId": "y", "currencyCode": "EUR", "lineItems": []any{}}}, AsAdmin(readKey)); len(r.Errors) != 1 || r.Errors[0].Code() != "ACCESS_DENIED" {
			t.Errorf("read key: %s", r.Raw)
		}
	})
}

const ordersPageDoc = `query($token: String!, $first: Int, $last: Int, $after: String, $before: String, $sortKey: OrderSortKeys, $reverse: Boolean, $query: String) {
  customer(customerAccessToken: $token) {
    orders(first: $first, last: $last, after: $after, before: $before, sortKey: $sortKey, reverse: $reverse, query: $query) {
      totalCount
      edges { cursor node { name } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}`

type ordersPage struct {
	TotalCount string
	Edges      []struct{ Node struct{ Name string } }
	PageInfo   struct {
		HasNextPage, HasPreviousPage bool
		StartCursor, EndCursor       *string
	}
}

func (p ordersPage) names() []string {
	out := []string{}
	for _, e := range p.Edges {
		out = append(out, e.Node.Name)
	}
	return out
}

func TestOrderHistoryPagingAndFilters(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		_, token, id := api.newCustomer(t, "pager")
		// #1001..#1005 with totals and dates in different orders.
		specs := []struct{ day, price, title, status string }{
			{"2026-03-05", "30", "Blue scarf", "PAID"},
			{"2026-01-10", "10", "Linen shirt", "PENDING"},
			{"2026-02-20", "50", "Wool socks", "PAID"},
			{"2026-04-01", "20", "Linen trousers", "REFUNDED"},
			{"2026-02-01", "40", "Rain coat", "PAID"},
		}
		var ids []string
		for _, s := range specs {
			o := api.createOrder(t, map[string]any{"customerId": id, "processedAt": s.day + "T12:00:00Z", "financialStatus": s.status,
				"totalShippingPrice": "0", "lineItems": []any{map[string]any{"title": s.title, "quantity": 1, "price": s.price}}})
			ids = append(ids, o.ID)
		}
		get := func(vars map[string]any) ordersPage {
			vars["token"] = token
			var c struct{ Orders ordersPage }
			api.MustDo(t, ordersPageDoc, vars, "customer", &c)
			return c.Orders
		}
		orders := map[string][]string{
			"ID":           {"#1001", "#1002", "#1003", "#1004", "#1005"},
			"PROCESSED_AT": {"#1002", "#1005", "#1003", "#1001", "#1004"},
			"TOTAL_PRICE":  {"#1002", "#1004", "#1001", "#1005", "#1003"},
		}
		for key, want := range orders {
			for _, rev := range []bool{false, true} {
				w := want
				if rev {
					w = []string{w[4], w[3], w[2], w[1], w[0]}
				}
				// Forwards two at a time…
				var seen []string
				var after any
				for range 4 {
					p := get(map[string]any{"first": 2, "after": after, "sortKey": key, "reverse": rev})
					seen = append(seen, p.names()...)
					if !p.PageInfo.HasNextPage {
						break
					}
					after = *p.PageInfo.EndCursor
				}
				if d := cmp.Diff(w, seen); d != "" {
					t.Errorf("%s reverse=%v forwards (-want +got):\n%s", key, rev, d)
				}
				// …and backwards.
				seen = nil
				var before any
				for range 4 {
					p := get(map[string]any{"last": 2, "before": before, "sortKey": key, "reverse": rev})
					seen = append(p.names(), seen...)
					if !p.PageInfo.HasPreviousPage {
						break
					}
					before = *p.PageInfo.StartCursor
				}
				if d := cmp.Diff(w, seen); d != "" {
					t.Errorf("%s reverse=%v backwards (-want +got):\n%s", key, rev, d)
				}
			}
		}
		// Cancel one, close another.
		api.MustDo(t, `mutation($id: ID!) { adminOrderCancel(id: $id, reason: CUSTOMER) { userErrors { code } } }`, map[string]any{"id": ids[4]}, "adminOrderCancel", nil, AsAdmin(adminKey))
		api.MustDo(t, `mutation($id: ID!) { adminOrderUpdate(id: $id, input: {closed: true}) { userErrors { code } } }`, map[string]any{"id": ids[2]}, "adminOrderUpdate", nil, AsAdmin(adminKey))
		api.ship(t, ids[0], map[string]any{})
		for q, want := range map[string][]string{
			"processed_at:>=2026-02-01":                          {"#1001", "#1003", "#1004", "#1005"},
			"processed_at:<2026-02-01":                           {"#1002"},
			"processed_at:>=2026-02-01 processed_at:<2026-03-01": {"#1003", "#1005"},
			"financial_status:paid":                              {"#1001", "#1003", "#1005"},
			"financial_status:refunded":                          {"#1004"},
			"fulfillment_status:fulfilled":                       {"#1001"},
			"fulfillment_status:unfulfilled":                     {"#1002", "#1003", "#1004", "#1005"},
			"status:cancelled":                                   {"#1005"},
			"status:closed":                                      {"#1003", "#1005"},
			"status:open":                                        {"#1001", "#1002", "#1004"},
			"linen":                                              {"#1002", "#1004"},
			"LINEN trousers":                                     {"#1004"},
			"#1003":                                              {"#1003"},
			"-financial_status:paid":                             {"#1002", "#1004"},
			// Shopify's grammar: OR, NOT, parentheses; name with or without #.
			"financial_status:refunded OR status:cancelled":   {"#1004", "#1005"},
			"NOT (status:open OR financial_status:refunded)":  {"#1003", "#1005"},
			"(linen OR #1001) fulfillment_status:unfulfilled": {"#1002", "#1004"},
			"name:1003":                  {"#1003"},
			`name:"#1002" OR name:#1004`: {"#1002", "#1004"},
		} {
			p := get(map[string]any{"first": 10, "query": q})
			if d := cmp.Diff(want, p.names()); d != "" || p.TotalCount != fmt.Sprint(len(want)) {
				t.Errorf("query %q (-want +got):\n%s totalCount=%s", q, d, p.TotalCount)
			}
		}
		// id: is the number of the order's ID (Hydrogen v1 finds an order so).
		num := ids[2][strings.LastIndex(ids[2], "/")+1:]
		num, _, _ = strings.Cut(num, "?")
		num = strings.TrimLeft(num, "0")
		if p := get(map[string]any{"first": 10, "query": "id:" + num}); cmp.Diff([]string{"#1003"}, p.names()) != "" {
			t.Errorf("id:%s: %v", num, p.names())
		}
		for _, q := range []string{"status:sleeping", "financial_status:rich", "processed_at:yesterday", "total:5", "a OR", "(a", "id:abc"} {
			r := api.Do(t, ordersPageDoc, map[string]any{"token": token, "first": 5, "query": q})
			if len(r.Errors) != 1 || r.Errors[0].Code() != "BAD_USER_INPUT" {
				t.Errorf("query %q: %s", q, r.Raw)
			}
		}
	})
}

const orderDetailDoc = `query($token: String!) {
  customer(customerAccessToken: $token) {
    orders(first: 10) { nodes {
      id name cancelReason canceledAt financialStatus fulfillmentStatus statusUrl
      totalPrice { amount } totalRefunded { amount } currentTotalPrice { amount } subtotalPrice { amount } totalPriceV2 { amount }
      lineItems(first: 10) { nodes { title quantity originalTotalPrice { amount } discountedTotalPrice { amount } variant { sku compareAtPrice { amount } availableForSale selectedOptions { name value } } } }
      successfulFulfillments { trackingCompany trackingInfo { number url } fulfillmentLineItems(first: 5) { nodes { quantity lineItem { title } } } }
      trackingEvents { status happenedAt message city countryCode }
    } }
  }
}`

type orderDetail struct {
	ID, Name                           string
	CancelReason, CanceledAt           *string
	FinancialStatus, FulfillmentStatus string
	StatusURL                          string `json:"statusUrl"`
	TotalPrice, TotalRefunded          struct{ Amount string }
	CurrentTotalPrice, SubtotalPrice   struct{ Amount string }
	TotalPriceV2                       struct{ Amount string }
	LineItems                          struct{ Nodes []json.RawMessage }
	SuccessfulFulfillments             []struct {
		TrackingCompany      *string
		TrackingInfo         []struct{ Number, URL *string }
		FulfillmentLineItems struct{ Nodes []struct{ Quantity int } }
	}
	TrackingEvents []struct {
		Status, HappenedAt string
		Message, City      *string
		CountryCode        *string
	}
}

func TestOrderLifecycle(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		_, token, id := api.newCustomer(t, "lifecycle")
		o := api.createOrder(t, map[string]any{"customerId": id})
		// Ship one shirt, then the rest.
		f1 := api.ship(t, o.ID, map[string]any{"trackingCompany": "DHL", "externalId": "shp-1",
			"trackingInfo": []any{map[string]any{"number": "JD0001", "url": "https://track.example/JD0001"}},
			"lineItems":    []any{map[string]any{"position": 1, "quantity": 1}}})
		if again := api.ship(t, o.ID, map[string]any{"externalId": "shp-1"}); again != f1 {
			t.Errorf("shipment not idempotent: %s %s", f1, again)
		}
		var bad struct{ adminPayload }
		api.MustDo(t, fulfillmentCreateDoc, map[string]any{"id": o.ID, "f": map[string]any{"lineItems": []any{map[string]any{"position": 1, "quantity": 2}}}}, "adminFulfillmentCreate", &bad, AsAdmin(adminKey))
		if cmp.Diff([]string{"INVALID@fulfillment.lineItems.0.quantity"}, codes(bad.UserErrors)) != "" {
			t.Errorf("overship: %+v", bad.UserErrors)
		}
		api.ship(t, o.ID, map[string]any{})
		api.MustDo(t, fulfillmentCreateDoc, map[string]any{"id": o.ID, "f": map[string]any{}}, "adminFulfillmentCreate", &bad, AsAdmin(adminKey))
		if cmp.Diff([]string{"NOT_ALLOWED@fulfillment.lineItems"}, codes(bad.UserErrors)) != "" {
			t.Errorf("nothing left: %+v", bad.UserErrors)
		}
		for _, ev := range []map[string]any{
			{"status": "DELIVERED", "happenedAt": "2026-05-03T09:00:00Z", "city": "Berlin", "countryCode": "DE", "message": "Left at the door"},
			{"status": "IN_TRANSIT", "happenedAt": "2026-05-02T09:00:00Z"},
		} {
			api.MustDo(t, eventAddDoc, map[string]any{"id": f1, "e": ev}, "adminFulfillmentEventAdd", nil, AsAdmin(adminKey))
		}
		var ev struct{ adminPayload }
		api.MustDo(t, eventAddDoc, map[string]any{"id": "gid://accountgraph/Fulfillment/999999", "e": map[string]any{"status": "DELIVERED"}}, "adminFulfillmentEventAdd", &ev, AsAdmin(adminKey))
		if cmp.Diff([]string{"NOT_FOUND@fulfillmentId"}, codes(ev.UserErrors)) != "" {
			t.Errorf("unknown fulfillment: %+v", ev.UserErrors)
		}
		// Refund part, then cancel.
		var up struct{ adminPayload }
		api.MustDo(t, `mutation($id: ID!) { adminOrderUpdate(id: $id, input: {refundAmount: "500"}) { userErrors { code field message } } }`, map[string]any{"id": o.ID}, "adminOrderUpdate", &up, AsAdmin(adminKey))
		if cmp.Diff([]string{"INVALID@input.refundAmount"}, codes(up.UserErrors)) != "" {
			t.Errorf("over-refund: %+v", up.UserErrors)
		}
		api.MustDo(t, `mutation($id: ID!) { adminOrderUpdate(id: $id, input: {refundAmount: "10.40"}) { userErrors { code } } }`, map[string]any{"id": o.ID}, "adminOrderUpdate", nil, AsAdmin(adminKey))
		api.MustDo(t, `mutation($id: ID!) { adminOrderCancel(id: $id, reason: INVENTORY) { userErrors { code } } }`, map[string]any{"id": o.ID}, "adminOrderCancel", nil, AsAdmin(adminKey))
		var twice struct{ adminPayload }
		api.MustDo(t, `mutation($id: ID!) { adminOrderCancel(id: $id, reason: OTHER) { userErrors { code field message } } }`, map[string]any{"id": o.ID}, "adminOrderCancel", &twice, AsAdmin(adminKey))
		if cmp.Diff([]string{"NOT_ALLOWED@id"}, codes(twice.UserErrors)) != "" {
			t.Errorf("cancel twice: %+v", twice.UserErrors)
		}

		var c struct{ Orders struct{ Nodes []orderDetail } }
		api.MustDo(t, orderDetailDoc, map[string]any{"token": token}, "customer", &c)
		d := c.Orders.Nodes[0]
		if d.CancelReason == nil || *d.CancelReason != "INVENTORY" || d.CanceledAt == nil || d.FinancialStatus != "PARTIALLY_REFUNDED" ||
			d.FulfillmentStatus != "FULFILLED" || d.TotalPrice.Amount != "110.40" || d.TotalPriceV2.Amount != "110.40" ||
			d.TotalRefunded.Amount != "10.40" || d.CurrentTotalPrice.Amount != "100.00" || d.SubtotalPrice.Amount != "105.50" ||
			!strings.HasPrefix(d.StatusURL, "https://shop.test/orders/") {
			t.Errorf("cancelled order: %+v", d)
		}
		if len(d.SuccessfulFulfillments) != 2 || *d.SuccessfulFulfillments[0].TrackingInfo[0].Number != "JD0001" ||
			d.SuccessfulFulfillments[1].FulfillmentLineItems.Nodes[0].Quantity != 1 {
			t.Errorf("fulfillments: %+v", d.SuccessfulFulfillments)
		}
		if len(d.TrackingEvents) != 2 || d.TrackingEvents[0].Status != "IN_TRANSIT" || *d.TrackingEvents[1].City != "Berlin" {
			t.Errorf("timeline: %+v", d.TrackingEvents)
		}
		if !strings.Contains(string(d.LineItems.Nodes[0]), `"originalTotalPrice":{"amount":"98.00"},"discountedTotalPrice":{"amount":"93.00"}`) ||
			!strings.Contains(string(d.LineItems.Nodes[0]), `"compareAtPrice":{"amount":"59.00"}`) {
			t.Errorf("line: %s", d.LineItems.Nodes[0])
		}
		// The order's ID carries its status key: node finds it with the key only.
		nodeDoc := `query($id: ID!) { node(id: $id) { ... on Order { name } } }`
		if r := api.Do(t, nodeDoc, map[string]any{"id": d.ID}); !strings.Contains(r.Raw, `"name":"#1001"`) {
			t.Errorf("node with key: %s", r.Raw)
		}
		bare, _, _ := strings.Cut(d.ID, "?")
		for _, id := range []string{bare, bare + "?key=wrong", bare + "?key="} {
			if r := api.Do(t, nodeDoc, map[string]any{"id": id}); string(r.Data["node"]) != "null" {
				t.Errorf("node %s: %s", id, r.Raw)
			}
		}
	})
}

// TestOrdersOfOthersAndGuests: B's orders are invisible through A's token;
// a guest order joins the account once its email is verified.
func TestOrdersOfOthersAndGuests(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		_, tokenA, idA := api.newCustomer(t, "alice")
		emailB, tokenB, idB := api.newCustomer(t, "bob")
		api.createOrder(t, map[string]any{"customerId": idA})
		api.createOrder(t, map[string]any{"customerId": idB})
		names := func(token string) []string {
			var c struct{ Orders ordersPage }
			api.MustDo(t, ordersPageDoc, map[string]any{"token": token, "first": 10}, "customer", &c)
			return c.Orders.names()
		}
		if d := cmp.Diff([]string{"#1001"}, names(tokenA)); d != "" {
			t.Errorf("A sees %s", d)
		}
		// Guest orders: placed with B's email before B proved it.
		guest := api.createOrder(t, map[string]any{"email": strings.ToUpper(emailB)})
		if d := cmp.Diff([]string{"#1002"}, names(tokenB)); d != "" {
			t.Errorf("unverified B sees the guest order: %s", d)
		}
		api.MustDo(t, recoverDoc, map[string]any{"email": emailB}, "customerRecover", nil)
		var p tokenPayload
		api.MustDo(t, resetByURLDoc, map[string]any{"url": api.LastLink(t, emailB, "reset"), "password": "bob's new passphrase"}, "customerResetByUrl", &p)
		if d := cmp.Diff([]string{"#1002", guest.Name}, names(p.CustomerAccessToken.AccessToken)); d != "" {
			t.Errorf("verified B (-want +got):\n%s", d)
		}
		// Later guest orders with a verified email join at once.
		later := api.createOrder(t, map[string]any{"email": emailB})
		if got := names(p.CustomerAccessToken.AccessToken); len(got) != 3 || got[2] != later.Name {
			t.Errorf("later guest order: %v", got)
		}
		if d := cmp.Diff([]string{"#1001"}, names(tokenA)); d != "" {
			t.Errorf("A's history changed: %s", d)
		}
	})
}

func TestOrderDiscountApplications(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		_, token, id := api.newCustomer(t, "saver")
		api.createOrder(t, map[string]any{"customerId": id, "totalDiscounts": "10", "discountApplications": []any{
			map[string]any{"code": "WELCOME10", "percentage": 10},
			map[string]any{"title": "Loyal customer", "description": "Staff goodwill", "amount": "5.00", "targetType": "SHIPPING_LINE"},
		}})
		doc := `query($t: String!, $after: String) { customer(customerAccessToken: $t) { orders(first: 1) { nodes {
  discountApplications(first: 1, after: $after) {
    nodes { __typename allocationMethod targetSelection targetType
      value { __typename ... on MoneyV2 { amount currencyCode } ... on PricingPercentageValue { percentage } }
      ... on DiscountCodeApplication { code applicable }
      ... on ManualDiscountApplication { title description } }
    pageInfo { hasNextPage endCursor } } } } } }`
		type page struct {
			Orders struct {
				Nodes []struct {
					DiscountApplications struct {
						Nodes    []map[string]any
						PageInfo struct {
							HasNextPage bool
							EndCursor   string
						}
					}
				}
			}
		}
		var p1, p2 page
		api.MustDo(t, doc, map[string]any{"t": token}, "customer", &p1)
		d1 := p1.Orders.Nodes[0].DiscountApplications
		api.MustDo(t, doc, map[string]any{"t": token, "after": d1.PageInfo.EndCursor}, "customer", &p2)
		d2 := p2.Orders.Nodes[0].DiscountApplications
		got := []any{d1.Nodes, d2.Nodes, d1.PageInfo.HasNextPage, d2.PageInfo.HasNextPage}
		want := []any{
			[]map[string]any{{"__typename": "DiscountCodeApplication", "allocationMethod": "ACROSS", "targetSelection": "ALL", "targetType": "LINE_ITEM",
				"value": map[string]any{"__typename": "PricingPercentageValue", "percentage": 10.0}, "code": "WELCOME10", "applicable": true}},
			[]map[string]any{{"__typename": "ManualDiscountApplication", "allocationMethod": "ACROSS", "targetSelection": "ALL", "targetType": "SHIPPING_LINE",
				"value": map[string]any{"__typename": "MoneyV2", "amount": "5.00", "currencyCode": "EUR"}, "title": "Loyal customer", "description": "Staff goodwill"}},
			true, false,
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("(-want +got):\n%s", d)
		}
		var bad struct{ adminPayload }
		api.MustDo(t, orderCreateDoc, map[string]any{"order": map[string]any{"externalId": "disc-bad", "currencyCode": "EUR",
			"lineItems":            []any{map[string]any{"title": "x", "quantity": 1, "price": "1"}},
			"discountApplications": []any{map[string]any{"code": "X", "amount": "1", "percentage": 5}, map[string]any{"percentage": 150}},
		}}, "adminOrderCreate", &bad, AsAdmin(adminKey))
		if d := cmp.Diff([]string{"BLANK@order.discountApplications.1.code", "INVALID@order.discountApplications.0.amount", "INVALID@order.discountApplications.1.percentage"}, codes(bad.UserErrors)); d != "" {
			t.Errorf("bad discounts (-want +got):\n%s", d)
		}
	})
}

// TestOrderLineDiscountAllocations: a line's discount is split over the
// order's discount applications, as given at ingestion or in proportion,
// and the parts add up to it exactly.
func TestOrderLineDiscountAllocations(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		_, token, id := api.newCustomer(t, "allocations")
		apps := []any{
			map[string]any{"code": "WELCOME10", "percentage": 10},
			map[string]any{"title": "Bundle", "amount": "2.00"},
			map[string]any{"title": "Free shipping", "amount": "4.90", "targetType": "SHIPPING_LINE"},
		}
		api.createOrder(t, map[string]any{"customerId": id, "discountApplications": apps, "lineItems": []any{
			// Given: 9.80 from WELCOME10 and 2.00 from Bundle; the line's discount is their sum.
			map[string]any{"sku": "SHIRT-M", "title": "Linen shirt", "quantity": 2, "price": "49.00", "discountAllocations": []any{
				map[string]any{"discountApplicationIndex": 0, "amount": "9.80"}, map[string]any{"discountApplicationIndex": 1, "amount": "2.00"}}},
			// Not given: 1.00 split over the two line-item discounts by what each
			// would take off the line alone (10 % of 12.50 against 2.00).
			map[string]any{"sku": "SOCKS", "title": "Wool socks", "quantity": 1, "price": "12.50", "discount": "1.00"},
			map[string]any{"title": "Gift card", "quantity": 1, "price": "20.00"},
		}})
		var c struct {
			Orders struct {
				Nodes []struct {
					LineItems struct {
						Nodes []struct {
							Title                string
							DiscountedTotalPrice struct{ Amount string }
							DiscountAllocations  []struct {
								AllocatedAmount     struct{ Amount, CurrencyCode string }
								DiscountApplication map[string]any
							}
						}
					}
				}
			}
		}
		var ship struct {
			Orders struct {
				Nodes []struct {
					ShippingDiscountAllocations []struct {
						AllocatedAmount     struct{ Amount string }
						DiscountApplication struct{ Title string }
					}
				}
			}
		}
		api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { orders(first: 1) { nodes {
		  shippingDiscountAllocations { allocatedAmount { amount } discountApplication { ... on ManualDiscountApplication { title } } } } } } }`,
			map[string]any{"t": token}, "customer", &ship)
		if s := ship.Orders.Nodes[0].ShippingDiscountAllocations; len(s) != 1 || s[0].AllocatedAmount.Amount != "4.90" || s[0].DiscountApplication.Title != "Free shipping" {
			t.Errorf("shipping discount allocations: %+v", s)
		}
		api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { orders(first: 1) { nodes { lineItems(first: 5) { nodes {
		  title discountedTotalPrice { amount } discountAllocations { allocatedAmount { amount currencyCode }
		    discountApplication { __typename ... on DiscountCodeApplication { code } ... on ManualDiscountApplication { title } } } } } } } } }`,
			map[string]any{"t": token}, "customer", &c)
		lines := c.Orders.Nodes[0].LineItems.Nodes
		type alloc struct{ Amount, Of string }
		got := map[string][]alloc{}
		for _, l := range lines {
			got[l.Title] = []alloc{}
			for _, a := range l.DiscountAllocations {
				of, _ := a.DiscountApplication["code"].(string)
				if of == "" {
					of, _ = a.DiscountApplication["title"].(string)
				}
				got[l.Title] = append(got[l.Title], alloc{a.AllocatedAmount.Amount, of})
			}
		}
		want := map[string][]alloc{
			"Linen shirt": {{"9.80", "WELCOME10"}, {"2.00", "Bundle"}},
			"Wool socks":  {{"0.38", "WELCOME10"}, {"0.62", "Bundle"}},
			"Gift card":   {},
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("allocations (-want +got):\n%s", d)
		}
		if lines[0].DiscountedTotalPrice.Amount != "86.2" && lines[0].DiscountedTotalPrice.Amount != "86.20" {
			t.Errorf("the given allocations make the line's discount: %+v", lines[0])
		}
		// Allocations that name no application, or do not add up, are refused.
		var bad struct{ adminPayload }
		api.MustDo(t, orderCreateDoc, map[string]any{"order": map[string]any{"externalId": "alloc-bad", "currencyCode": "EUR", "discountApplications": apps,
			"lineItems": []any{
				map[string]any{"title": "x", "quantity": 1, "price": "10", "discount": "3", "discountAllocations": []any{map[string]any{"discountApplicationIndex": 0, "amount": "1"}}},
				map[string]any{"title": "y", "quantity": 1, "price": "10", "discountAllocations": []any{map[string]any{"discountApplicationIndex": 7, "amount": "1"}}},
			}}}, "adminOrderCreate", &bad, AsAdmin(adminKey))
		if d := cmp.Diff([]string{"INVALID@order.lineItems.0.discountAllocations", "INVALID@order.lineItems.1.discountAllocations.0.discountApplicationIndex"}, codes(bad.UserErrors)); d != "" {
			t.Errorf("bad allocations (-want +got):\n%s", d)
		}
	})
}
