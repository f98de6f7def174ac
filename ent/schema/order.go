package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// DiscountApplication is a discount applied to an order: a code the buyer
// entered, or a manual discount (no code) given by staff. Exactly one of
// Amount (minor units) and Percentage is set.
type DiscountApplication struct {
	Code             string   `json:"code,omitempty"`
	Title            string   `json:"title,omitempty"`
	Description      string   `json:"description,omitempty"`
	Amount           *int64   `json:"amount,omitempty"`
	Percentage       *float64 `json:"percentage,omitempty"`
	TargetType       string   `json:"targetType"`
	TargetSelection  string   `json:"targetSelection"`
	AllocationMethod string   `json:"allocationMethod"`
}

// Order is an order ingested from the shop's order system. Money fields are
// in minor units of CurrencyCode. An order without a customer is a guest
// order; it joins the account whose verified email matches.
type Order struct{ ent.Schema }

// Mixin of the Order.
func (Order) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Order.
func (Order) Fields() []ent.Field {
	return []ent.Field{
		// ExternalID is the order system's ID: ingesting it twice is a no-op.
		field.String("external_id").Unique().MaxLen(255),
		field.Int("order_number").Unique(),
		field.String("name").MaxLen(64),
		// ConfirmationNumber is what the customer may be shown instead of
		// the sequential name (the order system's, else random letters and
		// digits); Customer Account API orders filter on it.
		field.String("confirmation_number").Optional().Nillable().Unique().MaxLen(32),
		field.Int("customer_id").Optional().Nillable(),
		field.String("email").Optional().Nillable().MaxLen(254),
		field.String("email_key").Optional().Nillable().MaxLen(254).Comment("lower-cased email, to join guest orders"),
		field.String("phone").Optional().Nillable().MaxLen(20),
		field.Time("processed_at"),
		field.String("currency_code").MaxLen(3),
		field.Enum("financial_status").Values("AUTHORIZED", "PAID", "PARTIALLY_PAID", "PARTIALLY_REFUNDED", "PENDING", "REFUNDED", "VOIDED"),
		field.Enum("fulfillment_status").Values("FULFILLED", "IN_PROGRESS", "ON_HOLD", "OPEN", "PARTIALLY_FULFILLED", "PENDING_FULFILLMENT", "RESTOCKED", "SCHEDULED", "UNFULFILLED"),
		field.Enum("cancel_reason").Values("CUSTOMER", "DECLINED", "FRAUD", "INVENTORY", "OTHER", "STAFF").Optional().Nillable(),
		field.Time("canceled_at").Optional().Nillable(),
		field.Time("closed_at").Optional().Nillable(),
		field.Int64("subtotal_price"),
		field.Int64("total_shipping_price"),
		field.Int64("total_tax"),
		field.Int64("total_discounts"),
		field.Int64("total_price"),
		field.Int64("total_refunded").Default(0),
		// StatusKey lets whoever has the order's status link read it
		// without signing in (Shopify's `key=` on Order IDs).
		field.String("status_key").Sensitive().MaxLen(64),
		field.JSON("discount_applications", []DiscountApplication{}).Optional(),
		field.Int("shipping_address_id").Optional().Nillable(),
		field.Int("billing_address_id").Optional().Nillable(),
		// SearchText holds the name and line titles, lower-cased, for the
		// free-text filter of Customer.orders(query:).
		field.Text("search_text").Default(""),
		// A B2B order is placed for a company (at one of its locations) by
		// one of its contacts.
		field.Int("company_id").Optional().Nillable(),
		field.Int("company_location_id").Optional().Nillable(),
	}
}

// Edges of the Order.
func (Order) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("line_items", OrderLineItem.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("fulfillments", Fulfillment.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("shipping_address", MailingAddress.Type).Unique().Field("shipping_address_id"),
		edge.To("billing_address", MailingAddress.Type).Unique().Field("billing_address_id"),
	}
}

// Indexes of the Order: every access path of the order history.
func (Order) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("customer_id", "processed_at"),
		index.Fields("customer_id", "total_price"),
		index.Fields("email_key"),
		index.Fields("company_id", "processed_at"),
	}
}
