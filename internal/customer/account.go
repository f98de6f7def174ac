package customer

import (
	"cmp"
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"accountgraph/ent"
	"accountgraph/ent/consentevent"
	"accountgraph/ent/customer"
	"accountgraph/ent/customeraccesstoken"
	"accountgraph/ent/customertoken"
	"accountgraph/ent/notification"
	"accountgraph/internal/apperr"
	"accountgraph/internal/auth"
	"accountgraph/internal/db"
	"accountgraph/internal/gid"
	"accountgraph/internal/mail"
	"accountgraph/internal/notify"
	"accountgraph/internal/throttle"
	"accountgraph/internal/useragent"
)

// CreateInput is customerCreate's input.
type CreateInput struct {
	Email            string
	Password         string
	FirstName        *string
	LastName         *string
	Phone            *string
	AcceptsMarketing *bool
	ReferralCode     *string
}

// profile is the validated common part of create and update.
type profile struct {
	email, phone         *string
	firstName, lastName  *string
	acceptsMarketing     *bool
	password             *string
	clearPhone           bool
	errs                 apperr.FieldErrors
	emailField, pwdField []string
}

func validateNames(p *profile, prefix string, first, last *string) {
	if first != nil {
		v := checkText(&p.errs, path(prefix, "firstName"), "First name", *first, MaxNameLength, true)
		p.firstName = &v
	}
	if last != nil {
		v := checkText(&p.errs, path(prefix, "lastName"), "Last name", *last, MaxNameLength, true)
		p.lastName = &v
	}
}

// Create registers a customer.
func (s *Service) Create(ctx context.Context, in CreateInput) (*ent.Customer, error) {
	var errs apperr.FieldErrors
	email := checkEmail(&errs, path("input", "email"), in.Email)
	checkPassword(&errs, path("input", "password"), in.Password)
	p := profile{}
	validateNames(&p, "input", in.FirstName, in.LastName)
	errs = append(errs, p.errs...)
	var phone *string
	if in.Phone != nil && strings.TrimSpace(*in.Phone) != "" {
		v := checkPhone(&errs, path("input", "phone"), *in.Phone)
		phone = &v
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if err := s.Settings.CheckRegistration(ctx, email, path("input", "email")); err != nil {
		return nil, err
	}
	referral := ""
	if in.ReferralCode != nil && s.Loyalty != nil {
		referral = strings.TrimSpace(*in.ReferralCode)
		if err := s.Loyalty.CheckReferralCode(ctx, referral, path("input", "referralCode")); err != nil {
			return nil, err
		}
	}
	if err := s.Limiter.Hit(ctx, registerByIP, auth.ViewerFrom(ctx).IP); err != nil {
		return nil, err
	}
	if err := s.checkCaptcha(ctx); err != nil {
		return nil, err
	}
	existing, err := s.DB.Customer.Query().Where(customer.EmailKey(EmailKey(email))).Only(ctx)
	switch {
	case err == nil && existing.State == customer.StateINVITED:
		// Invited earlier (or a guest with an order): mail the activation link
		// instead of making a second account, as Shopify does.
		if err := s.sendActivation(ctx, existing); err != nil {
			return nil, err
		}
		return nil, apperr.Invalid(path("input"), apperr.CodeCustomerDisabled,
			"We have sent an email to "+email+", please click the link included to verify your email address.")
	case err == nil:
		return nil, apperr.Invalid(path("input", "email"), apperr.CodeTaken, "Email has already been taken")
	case !ent.IsNotFound(err):
		return nil, err
	}
	if phone != nil {
		if taken, err := s.DB.Customer.Query().Where(customer.Phone(*phone)).Exist(ctx); err != nil {
			return nil, err
		} else if taken {
			return nil, apperr.Invalid(path("input", "phone"), apperr.CodeTaken, "Phone has already been taken")
		}
	}
	hash, err := s.Hasher.Hash(ctx, in.Password)
	if err != nil {
		return nil, err
	}
	var c *ent.Customer
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		create := tx.Customer.Create().
			SetEmail(email).SetEmailKey(EmailKey(email)).
			SetNillableFirstName(emptyToNil(p.firstName)).SetNillableLastName(emptyToNil(p.lastName)).
			SetSortName(NameKey(p.firstName, p.lastName)).
			SetNillablePhone(phone).SetPasswordHash(hash).SetState(customer.StateENABLED)
		if in.AcceptsMarketing != nil {
			create.SetAcceptsMarketing(*in.AcceptsMarketing).SetAcceptsMarketingUpdatedAt(s.now())
		}
		var err error
		if c, err = create.Save(ctx); err != nil {
			return err
		}
		if err := RecordConsent(ctx, tx, c.ID, consentevent.TopicMARKETING_EMAIL, c.AcceptsMarketing, consentevent.SourceREGISTRATION); err != nil {
			return err
		}
		if s.Loyalty != nil {
			if err := s.Loyalty.Joined(ctx, tx, c, referral); err != nil {
				return err
			}
		}
		if err := s.askedFor(ctx, tx, c.ID, "", "customer_welcome", mail.AccountMail{}); err != nil {
			return err
		}
		return s.sendVerification(ctx, tx, c, c.Email)
	})
	if db.IsUniqueViolation(err) { // a concurrent registration won the race
		return nil, apperr.Invalid(path("input", "email"), apperr.CodeTaken, "Email has already been taken")
	}
	if err != nil {
		return nil, fmt.Errorf("create customer: %w", err)
	}
	return c, nil
}

