package ent

// Written by hand (not generated): read-only views of entities that the
// GraphQL schema binds to as plain methods. A plain method is resolved in
// line, while a resolver costs gqlgen a goroutine per object; on an order
// history of hundreds of objects that difference dominates.

import (
	"accountgraph/ent/schema"
	"accountgraph/internal/gid"
	"accountgraph/internal/money"
	"accountgraph/internal/useragent"
	"strconv"
	"time"
)

// GlobalID is the order's ID with its status key, as its customer sees it:
// gid://accountgraph/Order/12?key=….
func (o *Order) GlobalID() string { return gid.EncodeKeyed("Order", o.ID, o.StatusKey) }

// Currency is the order's currency.
func (o *Order) Currency() money.Currency { return money.Currency(o.CurrencyCode) }

// Edited is false: orders are not edited after ingestion here.
func (o *Order) Edited() bool { return false }

// SubtotalMoney is the subtotal.
func (o *Order) SubtotalMoney() *money.V2 { return money.NewV2(o.SubtotalPrice, o.CurrencyCode) }

// ShippingMoney is the shipping price.
func (o *Order) ShippingMoney() *money.V2 { return money.NewV2(o.TotalShippingPrice, o.CurrencyCode) }

// TaxMoney is the tax.
func (o *Order) TaxMoney() *money.V2 { return money.NewV2(o.TotalTax, o.CurrencyCode) }

// TotalMoney is the total charged.
func (o *Order) TotalMoney() *money.V2 { return money.NewV2(o.TotalPrice, o.CurrencyCode) }

// RefundedMoney is the amount refunded.
func (o *Order) RefundedMoney() *money.V2 { return money.NewV2(o.TotalRefunded, o.CurrencyCode) }

// CurrentTotalMoney is the total after refunds.
func (o *Order) CurrentTotalMoney() *money.V2 {
	return money.NewV2(o.TotalPrice-o.TotalRefunded, o.CurrencyCode)
}

// PriceMoney is the variant's price.
func (v *ProductVariant) PriceMoney() *money.V2 { return money.NewV2(v.Price, v.CurrencyCode) }

// CompareAtPriceMoney is the price before a markdown, or nil.
func (v *ProductVariant) CompareAtPriceMoney() *money.V2 {
	if v.CompareAtPrice == nil {
		return nil
	}
	return money.NewV2(*v.CompareAtPrice, v.CurrencyCode)
}

// OriginalTotalMoney is the line before discounts.
func (l *OrderLineItem) OriginalTotalMoney() *money.V2 {
	return money.NewV2(l.OriginalUnitPrice*int64(l.Quantity), l.CurrencyCode)
}

// DiscountedTotalMoney is the line after its discounts.
func (l *OrderLineItem) DiscountedTotalMoney() *money.V2 {
	return money.NewV2(l.OriginalUnitPrice*int64(l.Quantity)-l.Discount, l.CurrencyCode)
}

// TrackingInfoFirst is the first `first` parcels (all when nil).
func (f *Fulfillment) TrackingInfoFirst(first *int) []*schema.TrackingInfo {
	n := len(f.TrackingInfo)
	if first != nil && *first >= 0 && *first < n {
		n = *first
	}
	out := make([]*schema.TrackingInfo, n)
	for i := range out {
		out[i] = &f.TrackingInfo[i]
	}
	return out
}

// GlobalID is the cart's ID with its key: gid://accountgraph/Cart/7?key=….
func (c *Cart) GlobalID() string { return gid.EncodeKeyed("Cart", c.ID, c.Key) }

// GlobalID is the line's ID.
func (l *CartLine) GlobalID() string { return gid.Encode("CartLine", l.ID) }

// GlobalID is the wishlist's ID.
func (w *Wishlist) GlobalID() string { return gid.Encode("Wishlist", w.ID) }

// GlobalID is the line's ID.
func (l *WishlistLine) GlobalID() string { return gid.Encode("WishlistLine", l.ID) }

// NoteOrNil is the note, or nil when empty.
func (l *WishlistLine) NoteOrNil() *string {
	if l.Note == "" {
		return nil
	}
	return &l.Note
}

// PriceWhenAddedMoney is the price when the line was added.
func (l *WishlistLine) PriceWhenAddedMoney() *money.V2 {
	return money.NewV2(l.PriceWhenAdded, l.CurrencyCode)
}

// GlobalID is the saved cart's ID.
func (s *SavedCart) GlobalID() string { return gid.Encode("SavedCart", s.ID) }

