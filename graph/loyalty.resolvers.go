package graph

import (
	"accountgraph/ent"
	"accountgraph/ent/loyaltyreward"
	"accountgraph/graph/model"
	"accountgraph/internal/apperr"
	"accountgraph/internal/gid"
	"accountgraph/internal/loyalty"
	"accountgraph/internal/money"
	"accountgraph/internal/page"
	"context"
	"time"
)

// Loyalty is the resolver for the loyalty field.
func (r *customerResolver) Loyalty(ctx context.Context, obj *ent.Customer) (*ent.LoyaltyAccount, error) {
	l := r.loaders(ctx)
	p, err := l.LoyaltyProgram.Load(ctx, 0)
	if err != nil || !p.Enabled {
		return nil, err
	}
	a, err := l.LoyaltyAccount.Load(ctx, obj.ID)
	if a != nil || err != nil {
		return a, err
	}
	return r.LoyaltyService.Account(ctx, obj.ID)
}

// Tier is the resolver for the tier field.
func (r *customerLoyaltyResolver) Tier(ctx context.Context, obj *ent.LoyaltyAccount) (*model.LoyaltyTier, error) {
	v, err := r.loyaltyView(ctx, obj)
	if err != nil {
		return nil, err
	}
	return loyaltyTier(v.Tier), nil
}

// NextTier is the resolver for the nextTier field.
func (r *customerLoyaltyResolver) NextTier(ctx context.Context, obj *ent.LoyaltyAccount) (*model.LoyaltyTier, error) {
	v, err := r.loyaltyView(ctx, obj)
	if err != nil {
		return nil, err
	}
	return loyaltyTier(v.Next), nil
}

// PointsToNextTier is the resolver for the pointsToNextTier field.
func (r *customerLoyaltyResolver) PointsToNextTier(ctx context.Context, obj *ent.LoyaltyAccount) (*int, error) {
	v, err := r.loyaltyView(ctx, obj)
	return v.PointsToNext, err
}

// SpendToNextTier is the resolver for the spendToNextTier field.
func (r *customerLoyaltyResolver) SpendToNextTier(ctx context.Context, obj *ent.LoyaltyAccount) (*money.V2, error) {
	v, err := r.loyaltyView(ctx, obj)
	if err != nil || v.SpendToNext == nil {
		return nil, err
	}
	return money.NewV2(*v.SpendToNext, v.Currency), nil
}

// PointsExpiring is the resolver for the pointsExpiring field.
func (r *customerLoyaltyResolver) PointsExpiring(ctx context.Context, obj *ent.LoyaltyAccount) ([]*model.LoyaltyPointsExpiry, error) {
	l := r.loaders(ctx)
	p, err := l.LoyaltyProgram.Load(ctx, 0)
	if err != nil {
		return nil, err
	}
	var led loyalty.Ledger
	if p.ExpireAfterMonths > 0 {
		if led, err = l.LoyaltyLots.Load(ctx, obj.CustomerID); err != nil {
			return nil, err
		}
	}
	out := []*model.LoyaltyPointsExpiry{}
	for _, e := range loyalty.Expiring(p, obj, led, r.LoyaltyService.Clock()) {
		out = append(out, &model.LoyaltyPointsExpiry{Points: e.Points, ExpiresAt: e.At})
	}
	return out, nil
}

// Transactions is the resolver for the transactions field.
func (r *customerLoyaltyResolver) Transactions(ctx context.Context, obj *ent.LoyaltyAccount, first *int, after *string, last *int, before *string, reverse *bool) (*model.LoyaltyTransactionConnection, error) {
	return r.ledgerPage(ctx, obj.CustomerID, pageArgs(first, after, last, before, reverse))
}

// AvailableRewards is the resolver for the availableRewards field.
func (r *customerLoyaltyResolver) AvailableRewards(ctx context.Context, obj *ent.LoyaltyAccount) ([]*ent.LoyaltyReward, error) {
	l := r.loaders(ctx)
	rewards, err := l.ActiveRewards.Load(ctx, 0)
	if err != nil {
		return nil, err
	}
	used, err := l.RedemptionCounts.Load(ctx, obj.CustomerID)
	if err != nil {
		return nil, err
	}
	out := []*ent.LoyaltyReward{}
	for _, rw := range rewards {
		if loyalty.Eligible(rw, obj.Balance, used[rw.ID]) {
			out = append(out, rw)
		}
	}
	return out, nil
}

