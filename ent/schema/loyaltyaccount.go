package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// LoyaltyAccount caches what a customer's ledger adds up to. It is written
// in the same transaction as every ledger entry, with the row locked, so
// it always equals the ledger (adminLoyaltyConsistencyCheck proves it).
type LoyaltyAccount struct{ ent.Schema }

// Mixin of the LoyaltyAccount.
func (LoyaltyAccount) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the LoyaltyAccount.
func (LoyaltyAccount) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id").Unique(),
		field.Int("balance").Default(0),
		// LifetimePoints are points earned, net of reversals; redeeming and
		// expiry do not lower them.
		field.Int("lifetime_points").Default(0),
		// LifetimeSpend is the spend that earned points, in minor units.
		field.Int64("lifetime_spend").Default(0),
		field.String("tier").MaxLen(4 * 100).Default(""),
		field.String("referral_code").MaxLen(32).Unique(),
		field.Int("referred_by_id").Optional().Nillable(),
		// LastActivityAt is the last earning or redemption (inactivity expiry).
		field.Time("last_activity_at").Optional().Nillable(),
		// NextExpiryAt is when points expire next, for the expiry job.
		field.Time("next_expiry_at").Optional().Nillable(),
	}
}

// Indexes of the LoyaltyAccount.
func (LoyaltyAccount) Indexes() []ent.Index {
	return []ent.Index{index.Fields("next_expiry_at"), index.Fields("last_activity_at"), index.Fields("referred_by_id")}
}
