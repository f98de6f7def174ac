package loyalty

import (
	"context"
	"strconv"
	"time"

	"accountgraph/ent"
	"accountgraph/ent/customer"
	"accountgraph/ent/loyaltyaccount"
	"accountgraph/ent/loyaltyentry"
	"accountgraph/ent/predicate"
	"accountgraph/internal/db"
)

// Housekeep expires due points and moves customers whose rolling
// 12-month tiers lapsed. Every replica may run it at the same time: each
// account is handled in its own transaction with the row locked, and what
// is due is computed from the ledger inside it, so a second run finds
// nothing left to do.
func (s *Service) Housekeep(ctx context.Context) (expired int, err error) {
	p, err := Config(ctx, s.DB)
	if err != nil || !p.Enabled {
		return 0, err
	}
	if expired, err = s.expireDue(ctx, p); err != nil {
		return expired, err
	}
	if err := s.awardBirthdays(ctx, p); err != nil {
		return expired, err
	}
	return expired, s.refreshTiers(ctx, p)
}

// awardBirthdays gives the birthday points to customers whose birthday is
// today or was yesterday (a job that missed midnight catches up), once a
// year: the entry's key names the year. 29 February is celebrated on
// 1 March in other years.
func (s *Service) awardBirthdays(ctx context.Context, p *ent.LoyaltyProgram) error {
	if _, ok := rule(p, ActionBirthday); !ok {
		return nil
	}
	now := s.now()
	var days []int
	occurs := map[int]int{} // month*100+day → the year of that birthday
	for _, d := range []time.Time{now, now.AddDate(0, 0, -1)} {
		md := int(d.Month())*100 + d.Day()
		days = append(days, md)
		occurs[md] = d.Year()
		if md == 301 && !isLeap(d.Year()) {
			days = append(days, 229)
			occurs[229] = d.Year()
		}
	}
	return inBatches(func(c *ent.Customer) int { return c.ID }, func(after int) ([]*ent.Customer, error) {
		return s.DB.Customer.Query().Where(customer.IDGT(after), customer.BirthMdIn(days...)).
			Order(ent.Asc(customer.FieldID)).Limit(batch).All(ctx)
	}, func(page []*ent.Customer) error {
		for _, c := range page {
			key := "birthday:" + strconv.Itoa(occurs[*c.BirthMd])
			if err := db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
				a, err := lockAccount(ctx, tx, c.ID)
				if err != nil {
					return err
				}
				_, err = s.earnAction(ctx, tx, p, a, ActionBirthday, key, false)
				return err
			}); err != nil {
				return err
			}
		}
		return nil
	})
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

const batch = 200

func accountID(a *ent.LoyaltyAccount) int { return a.ID }

// inBatches pages through rows in ID order: fetch returns the next rows
// with an ID above after, each handles them.
func inBatches[T any](id func(T) int, fetch func(after int) ([]T, error), each func([]T) error) error {
	for after := 0; ; {
		page, err := fetch(after)
		if err != nil || len(page) == 0 {
			return err
		}
		if err := each(page); err != nil {
			return err
		}
		after = id(page[len(page)-1])
	}
}

// saveRefreshed stores a locked account's tier and next expiry as its
// ledger says now.
func (s *Service) saveRefreshed(ctx context.Context, tx *ent.Tx, p *ent.LoyaltyProgram, a *ent.LoyaltyAccount) error {
	u := tx.LoyaltyAccount.UpdateOne(a)
	if err := s.refresh(ctx, tx.Client(), p, a, u); err != nil {
		return err
	}
	return u.Exec(ctx)
}

// expireDue writes EXPIRE entries for points past their date and for
// balances left inactive too long.
func (s *Service) expireDue(ctx context.Context, p *ent.LoyaltyProgram) (int, error) {
	if p.ExpireAfterMonths == 0 && p.ExpireAfterInactiveMonths == 0 {
		return 0, nil
	}
	now := s.now()
	var conds []predicate.LoyaltyAccount
	if p.ExpireAfterMonths > 0 {
		conds = append(conds, loyaltyaccount.NextExpiryAtLTE(now))
	}
	if p.ExpireAfterInactiveMonths > 0 {
		conds = append(conds, loyaltyaccount.And(loyaltyaccount.LastActivityAtLTE(now.AddDate(0, -p.ExpireAfterInactiveMonths, 0)),
			loyaltyaccount.BalanceGT(0)))
	}
	total := 0
	err := inBatches(accountID, func(after int) ([]*ent.LoyaltyAccount, error) {
		return s.DB.LoyaltyAccount.Query().Where(loyaltyaccount.IDGT(after), loyaltyaccount.Or(conds...)).
			Order(ent.Asc(loyaltyaccount.FieldID)).Limit(batch).All(ctx)
	}, func(page []*ent.LoyaltyAccount) error {
		for _, a := range page {
			n, err := s.expireAccount(ctx, p, a.CustomerID)
			if err != nil {
				return err
			}
			total += n
		}
		return nil
	})
	return total, err
}

func (s *Service) expireAccount(ctx context.Context, p *ent.LoyaltyProgram, customerID int) (int, error) {
	n := 0
	err := db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		a, err := lockAccount(ctx, tx, customerID)
		if err != nil {
			return err
		}
		now := s.now()
		if p.ExpireAfterMonths > 0 {
			lots, err := Lots(ctx, tx.Client(), []int{customerID})
			if err != nil {
				return err
			}
			due, _ := Walk(lots[customerID], now)
			n = min(due, max(a.Balance, 0))
		}
		if p.ExpireAfterInactiveMonths > 0 && a.LastActivityAt != nil &&
			!a.LastActivityAt.AddDate(0, p.ExpireAfterInactiveMonths, 0).After(now) {
			n = max(a.Balance, 0)
		}
		if n == 0 {
			// Nothing due (another replica was first): move the date on.
			return s.saveRefreshed(ctx, tx, p, a)
		}
		_, _, err = s.post(ctx, tx, p, a, entry{kind: loyaltyentry.KindEXPIRE, source: loyaltyentry.SourceEXPIRY,
			points: -n, description: "Points expired"})
		return err
	})
	return n, err
}

// refreshTiers recomputes rolling 12-month tiers, which change with time
// alone as old points leave the window.
func (s *Service) refreshTiers(ctx context.Context, p *ent.LoyaltyProgram) error {
	if !Rolling(p) {
		return nil
	}
	return inBatches(accountID, func(after int) ([]*ent.LoyaltyAccount, error) {
		return s.DB.LoyaltyAccount.Query().Where(loyaltyaccount.IDGT(after), loyaltyaccount.TierNEQ("")).
			Order(ent.Asc(loyaltyaccount.FieldID)).Limit(batch).All(ctx)
	}, func(page []*ent.LoyaltyAccount) error {
		ids := make([]int, len(page))
		for i, a := range page {
			ids[i] = a.CustomerID
		}
		rolling, err := RollingSums(ctx, s.DB, ids, s.now())
		if err != nil {
			return err
		}
		for _, a := range page {
			t, _ := TierFor(p.Tiers, Measure(p, a, rolling[a.CustomerID]))
			if t != nil && t.Name == a.Tier {
				continue
			}
			if err := db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
				locked, err := lockAccount(ctx, tx, a.CustomerID)
				if err != nil {
					return err
				}
				return s.saveRefreshed(ctx, tx, p, locked)
			}); err != nil {
				return err
			}
		}
		return nil
	})
}
