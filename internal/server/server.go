// Package server wires the service together: database, business services,
// the GraphQL handler with its limits, and the HTTP endpoints.
package server

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"

	"accountgraph/ent/usedtoken"
	"accountgraph/graph"
	"accountgraph/graph/model"
	"accountgraph/internal/auth"
	"accountgraph/internal/captcha"
	"accountgraph/internal/cart"
	"accountgraph/internal/catalog"
	"accountgraph/internal/company"
	"accountgraph/internal/config"
	"accountgraph/internal/customer"
	"accountgraph/internal/db"
	"accountgraph/internal/demo"
	"accountgraph/internal/gid"
	"accountgraph/internal/graphiql"
	"accountgraph/internal/loaders"
	"accountgraph/internal/loyalty"
	"accountgraph/internal/mail"
	"accountgraph/internal/metrics"
	"accountgraph/internal/notify"
	"accountgraph/internal/oidc"
	"accountgraph/internal/order"
	"accountgraph/internal/password"
	"accountgraph/internal/payment"
	"accountgraph/internal/paymentmethod"
	"accountgraph/internal/portal"
	"accountgraph/internal/preferences"
	"accountgraph/internal/privacy"
	"accountgraph/internal/ptr"
	"accountgraph/internal/querylimit"
	"accountgraph/internal/returns"
	"accountgraph/internal/savedcart"
	"accountgraph/internal/settings"
	"accountgraph/internal/social"
	"accountgraph/internal/support"
	"accountgraph/internal/throttle"
	"accountgraph/internal/wishlist"
)

// Server is a running instance of the API, without its listener.
type Server struct {
	cfg       config.Config
	log       *slog.Logger
	DB        *db.DB
	Metrics   *metrics.Metrics
	Customers *customer.Service
	Settings  *settings.Service
	Orders    *order.Service
	Catalog   *catalog.Service
	Carts     *cart.Service
	Wishlists *wishlist.Service
	Saved     *savedcart.Service
	Support   *support.Service
	Loyalty   *loyalty.Service
	// Preferences holds stated preferences and privacy switches; Privacy
	// exports and erases customers' data.
	Preferences *preferences.Service
	Privacy     *privacy.Service
	Social      *social.Service
	Companies   *company.Service
	Returns     *returns.Service
	// PaymentMethods keeps saved payment methods (its provider is nil
	// without STRIPE_SECRET_KEY).
	PaymentMethods *paymentmethod.Service
	// OIDC is the OpenID Connect provider customers sign in through
	// (Customer Account API); oidcHandler serves it.
	OIDC        *oidc.Provider
	oidcHandler http.Handler
	adminKeys   *auth.AdminKeys
	limiter     *throttle.Limiter
	// Outbox takes customer messages; Notifications delivers them; Links
	// signs and checks their unsubscribe links.
	Outbox        *notify.Outbox
	Notifications *notify.Worker
	Links         *notify.Links
	ready         atomic.Bool
	stop          context.CancelFunc
	background    sync.WaitGroup
}

