package customer

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"math/big"
	"time"

	"accountgraph/ent"
	"accountgraph/ent/customer"
	"accountgraph/ent/logincode"
	"accountgraph/ent/shopsettings"
	"accountgraph/internal/apperr"
	"accountgraph/internal/auth"
	"accountgraph/internal/db"
	"accountgraph/internal/mail"
	"accountgraph/internal/settings"
	"accountgraph/internal/throttle"
)

// Passwordless sign-in limits. With 5 tries per code and at most 5 codes an
// hour per address, guessing a 6-digit code succeeds with odds of about 1
// in 40,000 an hour.
var (
	codeTTL         = 10 * time.Minute
	codeMaxAttempts = 5
	codeSendByEmail = throttle.Rule{Action: "code_send", By: "email", Limit: 5, Window: time.Hour}
	codeSendByIP    = throttle.Rule{Action: "code_send", By: "ip", Limit: 20, Window: time.Hour}
	codeTryByIP     = throttle.Rule{Action: "code_try", By: "ip", Limit: 30, Window: 15 * time.Minute}
)

func codeHash(salt []byte, code string) []byte {
	h := sha256.Sum256(append(append([]byte{}, salt...), code...))
	return h[:]
}

// SendCode mails a one-time sign-in code to email. The answer is the same
// whether or not the address has an account: a first code for a new
// address makes the account when it is used.
func (s *Service) SendCode(ctx context.Context, email string) error {
	var errs apperr.FieldErrors
	email = checkEmail(&errs, path("email"), email)
	if err := errs.Err(); err != nil {
		return err
	}
	if err := s.Settings.CheckPasswordless(ctx); err != nil {
		return err
	}
	if err := s.Limiter.Hit(ctx, codeSendByIP, auth.ViewerFrom(ctx).IP); err != nil {
		return err
	}
	key := EmailKey(email)
	// Past the per-address limit nothing is sent, silently (as for recovery).
	if err := s.Limiter.Hit(ctx, codeSendByEmail, key); err != nil {
		return nil
	}
	c, err := s.DB.Customer.Query().Where(customer.EmailKey(key)).Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return err
	}
	if c != nil && c.State == customer.StateDISABLED {
		return nil
	}
	id := 0
	if c != nil {
		id = c.ID
	}
	return s.sendCode(ctx, id, email, logincode.PurposeSIGN_IN, "customer_code")
}

// sendCode stores a fresh one-time code for the address and mails it in
// the same transaction; the address's earlier unused codes of the purpose
// die.
func (s *Service) sendCode(ctx context.Context, customerID int, email string, purpose logincode.Purpose, kind string) error {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return err
	}
	key := EmailKey(email)
	code := fmt.Sprintf("%06d", n.Int64())
	salt := make([]byte, 16)
	_, _ = rand.Read(salt)
	return db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		if _, err := tx.LoginCode.Update().Where(logincode.EmailKey(key), logincode.PurposeEQ(purpose), logincode.UsedAtIsNil()).
			SetUsedAt(s.now()).Save(ctx); err != nil {
			return err
		}
		if err := tx.LoginCode.Create().SetEmailKey(key).SetPurpose(purpose).SetSalt(salt).SetCodeHash(codeHash(salt, code)).
			SetExpiresAt(s.now().Add(codeTTL)).Exec(ctx); err != nil {
			return err
		}
		return s.askedFor(ctx, tx, customerID, email, kind, mail.CodeMail{Code: code, ExpiresIn: "10 minutes"})
	})
}

// useCode checks code against the address's live code of the purpose and
// uses it up when it matches. A wrong code counts a try (the caller must
// commit it) and dies after codeMaxAttempts; no live code is invalid.
func (s *Service) useCode(ctx context.Context, tx *ent.Tx, key string, purpose logincode.Purpose, code string) (bool, error) {
	lc, err := tx.LoginCode.Query().
		Where(logincode.EmailKey(key), logincode.PurposeEQ(purpose), logincode.UsedAtIsNil(), logincode.ExpiresAtGT(s.now())).
		Order(ent.Desc(logincode.FieldCreatedAt)).Modify(db.ForUpdate).First(ctx)
	if ent.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if subtle.ConstantTimeCompare(codeHash(lc.Salt, code), lc.CodeHash) != 1 {
		u := lc.Update().AddAttempts(1)
		if lc.Attempts+1 >= codeMaxAttempts {
			u.SetUsedAt(s.now()) // too many tries: the code dies
		}
		return false, u.Exec(ctx)
	}
	return true, lc.Update().SetUsedAt(s.now()).Exec(ctx)
}

// LoginWithCode checks a code and issues an access token, making the
// account on first use for a new address. The address is proven.
func (s *Service) LoginWithCode(ctx context.Context, email, code string) (*Token, error) {
	return withCode(ctx, s, email, code, s.signInProven)
}

// ProveCode is LoginWithCode without the session: the hosted sign-in page
// checks a code with it, and the provider's token endpoint starts the
// session.
func (s *Service) ProveCode(ctx context.Context, email, code string) (*ent.Customer, error) {
	return withCode(ctx, s, email, code, s.ProveEmail)
}

