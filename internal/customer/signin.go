package customer

import (
	"context"

	"accountgraph/ent"
	"accountgraph/ent/customer"
	"accountgraph/ent/customeraccesstoken"
	"accountgraph/internal/apperr"
	"accountgraph/internal/auth"
	"accountgraph/internal/db"
	"accountgraph/internal/throttle"
)

// Sign-in, and the access tokens it issues, renews and ends.

// Login checks an email and password and issues an access token. Unknown
// emails and wrong passwords get the same answer after the same work.
//
// With two-factor sign-in on, totpCode (a TOTP or recovery code) is needed
// too; its absence or a wrong one gets a distinct error and no token.
func (s *Service) Login(ctx context.Context, email, pw string, totpCode *string) (*Token, error) {
	c, err := s.CheckCredentials(ctx, email, pw, totpCode)
	if err != nil {
		return nil, err
	}
	var token *Token
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		token, err = s.issueToken(ctx, tx, c)
		return err
	})
	return token, err
}

// IssueToken starts a session for a customer whose sign-in was checked
// elsewhere (the OpenID Connect provider's token endpoint), in tx.
func (s *Service) IssueToken(ctx context.Context, tx *ent.Tx, c *ent.Customer) (*Token, error) {
	return s.issueToken(ctx, tx, c)
}

// CheckCredentials is Login's check of an email, a password and the
// second factor, throttled like Login, without starting a session. When
// the account has two-factor sign-in and no code is given, the error is
// TWO_FACTOR_REQUIRED and the customer is returned with it (the password
// was right), for a sign-in page that asks for the code next.
func (s *Service) CheckCredentials(ctx context.Context, email, pw string, totpCode *string) (*ent.Customer, error) {
	if err := s.Settings.CheckSignIn(ctx); err != nil {
		return nil, err
	}
	ip := auth.ViewerFrom(ctx).IP
	key := EmailKey(email)
	pair := key + "|" + ip
	if err := s.Limiter.Check(ctx, loginByIP, ip); err != nil {
		return nil, err
	}
	if err := s.Limiter.Check(ctx, loginByPair, pair); err != nil {
		return nil, err
	}
	// The account-wide limit stops guessing spread over many addresses. So
	// that it cannot lock the owner out, it does not apply on a network the
	// account has a live session from.
	if err := s.Limiter.Check(ctx, loginByEmail, key); err != nil {
		known, kerr := s.knownNetwork(ctx, key, ip)
		if kerr != nil {
			return nil, kerr
		}
		if !known {
			return nil, err
		}
	}
	fail := func() (*ent.Customer, error) {
		for _, r := range []struct {
			rule    throttle.Rule
			subject string
		}{{loginByIP, ip}, {loginByEmail, key}, {loginByPair, pair}} {
			if err := s.Limiter.Record(ctx, r.rule, r.subject); err != nil {
				return nil, err
			}
		}
		s.refused("credentials")
		return nil, apperr.Invalid(nil, apperr.CodeUnidentifiedCustomer, "Unidentified customer")
	}
	c, err := s.DB.Customer.Query().Where(customer.EmailKey(key)).Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return nil, err
	}
	if c == nil || c.PasswordHash == nil {
		s.Hasher.VerifyDummy(ctx, pw)
		return fail()
	}
	ok, err := s.Hasher.Verify(ctx, pw, *c.PasswordHash)
	if err != nil {
		return nil, err
	}
	if !ok {
		return fail()
	}
	if c.State == customer.StateDISABLED {
		return nil, apperr.Invalid(nil, apperr.CodeCustomerDisabled, "This account has been disabled")
	}
	if c.TotpSecret != nil {
		if err := s.checkSignInFactor(ctx, c, totpCode); err != nil {
			if fe, ok := err.(apperr.FieldErrors); ok && len(fe) == 1 && fe[0].Code == apperr.CodeTwoFactorRequired {
				return c, err // the password was right; the code was not given
			}
			return nil, err
		}
	}
	if err := s.Limiter.Clear(ctx, loginByPair, pair); err != nil {
		return nil, err
	}
	return c, nil
}

// knownNetwork reports whether the account with the email key has a live
// session from the network of ip.
func (s *Service) knownNetwork(ctx context.Context, key, ip string) (bool, error) {
	network := CoarseIP(ip)
	if network == "" {
		return false, nil
	}
	return s.DB.CustomerAccessToken.Query().Where(
		customeraccesstoken.IP(network), customeraccesstoken.ExpiresAtGT(s.now()),
		customeraccesstoken.HasCustomerWith(customer.EmailKey(key)),
	).Exist(ctx)
}

// Renew extends a valid access token's life.
func (s *Service) Renew(ctx context.Context, accessToken string) (*Token, error) {
	c, err := s.Authenticate(ctx, accessToken)
	if err != nil {
		return nil, err
	}
	if c == nil {
		return nil, apperr.Invalid(path("customerAccessToken"), "", "Access token does not exist or has expired")
	}
	exp := s.now().Add(s.TokenTTL)
	n, err := s.DB.CustomerAccessToken.Update().
		Where(customeraccesstoken.TokenHash(auth.HashToken(accessToken))).
		SetExpiresAt(exp).Save(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 { // deleted between the two statements
		return nil, apperr.Invalid(path("customerAccessToken"), "", "Access token does not exist or has expired")
	}
	return &Token{AccessToken: accessToken, ExpiresAt: exp}, nil
}

// DeleteToken signs out: the token stops working. It returns the deleted
// session's ID.
func (s *Service) DeleteToken(ctx context.Context, accessToken string) (int, error) {
	t, err := s.DB.CustomerAccessToken.Query().
		Where(customeraccesstoken.TokenHash(auth.HashToken(accessToken))).Only(ctx)
	if ent.IsNotFound(err) {
		return 0, apperr.Invalid(path("customerAccessToken"), "", "Access token does not exist")
	}
	if err != nil {
		return 0, err
	}
	if err := s.DB.CustomerAccessToken.DeleteOneID(t.ID).Exec(ctx); err != nil && !ent.IsNotFound(err) {
		return 0, err
	}
	return t.ID, nil
}
