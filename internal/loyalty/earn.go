package loyalty

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"accountgraph/ent"
	"accountgraph/ent/loyaltyaccount"
	"accountgraph/ent/loyaltyentry"
	entorder "accountgraph/ent/order"
	"accountgraph/internal/apperr"
	"accountgraph/internal/db"
	"accountgraph/internal/money"
)

var actionNames = map[string]string{
	ActionAccountCreation: "Welcome bonus",
	ActionBirthday:        "Birthday bonus",
	ActionFirstOrder:      "First order bonus",
	ActionNewsletter:      "Newsletter sign-up",
	ActionReview:          "Product review",
	ActionSocialShare:     "Social share",
	ActionReferral:        "A friend's first order",
	ActionReferred:        "Joined with a friend's referral",
}

// earnAction writes a rule's fixed points once per key (no-op without a
// rule); quiet keeps them out of the customer's messages.
func (s *Service) earnAction(ctx context.Context, tx *ent.Tx, p *ent.LoyaltyProgram, a *ent.LoyaltyAccount, action, key string, quiet bool) (int, error) {
	rule, ok := rule(p, action)
	if !ok {
		return 0, nil
	}
	src := loyaltyentry.SourceACTION
	if action == ActionReferral || action == ActionReferred {
		src = loyaltyentry.SourceREFERRAL
	}
	_, created, err := s.post(ctx, tx, p, a, entry{kind: loyaltyentry.KindEARN, source: src, action: action,
		points: rule.Points, key: key, description: actionNames[action], quiet: quiet})
	if !created {
		return 0, err
	}
	return rule.Points, err
}

// paid tells whether an order counts for earning: paid (also when later
// refunded) and not cancelled.
func paid(o *ent.Order) bool {
	if o.CanceledAt != nil {
		return false
	}
	switch o.FinancialStatus {
	case entorder.FinancialStatusPAID, entorder.FinancialStatusPARTIALLY_REFUNDED, entorder.FinancialStatusREFUNDED:
		return true
	}
	return false
}

func multiplier(p *ent.LoyaltyProgram, tier string) int64 {
	for _, t := range p.Tiers {
		if t.Name == tier && t.MultiplierPercent > 0 {
			return int64(t.MultiplierPercent)
		}
	}
	return 100
}

// share is what remains of n after refunding refunded of total, rounded
// in the customer's favour.
func share(n, refunded, total int64) int64 {
	if total <= 0 || refunded <= 0 {
		return n
	}
	return n - n*refunded/total
}

// OrderChanged brings a customer's ledger in line with an order, inside
// the transaction that changed it: a paid order earns once (points per
// currency unit of its goods, after discounts, times the tier's
// multiplier), a refund takes back a proportional share and a cancellation
// all of it. Calling it again for an unchanged order writes nothing.
func (s *Service) OrderChanged(ctx context.Context, tx *ent.Tx, o *ent.Order) error {
	if o.CustomerID == nil {
		return nil
	}
	p, err := Config(ctx, tx.Client())
	if err != nil || !p.Enabled {
		return err
	}
	a, err := lockAccount(ctx, tx, *o.CustomerID)
	if err != nil {
		return err
	}
	entries, err := tx.LoyaltyEntry.Query().Where(loyaltyentry.CustomerID(a.CustomerID), loyaltyentry.OrderID(o.ID)).All(ctx)
	if err != nil {
		return err
	}
	var earn *ent.LoyaltyEntry
	net, netSpend := 0, int64(0)
	for _, e := range entries {
		if e.Kind == loyaltyentry.KindEARN {
			earn = e
		}
		net += e.Points
		netSpend += e.Spend
	}
	if earn == nil {
		if !paid(o) {
			return nil
		}
		return s.earnOrder(ctx, tx, p, a, o)
	}
	target, targetSpend := int64(0), int64(0)
	if paid(o) {
		target = share(int64(earn.Points), o.TotalRefunded, o.TotalPrice)
		targetSpend = share(earn.Spend, o.TotalRefunded, o.TotalPrice)
	}
	if int(target) >= net {
		return nil
	}
	desc := "Refund of order " + o.Name
	if o.CanceledAt != nil {
		desc = "Cancellation of order " + o.Name
	}
	_, _, err = s.post(ctx, tx, p, a, entry{kind: loyaltyentry.KindREVERSE, source: loyaltyentry.SourceORDER, action: ActionPurchase,
		points: int(target) - net, spend: targetSpend - netSpend, orderID: &o.ID,
		key: orderKey(o.ID, "net:"+strconv.FormatInt(target, 10)), description: desc})
	return err
}

