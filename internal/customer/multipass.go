package customer

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"

	"accountgraph/ent"
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
}

func invalidMultipass(msg string) error {
	return apperr.Invalid(path("multipassToken"), apperr.CodeInvalidMultipass, msg)
}

// openMultipass checks and decrypts a token made as Shopify's Multipass
// spec says: SHA-256 of the secret gives a 16-byte AES key and a 16-byte
// HMAC key; the token is URL-safe base64 of IV ‖ AES-128-CBC(JSON) ‖
// HMAC-SHA256(IV ‖ ciphertext).
func openMultipass(secret, token string) (*multipassData, error) {
	raw, err := base64.URLEncoding.DecodeString(token)
	if err != nil {
		raw, err = base64.RawURLEncoding.DecodeString(strings.TrimRight(token, "="))
	}
	if err != nil || len(raw) < 2*aes.BlockSize+sha256.Size || (len(raw)-sha256.Size)%aes.BlockSize != 0 {
		return nil, invalidMultipass("Multipass token is malformed")
	}
	keys := sha256.Sum256([]byte(secret))
	body, sig := raw[:len(raw)-sha256.Size], raw[len(raw)-sha256.Size:]
	mac := hmac.New(sha256.New, keys[16:])
	mac.Write(body)
	if !hmac.Equal(mac.Sum(nil), sig) {
		return nil, invalidMultipass("Multipass token signature is invalid")
	}
	block, _ := aes.NewCipher(keys[:16])
	plain := make([]byte, len(body)-aes.BlockSize)
	cipher.NewCBCDecrypter(block, body[:aes.BlockSize]).CryptBlocks(plain, body[aes.BlockSize:])
	pad := int(plain[len(plain)-1])
	if pad == 0 || pad > aes.BlockSize || pad > len(plain) {
		return nil, invalidMultipass("Multipass token is malformed")
	}
	for _, b := range plain[len(plain)-pad:] {
		if int(b) != pad {
			return nil, invalidMultipass("Multipass token is malformed")
		}
	}
	var d multipassData
	if err := json.Unmarshal(plain[:len(plain)-pad], &d); err != nil {
		return nil, invalidMultipass("Multipass token data is not JSON")
	}
	return &d, nil
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
	d, err := openMultipass(*st.MultipassSecret, token)
	if err != nil {
		return nil, err
	}
	created, err := time.Parse(time.RFC3339, d.CreatedAt)
	now := s.now()
	switch {
	case err != nil:
		return nil, invalidMultipass("Multipass created_at must be an ISO 8601 time")
	case now.Sub(created) > MultipassWindow || created.Sub(now) > MultipassSkew:
		return nil, invalidMultipass("Multipass token has expired")
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
	if err := errs.Err(); err != nil {
		return nil, invalidMultipass("Multipass token data is invalid: " + err.Error())
	}
	var out *Token
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		if err := tx.UsedToken.Create().SetKind("multipass").SetTokenHash(auth.HashToken(token)).
			SetExpiresAt(created.Add(MultipassWindow + MultipassSkew)).Exec(ctx); err != nil {
			if db.IsUniqueViolation(err) {
				return invalidMultipass("Multipass token was used already")
			}
			return err
		}
		out, err = s.signInProven(ctx, tx, email, func(c *ent.CustomerCreate) error {
			c.SetNillableFirstName(emptyToNil(p.firstName)).SetNillableLastName(emptyToNil(p.lastName)).
				SetSortName(NameKey(p.firstName, p.lastName))
			if tags != nil {
				c.SetTags(tags)
			}
			return nil
		})
		return err
	})
	return out, err
}
