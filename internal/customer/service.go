// Package customer holds the rules of customer accounts: registration,
// sign-in tokens, profile changes, activation, password recovery and
// addresses. It knows nothing of HTTP or GraphQL; every function that acts
// for a customer takes the customer's access token and scopes all data to
// that customer.
package customer

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	"accountgraph/ent/customer"
	"accountgraph/ent/customeraccesstoken"
	"accountgraph/ent/notification"
	"accountgraph/ent/order"
	"accountgraph/ent/shopsettings"
	"accountgraph/internal/apperr"
	"accountgraph/internal/auth"
	"accountgraph/internal/captcha"
	"accountgraph/internal/db"
	"accountgraph/internal/loaders"
	"accountgraph/internal/notify"
	"accountgraph/internal/password"
	"accountgraph/internal/ptr"
	"accountgraph/internal/settings"
	"accountgraph/internal/throttle"
	"accountgraph/internal/useragent"
)

// Service runs the customer-account rules.
type Service struct {
	DB       *ent.Client
	Settings *settings.Service
	Hasher   *password.Hasher
	Limiter  *throttle.Limiter
	// Outbox takes the account's messages in the transactions that cause
	// them.
	Outbox    *notify.Outbox
	Log       *slog.Logger
	PublicURL string // base of links in emails, without trailing slash
	ShopName  string // issuer of two-factor secrets
	TokenTTL  time.Duration
	Now       func() time.Time
	// Captcha, when set, must pass the X-Captcha-Token of a registration
	// (off by default).
	Captcha captcha.Verifier
	// OnRefuse is told why a credential was refused ("credentials",
	// "captcha", "two_factor", "code"), for metrics.
	OnRefuse func(reason string)
	// Loyalty keeps the points ledger in step with accounts (nil: no
	// loyalty programme).
	Loyalty LoyaltyHooks
	// Currency is the shop's currency, in which the customer list's amount
	// spent is counted.
	Currency string
	// B2B gives a customer whose email is proven the company contacts the
	// ERP lists for it (nil: no B2B).
	B2B B2BHook
}

// B2BHook is told, in the transaction that proved it, that a customer owns
// an email address.
type B2BHook interface {
	EmailProven(ctx context.Context, tx *ent.Tx, customerID int, emailKey string) error
}

// LoyaltyHooks keeps the loyalty ledger in step with accounts, inside the
// transactions that change them.
type LoyaltyHooks interface {
	CheckReferralCode(ctx context.Context, code string, field []string) error
	Joined(ctx context.Context, tx *ent.Tx, c *ent.Customer, referralCode string) error
	MarketingOptIn(ctx context.Context, tx *ent.Tx, customerID int) error
	OrderChanged(ctx context.Context, tx *ent.Tx, o *ent.Order) error
}

// joinGuestOrders moves the guest orders placed with a proven address
// into the account, with the points they earn, and makes the customer a
// contact of the companies whose ERP lists the address.
func (s *Service) joinGuestOrders(ctx context.Context, tx *ent.Tx, customerID int, key string) error {
	if s.B2B != nil {
		if err := s.B2B.EmailProven(ctx, tx, customerID, key); err != nil {
			return err
		}
	}
	orders, err := tx.Order.Query().Where(order.CustomerIDIsNil(), order.EmailKey(key)).Order(ent.Asc(order.FieldID)).All(ctx)
	if err != nil || len(orders) == 0 {
		return err
	}
	ids := make([]int, len(orders))
	for i, o := range orders {
		ids[i] = o.ID
	}
	if err := tx.Order.Update().Where(order.IDIn(ids...)).SetCustomerID(customerID).Exec(ctx); err != nil {
		return err
	}
	if err := RefreshStats(ctx, tx, s.Currency, customerID); err != nil {
		return err
	}
	if s.Loyalty == nil {
		return nil
	}
	for _, o := range orders {
		o.CustomerID = &customerID
		if err := s.Loyalty.OrderChanged(ctx, tx, o); err != nil {
			return err
		}
	}
	return nil
}

