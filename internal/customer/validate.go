package customer

import (
	"errors"
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"

	"accountgraph/ent"
	"accountgraph/internal/apperr"
	"accountgraph/internal/password"
)

// MaxNameLength is the longest first or last name, in characters.
const MaxNameLength = 255

var (
	htmlTag = regexp.MustCompile(`<\s*/?\s*[a-zA-Z!][^>]*>`)
	// A URL in a name is almost always spam; Shopify refuses it too.
	urlLike = regexp.MustCompile(`(?i)([a-z][a-z0-9+.-]*://|www\.|\b[a-z0-9-]+\.(com|net|org|info|biz|io|co|ru|cn|xyz|top|shop|app|dev|ly|me)\b)`)
	e164    = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)
	label   = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
)

// cleanText trims s and reports whether it holds characters no text field
// accepts (NUL and other control characters, invalid UTF-8).
func cleanText(s string) (string, bool) {
	if !utf8.ValidString(s) {
		return s, false
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\t' {
			return s, false
		}
	}
	return strings.TrimSpace(s), true
}

// checkText validates a free-text field such as a name: no HTML, no URL
// (when noURL), at most max characters. It returns the trimmed value.
func checkText(errs *apperr.FieldErrors, field []string, label, v string, max int, noURL bool) string {
	v, ok := cleanText(v)
	switch {
	case !ok:
		errs.Add(field, apperr.CodeInvalid, label+" contains characters that are not allowed")
	case utf8.RuneCountInString(v) > max:
		errs.Add(field, apperr.CodeTooLong, label+" is too long (maximum is "+itoa(max)+" characters)")
	case htmlTag.MatchString(v):
		errs.Add(field, apperr.CodeContainsHTMLTags, label+" cannot contain HTML tags")
	case noURL && urlLike.MatchString(v):
		errs.Add(field, apperr.CodeContainsURL, label+" cannot contain a URL")
	}
	return v
}

// PlainName tells whether s (trimmed) would pass as a first or last name:
// for names from elsewhere (a social provider) that are dropped, not
// refused, when they would not.
func PlainName(s string) bool {
	var errs apperr.FieldErrors
	v := checkText(&errs, nil, "", s, MaxNameLength, true)
	return len(errs) == 0 && v != ""
}

// CheckEmail is checkEmail for other packages (an ERP's contact list).
func CheckEmail(errs *apperr.FieldErrors, field []string, v string) string {
	return checkEmail(errs, field, v)
}

// checkEmail validates an email address and returns it trimmed.
func checkEmail(errs *apperr.FieldErrors, field []string, v string) string {
	v, ok := cleanText(v)
	if v == "" {
		errs.Add(field, apperr.CodeBlank, "Email can't be blank")
		return v
	}
	if !ok || len(v) > 254 {
		errs.Add(field, apperr.CodeInvalid, "Email is invalid")
		return v
	}
	a, err := mail.ParseAddress(v)
	local, domain, found := strings.Cut(v, "@")
	if err != nil || a.Address != v || !found || len(local) > 64 || strings.ContainsAny(v, " <>\"") {
		errs.Add(field, apperr.CodeInvalid, "Email is invalid")
		return v
	}
	if !validDomain(strings.ToLower(domain)) {
		errs.Add(field, apperr.CodeBadDomain, "Email contains an invalid domain name")
	}
	return v
}

