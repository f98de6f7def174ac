// Package loyalty holds the rules of the loyalty programme: its set-up, the
// append-only points ledger and the account cache that sums it, earning
// from orders and actions, tiers, expiry, rewards redeemed for one-time
// discount codes, referrals and paid memberships.
//
// Every change to a customer's points runs in one transaction that first
// locks the customer's loyalty account row, writes ledger entries and
// updates the cached sums; concurrent changes for one customer therefore
// run one at a time and the cache always equals the ledger.
package loyalty

import (
	"context"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"accountgraph/ent"
	"accountgraph/ent/loyaltyprogram"
	"accountgraph/ent/loyaltyreward"
	"accountgraph/ent/membershipplan"
	"accountgraph/ent/productvariant"
	"accountgraph/ent/schema"
	"accountgraph/internal/apperr"
	"accountgraph/internal/auth"
	"accountgraph/internal/db"
	"accountgraph/internal/gid"
	"accountgraph/internal/money"
	"accountgraph/internal/notify"
)

// Error codes of our own: LoyaltyErrorCode values, and the AdminErrorCode
// values INSUFFICIENT_POINTS, ALREADY_USED and EXPIRED. The codes both
// enums share with the others (BLANK, INVALID, NOT_FOUND…) are in apperr.
const (
	CodeProgramDisabled    = "PROGRAM_DISABLED"
	CodeInsufficientPoints = "INSUFFICIENT_POINTS"
	CodeLimitReached       = "LIMIT_REACHED"
	CodeDailyCapReached    = "DAILY_CAP_REACHED"
	CodeAlreadyRecorded    = "ALREADY_RECORDED"
	CodeNotEarning         = "NOT_EARNING"
	CodeSelfReferral       = "SELF_REFERRAL"
	CodeReferralLoop       = "REFERRAL_LOOP"
	CodeReferralNotAllowed = "REFERRAL_NOT_ALLOWED"
	CodeAlreadyUsed        = "ALREADY_USED"
	CodeExpired            = "EXPIRED"
)

// Earning actions (LoyaltyEarnAction).
const (
	ActionPurchase        = "PURCHASE"
	ActionAccountCreation = "ACCOUNT_CREATION"
	ActionBirthday        = "BIRTHDAY"
	ActionFirstOrder      = "FIRST_ORDER"
	ActionNewsletter      = "NEWSLETTER_OPT_IN"
	ActionReview          = "REVIEW"
	ActionSocialShare     = "SOCIAL_SHARE"
	ActionReferral        = "REFERRAL"
	ActionReferred        = "REFERRED"
)

// Limits of the set-up.
const (
	MaxTiers     = 20
	MaxRewards   = 100
	MaxPlans     = 20
	MaxBenefits  = 20
	MaxPoints    = 1_000_000
	maxRulePts   = 100_000
	ProgramRowID = 1 // the programme is one row
)

// Service runs the loyalty rules.
type Service struct {
	DB        *ent.Client
	Customers auth.Authenticator
	// Now is the clock (tests move it).
	Now func() time.Time
	// Outbox takes "you earned points" and "new tier" messages in the
	// ledger's transactions (nil: none).
	Outbox *notify.Outbox
}

// Clock returns the service's time (tests move it).
func (s *Service) Clock() time.Time { return s.now() }

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// Program is the set-up with its active rewards and plans.
type Program struct {
	*ent.LoyaltyProgram
	Rewards []*ent.LoyaltyReward
	Plans   []*ent.MembershipPlan
}

// rule returns the programme's fixed-point rule of an action.
func rule(p *ent.LoyaltyProgram, action string) (schema.EarnRule, bool) {
	for _, r := range p.EarnRules {
		if r.Action == action && r.Points > 0 {
			return r, true
		}
	}
	return schema.EarnRule{}, false
}

// Config returns the set-up row (the defaults, disabled, until an admin
// sets it up).
func (s *Service) Config(ctx context.Context, c *ent.Client) (*ent.LoyaltyProgram, error) {
	return Config(ctx, c)
}

// Config returns the set-up row (the defaults, disabled, until an admin
// sets it up).
func Config(ctx context.Context, c *ent.Client) (*ent.LoyaltyProgram, error) {
	p, err := c.LoyaltyProgram.Get(ctx, ProgramRowID)
	if ent.IsNotFound(err) {
		return &ent.LoyaltyProgram{ID: ProgramRowID, Name: loyaltyprogram.DefaultName, CurrencyCode: loyaltyprogram.DefaultCurrencyCode,
			PointsPerUnit: loyaltyprogram.DefaultPointsPerUnit, EarnRules: []schema.EarnRule{}, TierBasis: loyaltyprogram.DefaultTierBasis,
			Tiers: []schema.Tier{}, RewardCodeValidDays: loyaltyprogram.DefaultRewardCodeValidDays}, nil
	}
	return p, err
}

