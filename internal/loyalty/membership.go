package loyalty

import (
	"context"
	"strings"
	"time"

	"accountgraph/ent"
	"accountgraph/ent/membership"
	"accountgraph/ent/membershippayment"
	"accountgraph/ent/membershipplan"
	"accountgraph/internal/apperr"
	"accountgraph/internal/db"
)

// Membership statuses (MembershipStatus).
const (
	MembershipActive    = "ACTIVE"
	MembershipCancelled = "CANCELLED"
	MembershipExpired   = "EXPIRED"
)

// Status is where a membership stands at now.
func Status(m *ent.Membership, now time.Time) string {
	switch {
	case m.EndedAt != nil && !m.EndedAt.After(now), !m.PeriodEnd.After(now):
		return MembershipExpired
	case m.CancelledAt != nil:
		return MembershipCancelled
	}
	return MembershipActive
}

// EndsAt is when a cancelled or lapsed membership ends or ended.
func EndsAt(m *ent.Membership, now time.Time) *time.Time {
	if m.EndedAt != nil {
		return m.EndedAt
	}
	if m.CancelledAt != nil || !m.PeriodEnd.After(now) {
		return &m.PeriodEnd
	}
	return nil
}

func addPeriod(t time.Time, p *ent.MembershipPlan) time.Time {
	if p.Interval == membershipplan.IntervalYEAR {
		return t.AddDate(p.IntervalCount, 0, 0)
	}
	return t.AddDate(0, p.IntervalCount, 0)
}

func checkReference(ref string) (string, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" || len(ref) > 255 {
		return "", apperr.Invalid(apperr.Path("paymentReference"), apperr.CodeInvalid, "The payment reference is 1 to 255 characters")
	}
	return ref, nil
}

// recorded returns the membership a payment reference already recorded,
// or nil.
func recorded(ctx context.Context, c *ent.Client, ref string, customerID int) (*ent.Membership, error) {
	pay, err := c.MembershipPayment.Query().Where(membershippayment.Reference(ref)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	m, err := c.Membership.Get(ctx, pay.MembershipID)
	if err != nil {
		return nil, err
	}
	if m.CustomerID != customerID {
		return nil, apperr.Invalid(apperr.Path("paymentReference"), apperr.CodeTaken, "The reference was recorded for another customer")
	}
	return m, nil
}

// paidChange records a payment: fn runs with the customer's account
// locked, unless the reference was recorded before, which returns the
// membership as it is.
func (s *Service) paidChange(ctx context.Context, customerID, reference string, fn func(tx *ent.Tx, id int, ref string) (*ent.Membership, error)) (*ent.Membership, error) {
	id, err := s.CustomerID(ctx, customerID, apperr.Path("customerId"))
	if err != nil {
		return nil, err
	}
	ref, err := checkReference(reference)
	if err != nil {
		return nil, err
	}
	var out *ent.Membership
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		if _, err := lockAccount(ctx, tx, id); err != nil {
			return err
		}
		if out, err = recorded(ctx, tx.Client(), ref, id); out != nil || err != nil {
			return err
		}
		out, err = fn(tx, id, ref)
		return err
	})
	if db.IsUniqueViolation(err) { // another customer's call took the reference first
		return nil, apperr.Invalid(apperr.Path("paymentReference"), apperr.CodeTaken, "The reference was recorded for another customer")
	}
	return out, err
}

