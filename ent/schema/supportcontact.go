package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// SupportContact is how customers reach the shop's support: one row
// (ID 1), set by staff, read publicly.
type SupportContact struct{ ent.Schema }

// Mixin of the SupportContact.
func (SupportContact) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the SupportContact.
func (SupportContact) Fields() []ent.Field {
	return []ent.Field{
		field.Int("id"),
		field.String("email").Optional().Nillable().MaxLen(254),
		field.String("phone").Optional().Nillable().MaxLen(30),
		field.String("hours").Optional().Nillable().MaxLen(4 * 200),
		field.String("chat_url").Optional().Nillable().MaxLen(2048),
		field.String("faq_url").Optional().Nillable().MaxLen(2048),
	}
}
