package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Company is a B2B customer of the shop, synchronised from its ERP by
// ExternalID: locations to ship and bill to, contacts (customers who buy
// for it) and the ERP's contact list, whose people get a B2B account when
// they prove their email.
type Company struct{ ent.Schema }

// Mixin of the Company.
func (Company) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Company.
func (Company) Fields() []ent.Field {
	return []ent.Field{
		field.String("external_id").Unique().MaxLen(255),
		field.String("name").MaxLen(255),
		field.String("note").Optional().Nillable().MaxLen(4 * 5000),
	}
}

// Edges of the Company.
func (Company) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("locations", CompanyLocation.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("contacts", CompanyContact.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("erp_contacts", ErpContact.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// CompanyLocation is a place of a company (a branch, a warehouse) that
// orders are placed for.
type CompanyLocation struct{ ent.Schema }

// Mixin of the CompanyLocation.
func (CompanyLocation) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the CompanyLocation.
func (CompanyLocation) Fields() []ent.Field {
	return []ent.Field{
		field.Int("company_id"),
		field.String("external_id").MaxLen(255),
		field.String("name").MaxLen(255),
		field.Int("shipping_address_id").Optional().Nillable(),
	}
}

// Edges of the CompanyLocation.
func (CompanyLocation) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("company", Company.Type).Ref("locations").Unique().Required().Field("company_id"),
		edge.To("shipping_address", MailingAddress.Type).Unique().Field("shipping_address_id"),
	}
}

// Indexes of the CompanyLocation.
func (CompanyLocation) Indexes() []ent.Index {
	return []ent.Index{index.Fields("company_id", "external_id").Unique()}
}

// CompanyContact is a customer who buys for a company: an ADMIN (sees all
// the company's orders) or a BUYER (their own), with an optional spending
// limit per order in the shop's currency.
type CompanyContact struct{ ent.Schema }

// Mixin of the CompanyContact.
func (CompanyContact) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the CompanyContact.
func (CompanyContact) Fields() []ent.Field {
	return []ent.Field{
		field.Int("company_id"),
		field.Int("customer_id"),
		field.Enum("role").Values("ADMIN", "BUYER"),
		field.Int64("spending_limit").Optional().Nillable(),
	}
}

// Edges of the CompanyContact.
func (CompanyContact) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("company", Company.Type).Ref("contacts").Unique().Required().Field("company_id"),
		edge.From("customer", Customer.Type).Ref("company_contacts").Unique().Required().Field("customer_id"),
	}
}

// Indexes of the CompanyContact.
func (CompanyContact) Indexes() []ent.Index {
	return []ent.Index{index.Fields("company_id", "customer_id").Unique(), index.Fields("customer_id")}
}

// ErpContact is an entry of a company's contact list from its ERP: the
// person with this email becomes a CompanyContact when their account's
// email is proven (at once for an account that has it proven already).
type ErpContact struct{ ent.Schema }

// Mixin of the ErpContact.
func (ErpContact) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the ErpContact.
func (ErpContact) Fields() []ent.Field {
	return []ent.Field{
		field.Int("company_id"),
		field.String("email_key").MaxLen(254),
		field.Enum("role").Values("ADMIN", "BUYER"),
		field.Int64("spending_limit").Optional().Nillable(),
	}
}

// Edges of the ErpContact.
func (ErpContact) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("company", Company.Type).Ref("erp_contacts").Unique().Required().Field("company_id"),
	}
}

// Indexes of the ErpContact.
func (ErpContact) Indexes() []ent.Index {
	return []ent.Index{index.Fields("company_id", "email_key").Unique(), index.Fields("email_key")}
}
