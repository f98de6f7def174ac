package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"
)

// Text limits: ent's MaxLen counts bytes, while the rules count characters
// (what a customer sees). Columns that hold free text are sized 4 × the
// character limit, the most a UTF-8 character takes, so any text the rules
// accept fits.

// TimeMixin adds created_at and updated_at to an entity. Times are stored in
// UTC so that both databases return the same instant.
type TimeMixin struct{ mixin.Schema }

// Fields of the TimeMixin.
func (TimeMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").Immutable().Default(now),
		field.Time("updated_at").Default(now).UpdateDefault(now),
	}
}

func now() time.Time { return time.Now().UTC() }
