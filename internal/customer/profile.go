package customer

import (
	"cmp"
	"context"
	"strings"
	"time"

	"accountgraph/ent"
	"accountgraph/ent/consentevent"
	"accountgraph/ent/customer"
	"accountgraph/ent/customeraccesstoken"
	"accountgraph/ent/notification"
	"accountgraph/internal/apperr"
	"accountgraph/internal/auth"
	"accountgraph/internal/db"
	"accountgraph/internal/mail"
	"accountgraph/internal/ptr"
	"accountgraph/internal/useragent"
)

// The signed-in customer's profile and the alerts its changes send.

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

func emptyToNil(p *string) *string {
	if p == nil || *p == "" {
		return nil
	}
	return p
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
	c, err := s.RequireCustomer(ctx, accessToken)
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
		v := checkPhone(&errs, path("customer", "phone"), *in.Phone, "")
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
	if ptr.Deref(before.FirstName) != ptr.Deref(after.FirstName) || ptr.Deref(before.LastName) != ptr.Deref(after.LastName) {
		what = append(what, "name")
	}
	if ptr.Deref(before.Phone) != ptr.Deref(after.Phone) {
		what = append(what, "phone number")
	}
	if ptr.Deref(before.Birthday) != ptr.Deref(after.Birthday) {
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