// Redemptions is the resolver for the redemptions field.
func (r *customerLoyaltyResolver) Redemptions(ctx context.Context, obj *ent.LoyaltyAccount, first *int, after *string, last *int, before *string, reverse *bool) (*model.LoyaltyRedemptionConnection, error) {
	spec, err := page.NewestFirst(pageArgs(first, after, last, before, reverse), "redemptions", func(e *ent.LoyaltyRedemption) int { return e.ID })
	if err != nil {
		return nil, err
	}
	p, err := r.loaders(ctx).RedemptionPages.Load(ctx, obj.CustomerID, spec)
	if err != nil {
		return nil, err
	}
	edges, info := connection(ctx, p, func(c string, e *ent.LoyaltyRedemption) *model.LoyaltyRedemptionEdge {
		return &model.LoyaltyRedemptionEdge{Cursor: c, Node: e}
	})
	return &model.LoyaltyRedemptionConnection{Edges: edges, Nodes: p.Items, PageInfo: info}, nil
}

// ReferralCount is the resolver for the referralCount field.
func (r *customerLoyaltyResolver) ReferralCount(ctx context.Context, obj *ent.LoyaltyAccount) (int, error) {
	return r.loaders(ctx).ReferralCount.Load(ctx, obj.CustomerID)
}

// Membership is the resolver for the membership field.
func (r *customerLoyaltyResolver) Membership(ctx context.Context, obj *ent.LoyaltyAccount) (*ent.Membership, error) {
	return r.loaders(ctx).MembershipByCustomer.Load(ctx, obj.CustomerID)
}

// Reward is the resolver for the reward field.
func (r *loyaltyRedemptionResolver) Reward(ctx context.Context, obj *ent.LoyaltyRedemption) (*ent.LoyaltyReward, error) {
	return r.loaders(ctx).RewardByID.Load(ctx, obj.RewardID)
}

// Kind is the resolver for the kind field.
func (r *loyaltyRedemptionResolver) Kind(ctx context.Context, obj *ent.LoyaltyRedemption) (loyaltyreward.Kind, error) {
	return loyaltyreward.Kind(obj.Kind), nil
}

// Variant is the resolver for the variant field.
func (r *loyaltyRewardResolver) Variant(ctx context.Context, obj *ent.LoyaltyReward) (*ent.ProductVariant, error) {
	if obj.VariantID == nil {
		return nil, nil
	}
	return r.loaders(ctx).VariantByID.Load(ctx, *obj.VariantID)
}

// Action is the resolver for the action field.
func (r *loyaltyTransactionResolver) Action(ctx context.Context, obj *ent.LoyaltyEntry) (*model.LoyaltyEarnAction, error) {
	return code[model.LoyaltyEarnAction](obj.Action), nil
}

// Order is the resolver for the order field.
func (r *loyaltyTransactionResolver) Order(ctx context.Context, obj *ent.LoyaltyEntry) (*ent.Order, error) {
	if obj.OrderID == nil {
		return nil, nil
	}
	return r.loaders(ctx).OrderByID.Load(ctx, *obj.OrderID)
}

// Reward is the resolver for the reward field.
func (r *loyaltyTransactionResolver) Reward(ctx context.Context, obj *ent.LoyaltyEntry) (*ent.LoyaltyReward, error) {
	if obj.RewardID == nil {
		return nil, nil
	}
	return r.loaders(ctx).RewardByID.Load(ctx, *obj.RewardID)
}

// Plan is the resolver for the plan field.
func (r *membershipResolver) Plan(ctx context.Context, obj *ent.Membership) (*ent.MembershipPlan, error) {
	return r.loaders(ctx).PlanByID.Load(ctx, obj.PlanID)
}

// Status is the resolver for the status field.
func (r *membershipResolver) Status(ctx context.Context, obj *ent.Membership) (model.MembershipStatus, error) {
	return model.MembershipStatus(loyalty.Status(obj, r.LoyaltyService.Clock())), nil
}