// GlobalID is the saved line's ID.
func (l *SavedCartLine) GlobalID() string { return gid.Encode("SavedCartLine", l.ID) }

// PriceWhenSavedMoney is the price when the line was saved.
func (l *SavedCartLine) PriceWhenSavedMoney() *money.V2 {
	return money.NewV2(l.PriceWhenSaved, l.CurrencyCode)
}

// GlobalID is the session's ID.
func (t *CustomerAccessToken) GlobalID() string { return gid.Encode("CustomerAccessToken", t.ID) }

// IPOrNil is the coarse network, or nil.
func (t *CustomerAccessToken) IPOrNil() *string {
	if t.IP == "" {
		return nil
	}
	return &t.IP
}

// UserAgentOrNil is the user agent, or nil.
func (t *CustomerAccessToken) UserAgentOrNil() *string {
	if t.UserAgent == "" {
		return nil
	}
	return &t.UserAgent
}

// CountryOrNil is the country, or nil.
func (t *CustomerAccessToken) CountryOrNil() *string {
	if t.Country == "" {
		return nil
	}
	return &t.Country
}

// Device names the session's browser or app in short.
func (t *CustomerAccessToken) Device() string { return useragent.Device(t.UserAgent) }

// GlobalID is the ticket's ID.
func (t *SupportTicket) GlobalID() string { return gid.Encode("SupportTicket", t.ID) }

// GlobalID is the reward's global ID.
func (r *LoyaltyReward) GlobalID() string { return gid.Encode("LoyaltyReward", r.ID) }

// AmountMoney is a fixed-amount reward's value.
func (r *LoyaltyReward) AmountMoney() *money.V2 {
	if r.Kind != "FIXED_AMOUNT" {
		return nil
	}
	return money.NewV2(r.Amount, r.CurrencyCode)
}

// PercentageOrNil is a percentage reward's value.
func (r *LoyaltyReward) PercentageOrNil() *float64 {
	if r.Kind != "PERCENTAGE" {
		return nil
	}
	p := float64(r.Percentage)
	return &p
}

// LimitOrNil is the limit per customer, nil when there is none.
func (r *LoyaltyReward) LimitOrNil() *int {
	if r.LimitPerCustomer == 0 {
		return nil
	}
	return &r.LimitPerCustomer
}

// GlobalID is the ledger entry's global ID.
func (e *LoyaltyEntry) GlobalID() string { return gid.Encode("LoyaltyTransaction", e.ID) }

// GlobalID is the redemption's global ID.
func (r *LoyaltyRedemption) GlobalID() string { return gid.Encode("LoyaltyRedemption", r.ID) }

// PriceMoney is the price of a period.
func (p *MembershipPlan) PriceMoney() *money.V2 { return money.NewV2(p.Price, p.CurrencyCode) }

// AmountMoney is a fixed-amount code's value.
func (r *LoyaltyRedemption) AmountMoney() *money.V2 {
	if r.Kind != "FIXED_AMOUNT" {
		return nil
	}
	return money.NewV2(r.Amount, r.CurrencyCode)
}

// PercentageOrNil is a percentage code's value.
func (r *LoyaltyRedemption) PercentageOrNil() *float64 {
	if r.Kind != "PERCENTAGE" {
		return nil
	}
	p := float64(r.Percentage)
	return &p
}

// TwoFactorEnabled tells whether signing in needs a TOTP or recovery code.
func (c *Customer) TwoFactorEnabled() bool { return c.TotpSecret != nil }

// Published is when the product went on sale: as synced, else when it was
// first synced.
func (p *Product) Published() time.Time {
	if p.PublishedAt != nil {
		return *p.PublishedAt
	}
	return p.CreatedAt
}

// CollectionID is the collection a product was read for, when it was read
// through its collection entries (internal/loaders' CollectionProducts).
func (p *Product) CollectionID() int { return selectedInt(p.Value("collection_id")) }

// CollectionPosition is the product's position in that collection.
func (p *Product) CollectionPosition() int { return selectedInt(p.Value("position")) }

// EntryProductID is the product a collection was read for, when it was
// read through its entries (internal/loaders' ProductCollections).
func (c *Collection) EntryProductID() int { return selectedInt(c.Value("product_id")) }

// selectedInt reads an integer column a query selected beside an entity's
// own (drivers return int64, some as text).
func selectedInt(v any, err error) int {
	switch n := v.(type) {
	case int64:
		return int(n)
	case []byte:
		i, _ := strconv.Atoi(string(n))
		return i
	case string:
		i, _ := strconv.Atoi(n)
		return i
	}
	return 0
}