// New opens the database, migrates it and builds the services.
func New(ctx context.Context, cfg config.Config, log *slog.Logger) (*Server, error) {
	m := metrics.New()
	d, err := db.Open(cfg.DatabaseURL, m.SQLStatements, cfg.DBMaxConns)
	if err != nil {
		return nil, err
	}
	if err := d.Migrate(ctx, customer.Backfills(cfg.ShopCurrency)...); err != nil {
		d.Close()
		return nil, err
	}
	mailer, err := mail.New(cfg.SMTPURL, cfg.MailDir, cfg.MailFrom, log)
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("mailer: %w", err)
	}
	s := &Server{cfg: cfg, log: log, DB: d, Metrics: m, adminKeys: &auth.AdminKeys{DB: d.Client}}
	s.limiter = &throttle.Limiter{DB: d.Client, OnRefuse: func(action string) { m.Throttled.WithLabelValues(action).Inc() }}
	s.Settings = &settings.Service{DB: d.Client}
	s.Outbox = notify.NewOutbox()
	s.Links = &notify.Links{DB: d.Client, BaseURL: strings.TrimRight(cfg.PublicURL, "/")}
	s.Notifications = &notify.Worker{
		DB: d.Client, Mail: mailer, Links: s.Links, Log: log, Shop: cfg.ShopName,
		// Without gateways, text messages and push notifications are
		// written beside the mails.
		SMS:  &notify.FileSink{Path: filepath.Join(cfg.MailDir, "sms.jsonl"), Log: log},
		Push: &notify.FileSink{Path: filepath.Join(cfg.MailDir, "push.jsonl"), Log: log},
		OnResult: func(channel, kind, outcome string) {
			m.Notifications.WithLabelValues(channel, kind, outcome).Inc()
		},
	}
	s.Customers = &customer.Service{
		DB:       d.Client,
		Settings: s.Settings,
		Outbox:   s.Outbox,
		Hasher: password.NewHasher(password.Params{
			Memory: cfg.Argon2MemoryKiB, Iterations: cfg.Argon2Iterations, Parallelism: cfg.Argon2Parallelism,
		}, cfg.HashConcurrency, cfg.HashShare),
		Limiter:   s.limiter,
		Log:       log,
		PublicURL: strings.TrimRight(cfg.PublicURL, "/"),
		ShopName:  cfg.ShopName,
		TokenTTL:  cfg.TokenTTL,
		OnRefuse:  func(reason string) { m.Refusals.WithLabelValues(reason).Inc() },
		Currency:  cfg.ShopCurrency,
	}
	if cfg.CaptchaVerifyURL != "" {
		s.Customers.Captcha = &captcha.SiteVerify{URL: cfg.CaptchaVerifyURL, Secret: cfg.CaptchaSecret}
	}
	publicURL := strings.TrimRight(cfg.PublicURL, "/")
	s.Orders = &order.Service{DB: d.Client, PublicURL: publicURL, Outbox: s.Outbox, Currency: cfg.ShopCurrency}
	s.Catalog = &catalog.Service{DB: d.Client, Outbox: s.Outbox}
	s.Carts = &cart.Service{DB: d.Client, Customers: s.Customers, Currency: cfg.ShopCurrency, PublicURL: publicURL,
		AccountRequired: s.Settings.AccountRequired}
	s.Wishlists = &wishlist.Service{DB: d.Client, Customers: s.Customers, PublicURL: publicURL}
	s.Saved = &savedcart.Service{DB: d.Client, Customers: s.Customers, Carts: s.Carts}
	s.Support = &support.Service{DB: d.Client, Customers: s.Customers, Outbox: s.Outbox}
	s.Loyalty = &loyalty.Service{DB: d.Client, Customers: s.Customers, Outbox: s.Outbox}
	s.Customers.Loyalty, s.Orders.Loyalty = s.Loyalty, s.Loyalty
	s.Preferences = &preferences.Service{DB: d.Client, Customers: s.Customers, Marketing: s.Customers}

	s.Companies = &company.Service{DB: d.Client, Currency: cfg.ShopCurrency}
	s.Customers.B2B, s.Orders.Companies = s.Companies, s.Companies
	s.Returns = &returns.Service{DB: d.Client, Customers: s.Customers, Outbox: s.Outbox, StatusURL: s.Orders.StatusURL}
	s.Orders.Returns = s.Returns
	s.PaymentMethods = &paymentmethod.Service{DB: d.Client, Customers: s.Customers, PublishableKey: cfg.StripePublishableKey}
	s.Privacy = &privacy.Service{DB: d.Client, Customers: s.Customers, Limiter: s.limiter, Log: log, PaymentMethods: s.PaymentMethods}
	if cfg.StripeSecretKey != "" {
		var opts []payment.StripeOption
		if cfg.StripeAPIURL != "" {
			opts = append(opts, payment.WithAPIURL(cfg.StripeAPIURL))
		}
		s.PaymentMethods.Provider = payment.NewStripe(cfg.StripeSecretKey, cfg.StripeWebhookSecret, opts...)
	}
	s.Social = social.New(social.Service{DB: d.Client, Customers: s.Customers, Log: log, PublicURL: publicURL,
		Origins: returnOrigins(cfg)}, cfg.OIDCProviders)
	s.OIDC = &oidc.Provider{DB: d.Client, Customers: s.Customers, PublicURL: publicURL, ShopID: cfg.ShopID,
		GraphQLVersion: CustomerAccountVersion, Clients: oidcClients(cfg), Log: log, Now: time.Now,
		Keys: &oidc.Keys{DB: d.Client, Rotate: 30 * 24 * time.Hour, Keep: 2 * oidc.IDTokenTTL, Now: time.Now}}
	if s.oidcHandler, err = s.OIDC.Handler(ctx); err != nil {
		d.Close()
		return nil, err
	}
	if cfg.AdminAPIKey != "" {
		if err := s.adminKeys.Seed(ctx, cfg.AdminAPIKey); err != nil {
			d.Close()
			return nil, err
		}
	}
	bg, stop := context.WithCancel(context.WithoutCancel(ctx))
	s.stop = stop
	s.background.Go(func() { s.housekeeping(bg) })
	if cfg.Delivery {
		s.background.Go(func() { s.Notifications.Run(bg, cfg.DeliveryInterval, s.Outbox.Woken()) })
	}
	s.ready.Store(true)
	return s, nil
}

