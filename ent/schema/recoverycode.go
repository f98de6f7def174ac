package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// RecoveryCode is one of the ten single-use codes that stand in for a TOTP
// code when the customer's authenticator is lost. Shown once when
// two-factor sign-in is enabled; only the SHA-256 hash is stored.
type RecoveryCode struct{ ent.Schema }

// Fields of the RecoveryCode.
func (RecoveryCode) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id"),
		field.Bytes("code_hash").Sensitive().MaxLen(32),
		field.Time("created_at").Immutable().Default(now),
		field.Time("used_at").Optional().Nillable(),
	}
}

// Edges of the RecoveryCode.
func (RecoveryCode) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("customer", Customer.Type).Ref("recovery_codes").Unique().Required().Field("customer_id"),
	}
}

// Indexes of the RecoveryCode.
func (RecoveryCode) Indexes() []ent.Index {
	return []ent.Index{index.Fields("customer_id", "code_hash").Unique()}
}
