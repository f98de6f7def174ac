package customer

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"accountgraph/ent"
	"accountgraph/ent/customeraccesstoken"
	"accountgraph/ent/recoverycode"
	"accountgraph/ent/shopsettings"
	"accountgraph/internal/apperr"
	"accountgraph/internal/db"
	"accountgraph/internal/settings"
	"accountgraph/internal/throttle"
)

// Two-factor limits: wrong second factors per account (at sign-in, enable
// and disable). With 3 valid codes at any time, 10 tries in 15 minutes
// give a guesser odds of 3 in 100,000 per window.
var twoFactorByCustomer = throttle.Rule{Action: "two_factor", By: "customer", Limit: 10, Window: 15 * time.Minute}

// RecoveryCodes is how many recovery codes enabling two-factor sign-in
// makes.
const RecoveryCodes = 10

var totpOpts = totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// TwoFactorSetup is a pending TOTP secret for the customer's authenticator app.
type TwoFactorSetup struct {
	Secret     string // base32, for typing in
	OtpauthURI string // otpauth://totp/…, for a QR code
}

// SetUpTwoFactor makes a new pending secret; it takes effect when a code
// from it is confirmed (EnableTwoFactor).
func (s *Service) SetUpTwoFactor(ctx context.Context, accessToken string) (*TwoFactorSetup, error) {
	c, err := s.RequireCustomerForSetup(ctx, accessToken)
	if err != nil {
		return nil, err
	}
	if c.TotpSecret != nil {
		return nil, apperr.Invalid(nil, apperr.CodeAlreadyEnabled, "Two-factor sign-in is already on")
	}
	key, err := totp.Generate(totp.GenerateOpts{Issuer: s.ShopName, AccountName: c.Email, SecretSize: 20})
	if err != nil {
		return nil, err
	}
	if err := s.DB.Customer.UpdateOneID(c.ID).SetTotpPendingSecret(key.Secret()).Exec(ctx); err != nil {
		return nil, err
	}
	return &TwoFactorSetup{Secret: key.Secret(), OtpauthURI: key.URL()}, nil
}

// EnableTwoFactor turns two-factor sign-in on with a code from the pending
// secret and returns the recovery codes, shown this once.
func (s *Service) EnableTwoFactor(ctx context.Context, accessToken, code string) (*ent.Customer, []string, error) {
	c, err := s.RequireCustomerForSetup(ctx, accessToken)
	if err != nil {
		return nil, nil, err
	}
	var codes []string
	var out *ent.Customer
	err = s.secondFactor(ctx, c.ID, func(ctx context.Context, tx *ent.Tx, c *ent.Customer) (bool, error) {
		switch {
		case c.TotpSecret != nil:
			return false, apperr.Invalid(nil, apperr.CodeAlreadyEnabled, "Two-factor sign-in is already on")
		case c.TotpPendingSecret == nil:
			return false, apperr.Invalid(nil, apperr.CodeSetupRequired, "Start with customerTwoFactorSetup")
		}
		// A new secret: codes of the old one say nothing about replays.
		step, ok := s.totpStep(*c.TotpPendingSecret, code, 0)
		if !ok {
			return false, nil
		}
		if _, err := tx.RecoveryCode.Delete().Where(recoverycode.CustomerID(c.ID)).Exec(ctx); err != nil {
			return false, err
		}
		bulk := make([]*ent.RecoveryCodeCreate, RecoveryCodes)
		codes = make([]string, RecoveryCodes)
		for i := range bulk {
			codes[i] = newRecoveryCode()
			bulk[i] = tx.RecoveryCode.Create().SetCustomerID(c.ID).SetCodeHash(recoveryHash(codes[i]))
		}
		if err := tx.RecoveryCode.CreateBulk(bulk...).Exec(ctx); err != nil {
			return false, err
		}
		c, err := tx.Customer.UpdateOneID(c.ID).SetTotpSecret(*c.TotpPendingSecret).ClearTotpPendingSecret().
			SetTotpLastStep(step).Save(ctx)
		if err != nil {
			return false, err
		}
		// Sessions waiting for the set-up are full sessions now.
		if err := tx.CustomerAccessToken.Update().Where(customeraccesstoken.CustomerID(c.ID), customeraccesstoken.SetupOnly(true)).
			SetSetupOnly(false).Exec(ctx); err != nil {
			return false, err
		}
		out = c
		return true, s.securityAlert(ctx, tx, c, "Two-factor sign-in was turned on.")
	})
	if err != nil {
		return nil, nil, err
	}
	return out, codes, nil
}