// housekeeping prunes old throttle records, used Multipass tokens and sent
// messages, and expires loyalty points.
// Every replica may run it at the same time.
func (s *Server) housekeeping(ctx context.Context) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := s.limiter.Prune(ctx, 24*time.Hour); err != nil && ctx.Err() == nil {
				s.log.Warn("pruning throttle records failed", "err", err)
			}
			if _, err := s.DB.Client.UsedToken.Delete().Where(usedtoken.ExpiresAtLT(time.Now())).Exec(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("pruning used tokens failed", "err", err)
			}
			if _, err := s.OIDC.Prune(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("pruning OpenID Connect codes and refresh tokens failed", "err", err)
			}
			if _, err := s.Social.Prune(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("pruning social sign-ins failed", "err", err)
			}
			if _, err := s.Notifications.Prune(ctx, 30*24*time.Hour); err != nil && ctx.Err() == nil {
				s.log.Warn("pruning delivered notifications failed", "err", err)
			}
			if n, err := s.Loyalty.Housekeep(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("loyalty housekeeping failed", "err", err)
			} else if n > 0 {
				s.log.Info("loyalty points expired", "points", n)
			}
		}
	}
}

// shopInfo is Query.shop, from the settings.
func shopInfo(cfg config.Config) *model.Shop {
	base := strings.TrimRight(cfg.PublicURL, "/")
	u, _ := url.Parse(base)
	host := base
	if u != nil && u.Host != "" {
		host = u.Hostname()
	}
	return &model.Shop{ID: gid.Encode("Shop", 1), Name: cfg.ShopName, MoneyFormat: "{{amount}} " + cfg.ShopCurrency,
		CustomerAccountURL: ptr.To(base + "/account"), ShipsToCountries: []model.CountryCode{},
		PrimaryDomain: &model.Domain{Host: host, SslEnabled: strings.HasPrefix(base, "https://"), URL: base}}
}

// CustomerAccountVersion is the Customer Account API version served.
const CustomerAccountVersion = "2026-04"

// oidcClients are the storefronts registered from settings.
func oidcClients(cfg config.Config) []oidc.Client {
	if cfg.CustomerAccountClientID == "" {
		return nil
	}
	return []oidc.Client{{ID: cfg.CustomerAccountClientID, RedirectURIs: cfg.CustomerAccountRedirectURIs}}
}

