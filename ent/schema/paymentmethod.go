package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// PaymentMethod is a card (or wallet) a customer saved with the payment
// provider. Card data never reaches us: the provider keeps the card and
// gives us a reference and what a page shows.
type PaymentMethod struct{ ent.Schema }

// Mixin of the PaymentMethod.
func (PaymentMethod) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the PaymentMethod.
func (PaymentMethod) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id").Immutable(),
		// Provider names the provider that keeps it ("stripe").
		field.String("provider").Immutable().MaxLen(32),
		// ProviderRef is the provider's ID of the method (pm_…): shown to
		// nobody, never logged.
		field.String("provider_ref").Immutable().Sensitive().MaxLen(255),
		field.String("brand").Default("").MaxLen(64),
		field.String("last4").Default("").MaxLen(4),
		field.Int("exp_month").Default(0),
		field.Int("exp_year").Default(0),
		// Wallet is the wallet the card is used through (apple_pay…), if any.
		field.String("wallet").Default("").MaxLen(64),
		field.JSON("billing_address", PaymentBillingAddress{}).Optional(),
		field.Bool("is_default").Default(false),
	}
}

// PaymentBillingAddress is the billing address the provider has for a
// method.
type PaymentBillingAddress struct {
	Name       string `json:"name,omitempty"`
	Line1      string `json:"line1,omitempty"`
	Line2      string `json:"line2,omitempty"`
	City       string `json:"city,omitempty"`
	PostalCode string `json:"postalCode,omitempty"`
	State      string `json:"state,omitempty"`
	Country    string `json:"country,omitempty"`
}

// Edges of the PaymentMethod.
func (PaymentMethod) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("customer", Customer.Type).Unique().Required().Immutable().Field("customer_id").
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of the PaymentMethod.
func (PaymentMethod) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("provider", "provider_ref").Unique(),
		index.Fields("customer_id"),
	}
}