// RenewsAt is the resolver for the renewsAt field.
func (r *membershipResolver) RenewsAt(ctx context.Context, obj *ent.Membership) (*time.Time, error) {
	if loyalty.Status(obj, r.LoyaltyService.Clock()) != loyalty.MembershipActive {
		return nil, nil
	}
	return &obj.PeriodEnd, nil
}

// EndsAt is the resolver for the endsAt field.
func (r *membershipResolver) EndsAt(ctx context.Context, obj *ent.Membership) (*time.Time, error) {
	return loyalty.EndsAt(obj, r.LoyaltyService.Clock()), nil
}

// LoyaltyRewardRedeem is the resolver for the loyaltyRewardRedeem field.
func (r *mutationResolver) LoyaltyRewardRedeem(ctx context.Context, customerAccessToken string, rewardID string) (*model.LoyaltyRewardRedeemPayload, error) {
	red, err := r.LoyaltyService.Redeem(ctx, customerAccessToken, rewardID)
	lue, cue, err := loyaltyErrors(err)
	p := &model.LoyaltyRewardRedeemPayload{LoyaltyUserErrors: lue, CustomerUserErrors: cue}
	if red != nil {
		p.DiscountCode, p.Redemption, p.Loyalty = &red.Code, red.Redemption, red.Account
	}
	return p, err
}

// LoyaltyActionRecord is the resolver for the loyaltyActionRecord field.
func (r *mutationResolver) LoyaltyActionRecord(ctx context.Context, customerAccessToken string, action model.LoyaltyCustomerAction, reference string) (*model.LoyaltyPayload, error) {
	a, points, err := r.LoyaltyService.RecordAction(ctx, customerAccessToken, string(action), reference)
	return loyaltyPayload(a, points, err)
}

// LoyaltyReferralApply is the resolver for the loyaltyReferralApply field.
func (r *mutationResolver) LoyaltyReferralApply(ctx context.Context, customerAccessToken string, referralCode string) (*model.LoyaltyPayload, error) {
	a, err := r.LoyaltyService.ApplyReferral(ctx, customerAccessToken, referralCode)
	return loyaltyPayload(a, 0, err)
}

// AdminLoyaltyProgramUpdate is the resolver for the adminLoyaltyProgramUpdate field.
func (r *mutationResolver) AdminLoyaltyProgramUpdate(ctx context.Context, input model.LoyaltyProgramInput) (*model.LoyaltyProgramPayload, error) {
	p, err := r.LoyaltyService.UpdateProgram(ctx, programInput(input))
	ue, err := adminErrors(err)
	out := &model.LoyaltyProgramPayload{UserErrors: ue}
	if p != nil {
		out.Program = loyaltyProgram(p)
	}
	return out, err
}

// AdminLoyaltyPointsAdjust is the resolver for the adminLoyaltyPointsAdjust field.
func (r *mutationResolver) AdminLoyaltyPointsAdjust(ctx context.Context, customerID string, points int, reason string, idempotencyKey *string) (*model.AdminLoyaltyPayload, error) {
	e, a, err := r.LoyaltyService.Adjust(ctx, customerID, points, reason, idempotencyKey)
	ue, err := adminErrors(err)
	return &model.AdminLoyaltyPayload{Transaction: e, Loyalty: a, UserErrors: ue}, err
}

// AdminLoyaltyDiscountCodeUse is the resolver for the adminLoyaltyDiscountCodeUse field.
func (r *mutationResolver) AdminLoyaltyDiscountCodeUse(ctx context.Context, code string) (*model.AdminLoyaltyDiscountCodePayload, error) {
	red, err := r.LoyaltyService.UseCode(ctx, code)
	ue, err := adminErrors(err)
	out := &model.AdminLoyaltyDiscountCodePayload{Redemption: red, UserErrors: ue}
	if red != nil {
		if out.Reward, err = r.loaders(ctx).RewardByID.Load(ctx, red.RewardID); err != nil {
			return nil, err
		}
	}
	return out, err
}