// AdminKeys creates and checks admin API keys.
func (s *Server) AdminKeys() *auth.AdminKeys { return s.adminKeys }

// SeedDemo fills the database with the demo customer and everything an
// account page shows, unless they exist; it returns the demo login.
func (s *Server) SeedDemo(ctx context.Context) (demo.Login, error) {
	return demo.Seed(ctx, demo.Services{Customers: s.Customers, Catalog: s.Catalog, Orders: s.Orders, Carts: s.Carts,
		Wishlists: s.Wishlists, Saved: s.Saved, Loyalty: s.Loyalty, Support: s.Support, Prefs: s.Preferences, PaymentMethods: s.PaymentMethods,
		PublicURL: strings.TrimRight(s.cfg.PublicURL, "/")})
}

// Close stops background work and closes the database.
func (s *Server) Close() error {
	s.ready.Store(false)
	s.stop()
	s.background.Wait()
	return s.DB.Close()
}

// Handler returns the HTTP handler of every endpoint.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	gql := s.graphQL()
	api := promhttp.InstrumentHandlerInFlight(s.Metrics.InFlight, s.limitBody(s.withDeadline(s.withViewer(loaders.Middleware(s.DB.Client, gql)))))
	mux.Handle("/graphql", api)
	// Shopify's client libraries post to /api/{version}/graphql.json; serving
	// that path lets them work with only the shop domain changed.
	mux.Handle("/api/{version}/graphql.json", api)
	ide, ideFiles := graphiql.Handler("accountgraph GraphiQL", "/graphql")
	mux.Handle("GET /{$}", ide)
	mux.Handle("GET /graphiql", ide)
	mux.Handle("GET "+graphiql.AssetsPath, ideFiles)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.Handle("POST /webhooks/payments/stripe", s.limitBody(http.HandlerFunc(s.paymentWebhook)))
	mux.Handle("/unsubscribe", s.Links.Handler(s.Preferences.Unsubscribe, s.log))
	mux.Handle("GET /admin/customers.csv", s.withViewer(http.HandlerFunc(s.customersCSV)))
	mux.Handle("GET /auth/oidc/{provider}/callback", s.withViewer(http.HandlerFunc(s.Social.Callback)))
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.Metrics.Registry, promhttp.HandlerOpts{}))
	mux.Handle("POST /{shop}/account/customer/api/{version}/graphql", s.customerAccountAPI())
	for _, path := range s.OIDC.Paths() {
		mux.Handle(path, s.limitBody(s.withViewer(s.oidcHandler)))
	}
	// The reference account portal; the shop's wishlist share links open it too.
	account := portal.Handler()
	mux.Handle("GET /account/", account)
	mux.Handle("GET /wishlists/shared/{token}", account)
	if len(s.cfg.CORSOrigins) == 0 {
		// No origin configured: no CORS headers at all, so browsers keep
		// other sites' pages out (rs/cors would allow every origin).
		return s.accessLog(mux)
	}
	c := cors.New(cors.Options{
		AllowedOrigins:   s.cfg.CORSOrigins,
		AllowedMethods:   []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowCredentials: s.cfg.CORSCredentials,
		// Shopify's client libraries send their own headers; allow them so a
		// storefront can switch its endpoint without other changes.
		AllowedHeaders: []string{"Content-Type", "Accept", "Authorization", "X-Request-Id", "X-Captcha-Token",
			"X-Shopify-Storefront-Access-Token", "Shopify-Storefront-Private-Token", "Shopify-Storefront-Buyer-IP",
			"X-SDK-Variant", "X-SDK-Version", "X-SDK-Variant-Source"},
		ExposedHeaders: []string{"X-Request-Id"},
		MaxAge:         600,
	})
	return s.accessLog(c.Handler(mux))
}

