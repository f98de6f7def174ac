package main

import (
	"database/sql"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"accountgraph/internal/auth"
	"accountgraph/internal/db"
	"accountgraph/internal/gid"
	"accountgraph/internal/money"
)

// baseline answers the history query with three hand-written statements
// and builds the same JSON the GraphQL query returns: the yardstick.
func baseline(sqlDB *sql.DB, dia, publicURL string) http.Handler {
	q := func(s string) string { return db.Rebind(dia, s) }
	ordersQ := q(`SELECT o.id, o.name, o.processed_at, o.total_price, o.currency_code, o.status_key
		FROM customer_access_tokens t JOIN orders o ON o.customer_id = t.customer_id
		WHERE t.token_hash = ? AND t.expires_at > ? ORDER BY o.id LIMIT 20`)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		rows, err := sqlDB.QueryContext(ctx, ordersQ, auth.HashToken(r.URL.Query().Get("token")), time.Now().UTC())
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		var orders []*orderJSON
		byID := map[int]*orderJSON{}
		var ids []any
		for rows.Next() {
			var id int
			var total int64
			var name, cur, key string
			var at time.Time
			if err := rows.Scan(&id, &name, &at, &total, &cur, &key); err != nil {
				http.Error(w, err.Error(), 500)
				return
			}
			o := &orderJSON{ID: gid.EncodeKeyed("Order", id, key), Name: name,
				ProcessedAt: at.UTC().Format(time.RFC3339), TotalPrice: money2{money.Format(total, cur), cur}}
			o.LineItems.Nodes = []line{}
			o.SuccessfulFulfillments = []shipment{}
			orders = append(orders, o)
			byID[id] = o
			ids = append(ids, id)
		}
		rows.Close()
		if len(ids) > 0 {
			in := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
			lr, err := sqlDB.QueryContext(ctx, q(`SELECT l.order_id, l.title, l.quantity, v.sku, v.title, v.price, v.currency_code
				FROM order_line_items l LEFT JOIN product_variants v ON v.id = l.variant_id
				WHERE l.order_id IN (`+in+`) ORDER BY l.order_id, l.position`), ids...)
			if err != nil {
				http.Error(w, err.Error(), 500)
				return
			}
			for lr.Next() {
				var oid, qty int
				var title string
				var sku, vtitle, cur sql.NullString
				var price sql.NullInt64
				if err := lr.Scan(&oid, &title, &qty, &sku, &vtitle, &price, &cur); err != nil {
					http.Error(w, err.Error(), 500)
					return
				}
				l := line{Title: title, Quantity: qty}
				if sku.Valid {
					l.Variant = &variantJSON{sku.String, vtitle.String, money2{money.Format(price.Int64, cur.String), cur.String}}
				}
				o := byID[oid]
				if len(o.LineItems.Nodes) < 5 {
					o.LineItems.Nodes = append(o.LineItems.Nodes, l)
				}
			}
			lr.Close()
			fr, err := sqlDB.QueryContext(ctx, q(`SELECT order_id, tracking_company, tracking_info FROM fulfillments
				WHERE order_id IN (`+in+`) AND status = 'SUCCESS' ORDER BY id`), ids...)
			if err != nil {
				http.Error(w, err.Error(), 500)
				return
			}
			for fr.Next() {
				var oid int
				var company sql.NullString
				var info []byte
				if err := fr.Scan(&oid, &company, &info); err != nil {
					http.Error(w, err.Error(), 500)
					return
				}
				s := shipment{}
				if company.Valid {
					s.TrackingCompany = &company.String
				}
				_ = json.Unmarshal(info, &s.TrackingInfo)
				o := byID[oid]
				if len(o.SuccessfulFulfillments) < 2 {
					o.SuccessfulFulfillments = append(o.SuccessfulFulfillments, s)
				}
			}
			fr.Close()
		}
		writeHistory(w, orders)
	})
}

// The JSON of the history query, as both hand-written endpoints build it.
type variantJSON struct {
	Sku   string `json:"sku"`
	Title string `json:"title"`
	Price money2 `json:"price"`
}

type line struct {
	Title    string       `json:"title"`
	Quantity int          `json:"quantity"`
	Variant  *variantJSON `json:"variant"`
}
type tracking struct {
	Number string `json:"number"`
	URL    string `json:"url"`
}
type shipment struct {
	TrackingCompany *string    `json:"trackingCompany"`
	TrackingInfo    []tracking `json:"trackingInfo"`
}
type orderJSON struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	ProcessedAt string `json:"processedAt"`
	TotalPrice  money2 `json:"totalPrice"`
	LineItems   struct {
		Nodes []line `json:"nodes"`
	} `json:"lineItems"`
	SuccessfulFulfillments []shipment `json:"successfulFulfillments"`
}

// writeHistory answers with orders in the shape of the history query's data.
func writeHistory(w http.ResponseWriter, orders []*orderJSON) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"data": map[string]any{"customer": map[string]any{"orders": map[string]any{"nodes": orders}}}})
}

type money2 struct {
	Amount       string `json:"amount"`
	CurrencyCode string `json:"currencyCode"`
}