// validDomain accepts a DNS name with at least two labels and an
// alphabetic top-level label; IP literals and single labels (localhost)
// cannot receive a shop's mail.
func validDomain(d string) bool {
	labels := strings.Split(d, ".")
	if len(labels) < 2 || len(d) > 253 {
		return false
	}
	for _, l := range labels {
		if !label.MatchString(l) {
			return false
		}
	}
	tld := labels[len(labels)-1]
	for _, r := range tld {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return len(tld) >= 2
}

// EmailKey is the form emails are compared in.
func EmailKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// checkPhone reads a phone number as people type it and returns it in
// E.164. A number in the international form (+…, or 00…) stands alone; a
// national one (613-555-0123, 020 7946 0958) is read in region, the
// address's country (ISO 3166 alpha-2; "" accepts only international
// forms). Numbers that cannot exist there (too short, too long, no such
// country code) are refused, saying why.
func checkPhone(errs *apperr.FieldErrors, field []string, v, region string) string {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "00") {
		v = "+" + v[2:]
	}
	if len(v) > 64 {
		errs.Add(field, apperr.CodeInvalid, "Phone is invalid: it is too long")
		return v
	}
	if region == "" {
		region = "ZZ" // unknown: the number must carry its country code
	}
	n, err := phonenumbers.Parse(v, region)
	if err != nil {
		switch {
		case errors.Is(err, phonenumbers.ErrInvalidCountryCode) && strings.HasPrefix(v, "+"):
			errs.Add(field, apperr.CodeInvalid, "Phone is invalid: no country has that calling code")
		case region == "ZZ":
			errs.Add(field, apperr.CodeInvalid, "Phone is invalid; use the international form, for example +16135551111")
		default:
			errs.Add(field, apperr.CodeInvalid, "Phone is invalid: it is not a phone number")
		}
		return v
	}
	switch phonenumbers.IsPossibleNumberWithReason(n) {
	case phonenumbers.IS_POSSIBLE:
	case phonenumbers.INVALID_COUNTRY_CODE:
		errs.Add(field, apperr.CodeInvalid, "Phone is invalid: no country has that calling code")
		return v
	case phonenumbers.TOO_SHORT:
		errs.Add(field, apperr.CodeInvalid, "Phone is invalid: it is too short")
		return v
	case phonenumbers.TOO_LONG:
		errs.Add(field, apperr.CodeInvalid, "Phone is invalid: it is too long")
		return v
	default:
		errs.Add(field, apperr.CodeInvalid, "Phone is invalid: no number of that length exists there")
		return v
	}
	out := phonenumbers.Format(n, phonenumbers.E164)
	if !e164.MatchString(out) {
		errs.Add(field, apperr.CodeInvalid, "Phone is invalid")
	}
	return out
}

// checkPassword applies the password rules.
func checkPassword(errs *apperr.FieldErrors, field []string, pw string) {
	switch password.Check(pw) {
	case password.Blank:
		errs.Add(field, apperr.CodeBlank, "Password can't be blank")
	case password.Whitespace:
		errs.Add(field, apperr.CodePasswordWhitespace, "Password cannot start or end with a space")
	case password.TooShort:
		errs.Add(field, apperr.CodeTooShort, "Password is too short (minimum is "+itoa(password.MinLength)+" characters)")
	case password.TooLong:
		errs.Add(field, apperr.CodeTooLong, "Password is too long (maximum is "+itoa(password.MaxLength)+" characters)")
	case password.Common:
		errs.Add(field, apperr.CodeInvalid, "Password is too common; choose one that is harder to guess")
	}
}

// ParseBirthday validates a birthday given as YYYY-MM-DD; nil or blank
// means none (remove it).
func ParseBirthday(errs *apperr.FieldErrors, field []string, v *string, now time.Time) *time.Time {
	if v == nil || strings.TrimSpace(*v) == "" {
		return nil
	}
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(*v))
	if err != nil || d.Year() < 1900 || d.After(now) {
		errs.Add(field, apperr.CodeInvalid, "Birthday must be a past date as YYYY-MM-DD")
		return nil
	}
	return &d
}

// SetBirthday stores a birthday (nil removes it) with the month-day key
// the yearly birthday points are found by.
func SetBirthday(m *ent.CustomerMutation, d *time.Time) {
	if d == nil {
		m.ClearBirthday()
		m.ClearBirthMd()
		return
	}
	m.SetBirthday(d.Format(time.DateOnly))
	m.SetBirthMd(int(d.Month())*100 + d.Day())
}

func itoa(n int) string { return strconv.Itoa(n) }

func path(parts ...string) []string { return parts }
