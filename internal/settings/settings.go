// Package settings holds the shop's account settings and the checks the
// storefront operations make against them.
package settings

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"regexp"
	"strings"
	"unicode/utf8"

	"accountgraph/ent"
	"accountgraph/ent/customer"
	"accountgraph/ent/customeraccesstoken"
	"accountgraph/ent/shopsettings"
	"accountgraph/internal/apperr"
	"accountgraph/internal/db"
)

// Service reads and changes the settings.
type Service struct{ DB *ent.Client }

const rowID = 1

// Get returns the settings (the defaults until an admin changes them).
func (s *Service) Get(ctx context.Context) (*ent.ShopSettings, error) {
	return Read(ctx, s.DB)
}

// Read returns the settings through client, which may be a transaction's
// (tx.Client()): code inside a transaction must not wait for a second
// pooled connection, or a full pool deadlocks on SQLite's write lock.
func Read(ctx context.Context, client *ent.Client) (*ent.ShopSettings, error) {
	st, err := client.ShopSettings.Get(ctx, rowID)
	if ent.IsNotFound(err) {
		return &ent.ShopSettings{ID: rowID, Accounts: shopsettings.DefaultAccounts, Registration: shopsettings.DefaultRegistration,
			Passwordless: shopsettings.DefaultPasswordless, TwoFactor: shopsettings.DefaultTwoFactor, AllowedEmailDomains: []string{},
			ReturnWindowDays: shopsettings.DefaultReturnWindowDays, ReturnInstructions: shopsettings.DefaultReturnInstructions}, nil
	}
	return st, err
}

// Input changes settings; nil fields stay.
type Input struct {
	Accounts, Registration, TwoFactor *string
	Passwordless                      *bool
	AllowedEmailDomains               []string
	SetDomains                        bool
	ReturnWindowDays                  *int
	ReturnInstructions                *string
}

var domainRE = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)

// Update changes the settings (the row is made on first change).
func (s *Service) Update(ctx context.Context, in Input) (*ent.ShopSettings, error) {
	if in.ReturnWindowDays != nil && (*in.ReturnWindowDays < 0 || *in.ReturnWindowDays > 365) {
		return nil, apperr.Invalid(apperr.Path("input", "returnWindowDays"), apperr.CodeInvalid, "The return window is 0 (off) to 365 days")
	}
	if in.ReturnInstructions != nil && utf8.RuneCountInString(*in.ReturnInstructions) > 2000 {
		return nil, apperr.Invalid(apperr.Path("input", "returnInstructions"), apperr.CodeTooLong, "Return instructions are too long (maximum is 2000 characters)")
	}
	var domains []string
	if in.SetDomains {
		if len(in.AllowedEmailDomains) > 100 {
			return nil, apperr.Invalid(apperr.Path("input", "allowedEmailDomains"), apperr.CodeTooMany, "At most 100 domains")
		}
		for i, d := range in.AllowedEmailDomains {
			d = strings.ToLower(strings.TrimSpace(d))
			if !domainRE.MatchString(d) {
				return nil, apperr.Invalid(apperr.Path("input", "allowedEmailDomains", i), apperr.CodeInvalid, "Not a domain name")
			}
			domains = append(domains, d)
		}
		if domains == nil {
			domains = []string{}
		}
	}
	cur, err := s.Get(ctx)
	if err != nil {
		return nil, err
	}
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		c := tx.ShopSettings.Create().SetID(rowID).SetAccounts(cur.Accounts).SetRegistration(cur.Registration).
			SetPasswordless(cur.Passwordless).SetTwoFactor(cur.TwoFactor).SetAllowedEmailDomains(cur.AllowedEmailDomains).
			SetReturnWindowDays(cur.ReturnWindowDays).SetReturnInstructions(cur.ReturnInstructions)
		if in.Accounts != nil {
			c.SetAccounts(shopsettings.Accounts(*in.Accounts))
		}
		if in.Registration != nil {
			c.SetRegistration(shopsettings.Registration(*in.Registration))
		}
		if in.TwoFactor != nil {
			c.SetTwoFactor(shopsettings.TwoFactor(*in.TwoFactor))
		}
		if in.Passwordless != nil {
			c.SetPasswordless(*in.Passwordless)
		}
		if in.SetDomains {
			c.SetAllowedEmailDomains(domains)
		}
		if in.ReturnWindowDays != nil {
			c.SetReturnWindowDays(*in.ReturnWindowDays)
		}
		if in.ReturnInstructions != nil {
			c.SetReturnInstructions(strings.TrimSpace(*in.ReturnInstructions))
		}
		if err := c.OnConflictColumns(shopsettings.FieldID).UpdateNewValues().Exec(ctx); err != nil {
			return err
		}
		if in.TwoFactor == nil || *in.TwoFactor == string(cur.TwoFactor) {
			return nil
		}
		// Live sessions follow the policy: when it becomes REQUIRED, those of
		// customers without two-factor sign-in serve its set-up only.
		required := *in.TwoFactor == string(shopsettings.TwoFactorREQUIRED)
		u := tx.CustomerAccessToken.Update().SetSetupOnly(required)
		if required {
			u.Where(customeraccesstoken.HasCustomerWith(customer.TotpSecretIsNil()))
		}
		return u.Exec(ctx)
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx)
}