// sendVerification mails a link that proves address belongs to c.
func (s *Service) sendVerification(ctx context.Context, tx *ent.Tx, c *ent.Customer, address string) error {
	plain, hash := auth.NewToken()
	if err := tx.CustomerToken.Create().SetCustomerID(c.ID).SetPurpose(customertoken.PurposeVERIFY_EMAIL).
		SetEmail(address).SetTokenHash(hash).SetExpiresAt(s.now().Add(oneTimeTokenTTL)).Exec(ctx); err != nil {
		return fmt.Errorf("store verification token: %w", err)
	}
	return s.askedFor(ctx, tx, c.ID, address, "customer_verify", mail.AccountMail{
		ExpiresIn: "24 hours",
		URL:       fmt.Sprintf("%s/account/verify/%s", s.PublicURL, plain),
	})
}

// VerifyEmail follows a verification link: the address is proven, a
// pending email change takes effect, and guest orders placed with the
// address join the account.
func (s *Service) VerifyEmail(ctx context.Context, token string) (*ent.Customer, error) {
	invalid := apperr.Invalid(path("token"), apperr.CodeTokenInvalid, "The link is invalid or has expired; ask for a new one")
	ip := auth.ViewerFrom(ctx).IP
	if err := s.Limiter.Check(ctx, redeemByIP, ip); err != nil {
		return nil, err
	}
	if token == "" || len(token) > 256 {
		_ = s.Limiter.Record(ctx, redeemByIP, ip)
		return nil, invalid
	}
	var c *ent.Customer
	err := db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		t, err := tx.CustomerToken.Query().
			Where(customertoken.TokenHash(auth.HashToken(token)), customertoken.PurposeEQ(customertoken.PurposeVERIFY_EMAIL),
				customertoken.UsedAtIsNil(), customertoken.ExpiresAtGT(s.now())).
			WithCustomer().Only(ctx)
		if ent.IsNotFound(err) {
			return invalid
		}
		if err != nil {
			return err
		}
		n, err := tx.CustomerToken.Update().Where(customertoken.ID(t.ID), customertoken.UsedAtIsNil()).SetUsedAt(s.now()).Save(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return invalid
		}
		c = t.Edges.Customer
		address := deref(t.Email)
		u := tx.Customer.UpdateOne(c).SetEmailVerified(true)
		if EmailKey(address) != c.EmailKey {
			// An email change: only the address the link went to may become
			// the account's email, and only if it is still pending and free.
			if c.PendingEmail == nil || EmailKey(*c.PendingEmail) != EmailKey(address) {
				return invalid
			}
			taken, err := tx.Customer.Query().Where(customer.EmailKey(EmailKey(address)), customer.IDNEQ(c.ID)).Exist(ctx)
			if err != nil {
				return err
			}
			if taken {
				return apperr.Invalid(path("token"), apperr.CodeTaken, "Email has already been taken")
			}
			u.SetEmail(address).SetEmailKey(EmailKey(address)).ClearPendingEmail()
		}
		if c, err = u.Save(ctx); err != nil {
			return err
		}
		return s.joinGuestOrders(ctx, tx, c.ID, c.EmailKey)
	})
	if fe, ok := err.(apperr.FieldErrors); ok && fe[0].Code == apperr.CodeTokenInvalid {
		_ = s.Limiter.Record(ctx, redeemByIP, ip)
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

func emptyToNil(p *string) *string {
	if p == nil || *p == "" {
		return nil
	}
	return p
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// Login checks an email and password and issues an access token. Unknown
// emails and wrong passwords get the same answer after the same work.
//
// With two-factor sign-in on, totpCode (a TOTP or recovery code) is needed
// too; its absence or a wrong one gets a distinct error and no token.
func (s *Service) Login(ctx context.Context, email, pw string, totpCode *string) (*Token, error) {
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
	fail := func() (*Token, error) {
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
			return nil, err
		}
	}
	if err := s.Limiter.Clear(ctx, loginByPair, pair); err != nil {
		return nil, err
	}
	var token *Token
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		token, err = s.issueToken(ctx, tx, c)
		return err
	})
	return token, err
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

