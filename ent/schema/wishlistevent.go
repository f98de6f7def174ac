package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// WishlistEvent records that a variant on a customer's wishlist dropped in
// price or came back in stock, written by the catalogue sync in the same
// transaction. The notifications area delivers and marks them.
type WishlistEvent struct{ ent.Schema }

// Fields of the WishlistEvent.
func (WishlistEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id"),
		field.Int("variant_id"),
		field.Enum("kind").Values("PRICE_DROP", "BACK_IN_STOCK"),
		field.Int64("old_price"),
		field.Int64("new_price"),
		field.String("currency_code").MaxLen(3),
		field.Time("created_at").Immutable().Default(now),
		// DeliveredAt is set by the notifications area once sent.
		field.Time("delivered_at").Optional().Nillable(),
	}
}

// Indexes of the WishlistEvent.
func (WishlistEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("delivered_at", "created_at"), index.Fields("customer_id")}
}
