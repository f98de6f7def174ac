package loaders

import (
	"context"
	"slices"
	"strconv"
	"time"

	"entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	"accountgraph/ent/loyaltyaccount"
	"accountgraph/ent/loyaltyentry"
	"accountgraph/ent/loyaltyprogram"
	"accountgraph/ent/loyaltyredemption"
	"accountgraph/ent/loyaltyreward"
	"accountgraph/ent/membership"
	"accountgraph/ent/membershipplan"
	"accountgraph/internal/loyalty"
)

// Loyalty loaders: the programme (key 0), accounts by customer, the
// rolling 12-month sums and the expiry view of customers' ledgers, ledger
// and redemption pages, redemption counts per reward, rewards, active
// rewards (key 0), memberships by customer, plans and referral counts.
type loyaltyLoaders struct {
	LoyaltyProgram       *Keyed[int, *ent.LoyaltyProgram]
	LoyaltyAccount       *Keyed[int, *ent.LoyaltyAccount]
	LoyaltyRolling       *Keyed[int, loyalty.Sums]
	LoyaltyLots          *Keyed[int, loyalty.Ledger]
	LoyaltyEntryPages    *Pages[*ent.LoyaltyEntry]
	RedemptionPages      *Pages[*ent.LoyaltyRedemption]
	RedemptionCounts     *Keyed[int, map[int]int]
	RewardByID           *Keyed[int, *ent.LoyaltyReward]
	ActiveRewards        *Keyed[int, []*ent.LoyaltyReward]
	MembershipByCustomer *Keyed[int, *ent.Membership]
	PlanByID             *Keyed[int, *ent.MembershipPlan]
	ReferralCount        *Keyed[int, int]
}

var loyaltyEntryRows = newRowReader[ent.LoyaltyEntry]("LoyaltyEntry", loyaltyentry.Table)

func (l *Loaders) newLoyalty(db *ent.Client) {
	l.LoyaltyProgram = newKeyed(func(ctx context.Context, _ []int) (map[int]*ent.LoyaltyProgram, error) {
		if p, err := l.programWithAccounts(ctx); p != nil || err != nil {
			return map[int]*ent.LoyaltyProgram{0: p}, err
		}
		p, err := loyalty.Config(ctx, db)
		return map[int]*ent.LoyaltyProgram{0: p}, err
	})
	l.LoyaltyAccount = perCustomer(&l.byCustomer, newKeyed(byID(func(ctx context.Context, ids []int) ([]*ent.LoyaltyAccount, error) {
		return db.LoyaltyAccount.Query().Where(loyaltyaccount.CustomerIDIn(ids...)).All(ctx)
	}, func(a *ent.LoyaltyAccount) int { return a.CustomerID })))
	l.LoyaltyRolling = newKeyed(func(ctx context.Context, ids []int) (map[int]loyalty.Sums, error) {
		return loyalty.RollingSums(ctx, db, ids, time.Now())
	})
	l.LoyaltyLots = newKeyed(func(ctx context.Context, ids []int) (map[int]loyalty.Ledger, error) {
		return loyalty.Lots(ctx, db, ids)
	})
	l.LoyaltyEntryPages = newPages(loyaltyentry.FieldCustomerID, narrowPages(l, loyaltyEntryRows, loyaltyentry.FieldCustomerID, []string{loyaltyentry.FieldID, loyaltyentry.FieldCustomerID}, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.LoyaltyEntry, error) {
		return db.LoyaltyEntry.Query().Where(loyaltyentry.CustomerIDIn(parents...)).Modify(mod).All(ctx)
	}), func(e *ent.LoyaltyEntry) int { return e.CustomerID })
	l.RedemptionPages = newPages(loyaltyredemption.FieldCustomerID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.LoyaltyRedemption, error) {
		return db.LoyaltyRedemption.Query().Where(loyaltyredemption.CustomerIDIn(parents...)).Modify(mod).All(ctx)
	}, func(r *ent.LoyaltyRedemption) int { return r.CustomerID })
	l.RedemptionCounts = newKeyed(func(ctx context.Context, ids []int) (map[int]map[int]int, error) {
		var rows []struct {
			CustomerID int `json:"customer_id"`
			RewardID   int `json:"reward_id"`
			Count      int `json:"count"`
		}
		err := db.LoyaltyRedemption.Query().Where(loyaltyredemption.CustomerIDIn(ids...)).
			GroupBy(loyaltyredemption.FieldCustomerID, loyaltyredemption.FieldRewardID).Aggregate(ent.Count()).Scan(ctx, &rows)
		out := make(map[int]map[int]int, len(ids))
		for _, r := range rows {
			if out[r.CustomerID] == nil {
				out[r.CustomerID] = map[int]int{}
			}
			out[r.CustomerID][r.RewardID] = r.Count
		}
		return out, err
	})
	l.RewardByID = newKeyed(byID(func(ctx context.Context, ids []int) ([]*ent.LoyaltyReward, error) {
		return db.LoyaltyReward.Query().Where(loyaltyreward.IDIn(ids...)).All(ctx)
	}, func(r *ent.LoyaltyReward) int { return r.ID }))
	l.ActiveRewards = newKeyed(func(ctx context.Context, _ []int) (map[int][]*ent.LoyaltyReward, error) {
		rs, err := db.LoyaltyReward.Query().Where(loyaltyreward.Active(true)).
			Order(ent.Asc(loyaltyreward.FieldPointsCost), ent.Asc(loyaltyreward.FieldPosition)).All(ctx)
		return map[int][]*ent.LoyaltyReward{0: rs}, err
	})
	l.MembershipByCustomer = newKeyed(byID(func(ctx context.Context, ids []int) ([]*ent.Membership, error) {
		return db.Membership.Query().Where(membership.CustomerIDIn(ids...)).All(ctx)
	}, func(m *ent.Membership) int { return m.CustomerID }))
	l.PlanByID = newKeyed(byID(func(ctx context.Context, ids []int) ([]*ent.MembershipPlan, error) {
		return db.MembershipPlan.Query().Where(membershipplan.IDIn(ids...)).All(ctx)
	}, func(p *ent.MembershipPlan) int { return p.ID }))
	l.ReferralCount = newKeyed(func(ctx context.Context, ids []int) (map[int]int, error) {
		var rows []struct {
			ReferredByID int `json:"referred_by_id"`
			Count        int `json:"count"`
		}
		err := db.LoyaltyAccount.Query().Where(loyaltyaccount.ReferredByIDIn(ids...)).
			GroupBy(loyaltyaccount.FieldReferredByID).Aggregate(ent.Count()).Scan(ctx, &rows)
		out := make(map[int]int, len(ids))
		for _, r := range rows {
			out[r.ReferredByID] = r.Count
		}
		return out, err
	})
	// The programme and the active rewards are single rows: with no
	// siblings to wait for, they are fetched at once.
	l.LoyaltyProgram.Expect(0)
	l.ActiveRewards.Expect(0)
	// An account's fields load for every account of the batch at once.
	l.LoyaltyAccount.after = func(as map[int]*ent.LoyaltyAccount) {
		for id := range as {
			l.LoyaltyRolling.Expect(id)
			l.LoyaltyLots.Expect(id)
			l.LoyaltyEntryPages.Expect(id)
			l.RedemptionPages.Expect(id)
			l.RedemptionCounts.Expect(id)
			l.MembershipByCustomer.Expect(id)
			l.ReferralCount.Expect(id)
		}
	}
	l.LoyaltyEntryPages.after = func(es []*ent.LoyaltyEntry) {
		for _, e := range es {
			if e.OrderID != nil {
				l.OrderByID.Expect(*e.OrderID)
			}
			if e.RewardID != nil {
				l.RewardByID.Expect(*e.RewardID)
			}
		}
	}
	l.RedemptionPages.after = func(rs []*ent.LoyaltyRedemption) {
		for _, r := range rs {
			l.RewardByID.Expect(r.RewardID)
		}
	}
	l.MembershipByCustomer.after = func(ms map[int]*ent.Membership) {
		for _, m := range ms {
			l.PlanByID.Expect(m.PlanID)
		}
	}
}

