package main

import (
	"context"
	"fmt"
	"time"

	"accountgraph/ent"
	"accountgraph/ent/fulfillment"
	"accountgraph/ent/order"
	"accountgraph/ent/schema"
	"accountgraph/internal/auth"
	"accountgraph/internal/db"
)

type seedSize struct{ customers, orders, lines, fulfillments int }

// seed fills the database with bulk inserts and returns one access token
// per customer.
func seed(ctx context.Context, client *ent.Client, n seedSize) ([]string, error) {
	now := time.Now().UTC()
	const products, variantsPer = 200, 5
	var pb []*ent.ProductCreate
	for i := range products {
		pb = append(pb, client.Product.Create().SetHandle(fmt.Sprintf("product-%d", i)).SetTitle(fmt.Sprintf("Product %d", i)).
			SetImageURL(fmt.Sprintf("https://cdn.example/p%d.jpg", i)))
	}
	prods, err := client.Product.CreateBulk(pb...).Save(ctx)
	if err != nil {
		return nil, err
	}
	var vb []*ent.ProductVariantCreate
	for i, p := range prods {
		for j := range variantsPer {
			vb = append(vb, client.ProductVariant.Create().SetProductID(p.ID).SetSku(fmt.Sprintf("SKU-%d-%d", i, j)).
				SetTitle(fmt.Sprintf("Size %d", j)).SetPrice(int64(1000+i*10+j)).SetCurrencyCode("EUR").SetPosition(j+1))
		}
	}
	var variants []*ent.ProductVariant
	if err := db.InChunks(vb, func(c []*ent.ProductVariantCreate) error {
		v, err := client.ProductVariant.CreateBulk(c...).Save(ctx)
		variants = append(variants, v...)
		return err
	}); err != nil {
		return nil, err
	}

	// Customers share one password hash: hashing is not what is measured.
	hash := "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$ZmFrZWhhc2hmYWtlaGFzaGZha2VoYXNoZmFrZWg"
	var cb []*ent.CustomerCreate
	for i := range n.customers {
		e := fmt.Sprintf("bench.%d@example.com", i)
		cb = append(cb, client.Customer.Create().SetEmail(e).SetEmailKey(e).SetFirstName("Bench").SetLastName(fmt.Sprint(i)).SetPasswordHash(hash))
	}
	var customers []*ent.Customer
	if err := db.InChunks(cb, func(c []*ent.CustomerCreate) error {
		v, err := client.Customer.CreateBulk(c...).Save(ctx)
		customers = append(customers, v...)
		return err
	}); err != nil {
		return nil, err
	}
	tokens := make([]string, len(customers))
	var tb []*ent.CustomerAccessTokenCreate
	for i, c := range customers {
		plain, h := auth.NewToken()
		tokens[i] = plain
		// As a sign-in makes them: last used now, so the 5-minute "last used"
		// touch does not fire on each token's first request of the run.
		tb = append(tb, client.CustomerAccessToken.Create().SetCustomerID(c.ID).SetTokenHash(h).SetExpiresAt(now.Add(24*time.Hour)).SetLastUsedAt(now))
	}
	if err := db.InChunks(tb, func(c []*ent.CustomerAccessTokenCreate) error {
		return client.CustomerAccessToken.CreateBulk(c...).Exec(ctx)
	}); err != nil {
		return nil, err
	}

	var ob []*ent.OrderCreate
	number := 1000
	for _, c := range customers {
		for j := range n.orders {
			number++
			key, _ := auth.NewToken()
			ob = append(ob, client.Order.Create().SetExternalID(fmt.Sprint("bench-", number)).SetOrderNumber(number).
				SetName(fmt.Sprint("#", number)).SetCustomerID(c.ID).SetProcessedAt(now.Add(-time.Duration(j)*24*time.Hour)).
				SetCurrencyCode("EUR").SetFinancialStatus(order.FinancialStatusPAID).SetFulfillmentStatus(order.FulfillmentStatusFULFILLED).
				SetSubtotalPrice(10000).SetTotalShippingPrice(490).SetTotalTax(0).SetTotalDiscounts(0).SetTotalPrice(10490).
				SetStatusKey(key[:32]))
		}
	}
	var orders []*ent.Order
	if err := db.InChunks(ob, func(c []*ent.OrderCreate) error {
		v, err := client.Order.CreateBulk(c...).Save(ctx)
		orders = append(orders, v...)
		return err
	}); err != nil {
		return nil, err
	}
	var lb []*ent.OrderLineItemCreate
	var fb []*ent.FulfillmentCreate
	for i, o := range orders {
		for j := range n.lines {
			v := variants[(i*7+j*13)%len(variants)]
			lb = append(lb, client.OrderLineItem.Create().SetOrderID(o.ID).SetVariantID(v.ID).SetTitle(fmt.Sprint("Product line ", j)).
				SetSku(v.Sku).SetQuantity(1+j%3).SetCurrentQuantity(1+j%3).SetCurrencyCode("EUR").
				SetOriginalUnitPrice(v.Price).SetDiscount(0).SetPosition(j+1))
		}
		for j := range n.fulfillments {
			fb = append(fb, client.Fulfillment.Create().SetOrderID(o.ID).SetStatus(fulfillment.StatusSUCCESS).SetTrackingCompany("DHL").
				SetTrackingInfo([]schema.TrackingInfo{{Number: ptr(fmt.Sprintf("JD%08d%d", o.ID, j)), URL: ptr("https://track.example/" + fmt.Sprint(o.ID))}}))
		}
	}
	if err := db.InChunks(lb, func(c []*ent.OrderLineItemCreate) error {
		return client.OrderLineItem.CreateBulk(c...).Exec(ctx)
	}); err != nil {
		return nil, err
	}
	if err := db.InChunks(fb, func(c []*ent.FulfillmentCreate) error {
		return client.Fulfillment.CreateBulk(c...).Exec(ctx)
	}); err != nil {
		return nil, err
	}
	return tokens, nil
}

func ptr[T any](v T) *T { return &v }
