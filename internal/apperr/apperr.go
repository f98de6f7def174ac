// Package apperr holds the errors the business packages return. The GraphQL
// layer maps them to API errors in one place (graph/errors.go): FieldErrors
// become customerUserErrors, the sentinels become GraphQL errors with codes,
// and anything else is an internal error shown only as a generic message.
package apperr

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Customer error codes, as Shopify's CustomerErrorCode.
const (
	CodeBlank                = "BLANK"
	CodeInvalid              = "INVALID"
	CodeTaken                = "TAKEN"
	CodeTooLong              = "TOO_LONG"
	CodeTooShort             = "TOO_SHORT"
	CodeUnidentifiedCustomer = "UNIDENTIFIED_CUSTOMER"
	CodeCustomerDisabled     = "CUSTOMER_DISABLED"
	CodePasswordWhitespace   = "PASSWORD_STARTS_OR_ENDS_WITH_WHITESPACE"
	CodeContainsHTMLTags     = "CONTAINS_HTML_TAGS"
	CodeContainsURL          = "CONTAINS_URL"
	CodeTokenInvalid         = "TOKEN_INVALID"
	CodeAlreadyEnabled       = "ALREADY_ENABLED"
	CodeNotFound             = "NOT_FOUND"
	CodeBadDomain            = "BAD_DOMAIN"
	CodeInvalidMultipass     = "INVALID_MULTIPASS_REQUEST"
)

// Two-factor error codes (TwoFactorErrorCode; customerUserErrors carry
// the same entries without a code, as Shopify's enum has none for them).
const (
	CodeTwoFactorRequired = "TWO_FACTOR_REQUIRED"
	CodeTwoFactorInvalid  = "TWO_FACTOR_INVALID"
	CodeSetupRequired     = "SETUP_REQUIRED"
	CodeNotEnabled        = "NOT_ENABLED"
)

// Admin error codes beyond the shared ones above (AdminErrorCode also
// has BLANK, INVALID, TOO_LONG, NOT_FOUND and TAKEN).
const (
	CodeTooMany    = "TOO_MANY"
	CodeNotAllowed = "NOT_ALLOWED"
)

// Codes of returns (Shopify's ReturnErrorCode).
const (
	CodeInvalidState      = "INVALID_STATE"
	CodeAlreadyExists     = "ALREADY_EXISTS"
	CodeGreaterThan       = "GREATER_THAN"
	CodeLessThanOrEqualTo = "LESS_THAN_OR_EQUAL_TO"
	CodeFeatureNotEnabled = "FEATURE_NOT_ENABLED"
	CodeTooManyArguments  = "TOO_MANY_ARGUMENTS"
)

// FieldError is one problem with a mutation's input: what, where and why.
type FieldError struct {
	Field   []string // path to the input field, e.g. ["input", "email"]; nil when not tied to one
	Code    string   // a CustomerErrorCode value
	Message string   // for the customer to read
}

// FieldErrors is a list of input problems; as an error it means "rejected,
// nothing written".
type FieldErrors []FieldError

func (e FieldErrors) Error() string {
	if len(e) == 0 {
		return "invalid input"
	}
	return fmt.Sprintf("invalid input: %s %v", e[0].Code, e[0].Field)
}

// Add appends a problem.
func (e *FieldErrors) Add(field []string, code, message string) {
	*e = append(*e, FieldError{Field: field, Code: code, Message: message})
}

// Err returns e as an error, or nil when empty.
func (e FieldErrors) Err() error {
	if len(e) == 0 {
		return nil
	}
	return e
}

// Path names an input field: Path("lines", 0, "quantity") is
// ["lines", "0", "quantity"].
func Path(parts ...any) []string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = fmt.Sprint(p)
	}
	return out
}

// RequiredText checks text a customer typed, such as a list's name or a
// ticket's subject: trimmed, not blank, valid UTF-8, at most max
// characters and, with noHTML, without angle brackets. It returns the
// trimmed text.
func RequiredText(field []string, label, v string, max int, noHTML bool) (string, error) {
	v = strings.TrimSpace(v)
	switch {
	case v == "":
		return "", Invalid(field, CodeBlank, label+" can't be blank")
	case !utf8.ValidString(v):
		return "", Invalid(field, CodeInvalid, label+" is not valid text")
	case utf8.RuneCountInString(v) > max:
		return "", Invalid(field, CodeTooLong, fmt.Sprintf("%s is too long (maximum is %d characters)", label, max))
	case noHTML && strings.ContainsAny(v, "<>"):
		return "", Invalid(field, CodeContainsHTMLTags, label+" cannot contain HTML")
	}
	return v, nil
}

// Invalid returns a single-problem error.
func Invalid(field []string, code, message string) error {
	return FieldErrors{{Field: field, Code: code, Message: message}}
}

// Sentinel errors that become GraphQL errors (not customerUserErrors).
var (
	// ErrAccessDenied: no or wrong admin key, or a missing scope.
	ErrAccessDenied = errors.New("access denied")
	// ErrBadRequest: a malformed argument (for example a cursor).
	ErrBadRequest = errors.New("bad request")
	// ErrAccountsDisabled: the shop turned customer accounts off.
	ErrAccountsDisabled = errors.New("customer accounts are turned off for this shop")
	// ErrPasswordlessDisabled: the shop turned sign-in codes off.
	ErrPasswordlessDisabled = errors.New("sign-in codes are turned off for this shop")
)

// ThrottledError says an action was refused because of too many attempts.
type ThrottledError struct{ RetryAfter time.Duration }

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("throttled, retry after %s", e.RetryAfter.Round(time.Second))
}

// BadRequest wraps ErrBadRequest with a message the client may read.
func BadRequest(msg string) error { return fmt.Errorf("%w: %s", ErrBadRequest, msg) }
