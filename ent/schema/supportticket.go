package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// SupportTicket is a customer's request for help, with a thread of
// messages and, optionally, the order it is about.
type SupportTicket struct{ ent.Schema }

// Mixin of the SupportTicket.
func (SupportTicket) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the SupportTicket.
func (SupportTicket) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id"),
		field.Int("order_id").Optional().Nillable(),
		field.String("subject").MaxLen(4 * 200),
		// OPEN: waiting for staff; AWAITING_CUSTOMER: staff answered;
		// RESOLVED: staff think it is done (a customer reply reopens it);
		// CLOSED: done for good.
		field.Enum("status").Values("OPEN", "AWAITING_CUSTOMER", "RESOLVED", "CLOSED").Default("OPEN"),
	}
}

// Edges of the SupportTicket.
func (SupportTicket) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("messages", SupportMessage.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of the SupportTicket.
func (SupportTicket) Indexes() []ent.Index {
	return []ent.Index{index.Fields("customer_id"), index.Fields("status", "updated_at")}
}
