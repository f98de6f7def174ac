package graph

import (
	"context"
	"errors"
	"strings"

	"accountgraph/ent"
	"accountgraph/ent/schema"
	"accountgraph/graph/model"
	"accountgraph/internal/apperr"
	"accountgraph/internal/loyalty"
	"accountgraph/internal/money"
	"accountgraph/internal/page"
	"accountgraph/internal/ptr"
)

func loyaltyTier(t *schema.Tier) *model.LoyaltyTier {
	if t == nil {
		return nil
	}
	return &model.LoyaltyTier{Name: t.Name, Threshold: t.Threshold, Multiplier: float64(t.MultiplierPercent) / 100,
		Benefits: append([]string{}, t.Benefits...)}
}

func loyaltyProgram(p *loyalty.Program) *model.LoyaltyProgram {
	out := &model.LoyaltyProgram{Enabled: p.Enabled, Name: p.Name, CurrencyCode: money.Currency(p.CurrencyCode),
		PointsPerCurrencyUnit: p.PointsPerUnit, TierBasis: model.LoyaltyTierBasis(p.TierBasis),
		Rewards: p.Rewards, MembershipPlans: p.Plans, EarnRules: []*model.LoyaltyEarnRule{}, Tiers: []*model.LoyaltyTier{}}
	for _, r := range p.EarnRules {
		rule := &model.LoyaltyEarnRule{Action: model.LoyaltyEarnAction(r.Action), Points: r.Points}
		if r.DailyCap > 0 {
			rule.DailyCap = ptr.To(r.DailyCap)
		}
		out.EarnRules = append(out.EarnRules, rule)
	}
	for i := range p.Tiers {
		out.Tiers = append(out.Tiers, loyaltyTier(&p.Tiers[i]))
	}
	if p.ExpireAfterMonths > 0 {
		out.PointsExpireAfterMonths = ptr.To(p.ExpireAfterMonths)
	}
	if p.ExpireAfterInactiveMonths > 0 {
		out.PointsExpireAfterInactiveMonths = ptr.To(p.ExpireAfterInactiveMonths)
	}
	return out
}

func programInput(in model.LoyaltyProgramInput) loyalty.ProgramInput {
	out := loyalty.ProgramInput{Enabled: in.Enabled, Name: in.Name, PointsPerUnit: in.PointsPerCurrencyUnit,
		ExpireAfterMonths: in.PointsExpireAfterMonths, ExpireAfterInactiveMonth: in.PointsExpireAfterInactiveMonths,
		RewardCodeValidDays: in.RewardCodeValidDays,
		SetEarnRules:        in.EarnRules != nil, SetTiers: in.Tiers != nil, SetRewards: in.Rewards != nil, SetPlans: in.MembershipPlans != nil}
	if in.CurrencyCode != nil {
		out.CurrencyCode = ptr.To(string(*in.CurrencyCode))
	}
	if in.TierBasis != nil {
		out.TierBasis = ptr.To(string(*in.TierBasis))
	}
	for _, r := range in.EarnRules {
		rule := schema.EarnRule{Action: string(r.Action), Points: r.Points}
		if r.DailyCap != nil {
			rule.DailyCap = *r.DailyCap
		}
		out.EarnRules = append(out.EarnRules, rule)
	}
	for _, t := range in.Tiers {
		m := 1.0
		if t.Multiplier != nil {
			m = *t.Multiplier
		}
		out.Tiers = append(out.Tiers, loyalty.TierInput{Name: t.Name, Threshold: t.Threshold, Multiplier: m, Benefits: t.Benefits})
	}
	for _, r := range in.Rewards {
		out.Rewards = append(out.Rewards, loyalty.RewardInput{Handle: r.Handle, Name: r.Name, Description: r.Description,
			PointsCost: r.PointsCost, Kind: string(r.Kind), Amount: r.Amount, Percentage: r.Percentage, VariantID: r.VariantID,
			LimitPerCustomer: r.LimitPerCustomer})
	}
	for _, p := range in.MembershipPlans {
		n := 1
		if p.IntervalCount != nil {
			n = *p.IntervalCount
		}
		out.Plans = append(out.Plans, loyalty.PlanInput{Handle: p.Handle, Name: p.Name, Price: p.Price, Currency: string(p.CurrencyCode),
			Interval: string(p.Interval), IntervalCount: n, Benefits: p.Benefits})
	}
	return out
}

// loyaltyErrors maps to a loyalty payload's two error lists: precise
// LoyaltyErrorCodes, and the same entries as customer errors (with a code
// where Shopify's CustomerErrorCode has one).
func loyaltyErrors(err error) ([]*model.LoyaltyUserError, []*model.CustomerUserError, error) {
	return extensionErrors(err, func(c *model.LoyaltyErrorCode, field []string, message string) *model.LoyaltyUserError {
		return &model.LoyaltyUserError{Code: c, Field: field, Message: message}
	})
}

func (r *Resolver) ledgerPage(ctx context.Context, customerID int, args page.Args) (*model.LoyaltyTransactionConnection, error) {
	spec, err := page.NewestFirst(args, "ledger", func(e *ent.LoyaltyEntry) int { return e.ID })
	if err != nil {
		return nil, err
	}
	p, err := r.loaders(ctx).LoyaltyEntryPages.Load(ctx, customerID, spec)
	if err != nil {
		return nil, err
	}
	edges, info := connection(ctx, p, func(c string, e *ent.LoyaltyEntry) *model.LoyaltyTransactionEdge {
		return &model.LoyaltyTransactionEdge{Cursor: c, Node: e}
	})
	return &model.LoyaltyTransactionConnection{Edges: edges, Nodes: p.Items, PageInfo: info}, nil
}

// loyaltyView loads what an account's tier fields need and derives them.
func (r *Resolver) loyaltyView(ctx context.Context, a *ent.LoyaltyAccount) (loyalty.TierView, error) {
	l := r.loaders(ctx)
	p, err := l.LoyaltyProgram.Load(ctx, 0)
	if err != nil {
		return loyalty.TierView{}, err
	}
	var rolling loyalty.Sums
	if loyalty.Rolling(p) {
		if rolling, err = l.LoyaltyRolling.Load(ctx, a.CustomerID); err != nil {
			return loyalty.TierView{}, err
		}
	}
	return loyalty.View(p, a, rolling), nil
}

// queryError turns an input problem of a query (which has no payload to
// carry it) into a BAD_USER_INPUT error.
func queryError(err error) error {
	var fe apperr.FieldErrors
	if errors.As(err, &fe) {
		return apperr.BadRequest(strings.Join(fe[0].Field, ".") + ": " + fe[0].Message)
	}
	return err
}

func loyaltyPayload(a *ent.LoyaltyAccount, points int, err error) (*model.LoyaltyPayload, error) {
	lue, cue, err := loyaltyErrors(err)
	return &model.LoyaltyPayload{Loyalty: a, PointsEarned: points, LoyaltyUserErrors: lue, CustomerUserErrors: cue}, err
}

func membershipPayload(m *ent.Membership, err error) (*model.AdminMembershipPayload, error) {
	ue, err := adminErrors(err)
	return &model.AdminMembershipPayload{Membership: m, UserErrors: ue}, err
}
