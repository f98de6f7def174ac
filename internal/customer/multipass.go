package customer

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"accountgraph/ent"
	"accountgraph/ent/customer"
	"accountgraph/ent/linkedidentity"
	"accountgraph/ent/shopsettings"
	"accountgraph/internal/apperr"
	"accountgraph/internal/auth"
	"accountgraph/internal/db"
)

// MultipassWindow is how long a Multipass token is accepted after its
// created_at, as on Shopify; MultipassSkew tolerates clocks a little ahead.
const (
	MultipassWindow = 15 * time.Minute
	MultipassSkew   = time.Minute
)

// multipassData is the JSON a Multipass token carries (Shopify's fields;
// unknown ones are ignored).
type multipassData struct {
	Email     string `json:"email"`
	CreatedAt string `json:"created_at"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	TagString string `json:"tag_string"`
	RemoteIP  string `json:"remote_ip"`
	ReturnTo  string `json:"return_to"`
	// Identifier is the customer's ID on the other site: with it the
	// account follows the person when their email changes there.
	Identifier string             `json:"identifier"`
	Addresses  []multipassAddress `json:"addresses"`
}

// multipassAddress is an address of Shopify's Multipass customer data.
type multipassAddress struct {
	Address1     string `json:"address1"`
	Address2     string `json:"address2"`
	City         string `json:"city"`
	Company      string `json:"company"`
	Country      string `json:"country"`
	CountryCode  string `json:"country_code"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name"`
	Phone        string `json:"phone"`
	Province     string `json:"province"`
	ProvinceCode string `json:"province_code"`
	Zip          string `json:"zip"`
	Default      bool   `json:"default"`
}

// MaxMultipassAddresses is how many addresses one token may carry.
const MaxMultipassAddresses = 10

// MultipassProvider is the provider name of the linked identities that
// keep Multipass identifiers (not social sign-ins).
const MultipassProvider = "multipass"

func (a multipassAddress) input() AddressInput {
	first := func(vs ...string) *string {
		for _, v := range vs {
			if v != "" {
				return &v
			}
		}
		return nil
	}
	return AddressInput{
		Address1: first(a.Address1), Address2: first(a.Address2), City: first(a.City), Company: first(a.Company),
		Country: first(a.CountryCode, a.Country), FirstName: first(a.FirstName), LastName: first(a.LastName),
		Phone: first(a.Phone), Province: first(a.ProvinceCode, a.Province), Zip: first(a.Zip),
	}
}

func invalidMultipass(msg string) error {
	return apperr.Invalid(path("multipassToken"), apperr.CodeInvalidMultipass, msg)
}

// openMultipass checks and decrypts a token made as Shopify's Multipass
// spec says: SHA-256 of the secret gives a 16-byte AES key and a 16-byte
// HMAC key; the token is URL-safe base64 of IV ‖ AES-128-CBC(JSON) ‖
// HMAC-SHA256(IV ‖ ciphertext).
//
// It also returns the token's signature, which names the token whatever
// its spelling: base64 decoding forgives padding and line breaks, so the
// text itself cannot be what is remembered as used.
func openMultipass(secret, token string) (*multipassData, []byte, error) {
	raw, err := base64.URLEncoding.DecodeString(token)
	if err != nil {
		raw, err = base64.RawURLEncoding.DecodeString(strings.TrimRight(token, "="))
	}
	if err != nil || len(raw) < 2*aes.BlockSize+sha256.Size || (len(raw)-sha256.Size)%aes.BlockSize != 0 {
		return nil, nil, invalidMultipass("Multipass token is malformed")
	}
	keys := sha256.Sum256([]byte(secret))
	body, sig := raw[:len(raw)-sha256.Size], raw[len(raw)-sha256.Size:]
	mac := hmac.New(sha256.New, keys[16:])
	mac.Write(body)
	if !hmac.Equal(mac.Sum(nil), sig) {
		return nil, nil, invalidMultipass("Multipass token signature is invalid")
	}
	block, _ := aes.NewCipher(keys[:16])
	plain := make([]byte, len(body)-aes.BlockSize)
	cipher.NewCBCDecrypter(block, body[:aes.BlockSize]).CryptBlocks(plain, body[aes.BlockSize:])
	pad := int(plain[len(plain)-1])
	if pad == 0 || pad > aes.BlockSize || pad > len(plain) {
		return nil, nil, invalidMultipass("Multipass token is malformed")
	}
	for _, b := range plain[len(plain)-pad:] {
		if int(b) != pad {
			return nil, nil, invalidMultipass("Multipass token is malformed")
		}
	}
	var d multipassData
	if err := json.Unmarshal(plain[:len(plain)-pad], &d); err != nil {
		return nil, nil, invalidMultipass("Multipass token data is not JSON")
	}
	return &d, sig, nil
}

