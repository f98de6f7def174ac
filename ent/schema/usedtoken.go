package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// UsedToken remembers a single-use bearer token from another system (a
// Multipass token) until it would have expired anyway, so a replay is
// refused by every replica: the unique hash makes the first use win.
type UsedToken struct{ ent.Schema }

// Fields of the UsedToken.
func (UsedToken) Fields() []ent.Field {
	return []ent.Field{
		field.String("kind").MaxLen(32),
		field.Bytes("token_hash").Unique().MaxLen(32),
		field.Time("expires_at"),
	}
}

// Indexes of the UsedToken.
func (UsedToken) Indexes() []ent.Index {
	return []ent.Index{index.Fields("expires_at")}
}
