package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Wishlist is a named list of variants a customer wants. The first one is
// made on first use and is the default. A shared wishlist has a share
// token: whoever has it may read the list (not change it).
type Wishlist struct{ ent.Schema }

// Mixin of the Wishlist.
func (Wishlist) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Wishlist.
func (Wishlist) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id"),
		field.String("name").MaxLen(4 * 100),
		field.Bool("is_default").Default(false),
		// ShareToken is kept (the owner sees the share link again); it is a
		// read-only capability for this list and nothing else.
		field.String("share_token").Optional().Nillable().Unique().Sensitive().MaxLen(64),
		// ShowOwnerName lets the shared view show the owner's first name.
		field.Bool("show_owner_name").Default(false),
	}
}

// Edges of the Wishlist.
func (Wishlist) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("lines", WishlistLine.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of the Wishlist.
func (Wishlist) Indexes() []ent.Index { return []ent.Index{index.Fields("customer_id")} }