// withCode checks a sign-in code (throttled, single use) and, in the same
// transaction, hands the proven address to then (which makes the account
// on first use, where the shop takes registrations from the address).
func withCode[T any](ctx context.Context, s *Service, email, code string,
	then func(context.Context, *ent.Tx, string, func(*ent.CustomerCreate) error) (T, error)) (T, error) {
	var none T
	invalid := apperr.Invalid(path("code"), apperr.CodeTokenInvalid, "The code is invalid or has expired; ask for a new one")
	if err := s.Settings.CheckPasswordless(ctx); err != nil {
		return none, err
	}
	st, err := s.Settings.Get(ctx)
	if err != nil {
		return none, err
	}
	ip := auth.ViewerFrom(ctx).IP
	if err := s.Limiter.Check(ctx, codeTryByIP, ip); err != nil {
		return none, err
	}
	key := EmailKey(email)
	if len(code) != 6 || key == "" {
		_ = s.Limiter.Record(ctx, codeTryByIP, ip)
		return none, invalid
	}
	var out T
	wrong := false
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		ok, err := s.useCode(ctx, tx, key, logincode.PurposeSIGN_IN, code)
		if err != nil || !ok {
			wrong = !ok
			return err // a wrong try is committed; the answer is refused after
		}
		out, err = then(ctx, tx, email, func(*ent.CustomerCreate) error {
			// A new account, if the shop takes registrations from this address.
			if st.Registration == shopsettings.RegistrationINVITE_ONLY {
				return apperr.Invalid(path("email"), apperr.CodeInvalid, "Accounts are by invitation only")
			}
			return settings.CheckDomain(st, email, path("email"))
		})
		return err
	})
	if err == nil && wrong {
		s.refused("code")
		_ = s.Limiter.Record(ctx, codeTryByIP, ip)
		return none, invalid
	}
	if err != nil {
		if fe, ok := err.(apperr.FieldErrors); ok && fe[0].Code == apperr.CodeTokenInvalid {
			_ = s.Limiter.Record(ctx, codeTryByIP, ip)
		}
		return none, err
	}
	return out, nil
}

// signInProven signs in, in tx, the owner of an email address that was
// proven (a code sent to it) or vouched for (Multipass): see ProveEmail.
func (s *Service) signInProven(ctx context.Context, tx *ent.Tx, email string, newAccount func(*ent.CustomerCreate) error) (*Token, error) {
	c, err := s.ProveEmail(ctx, tx, email, newAccount)
	if err != nil {
		return nil, err
	}
	return s.issueToken(ctx, tx, c)
}

// ProveEmail returns, in tx, the account of an email address that was
// proven or vouched for (a code, Multipass, a provider's verified email):
// the account is created when there is none (newAccount may refuse or add
// to the profile), an invitation counts as taken up, and guest orders
// placed with the address join the account. A disabled account is
// refused.
func (s *Service) ProveEmail(ctx context.Context, tx *ent.Tx, email string, newAccount func(*ent.CustomerCreate) error) (*ent.Customer, error) {
	key := EmailKey(email)
	c, err := tx.Customer.Query().Where(customer.EmailKey(key)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		create := tx.Customer.Create().SetEmail(email).SetEmailKey(key).
			SetState(customer.StateENABLED).SetEmailVerified(true)
		if err := newAccount(create); err != nil {
			return nil, err
		}
		if c, err = create.Save(ctx); err != nil {
			return nil, err
		}
		if s.Loyalty != nil {
			if err := s.Loyalty.Joined(ctx, tx, c, ""); err != nil {
				return nil, err
			}
		}
	case err != nil:
		return nil, err
	case c.State == customer.StateDISABLED:
		return nil, apperr.Invalid(nil, apperr.CodeCustomerDisabled, "This account has been disabled")
	case c.State != customer.StateENABLED || !c.EmailVerified:
		if c, err = c.Update().SetState(customer.StateENABLED).SetEmailVerified(true).Save(ctx); err != nil {
			return nil, err
		}
	}
	if err := s.joinGuestOrders(ctx, tx, c.ID, key); err != nil {
		return nil, err
	}
	return c, nil
}

// SignInByID issues a session for a customer another sign-in method has
// identified (a social login's one-time code); a disabled account is
// refused.
func (s *Service) SignInByID(ctx context.Context, id int) (*Token, error) {
	if err := s.Settings.CheckSignIn(ctx); err != nil {
		return nil, err
	}
	var out *Token
	err := db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		c, err := tx.Customer.Get(ctx, id)
		switch {
		case ent.IsNotFound(err):
			return apperr.Invalid(nil, apperr.CodeUnidentifiedCustomer, "The account no longer exists")
		case err != nil:
			return err
		case c.State != customer.StateENABLED:
			return apperr.Invalid(nil, apperr.CodeCustomerDisabled, "This account has been disabled")
		}
		out, err = s.issueToken(ctx, tx, c)
		return err
	})
	return out, err
}
