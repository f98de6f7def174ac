package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// ConsentEvent records one change of a customer's consent (marketing email,
// personalization, data sharing) for audits: what, when and through which
// channel. Rows are never changed; they go only with the customer's erasure.
type ConsentEvent struct{ ent.Schema }

// Fields of the ConsentEvent.
func (ConsentEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id").Immutable(),
		field.Enum("topic").Values("MARKETING_EMAIL", "PERSONALIZATION", "DATA_SHARING").Immutable(),
		field.Bool("granted").Immutable(),
		// Source is where the change came from: the customer's registration
		// or their own change in the storefront, or staff in the Admin API.
		field.Enum("source").Values("REGISTRATION", "STOREFRONT", "ADMIN").Immutable(),
		field.Time("created_at").Immutable().Default(now),
	}
}

// Indexes of the ConsentEvent.
func (ConsentEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("customer_id", "created_at")}
}
