package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// CommunicationPreference is a customer's choice for one topic on one
// channel. Without a row the shop's default applies (see internal/notify).
type CommunicationPreference struct{ ent.Schema }

// Mixin of the CommunicationPreference.
func (CommunicationPreference) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the CommunicationPreference.
func (CommunicationPreference) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id"),
		field.Enum("topic").Values(notificationTopics...),
		field.Enum("channel").Values(notificationChannels...),
		field.Enum("frequency").Values("IMMEDIATE", "DAILY", "WEEKLY", "NEVER"),
	}
}

// Edges of the CommunicationPreference.
func (CommunicationPreference) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("customer", Customer.Type).Ref("communication_preferences").Unique().Required().Field("customer_id"),
	}
}

// Indexes of the CommunicationPreference.
func (CommunicationPreference) Indexes() []ent.Index {
	return []ent.Index{index.Fields("customer_id", "topic", "channel").Unique()}
}
