package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// LoyaltyEntry is one line of a customer's points ledger. The ledger is
// append-only: corrections are new entries (REVERSE, ADJUST), never edits.
type LoyaltyEntry struct{ ent.Schema }

// Fields of the LoyaltyEntry.
func (LoyaltyEntry) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id").Immutable(),
		field.Enum("kind").Values("EARN", "REDEEM", "EXPIRE", "ADJUST", "REVERSE").Immutable(),
		field.Enum("source").Values("ORDER", "ACTION", "ADMIN", "REFERRAL", "REWARD", "EXPIRY").Immutable(),
		// Action is the earning action (PURCHASE, ACCOUNT_CREATION, REVIEW…).
		field.String("action").MaxLen(32).Default("").Immutable(),
		// Points are signed: earning adds, the rest subtracts (ADJUST either).
		field.Int("points").Immutable(),
		// Spend is the order amount behind the entry, in minor units, signed
		// like the points (tiers on spend add it up).
		field.Int64("spend").Default(0).Immutable(),
		field.Int("order_id").Optional().Nillable().Immutable(),
		field.Int("reward_id").Optional().Nillable().Immutable(),
		// IdempotencyKey makes retries harmless: one entry per key and customer.
		field.String("idempotency_key").MaxLen(255).Optional().Nillable().Immutable(),
		field.String("description").MaxLen(4 * 500).Default("").Immutable(),
		// ExpiresAt is when earned points lapse under the expiry policy.
		field.Time("expires_at").Optional().Nillable().Immutable(),
		field.Time("created_at").Immutable().Default(now),
	}
}

// Indexes of the LoyaltyEntry.
func (LoyaltyEntry) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("customer_id", "idempotency_key").Unique(),
		index.Fields("customer_id", "created_at"),
		// The ledger page, newest first by ID, from the index (not sorted).
		index.Fields("customer_id", "id"),
		index.Fields("order_id"),
	}
}
