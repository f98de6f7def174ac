package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"accountgraph/internal/querylimit"
)

// shapeLimit measures a document before gqlgen validates it (validation
// and every later walk are only as cheap as the document's expanded size;
// see internal/querylimit). A document in the query cache passed already.
type shapeLimit struct {
	limits querylimit.Limits
	cache  graphql.Cache[*ast.QueryDocument]
}

func (shapeLimit) ExtensionName() string                   { return "ShapeLimit" }
func (shapeLimit) Validate(graphql.ExecutableSchema) error { return nil }
func (l shapeLimit) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	if params.Query == "" {
		return nil
	}
	if _, ok := l.cache.Get(ctx, params.Query); ok {
		return nil
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: params.Query}, l.limits.Tokens)
	if err != nil {
		var gerr *gqlerror.Error
		if errors.As(err, &gerr) && strings.Contains(gerr.Message, "token limit") {
			// The parser stops at the limit, so the count is only known to
			// be above it: cost says limit+1, the message "more than".
			e := querylimit.Exceeded("MAX_TOKENS_EXCEEDED", "QUERY_MAX_TOKENS", l.limits.Tokens, l.limits.Tokens+1, "number of tokens")
			e.Message = fmt.Sprintf("The query has more than %d tokens, the limit (QUERY_MAX_TOKENS)", l.limits.Tokens)
			return e
		}
		return nil // gqlgen reports the syntax error
	}
	return querylimit.Shape(doc, l.limits)
}

// costLimit prices each operation with its variables (page sizes), after
// validation.
type costLimit struct {
	limits querylimit.Limits
	pricer *querylimit.Pricer
	share  prometheus.Observer
}

func (costLimit) ExtensionName() string                   { return "CostLimit" }
func (costLimit) Validate(graphql.ExecutableSchema) error { return nil }
func (l costLimit) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	pr, err := l.pricer.Check(oc.Operation, oc.Variables, l.limits)
	if err == nil {
		l.share.Observe(max(float64(pr.Cost)/float64(l.limits.Cost), float64(pr.Values)/float64(l.limits.Values)))
	}
	return err
}

// listSizes are the plain lists of objects whose length is known to be
// other than querylimit.DefaultList.
var listSizes = map[string]int{
	"Order.trackingEvents":                      50,
	"Company.contacts":                          50,
	"Company.locations":                         50,
	"Customer.companyContacts":                  10,
	"AdminCustomersInvitePayload.customers":     250,
	"AdminProductsUpsertPayload.products":       250,
	"AdminCollectionsUpsertPayload.collections": 250,
	"AdminCustomersImportPayload.report":        250,
	"LoyaltyConsistencyReport.mismatches":       250,
}

// withDeadline gives a GraphQL request its deadline: database work stops
// when it passes or when the client goes away.
func (s *Server) withDeadline(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.RequestTimeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
