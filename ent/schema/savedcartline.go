package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// SavedCartLine is a variant and quantity in a saved cart, with the price
// when saved (minor units of CurrencyCode) to warn of changes on restore.
type SavedCartLine struct{ ent.Schema }

// Mixin of the SavedCartLine.
func (SavedCartLine) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the SavedCartLine.
func (SavedCartLine) Fields() []ent.Field {
	return []ent.Field{
		field.Int("saved_cart_id"),
		field.Int("variant_id"),
		field.Int("quantity"),
		field.Int64("price_when_saved"),
		field.String("currency_code").MaxLen(3),
	}
}

// Edges of the SavedCartLine.
func (SavedCartLine) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("saved_cart", SavedCart.Type).Ref("lines").Unique().Required().Field("saved_cart_id"),
		edge.To("variant", ProductVariant.Type).Unique().Required().Field("variant_id"),
	}
}

// Indexes of the SavedCartLine.
func (SavedCartLine) Indexes() []ent.Index {
	return []ent.Index{index.Fields("saved_cart_id", "variant_id").Unique()}
}
