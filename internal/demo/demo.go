// Package demo fills a fresh database with a demo customer and the things
// an account page shows — addresses, orders with shipments and tracking, a
// wishlist and a saved cart — through the same business functions the API
// uses, so `go run . --demo` shows a lived-in account.
package demo

import (
	"accountgraph/internal/payment"
	"accountgraph/internal/paymentmethod"
	"context"
	"errors"
	"fmt"
	"time"

	"accountgraph/ent/schema"
	"accountgraph/internal/apperr"
	"accountgraph/internal/cart"
	"accountgraph/internal/catalog"
	"accountgraph/internal/customer"
	"accountgraph/internal/gid"
	"accountgraph/internal/loyalty"
	"accountgraph/internal/order"
	"accountgraph/internal/preferences"
	"accountgraph/internal/savedcart"
	"accountgraph/internal/support"
	"accountgraph/internal/wishlist"
)

// Login is the demo customer's credentials.
type Login struct{ Email, Password string }

// The demo login is printed at start-up and is public by design.
var demoLogin = Login{Email: "demo@example.com", Password: "demo-shopper-2026"}

// Services are the business services the demo goes through.
type Services struct {
	Customers *customer.Service
	Catalog   *catalog.Service
	Orders    *order.Service
	Carts     *cart.Service
	Wishlists *wishlist.Service
	Saved     *savedcart.Service
	Loyalty   *loyalty.Service
	Support   *support.Service
	Prefs     *preferences.Service
	// PaymentMethods keeps the demo's saved cards (as held by a provider
	// named "demo": nothing is charged or detached anywhere).
	PaymentMethods *paymentmethod.Service
	// PublicURL is where the server is reached; the demo's product pictures
	// are served by the account portal there.
	PublicURL string
}

// program is the demo loyalty programme.
func program() loyalty.ProgramInput {
	yes, name, currency, perUnit, months := true, "Atelier Friends", "CAD", 2, 12
	return loyalty.ProgramInput{Enabled: &yes, Name: &name, CurrencyCode: &currency, PointsPerUnit: &perUnit, ExpireAfterMonths: &months,
		SetEarnRules: true, EarnRules: []schema.EarnRule{{Action: loyalty.ActionAccountCreation, Points: 100}, {Action: loyalty.ActionFirstOrder, Points: 50},
			{Action: loyalty.ActionNewsletter, Points: 25}, {Action: loyalty.ActionReview, Points: 20, DailyCap: 3},
			{Action: loyalty.ActionSocialShare, Points: 10, DailyCap: 1}, {Action: loyalty.ActionBirthday, Points: 100},
			{Action: loyalty.ActionReferral, Points: 200}, {Action: loyalty.ActionReferred, Points: 100}},
		SetTiers: true, Tiers: []loyalty.TierInput{
			{Name: "Member", Threshold: 0, Multiplier: 1, Benefits: []string{"Birthday gift"}},
			{Name: "Insider", Threshold: 500, Multiplier: 1.25, Benefits: []string{"Free shipping", "Birthday gift"}},
			{Name: "Icon", Threshold: 1500, Multiplier: 1.5, Benefits: []string{"Free shipping", "Early access", "Exclusive products"}}},
		SetRewards: true, Rewards: []loyalty.RewardInput{
			{Handle: "five-off", Name: "$5 off", PointsCost: 200, Kind: "FIXED_AMOUNT", Amount: s("5.00")},
			{Handle: "free-shipping", Name: "Free shipping", PointsCost: 300, Kind: "FREE_SHIPPING"},
			{Handle: "fifteen-percent", Name: "15% off", PointsCost: 750, Kind: "PERCENTAGE", Percentage: ptr(15), LimitPerCustomer: ptr(1)}},
		SetPlans: true, Plans: []loyalty.PlanInput{{Handle: "plus", Name: "Atelier Plus", Price: "49.00", Currency: "CAD", Interval: "YEAR",
			IntervalCount: 1, Benefits: []string{"Free express delivery", "Members-only prices"}}},
	}
}

func ptr[T any](v T) *T { return &v }

func s(v string) *string { return &v }

