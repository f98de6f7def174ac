package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Topics, channels and frequencies of customer messages (API.md).
var (
	notificationTopics   = []string{"ORDER_CONFIRMATION", "SHIPPING_UPDATES", "DELIVERY_UPDATES", "PROMOTIONS", "ACCOUNT_CHANGES", "SECURITY_ALERTS", "WISHLIST_ALERTS", "LOYALTY", "RETURNS"}
	notificationChannels = []string{"EMAIL", "SMS", "PUSH"}
)

// Notification is one message in the outbox: written in the transaction of
// the event it tells about, delivered later by a worker (any replica) with
// retries. The event key makes an event's message unique per channel, so a
// retried event (an order ingested twice) is not announced twice.
type Notification struct{ ent.Schema }

// Fields of the Notification.
func (Notification) Fields() []ent.Field {
	return []ent.Field{
		// CustomerID is empty for messages to an address without an account
		// (a guest order's confirmation).
		field.Int("customer_id").Optional().Nillable(),
		field.String("event_key").MaxLen(200).Immutable(),
		// Kind names the templates, e.g. "order_confirmation".
		field.String("kind").MaxLen(64).Immutable(),
		// Topic is empty for messages the customer asked for (a sign-in
		// code, a reset link): preferences do not apply to them.
		field.Enum("topic").Values(notificationTopics...).Optional().Nillable().Immutable(),
		field.Enum("channel").Values(notificationChannels...).Immutable(),
		// Recipient is an email address, a phone number or, for push, the
		// customer's ID.
		field.String("recipient").MaxLen(320).Sensitive().Immutable(),
		field.String("language").MaxLen(8).Default("EN").Immutable(),
		// Data fills the templates. It may hold a secret link, so it is
		// cleared once the message is sent or given up.
		field.JSON("data", map[string]any{}).Optional().Sensitive(),
		field.Enum("frequency").Values("IMMEDIATE", "DAILY", "WEEKLY").Default("IMMEDIATE").Immutable(),
		field.Enum("status").Values("PENDING", "SENT", "SKIPPED", "FAILED").Default("PENDING"),
		field.Int("attempts").Default(0),
		// DueAt is when the message may go next: at once, after a back-off,
		// or at the next digest.
		field.Time("due_at"),
		// A worker that claims the message holds it until LeaseUntil.
		field.Time("lease_until").Optional().Nillable(),
		field.String("lease_owner").Optional().MaxLen(64),
		field.String("last_error").Optional().MaxLen(500),
		field.Time("sent_at").Optional().Nillable(),
		field.Time("created_at").Immutable().Default(now),
	}
}

// Edges of the Notification.
func (Notification) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("customer", Customer.Type).Ref("notifications").Unique().Field("customer_id"),
	}
}

// Indexes of the Notification.
func (Notification) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("event_key", "channel").Unique(),
		index.Fields("status", "due_at"),
		index.Fields("customer_id"),
	}
}
