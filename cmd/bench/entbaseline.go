package main

import (
	"net/http"
	"time"

	"accountgraph/ent"
	"accountgraph/ent/customeraccesstoken"
	"accountgraph/ent/fulfillment"
	"accountgraph/ent/order"
	"accountgraph/ent/orderlineitem"
	"accountgraph/ent/productvariant"
	"accountgraph/internal/auth"
	"accountgraph/internal/gid"
	"accountgraph/internal/money"
)

// entBaseline answers the history query by hand like baseline, but reads
// through ent with the five statements the GraphQL request's loaders make
// (token, orders, lines, variants, shipments; whole rows). Between the two
// hand-written endpoints lies the cost of ent; between this one and GraphQL,
// the cost of the GraphQL executor and the loaders.
func entBaseline(db *ent.Client) http.Handler {
	fail := func(w http.ResponseWriter, err error) { http.Error(w, err.Error(), http.StatusInternalServerError) }
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		tok, err := db.CustomerAccessToken.Query().Where(
			customeraccesstoken.TokenHash(auth.HashToken(r.URL.Query().Get("token"))),
			customeraccesstoken.ExpiresAtGT(time.Now().UTC())).Only(ctx)
		if err != nil {
			fail(w, err)
			return
		}
		placed, err := db.Order.Query().Where(order.CustomerID(tok.CustomerID)).Order(ent.Asc(order.FieldID)).Limit(20).All(ctx)
		if err != nil {
			fail(w, err)
			return
		}
		orders := make([]*orderJSON, len(placed))
		byID := make(map[int]*orderJSON, len(placed))
		ids := make([]int, len(placed))
		for i, o := range placed {
			orders[i] = &orderJSON{ID: gid.EncodeKeyed("Order", o.ID, o.StatusKey), Name: o.Name,
				ProcessedAt: o.ProcessedAt.UTC().Format(time.RFC3339), TotalPrice: money2{money.Format(o.TotalPrice, o.CurrencyCode), o.CurrencyCode}}
			orders[i].LineItems.Nodes = []line{}
			orders[i].SuccessfulFulfillments = []shipment{}
			byID[o.ID], ids[i] = orders[i], o.ID
		}
		if len(ids) > 0 {
			ls, err := db.OrderLineItem.Query().Where(orderlineitem.OrderIDIn(ids...)).
				Order(ent.Asc(orderlineitem.FieldOrderID), ent.Asc(orderlineitem.FieldPosition)).All(ctx)
			if err != nil {
				fail(w, err)
				return
			}
			var vids []int
			for _, l := range ls {
				if l.VariantID != nil {
					vids = append(vids, *l.VariantID)
				}
			}
			vs, err := db.ProductVariant.Query().Where(productvariant.IDIn(vids...)).All(ctx)
			if err != nil {
				fail(w, err)
				return
			}
			variants := make(map[int]*ent.ProductVariant, len(vs))
			for _, v := range vs {
				variants[v.ID] = v
			}
			for _, l := range ls {
				o := byID[l.OrderID]
				if len(o.LineItems.Nodes) == 5 {
					continue
				}
				j := line{Title: l.Title, Quantity: l.Quantity}
				if l.VariantID != nil {
					if v := variants[*l.VariantID]; v != nil {
						j.Variant = &variantJSON{v.Sku, v.Title, money2{money.Format(v.Price, v.CurrencyCode), v.CurrencyCode}}
					}
				}
				o.LineItems.Nodes = append(o.LineItems.Nodes, j)
			}
			fs, err := db.Fulfillment.Query().Where(fulfillment.OrderIDIn(ids...), fulfillment.StatusEQ(fulfillment.StatusSUCCESS)).
				Order(ent.Asc(fulfillment.FieldID)).All(ctx)
			if err != nil {
				fail(w, err)
				return
			}
			for _, f := range fs {
				o := byID[f.OrderID]
				if len(o.SuccessfulFulfillments) == 2 {
					continue
				}
				s := shipment{TrackingCompany: f.TrackingCompany, TrackingInfo: []tracking{}}
				for _, t := range f.TrackingInfo {
					var n, u string
					if t.Number != nil {
						n = *t.Number
					}
					if t.URL != nil {
						u = *t.URL
					}
					s.TrackingInfo = append(s.TrackingInfo, tracking{n, u})
				}
				o.SuccessfulFulfillments = append(o.SuccessfulFulfillments, s)
			}
		}
		writeHistory(w, orders)
	})
}