// DisableTwoFactor turns two-factor sign-in off with a TOTP or recovery
// code; the secret and the recovery codes are deleted.
func (s *Service) DisableTwoFactor(ctx context.Context, accessToken, code string) (*ent.Customer, error) {
	c, err := s.RequireCustomer(ctx, accessToken)
	if err != nil {
		return nil, err
	}
	var out *ent.Customer
	err = s.secondFactor(ctx, c.ID, func(ctx context.Context, tx *ent.Tx, c *ent.Customer) (bool, error) {
		if c.TotpSecret == nil {
			return false, apperr.Invalid(nil, apperr.CodeNotEnabled, "Two-factor sign-in is off")
		}
		if st, err := settings.Read(ctx, tx.Client()); err != nil {
			return false, err
		} else if st.TwoFactor == shopsettings.TwoFactorREQUIRED {
			return false, apperr.Invalid(nil, apperr.CodeNotAllowed, "The shop requires two-factor sign-in")
		}
		ok, err := s.useSecondFactor(ctx, tx, c, code)
		if err != nil || !ok {
			return false, err
		}
		if _, err := tx.RecoveryCode.Delete().Where(recoverycode.CustomerID(c.ID)).Exec(ctx); err != nil {
			return false, err
		}
		c, err = tx.Customer.UpdateOneID(c.ID).ClearTotpSecret().ClearTotpPendingSecret().Save(ctx)
		if err != nil {
			return false, err
		}
		out = c
		return true, s.securityAlert(ctx, tx, c, "Two-factor sign-in was turned off.")
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// checkSignInFactor is the second step of a password sign-in for a
// customer with two-factor sign-in on.
// CheckSecondFactor checks the second factor of a sign-in whose password
// CheckCredentials accepted (the hosted sign-in page's second step).
func (s *Service) CheckSecondFactor(ctx context.Context, c *ent.Customer, code string) error {
	return s.checkSignInFactor(ctx, c, &code)
}

func (s *Service) checkSignInFactor(ctx context.Context, c *ent.Customer, code *string) error {
	if code == nil || strings.TrimSpace(*code) == "" {
		return apperr.Invalid(path("input", "totpCode"), apperr.CodeTwoFactorRequired,
			"Two-factor sign-in is on: give the code from your authenticator app or a recovery code")
	}
	return s.secondFactor(ctx, c.ID, func(ctx context.Context, tx *ent.Tx, c *ent.Customer) (bool, error) {
		return s.useSecondFactor(ctx, tx, c, *code)
	})
}

// secondFactor runs check with the customer's row locked, in a
// transaction that commits whatever check did; a false answer (a wrong
// code) is counted against the account and refused.
func (s *Service) secondFactor(ctx context.Context, customerID int, check func(context.Context, *ent.Tx, *ent.Customer) (bool, error)) error {
	id := itoa(customerID)
	if err := s.Limiter.Check(ctx, twoFactorByCustomer, id); err != nil {
		return err
	}
	ok := false
	err := db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		c, err := db.LockCustomer(ctx, tx, customerID)
		if err != nil {
			return err
		}
		ok, err = check(ctx, tx, c)
		return err
	})
	if err != nil {
		return err
	}
	if !ok {
		_ = s.Limiter.Record(ctx, twoFactorByCustomer, id)
		s.refused("two_factor")
		return apperr.Invalid(path("code"), apperr.CodeTwoFactorInvalid, "The code is not right, or was used already")
	}
	return nil
}

// useSecondFactor accepts a TOTP code newer than the last one used, or an
// unused recovery code, and uses it up.
func (s *Service) useSecondFactor(ctx context.Context, tx *ent.Tx, c *ent.Customer, code string) (bool, error) {
	if step, ok := s.totpStep(*c.TotpSecret, code, c.TotpLastStep); ok {
		return true, tx.Customer.UpdateOneID(c.ID).SetTotpLastStep(step).Exec(ctx)
	}
	n, err := tx.RecoveryCode.Update().
		Where(recoverycode.CustomerID(c.ID), recoverycode.CodeHash(recoveryHash(code)), recoverycode.UsedAtIsNil()).
		SetUsedAt(s.now()).Save(ctx)
	return n == 1, err
}

// totpStep checks a 6-digit code against the secret for the current time
// step and one step either side (clock drift), and returns the matching
// step when it is later than last: a code is never accepted twice.
func (s *Service) totpStep(secret, code string, last int64) (int64, bool) {
	code = strings.TrimSpace(code)
	if len(code) != 6 {
		return 0, false
	}
	now := s.now()
	for _, skew := range []int64{-1, 0, 1} {
		t := now.Add(time.Duration(skew) * 30 * time.Second)
		want, err := totp.GenerateCodeCustom(secret, t, totpOpts)
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			if step := t.Unix() / 30; step > last {
				return step, true
			}
		}
	}
	return 0, false
}

// newRecoveryCode makes a code such as "k7q2m-x9fhd" (50 random bits).
func newRecoveryCode() string {
	t := strings.ToLower(rand.Text()[:10])
	return t[:5] + "-" + t[5:]
}

// recoveryHash hashes a recovery code as typed: case, spaces and dashes
// do not matter.
func recoveryHash(code string) []byte {
	code = strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' {
			return -1
		}
		return r
	}, strings.ToLower(code))
	h := sha256.Sum256([]byte(code))
	return h[:]
}