// announceWithin is how old an order may be for its points to be
// announced: older ones are history being imported.
const announceWithin = 24 * time.Hour

func (s *Service) earnOrder(ctx context.Context, tx *ent.Tx, p *ent.LoyaltyProgram, a *ent.LoyaltyAccount, o *ent.Order) error {
	goods := max(o.SubtotalPrice-o.TotalDiscounts, 0)
	spend := share(goods, o.TotalRefunded, o.TotalPrice)
	unit := money.MinorPerUnit(o.CurrencyCode)
	points := spend * int64(p.PointsPerUnit) * multiplier(p, a.Tier) / (unit * 100)
	if points > MaxPoints {
		points = MaxPoints
	}
	old := s.now().Sub(o.ProcessedAt) > announceWithin
	first, err := tx.LoyaltyEntry.Query().Where(loyaltyentry.CustomerID(a.CustomerID), loyaltyentry.SourceEQ(loyaltyentry.SourceORDER)).Exist(ctx)
	if err != nil {
		return err
	}
	if _, _, err := s.post(ctx, tx, p, a, entry{kind: loyaltyentry.KindEARN, source: loyaltyentry.SourceORDER, action: ActionPurchase,
		points: int(points), spend: spend, orderID: &o.ID, key: orderKey(o.ID, ""), description: "Order " + o.Name,
		quiet: old}); err != nil {
		return err
	}
	if first {
		return nil
	}
	if _, err := s.earnAction(ctx, tx, p, a, ActionFirstOrder, "first_order", old); err != nil {
		return err
	}
	if a.ReferredByID == nil {
		return nil
	}
	// The referral pays out on the referred customer's first paid order.
	if _, err := s.earnAction(ctx, tx, p, a, ActionReferred, "referred", old); err != nil {
		return err
	}
	ref, err := lockAccount(ctx, tx, *a.ReferredByID)
	if err != nil {
		return err
	}
	_, err = s.earnAction(ctx, tx, p, ref, ActionReferral, "referral:"+strconv.Itoa(a.CustomerID), old)
	return err
}

// CheckReferralCode answers INVALID for a code no account has, while the
// programme runs (customerCreate's input.referralCode).
func (s *Service) CheckReferralCode(ctx context.Context, code string, field []string) error {
	if strings.TrimSpace(code) == "" {
		return nil
	}
	p, err := Config(ctx, s.DB)
	if err != nil || !p.Enabled {
		return err
	}
	ok, err := s.DB.LoyaltyAccount.Query().Where(loyaltyaccount.ReferralCode(normalise(code))).Exist(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return apperr.Invalid(field, apperr.CodeInvalid, "Referral code is not valid")
	}
	return nil
}

// Joined opens a new customer's account inside the registration's
// transaction: the sign-up and newsletter points, and the referrer.
func (s *Service) Joined(ctx context.Context, tx *ent.Tx, c *ent.Customer, referralCode string) error {
	p, err := Config(ctx, tx.Client())
	if err != nil || !p.Enabled {
		return err
	}
	a, err := lockAccount(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	if code := normalise(referralCode); code != "" {
		ref, err := tx.LoyaltyAccount.Query().Where(loyaltyaccount.ReferralCode(code)).Only(ctx)
		if err != nil {
			return err // checked before: a code that vanished since is an internal error
		}
		if a, err = tx.LoyaltyAccount.UpdateOne(a).SetReferredByID(ref.CustomerID).Save(ctx); err != nil {
			return err
		}
	}
	if _, err := s.earnAction(ctx, tx, p, a, ActionAccountCreation, "signup", false); err != nil {
		return err
	}
	if c.AcceptsMarketing {
		_, err = s.earnAction(ctx, tx, p, a, ActionNewsletter, "newsletter", false)
	}
	return err
}

// MarketingOptIn earns the newsletter points, once per customer ever.
func (s *Service) MarketingOptIn(ctx context.Context, tx *ent.Tx, customerID int) error {
	p, err := Config(ctx, tx.Client())
	if err != nil || !p.Enabled {
		return err
	}
	if _, ok := rule(p, ActionNewsletter); !ok {
		return nil
	}
	a, err := lockAccount(ctx, tx, customerID)
	if err != nil {
		return err
	}
	_, err = s.earnAction(ctx, tx, p, a, ActionNewsletter, "newsletter", false)
	return err
}

// customerOp authenticates and checks that the programme runs.
func (s *Service) customerOp(ctx context.Context, token string) (*ent.Customer, *ent.LoyaltyProgram, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return nil, nil, err
	}
	p, err := Config(ctx, s.DB)
	if err != nil {
		return nil, nil, err
	}
	if !p.Enabled {
		return nil, nil, apperr.Invalid(nil, CodeProgramDisabled, "The shop has no loyalty programme")
	}
	return c, p, nil
}

