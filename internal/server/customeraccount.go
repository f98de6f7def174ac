package server

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"

	"accountgraph/graph/customeraccount"
	"accountgraph/internal/loaders"
	"accountgraph/internal/querylimit"
)

// versionRE matches a Customer Account API version in the path.
var versionRE = regexp.MustCompile(`^(\d{4}-\d{2}|unstable)$`)

// customerAccountAPI serves the Customer Account API at
// /{SHOP_ID}/account/customer/api/{version}/graphql to a customer's access
// token (from the OpenID Connect provider, or a Storefront API sign-in),
// sent raw in Authorization as Hydrogen does, or as a Bearer token. No or
// a dead token answers 401, which signs a Hydrogen storefront's shopper
// out.
func (s *Server) customerAccountAPI() http.Handler {
	schema := customeraccount.NewExecutableSchema(customeraccount.Config{
		Resolvers: &customeraccount.Resolver{DB: s.DB.Client, Customers: s.Customers, Orders: s.Orders, Storefront: s.storefront()},
	})
	h := handler.New(schema)
	h.AddTransport(postTransport{maxResponse: s.cfg.MaxResponseBytes})
	queries := lru.New[*ast.QueryDocument](1000)
	h.SetQueryCache(queries)
	h.SetParserTokenLimit(s.cfg.Limits.Tokens)
	h.Use(extension.Introspection{})
	h.Use(shapeLimit{limits: s.cfg.Limits, cache: queries})
	h.Use(costLimit{limits: s.cfg.Limits, pricer: querylimit.NewPricer(schema.Schema(), listSizes), share: s.Metrics.LimitShare})
	h.Use(rejectNUL{})
	h.AroundResponses(observe(s.Metrics))
	h.SetErrorPresenter(errorPresenter(s.log))
	h.SetRecoverFunc(recoverFunc(s.log))
	api := s.withViewer(loaders.Middleware(s.DB.Client, h))
	return s.limitBody(s.withDeadline(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("shop") != s.cfg.ShopID || !versionRE.MatchString(r.PathValue("version")) {
			http.NotFound(w, r)
			return
		}
		token := strings.TrimSpace(r.Header.Get("Authorization"))
		token = strings.TrimSpace(strings.TrimPrefix(token, "Bearer "))
		c, err := s.Customers.Authenticate(r.Context(), token)
		if err != nil {
			s.log.ErrorContext(r.Context(), "customer account API: token check failed", "err", err)
			writeError(w, http.StatusServiceUnavailable, "INTERNAL_SERVER_ERROR", "Service unavailable")
			return
		}
		if token == "" || c == nil {
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
			writeError(w, http.StatusUnauthorized, "UNAUTHORIZED", "Sign in: no valid access token in Authorization")
			return
		}
		// The token is the customer's, not an admin key: the viewer
		// middleware must not read it as one.
		r = r.Clone(customeraccount.WithCustomer(r.Context(), token, c))
		r.Header.Del("Authorization")
		api.ServeHTTP(w, r)
	})))
}