// Seed creates the demo data unless the demo customer exists.
func Seed(ctx context.Context, svc Services) (Login, error) {
	first, last, phone, yes := "Ada", "Lovelace", "+16135550123", true
	if svc.Loyalty != nil {
		if _, err := svc.Loyalty.UpdateProgram(ctx, program()); err != nil {
			return demoLogin, err
		}
	}
	c, err := svc.Customers.Create(ctx, customer.CreateInput{
		Email: demoLogin.Email, Password: demoLogin.Password,
		FirstName: &first, LastName: &last, Phone: &phone, AcceptsMarketing: &yes,
	})
	var fe apperr.FieldErrors
	if errors.As(err, &fe) && len(fe) > 0 && fe[0].Code == apperr.CodeTaken {
		return demoLogin, nil // seeded on an earlier start
	}
	if err != nil {
		return demoLogin, err
	}
	tok, err := svc.Customers.Login(ctx, demoLogin.Email, demoLogin.Password, nil)
	if err != nil {
		return demoLogin, err
	}
	token := tok.AccessToken
	home := customer.AddressInput{FirstName: &first, LastName: &last, Address1: s("150 Elgin St"), Address2: s("Suite 800"),
		City: s("Ottawa"), Province: s("Ontario"), Country: s("Canada"), Zip: s("K2P 1L4"), Phone: &phone}
	for _, a := range []customer.AddressInput{home, {FirstName: &first, LastName: &last, Company: s("Analytical Engines Ltd"),
		Address1: s("10 Downing St"), City: s("London"), Country: s("United Kingdom"), Zip: s("SW1A 2AA")}} {
		if _, err := svc.Customers.CreateAddress(ctx, token, a); err != nil {
			return demoLogin, err
		}
	}

	// A small catalogue.
	variant := func(sku, title, price string, available bool, opts ...schema.SelectedOption) catalog.VariantInput {
		return catalog.VariantInput{SKU: sku, Title: title, Price: price, Currency: "CAD", AvailableForSale: available, Options: opts}
	}
	size := func(v string) schema.SelectedOption { return schema.SelectedOption{Name: "Size", Value: v} }
	if _, err := svc.Catalog.Upsert(ctx, []catalog.ProductInput{
		{Handle: "linen-shirt", Title: "Linen shirt", Vendor: s("Atelier Nord"), ImageURL: s(svc.PublicURL + "/account/assets/demo/shirt.svg"),
			Variants: []catalog.VariantInput{variant("SHIRT-S", "S", "59.00", true, size("S")), variant("SHIRT-M", "M", "59.00", true, size("M")), variant("SHIRT-L", "L", "59.00", false, size("L"))}},
		{Handle: "wool-socks", Title: "Merino socks", Vendor: s("Atelier Nord"), ImageURL: s(svc.PublicURL + "/account/assets/demo/socks.svg"),
			Variants: []catalog.VariantInput{variant("SOCKS", "One size", "14.50", true)}},
		{Handle: "canvas-tote", Title: "Canvas tote", Vendor: s("Atelier Nord"), ImageURL: s(svc.PublicURL + "/account/assets/demo/tote.svg"),
			Variants: []catalog.VariantInput{variant("TOTE", "Natural", "29.00", true)}},
	}); err != nil {
		return demoLogin, err
	}

	// Three orders: delivered, on its way, and a cancelled one.
	customerID := gid.Encode("Customer", c.ID)
	now := time.Now().UTC()
	line := func(sku, title string, q int, price string) order.LineInput {
		return order.LineInput{SKU: s(sku), Title: title, Quantity: q, Price: price, Discount: "0"}
	}
	mk := func(n int, ago time.Duration, lines ...order.LineInput) (string, error) {
		processed := now.Add(-ago)
		o, err := svc.Orders.Create(ctx, order.CreateInput{
			ExternalID: fmt.Sprintf("demo-%d", n), CustomerID: &customerID, Email: s(demoLogin.Email), ProcessedAt: &processed,
			Currency: "CAD", FinancialStatus: "PAID", Lines: lines, Shipping: "9.90", Tax: "0", Discounts: "0",
			ShippingAddress: &home, BillingAddress: &home,
		})
		if err != nil {
			return "", err
		}
		return gid.Encode("Order", o.ID), nil
	}
	delivered, err := mk(1, 60*24*time.Hour, line("SHIRT-M", "Linen shirt", 1, "59.00"), line("SOCKS", "Merino socks", 3, "14.50"))
	if err != nil {
		return demoLogin, err
	}
	onItsWay, err := mk(2, 3*24*time.Hour, line("TOTE", "Canvas tote", 1, "29.00"))
	if err != nil {
		return demoLogin, err
	}
	cancelled, err := mk(3, 20*24*time.Hour, line("SHIRT-S", "Linen shirt", 1, "59.00"))
	if err != nil {
		return demoLogin, err
	}
	if _, err := svc.Orders.Cancel(ctx, cancelled, "CUSTOMER"); err != nil {
		return demoLogin, err
	}
	for _, sh := range []struct {
		order  string
		events []string
		ago    time.Duration
	}{{delivered, []string{"LABEL_PRINTED", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED"}, 58 * 24 * time.Hour},
		{onItsWay, []string{"LABEL_PRINTED", "IN_TRANSIT"}, 2 * 24 * time.Hour}} {
		f, _, err := svc.Orders.CreateFulfillment(ctx, sh.order, order.FulfillmentInput{TrackingCompany: s("Canada Post"),
			Tracking: []schema.TrackingInfo{{Number: s("7023 2100 4488 " + sh.order[len(sh.order)-1:]), URL: s("https://www.canadapost-postescanada.ca/track-reperage/en")}}})
		if err != nil {
			return demoLogin, err
		}
		for i, st := range sh.events {
			at := now.Add(-sh.ago + time.Duration(i)*14*time.Hour)
			if _, err := svc.Orders.AddEvent(ctx, gid.Encode("Fulfillment", f.ID), order.EventInput{Status: st, HappenedAt: &at, City: s("Ottawa"), CountryCode: s("CA")}); err != nil {
				return demoLogin, err
			}
		}
	}

	// A wishlist and a saved cart.
	vs, err := svc.Customers.DB.ProductVariant.Query().All(ctx)
	if err != nil {
		return demoLogin, err
	}
	bySKU := map[string]string{}
	for _, v := range vs {
		bySKU[v.Sku] = gid.Encode("ProductVariant", v.ID)
	}
	if _, err := svc.Wishlists.AddLines(ctx, token, nil, []wishlist.LineInput{
		{VariantID: bySKU["SHIRT-L"], Quantity: 1, Note: s("Back in stock soon?")}, {VariantID: bySKU["TOTE"], Quantity: 2},
	}); err != nil {
		return demoLogin, err
	}
	ct, err := svc.Carts.Create(ctx, cart.CreateInput{Lines: []cart.LineInput{{VariantID: bySKU["SOCKS"], Quantity: 2}, {VariantID: bySKU["SHIRT-M"], Quantity: 1}}})
	if err != nil {
		return demoLogin, err
	}
	if _, err := svc.Saved.Create(ctx, token, ct.ID, "Winter basics"); err != nil {
		return demoLogin, err
	}
	if err := seedSupport(ctx, svc, token, onItsWay); err != nil {
		return demoLogin, err
	}
	if svc.Loyalty == nil {
		return demoLogin, nil
	}
	// Loyalty: a review, a reward redeemed and a paid membership.
	if _, _, err := svc.Loyalty.RecordAction(ctx, token, loyalty.ActionReview, "https://shop.example/products/linen-shirt#reviews"); err != nil {
		return demoLogin, err
	}
	p, err := svc.Loyalty.Program(ctx)
	if err != nil {
		return demoLogin, err
	}
	for _, r := range p.Rewards {
		if r.Handle == "five-off" {
			if _, err := svc.Loyalty.Redeem(ctx, token, gid.Encode("LoyaltyReward", r.ID)); err != nil {
				return demoLogin, err
			}
		}
	}
	if _, err := svc.Loyalty.StartMembership(ctx, customerID, "plus", "demo-membership-2026"); err != nil {
		return demoLogin, err
	}
	if svc.PaymentMethods != nil {
		for _, m := range []payment.Method{
			{Ref: "demo-visa", Brand: "visa", Last4: "4242", ExpMonth: 8, ExpYear: time.Now().Year() + 3, Billing: payment.Address{Name: "Ada Lovelace", City: "Ottawa", Country: "CA"}},
			{Ref: "demo-mastercard", Brand: "mastercard", Last4: "4444", ExpMonth: 2, ExpYear: time.Now().Year() + 1, Wallet: "apple_pay"},
		} {
			if _, err := svc.PaymentMethods.Keep(ctx, c.ID, "demo", m); err != nil {
				return demoLogin, err
			}
		}
	}
	return demoLogin, nil
}

// seedSupport adds the shop's contact, a question about the order on its way
// with the shop's answer, and a few communication choices.
func seedSupport(ctx context.Context, svc Services, token, orderID string) error {
	if svc.Prefs != nil {
		if _, err := svc.Prefs.UpdateCommunication(ctx, token, []preferences.Change{
			{Topic: "SHIPPING_UPDATES", Channel: "SMS", Frequency: "IMMEDIATE"},
			{Topic: "PROMOTIONS", Channel: "EMAIL", Frequency: "WEEKLY"},
		}); err != nil {
			return err
		}
	}
	if svc.Support == nil {
		return nil
	}
	if _, err := svc.Support.UpdateContact(ctx, support.ContactInput{Email: s("help@atelier-nord.example"), Phone: s("+1 613 555 0199"),
		Hours: s("Monday to Friday, 9:00–17:00 Eastern")}); err != nil {
		return err
	}
	t, err := svc.Support.Create(ctx, token, "Can the tote arrive before Friday?", "Hello! The canvas tote is a birthday present. Could it arrive before Friday? Thank you, Ada", &orderID)
	if err != nil {
		return err
	}
	_, err = svc.Support.StaffReply(ctx, gid.Encode("SupportTicket", t.ID), "Hi Ada, it is with Canada Post and due on Thursday. The tracking link on your order page shows each step. Can we help with anything else?")
	return err
}
