package customer

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"accountgraph/ent"
	"accountgraph/ent/customer"
	"accountgraph/ent/customeraccesstoken"
	"accountgraph/ent/customertoken"
	"accountgraph/internal/apperr"
	"accountgraph/internal/auth"
	"accountgraph/internal/db"
	"accountgraph/internal/gid"
	"accountgraph/internal/mail"
	"accountgraph/internal/notify"
)

// Password recovery and account activation: links mailed, then redeemed.

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
