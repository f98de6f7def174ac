package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// CustomerAccessToken is a signed-in session of a customer. Only the SHA-256
// hash of the token is stored; the token itself is shown once, on creation.
type CustomerAccessToken struct{ ent.Schema }

// Mixin of the CustomerAccessToken.
func (CustomerAccessToken) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the CustomerAccessToken.
func (CustomerAccessToken) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id"),
		field.Bytes("token_hash").Unique().Sensitive().MaxLen(32),
		field.Time("expires_at"),
		field.Time("last_used_at").Optional().Nillable(),
		// Coarse client facts for the customer's session list.
		field.String("ip").Optional().MaxLen(64),
		field.String("user_agent").Optional().MaxLen(255),
		// Country is the ISO code a trusted proxy header gave (e.g.
		// CF-IPCountry), when one is configured; sign-ins from a new device
		// or country raise a security alert.
		field.String("country").Optional().MaxLen(2),
		// SetupOnly tokens were issued while the shop requires two-factor
		// sign-in and the customer has not turned it on: they serve
		// customerTwoFactorSetup/Enable and sign-out, nothing else, until
		// two-factor sign-in is on.
		field.Bool("setup_only").Default(false),
	}
}

// Edges of the CustomerAccessToken.
func (CustomerAccessToken) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("customer", Customer.Type).Ref("access_tokens").
			Unique().Required().Field("customer_id"),
	}
}

// Indexes of the CustomerAccessToken.
func (CustomerAccessToken) Indexes() []ent.Index {
	return []ent.Index{index.Fields("customer_id"), index.Fields("expires_at")}
}
