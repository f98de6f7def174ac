package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// LoyaltyReward turns points into a discount. Rewards are kept when the
// programme drops them (active false), since redemptions point at them.
type LoyaltyReward struct{ ent.Schema }

// Mixin of the LoyaltyReward.
func (LoyaltyReward) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the LoyaltyReward.
func (LoyaltyReward) Fields() []ent.Field {
	return []ent.Field{
		field.String("handle").MaxLen(100).Unique(),
		field.String("name").MaxLen(4 * 100),
		field.String("description").MaxLen(4 * 500).Default(""),
		field.Int("points_cost"),
		field.Enum("kind").Values("FIXED_AMOUNT", "PERCENTAGE", "FREE_SHIPPING", "FREE_PRODUCT"),
		// Amount in minor units of the programme's currency (FIXED_AMOUNT).
		field.Int64("amount").Default(0),
		field.String("currency_code").MaxLen(3).Default(""),
		// Percentage off (PERCENTAGE), 1 to 100.
		field.Int("percentage").Default(0),
		// VariantID is the free product (FREE_PRODUCT).
		field.Int("variant_id").Optional().Nillable(),
		// LimitPerCustomer caps redemptions per customer (0: no cap).
		field.Int("limit_per_customer").Default(0),
		field.Bool("active").Default(true),
		field.Int("position").Default(0),
	}
}