// UpdateInput is customerUpdate's input. Nil fields stay as they are;
// ClearPhone removes the phone.
type UpdateInput struct {
	Email            *string
	Password         *string
	FirstName        *string
	LastName         *string
	Phone            *string
	ClearPhone       bool
	AcceptsMarketing *bool
	// Birthday is set when SetBirthday; nil or "" removes it.
	Birthday    *string
	SetBirthday bool
}

// Update changes the signed-in customer's profile. A password change ends
// every session and returns a fresh token (else the token is nil).
func (s *Service) Update(ctx context.Context, accessToken string, in UpdateInput) (*ent.Customer, *Token, error) {
	c, err := s.MustAuthenticate(ctx, accessToken)
	if err != nil {
		return nil, nil, err
	}
	var errs apperr.FieldErrors
	p := profile{}
	validateNames(&p, "customer", in.FirstName, in.LastName)
	errs = append(errs, p.errs...)
	var email, phone *string
	if in.Email != nil {
		v := checkEmail(&errs, path("customer", "email"), *in.Email)
		email = &v
	}
	if in.Phone != nil && strings.TrimSpace(*in.Phone) != "" {
		v := checkPhone(&errs, path("customer", "phone"), *in.Phone)
		phone = &v
	}
	clearPhone := in.ClearPhone || (in.Phone != nil && strings.TrimSpace(*in.Phone) == "")
	if in.Password != nil {
		checkPassword(&errs, path("customer", "password"), *in.Password)
	}
	var birthday *time.Time
	if in.SetBirthday {
		birthday = ParseBirthday(&errs, path("customer", "birthday"), in.Birthday, s.now())
	}
	if err := errs.Err(); err != nil {
		return nil, nil, err
	}
	var hash string
	if in.Password != nil {
		if hash, err = s.Hasher.Hash(ctx, *in.Password); err != nil {
			return nil, nil, err
		}
	}
	var token *Token
	changeTo := ""
	old := c.Email
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		if email != nil && EmailKey(*email) != c.EmailKey {
			taken, err := tx.Customer.Query().Where(customer.EmailKey(EmailKey(*email)), customer.IDNEQ(c.ID)).Exist(ctx)
			if err != nil {
				return err
			}
			if taken {
				return apperr.Invalid(path("customer", "email"), apperr.CodeTaken, "Email has already been taken")
			}
		}
		if phone != nil {
			taken, err := tx.Customer.Query().Where(customer.Phone(*phone), customer.IDNEQ(c.ID)).Exist(ctx)
			if err != nil {
				return err
			}
			if taken {
				return apperr.Invalid(path("customer", "phone"), apperr.CodeTaken, "Phone has already been taken")
			}
		}
		u := tx.Customer.UpdateOneID(c.ID)
		if p.firstName != nil {
			u.SetNillableFirstName(emptyToNil(p.firstName))
			if *p.firstName == "" {
				u.ClearFirstName()
			}
		}
		if p.lastName != nil {
			u.SetNillableLastName(emptyToNil(p.lastName))
			if *p.lastName == "" {
				u.ClearLastName()
			}
		}
		if p.firstName != nil || p.lastName != nil {
			u.SetSortName(NameKey(cmp.Or(p.firstName, c.FirstName), cmp.Or(p.lastName, c.LastName)))
		}
		if email != nil && EmailKey(*email) != c.EmailKey {
			// The change takes effect when the new address is verified.
			u.SetPendingEmail(*email)
			changeTo = *email
		} else if email != nil && *email != c.Email {
			u.SetEmail(*email) // only the letter case changes
		}
		switch {
		case phone != nil:
			u.SetPhone(*phone)
		case clearPhone:
			u.ClearPhone()
		}
		if in.SetBirthday {
			SetBirthday(u.Mutation(), birthday)
		}
		if in.AcceptsMarketing != nil && *in.AcceptsMarketing != c.AcceptsMarketing {
			if err := s.SetAcceptsMarketing(ctx, tx, c.ID, *in.AcceptsMarketing, consentevent.SourceSTOREFRONT); err != nil {
				return err
			}
		}
		if in.Password != nil {
			u.SetPasswordHash(hash)
			if _, err := tx.CustomerAccessToken.Delete().Where(customeraccesstoken.CustomerID(c.ID)).Exec(ctx); err != nil {
				return err
			}
			var err error
			if token, err = s.issueToken(ctx, tx, c); err != nil {
				return err
			}
		}
		saved, err := u.Save(ctx)
		if db.IsUniqueViolation(err) {
			return apperr.Invalid(path("customer", "email"), apperr.CodeTaken, "Email or phone has already been taken")
		}
		if err != nil {
			return err
		}
		if err := s.tellChanges(ctx, tx, c, saved, in.Password != nil); err != nil {
			return err
		}
		c = saved
		if changeTo == "" {
			return nil
		}
		if err := s.sendVerification(ctx, tx, c, changeTo); err != nil {
			return err
		}
		return s.askedFor(ctx, tx, c.ID, old, "customer_email_change", mail.AccountMail{})
	})
	if err != nil {
		return nil, nil, err
	}
	return c, token, nil
}

