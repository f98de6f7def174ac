package recommend_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"accountgraph/ent"
	"accountgraph/internal/db"
	"accountgraph/internal/recommend"
)

// BenchmarkRecommendations reads one customer's recommendations from
// catalogues with growing order counts. The read does not scan orders, so
// its time should stay flat as orders grow:
//
//	go test ./internal/recommend -bench . -run '^$'
func BenchmarkRecommendations(b *testing.B) {
	for _, orders := range []int{1_000, 10_000, 50_000} {
		b.Run(fmt.Sprintf("orders=%d", orders), func(b *testing.B) {
			ctx := context.Background()
			d, err := db.Open("sqlite:"+filepath.Join(b.TempDir(), "bench.db"), db.Uncounted{}, 0)
			if err != nil {
				b.Fatal(err)
			}
			defer d.Close()
			if err := d.Migrate(ctx); err != nil {
				b.Fatal(err)
			}
			customerID := seed(b, ctx, d.Client, orders)
			now := time.Now()
			b.ResetTimer()
			for b.Loop() {
				items, err := recommend.For(ctx, d.Client, []int{customerID}, now)
				if err != nil || len(items[customerID]) == 0 {
					b.Fatalf("%v %d", err, len(items[customerID]))
				}
			}
		})
	}
}

// seed makes 2,000 variants and orders of 1 to 4 of them (one customer
// has 20 orders), counting co-purchases as ingestion does.
func seed(b *testing.B, ctx context.Context, c *ent.Client, orders int) int {
	b.Helper()
	const variants = 2000
	p := c.Product.Create().SetHandle("p").SetTitle("P").SaveX(ctx)
	bulk := make([]*ent.ProductVariantCreate, variants)
	for i := range bulk {
		bulk[i] = c.ProductVariant.Create().SetProductID(p.ID).SetSku(fmt.Sprintf("SKU-%d", i)).SetTitle("V").
			SetPrice(1000).SetCurrencyCode("EUR")
	}
	var ids []int
	for i := 0; i < variants; i += 500 {
		vs := c.ProductVariant.CreateBulk(bulk[i : i+500]...).SaveX(ctx)
		for _, v := range vs {
			ids = append(ids, v.ID)
		}
	}
	cust := c.Customer.Create().SetEmail("bench@example.com").SetEmailKey("bench@example.com").SaveX(ctx)
	r := rand.New(rand.NewPCG(1, 2))
	for start := 0; start < orders; start += 1000 {
		tx, err := c.Tx(ctx)
		if err != nil {
			b.Fatal(err)
		}
		for i := start; i < min(start+1000, orders); i++ {
			var lines []int
			for range 1 + r.IntN(4) {
				lines = append(lines, ids[r.IntN(len(ids))]) // a few popular, most rare
			}
			if i < 20 {
				o := tx.Order.Create().SetExternalID(fmt.Sprint(i)).SetOrderNumber(i).SetName(fmt.Sprint(i)).SetCustomerID(cust.ID).
					SetProcessedAt(time.Now().AddDate(-1, 0, 0)).SetCurrencyCode("EUR").SetFinancialStatus("PAID").
					SetFulfillmentStatus("FULFILLED").SetSubtotalPrice(0).SetTotalShippingPrice(0).SetTotalTax(0).
					SetTotalDiscounts(0).SetTotalPrice(0).SetStatusKey("k").SaveX(ctx)
				for _, v := range lines {
					tx.OrderLineItem.Create().SetOrderID(o.ID).SetVariantID(v).SetTitle("V").SetQuantity(1).SetCurrentQuantity(1).
						SetCurrencyCode("EUR").SetOriginalUnitPrice(1000).SetDiscount(0).SetPosition(0).ExecX(ctx)
				}
			}
			if err := recommend.Count(ctx, tx, lines, 1); err != nil {
				b.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	return cust.ID
}