// SignInWithMultipass signs in the customer a Multipass token names: the
// shop's other site vouches for the address, so the account is created
// (with the token's names and tags) or an invitation taken up, as on
// Shopify. A token is accepted once, within 15 minutes of its created_at,
// and from remote_ip when it names one. A staff-disabled account stays
// out.
func (s *Service) SignInWithMultipass(ctx context.Context, token string) (*Token, error) {
	st, err := s.Settings.Get(ctx)
	if err != nil {
		return nil, err
	}
	switch {
	case st.Accounts == shopsettings.AccountsDISABLED:
		return nil, apperr.ErrAccountsDisabled
	case st.MultipassSecret == nil:
		return nil, invalidMultipass("Multipass is not enabled for this shop")
	case len(token) > 8192:
		return nil, invalidMultipass("Multipass token is too long")
	}
	d, sig, err := openMultipass(*st.MultipassSecret, token)
	if err != nil {
		return nil, err
	}
	created, err := time.Parse(time.RFC3339, d.CreatedAt)
	now := s.now()
	switch {
	case err != nil:
		return nil, invalidMultipass("Multipass created_at must be an ISO 8601 time")
	case created.Sub(now) > MultipassSkew:
		return nil, invalidMultipass("Multipass created_at is in the future: check the clock of the site that made the token")
	case now.Sub(created) > MultipassWindow:
		return nil, invalidMultipass("Multipass token has expired: tokens are accepted for 15 minutes after created_at")
	case d.RemoteIP != "" && d.RemoteIP != auth.ViewerFrom(ctx).IP:
		return nil, invalidMultipass("Multipass token was made for another client")
	}
	var errs apperr.FieldErrors
	email := checkEmail(&errs, path("multipassToken", "email"), d.Email)
	p := profile{}
	validateNames(&p, "multipassToken", emptyToNil(&d.FirstName), emptyToNil(&d.LastName))
	errs = append(errs, p.errs...)
	var tags []string
	if d.TagString != "" {
		tags = checkTags(&errs, path("multipassToken", "tag_string"), strings.Split(d.TagString, ","))
	}
	identifier := checkText(&errs, path("multipassToken", "identifier"), "identifier", d.Identifier, 255, false)
	if len(d.Addresses) > MaxMultipassAddresses {
		errs.Add(path("multipassToken", "addresses"), apperr.CodeTooLong, fmt.Sprintf("A token may carry at most %d addresses", MaxMultipassAddresses))
	}
	var addresses []ValidAddress
	defaultAt := -1
	for i, in := range d.Addresses {
		a, err := ValidateAddress(in.input(), path("multipassToken", "addresses", strconv.Itoa(i)))
		if err != nil {
			var fe apperr.FieldErrors
			if errors.As(err, &fe) {
				errs = append(errs, fe...)
				continue
			}
			return nil, err
		}
		if in.Default {
			defaultAt = len(addresses)
		}
		addresses = append(addresses, a)
	}
	if len(errs) > 0 {
		var what []string
		for _, e := range errs {
			where := strings.Join(e.Field, ".")
			where = strings.TrimPrefix(where, "multipassToken.")
			what = append(what, where+": "+e.Message)
		}
		return nil, invalidMultipass("Multipass token data is invalid: " + strings.Join(what, "; "))
	}
	newAccount := func(c *ent.CustomerCreate) error {
		c.SetNillableFirstName(emptyToNil(p.firstName)).SetNillableLastName(emptyToNil(p.lastName)).
			SetSortName(NameKey(p.firstName, p.lastName))
		if tags != nil {
			c.SetTags(tags)
		}
		return nil
	}
	var out *Token
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		// Used once: the signature is remembered, not the text.
		if err := tx.UsedToken.Create().SetKind("multipass").SetTokenHash(auth.HashToken(string(sig))).
			SetExpiresAt(created.Add(MultipassWindow + MultipassSkew)).Exec(ctx); err != nil {
			if db.IsUniqueViolation(err) {
				return invalidMultipass("Multipass token was used already")
			}
			return err
		}
		c, err := s.multipassCustomer(ctx, tx, email, identifier, newAccount)
		if err != nil {
			return err
		}
		if err := addMultipassAddresses(ctx, tx, c, addresses, defaultAt); err != nil {
			return err
		}
		out, err = s.issueToken(ctx, tx, c)
		return err
	})
	return out, err
}