// tellChanges tells the customer what a profile update changed: a new
// password as a security alert, other details as an account change (the
// email address has its own messages).
func (s *Service) tellChanges(ctx context.Context, tx *ent.Tx, before, after *ent.Customer, password bool) error {
	if password {
		if err := s.securityAlert(ctx, tx, after, "Your password was changed."); err != nil {
			return err
		}
	}
	var what []string
	if deref(before.FirstName) != deref(after.FirstName) || deref(before.LastName) != deref(after.LastName) {
		what = append(what, "name")
	}
	if deref(before.Phone) != deref(after.Phone) {
		what = append(what, "phone number")
	}
	if deref(before.Birthday) != deref(after.Birthday) {
		what = append(what, "birthday")
	}
	if len(what) == 0 {
		return nil
	}
	return s.tell(ctx, tx, after, notification.TopicACCOUNT_CHANGES, "account_updated", map[string]any{"What": strings.Join(what, ", ")})
}

// securityAlert tells c, in tx, what happened to their account's security
// in the current request, from which device, network and country, and
// when. Security alerts by email cannot be turned off.
func (s *Service) securityAlert(ctx context.Context, tx *ent.Tx, c *ent.Customer, event string) error {
	v := auth.ViewerFrom(ctx)
	return s.tell(ctx, tx, c, notification.TopicSECURITY_ALERTS, "security_alert", map[string]any{
		"Event": event, "Time": s.now().Format("2 Jan 2006 15:04 UTC"),
		"Device": useragent.Device(v.UserAgent), "Network": CoarseIP(v.IP), "Country": v.Country,
	})
}

