package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// OrderReturn is a customer's request to send back some of an order's
// shipped units, and what became of it: REQUESTED by the customer, OPEN
// once staff approve it, DECLINED with a reason, CLOSED when the refund is
// recorded (or CANCELED). ("Return" would make a Go package named return.)
type OrderReturn struct{ ent.Schema }

// Mixin of the OrderReturn.
func (OrderReturn) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the OrderReturn.
func (OrderReturn) Fields() []ent.Field {
	return []ent.Field{
		field.Int("order_id").Immutable(),
		// CustomerID is who asked; null once the customer is erased (the
		// return stays with the order, as the order does).
		field.Int("customer_id").Optional().Nillable(),
		// Number counts the order's returns from 1: the return's name is the
		// order's name and it, such as #1001-R1.
		field.Int("number").Immutable(),
		field.Enum("status").Values("REQUESTED", "OPEN", "DECLINED", "CLOSED", "CANCELED").Default("REQUESTED"),
		field.Enum("decline_reason").Values("RETURN_PERIOD_ENDED", "FINAL_SALE", "OTHER").Optional().Nillable(),
		// DeclineNote is staff's message to the customer with a decline.
		field.String("decline_note").Optional().Nillable().MaxLen(4 * 500),
		field.Time("closed_at").Optional().Nillable(),
	}
}

// Edges of the OrderReturn.
func (OrderReturn) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("lines", ReturnLineItem.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("order", Order.Type).Unique().Required().Immutable().Field("order_id").
			Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("customer", Customer.Type).Unique().Field("customer_id").
			Annotations(entsql.OnDelete(entsql.SetNull)),
	}
}

// Indexes of the OrderReturn.
func (OrderReturn) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("order_id", "number").Unique(),
		index.Fields("customer_id", "created_at"),
		index.Fields("status", "created_at"),
	}
}