// StartMembership records the first paid period of a plan. A customer
// whose membership lapsed starts anew; an active member cannot start again.
func (s *Service) StartMembership(ctx context.Context, customerID, planHandle, reference string) (*ent.Membership, error) {
	return s.paidChange(ctx, customerID, reference, func(tx *ent.Tx, id int, ref string) (*ent.Membership, error) {
		plan, err := tx.MembershipPlan.Query().Where(membershipplan.Handle(planHandle), membershipplan.Active(true)).Only(ctx)
		if ent.IsNotFound(err) {
			return nil, apperr.Invalid(apperr.Path("planHandle"), apperr.CodeNotFound, "Plan does not exist")
		}
		if err != nil {
			return nil, err
		}
		now := s.now()
		end := addPeriod(now, plan)
		m, err := tx.Membership.Query().Where(membership.CustomerID(id)).Only(ctx)
		switch {
		case ent.IsNotFound(err):
			m, err = tx.Membership.Create().SetCustomerID(id).SetPlanID(plan.ID).SetStartedAt(now).SetPeriodEnd(end).Save(ctx)
		case err != nil:
			return nil, err
		case Status(m, now) != MembershipExpired:
			return nil, apperr.Invalid(apperr.Path("customerId"), apperr.CodeNotAllowed, "The customer is already a member; record a renewal instead")
		default:
			m, err = tx.Membership.UpdateOne(m).SetPlanID(plan.ID).SetStartedAt(now).SetPeriodEnd(end).
				ClearCancelledAt().ClearEndedAt().Save(ctx)
		}
		if err != nil {
			return nil, err
		}
		return m, tx.MembershipPayment.Create().SetMembershipID(m.ID).SetReference(ref).SetKind(membershippayment.KindSTART).
			SetPeriodStart(now).SetPeriodEnd(end).SetCreatedAt(now).Exec(ctx)
	})
}

// RenewMembership records one more paid period, from the end of the
// current one (or from now when it has ended). Renewing undoes a
// cancellation at the period's end.
func (s *Service) RenewMembership(ctx context.Context, customerID, reference string) (*ent.Membership, error) {
	return s.paidChange(ctx, customerID, reference, func(tx *ent.Tx, id int, ref string) (*ent.Membership, error) {
		m, err := tx.Membership.Query().Where(membership.CustomerID(id)).Only(ctx)
		if ent.IsNotFound(err) {
			return nil, apperr.Invalid(apperr.Path("customerId"), apperr.CodeNotFound, "The customer has no membership to renew")
		}
		if err != nil {
			return nil, err
		}
		plan, err := tx.MembershipPlan.Get(ctx, m.PlanID)
		if err != nil {
			return nil, err
		}
		now := s.now()
		from := m.PeriodEnd
		if Status(m, now) == MembershipExpired {
			from = now
		}
		end := addPeriod(from, plan)
		if m, err = tx.Membership.UpdateOne(m).SetPeriodEnd(end).ClearCancelledAt().ClearEndedAt().Save(ctx); err != nil {
			return nil, err
		}
		return m, tx.MembershipPayment.Create().SetMembershipID(m.ID).SetReference(ref).SetKind(membershippayment.KindRENEW).
			SetPeriodStart(from).SetPeriodEnd(end).SetCreatedAt(now).Exec(ctx)
	})
}

// CancelMembership stops renewals; the membership ends with its paid
// period, or now when immediately. Cancelling again changes nothing.
func (s *Service) CancelMembership(ctx context.Context, customerID string, immediately bool) (*ent.Membership, error) {
	id, err := s.CustomerID(ctx, customerID, apperr.Path("customerId"))
	if err != nil {
		return nil, err
	}
	var out *ent.Membership
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		if _, err := lockAccount(ctx, tx, id); err != nil {
			return err
		}
		m, err := tx.Membership.Query().Where(membership.CustomerID(id)).Only(ctx)
		if ent.IsNotFound(err) {
			return apperr.Invalid(apperr.Path("customerId"), apperr.CodeNotFound, "The customer has no membership")
		}
		if err != nil {
			return err
		}
		now := s.now()
		if Status(m, now) == MembershipExpired {
			out = m
			return nil
		}
		u := tx.Membership.UpdateOne(m)
		if m.CancelledAt == nil {
			u.SetCancelledAt(now)
		}
		if immediately {
			u.SetEndedAt(now)
		}
		out, err = u.Save(ctx)
		return err
	})
	return out, err
}