// RecordAction earns an action's points once per reference, within the
// rule's daily cap.
func (s *Service) RecordAction(ctx context.Context, token, action, reference string) (*ent.LoyaltyAccount, int, error) {
	c, p, err := s.customerOp(ctx, token)
	if err != nil {
		return nil, 0, err
	}
	ref := strings.TrimSpace(reference)
	switch {
	case ref == "":
		return nil, 0, apperr.Invalid(apperr.Path("reference"), apperr.CodeInvalid, "Reference can't be blank")
	case utf8.RuneCountInString(ref) > 500:
		return nil, 0, apperr.Invalid(apperr.Path("reference"), apperr.CodeInvalid, "Reference is at most 500 characters")
	case strings.IndexFunc(ref, unicode.IsControl) >= 0:
		return nil, 0, apperr.Invalid(apperr.Path("reference"), apperr.CodeInvalid, "Reference contains control characters")
	}
	rule, ok := rule(p, action)
	if !ok {
		return nil, 0, apperr.Invalid(apperr.Path("action"), CodeNotEarning, "This action earns no points")
	}
	sum := sha256.Sum256([]byte(ref))
	key := "action:" + action + ":" + hex.EncodeToString(sum[:16])
	var a *ent.LoyaltyAccount
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		var err error
		if a, err = lockAccount(ctx, tx, c.ID); err != nil {
			return err
		}
		if seen, err := tx.LoyaltyEntry.Query().Where(loyaltyentry.CustomerID(c.ID), loyaltyentry.IdempotencyKey(key)).Exist(ctx); err != nil {
			return err
		} else if seen {
			return apperr.Invalid(apperr.Path("reference"), CodeAlreadyRecorded, "This has already earned points")
		}
		if rule.DailyCap > 0 {
			now := s.now()
			day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
			n, err := tx.LoyaltyEntry.Query().Where(loyaltyentry.CustomerID(c.ID), loyaltyentry.Action(action),
				loyaltyentry.CreatedAtGTE(day)).Count(ctx)
			if err != nil {
				return err
			}
			if n >= rule.DailyCap {
				return apperr.Invalid(apperr.Path("action"), CodeDailyCapReached, "Today's limit for this action is reached")
			}
		}
		_, err = s.earnAction(ctx, tx, p, a, action, key, false)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return a, rule.Points, nil
}

// ApplyReferral records who referred a customer who registered without a
// code: once, before the first order, never the customer's own code or
// that of someone the customer referred (directly or down a chain).
func (s *Service) ApplyReferral(ctx context.Context, token, code string) (*ent.LoyaltyAccount, error) {
	c, _, err := s.customerOp(ctx, token)
	if err != nil {
		return nil, err
	}
	field := apperr.Path("referralCode")
	var a *ent.LoyaltyAccount
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		var err error
		if a, err = lockAccount(ctx, tx, c.ID); err != nil {
			return err
		}
		ref, err := tx.LoyaltyAccount.Query().Where(loyaltyaccount.ReferralCode(normalise(code))).Only(ctx)
		switch {
		case ent.IsNotFound(err):
			return apperr.Invalid(field, apperr.CodeNotFound, "Referral code is not valid")
		case err != nil:
			return err
		case ref.CustomerID == c.ID:
			return apperr.Invalid(field, CodeSelfReferral, "This is your own referral code")
		case a.ReferredByID != nil:
			return apperr.Invalid(field, CodeReferralNotAllowed, "A referral code is already applied")
		}
		if ordered, err := tx.Order.Query().Where(entorder.CustomerID(c.ID)).Exist(ctx); err != nil {
			return err
		} else if ordered {
			return apperr.Invalid(field, CodeReferralNotAllowed, "Referral codes apply before the first order")
		}
		for up, depth := ref.ReferredByID, 0; up != nil && depth < 1000; depth++ {
			if *up == c.ID {
				return apperr.Invalid(field, CodeReferralLoop, "You referred this customer")
			}
			next, err := tx.LoyaltyAccount.Query().Where(loyaltyaccount.CustomerID(*up)).Only(ctx)
			if err != nil {
				return err
			}
			up = next.ReferredByID
		}
		a, err = tx.LoyaltyAccount.UpdateOne(a).SetReferredByID(ref.CustomerID).Save(ctx)
		return err
	})
	return a, err
}
