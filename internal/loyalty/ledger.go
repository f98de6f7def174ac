package loyalty

import (
	"context"
	"crypto/rand"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"accountgraph/ent"
	"accountgraph/ent/loyaltyaccount"
	"accountgraph/ent/loyaltyentry"
	"accountgraph/ent/loyaltyprogram"
	"accountgraph/ent/notification"
	"accountgraph/internal/db"
	"accountgraph/internal/money"
	"accountgraph/internal/notify"
)

// earnedKinds are the kinds that count towards lifetime points and tiers:
// spending and expiry do not lower what a customer has earned.
var earnedKinds = []loyaltyentry.Kind{loyaltyentry.KindEARN, loyaltyentry.KindREVERSE, loyaltyentry.KindADJUST}

// entry is a ledger entry to write.
type entry struct {
	kind        loyaltyentry.Kind
	source      loyaltyentry.Source
	action      string
	points      int
	spend       int64
	orderID     *int
	rewardID    *int
	key         string
	description string
	// quiet keeps the entry out of the customer's messages (points for an
	// order imported long after it was placed).
	quiet bool
}

// codeAlphabet is Crockford's base 32: no I, L, O or U to misread.
const codeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

func randomCode(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	for i := range b {
		b[i] = codeAlphabet[int(b[i])%len(codeAlphabet)]
	}
	return string(b)
}

// ensureAccount makes the customer's account on first use.
func ensureAccount(ctx context.Context, c *ent.Client, customerID int) error {
	return c.LoyaltyAccount.Create().SetCustomerID(customerID).SetReferralCode(randomCode(10)).
		OnConflictColumns(loyaltyaccount.FieldCustomerID).Ignore().Exec(ctx)
}

// Account returns the customer's account, made on first use.
func (s *Service) Account(ctx context.Context, customerID int) (*ent.LoyaltyAccount, error) {
	a, err := s.DB.LoyaltyAccount.Query().Where(loyaltyaccount.CustomerID(customerID)).Only(ctx)
	if !ent.IsNotFound(err) {
		return a, err
	}
	if err := ensureAccount(ctx, s.DB, customerID); err != nil {
		return nil, err
	}
	return s.DB.LoyaltyAccount.Query().Where(loyaltyaccount.CustomerID(customerID)).Only(ctx)
}

// lockAccount returns the customer's account, made on first use, locked
// until tx ends: the changes of one customer's points run one at a time.
func lockAccount(ctx context.Context, tx *ent.Tx, customerID int) (*ent.LoyaltyAccount, error) {
	q := func() (*ent.LoyaltyAccount, error) {
		return tx.LoyaltyAccount.Query().Where(loyaltyaccount.CustomerID(customerID)).Modify(db.ForUpdate).Only(ctx)
	}
	a, err := q()
	if !ent.IsNotFound(err) {
		return a, err
	}
	if err := ensureAccount(ctx, tx.Client(), customerID); err != nil {
		return nil, err
	}
	return q()
}

// post appends an entry to a locked account's ledger and updates the
// account's cached sums, tier and next expiry. An entry whose idempotency
// key the customer's ledger already holds is not written again: post
// returns the stored one and false.
func (s *Service) post(ctx context.Context, tx *ent.Tx, p *ent.LoyaltyProgram, a *ent.LoyaltyAccount, e entry) (*ent.LoyaltyEntry, bool, error) {
	if e.key != "" {
		old, err := tx.LoyaltyEntry.Query().Where(loyaltyentry.CustomerID(a.CustomerID), loyaltyentry.IdempotencyKey(e.key)).Only(ctx)
		if err == nil {
			return old, false, nil
		}
		if !ent.IsNotFound(err) {
			return nil, false, err
		}
	}
	now := s.now()
	c := tx.LoyaltyEntry.Create().SetCustomerID(a.CustomerID).SetKind(e.kind).SetSource(e.source).SetAction(e.action).
		SetPoints(e.points).SetSpend(e.spend).SetNillableOrderID(e.orderID).SetNillableRewardID(e.rewardID).
		SetDescription(e.description).SetCreatedAt(now)
	if e.key != "" {
		c.SetIdempotencyKey(e.key)
	}
	earning := e.points > 0 && (e.kind == loyaltyentry.KindEARN || e.kind == loyaltyentry.KindADJUST)
	if earning && p.ExpireAfterMonths > 0 {
		c.SetExpiresAt(now.AddDate(0, p.ExpireAfterMonths, 0))
	}
	saved, err := c.Save(ctx)
	if err != nil {
		return nil, false, err
	}
	a.Balance += e.points
	if slices.Contains(earnedKinds, e.kind) {
		a.LifetimePoints += e.points
	}
	a.LifetimeSpend += e.spend
	u := tx.LoyaltyAccount.UpdateOne(a).SetBalance(a.Balance).SetLifetimePoints(a.LifetimePoints).SetLifetimeSpend(a.LifetimeSpend)
	if earning || e.kind == loyaltyentry.KindREDEEM {
		a.LastActivityAt = &now
		u.SetLastActivityAt(now)
	}
	if err := s.refresh(ctx, tx.Client(), p, a, u); err != nil {
		return nil, false, err
	}
	tier := a.Tier
	updated, err := u.Save(ctx)
	if err != nil {
		return nil, false, err
	}
	*a = *updated
	if e.quiet {
		return saved, true, nil
	}
	return saved, true, s.tell(ctx, tx, saved, tier, a)
}

