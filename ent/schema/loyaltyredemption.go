package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// LoyaltyRedemption is a reward a customer bought with points: a one-time
// discount code, stored only as a hash (the customer sees it once).
type LoyaltyRedemption struct{ ent.Schema }

// Fields of the LoyaltyRedemption.
func (LoyaltyRedemption) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id").Immutable(),
		field.Int("reward_id").Immutable(),
		field.Int("entry_id").Immutable(),
		field.String("code_hash").MaxLen(64).Unique().Immutable().Sensitive(),
		// CodeEnding is the code's last characters, to recognise it.
		field.String("code_ending").MaxLen(8).Immutable(),
		field.Enum("kind").Values("FIXED_AMOUNT", "PERCENTAGE", "FREE_SHIPPING", "FREE_PRODUCT").Immutable(),
		field.Int64("amount").Default(0).Immutable(),
		field.String("currency_code").MaxLen(3).Default("").Immutable(),
		field.Int("percentage").Default(0).Immutable(),
		field.Int("variant_id").Optional().Nillable().Immutable(),
		field.Int("points").Immutable(),
		field.Time("expires_at").Immutable(),
		field.Time("used_at").Optional().Nillable(),
		field.Time("created_at").Immutable().Default(now),
	}
}

// Indexes of the LoyaltyRedemption.
func (LoyaltyRedemption) Indexes() []ent.Index {
	return []ent.Index{index.Fields("customer_id", "reward_id")}
}
