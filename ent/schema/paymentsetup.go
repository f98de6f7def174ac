package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// PaymentSetup is a setup we started at the provider for a customer (a
// Stripe SetupIntent): when the provider reports it done, the method saved
// with it is that customer's, and no one else may complete it.
type PaymentSetup struct{ ent.Schema }

// Mixin of the PaymentSetup.
func (PaymentSetup) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the PaymentSetup.
func (PaymentSetup) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id").Immutable(),
		field.String("provider").Immutable().MaxLen(32),
		field.String("setup_ref").Immutable().MaxLen(255),
	}
}

// Edges of the PaymentSetup.
func (PaymentSetup) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("customer", Customer.Type).Unique().Required().Immutable().Field("customer_id").
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of the PaymentSetup.
func (PaymentSetup) Indexes() []ent.Index {
	return []ent.Index{index.Fields("provider", "setup_ref").Unique()}
}