// Recover mails a password reset link when email belongs to an account
// (an activation link for an invited one). The answer is the same either
// way: nothing tells the caller whether the email is known.
func (s *Service) Recover(ctx context.Context, email string) error {
	var errs apperr.FieldErrors
	if v, _ := cleanText(email); v == "" {
		errs.Add(path("email"), apperr.CodeBlank, "Email can't be blank")
		return errs
	}
	if err := s.Settings.CheckSignIn(ctx); err != nil {
		return err
	}
	if err := s.Limiter.Hit(ctx, recoverByIP, auth.ViewerFrom(ctx).IP); err != nil {
		return err
	}
	key := EmailKey(email)
	// Past the per-email limit nothing is sent, silently: refusing would tell
	// that the address is being mailed, and the inbox owner is protected.
	if err := s.Limiter.Hit(ctx, recoverByEmail, key); err != nil {
		return nil
	}
	c, err := s.DB.Customer.Query().Where(customer.EmailKey(key)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	switch c.State {
	case customer.StateINVITED:
		return s.sendActivation(ctx, c)
	case customer.StateENABLED:
		return s.sendLink(ctx, c, customertoken.PurposeRESET, "customer_reset", "reset")
	}
	return nil
}

func (s *Service) sendActivation(ctx context.Context, c *ent.Customer) error {
	return s.sendLink(ctx, c, customertoken.PurposeACTIVATION, "customer_activation", "activate")
}

// sendLink stores a one-time token and, in the same transaction, mails c
// the link /account/<route>/<id>/<token>.
func (s *Service) sendLink(ctx context.Context, c *ent.Customer, purpose customertoken.Purpose, kind, route string) error {
	return db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		return s.sendLinkTx(ctx, tx, c, purpose, kind, route, "")
	})
}

// sendLinkTx is sendLink in the caller's transaction, with the shop's
// personal message (invitations).
func (s *Service) sendLinkTx(ctx context.Context, tx *ent.Tx, c *ent.Customer, purpose customertoken.Purpose, kind, route, message string) error {
	return s.sendLinksTx(ctx, tx, []*ent.Customer{c}, purpose, kind, route, []string{message})
}

// sendLinksTx is sendLinkTx for several customers (messages[i] is the
// note to cs[i]), with one statement for the tokens and one outbox call.
func (s *Service) sendLinksTx(ctx context.Context, tx *ent.Tx, cs []*ent.Customer, purpose customertoken.Purpose, kind, route string, messages []string) error {
	tokens := make([]*ent.CustomerTokenCreate, len(cs))
	events := make([]notify.Event, len(cs))
	for i, c := range cs {
		plain, hash := auth.NewToken()
		tokens[i] = tx.CustomerToken.Create().
			SetCustomerID(c.ID).SetPurpose(purpose).SetTokenHash(hash).
			SetExpiresAt(s.now().Add(oneTimeTokenTTL))
		events[i] = askedForEvent(c.ID, "", kind, mail.AccountMail{
			ExpiresIn: "24 hours",
			URL:       fmt.Sprintf("%s/account/%s/%d/%s", s.PublicURL, route, c.ID, plain),
			Message:   messages[i],
		})
	}
	if err := tx.CustomerToken.CreateBulk(tokens...).Exec(ctx); err != nil {
		return fmt.Errorf("store one-time tokens: %w", err)
	}
	return s.Outbox.Enqueue(ctx, tx, events...)
}

// Redemption is a reset or an activation.
type Redemption struct {
	CustomerID string // global ID
	Token      string
	Password   string
	// Fields name the inputs in errors.
	IDField, TokenField, PasswordField []string
}

// Reset sets a new password with a reset token. Every session ends; a new
// token is issued.
func (s *Service) Reset(ctx context.Context, r Redemption) (*ent.Customer, *Token, error) {
	return s.redeem(ctx, r, customertoken.PurposeRESET)
}

// Activate sets the password of an invited customer with an activation
// token and enables the account.
func (s *Service) Activate(ctx context.Context, r Redemption) (*ent.Customer, *Token, error) {
	return s.redeem(ctx, r, customertoken.PurposeACTIVATION)
}

