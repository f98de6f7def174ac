package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// CustomerToken is a single-use secret mailed to a customer: an account
// activation, a password reset or an email verification link. Only its
// SHA-256 hash is stored.
type CustomerToken struct{ ent.Schema }

// Mixin of the CustomerToken.
func (CustomerToken) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the CustomerToken.
func (CustomerToken) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id"),
		field.Enum("purpose").Values("ACTIVATION", "RESET", "VERIFY_EMAIL"),
		// Email is the address a VERIFY_EMAIL token proves (a new address
		// during an email change, or the account's own).
		field.String("email").Optional().Nillable().MaxLen(254),
		field.Bytes("token_hash").Unique().Sensitive().MaxLen(32),
		field.Time("expires_at"),
		// UsedAt is set when the token is redeemed; a used token never works again.
		field.Time("used_at").Optional().Nillable(),
	}
}

// Edges of the CustomerToken.
func (CustomerToken) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("customer", Customer.Type).Ref("one_time_tokens").
			Unique().Required().Field("customer_id"),
	}
}

// Indexes of the CustomerToken.
func (CustomerToken) Indexes() []ent.Index {
	return []ent.Index{index.Fields("customer_id", "purpose")}
}
