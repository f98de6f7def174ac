package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// SupportMessage is one message of a ticket's thread.
type SupportMessage struct{ ent.Schema }

// Fields of the SupportMessage.
func (SupportMessage) Fields() []ent.Field {
	return []ent.Field{
		field.Int("ticket_id"),
		field.Enum("author").Values("CUSTOMER", "STAFF"),
		field.Text("body"),
		field.Time("created_at").Immutable().Default(now),
	}
}

// Edges of the SupportMessage.
func (SupportMessage) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("ticket", SupportTicket.Type).Ref("messages").Unique().Required().Field("ticket_id"),
	}
}

// Indexes of the SupportMessage.
func (SupportMessage) Indexes() []ent.Index { return []ent.Index{index.Fields("ticket_id")} }
