package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// MailingAddress is one of a customer's saved postal addresses.
type MailingAddress struct{ ent.Schema }

// Mixin of the MailingAddress.
func (MailingAddress) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the MailingAddress. Free-text parts are optional, as on Shopify;
// validation of what a complete address needs lives in internal/customer.
func (MailingAddress) Fields() []ent.Field {
	return []ent.Field{
		// CustomerID is set for a customer's saved address and nil for an
		// address copied onto an order.
		field.Int("customer_id").Optional(),
		field.String("first_name").Optional().Nillable().MaxLen(4 * 255),
		field.String("last_name").Optional().Nillable().MaxLen(4 * 255),
		field.String("company").Optional().Nillable().MaxLen(4 * 255),
		field.String("address1").Optional().Nillable().MaxLen(4 * 255),
		field.String("address2").Optional().Nillable().MaxLen(4 * 255),
		field.String("city").Optional().Nillable().MaxLen(4 * 255),
		field.String("province").Optional().Nillable().MaxLen(4 * 255),
		field.String("province_code").Optional().Nillable().MaxLen(16),
		field.String("country").Optional().Nillable().MaxLen(4 * 255),
		// CountryCode is the ISO 3166-1 alpha-2 code resolved from Country.
		field.String("country_code").Optional().Nillable().MaxLen(2),
		field.String("zip").Optional().Nillable().MaxLen(32),
		field.String("phone").Optional().Nillable().MaxLen(20),
	}
}

// Edges of the MailingAddress.
func (MailingAddress) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("customer", Customer.Type).Ref("addresses").
			Unique().Field("customer_id"),
	}
}

// Indexes of the MailingAddress.
func (MailingAddress) Indexes() []ent.Index {
	return []ent.Index{index.Fields("customer_id")}
}
