package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// SavedCart is a snapshot of a cart that a customer named to buy again
// later (B2B buyers rebuild the same order every month), or the customer's
// one "save for later" list (kind LATER).
type SavedCart struct{ ent.Schema }

// Mixin of the SavedCart.
func (SavedCart) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the SavedCart.
func (SavedCart) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id"),
		field.String("name").MaxLen(4 * 100),
		field.Enum("kind").Values("NAMED", "LATER").Default("NAMED"),
	}
}

// Edges of the SavedCart.
func (SavedCart) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("lines", SavedCartLine.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of the SavedCart.
func (SavedCart) Indexes() []ent.Index { return []ent.Index{index.Fields("customer_id", "kind")} }
