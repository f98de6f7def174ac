package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// WishlistLine is a variant on a wishlist, with the price it had when
// added (minor units of CurrencyCode) to show drops.
type WishlistLine struct{ ent.Schema }

// Mixin of the WishlistLine.
func (WishlistLine) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the WishlistLine.
func (WishlistLine) Fields() []ent.Field {
	return []ent.Field{
		field.Int("wishlist_id"),
		field.Int("variant_id"),
		field.Int("quantity").Default(1),
		field.String("note").Default("").MaxLen(4 * 500),
		field.Int64("price_when_added"),
		field.String("currency_code").MaxLen(3),
	}
}

// Edges of the WishlistLine.
func (WishlistLine) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("wishlist", Wishlist.Type).Ref("lines").Unique().Required().Field("wishlist_id"),
		edge.To("variant", ProductVariant.Type).Unique().Required().Field("variant_id"),
	}
}

// Indexes of the WishlistLine.
func (WishlistLine) Indexes() []ent.Index {
	return []ent.Index{index.Fields("wishlist_id", "variant_id").Unique(), index.Fields("variant_id")}
}
