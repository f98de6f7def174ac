package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// AdminAPIKey authorises the shop's staff and systems on the Admin API. The
// key is shown once when created; only its SHA-256 hash is stored.
type AdminAPIKey struct{ ent.Schema }

// Mixin of the AdminAPIKey.
func (AdminAPIKey) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the AdminAPIKey.
func (AdminAPIKey) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").MaxLen(100),
		field.Bytes("key_hash").Unique().Sensitive().MaxLen(32),
		// Scopes such as "customers:read"; see internal/auth for the list.
		field.Strings("scopes"),
		field.Time("revoked_at").Optional().Nillable(),
	}
}