// RotateMultipassSecret makes and stores a new Multipass secret (or none,
// turning Multipass off) and returns it.
func (s *Service) RotateMultipassSecret(ctx context.Context, disable bool) (*string, error) {
	var secret *string
	if !disable {
		b := make([]byte, 32)
		_, _ = rand.Read(b)
		v := hex.EncodeToString(b)
		secret = &v
	}
	if _, err := s.Update(ctx, Input{}); err != nil { // makes the row on first use
		return nil, err
	}
	u := s.DB.ShopSettings.Update().Where(shopsettings.ID(rowID))
	if secret == nil {
		u.ClearMultipassSecret()
	} else {
		u.SetMultipassSecret(*secret)
	}
	return secret, u.Exec(ctx)
}

// CheckSignIn refuses storefront sign-in while accounts are off.
func (s *Service) CheckSignIn(ctx context.Context) error {
	st, err := s.Get(ctx)
	if err != nil {
		return err
	}
	if st.Accounts == shopsettings.AccountsDISABLED {
		return apperr.ErrAccountsDisabled
	}
	return nil
}

// CheckRegistration refuses a new account by the storefront when accounts
// are off or by invitation only, or when the address's domain is not
// allowed (BAD_DOMAIN at field).
func (s *Service) CheckRegistration(ctx context.Context, email string, field []string) error {
	st, err := s.Get(ctx)
	if err != nil {
		return err
	}
	if st.Accounts == shopsettings.AccountsDISABLED {
		return apperr.ErrAccountsDisabled
	}
	if st.Registration == shopsettings.RegistrationINVITE_ONLY {
		return apperr.Invalid(field, apperr.CodeInvalid, "Accounts are by invitation only")
	}
	return CheckDomain(st, email, field)
}

// CheckPasswordless refuses sign-in codes when accounts or codes are off.
func (s *Service) CheckPasswordless(ctx context.Context) error {
	st, err := s.Get(ctx)
	if err != nil {
		return err
	}
	switch {
	case st.Accounts == shopsettings.AccountsDISABLED:
		return apperr.ErrAccountsDisabled
	case !st.Passwordless:
		return apperr.ErrPasswordlessDisabled
	}
	return nil
}

// CheckDomain refuses an address outside the allowed domains.
func CheckDomain(st *ent.ShopSettings, email string, field []string) error {
	if len(st.AllowedEmailDomains) == 0 {
		return nil
	}
	_, domain, _ := strings.Cut(strings.ToLower(strings.TrimSpace(email)), "@")
	for _, d := range st.AllowedEmailDomains {
		if domain == d {
			return nil
		}
	}
	return apperr.Invalid(field, apperr.CodeBadDomain, "Accounts are open to addresses of "+strings.Join(st.AllowedEmailDomains, ", ")+" only")
}

// AccountRequired tells whether buying needs an account, reading through
// client (a transaction's, inside one).
func (s *Service) AccountRequired(ctx context.Context, client *ent.Client) (bool, error) {
	st, err := Read(ctx, client)
	if err != nil {
		return false, err
	}
	return st.Accounts == shopsettings.AccountsREQUIRED, nil
}
