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
		field.Int("position"),
	}
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
