package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"accountgraph/internal/apperr"
	"accountgraph/internal/auth"
	"accountgraph/internal/metrics"
)

// adminGate refuses a whole operation that selects an Admin API root field
// without an admin key carrying its scope, before anything runs: the answer
// then has errors and no data.
type adminGate struct{}

func (adminGate) ExtensionName() string                   { return "AdminGate" }
func (adminGate) Validate(graphql.ExecutableSchema) error { return nil }
func (adminGate) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	v := auth.ViewerFrom(ctx)
	for _, f := range graphql.CollectFields(oc, oc.Operation.SelectionSet, nil) {
		if f.Definition == nil {
			continue
		}
		if d := f.Definition.Directives.ForName("adminScope"); d != nil {
			scope := d.Arguments.ForName("scope").Value.Raw
			if !v.HasScope(scope) {
				return accessDenied(scope)
			}
		}
	}
	return nil
}

func accessDenied(scope string) *gqlerror.Error {
	return &gqlerror.Error{
		Message:    "Access denied: this field needs an admin API key with the " + scope + " scope",
		Extensions: map[string]any{"code": "ACCESS_DENIED"},
	}
}

// AdminScope is the runtime side of @adminScope, for admin-only fields
// below the root (the root ones are refused whole by adminGate).
func AdminScope(ctx context.Context, _ any, next graphql.Resolver, scope string) (any, error) {
	if !auth.ViewerFrom(ctx).HasScope(scope) {
		return nil, accessDenied(scope)
	}
	return next(ctx)
}

// operationLabel names an operation for metrics and logs by its type and
// first root field: bounded by the schema, unlike client-chosen names.
func operationLabel(ctx context.Context) (typ, field string) {
	if !graphql.HasOperationContext(ctx) {
		return "invalid", ""
	}
	oc := graphql.GetOperationContext(ctx)
	if oc.Operation == nil {
		return "invalid", ""
	}
	fields := graphql.CollectFields(oc, oc.Operation.SelectionSet, nil)
	if len(fields) > 0 {
		field = fields[0].Name
	}
	return string(oc.Operation.Operation), field
}

// observe counts operations, errors and latency.
func observe(m *metrics.Metrics) graphql.ResponseMiddleware {
	return func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		start := time.Now()
		resp := next(ctx)
		typ, field := operationLabel(ctx)
		if info, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok {
			info.operation = strings.TrimSpace(typ + " " + field)
		}
		m.Requests.WithLabelValues(typ, field).Inc()
		m.Duration.WithLabelValues(typ, field).Observe(time.Since(start).Seconds())
		if resp != nil {
			for _, e := range resp.Errors {
				code, _ := e.Extensions["code"].(string)
				m.Errors.WithLabelValues(field, code).Inc()
			}
		}
		return resp
	}
}

