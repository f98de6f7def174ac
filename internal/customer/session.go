package customer

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	"accountgraph/ent/customeraccesstoken"
	"accountgraph/internal/apperr"
	"accountgraph/internal/auth"
	"accountgraph/internal/gid"
	"accountgraph/internal/page"
)

// SessionSpec is what the sessions loader needs for a page of a
// customer's live sessions, newest first (reverse for oldest first).
func (s *Service) SessionSpec(args page.Args) (page.Spec[*ent.CustomerAccessToken], error) {
	spec, err := page.NewestFirst(args, "sessions", func(t *ent.CustomerAccessToken) int { return t.ID })
	if err != nil {
		return spec, err
	}
	now := s.now()
	spec.Filter = func(sel *sql.Selector) { sel.Where(sql.GT(sel.C(customeraccesstoken.FieldExpiresAt), now)) }
	spec.FilterKey = "live"
	return spec, nil
}

// RevokeSession signs one of the customer's sessions out.
func (s *Service) RevokeSession(ctx context.Context, accessToken, sessionID string) (string, error) {
	c, err := s.RequireCustomer(ctx, accessToken)
	if err != nil {
		return "", err
	}
	notFound := apperr.Invalid(path("sessionId"), apperr.CodeNotFound, "Session does not exist")
	id, err := gid.Decode(sessionID, "CustomerAccessToken")
	if err != nil {
		return "", notFound
	}
	n, err := s.DB.CustomerAccessToken.Delete().
		Where(customeraccesstoken.ID(id), customeraccesstoken.CustomerID(c.ID)).Exec(ctx)
	if err != nil {
		return "", err
	}
	if n == 0 {
		return "", notFound
	}
	return sessionID, nil
}

// RevokeOtherSessions signs out every session of the customer but the one
// of accessToken, and returns how many ended.
func (s *Service) RevokeOtherSessions(ctx context.Context, accessToken string) (int, error) {
	c, err := s.RequireCustomer(ctx, accessToken)
	if err != nil {
		return 0, err
	}
	return s.DB.CustomerAccessToken.Delete().
		Where(customeraccesstoken.CustomerID(c.ID), customeraccesstoken.TokenHashNEQ(auth.HashToken(accessToken))).
		Exec(ctx)
}