// Rate limits. Login and token-redeeming limits count failures only, so a
// customer who types the right password is never held back by them.
var (
	loginByIP    = throttle.Rule{Action: "login", By: "ip", Limit: 50, Window: 15 * time.Minute}
	loginByEmail = throttle.Rule{Action: "login", By: "email", Limit: 10, Window: 15 * time.Minute}
	// loginByPair backs off one client's guesses at one account: free for 5
	// failures, then 1 s, 2 s, 4 s … at most 15 minutes after the last one.
	loginByPair = throttle.Rule{Action: "login", By: "email_ip", Limit: 5, Window: 24 * time.Hour,
		Backoff: time.Second, MaxBackoff: 15 * time.Minute}
	recoverByIP     = throttle.Rule{Action: "recover", By: "ip", Limit: 10, Window: time.Hour}
	recoverByEmail  = throttle.Rule{Action: "recover", By: "email", Limit: 3, Window: time.Hour}
	registerByIP    = throttle.Rule{Action: "register", By: "ip", Limit: 50, Window: time.Hour}
	redeemByIP      = throttle.Rule{Action: "redeem", By: "ip", Limit: 20, Window: 15 * time.Minute}
	oneTimeTokenTTL = 24 * time.Hour
)

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// Token is a freshly issued access token.
type Token struct {
	AccessToken string
	ExpiresAt   time.Time
	ID          int
	// SetupOnly: the shop requires two-factor sign-in, which the customer
	// must turn on before the token serves anything else.
	SetupOnly bool
}

// issueToken stores a new access token (a session) for c in tx. A sign-in
// from a device, or a country, that none of the customer's live sessions
// has raises a security alert; the first session of all does not.
func (s *Service) issueToken(ctx context.Context, tx *ent.Tx, c *ent.Customer) (*Token, error) {
	v := auth.ViewerFrom(ctx)
	others, err := tx.CustomerAccessToken.Query().
		Where(customeraccesstoken.CustomerID(c.ID), customeraccesstoken.ExpiresAtGT(s.now())).
		Select(customeraccesstoken.FieldUserAgent, customeraccesstoken.FieldCountry).All(ctx)
	if err != nil {
		return nil, err
	}
	setupOnly := false
	if c.TotpSecret == nil {
		st, err := settings.Read(ctx, tx.Client())
		if err != nil {
			return nil, err
		}
		setupOnly = st.TwoFactor == shopsettings.TwoFactorREQUIRED
	}
	plain, hash := auth.NewToken()
	exp := s.now().Add(s.TokenTTL)
	row, err := tx.CustomerAccessToken.Create().
		SetCustomerID(c.ID).SetTokenHash(hash).SetExpiresAt(exp).SetSetupOnly(setupOnly).
		SetIP(CoarseIP(v.IP)).SetUserAgent(db.Fit(v.UserAgent, 255)).SetCountry(v.Country).SetLastUsedAt(s.now()).
		Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("store access token: %w", err)
	}
	if event := unfamiliar(others, v); event != "" {
		if err := s.securityAlert(ctx, tx, c, event); err != nil {
			return nil, err
		}
	}
	return &Token{AccessToken: plain, ExpiresAt: exp, ID: row.ID, SetupOnly: setupOnly}, nil
}

// unfamiliar says what is new about a sign-in compared with the customer's
// live sessions: the device, else the country; "" when nothing is, or when
// there is nothing to compare with.
func unfamiliar(others []*ent.CustomerAccessToken, v *auth.Viewer) string {
	if len(others) == 0 {
		return ""
	}
	device := useragent.Device(v.UserAgent)
	knownDevice, knownCountry, countries := false, false, false
	for _, o := range others {
		knownDevice = knownDevice || useragent.Device(o.UserAgent) == device
		if o.Country != "" {
			countries = true
			knownCountry = knownCountry || o.Country == v.Country
		}
	}
	switch {
	case !knownDevice:
		return "Your account was signed in to from a new device."
	case v.Country != "" && countries && !knownCountry:
		return "Your account was signed in to from a new country."
	}
	return ""
}

