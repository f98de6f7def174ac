package customer

import (
	"context"
	"fmt"
	"strings"

	"accountgraph/ent"
	"accountgraph/ent/consentevent"
	"accountgraph/ent/customer"
	"accountgraph/ent/customertoken"
	"accountgraph/internal/apperr"
	"accountgraph/internal/auth"
	"accountgraph/internal/db"
	"accountgraph/internal/mail"
	"accountgraph/internal/ptr"
)

// Registration: new accounts and the proof of their email address.

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
		v := checkPhone(&errs, path("input", "phone"), *in.Phone, "")
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
	if err == nil {
		// The answer says TAKEN, as Shopify's does; the time it takes does
		// not add to that: the password is hashed as for a new account.
		if _, err := s.Hasher.Hash(ctx, in.Password); err != nil {
			return nil, err
		}
	}
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
		address := ptr.Deref(t.Email)
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
