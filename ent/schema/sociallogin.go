package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// SocialLogin is one OpenID Connect sign-in in progress, kept in the
// database so any replica can take the provider's callback. StateHash
// identifies it in the callback; Nonce and CodeVerifier (PKCE) bind the
// provider's answer to it. After the callback it holds the customer and
// the hash of a one-time code the storefront exchanges for an access token.
type SocialLogin struct{ ent.Schema }

// Mixin of the SocialLogin.
func (SocialLogin) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the SocialLogin.
func (SocialLogin) Fields() []ent.Field {
	return []ent.Field{
		field.String("provider").MaxLen(64),
		// StateHash is cleared when the callback takes the flow (single use).
		field.Bytes("state_hash").Optional().Nillable().Unique().Sensitive().MaxLen(32),
		field.String("nonce").Sensitive().MaxLen(64),
		field.String("code_verifier").Sensitive().MaxLen(128),
		field.String("return_to").MaxLen(2048),
		// LinkCustomerID is set when a signed-in customer links the identity.
		field.Int("link_customer_id").Optional().Nillable(),
		// After the callback: who signed in, and the one-time code's hash.
		field.Int("customer_id").Optional().Nillable(),
		field.Bytes("code_hash").Optional().Nillable().Unique().Sensitive().MaxLen(32),
		field.Time("expires_at"),
	}
}

// Indexes of the SocialLogin.
func (SocialLogin) Indexes() []ent.Index {
	return []ent.Index{index.Fields("expires_at")}
}
