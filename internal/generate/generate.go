// Package generate fills a database with realistic customers for load
// tests and demos at volume: a catalogue, customers with an address, a
// wishlist, orders with lines and shipments, and the loyalty points those
// orders earned. It writes with multi-row inserts, a batch of customers
// per transaction, and keeps every derived figure (list totals, loyalty
// balances) consistent with the rows it writes.
package generate

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"accountgraph/ent"
	"accountgraph/ent/fulfillment"
	"accountgraph/ent/loyaltyentry"
	"accountgraph/ent/order"
	"accountgraph/ent/productvariant"
	"accountgraph/internal/auth"
	"accountgraph/internal/customer"
	"accountgraph/internal/db"
)

// Size says how much to make.
type Size struct {
	Customers int
	Orders    int // per customer, on average
	Lines     int // per order
}

// Options of a run.
type Options struct {
	Currency     string
	PasswordHash string // every generated customer signs in with this hash's password
	Seed         uint64
	// Progress, when set, is told how many customers are written so far.
	Progress func(done int)
}

// Result says what was made.
type Result struct {
	Customers, Orders, Lines int
	Emails                   []string // a sample of generated customers' emails (up to 10,000)
}

// batch is how many customers one transaction writes.
const batch = 250

var (
	firstNames = []string{"Ada", "Ben", "Chloé", "Dario", "Emma", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kemi", "Lena", "Mateo", "Noor", "Olga", "Pia"}
	lastNames  = []string{"Smith", "Müller", "Dubois", "Rossi", "García", "Novak", "Kim", "Berg", "Silva", "Ito", "Okafor", "Jensen", "Costa", "Weber"}
	cities     = []struct{ city, zip, country, code string }{
		{"Berlin", "10115", "Germany", "DE"}, {"Paris", "75001", "France", "FR"}, {"Madrid", "28001", "Spain", "ES"},
		{"Rome", "00118", "Italy", "IT"}, {"Amsterdam", "1011 AB", "Netherlands", "NL"}, {"Vienna", "1010", "Austria", "AT"},
	}
	statuses = []order.FulfillmentStatus{order.FulfillmentStatusFULFILLED, order.FulfillmentStatusFULFILLED, order.FulfillmentStatusFULFILLED,
		order.FulfillmentStatusPARTIALLY_FULFILLED, order.FulfillmentStatusUNFULFILLED}
)

// Run generates size more customers (emails gen.<n>@example.com after any
// generated before) and their history.
func Run(ctx context.Context, client *ent.Client, size Size, opt Options) (*Result, error) {
	r := rand.New(rand.NewPCG(opt.Seed, 42))
	variants, err := catalogue(ctx, client, opt.Currency)
	if err != nil {
		return nil, err
	}
	start, err := client.Customer.Query().Count(ctx)
	if err != nil {
		return nil, err
	}
	number := 1000
	if last, err := client.Order.Query().Order(ent.Desc(order.FieldOrderNumber)).Limit(1).Select(order.FieldOrderNumber).Ints(ctx); err != nil {
		return nil, err
	} else if len(last) > 0 {
		number = last[0]
	}
	res := &Result{}
	now := time.Now().UTC()
	for done := 0; done < size.Customers; done += batch {
		n := min(batch, size.Customers-done)
		err := db.WithTx(ctx, client, func(tx *ent.Tx) error {
			return writeBatch(ctx, tx, r, variants, start+done, n, size, opt, now, &number, res)
		})
		if err != nil {
			return nil, err
		}
		if opt.Progress != nil {
			opt.Progress(done + n)
		}
	}
	return res, nil
}

// catalogue makes 200 products of 5 variants once, and returns the variants.
func catalogue(ctx context.Context, client *ent.Client, currency string) ([]*ent.ProductVariant, error) {
	have, err := client.ProductVariant.Query().Where(productvariant.SkuHasPrefix("GEN-")).All(ctx)
	if err != nil || len(have) > 0 {
		return have, err
	}
	var pb []*ent.ProductCreate
	for i := range 200 {
		pb = append(pb, client.Product.Create().SetHandle(fmt.Sprintf("gen-product-%d", i)).SetTitle(fmt.Sprintf("Product %d", i)).
			SetImageURL(fmt.Sprintf("https://cdn.example/gen/%d.jpg", i)))
	}
	prods, err := client.Product.CreateBulk(pb...).Save(ctx)
	if err != nil {
		return nil, err
	}
	var vb []*ent.ProductVariantCreate
	for i, p := range prods {
		for j := range 5 {
			vb = append(vb, client.ProductVariant.Create().SetProductID(p.ID).SetSku(fmt.Sprintf("GEN-%d-%d", i, j)).
				SetTitle([]string{"XS", "S", "M", "L", "XL"}[j]).SetPrice(int64(990+i*50+j*100)).SetCurrencyCode(currency).
				SetPosition(j+1).SetAvailableForSale(j != 4))
		}
	}
	var out []*ent.ProductVariant
	err = db.InChunks(vb, func(c []*ent.ProductVariantCreate) error {
		v, err := client.ProductVariant.CreateBulk(c...).Save(ctx)
		out = append(out, v...)
		return err
	})
	return out, err
}

type plannedOrder struct {
	create  *ent.OrderCreate
	lines   []*ent.ProductVariant
	qty     []int
	total   int64
	shipped bool
}

func writeBatch(ctx context.Context, tx *ent.Tx, r *rand.Rand, variants []*ent.ProductVariant, first, n int, size Size,
	opt Options, now time.Time, number *int, res *Result) error {
	type plan struct {
		email  string
		orders []plannedOrder
		spent  int64
		points int // earned per order: a point per whole currency unit
		last   time.Time
	}
	plans := make([]plan, n)
	cb := make([]*ent.CustomerCreate, n)
	for i := range n {
		idx := first + i
		email := fmt.Sprintf("gen.%d@example.com", idx)
		fn, ln := firstNames[r.IntN(len(firstNames))], lastNames[r.IntN(len(lastNames))]
		p := &plans[i]
		p.email = email
		orders := 0
		if size.Orders > 0 {
			orders = r.IntN(2*size.Orders + 1) // averages size.Orders
		}
		for range orders {
			*number++
			at := now.Add(-time.Duration(r.IntN(3*365*24)) * time.Hour)
			o := plannedOrder{shipped: r.IntN(10) < 8}
			for range max(1, size.Lines) {
				o.lines = append(o.lines, variants[r.IntN(len(variants))])
				o.qty = append(o.qty, 1+r.IntN(3))
			}
			var subtotal int64
			for k, v := range o.lines {
				subtotal += v.Price * int64(o.qty[k])
			}
			o.total = subtotal + 490
			key, _ := auth.NewToken()
			st := statuses[r.IntN(len(statuses))]
			if !o.shipped {
				st = order.FulfillmentStatusUNFULFILLED
			}
			o.create = tx.Order.Create().SetExternalID(fmt.Sprint("gen-", *number)).SetOrderNumber(*number).SetName(fmt.Sprint("#", *number)).
				SetEmail(email).SetEmailKey(email).SetProcessedAt(at).SetCurrencyCode(opt.Currency).
				SetFinancialStatus(order.FinancialStatusPAID).SetFulfillmentStatus(st).
				SetSubtotalPrice(subtotal).SetTotalShippingPrice(490).SetTotalTax(0).SetTotalDiscounts(0).SetTotalPrice(o.total).
				SetStatusKey(key[:32]).SetSearchText(fmt.Sprintf("#%d \n product", *number))
			p.orders = append(p.orders, o)
			p.spent += o.total
			p.points += int(o.total / 100)
			if at.After(p.last) {
				p.last = at
			}
		}
		c := tx.Customer.Create().SetEmail(email).SetEmailKey(email).SetFirstName(fn).SetLastName(ln).
			SetSortName(customer.NameKey(&fn, &ln)).SetEmailVerified(true).SetPasswordHash(opt.PasswordHash).
			SetAcceptsMarketing(r.IntN(3) == 0).SetOrdersCount(len(p.orders)).SetAmountSpent(p.spent).
			SetCreatedAt(now.Add(-time.Duration(r.IntN(4*365*24)) * time.Hour))
		if len(p.orders) > 0 {
			c.SetLastOrderAt(p.last)
		}
		if r.IntN(5) == 0 {
			c.SetTags([]string{[]string{"vip", "wholesale", "newsletter"}[r.IntN(3)]})
		}
		cb[i] = c
	}
	var customers []*ent.Customer
	if err := db.InChunks(cb, func(c []*ent.CustomerCreate) error {
		v, err := tx.Customer.CreateBulk(c...).Save(ctx)
		customers = append(customers, v...)
		return err
	}); err != nil {
		return err
	}
	ids := make([]int, len(customers))
	var ab []*ent.MailingAddressCreate
	var wb []*ent.WishlistCreate
	var accounts []*ent.LoyaltyAccountCreate
	for i, c := range customers {
		ids[i] = c.ID
		place := cities[r.IntN(len(cities))]
		ab = append(ab, tx.MailingAddress.Create().SetCustomerID(c.ID).SetFirstName(*c.FirstName).SetLastName(*c.LastName).
			SetAddress1(fmt.Sprintf("%d Market Street", 1+r.IntN(200))).SetCity(place.city).SetZip(place.zip).
			SetCountry(place.country).SetCountryCode(place.code))
		wb = append(wb, tx.Wishlist.Create().SetCustomerID(c.ID).SetName("Wishlist").SetIsDefault(true))
		points := plans[i].points
		code, _ := auth.NewToken()
		accounts = append(accounts, tx.LoyaltyAccount.Create().SetCustomerID(c.ID).SetBalance(points).SetLifetimePoints(points).
			SetLifetimeSpend(plans[i].spent).SetReferralCode("G"+code[:10]))
		if len(res.Emails) < 10000 {
			res.Emails = append(res.Emails, c.Email)
		}
	}
	if err := db.InChunks(ab, func(c []*ent.MailingAddressCreate) error { return tx.MailingAddress.CreateBulk(c...).Exec(ctx) }); err != nil {
		return err
	}
	if err := customer.DefaultFirstAddress(ctx, tx, ids...); err != nil {
		return err
	}
	if err := db.InChunks(accounts, func(c []*ent.LoyaltyAccountCreate) error { return tx.LoyaltyAccount.CreateBulk(c...).Exec(ctx) }); err != nil {
		return err
	}
	var wishlists []*ent.Wishlist
	if err := db.InChunks(wb, func(c []*ent.WishlistCreate) error {
		v, err := tx.Wishlist.CreateBulk(c...).Save(ctx)
		wishlists = append(wishlists, v...)
		return err
	}); err != nil {
		return err
	}
	var wl []*ent.WishlistLineCreate
	for _, w := range wishlists {
		for _, k := range r.Perm(len(variants))[:3] {
			v := variants[k]
			wl = append(wl, tx.WishlistLine.Create().SetWishlistID(w.ID).SetVariantID(v.ID).SetPriceWhenAdded(v.Price).SetCurrencyCode(v.CurrencyCode))
		}
	}
	if err := db.InChunks(wl, func(c []*ent.WishlistLineCreate) error { return tx.WishlistLine.CreateBulk(c...).Exec(ctx) }); err != nil {
		return err
	}

	var ob []*ent.OrderCreate
	var planned []plannedOrder
	for i, c := range customers {
		for _, o := range plans[i].orders {
			ob = append(ob, o.create.SetCustomerID(c.ID))
			planned = append(planned, o)
		}
	}
	var orders []*ent.Order
	if err := db.InChunks(ob, func(c []*ent.OrderCreate) error {
		v, err := tx.Order.CreateBulk(c...).Save(ctx)
		orders = append(orders, v...)
		return err
	}); err != nil {
		return err
	}
	var lb []*ent.OrderLineItemCreate
	var fb []*ent.FulfillmentCreate
	var eb []*ent.LoyaltyEntryCreate
	for i, o := range orders {
		p := planned[i]
		for k, v := range p.lines {
			lb = append(lb, tx.OrderLineItem.Create().SetOrderID(o.ID).SetVariantID(v.ID).SetTitle(fmt.Sprintf("Product %d", v.ProductID)).
				SetVariantTitle(v.Title).SetSku(v.Sku).SetQuantity(p.qty[k]).SetCurrentQuantity(p.qty[k]).SetCurrencyCode(v.CurrencyCode).
				SetOriginalUnitPrice(v.Price).SetDiscount(0).SetPosition(k+1))
		}
		if p.shipped {
			fb = append(fb, tx.Fulfillment.Create().SetOrderID(o.ID).SetStatus(fulfillment.StatusSUCCESS).SetTrackingCompany("DHL"))
		}
		eb = append(eb, tx.LoyaltyEntry.Create().SetCustomerID(*o.CustomerID).SetKind(loyaltyentry.KindEARN).SetSource(loyaltyentry.SourceORDER).
			SetPoints(int(o.TotalPrice/100)).SetSpend(o.TotalPrice).SetOrderID(o.ID).SetCreatedAt(o.ProcessedAt).
			SetDescription("Order "+o.Name))
	}
	for _, step := range []func() error{
		func() error {
			return db.InChunks(lb, func(c []*ent.OrderLineItemCreate) error { return tx.OrderLineItem.CreateBulk(c...).Exec(ctx) })
		},
		func() error {
			return db.InChunks(fb, func(c []*ent.FulfillmentCreate) error { return tx.Fulfillment.CreateBulk(c...).Exec(ctx) })
		},
		func() error {
			return db.InChunks(eb, func(c []*ent.LoyaltyEntryCreate) error { return tx.LoyaltyEntry.CreateBulk(c...).Exec(ctx) })
		},
	} {
		if err := step(); err != nil {
			return err
		}
	}
	res.Customers += len(customers)
	res.Orders += len(orders)
	res.Lines += len(lb)
	return nil
}
