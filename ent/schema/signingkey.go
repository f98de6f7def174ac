package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// SigningKey is a key the OpenID Connect provider signs ID tokens with.
// Every replica signs with the newest and publishes all unexpired ones in
// its JWKS, so tokens signed by one replica verify on any.
type SigningKey struct{ ent.Schema }

// Mixin of the SigningKey.
func (SigningKey) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the SigningKey.
func (SigningKey) Fields() []ent.Field {
	return []ent.Field{
		// Kid is the key's ID in token headers and the JWKS.
		field.String("kid").Unique().MaxLen(64),
		// PrivateKey is the PKCS #8 DER of an RSA key.
		field.Bytes("private_key").Sensitive(),
		// SignsUntil is when a newer key takes over signing; the key stays
		// in the JWKS until the tokens it signed have expired.
		field.Time("signs_until"),
	}
}
