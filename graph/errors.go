package graph

import (
	"errors"

	"accountgraph/graph/model"
	"accountgraph/internal/apperr"
	"accountgraph/internal/customer"
)

// asErrors is the one place business errors become a payload's error
// list: input problems (apperr.FieldErrors) are returned as data, built by
// mk; anything else is returned as a GraphQL error, which the error
// presenter maps or hides.
func asErrors[T any](err error, mk func(apperr.FieldError) T) ([]T, error) {
	out := []T{}
	if err == nil {
		return out, nil
	}
	var fe apperr.FieldErrors
	if !errors.As(err, &fe) {
		return nil, err
	}
	for _, e := range fe {
		out = append(out, mk(e))
	}
	return out, nil
}

// code returns e's code as the enum T when T knows it, else nil.
func code[T interface {
	~string
	IsValid() bool
}](c string) *T {
	if v := T(c); v.IsValid() {
		return &v
	}
	return nil
}

// codeOr is code, falling back to INVALID for codes T lacks (an area's
// own codes in Shopify's enums): every user error carries a code.
func codeOr[T interface {
	~string
	IsValid() bool
}](c string, invalid T) *T {
	if v := code[T](c); v != nil {
		return v
	}
	return &invalid
}

// userErrors maps to customerUserErrors and the deprecated userErrors.
func userErrors(err error) ([]*model.CustomerUserError, []*model.UserError, error) {
	cue, err := asErrors(err, func(e apperr.FieldError) *model.CustomerUserError {
		return &model.CustomerUserError{Code: codeOr(e.Code, model.CustomerErrorCodeInvalid), Field: e.Field, Message: e.Message}
	})
	if err != nil {
		return nil, nil, err
	}
	return cue, plainErrors(cue), nil
}

// plainErrors are customerUserErrors without codes, for the deprecated
// userErrors.
func plainErrors(cue []*model.CustomerUserError) []*model.UserError {
	ue := make([]*model.UserError, len(cue))
	for i, e := range cue {
		ue[i] = &model.UserError{Field: e.Field, Message: e.Message}
	}
	return ue
}

// extensionErrors maps to an extension's own error list, whose codes are
// its enum C, and to customerUserErrors with the same entries under
// Shopify's code where one exists (API.md: extensions add codes to their
// own enums and never change Shopify's).
func extensionErrors[C interface {
	~string
	IsValid() bool
}, E any](err error, mk func(code *C, field []string, message string) E) ([]E, []*model.CustomerUserError, error) {
	cue := []*model.CustomerUserError{}
	ext, err := asErrors(err, func(e apperr.FieldError) E {
		// Shopify's CustomerErrorCode has no loyalty or two-factor codes:
		// storefronts that read only customerUserErrors see INVALID.
		cue = append(cue, &model.CustomerUserError{Code: codeOr(e.Code, model.CustomerErrorCodeInvalid), Field: e.Field, Message: e.Message})
		return mk(code[C](e.Code), e.Field, e.Message)
	})
	if err != nil {
		return nil, nil, err
	}
	return ext, cue, nil
}

func twoFactorErrors(err error) ([]*model.TwoFactorUserError, []*model.CustomerUserError, error) {
	return extensionErrors(err, func(c *model.TwoFactorErrorCode, field []string, message string) *model.TwoFactorUserError {
		return &model.TwoFactorUserError{Code: c, Field: field, Message: message}
	})
}

// accessToken maps a business token to the API's.
func accessToken(t *customer.Token) *model.CustomerAccessToken {
	if t == nil {
		return nil
	}
	return &model.CustomerAccessToken{AccessToken: t.AccessToken, ExpiresAt: t.ExpiresAt, TwoFactorSetupRequired: t.SetupOnly}
}

// adminErrors maps to an Admin API payload's userErrors.
func adminErrors(err error) ([]*model.AdminUserError, error) {
	return asErrors(err, func(e apperr.FieldError) *model.AdminUserError {
		return &model.AdminUserError{Code: codeOr(e.Code, model.AdminErrorCodeInvalid), Field: e.Field, Message: e.Message}
	})
}

// ptrs points at each element of s, for list fields bound to pointers.
func ptrs[T any](s []T) []*T {
	out := make([]*T, len(s))
	for i := range s {
		out[i] = &s[i]
	}
	return out
}
