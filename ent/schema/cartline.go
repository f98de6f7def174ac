package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// CartLine is a variant and a quantity in a cart; a variant appears once.
// Prices are not copied: a cart always costs what the catalogue says now.
type CartLine struct{ ent.Schema }

// Mixin of the CartLine.
func (CartLine) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the CartLine.
func (CartLine) Fields() []ent.Field {
	return []ent.Field{
		field.Int("cart_id"),
		field.Int("variant_id"),
		field.Int("quantity"),
		field.JSON("attributes", []Attribute{}).Optional(),
	}
}

// Edges of the CartLine.
func (CartLine) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("cart", Cart.Type).Ref("lines").Unique().Required().Field("cart_id"),
		edge.To("variant", ProductVariant.Type).Unique().Required().Field("variant_id"),
	}
}

// Indexes of the CartLine.
func (CartLine) Indexes() []ent.Index {
	return []ent.Index{index.Fields("cart_id", "variant_id").Unique()}
}