// tell announces earned points and a new tier to the customer.
func (s *Service) tell(ctx context.Context, tx *ent.Tx, e *ent.LoyaltyEntry, tierBefore string, a *ent.LoyaltyAccount) error {
	if s.Outbox == nil {
		return nil
	}
	var events []notify.Event
	data := func(points, description, tier string) map[string]any {
		return map[string]any{"Points": points, "Description": description, "Tier": tier, "Balance": strconv.Itoa(a.Balance)}
	}
	if e.Kind == loyaltyentry.KindEARN && e.Points > 0 {
		events = append(events, notify.Event{Key: "loyalty_entry:" + strconv.Itoa(e.ID), Kind: "loyalty_update",
			Topic: notify.Topic(notification.TopicLOYALTY), CustomerID: a.CustomerID, Data: data(strconv.Itoa(e.Points), e.Description, "")})
	}
	// Points coming in can only lift the tier; falls (expiry) go untold.
	if e.Points > 0 && a.Tier != tierBefore && a.Tier != "" {
		events = append(events, notify.Event{Key: "loyalty_tier:" + strconv.Itoa(e.ID), Kind: "loyalty_update",
			Topic: notify.Topic(notification.TopicLOYALTY), CustomerID: a.CustomerID, Data: data("", "", a.Tier)})
	}
	return s.Outbox.Enqueue(ctx, tx, events...)
}

// refresh sets the account's tier and next expiry from its ledger.
func (s *Service) refresh(ctx context.Context, c *ent.Client, p *ent.LoyaltyProgram, a *ent.LoyaltyAccount, u *ent.LoyaltyAccountUpdateOne) error {
	var rolling Sums
	if Rolling(p) {
		sums, err := RollingSums(ctx, c, []int{a.CustomerID}, s.now())
		if err != nil {
			return err
		}
		rolling = sums[a.CustomerID]
	}
	tier, _ := TierFor(p.Tiers, Measure(p, a, rolling))
	name := ""
	if tier != nil {
		name = tier.Name
	}
	u.SetTier(name)
	if p.ExpireAfterMonths > 0 {
		lots, err := Lots(ctx, c, []int{a.CustomerID})
		if err != nil {
			return err
		}
		if _, upcoming := Walk(lots[a.CustomerID], s.now()); len(upcoming) > 0 {
			u.SetNextExpiryAt(upcoming[0].At)
			return nil
		}
	}
	u.ClearNextExpiryAt()
	return nil
}

// Sums are a customer's earned points and spend in a period.
type Sums struct {
	Points int
	Spend  int64
}

// Rolling tells whether the programme's tiers look at the last 12 months.
func Rolling(p *ent.LoyaltyProgram) bool {
	return p.TierBasis == loyaltyprogram.TierBasisROLLING_12_MONTH_POINTS || p.TierBasis == loyaltyprogram.TierBasisROLLING_12_MONTH_SPEND
}

// RollingSums returns the points earned and the spend of the 12 months
// before now, per customer, in one statement.
func RollingSums(ctx context.Context, c *ent.Client, customerIDs []int, now time.Time) (map[int]Sums, error) {
	var rows []struct {
		CustomerID int   `json:"customer_id"`
		Points     int   `json:"points"`
		Spend      int64 `json:"spend"`
	}
	err := c.LoyaltyEntry.Query().
		Where(loyaltyentry.CustomerIDIn(customerIDs...), loyaltyentry.KindIn(earnedKinds...), loyaltyentry.CreatedAtGTE(now.AddDate(-1, 0, 0))).
		GroupBy(loyaltyentry.FieldCustomerID).
		Aggregate(ent.As(ent.Sum(loyaltyentry.FieldPoints), "points"), ent.As(ent.Sum(loyaltyentry.FieldSpend), "spend")).
		Scan(ctx, &rows)
	out := make(map[int]Sums, len(rows))
	for _, r := range rows {
		out[r.CustomerID] = Sums{Points: r.Points, Spend: r.Spend}
	}
	return out, err
}

// Measure is what the programme's tier thresholds compare: points, or
// whole units of spend in the programme's currency.
func Measure(p *ent.LoyaltyProgram, a *ent.LoyaltyAccount, rolling Sums) int64 {
	unit := money.MinorPerUnit(p.CurrencyCode)
	switch p.TierBasis {
	case loyaltyprogram.TierBasisROLLING_12_MONTH_POINTS:
		return int64(rolling.Points)
	case loyaltyprogram.TierBasisLIFETIME_SPEND:
		return a.LifetimeSpend / unit
	case loyaltyprogram.TierBasisROLLING_12_MONTH_SPEND:
		return rolling.Spend / unit
	}
	return int64(a.LifetimePoints)
}