// CoarseIP keeps the network of an address, not the host: enough for a
// customer to recognise a session, less personal data to keep.
func CoarseIP(s string) string {
	ip := net.ParseIP(s)
	switch {
	case ip == nil:
		return ""
	case ip.To4() != nil:
		return ip.Mask(net.CIDRMask(24, 32)).String() + "/24"
	}
	return ip.Mask(net.CIDRMask(48, 128)).String() + "/48"
}

// ErrTokenInvalid is returned (as a FieldError) when an access token is
// unknown, expired or belongs to a disabled customer.
func tokenInvalid() error {
	return apperr.Invalid(path("customerAccessToken"), apperr.CodeTokenInvalid, "Customer access token is invalid or expired")
}

// Authenticate returns the customer of a valid access token, or nil. A
// token waiting for two-factor set-up (SetupOnly) is not valid here.
func (s *Service) Authenticate(ctx context.Context, accessToken string) (*ent.Customer, error) {
	return s.authenticate(ctx, s.DB, accessToken, false)
}

// AuthenticateTx is Authenticate inside a caller's transaction (it reads
// and touches the session through tx, never a second connection).
func (s *Service) AuthenticateTx(ctx context.Context, tx *ent.Tx, accessToken string) (*ent.Customer, error) {
	return s.authenticate(ctx, tx.Client(), accessToken, false)
}

// RequireCustomerForSetup is RequireCustomer that also accepts a token
// waiting for two-factor set-up: for the set-up operations themselves.
func (s *Service) RequireCustomerForSetup(ctx context.Context, accessToken string) (*ent.Customer, error) {
	c, err := s.authenticate(ctx, s.DB, accessToken, true)
	if err == nil && c == nil {
		err = tokenInvalid()
	}
	return c, err
}

func (s *Service) authenticate(ctx context.Context, client *ent.Client, accessToken string, setup bool) (*ent.Customer, error) {
	if accessToken == "" || len(accessToken) > 256 {
		return nil, nil
	}
	now := s.now()
	// One statement: the customer, if a live token of theirs has this hash,
	// with the session's ID and last use. A read operation's columns (the
	// read plan's), else the whole row through ent.
	hash := auth.HashToken(accessToken)
	session, narrowed, err := loaders.SessionCustomer(ctx, client, hash, now, setup)
	if narrowed {
		if err != nil {
			return nil, fmt.Errorf("authenticate: %w", err)
		}
		if session == nil {
			return nil, nil
		}
		s.touch(ctx, client, session.ID, session.UsedAt, now)
		return session.Customer, nil
	}
	q := client.Customer.Query().Where(customer.StateEQ(customer.StateENABLED))
	c, err := q.Modify(func(sel *entsql.Selector) {
		t := entsql.Table(customeraccesstoken.Table).As("session")
		sel.Join(t).On(sel.C(customer.FieldID), t.C(customeraccesstoken.FieldCustomerID)).
			Where(entsql.And(
				entsql.EQ(t.C(customeraccesstoken.FieldTokenHash), hash),
				entsql.GT(t.C(customeraccesstoken.FieldExpiresAt), now))).
			AppendSelectAs(t.C(customeraccesstoken.FieldID), "session_id").
			AppendSelectAs(t.C(customeraccesstoken.FieldLastUsedAt), "session_used_at")
		if !setup {
			sel.Where(entsql.EQ(t.C(customeraccesstoken.FieldSetupOnly), false))
		}
	}).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("authenticate: %w", err)
	}
	idv, _ := c.Value("session_id")
	id, _ := db.ValueInt(idv)
	usedv, _ := c.Value("session_used_at")
	used, _ := db.ValueTime(usedv)
	s.touch(ctx, client, id, used, now)
	return c, nil
}

