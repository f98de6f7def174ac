package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// PreferenceVocabulary is what customers may choose from when they state
// their preferences: one row (ID 1), set by staff through the Admin API.
type PreferenceVocabulary struct{ ent.Schema }

// Mixin of the PreferenceVocabulary.
func (PreferenceVocabulary) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the PreferenceVocabulary.
func (PreferenceVocabulary) Fields() []ent.Field {
	return []ent.Field{
		field.Int("id"),
		// Sizes and Colors are matched against variant options named
		// Size and Color/Colour; Interests against product types and tags.
		field.Strings("sizes").Default([]string{}),
		field.Strings("colors").Default([]string{}),
		field.Strings("interests").Default([]string{}),
		field.Strings("occasions").Default([]string{}),
	}
}