// AdminMembershipStart is the resolver for the adminMembershipStart field.
func (r *mutationResolver) AdminMembershipStart(ctx context.Context, customerID string, planHandle string, paymentReference string) (*model.AdminMembershipPayload, error) {
	return membershipPayload(r.LoyaltyService.StartMembership(ctx, customerID, planHandle, paymentReference))
}

// AdminMembershipRenew is the resolver for the adminMembershipRenew field.
func (r *mutationResolver) AdminMembershipRenew(ctx context.Context, customerID string, paymentReference string) (*model.AdminMembershipPayload, error) {
	return membershipPayload(r.LoyaltyService.RenewMembership(ctx, customerID, paymentReference))
}

// AdminMembershipCancel is the resolver for the adminMembershipCancel field.
func (r *mutationResolver) AdminMembershipCancel(ctx context.Context, customerID string, immediately *bool) (*model.AdminMembershipPayload, error) {
	return membershipPayload(r.LoyaltyService.CancelMembership(ctx, customerID, immediately != nil && *immediately))
}

// LoyaltyProgram is the resolver for the loyaltyProgram field.
func (r *queryResolver) LoyaltyProgram(ctx context.Context) (*model.LoyaltyProgram, error) {
	p, err := r.LoyaltyService.Program(ctx)
	if err != nil {
		return nil, err
	}
	return loyaltyProgram(p), nil
}

// AdminLoyaltyLedger is the resolver for the adminLoyaltyLedger field.
func (r *queryResolver) AdminLoyaltyLedger(ctx context.Context, customerID string, first *int, after *string, last *int, before *string, reverse *bool) (*model.LoyaltyTransactionConnection, error) {
	id, err := r.LoyaltyService.CustomerID(ctx, customerID, apperr.Path("customerId"))
	if err != nil {
		return nil, queryError(err)
	}
	return r.ledgerPage(ctx, id, pageArgs(first, after, last, before, reverse))
}

// AdminLoyaltyConsistencyCheck is the resolver for the adminLoyaltyConsistencyCheck field.
func (r *queryResolver) AdminLoyaltyConsistencyCheck(ctx context.Context, customerIds []string) (*model.LoyaltyConsistencyReport, error) {
	n, ms, err := r.LoyaltyService.Check(ctx, customerIds)
	if err != nil {
		return nil, queryError(err)
	}
	out := &model.LoyaltyConsistencyReport{CheckedAccounts: n, Mismatches: []*model.LoyaltyMismatch{}}
	for _, m := range ms {
		out.Mismatches = append(out.Mismatches, &model.LoyaltyMismatch{CustomerID: gid.Encode("Customer", m.CustomerID),
			CachedBalance: m.CachedBalance, LedgerBalance: m.LedgerBalance,
			CachedLifetimePoints: m.CachedLifetime, LedgerLifetimePoints: m.LedgerLifetime})
	}
	return out, nil
}

// CustomerLoyalty returns CustomerLoyaltyResolver implementation.
func (r *Resolver) CustomerLoyalty() CustomerLoyaltyResolver { return &customerLoyaltyResolver{r} }

// LoyaltyRedemption returns LoyaltyRedemptionResolver implementation.
func (r *Resolver) LoyaltyRedemption() LoyaltyRedemptionResolver {
	return &loyaltyRedemptionResolver{r}
}

// LoyaltyReward returns LoyaltyRewardResolver implementation.
func (r *Resolver) LoyaltyReward() LoyaltyRewardResolver { return &loyaltyRewardResolver{r} }

// LoyaltyTransaction returns LoyaltyTransactionResolver implementation.
func (r *Resolver) LoyaltyTransaction() LoyaltyTransactionResolver {
	return &loyaltyTransactionResolver{r}
}

// Membership returns MembershipResolver implementation.
func (r *Resolver) Membership() MembershipResolver { return &membershipResolver{r} }

type (
	customerLoyaltyResolver    struct{ *Resolver }
	loyaltyRedemptionResolver  struct{ *Resolver }
	loyaltyRewardResolver      struct{ *Resolver }
	loyaltyTransactionResolver struct{ *Resolver }
	membershipResolver         struct{ *Resolver }
)
