package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// OAuthCode is an authorization code of the OpenID Connect provider:
// single use, short-lived, bound to its client, redirect URI and PKCE
// challenge. Only its hash is stored.
type OAuthCode struct{ ent.Schema }

// Mixin of the OAuthCode.
func (OAuthCode) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the OAuthCode.
func (OAuthCode) Fields() []ent.Field {
	return []ent.Field{
		field.Bytes("code_hash").Unique().Sensitive().MaxLen(32),
		field.Int("customer_id"),
		field.String("client_id").MaxLen(255),
		field.String("redirect_uri").MaxLen(2048),
		field.String("code_challenge").MaxLen(128),
		field.String("nonce").Default("").MaxLen(512),
		field.String("scope").Default("").MaxLen(1024),
		field.Time("auth_time"),
		field.Time("expires_at"),
		// Family is the sign-in the code starts (the ID token's sid).
		field.String("family").MaxLen(64),
		// UsedAt is set when the code is exchanged; a second exchange
		// revokes what the first issued.
		field.Time("used_at").Optional().Nillable(),
	}
}

// Indexes of the OAuthCode.
func (OAuthCode) Indexes() []ent.Index { return []ent.Index{index.Fields("expires_at")} }

// Edges of the OAuthCode.
func (OAuthCode) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("customer", Customer.Type).Ref("oauth_codes").Unique().Required().Field("customer_id"),
	}
}