// ParseAccountURL splits a reset or activation link
// (…/account/{kind}/{id}/{token}) into the customer's global ID and token.
func ParseAccountURL(raw, kind string) (customerGID, token string, ok bool) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return "", "", false
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	n := len(parts)
	if n < 4 || parts[n-4] != "account" || parts[n-3] != kind {
		return "", "", false
	}
	var id int
	if _, err := fmt.Sscanf(parts[n-2], "%d", &id); err != nil || id <= 0 || fmt.Sprint(id) != parts[n-2] {
		return "", "", false
	}
	return gid.Encode("Customer", id), parts[n-1], true
}

func (s *Service) redeem(ctx context.Context, r Redemption, purpose customertoken.Purpose) (*ent.Customer, *Token, error) {
	var errs apperr.FieldErrors
	checkPassword(&errs, r.PasswordField, r.Password)
	if err := errs.Err(); err != nil {
		return nil, nil, err
	}
	if err := s.Settings.CheckSignIn(ctx); err != nil {
		return nil, nil, err
	}
	ip := auth.ViewerFrom(ctx).IP
	if err := s.Limiter.Check(ctx, redeemByIP, ip); err != nil {
		return nil, nil, err
	}
	invalid := func() (*ent.Customer, *Token, error) {
		if err := s.Limiter.Record(ctx, redeemByIP, ip); err != nil {
			return nil, nil, err
		}
		return nil, nil, apperr.Invalid(r.TokenField, apperr.CodeTokenInvalid, "The link is invalid or has expired; ask for a new one")
	}
	id, err := gid.Decode(r.CustomerID, "Customer")
	if err != nil || r.Token == "" || len(r.Token) > 256 {
		return invalid()
	}
	t, err := s.DB.CustomerToken.Query().
		Where(customertoken.TokenHash(auth.HashToken(r.Token)), customertoken.CustomerID(id),
			customertoken.PurposeEQ(purpose), customertoken.ExpiresAtGT(s.now())).
		WithCustomer().Only(ctx)
	if ent.IsNotFound(err) {
		return invalid()
	}
	if err != nil {
		return nil, nil, err
	}
	c := t.Edges.Customer
	if t.UsedAt != nil {
		// A genuine activation link followed again after the account was
		// activated: say so (as Shopify does) rather than "invalid link".
		if purpose == customertoken.PurposeACTIVATION && c.State == customer.StateENABLED {
			return nil, nil, apperr.Invalid(nil, apperr.CodeAlreadyEnabled, "This account is already active; sign in instead")
		}
		return invalid()
	}
	switch {
	case c.State == customer.StateDISABLED:
		return nil, nil, apperr.Invalid(nil, apperr.CodeCustomerDisabled, "This account has been disabled")
	case purpose == customertoken.PurposeACTIVATION && c.State == customer.StateENABLED:
		return nil, nil, apperr.Invalid(nil, apperr.CodeAlreadyEnabled, "This account is already active; sign in instead")
	}
	hash, err := s.Hasher.Hash(ctx, r.Password)
	if err != nil {
		return nil, nil, err
	}
	var token *Token
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		// The conditional update makes the token single-use even when two
		// requests redeem it at the same moment.
		n, err := tx.CustomerToken.Update().
			Where(customertoken.ID(t.ID), customertoken.UsedAtIsNil()).
			SetUsedAt(s.now()).Save(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return apperr.Invalid(r.TokenField, apperr.CodeTokenInvalid, "The link is invalid or has expired; ask for a new one")
		}
		// Other outstanding links of the same kind die too.
		if _, err := tx.CustomerToken.Update().
			Where(customertoken.CustomerID(c.ID), customertoken.PurposeEQ(purpose), customertoken.UsedAtIsNil()).
			SetUsedAt(s.now()).Save(ctx); err != nil {
			return err
		}
		if _, err := tx.CustomerAccessToken.Delete().Where(customeraccesstoken.CustomerID(c.ID)).Exec(ctx); err != nil {
			return err
		}
		// Both links were mailed to the address, so following one proves it.
		if c, err = tx.Customer.UpdateOneID(c.ID).
			SetPasswordHash(hash).SetState(customer.StateENABLED).SetEmailVerified(true).
			Save(ctx); err != nil {
			return err
		}
		// Guest orders placed with the now proven address join the account.
		if err := s.joinGuestOrders(ctx, tx, c.ID, c.EmailKey); err != nil {
			return err
		}
		if token, err = s.issueToken(ctx, tx, c); err != nil {
			return err
		}
		if purpose != customertoken.PurposeRESET {
			return nil
		}
		return s.securityAlert(ctx, tx, c, "Your password was reset.")
	})
	if err != nil {
		return nil, nil, err
	}
	return c, token, nil
}

