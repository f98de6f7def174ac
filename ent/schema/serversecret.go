package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// ServerSecret is a key the server makes for itself on first use (e.g. the
// one that signs unsubscribe links) and keeps in the database, so that
// every replica signs and checks with the same key.
type ServerSecret struct{ ent.Schema }

// Fields of the ServerSecret.
func (ServerSecret) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").Unique().Immutable().MaxLen(64),
		field.Bytes("value").Sensitive().Immutable().MaxLen(64),
		field.Time("created_at").Immutable().Default(now),
	}
}
