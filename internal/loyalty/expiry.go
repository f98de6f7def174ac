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
	p, err := s.Config(ctx, s.DB)
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
	if _, ok := (&Program{LoyaltyProgram: p}).Rule(ActionBirthday); !ok {
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
	for after := 0; ; {
		page, err := s.DB.Customer.Query().Where(customer.IDGT(after), customer.BirthMdIn(days...)).
			Order(ent.Asc(customer.FieldID)).Limit(batch).All(ctx)
		if err != nil || len(page) == 0 {
			return err
		}
		after = page[len(page)-1].ID
		for _, c := range page {
			key := "birthday:" + strconv.Itoa(occurs[*c.BirthMd])
			if err := db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
				a, err := lockAccount(ctx, tx, c.ID)
				if err != nil {
					return err
				}
				_, err = s.earnAction(ctx, tx, p, a, ActionBirthday, key)
				return err
			}); err != nil {
				return err
			}
		}
	}
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

const batch = 200

// expireDue writes EXPIRE entries for points past their date and for
// balances left inactive too long.
func (s *Service) expireDue(ctx context.Context, p *ent.LoyaltyProgram) (int, error) {
	if p.ExpireAfterMonths == 0 && p.ExpireAfterInactiveMonths == 0 {
		return 0, nil
	}
	now := s.now()
	var due []*ent.LoyaltyAccount
	for after := 0; ; {
		var conds []predicate.LoyaltyAccount
		if p.ExpireAfterMonths > 0 {
			conds = append(conds, loyaltyaccount.NextExpiryAtLTE(now))
		}
		if p.ExpireAfterInactiveMonths > 0 {
			conds = append(conds, loyaltyaccount.And(loyaltyaccount.LastActivityAtLTE(now.AddDate(0, -p.ExpireAfterInactiveMonths, 0)),
				loyaltyaccount.BalanceGT(0)))
		}
		page, err := s.DB.LoyaltyAccount.Query().Where(loyaltyaccount.IDGT(after), loyaltyaccount.Or(conds...)).
			Order(ent.Asc(loyaltyaccount.FieldID)).Limit(batch).All(ctx)
		if err != nil {
			return 0, err
		}
		due = append(due, page...)
		if len(page) < batch {
			break
		}
		after = page[len(page)-1].ID
	}
	total := 0
	for _, d := range due {
		n, err := s.expireAccount(ctx, d.CustomerID)
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}

func (s *Service) expireAccount(ctx context.Context, customerID int) (int, error) {
	n := 0
	err := db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		p, err := s.Config(ctx, tx.Client())
		if err != nil {
			return err
		}
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
			u := tx.LoyaltyAccount.UpdateOne(a)
			if err := s.refresh(ctx, tx.Client(), p, a, u); err != nil {
				return err
			}
			return u.Exec(ctx)
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
	for after := 0; ; {
		page, err := s.DB.LoyaltyAccount.Query().Where(loyaltyaccount.IDGT(after), loyaltyaccount.TierNEQ("")).
			Order(ent.Asc(loyaltyaccount.FieldID)).Limit(batch).All(ctx)
		if err != nil || len(page) == 0 {
			return err
		}
		after = page[len(page)-1].ID
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
				u := tx.LoyaltyAccount.UpdateOne(locked)
				if err := s.refresh(ctx, tx.Client(), p, locked, u); err != nil {
					return err
				}
				return u.Exec(ctx)
			}); err != nil {
				return err
			}
		}
	}
}