// InviteInput is adminCustomerInvite's input.
type InviteInput struct {
	Email     string
	FirstName *string
	LastName  *string
	Message   *string
}

// Invite creates an invited customer (no password yet) and mails an
// activation link.
func (s *Service) Invite(ctx context.Context, in InviteInput) (*ent.Customer, error) {
	cs, err := s.invite(ctx, []InviteInput{in}, func(_ int, f string) []string { return path("input", f) })
	if err != nil {
		return nil, err
	}
	return cs[0], nil
}

// InviteMany invites up to MaxInvites people in one transaction: when any
// entry is wrong, nobody is invited.
func (s *Service) InviteMany(ctx context.Context, ins []InviteInput) ([]*ent.Customer, error) {
	if len(ins) > MaxInvites {
		return nil, apperr.Invalid(path("inputs"), apperr.CodeTooMany, "At most "+itoa(MaxInvites)+" invitations at once")
	}
	return s.invite(ctx, ins, func(i int, f string) []string { return path("inputs", itoa(i), f) })
}

// invite validates every entry (at names a field of an entry), then creates
// the customers, their activation tokens and mails in one transaction.
func (s *Service) invite(ctx context.Context, ins []InviteInput, at func(i int, field string) []string) ([]*ent.Customer, error) {
	var errs apperr.FieldErrors
	type entry struct {
		email string
		p     profile
		msg   string
	}
	entries := make([]entry, len(ins))
	seen := map[string]int{}
	for i, in := range ins {
		e := &entries[i]
		e.email = checkEmail(&errs, at(i, "email"), in.Email)
		validateNames(&e.p, "", in.FirstName, in.LastName)
		for _, fe := range e.p.errs {
			errs.Add(at(i, fe.Field[len(fe.Field)-1]), fe.Code, fe.Message)
		}
		if in.Message != nil {
			e.msg = checkText(&errs, at(i, "message"), "Message", *in.Message, MaxInviteMsg, false)
		}
		if j, dup := seen[EmailKey(e.email)]; dup {
			errs.Add(at(i, "email"), apperr.CodeTaken, "Email is also entry "+itoa(j))
		}
		seen[EmailKey(e.email)] = i
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	taken, err := s.DB.Customer.Query().Where(customer.EmailKeyIn(keys...)).Select(customer.FieldEmailKey).Strings(ctx)
	if err != nil {
		return nil, err
	}
	for _, k := range taken {
		errs.Add(at(seen[k], "email"), apperr.CodeTaken, "Email has already been taken")
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	var out []*ent.Customer
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		bulk := make([]*ent.CustomerCreate, len(entries))
		for i, e := range entries {
			bulk[i] = tx.Customer.Create().
				SetEmail(e.email).SetEmailKey(EmailKey(e.email)).
				SetNillableFirstName(emptyToNil(e.p.firstName)).SetNillableLastName(emptyToNil(e.p.lastName)).
				SetSortName(NameKey(e.p.firstName, e.p.lastName)).
				SetState(customer.StateINVITED)
		}
		var err error
		if out, err = tx.Customer.CreateBulk(bulk...).Save(ctx); err != nil {
			return err
		}
		messages := make([]string, len(entries))
		for i, e := range entries {
			messages[i] = e.msg
		}
		return s.sendLinksTx(ctx, tx, out, customertoken.PurposeACTIVATION, "customer_activation", "activate", messages)
	})
	if db.IsUniqueViolation(err) {
		// Someone registered one of the addresses meanwhile.
		return nil, apperr.Invalid(at(0, "email"), apperr.CodeTaken, "An email was taken meanwhile; try again")
	}
	return out, err
}
