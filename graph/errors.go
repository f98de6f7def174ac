package graph

import (
	"errors"

	"accountgraph/graph/model"
	"accountgraph/internal/apperr"
	"accountgraph/internal/customer"
	"accountgraph/internal/page"
)

// userErrors splits a business error into customerUserErrors (input
// problems, returned as data) and everything else (returned as a GraphQL
// error, which the error presenter maps or hides).
func userErrors(err error) ([]*model.CustomerUserError, []*model.UserError, error) {
	cue, ue := []*model.CustomerUserError{}, []*model.UserError{}
	if err == nil {
		return cue, ue, nil
	}
	var fe apperr.FieldErrors
	if !errors.As(err, &fe) {
		return nil, nil, err
	}
	for _, e := range fe {
		var code *model.CustomerErrorCode
		if c := model.CustomerErrorCode(e.Code); c.IsValid() {
			code = &c
		}
		cue = append(cue, &model.CustomerUserError{Code: code, Field: e.Field, Message: e.Message})
		ue = append(ue, &model.UserError{Field: e.Field, Message: e.Message})
	}
	return cue, ue, nil
}

// accessToken maps a business token to the API's.
func accessToken(t *customer.Token) *model.CustomerAccessToken {
	if t == nil {
		return nil
	}
	return &model.CustomerAccessToken{AccessToken: t.AccessToken, ExpiresAt: t.ExpiresAt}
}

func pageArgs(first *int, after *string, last *int, before *string, reverse *bool) page.Args {
	return page.Args{First: first, After: after, Last: last, Before: before, Reverse: reverse != nil && *reverse}
}

func pageInfo[T any](p page.Page[T]) *model.PageInfo {
	info := &model.PageInfo{HasNextPage: p.HasNextPage, HasPreviousPage: p.HasPreviousPage}
	if n := len(p.Cursors); n > 0 {
		info.StartCursor, info.EndCursor = &p.Cursors[0], &p.Cursors[n-1]
	}
	return info
}

func ptr[T any](v T) *T { return &v }

// adminErrors is userErrors for Admin API payloads.
func adminErrors(err error) ([]*model.AdminUserError, error) {
	out := []*model.AdminUserError{}
	if err == nil {
		return out, nil
	}
	var fe apperr.FieldErrors
	if !errors.As(err, &fe) {
		return nil, err
	}
	for _, e := range fe {
		var code *model.AdminErrorCode
		if c := model.AdminErrorCode(e.Code); c.IsValid() {
			code = &c
		}
		out = append(out, &model.AdminUserError{Code: code, Field: e.Field, Message: e.Message})
	}
	return out, nil
}

// connection maps a page to a Relay connection's parts.
func connection[T, E any](p page.Page[T], edge func(cursor string, node T) E) ([]E, *model.PageInfo) {
	edges := make([]E, len(p.Items))
	for i, it := range p.Items {
		edges[i] = edge(p.Cursors[i], it)
	}
	return edges, pageInfo(p)
}
