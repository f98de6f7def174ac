package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// PaymentCustomer is a customer's account at a payment provider (Stripe's
// Customer), made on first use and kept so every method is saved under it.
type PaymentCustomer struct{ ent.Schema }

// Mixin of the PaymentCustomer.
func (PaymentCustomer) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the PaymentCustomer.
func (PaymentCustomer) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id").Immutable(),
		field.String("provider").Immutable().MaxLen(32),
		field.String("provider_ref").Immutable().Sensitive().MaxLen(255),
	}
}

// Edges of the PaymentCustomer.
func (PaymentCustomer) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("customer", Customer.Type).Unique().Required().Immutable().Field("customer_id").
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of the PaymentCustomer.
func (PaymentCustomer) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("customer_id", "provider").Unique(),
		index.Fields("provider", "provider_ref").Unique(),
	}
}