// multipassCustomer finds the account a token names. With an identifier,
// the account that carries it, whatever its email now (the email follows
// the other site's); else the email's account, which takes the identifier
// unless it carries another one.
func (s *Service) multipassCustomer(ctx context.Context, tx *ent.Tx, email, identifier string, newAccount func(*ent.CustomerCreate) error) (*ent.Customer, error) {
	if identifier == "" {
		return s.ProveEmail(ctx, tx, email, newAccount)
	}
	linked, err := tx.LinkedIdentity.Query().
		Where(linkedidentity.Provider(MultipassProvider), linkedidentity.Subject(identifier)).Only(ctx)
	switch {
	case err == nil:
		c, err := tx.Customer.Get(ctx, linked.CustomerID)
		if err != nil {
			return nil, err
		}
		if c.State == customer.StateDISABLED {
			return nil, apperr.Invalid(nil, apperr.CodeCustomerDisabled, "This account has been disabled")
		}
		if EmailKey(c.Email) != EmailKey(email) {
			taken, err := tx.Customer.Query().Where(customer.EmailKey(EmailKey(email)), customer.IDNEQ(c.ID)).Exist(ctx)
			if err != nil {
				return nil, err
			}
			if taken {
				return nil, invalidMultipass("Multipass email belongs to another account than the identifier's")
			}
			if err := tx.Customer.UpdateOneID(c.ID).SetEmail(email).SetEmailKey(EmailKey(email)).Exec(ctx); err != nil {
				return nil, err
			}
			if err := linked.Update().SetEmail(email).Exec(ctx); err != nil {
				return nil, err
			}
		}
		return s.ProveEmail(ctx, tx, email, newAccount)
	case !ent.IsNotFound(err):
		return nil, err
	}
	c, err := s.ProveEmail(ctx, tx, email, newAccount)
	if err != nil {
		return nil, err
	}
	other, err := tx.LinkedIdentity.Query().
		Where(linkedidentity.Provider(MultipassProvider), linkedidentity.CustomerID(c.ID)).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if other {
		return nil, invalidMultipass("Multipass email belongs to an account with another identifier")
	}
	return c, tx.LinkedIdentity.Create().SetCustomerID(c.ID).SetProvider(MultipassProvider).
		SetSubject(identifier).SetEmail(email).Exec(ctx)
}

// addMultipassAddresses adds the token's addresses the account does not
// have yet (as Shopify does), up to MaxAddresses; the one marked default
// (or the first, on an account without addresses) becomes the default.
func addMultipassAddresses(ctx context.Context, tx *ent.Tx, c *ent.Customer, addresses []ValidAddress, defaultAt int) error {
	if len(addresses) == 0 {
		return nil
	}
	c, existing, err := lockedAddresses(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	defaultID := c.DefaultAddressID
	for i, a := range addresses {
		var id int
		if m := findAddress(existing, a); m != nil {
			id = m.ID
		} else {
			if len(existing) >= MaxAddresses {
				continue
			}
			m, err := setAddress(tx.MailingAddress.Create().SetCustomerID(c.ID), a).Save(ctx)
			if err != nil {
				return err
			}
			existing, id = append(existing, m), m.ID
		}
		if i == defaultAt || (defaultID == nil && i == 0) {
			defaultID = &id
		}
	}
	if defaultID != nil && (c.DefaultAddressID == nil || *defaultID != *c.DefaultAddressID) {
		return tx.Customer.UpdateOneID(c.ID).SetDefaultAddressID(*defaultID).Exec(ctx)
	}
	return nil
}