// touchEvery is how stale a session's last-use time may get: writing it
// on every request would double the statements of most requests.
const touchEvery = 5 * time.Minute

// touch records that session id (last used at used) was used, at most once
// every touchEvery. A failure only logs: the request goes on.
func (s *Service) touch(ctx context.Context, client *ent.Client, id int, used, now time.Time) {
	if id == 0 || (!used.IsZero() && now.Sub(used) < touchEvery) {
		return
	}
	// Update, not UpdateOne: one statement, without reading the row back.
	err := client.CustomerAccessToken.Update().Where(customeraccesstoken.ID(id)).SetLastUsedAt(now).Exec(ctx)
	if err != nil {
		s.Log.WarnContext(ctx, "session last use not recorded", "err", err)
	}
}

// RequireCustomer is Authenticate for mutations: an unknown token is a
// TOKEN_INVALID input error.
func (s *Service) RequireCustomer(ctx context.Context, accessToken string) (*ent.Customer, error) {
	c, err := s.Authenticate(ctx, accessToken)
	if err != nil {
		return nil, err
	}
	if c == nil {
		return nil, tokenInvalid()
	}
	return c, nil
}

// ByID returns a customer for the Admin API (the caller checked scopes).
func (s *Service) ByID(ctx context.Context, id int) (*ent.Customer, error) {
	c, err := s.DB.Customer.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return c, err
}

// refused counts a refused credential.
func (s *Service) refused(reason string) {
	if s.OnRefuse != nil {
		s.OnRefuse(reason)
	}
}

// checkCaptcha asks the CAPTCHA verifier, when one is set, about the
// request's X-Captcha-Token. A verifier that cannot be reached refuses.
func (s *Service) checkCaptcha(ctx context.Context) error {
	if s.Captcha == nil {
		return nil
	}
	v := auth.ViewerFrom(ctx)
	ok, err := s.Captcha.Verify(ctx, v.CaptchaToken, v.IP)
	if err != nil {
		return err
	}
	if !ok {
		s.refused("captcha")
		return apperr.Invalid(path("captchaToken"), apperr.CodeInvalid, "Confirm that you are not a robot (send the answer in the X-Captcha-Token header)")
	}
	return nil
}

// askedFor adds a message the customer asked for (a code, a link) to the
// outbox in tx: it goes by email at once, to address when given (else the
// customer's), whatever the preferences.
func (s *Service) askedFor(ctx context.Context, tx *ent.Tx, customerID int, address, kind string, data any) error {
	return s.Outbox.Enqueue(ctx, tx, askedForEvent(customerID, address, kind, data))
}

// askedForEvent is the outbox event of a message the customer asked for.
func askedForEvent(customerID int, address, kind string, data any) notify.Event {
	return notify.Event{Key: kind + ":" + rand.Text(), Kind: kind, CustomerID: customerID, To: address, Data: data}
}

// tell adds a message on a topic to the outbox in tx.
func (s *Service) tell(ctx context.Context, tx *ent.Tx, c *ent.Customer, topic notification.Topic, kind string, data map[string]any) error {
	return s.Outbox.Enqueue(ctx, tx, notify.Event{Key: kind + ":" + rand.Text(), Kind: kind, Topic: notify.Topic(topic), CustomerID: c.ID, Data: data})
}

// DisplayName is the name to show: the full name, else the email, else the
// phone.
func DisplayName(c *ent.Customer) string {
	name := strings.TrimSpace(ptr.Deref(c.FirstName) + " " + ptr.Deref(c.LastName))
	switch {
	case name != "":
		return name
	case c.Email != "":
		return c.Email
	}
	return ptr.Deref(c.Phone)
}
