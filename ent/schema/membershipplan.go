package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// MembershipPlan is a paid membership the shop sells (payment happens
// elsewhere; we record it).
type MembershipPlan struct{ ent.Schema }

// Mixin of the MembershipPlan.
func (MembershipPlan) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the MembershipPlan.
func (MembershipPlan) Fields() []ent.Field {
	return []ent.Field{
		field.String("handle").MaxLen(100).Unique(),
		field.String("name").MaxLen(4 * 100),
		field.Int64("price"),
		field.String("currency_code").MaxLen(3),
		field.Enum("interval").Values("MONTH", "YEAR"),
		field.Int("interval_count").Default(1),
		field.Strings("benefits").Default([]string{}),
		field.Bool("active").Default(true),
		field.Int("position").Default(0),
	}
}
