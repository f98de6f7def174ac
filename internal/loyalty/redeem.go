package loyalty

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"accountgraph/ent"
	"accountgraph/ent/loyaltyentry"
	"accountgraph/ent/loyaltyredemption"
	"accountgraph/ent/loyaltyreward"
	"accountgraph/internal/apperr"
	"accountgraph/internal/db"
	"accountgraph/internal/gid"
)

// Redeemed is a redemption with its code, which exists in plain text only
// here: the database keeps its hash.
type Redeemed struct {
	Code       string
	Redemption *ent.LoyaltyRedemption
	Account    *ent.LoyaltyAccount
}

func hashCode(code string) string {
	sum := sha256.Sum256([]byte(normalise(code)))
	return hex.EncodeToString(sum[:])
}

// newDiscountCode returns an unguessable code (80 bits), in groups of four.
func newDiscountCode() string {
	c := randomCode(16)
	return c[:4] + "-" + c[4:8] + "-" + c[8:12] + "-" + c[12:]
}

// Redeem spends points on a reward. The balance is checked and spent with
// the account locked, so concurrent redemptions never overspend.
func (s *Service) Redeem(ctx context.Context, token, rewardID string) (*Redeemed, error) {
	c, p, err := s.customerOp(ctx, token)
	if err != nil {
		return nil, err
	}
	notFound := apperr.Invalid(apperr.Path("rewardId"), apperr.CodeNotFound, "Reward does not exist")
	id, err := gid.Decode(rewardID, "LoyaltyReward")
	if err != nil {
		return nil, notFound
	}
	r, err := s.DB.LoyaltyReward.Query().Where(loyaltyreward.ID(id), loyaltyreward.Active(true)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, notFound
	}
	if err != nil {
		return nil, err
	}
	out := &Redeemed{Code: newDiscountCode()}
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		a, err := lockAccount(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if r.LimitPerCustomer > 0 {
			n, err := tx.LoyaltyRedemption.Query().Where(loyaltyredemption.CustomerID(c.ID), loyaltyredemption.RewardID(r.ID)).Count(ctx)
			if err != nil {
				return err
			}
			if !underLimit(r, n) {
				return apperr.Invalid(apperr.Path("rewardId"), CodeLimitReached, "You have redeemed this reward as often as allowed")
			}
		}
		if !affordable(r, a.Balance) {
			return apperr.Invalid(apperr.Path("rewardId"), CodeInsufficientPoints, "You do not have enough points for this reward")
		}
		e, _, err := s.post(ctx, tx, p, a, entry{kind: loyaltyentry.KindREDEEM, source: loyaltyentry.SourceREWARD,
			points: -r.PointsCost, rewardID: &r.ID, description: r.Name})
		if err != nil {
			return err
		}
		out.Account = a
		code := out.Code
		out.Redemption, err = tx.LoyaltyRedemption.Create().SetCustomerID(c.ID).SetRewardID(r.ID).SetEntryID(e.ID).
			SetCodeHash(hashCode(code)).SetCodeEnding(code[len(code)-4:]).SetKind(loyaltyredemption.Kind(r.Kind)).
			SetAmount(r.Amount).SetCurrencyCode(r.CurrencyCode).SetPercentage(r.Percentage).SetNillableVariantID(r.VariantID).
			SetPoints(r.PointsCost).SetExpiresAt(s.now().AddDate(0, 0, p.RewardCodeValidDays)).SetCreatedAt(s.now()).Save(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// UseCode marks a discount code used, once: two checkouts racing with the
// same code cannot both succeed.
func (s *Service) UseCode(ctx context.Context, code string) (*ent.LoyaltyRedemption, error) {
	field := apperr.Path("code")
	r, err := s.DB.LoyaltyRedemption.Query().Where(loyaltyredemption.CodeHash(hashCode(code))).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		return nil, apperr.Invalid(field, apperr.CodeNotFound, "Code does not exist")
	case err != nil:
		return nil, err
	case r.UsedAt != nil:
		return nil, apperr.Invalid(field, CodeAlreadyUsed, "Code was already used")
	case !r.ExpiresAt.After(s.now()):
		return nil, apperr.Invalid(field, CodeExpired, "Code has expired")
	}
	n, err := s.DB.LoyaltyRedemption.Update().Where(loyaltyredemption.ID(r.ID), loyaltyredemption.UsedAtIsNil()).
		SetUsedAt(s.now()).Save(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, apperr.Invalid(field, CodeAlreadyUsed, "Code was already used")
	}
	return s.DB.LoyaltyRedemption.Get(ctx, r.ID)
}

// Eligible tells whether a customer with balance points, who has redeemed
// r times times already, may redeem r now. The reward list shows exactly
// the rewards Redeem would accept.
func Eligible(r *ent.LoyaltyReward, balance, times int) bool {
	return affordable(r, balance) && underLimit(r, times)
}

func affordable(r *ent.LoyaltyReward, balance int) bool { return r.PointsCost <= balance }

// underLimit: a reward without a limit per customer (0) can be redeemed
// any number of times.
func underLimit(r *ent.LoyaltyReward, times int) bool {
	return r.LimitPerCustomer == 0 || times < r.LimitPerCustomer
}
