package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// OrderLineItem is one line of an order, kept as it was sold (title and
// price are copied; the variant may change or go away later).
type OrderLineItem struct{ ent.Schema }

// Fields of the OrderLineItem.
func (OrderLineItem) Fields() []ent.Field {
	return []ent.Field{
		field.Int("order_id"),
		field.Int("variant_id").Optional().Nillable(),
		field.String("title").MaxLen(4 * 255),
		field.String("variant_title").Default("").MaxLen(4 * 255),
		field.String("sku").Default("").MaxLen(255),
		field.Int("quantity"),
		// CurrentQuantity is the quantity less refunded or removed units.
		field.Int("current_quantity"),
		field.String("currency_code").MaxLen(3),
		field.Int64("original_unit_price"),
		field.Int64("discount"),
		// DiscountAllocations split Discount over the order's discount
		// applications; null when the line has no discount.
		field.JSON("discount_allocations", []DiscountAllocation{}).Optional(),
		field.Int("position"),
	}
}

// DiscountAllocation is the part of a line's discount one of the order's
// discount applications gave, in minor units. The application is copied
// (as the order had it at ingestion) so a line answers without its order.
type DiscountAllocation struct {
	Amount      int64               `json:"amount"`
	Index       int                 `json:"index"` // in the order's discount applications
	Application DiscountApplication `json:"application"`
}

// Edges of the OrderLineItem.
func (OrderLineItem) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("order", Order.Type).Ref("line_items").Unique().Required().Field("order_id"),
		edge.To("variant", ProductVariant.Type).Unique().Field("variant_id"),
	}
}

// Indexes of the OrderLineItem.
func (OrderLineItem) Indexes() []ent.Index {
	return []ent.Index{index.Fields("order_id", "position")}
}
