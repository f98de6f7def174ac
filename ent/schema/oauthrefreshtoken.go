package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// OAuthRefreshToken is a refresh token of the OpenID Connect provider.
// Each refresh replaces it (rotation); one sign-in's tokens share a
// family, and a token used twice revokes the whole family with its access
// tokens (reuse detection). Only its hash is stored.
type OAuthRefreshToken struct{ ent.Schema }

// Mixin of the OAuthRefreshToken.
func (OAuthRefreshToken) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the OAuthRefreshToken.
func (OAuthRefreshToken) Fields() []ent.Field {
	return []ent.Field{
		field.Bytes("token_hash").Unique().Sensitive().MaxLen(32),
		// Family is the sign-in (the ID token's sid).
		field.String("family").MaxLen(64),
		field.Int("customer_id"),
		field.String("client_id").MaxLen(255),
		field.String("scope").Default("").MaxLen(1024),
		field.Time("auth_time"),
		// AccessTokenID is the customer access token issued with this
		// refresh token (the session it renews).
		field.Int("access_token_id"),
		field.Time("expires_at"),
		field.Time("used_at").Optional().Nillable(),
	}
}

// Indexes of the OAuthRefreshToken.
func (OAuthRefreshToken) Indexes() []ent.Index {
	return []ent.Index{index.Fields("family"), index.Fields("customer_id"), index.Fields("expires_at")}
}

// Edges of the OAuthRefreshToken.
func (OAuthRefreshToken) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("customer", Customer.Type).Ref("oauth_refresh_tokens").Unique().Required().Field("customer_id"),
	}
}
