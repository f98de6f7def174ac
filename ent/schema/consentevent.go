package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// ConsentEvent records one change of a customer's consent (marketing email,
// personalization, data sharing, a message topic on a channel) for audits:
// what, when and through which channel. Rows are never changed; they go only with the customer's erasure.
type ConsentEvent struct{ ent.Schema }

// Fields of the ConsentEvent.
func (ConsentEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id").Immutable(),
		field.Enum("topic").Values("MARKETING_EMAIL", "PERSONALIZATION", "DATA_SHARING", "COMMUNICATION").Immutable(),
		// For COMMUNICATION: which messages, on which channel, how often
		// (granted is false for NEVER).
		field.Enum("communication_topic").Values(notificationTopics...).Optional().Nillable().Immutable(),
		field.Enum("channel").Values(notificationChannels...).Optional().Nillable().Immutable(),
		field.Enum("frequency").Values("IMMEDIATE", "DAILY", "WEEKLY", "NEVER").Optional().Nillable().Immutable(),
		field.Bool("granted").Immutable(),
		// Source is where the change came from: the customer's registration,
		// their own change in the storefront, an unsubscribe link in a mail,
		// or staff in the Admin API.
		field.Enum("source").Values("REGISTRATION", "STOREFRONT", "EMAIL_LINK", "ADMIN", "IMPORT").Immutable(),
		field.Time("created_at").Immutable().Default(now),
	}
}

// Indexes of the ConsentEvent.
func (ConsentEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("customer_id", "created_at")}
}