// readyz answers 200 when the database answers and the schema is migrated.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if !s.ready.Load() {
		http.Error(w, "not ready: starting or stopping", http.StatusServiceUnavailable)
		return
	}
	if err := s.DB.SQL.PingContext(ctx); err != nil {
		http.Error(w, "not ready: database unreachable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	_, _ = w.Write([]byte("ready\n"))
}

// storefront is the Storefront API's root resolver (the Customer Account
// API's extensions resolve with it too).
func (s *Server) storefront() *graph.Resolver {
	return &graph.Resolver{
		DB: s.DB.Client, Customers: s.Customers, Orders: s.Orders, Catalog: s.Catalog, Carts: s.Carts,
		SavedCartService: s.Saved, WishlistService: s.Wishlists, Settings: s.Settings, Support: s.Support,
		LoyaltyService: s.Loyalty, Preferences: s.Preferences, Privacy: s.Privacy, Social: s.Social, Companies: s.Companies,
		ShopInfo: shopInfo(s.cfg), OIDC: s.OIDC, Returns: s.Returns, PaymentMethods: s.PaymentMethods,
	}
}

// graphQL builds the GraphQL handler with its limits and hooks.
func (s *Server) graphQL() http.Handler {
	cfg := graph.Config{Resolvers: s.storefront(), Directives: graph.DirectiveRoot{AdminScope: AdminScope}}
	schema := graph.PlannedSchema(cfg, graph.PlanOptions{
		Enabled: s.cfg.ReadPlan, Verify: s.cfg.ReadPlanVerify, Observe: s.observePlan, Uncounted: db.WithoutCounting,
	})
	h := handler.New(schema)
	h.AddTransport(transport.Options{})
	h.AddTransport(transport.GET{})
	h.AddTransport(postTransport{maxResponse: s.cfg.MaxResponseBytes})
	queries := lru.New[*ast.QueryDocument](1000)
	h.SetQueryCache(queries)
	h.SetParserTokenLimit(s.cfg.Limits.Tokens)
	h.Use(extension.Introspection{})
	// Limits: the document's shape before validation (after APQ has put
	// the query in place), its price with variables after.
	h.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	h.Use(shapeLimit{limits: s.cfg.Limits, cache: queries})
	h.Use(costLimit{limits: s.cfg.Limits, pricer: querylimit.NewPricer(schema.Schema(), listSizes), share: s.Metrics.LimitShare})
	h.Use(adminGate{})
	h.Use(rejectNUL{})
	h.AroundResponses(observe(s.Metrics))
	h.SetErrorPresenter(errorPresenter(s.log))
	h.SetRecoverFunc(recoverFunc(s.log))
	return h
}

// observePlan counts how the read plan took a query and, at debug level,
// logs why gqlgen answered it.
func (s *Server) observePlan(ctx context.Context, outcome graph.PlanOutcome, reason string) {
	s.Metrics.ReadPlan.WithLabelValues(string(outcome)).Inc()
	switch outcome {
	case graph.PlanRan, graph.PlanNarrowed:
	case graph.PlanMismatch:
		// The answers may hold a customer's data: only where they differ is
		// logged as an error, the bytes around it at debug level.
		where, detail, _ := strings.Cut(reason, "\n")
		op := graphql.GetOperationContext(ctx).OperationName
		s.log.ErrorContext(ctx, "read plan: gqlgen answers differently", "operation", op, "where", where)
		s.log.DebugContext(ctx, "read plan: the differing answers", "operation", op, "detail", detail)
	default:
		s.log.DebugContext(ctx, "read plan: gqlgen answers", "outcome", string(outcome), "reason", reason)
	}
}

// returnOrigins are where a social sign-in may send the browser back: the
// public URL's origin and the CORS origins (not "*").
func returnOrigins(cfg config.Config) []string {
	var out []string
	if u, err := url.Parse(cfg.PublicURL); err == nil {
		out = append(out, u.Scheme+"://"+u.Host)
	}
	for _, o := range cfg.CORSOrigins {
		if o != "*" {
			out = append(out, o)
		}
	}
	return out
}