// Program returns the set-up with its active rewards (cheapest first) and
// plans.
func (s *Service) Program(ctx context.Context) (*Program, error) {
	cfg, err := Config(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	rewards, err := s.DB.LoyaltyReward.Query().Where(loyaltyreward.Active(true)).
		Order(ent.Asc(loyaltyreward.FieldPointsCost), ent.Asc(loyaltyreward.FieldPosition)).All(ctx)
	if err != nil {
		return nil, err
	}
	plans, err := s.DB.MembershipPlan.Query().Where(membershipplan.Active(true)).Order(ent.Asc(membershipplan.FieldPosition)).All(ctx)
	if err != nil {
		return nil, err
	}
	return &Program{LoyaltyProgram: cfg, Rewards: rewards, Plans: plans}, nil
}

// ProgramInput changes the set-up; nil fields stay.
type ProgramInput struct {
	Enabled                  *bool
	Name                     *string
	CurrencyCode             *string
	PointsPerUnit            *int
	EarnRules                []schema.EarnRule
	SetEarnRules             bool
	TierBasis                *string
	Tiers                    []TierInput
	SetTiers                 bool
	Rewards                  []RewardInput
	SetRewards               bool
	ExpireAfterMonths        *int
	ExpireAfterInactiveMonth *int
	RewardCodeValidDays      *int
	Plans                    []PlanInput
	SetPlans                 bool
}

// TierInput is a tier as set up.
type TierInput struct {
	Name       string
	Threshold  int
	Multiplier float64
	Benefits   []string
}

// RewardInput is a reward as set up.
type RewardInput struct {
	Handle, Name     string
	Description      *string
	PointsCost       int
	Kind             string
	Amount           *string
	Percentage       *int
	VariantID        *string
	LimitPerCustomer *int
}

// PlanInput is a membership plan as set up.
type PlanInput struct {
	Handle, Name  string
	Price         string
	Currency      string
	Interval      string
	IntervalCount int
	Benefits      []string
}

var handleRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func checkName(errs *apperr.FieldErrors, f []string, v string, max int) string {
	v = strings.TrimSpace(v)
	switch {
	case v == "":
		errs.Add(f, apperr.CodeBlank, "Can't be blank")
	case utf8.RuneCountInString(v) > max:
		errs.Add(f, apperr.CodeTooLong, "Is too long")
	case strings.ContainsAny(v, "<>"):
		errs.Add(f, apperr.CodeInvalid, "Can't contain HTML")
	}
	return v
}

// checkHandle checks a set-up handle, unique within its list.
func checkHandle(errs *apperr.FieldErrors, f []string, seen map[string]bool, v string) string {
	v = strings.TrimSpace(v)
	if !handleRE.MatchString(v) || len(v) > 100 {
		errs.Add(f, apperr.CodeInvalid, "A handle is lower-case letters, digits and dashes (at most 100)")
	} else if seen[v] {
		errs.Add(f, apperr.CodeTaken, "Each handle once")
	}
	seen[v] = true
	return v
}

func checkBenefits(errs *apperr.FieldErrors, f []string, in []string) []string {
	if len(in) > MaxBenefits {
		errs.Add(f, apperr.CodeTooMany, "At most 20 benefits")
	}
	out := make([]string, 0, len(in))
	for i, b := range in {
		out = append(out, checkName(errs, append(f, apperr.Path(i)...), b, 200))
	}
	return out
}

func checkRange(errs *apperr.FieldErrors, f []string, v, lo, hi int, msg string) {
	if v < lo || v > hi {
		errs.Add(f, apperr.CodeInvalid, msg)
	}
}

// UpdateProgram changes the set-up in one transaction.
func (s *Service) UpdateProgram(ctx context.Context, in ProgramInput) (*Program, error) {
	var errs apperr.FieldErrors
	f := func(parts ...any) []string { return apperr.Path(append([]any{"input"}, parts...)...) }
	if in.Name != nil {
		*in.Name = checkName(&errs, f("name"), *in.Name, 100)
	}
	if in.PointsPerUnit != nil {
		checkRange(&errs, f("pointsPerCurrencyUnit"), *in.PointsPerUnit, 0, 1000, "Points per currency unit must be 0 to 1000")
	}
	for _, m := range []struct {
		v    *int
		name string
	}{{in.ExpireAfterMonths, "pointsExpireAfterMonths"}, {in.ExpireAfterInactiveMonth, "pointsExpireAfterInactiveMonths"}} {
		if m.v != nil {
			checkRange(&errs, f(m.name), *m.v, 0, 120, "Months must be 0 to 120")
		}
	}
	if in.RewardCodeValidDays != nil {
		checkRange(&errs, f("rewardCodeValidDays"), *in.RewardCodeValidDays, 1, 3650, "Days must be 1 to 3650")
	}
	seen := map[string]bool{}
	for i, r := range in.EarnRules {
		if seen[r.Action] {
			errs.Add(f("earnRules", i, "action"), apperr.CodeTaken, "Each action has one rule")
		}
		seen[r.Action] = true
		if r.Action == ActionPurchase {
			errs.Add(f("earnRules", i, "action"), apperr.CodeInvalid, "Purchases earn by pointsPerCurrencyUnit")
		}
		checkRange(&errs, f("earnRules", i, "points"), r.Points, 0, maxRulePts, "Points must be 0 to 100000")
		checkRange(&errs, f("earnRules", i, "dailyCap"), r.DailyCap, 0, 1000, "The daily cap must be 0 to 1000")
	}
	var tiers []schema.Tier
	if len(in.Tiers) > MaxTiers {
		errs.Add(f("tiers"), apperr.CodeTooMany, "At most 20 tiers")
	}
	for i, t := range in.Tiers {
		name := checkName(&errs, f("tiers", i, "name"), t.Name, 100)
		if seen["tier:"+name] {
			errs.Add(f("tiers", i, "name"), apperr.CodeTaken, "Each tier has its own name")
		}
		seen["tier:"+name] = true
		if i > 0 && t.Threshold <= in.Tiers[i-1].Threshold {
			errs.Add(f("tiers", i, "threshold"), apperr.CodeInvalid, "Thresholds must rise from tier to tier")
		}
		checkRange(&errs, f("tiers", i, "threshold"), t.Threshold, 0, math.MaxInt32, "The threshold must not be negative")
		pct := int(math.Round(t.Multiplier * 100))
		checkRange(&errs, f("tiers", i, "multiplier"), pct, 100, 1000, "The multiplier must be 1 to 10")
		tiers = append(tiers, schema.Tier{Name: name, Threshold: t.Threshold, MultiplierPercent: pct,
			Benefits: checkBenefits(&errs, f("tiers", i, "benefits"), t.Benefits)})
	}
	cfg, err := Config(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	currency := cfg.CurrencyCode
	if in.CurrencyCode != nil {
		currency = *in.CurrencyCode
	}
	rewards, err := s.checkRewards(ctx, &errs, in.Rewards, currency)
	if err != nil {
		return nil, err
	}
	plans := checkPlans(&errs, in.Plans)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		c := tx.LoyaltyProgram.Create().SetID(ProgramRowID).SetEnabled(cfg.Enabled).SetName(cfg.Name).SetCurrencyCode(currency).
			SetPointsPerUnit(cfg.PointsPerUnit).SetEarnRules(cfg.EarnRules).SetTierBasis(cfg.TierBasis).SetTiers(cfg.Tiers).
			SetExpireAfterMonths(cfg.ExpireAfterMonths).SetExpireAfterInactiveMonths(cfg.ExpireAfterInactiveMonths).
			SetRewardCodeValidDays(cfg.RewardCodeValidDays)
		if in.Enabled != nil {
			c.SetEnabled(*in.Enabled)
		}
		if in.Name != nil {
			c.SetName(*in.Name)
		}
		if in.PointsPerUnit != nil {
			c.SetPointsPerUnit(*in.PointsPerUnit)
		}
		if in.SetEarnRules {
			c.SetEarnRules(append([]schema.EarnRule{}, in.EarnRules...))
		}
		if in.TierBasis != nil {
			c.SetTierBasis(loyaltyprogram.TierBasis(*in.TierBasis))
		}
		if in.SetTiers {
			c.SetTiers(append([]schema.Tier{}, tiers...))
		}
		if in.ExpireAfterMonths != nil {
			c.SetExpireAfterMonths(*in.ExpireAfterMonths)
		}
		if in.ExpireAfterInactiveMonth != nil {
			c.SetExpireAfterInactiveMonths(*in.ExpireAfterInactiveMonth)
		}
		if in.RewardCodeValidDays != nil {
			c.SetRewardCodeValidDays(*in.RewardCodeValidDays)
		}
		if err := c.OnConflictColumns(loyaltyprogram.FieldID).UpdateNewValues().Exec(ctx); err != nil {
			return err
		}
		if in.SetRewards {
			if err := saveRewards(ctx, tx, rewards); err != nil {
				return err
			}
		}
		if in.SetPlans {
			return savePlans(ctx, tx, plans)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.Program(ctx)
}

func (s *Service) checkRewards(ctx context.Context, errs *apperr.FieldErrors, in []RewardInput, currency string) ([]*ent.LoyaltyReward, error) {
	if len(in) > MaxRewards {
		errs.Add(apperr.Path("input", "rewards"), apperr.CodeTooMany, "At most 100 rewards")
	}
	seen := map[string]bool{}
	var out []*ent.LoyaltyReward
	for i, r := range in {
		f := func(name string) []string { return apperr.Path("input", "rewards", i, name) }
		handle := checkHandle(errs, f("handle"), seen, r.Handle)
		m := &ent.LoyaltyReward{Handle: handle, Name: checkName(errs, f("name"), r.Name, 100), Kind: loyaltyreward.Kind(r.Kind), Position: i}
		if r.Description != nil {
			m.Description = strings.TrimSpace(*r.Description)
			if utf8.RuneCountInString(m.Description) > 500 {
				errs.Add(f("description"), apperr.CodeTooLong, "At most 500 characters")
			}
		}
		checkRange(errs, f("pointsCost"), r.PointsCost, 1, MaxPoints, "The cost must be 1 to 1000000 points")
		m.PointsCost = r.PointsCost
		if r.LimitPerCustomer != nil {
			checkRange(errs, f("limitPerCustomer"), *r.LimitPerCustomer, 0, 1000, "The limit must be 0 to 1000")
			m.LimitPerCustomer = *r.LimitPerCustomer
		}
		switch m.Kind {
		case loyaltyreward.KindFIXED_AMOUNT:
			if r.Amount == nil {
				errs.Add(f("amount"), apperr.CodeBlank, "A fixed-amount reward needs an amount")
				break
			}
			n, err := money.Parse(*r.Amount, currency)
			if err != nil || n <= 0 {
				errs.Add(f("amount"), apperr.CodeInvalid, "The amount must be a positive decimal in "+currency)
			}
			m.Amount, m.CurrencyCode = n, currency
		case loyaltyreward.KindPERCENTAGE:
			if r.Percentage == nil || *r.Percentage < 1 || *r.Percentage > 100 {
				errs.Add(f("percentage"), apperr.CodeInvalid, "The percentage must be 1 to 100")
				break
			}
			m.Percentage = *r.Percentage
		case loyaltyreward.KindFREE_PRODUCT:
			if r.VariantID == nil {
				errs.Add(f("variantId"), apperr.CodeBlank, "A free-product reward needs a variant")
				break
			}
			id, err := gid.Decode(*r.VariantID, "ProductVariant")
			if err == nil {
				ok, qerr := s.DB.ProductVariant.Query().Where(productvariant.ID(id)).Exist(ctx)
				if qerr != nil {
					return nil, qerr
				}
				if !ok {
					err = gid.ErrInvalid
				}
			}
			if err != nil {
				errs.Add(f("variantId"), apperr.CodeNotFound, "The variant does not exist")
			}
			m.VariantID = &id
		}
		out = append(out, m)
	}
	return out, nil
}

func saveRewards(ctx context.Context, tx *ent.Tx, rewards []*ent.LoyaltyReward) error {
	handles := make([]string, len(rewards))
	for i, r := range rewards {
		handles[i] = r.Handle
		c := tx.LoyaltyReward.Create().SetHandle(r.Handle).SetName(r.Name).SetDescription(r.Description).
			SetPointsCost(r.PointsCost).SetKind(r.Kind).SetAmount(r.Amount).SetCurrencyCode(r.CurrencyCode).
			SetPercentage(r.Percentage).SetNillableVariantID(r.VariantID).SetLimitPerCustomer(r.LimitPerCustomer).
			SetActive(true).SetPosition(r.Position)
		if err := c.OnConflictColumns(loyaltyreward.FieldHandle).UpdateNewValues().Exec(ctx); err != nil {
			return err
		}
	}
	// Withdrawn rewards stay for the codes already issued.
	return tx.LoyaltyReward.Update().Where(loyaltyreward.HandleNotIn(handles...)).SetActive(false).Exec(ctx)
}

func checkPlans(errs *apperr.FieldErrors, in []PlanInput) []*ent.MembershipPlan {
	if len(in) > MaxPlans {
		errs.Add(apperr.Path("input", "membershipPlans"), apperr.CodeTooMany, "At most 20 plans")
	}
	seen := map[string]bool{}
	var out []*ent.MembershipPlan
	for i, p := range in {
		f := func(name string) []string { return apperr.Path("input", "membershipPlans", i, name) }
		handle := checkHandle(errs, f("handle"), seen, p.Handle)
		price, err := money.Parse(p.Price, p.Currency)
		if err != nil {
			errs.Add(f("price"), apperr.CodeInvalid, "The price must be a decimal in "+p.Currency)
		}
		checkRange(errs, f("intervalCount"), p.IntervalCount, 1, 36, "A period is 1 to 36 intervals")
		out = append(out, &ent.MembershipPlan{Handle: handle, Name: checkName(errs, f("name"), p.Name, 100), Price: price,
			CurrencyCode: p.Currency, Interval: membershipplan.Interval(p.Interval), IntervalCount: p.IntervalCount,
			Benefits: checkBenefits(errs, f("benefits"), p.Benefits), Position: i})
	}
	return out
}

func savePlans(ctx context.Context, tx *ent.Tx, plans []*ent.MembershipPlan) error {
	handles := make([]string, len(plans))
	for i, p := range plans {
		handles[i] = p.Handle
		c := tx.MembershipPlan.Create().SetHandle(p.Handle).SetName(p.Name).SetPrice(p.Price).SetCurrencyCode(p.CurrencyCode).
			SetInterval(p.Interval).SetIntervalCount(p.IntervalCount).SetBenefits(p.Benefits).SetActive(true).SetPosition(p.Position)
		if err := c.OnConflictColumns(membershipplan.FieldHandle).UpdateNewValues().Exec(ctx); err != nil {
			return err
		}
	}
	return tx.MembershipPlan.Update().Where(membershipplan.HandleNotIn(handles...)).SetActive(false).Exec(ctx)
}

func sortedTiers(tiers []schema.Tier) []schema.Tier {
	sorted := append([]schema.Tier{}, tiers...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Threshold < sorted[j].Threshold })
	return sorted
}

// TierFor returns the highest tier whose threshold measure reaches, and
// the next one up (nil at the top).
func TierFor(tiers []schema.Tier, measure int64) (cur, next *schema.Tier) {
	name := ""
	for _, t := range sortedTiers(tiers) {
		if int64(t.Threshold) <= measure {
			name = t.Name
		}
	}
	return TierNamed(tiers, name)
}

// TierNamed returns the tier of a name (nil for none, or for one no longer
// set up) and the next one up (nil at the top).
func TierNamed(tiers []schema.Tier, name string) (cur, next *schema.Tier) {
	sorted := sortedTiers(tiers)
	at := -1
	for i := range sorted {
		if name != "" && sorted[i].Name == name {
			at = i
		}
	}
	if at >= 0 {
		cur = &sorted[at]
	}
	if at+1 < len(sorted) {
		next = &sorted[at+1]
	}
	return cur, next
}

// TierView is what an account's tier fields show.
type TierView struct {
	Tier, Next *schema.Tier // the account's tier (nil below the first) and the next one up (nil at the top)
	// What the next tier still needs, by the programme's basis: points, or
	// spend in minor units of Currency; nil at the top and for the other basis.
	PointsToNext *int
	SpendToNext  *int64
	Currency     string
}

// View derives the tier fields of account a (rolling: its 12-month sums,
// for programmes whose tiers count them). The tier is the cached one:
// rolling tiers move with the housekeeping job.
func View(p *ent.LoyaltyProgram, a *ent.LoyaltyAccount, rolling Sums) TierView {
	v := TierView{Currency: p.CurrencyCode}
	v.Tier, v.Next = TierNamed(p.Tiers, a.Tier)
	if v.Next == nil {
		return v
	}
	left := int64(v.Next.Threshold) - Measure(p, a, rolling)
	if SpendBasis(p) {
		spend := left * money.MinorPerUnit(p.CurrencyCode)
		v.SpendToNext = &spend
	} else {
		points := int(left)
		v.PointsToNext = &points
	}
	return v
}
