package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// LoginCode is a one-time 6-digit sign-in code mailed to an address. Only a
// salted SHA-256 of the code is stored. A code lives 10 minutes, works once,
// and dies after 5 wrong tries; codes of unknown addresses are kept the same
// way (the account is made when the code is used), so nothing tells whether
// an address has an account.
type LoginCode struct{ ent.Schema }

// Fields of the LoginCode.
func (LoginCode) Fields() []ent.Field {
	return []ent.Field{
		field.String("email_key").MaxLen(254),
		// Purpose is what the code proves: a sign-in, or the owner's
		// confirmation that the account is to be erased.
		field.Enum("purpose").Values("SIGN_IN", "DELETE_ACCOUNT").Default("SIGN_IN"),
		field.Bytes("salt").Sensitive().MaxLen(16),
		field.Bytes("code_hash").Sensitive().MaxLen(32),
		field.Int("attempts").Default(0),
		field.Time("created_at").Immutable().Default(now),
		field.Time("expires_at"),
		field.Time("used_at").Optional().Nillable(),
	}
}

// Indexes of the LoginCode.
func (LoginCode) Indexes() []ent.Index {
	return []ent.Index{index.Fields("email_key", "created_at")}
}
