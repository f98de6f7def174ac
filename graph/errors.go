package graph

import (
	"context"
	"errors"

	"github.com/99designs/gqlgen/graphql"

	"accountgraph/graph/model"
	"accountgraph/internal/apperr"
	"accountgraph/internal/customer"
	"accountgraph/internal/page"
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

// userErrors maps to customerUserErrors and the deprecated userErrors.
func userErrors(err error) ([]*model.CustomerUserError, []*model.UserError, error) {
	cue, err := asErrors(err, func(e apperr.FieldError) *model.CustomerUserError {
		return &model.CustomerUserError{Code: code[model.CustomerErrorCode](e.Code), Field: e.Field, Message: e.Message}
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
		cue = append(cue, &model.CustomerUserError{Code: code[model.CustomerErrorCode](e.Code), Field: e.Field, Message: e.Message})
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

func pageArgs(first *int, after *string, last *int, before *string, reverse *bool) page.Args {
	return page.Args{First: first, After: after, Last: last, Before: before, Reverse: reverse != nil && *reverse}
}

func pageInfo[T any](p page.Page[T]) *model.PageInfo {
	info := &model.PageInfo{HasNextPage: p.HasNextPage, HasPreviousPage: p.HasPreviousPage}
	if n := len(p.Items); n > 0 {
		info.StartCursor, info.EndCursor = ptr(p.Cursor(0)), ptr(p.Cursor(n-1))
	}
	return info
}

func ptr[T any](v T) *T { return &v }

// adminErrors maps to an Admin API payload's userErrors.
func adminErrors(err error) ([]*model.AdminUserError, error) {
	return asErrors(err, func(e apperr.FieldError) *model.AdminUserError {
		return &model.AdminUserError{Code: code[model.AdminErrorCode](e.Code), Field: e.Field, Message: e.Message}
	})
}

// connection maps a page to a Relay connection's parts.
func connection[T, E any](ctx context.Context, p page.Page[T], edge func(cursor string, node T) E) ([]E, *model.PageInfo) {
	// Storefronts mostly read nodes: edges and page info (and the cursors
	// in them) are made only when the selection asks for them.
	var edges []E
	var info *model.PageInfo
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		switch f.Name {
		case "edges":
			edges = make([]E, len(p.Items))
			for i, it := range p.Items {
				edges[i] = edge(p.Cursor(i), it)
			}
		case "pageInfo":
			info = pageInfo(p)
		}
	}
	return edges, info
}

// ptrs points at each element of s, for list fields bound to pointers.
func ptrs[T any](s []T) []*T {
	out := make([]*T, len(s))
	for i := range s {
		out[i] = &s[i]
	}
	return out
}
