package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// ThrottleEvent records one attempt against a rate-limited action (a login,
// a recovery mail…). Limits are counted in the database so that every replica
// sees the same counts.
type ThrottleEvent struct{ ent.Schema }

// Fields of the ThrottleEvent.
func (ThrottleEvent) Fields() []ent.Field {
	return []ent.Field{
		// Key names the action and subject, e.g. "login:ip:203.0.113.7";
		// subjects that are personal data (emails) are hashed first.
		field.String("key").MaxLen(128),
		field.Time("at"),
	}
}

// Indexes of the ThrottleEvent.
func (ThrottleEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("key", "at"), index.Fields("at")}
}
