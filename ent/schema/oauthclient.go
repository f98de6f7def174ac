package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// OAuthClient is a storefront or app registered through the Admin API to
// sign customers in with the OpenID Connect provider. A confidential one
// has a secret, stored only as its hash.
type OAuthClient struct{ ent.Schema }

// Mixin of the OAuthClient.
func (OAuthClient) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the OAuthClient.
func (OAuthClient) Fields() []ent.Field {
	return []ent.Field{
		field.String("client_id").Unique().MaxLen(64),
		field.String("name").MaxLen(4 * 255),
		field.Bool("confidential").Default(false),
		field.Bytes("secret_hash").Optional().Nillable().Sensitive().MaxLen(32),
		field.Strings("redirect_uris"),
		field.Strings("post_logout_uris").Default([]string{}),
		field.Strings("allowed_origins").Default([]string{}),
	}
}