var (
	programRows = newRowReader[ent.LoyaltyProgram]("LoyaltyProgram", loyaltyprogram.Table)
	accountRows = newRowReader[ent.LoyaltyAccount]("LoyaltyAccount", loyaltyaccount.Table)
)

// programWithAccounts reads the programme (whose switch every loyalty field
// asks first) with the registered customers' accounts in one statement, in
// a read operation the plan narrowed (whose fields of the two are known not
// to query further from them); nil when it does not apply, or when the
// programme was never set up (its defaults are not stored).
func (l *Loaders) programWithAccounts(ctx context.Context) (*ent.LoyaltyProgram, error) {
	if l.narrow == nil {
		return nil, nil
	}
	k := l.LoyaltyAccount
	k.mu.Lock()
	customers := slices.Collect(k.expected.all())
	k.mu.Unlock()
	if len(customers) == 0 {
		return nil, nil
	}
	pfields, err := programRows.fieldsOf(loyaltyprogram.Columns)
	if err != nil {
		return nil, err
	}
	afields, err := accountRows.fieldsOf(loyaltyaccount.Columns)
	if err != nil {
		return nil, err
	}
	key := l.db.Dialect() + "|loyalty programme and accounts|" + strconv.Itoa(len(customers))
	text, args := statement(key, customers, func() (string, []any) {
		d := sql.Dialect(l.db.Dialect())
		p, a := d.Table(loyaltyprogram.Table).As("p"), d.Table(loyaltyaccount.Table).As("a")
		return d.Select(p.Columns(loyaltyprogram.Columns...)...).AppendSelect(a.Columns(loyaltyaccount.Columns...)...).From(p).
			LeftJoin(a).OnP(sql.InInts(a.C(loyaltyaccount.FieldCustomerID), customers...)).
			Where(literalEQ(p.C(loyaltyprogram.FieldID), strconv.Itoa(loyalty.ProgramRowID))).Query()
	})
	accounts := make(map[int]*ent.LoyaltyAccount, len(customers))
	programs, err := programRows.readQuery(ctx, l.db, text, args, pfields, loyaltyprogram.Columns, len(loyaltyaccount.Columns),
		func(_ *ent.LoyaltyProgram, vals []any) error {
			if vals[0] == nil { // no account
				return nil
			}
			acc := new(ent.LoyaltyAccount)
			if err := accountRows.setAll(acc, afields, loyaltyaccount.Columns, vals, nil); err != nil {
				return err
			}
			accounts[acc.CustomerID] = acc
			return nil
		})
	if err != nil || len(programs) == 0 {
		return nil, err
	}
	k.fill(customers, accounts)
	return programs[0], nil
}
