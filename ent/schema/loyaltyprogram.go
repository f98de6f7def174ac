package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// LoyaltyProgram is the shop's loyalty programme set-up: one row (ID 1),
// read by every replica from the database. Rewards and membership plans
// are rows of their own, since ledger entries and memberships point at them.
type LoyaltyProgram struct{ ent.Schema }

// Mixin of the LoyaltyProgram.
func (LoyaltyProgram) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the LoyaltyProgram.
func (LoyaltyProgram) Fields() []ent.Field {
	return []ent.Field{
		field.Int("id"),
		field.Bool("enabled").Default(false),
		field.String("name").MaxLen(4 * 100).Default("Rewards"),
		// CurrencyCode is the currency of fixed-amount rewards.
		field.String("currency_code").MaxLen(3).Default("USD"),
		// PointsPerUnit are the points a paid order earns per whole unit of
		// its currency (before the tier multiplier).
		field.Int("points_per_unit").Default(1),
		field.JSON("earn_rules", []EarnRule{}).Default([]EarnRule{}),
		// TierBasis says what tier thresholds measure.
		field.Enum("tier_basis").Values("LIFETIME_POINTS", "ROLLING_12_MONTH_POINTS", "LIFETIME_SPEND", "ROLLING_12_MONTH_SPEND").
			Default("LIFETIME_POINTS"),
		field.JSON("tiers", []Tier{}).Default([]Tier{}),
		// Points expire this many months after they were earned (0: never).
		field.Int("expire_after_months").Default(0),
		// The whole balance expires after this many months without earning
		// or redeeming (0: never).
		field.Int("expire_after_inactive_months").Default(0),
		// Discount codes from rewards are valid this many days.
		field.Int("reward_code_valid_days").Default(90),
	}
}

// EarnRule gives fixed points for an action, at most DailyCap times a day
// (0: no cap).
type EarnRule struct {
	Action   string `json:"action"`
	Points   int    `json:"points"`
	DailyCap int    `json:"dailyCap,omitempty"`
}

// Tier is a level of the programme, reached at Threshold (points, or whole
// currency units of spend, as the programme's basis says).
type Tier struct {
	Name              string   `json:"name"`
	Threshold         int      `json:"threshold"`
	MultiplierPercent int      `json:"multiplierPercent"`
	Benefits          []string `json:"benefits"`
}