// errorPresenter is the one place errors become API errors. Errors gqlgen
// made itself (parsing, validation, limits) and our coded errors pass;
// everything else is logged with the request ID and shown as a generic
// message, so no internal detail reaches the client.
func errorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var gerr *gqlerror.Error
		if errors.As(err, &gerr) && gerr.Err == nil {
			return gerr
		}
		// DefaultErrorPresenter may return err itself: work on a copy so the
		// cause stays reachable below and is never sent to the client.
		out := *graphql.DefaultErrorPresenter(ctx, err)
		out.Err = nil
		var throttled *apperr.ThrottledError
		switch {
		case errors.As(err, &throttled):
			out.Message = "Too many attempts. Try again later."
			out.Extensions = map[string]any{"code": "THROTTLED", "retryAfterSeconds": retryAfterSeconds(throttled.RetryAfter)}
		case errors.Is(err, apperr.ErrBadRequest):
			out.Message = strings.TrimPrefix(err.Error(), apperr.ErrBadRequest.Error()+": ")
			out.Extensions = map[string]any{"code": "BAD_USER_INPUT"}
		case errors.Is(err, apperr.ErrAccountsDisabled):
			out.Message = "Customer accounts are turned off for this shop"
			out.Extensions = map[string]any{"code": "ACCOUNTS_DISABLED"}
		case errors.Is(err, apperr.ErrPasswordlessDisabled):
			out.Message = "Sign-in codes are turned off for this shop"
			out.Extensions = map[string]any{"code": "PASSWORDLESS_DISABLED"}
		case errors.Is(err, apperr.ErrAccessDenied):
			out.Message = "Access denied"
			out.Extensions = map[string]any{"code": "ACCESS_DENIED"}
		case errors.Is(err, context.Canceled):
			out.Message = "The request was cancelled"
			out.Extensions = map[string]any{"code": "CANCELLED"}
		case errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded):
			// REQUEST_TIMEOUT passed: the database work was cancelled, and a
			// write's transaction rolled back.
			out.Message = "The request took longer than the server allows (REQUEST_TIMEOUT); nothing was changed by the part that did not finish"
			out.Extensions = map[string]any{"code": "TIMEOUT", "limit": "REQUEST_TIMEOUT"}
		default:
			id := auth.ViewerFrom(ctx).RequestID
			log.ErrorContext(ctx, "internal error", "request_id", id, "path", out.Path.String(), "err", err)
			out.Message = "Internal error. Quote request id " + id + " when you contact support."
			out.Extensions = map[string]any{"code": "INTERNAL_SERVER_ERROR", "requestId": id}
		}
		return &out
	}
}

// retryAfterSeconds rounds up: a client that waits that long is let in
// (0 would tell it to retry at once and be refused again).
func retryAfterSeconds(d time.Duration) int {
	return max(1, int((d+time.Second-1)/time.Second))
}

// recoverFunc turns a panic in a resolver into an internal error.
func recoverFunc(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, v any) error {
		log.ErrorContext(ctx, "panic in resolver", "request_id", auth.ViewerFrom(ctx).RequestID,
			"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		return fmt.Errorf("panic: %v", v)
	}
}

// rejectNUL refuses operations whose arguments carry U+0000 anywhere, in
// variables or inline: no text field can hold it (PostgreSQL refuses it),
// so it is the request that is malformed.
type rejectNUL struct{}

func (rejectNUL) ExtensionName() string                   { return "RejectNUL" }
func (rejectNUL) Validate(graphql.ExecutableSchema) error { return nil }
func (rejectNUL) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	bad := &gqlerror.Error{
		Message:    "Text may not contain the NUL character (U+0000)",
		Extensions: map[string]any{"code": "BAD_USER_INPUT"},
	}
	if hasNUL(oc.Variables) {
		return bad
	}
	if oc.Operation != nil && selectionHasNUL(oc.Operation.SelectionSet, 0) {
		return bad
	}
	return nil
}

func hasNUL(v any) bool {
	switch v := v.(type) {
	case string:
		return strings.ContainsRune(v, 0)
	case map[string]any:
		for k, x := range v {
			if strings.ContainsRune(k, 0) || hasNUL(x) {
				return true
			}
		}
	case []any:
		for _, x := range v {
			if hasNUL(x) {
				return true
			}
		}
	}
	return false
}

func selectionHasNUL(set ast.SelectionSet, depth int) bool {
	if depth > 50 {
		return false
	}
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			for _, a := range s.Arguments {
				if valueHasNUL(a.Value) {
					return true
				}
			}
			if selectionHasNUL(s.SelectionSet, depth+1) {
				return true
			}
		case *ast.InlineFragment:
			if selectionHasNUL(s.SelectionSet, depth+1) {
				return true
			}
		case *ast.FragmentSpread:
			if s.Definition != nil && selectionHasNUL(s.Definition.SelectionSet, depth+1) {
				return true
			}
		}
	}
	return false
}

func valueHasNUL(v *ast.Value) bool {
	if v == nil {
		return false
	}
	if strings.ContainsRune(v.Raw, 0) {
		return true
	}
	for _, c := range v.Children {
		if valueHasNUL(c.Value) {
			return true
		}
	}
	return false
}