// SpendBasis tells whether tiers count spend rather than points.
func SpendBasis(p *ent.LoyaltyProgram) bool {
	return p.TierBasis == loyaltyprogram.TierBasisLIFETIME_SPEND || p.TierBasis == loyaltyprogram.TierBasisROLLING_12_MONTH_SPEND
}

// Lot is earned points that expire together; Debits are everything taken
// from the balance (spending, expiry, reversals, negative adjustments).
type Lot struct {
	Points    int
	ExpiresAt time.Time
}

// Ledger are the parts of a ledger that expiry looks at.
type Ledger struct {
	Lots   []Lot // earned points with an expiry, soonest first
	Debits int   // the sum of all negative entries, as a positive number
}

// Lots returns the expiry view of customers' ledgers in two statements.
func Lots(ctx context.Context, c *ent.Client, customerIDs []int) (map[int]Ledger, error) {
	out := make(map[int]Ledger, len(customerIDs))
	lots, err := c.LoyaltyEntry.Query().
		Where(loyaltyentry.CustomerIDIn(customerIDs...), loyaltyentry.PointsGT(0), loyaltyentry.ExpiresAtNotNil()).
		Order(ent.Asc(loyaltyentry.FieldExpiresAt), ent.Asc(loyaltyentry.FieldID)).
		Select(loyaltyentry.FieldCustomerID, loyaltyentry.FieldPoints, loyaltyentry.FieldExpiresAt).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, l := range lots {
		led := out[l.CustomerID]
		led.Lots = append(led.Lots, Lot{Points: l.Points, ExpiresAt: *l.ExpiresAt})
		out[l.CustomerID] = led
	}
	var rows []struct {
		CustomerID int `json:"customer_id"`
		Debits     int `json:"debits"`
	}
	err = c.LoyaltyEntry.Query().Where(loyaltyentry.CustomerIDIn(customerIDs...), loyaltyentry.PointsLT(0)).
		GroupBy(loyaltyentry.FieldCustomerID).Aggregate(ent.As(ent.Sum(loyaltyentry.FieldPoints), "debits")).Scan(ctx, &rows)
	for _, r := range rows {
		led := out[r.CustomerID]
		led.Debits = -r.Debits
		out[r.CustomerID] = led
	}
	return out, err
}

// Expiry is points that expire at one time.
type Expiry struct {
	Points int
	At     time.Time
}

// Walk applies the debits to the lots soonest-expiring first (what a
// customer spends uses the points closest to expiry) and returns the
// points whose time has come and those still to expire.
func Walk(l Ledger, now time.Time) (due int, upcoming []Expiry) {
	left := l.Debits
	for _, lot := range l.Lots {
		take := min(left, lot.Points)
		left -= take
		rest := lot.Points - take
		if rest == 0 {
			continue
		}
		if !lot.ExpiresAt.After(now) {
			due += rest
		} else {
			upcoming = append(upcoming, Expiry{Points: rest, At: lot.ExpiresAt})
		}
	}
	return due, upcoming
}

// Expiring is what a customer sees of expiry: the upcoming lots, and the
// whole remaining balance at the inactivity deadline.
func Expiring(p *ent.LoyaltyProgram, a *ent.LoyaltyAccount, l Ledger, now time.Time) []Expiry {
	var out []Expiry
	if p.ExpireAfterMonths > 0 {
		_, out = Walk(l, now)
	}
	if p.ExpireAfterInactiveMonths > 0 && a.LastActivityAt != nil && a.Balance > 0 {
		deadline := a.LastActivityAt.AddDate(0, p.ExpireAfterInactiveMonths, 0)
		var kept []Expiry
		sum := 0
		for _, e := range out {
			if e.At.Before(deadline) {
				kept = append(kept, e)
				sum += e.Points
			}
		}
		if rest := a.Balance - sum; rest > 0 {
			kept = append(kept, Expiry{Points: rest, At: deadline})
		}
		out = kept
	}
	// Never promise more than the balance.
	total := 0
	for i, e := range out {
		if total+e.Points > a.Balance {
			out[i].Points = max(a.Balance-total, 0)
		}
		total += out[i].Points
	}
	kept := out[:0]
	for _, e := range out {
		if e.Points > 0 {
			kept = append(kept, e)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].At.Before(kept[j].At) })
	return kept
}

func orderKey(orderID int, suffix string) string {
	if suffix == "" {
		return fmt.Sprintf("order:%d", orderID)
	}
	return fmt.Sprintf("order:%d:%s", orderID, suffix)
}

// normalise upper-cases a code and drops spaces and dashes.
func normalise(code string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '-':
			return -1
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		}
		return r
	}, code)
}
