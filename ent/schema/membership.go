package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Membership is a customer's paid membership: one per customer, renewed
// period by period. Each recorded payment is a MembershipPayment, keyed by
// the payment system's reference, so recording it twice changes nothing.
type Membership struct{ ent.Schema }

// Mixin of the Membership.
func (Membership) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Membership.
func (Membership) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id").Unique(),
		field.Int("plan_id"),
		field.Time("started_at"),
		// PeriodEnd is when the paid period ends (the renewal date).
		field.Time("period_end"),
		// CancelledAt is set when the member cancelled: the membership runs
		// to EndedAt and is not renewed.
		field.Time("cancelled_at").Optional().Nillable(),
		field.Time("ended_at").Optional().Nillable(),
	}
}

// Indexes of the Membership.
func (Membership) Indexes() []ent.Index { return []ent.Index{index.Fields("plan_id")} }

// MembershipPayment is one recorded payment of a membership period.
type MembershipPayment struct{ ent.Schema }

// Fields of the MembershipPayment.
func (MembershipPayment) Fields() []ent.Field {
	return []ent.Field{
		field.Int("membership_id").Immutable(),
		field.String("reference").MaxLen(255).Unique().Immutable(),
		field.Enum("kind").Values("START", "RENEW").Immutable(),
		field.Time("period_start").Immutable(),
		field.Time("period_end").Immutable(),
		field.Time("created_at").Immutable().Default(now),
	}
}
