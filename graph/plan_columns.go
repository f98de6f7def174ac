package graph

import (
	"slices"
	"strings"

	"accountgraph/internal/loaders"
)

// The read plan narrows the rows a query reads to the columns its selected
// fields read (loaders.Columns). A field bound to an entity's struct field
// reads its column (the generator knows it: planFieldDef.column). What a
// method or a resolver reads is declared here, after reading its code: the
// columns of its own entity, and "Entity.column" for columns of another
// entity it looks into (WishlistLine.priceDropped compares its variant's
// price). Its loaders add the keys, parents and cursor columns themselves.
//
// A field not declared here keeps the operation safe: a method of an entity
// has that entity read whole; a resolver (or a method taking a context),
// which may read any entity it loads, has the whole operation read whole
// rows. So a new field costs speed until declared, never correctness; the
// differential tests (every document through gqlgen with whole rows) check
// the declarations.
var planFieldColumns = map[string][]string{
	// The token's customer, the root of the account pages.
	"Query.customer":            {},
	"Customer.id":               {},
	"Customer.displayName":      {"first_name", "last_name", "email", "phone"},
	"Customer.defaultAddress":   {"default_address_id"},
	"Customer.addresses":        {},
	"Customer.numberOfOrders":   {},
	"Customer.orders":           {},
	"Customer.wishlists":        {},
	"Customer.loyalty":          {},
	"Customer.twoFactorEnabled": {"totp_secret"},

	"Order.id":                        {"status_key"},
	"Order.currencyCode":              {"currency_code"},
	"Order.edited":                    {},
	"Order.subtotalPrice":             {"subtotal_price", "currency_code"},
	"Order.subtotalPriceV2":           {"subtotal_price", "currency_code"},
	"Order.currentSubtotalPrice":      {"subtotal_price", "currency_code"},
	"Order.totalShippingPrice":        {"total_shipping_price", "currency_code"},
	"Order.totalShippingPriceV2":      {"total_shipping_price", "currency_code"},
	"Order.currentTotalShippingPrice": {"total_shipping_price", "currency_code"},
	"Order.totalTax":                  {"total_tax", "currency_code"},
	"Order.totalTaxV2":                {"total_tax", "currency_code"},
	"Order.currentTotalTax":           {"total_tax", "currency_code"},
	"Order.totalPrice":                {"total_price", "currency_code"},
	"Order.totalPriceV2":              {"total_price", "currency_code"},
	"Order.originalTotalPrice":        {"total_price", "currency_code"},
	"Order.totalRefunded":             {"total_refunded", "currency_code"},
	"Order.totalRefundedV2":           {"total_refunded", "currency_code"},
	"Order.currentTotalPrice":         {"total_price", "total_refunded", "currency_code"},
	"Order.shippingAddress":           {"shipping_address_id"},
	"Order.billingAddress":            {"billing_address_id"},
	"Order.lineItems":                 {},
	"Order.successfulFulfillments":    {},
	"Order.trackingEvents":            {},

	"OrderLineItem.id":                   {},
	"OrderLineItem.variant":              {"variant_id"},
	"OrderLineItem.originalTotalPrice":   {"original_unit_price", "quantity", "currency_code"},
	"OrderLineItem.discountedTotalPrice": {"original_unit_price", "quantity", "discount", "currency_code"},

	"ProductVariant.id":               {},
	"ProductVariant.price":            {"price", "currency_code"},
	"ProductVariant.priceV2":          {"price", "currency_code"},
	"ProductVariant.compareAtPrice":   {"compare_at_price", "currency_code"},
	"ProductVariant.compareAtPriceV2": {"compare_at_price", "currency_code"},

	"Fulfillment.trackingInfo": {"tracking_info"},

	"MailingAddress.id": {},

	"Wishlist.id":                 {},
	"Wishlist.lines":              {},
	"WishlistLine.id":             {},
	"WishlistLine.note":           {"note"},
	"WishlistLine.addedAt":        {"created_at"},
	"WishlistLine.priceWhenAdded": {"price_when_added", "currency_code"},
	"WishlistLine.merchandise":    {"variant_id"},
	"WishlistLine.priceDropped":   {"variant_id", "currency_code", "price_when_added", "ProductVariant.currency_code", "ProductVariant.price"},

	"CustomerLoyalty.transactions": {"customer_id"},
	"LoyaltyTransaction.id":        {},
}

// PlanNarrows tells whether field of type typ lets the plan narrow an
// operation's reads (the columns it reads are known), for tests that
// exercise the narrowed reads.
func PlanNarrows(typ, field string) bool {
	t := planTypes[typ]
	if t == nil {
		return false
	}
	def, ok := t.fields[field]
	if !ok {
		return false
	}
	var c planColumns
	c.field(t, field, def)
	return !c.off && len(c.whole) == 0
}

// planColumns gathers, while an operation is planned, the columns its
// fields read.
type planColumns struct {
	off    bool                       // a field reads what is not declared: whole rows everywhere
	whole  map[string]bool            // entities read whole
	named  map[string]map[string]bool // columns read, by entity
	joined map[string]bool            // selected fields of loaders.JoinedFields
}

// field records field def (named name) of type t.
func (c *planColumns) field(t *planType, name string, def planFieldDef) {
	if c.off {
		return
	}
	if def.column != "" && t.entity != "" {
		c.add(t.entity, def.column)
		return
	}
	if _, ok := loaders.JoinedFields[t.name+"."+name]; ok {
		if c.joined == nil {
			c.joined = map[string]bool{}
		}
		c.joined[t.name+"."+name] = true
	}
	cols, declared := planFieldColumns[t.name+"."+name]
	switch {
	case declared:
		for _, col := range cols {
			entity, column, other := strings.Cut(col, ".")
			if !other {
				entity, column = t.entity, col
			}
			c.add(entity, column)
		}
	case def.resolve:
		c.off = true
	case t.entity != "":
		if c.whole == nil {
			c.whole = map[string]bool{}
		}
		c.whole[t.entity] = true
	}
}

func (c *planColumns) add(entity, column string) {
	if c.named == nil {
		c.named = map[string]map[string]bool{}
	}
	if c.named[entity] == nil {
		c.named[entity] = map[string]bool{}
	}
	c.named[entity][column] = true
}

// columns are the loaders' columns for the operation (nil: whole rows).
func (c *planColumns) columns() *loaders.Columns {
	if c.off {
		return nil
	}
	out := &loaders.Columns{Of: map[string][]string{}, Joins: map[string]bool{}}
next:
	for entity, valid := range loaders.Narrowable {
		if c.whole[entity] {
			continue
		}
		cols := make([]string, 0, len(c.named[entity]))
		for col := range c.named[entity] {
			if !valid(col) {
				continue next
			}
			cols = append(cols, col)
		}
		slices.Sort(cols) // the same statement text for the same fields
		out.Of[entity] = cols
	}
	// A field's objects are read with their parents' rows when both are
	// narrowed (a whole row is read by ent's builders).
	for field := range c.joined {
		parent, _, _ := strings.Cut(field, ".")
		_, p := out.Of[planTypes[parent].entity]
		_, e := out.Of[loaders.JoinedFields[field]]
		if p && e {
			out.Joins[field] = true
		}
	}
	return out
}
