package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// ReturnLineItem is how many units of one order line a return sends back,
// and why.
type ReturnLineItem struct{ ent.Schema }

// Fields of the ReturnLineItem.
func (ReturnLineItem) Fields() []ent.Field {
	return []ent.Field{
		field.Int("return_id").Immutable(),
		field.Int("line_item_id").Immutable(),
		field.Int("quantity").Immutable(),
		// Reason is Shopify's ReturnReason.
		field.Enum("reason").Values("COLOR", "DEFECTIVE", "NOT_AS_DESCRIBED", "OTHER", "SIZE_TOO_LARGE", "SIZE_TOO_SMALL",
			"STYLE", "UNWANTED", "WRONG_ITEM", "UNKNOWN").Immutable(),
		// CustomerNote explains the return to staff (at most 300 characters).
		field.String("customer_note").Optional().Nillable().Immutable().MaxLen(4 * 300),
		// ReceivedQuantity counts the units staff have received back.
		field.Int("received_quantity").Default(0),
	}
}

// Edges of the ReturnLineItem.
func (ReturnLineItem) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("return", OrderReturn.Type).Ref("lines").Unique().Required().Immutable().Field("return_id"),
		edge.To("line_item", OrderLineItem.Type).Unique().Required().Immutable().Field("line_item_id").
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of the ReturnLineItem.
func (ReturnLineItem) Indexes() []ent.Index {
	return []ent.Index{index.Fields("return_id"), index.Fields("line_item_id")}
}
