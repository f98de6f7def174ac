package loyalty

import (
	"context"
	"strings"
	"unicode/utf8"

	"accountgraph/ent"
	"accountgraph/ent/loyaltyaccount"
	"accountgraph/ent/loyaltyentry"
	"accountgraph/internal/apperr"
	"accountgraph/internal/db"
	"accountgraph/internal/gid"
)

// CustomerID decodes a customer's global ID that must exist.
func (s *Service) CustomerID(ctx context.Context, id string, field []string) (int, error) {
	return db.CustomerID(ctx, s.DB, id, field)
}

// Adjust adds or removes points by hand, with a reason. A repeated
// idempotency key returns the entry it wrote first.
func (s *Service) Adjust(ctx context.Context, customerID string, points int, reason string, key *string) (*ent.LoyaltyEntry, *ent.LoyaltyAccount, error) {
	var errs apperr.FieldErrors
	id, err := s.CustomerID(ctx, customerID, apperr.Path("customerId"))
	if fe, ok := err.(apperr.FieldErrors); ok {
		errs = append(errs, fe...)
	} else if err != nil {
		return nil, nil, err
	}
	if points == 0 || points > MaxPoints || points < -MaxPoints {
		errs.Add(apperr.Path("points"), apperr.CodeInvalid, "Points must be non-zero and at most 1000000 either way")
	}
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		errs.Add(apperr.Path("reason"), apperr.CodeBlank, "A reason is required")
	case utf8.RuneCountInString(reason) > 500:
		errs.Add(apperr.Path("reason"), apperr.CodeTooLong, "The reason is at most 500 characters")
	}
	k := ""
	if key != nil {
		k = strings.TrimSpace(*key)
		if k == "" || len(k) > 200 {
			errs.Add(apperr.Path("idempotencyKey"), apperr.CodeInvalid, "The key is 1 to 200 characters")
		}
		k = "admin:" + k
	}
	if err := errs.Err(); err != nil {
		return nil, nil, err
	}
	p, err := Config(ctx, s.DB)
	if err != nil {
		return nil, nil, err
	}
	var e *ent.LoyaltyEntry
	var a *ent.LoyaltyAccount
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		var err error
		if a, err = lockAccount(ctx, tx, id); err != nil {
			return err
		}
		if k != "" {
			old, err := tx.LoyaltyEntry.Query().Where(loyaltyentry.CustomerID(id), loyaltyentry.IdempotencyKey(k)).Only(ctx)
			if err == nil {
				e = old
				return nil
			}
			if !ent.IsNotFound(err) {
				return err
			}
		}
		if a.Balance+points < 0 {
			return apperr.Invalid(apperr.Path("points"), CodeInsufficientPoints, "The balance would go below zero")
		}
		e, _, err = s.post(ctx, tx, p, a, entry{kind: loyaltyentry.KindADJUST, source: loyaltyentry.SourceADMIN,
			points: points, key: k, description: reason})
		return err
	})
	return e, a, err
}

// Mismatch is an account whose cache differs from its ledger.
type Mismatch struct {
	CustomerID                     int
	CachedBalance, LedgerBalance   int
	CachedLifetime, LedgerLifetime int
}

// Check compares cached sums with the ledger, for the given customers or
// for every account, a batch of accounts per two statements.
func (s *Service) Check(ctx context.Context, customerIDs []string) (int, []Mismatch, error) {
	var only []int
	for i, id := range customerIDs {
		k, err := gid.Decode(id, "Customer")
		if err != nil {
			return 0, nil, apperr.Invalid(apperr.Path("customerIds", i), apperr.CodeNotFound, "Customer does not exist")
		}
		only = append(only, k)
	}
	if len(only) > 250 {
		return 0, nil, apperr.Invalid(apperr.Path("customerIds"), apperr.CodeTooMany, "At most 250 customers")
	}
	checked := 0
	var out []Mismatch
	err := inBatches(accountID, func(after int) ([]*ent.LoyaltyAccount, error) {
		q := s.DB.LoyaltyAccount.Query().Where(loyaltyaccount.IDGT(after)).Order(ent.Asc(loyaltyaccount.FieldID)).Limit(500)
		if customerIDs != nil {
			q.Where(loyaltyaccount.CustomerIDIn(only...))
		}
		return q.All(ctx)
	}, func(accounts []*ent.LoyaltyAccount) error {
		ids := make([]int, len(accounts))
		for i, a := range accounts {
			ids[i] = a.CustomerID
		}
		balances, err := sums(ctx, s.DB, ids)
		if err != nil {
			return err
		}
		lifetimes, err := sums(ctx, s.DB, ids, earnedKinds...)
		if err != nil {
			return err
		}
		for _, a := range accounts {
			checked++
			if a.Balance != balances[a.CustomerID] || a.LifetimePoints != lifetimes[a.CustomerID] {
				out = append(out, Mismatch{CustomerID: a.CustomerID, CachedBalance: a.Balance, LedgerBalance: balances[a.CustomerID],
					CachedLifetime: a.LifetimePoints, LedgerLifetime: lifetimes[a.CustomerID]})
			}
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	return checked, out, nil
}

// sums adds up customers' entries (of the given kinds, or all).
func sums(ctx context.Context, c *ent.Client, customerIDs []int, kinds ...loyaltyentry.Kind) (map[int]int, error) {
	var rows []struct {
		CustomerID int `json:"customer_id"`
		Points     int `json:"points"`
	}
	q := c.LoyaltyEntry.Query().Where(loyaltyentry.CustomerIDIn(customerIDs...))
	if len(kinds) > 0 {
		q.Where(loyaltyentry.KindIn(kinds...))
	}
	err := q.GroupBy(loyaltyentry.FieldCustomerID).Aggregate(ent.As(ent.Sum(loyaltyentry.FieldPoints), "points")).Scan(ctx, &rows)
	out := make(map[int]int, len(rows))
	for _, r := range rows {
		out[r.CustomerID] = r.Points
	}
	return out, err
}
