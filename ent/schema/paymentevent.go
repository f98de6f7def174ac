package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// PaymentEvent records each provider webhook event taken, so a replayed
// delivery is recognised and changes nothing.
type PaymentEvent struct{ ent.Schema }

// Mixin of the PaymentEvent.
func (PaymentEvent) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the PaymentEvent.
func (PaymentEvent) Fields() []ent.Field {
	return []ent.Field{
		field.String("provider").Immutable().MaxLen(32),
		field.String("event_id").Immutable().MaxLen(255),
		field.String("type").Immutable().MaxLen(64),
	}
}

// Indexes of the PaymentEvent.
func (PaymentEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("provider", "event_id").Unique()}
}
