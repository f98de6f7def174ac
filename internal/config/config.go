// Package config reads the server's settings from flags and the environment
// (a flag wins over its variable). Secrets are masked when printed.
package config

import (
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	"accountgraph/internal/auth"
	"accountgraph/internal/gid"
	"accountgraph/internal/password"
	"accountgraph/internal/querylimit"
)

// Config is every setting of the server.
type Config struct {
	Addr        string // ADDR: listen address
	DatabaseURL string // DATABASE_URL: sqlite:PATH, file:PATH or postgres://…
	PublicURL   string // PUBLIC_URL: base of links in emails
	ShopID      string // SHOP_ID: the shop's ID in the Customer Account API's URLs
	// CustomerAccountClient is the storefront registered with the OpenID
	// Connect provider from settings: CUSTOMER_ACCOUNT_CLIENT_ID and
	// CUSTOMER_ACCOUNT_REDIRECT_URIS (comma-separated).
	CustomerAccountClientID     string
	CustomerAccountRedirectURIs []string
	IDNamespace                 string            // ID_NAMESPACE: accountgraph (default) or shopify, the namespace of the IDs we emit
	ShopName                    string            // SHOP_NAME: shown in emails
	ShopCurrency                string            // SHOP_CURRENCY: ISO 4217 code of the shop's prices
	CORSOrigins                 []string          // CORS_ALLOWED_ORIGINS: comma-separated; "*" for any
	CORSCredentials             bool              // CORS_ALLOW_CREDENTIALS
	MailDir                     string            // MAIL_DIR: where .eml files go without SMTP
	SMTPURL                     string            // SMTP_URL: smtp://user:pass@host:port
	MailFrom                    string            // MAIL_FROM
	AdminAPIKey                 string            // ADMIN_API_KEY: seeds one all-scope key
	LogFormat                   string            // LOG_FORMAT: text or json
	LogLevel                    string            // LOG_LEVEL: debug, info, warn, error
	Demo                        bool              // DEMO_DATA / --demo: add a demo customer
	TrustProxyHeaders           bool              // TRUST_PROXY_HEADERS: take the client IP from X-Forwarded-For
	CaptchaVerifyURL            string            // CAPTCHA_VERIFY_URL: a siteverify endpoint (hCaptcha, reCAPTCHA, Turnstile)
	CaptchaSecret               string            // CAPTCHA_SECRET
	StripeSecretKey             string            // STRIPE_SECRET_KEY: saved payment methods at Stripe
	StripePublishableKey        string            // STRIPE_PUBLISHABLE_KEY: for the storefront's Stripe.js element
	StripeWebhookSecret         string            // STRIPE_WEBHOOK_SECRET: the webhook endpoint's signing secret
	StripeAPIURL                string            // STRIPE_API_URL: another API base (stripe-mock in development)
	CountryHeader               string            // COUNTRY_HEADER: a proxy's client-country header, e.g. CF-IPCountry
	Delivery                    bool              // DELIVERY: run the notification delivery worker in this process
	DeliveryInterval            time.Duration     // DELIVERY_INTERVAL: how often the worker looks for due messages
	BodyLimit                   int64             // BODY_LIMIT_BYTES
	Limits                      querylimit.Limits // QUERY_MAX_*: what one request may ask for
	RequestTimeout              time.Duration     // REQUEST_TIMEOUT: a whole request's deadline
	MaxResponseBytes            int               // RESPONSE_MAX_BYTES: largest answer
	ReadPlan                    bool              // READ_PLAN: run queries on the read plan (false: all on gqlgen's executor, for diagnosis)
	ReadPlanVerify              bool              // READ_PLAN_VERIFY: also run each planned query on gqlgen and log any difference (a canary; doubles query cost)
	TokenTTL                    time.Duration     // ACCESS_TOKEN_TTL
	ShutdownTimeout             time.Duration     // SHUTDOWN_TIMEOUT
	Argon2MemoryKiB             uint32            // ARGON2_MEMORY_KIB
	Argon2Iterations            uint32            // ARGON2_ITERATIONS
	Argon2Parallelism           uint8             // ARGON2_PARALLELISM
	HashConcurrency             int               // HASH_CONCURRENCY: password hashes at once
	HashShare                   float64           // HASH_CPU_SHARE: the share of each hash slot's time hashing may take
	DBMaxConns                  int               // DB_MAX_CONNS: database connections (0: 20 on PostgreSQL; on SQLite two per core, 4 to 8)
	GCPercent                   int               // GC_PERCENT: heap growth between collections, in per cent of the live heap (Go's GOGC, which wins when set)
	MemoryLimitMiB              int               // MEMORY_LIMIT_MIB: the heap size the collector works to stay under (Go's GOMEMLIMIT, which wins when set; 0: none)
	// OIDCProviders are the social sign-in providers (OIDC_PROVIDERS, a
	// JSON list such as [{"name":"google","issuer":"https://accounts.google.com",
	// "clientId":"…","clientSecret":"…"}]).
	OIDCProviders []OIDCProvider
}

// OIDCProvider is an OpenID Connect provider customers may sign in with.
type OIDCProvider struct {
	Name         string   `json:"name"`   // in URLs and the API: [a-z0-9-]
	Issuer       string   `json:"issuer"` // discovery at Issuer/.well-known/openid-configuration
	ClientID     string   `json:"clientId"`
	ClientSecret string   `json:"clientSecret"`
	Scopes       []string `json:"scopes"` // besides openid; default email and profile
}

// Default returns the settings used when nothing is configured.
func Default() Config {
	return Config{
		Addr:             ":8080",
		DatabaseURL:      "sqlite:./data/accountgraph.db",
		PublicURL:        "http://localhost:8080",
		IDNamespace:      gid.Ours,
		ShopID:           "accountgraph",
		ShopName:         "accountgraph shop",
		ShopCurrency:     "USD",
		MailDir:          "./data/mail",
		MailFrom:         "accountgraph <no-reply@localhost>",
		LogFormat:        "text",
		LogLevel:         "info",
		BodyLimit:        1 << 20,
		Limits:           querylimit.Defaults(),
		RequestTimeout:   15 * time.Second,
		MaxResponseBytes: 16 << 20,
		ReadPlan:         true,
		TokenTTL:         30 * 24 * time.Hour,
		ShutdownTimeout:  20 * time.Second,
		Argon2MemoryKiB:  password.DefaultParams.Memory,
		Argon2Iterations: password.DefaultParams.Iterations,
		// One lane per hash and hashes on half the CPUs: a storm of sign-ins
		// then takes at most half the machine (BENCHMARKS.md: 75 % of read
		// throughput remains during one on 2 cores).
		Argon2Parallelism: password.DefaultParams.Parallelism,
		HashConcurrency:   max(1, runtime.NumCPU()/2),
		// Hashing may keep a slot busy a quarter of the time: a storm of
		// sign-ins then takes an eighth of a 2-core machine, and reads keep
		// the rest (BENCHMARKS.md, "Mixed load").
		HashShare:        0.25,
		GCPercent:        200,
		MemoryLimitMiB:   64,
		Delivery:         true,
		DeliveryInterval: 5 * time.Second,
	}
}

// Load reads flags from args (without the program name) over the
// environment over the defaults.
func Load(args []string, getenv func(string) string) (Config, error) {
	c := Default()
	fs := flag.NewFlagSet("accountgraph", flag.ContinueOnError)
	str := func(p *string, name, env, usage string) {
		if v := getenv(env); v != "" {
			*p = v
		}
		fs.StringVar(p, name, *p, usage+" ($"+env+")")
	}
	var origins, redirects string
	var errs []string
	boolean := func(p *bool, name, env, usage string) {
		if v := getenv(env); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				errs = append(errs, env+": "+err.Error())
			}
			*p = b
		}
		fs.BoolVar(p, name, *p, usage+" ($"+env+")")
	}
	num := func(p *int, name, env, usage string) {
		if v := getenv(env); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				errs = append(errs, env+": "+err.Error())
			}
			*p = n
		}
		fs.IntVar(p, name, *p, usage+" ($"+env+")")
	}
	dur := func(p *time.Duration, name, env, usage string) {
		if v := getenv(env); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil {
				errs = append(errs, env+": "+err.Error())
			}
			*p = d
		}
		fs.DurationVar(p, name, *p, usage+" ($"+env+")")
	}
	str(&c.Addr, "addr", "ADDR", "listen address")
	str(&c.DatabaseURL, "database-url", "DATABASE_URL", "sqlite:PATH or postgres://…")
	str(&c.PublicURL, "public-url", "PUBLIC_URL", "base URL of links in emails")
	str(&c.IDNamespace, "id-namespace", "ID_NAMESPACE", "namespace of emitted IDs: accountgraph (gid://accountgraph/…) or shopify (gid://shopify/…); both are read")
	str(&c.ShopName, "shop-name", "SHOP_NAME", "shop name in emails")
	str(&c.ShopCurrency, "shop-currency", "SHOP_CURRENCY", "ISO 4217 currency of the shop's prices")
	str(&c.ShopID, "shop-id", "SHOP_ID", "the shop's ID in Customer Account API URLs (/authentication/SHOP_ID/…)")
	str(&c.CustomerAccountClientID, "customer-account-client-id", "CUSTOMER_ACCOUNT_CLIENT_ID", "client ID of the storefront signing customers in through the OpenID Connect provider")
	redirects = strings.Join(c.CustomerAccountRedirectURIs, ",")
	str(&redirects, "customer-account-redirect-uris", "CUSTOMER_ACCOUNT_REDIRECT_URIS", "comma-separated redirect URIs of that client")
	origins = strings.Join(c.CORSOrigins, ",")
	str(&origins, "cors-allowed-origins", "CORS_ALLOWED_ORIGINS", "comma-separated origins allowed by CORS")
	boolean(&c.CORSCredentials, "cors-allow-credentials", "CORS_ALLOW_CREDENTIALS", "allow credentialed CORS requests")
	str(&c.MailDir, "mail-dir", "MAIL_DIR", "folder for .eml files when SMTP is not set")
	str(&c.SMTPURL, "smtp-url", "SMTP_URL", "smtp://user:pass@host:port")
	str(&c.MailFrom, "mail-from", "MAIL_FROM", "From address of emails")
	str(&c.AdminAPIKey, "admin-api-key", "ADMIN_API_KEY", "seed one all-scope admin API key")
	str(&c.LogFormat, "log-format", "LOG_FORMAT", "text or json")
	str(&c.LogLevel, "log-level", "LOG_LEVEL", "debug, info, warn or error")
	boolean(&c.Demo, "demo", "DEMO_DATA", "add a demo customer and print its login")
	boolean(&c.TrustProxyHeaders, "trust-proxy-headers", "TRUST_PROXY_HEADERS", "take the client IP from X-Forwarded-For")
	str(&c.CaptchaVerifyURL, "captcha-verify-url", "CAPTCHA_VERIFY_URL", "siteverify URL of a CAPTCHA provider; registrations then need X-Captcha-Token")
	str(&c.CaptchaSecret, "captcha-secret", "CAPTCHA_SECRET", "the CAPTCHA provider's secret key")
	str(&c.StripeSecretKey, "stripe-secret-key", "STRIPE_SECRET_KEY", "Stripe secret key: customers can save payment methods")
	str(&c.StripePublishableKey, "stripe-publishable-key", "STRIPE_PUBLISHABLE_KEY", "Stripe publishable key, handed to the storefront's element")
	str(&c.StripeWebhookSecret, "stripe-webhook-secret", "STRIPE_WEBHOOK_SECRET", "signing secret of the Stripe webhook endpoint (/webhooks/payments/stripe)")
	str(&c.StripeAPIURL, "stripe-api-url", "STRIPE_API_URL", "Stripe API base URL (stripe-mock for development, e.g. http://localhost:12111)")
	str(&c.CountryHeader, "country-header", "COUNTRY_HEADER", "header with the client's ISO country from a trusted proxy (e.g. CF-IPCountry)")
	boolean(&c.Delivery, "delivery", "DELIVERY", "run the notification delivery worker in this process")
	dur(&c.DeliveryInterval, "delivery-interval", "DELIVERY_INTERVAL", "how often the delivery worker looks for due messages")
	bodyLimit := int(c.BodyLimit)
	num(&bodyLimit, "body-limit", "BODY_LIMIT_BYTES", "largest request body")
	num(&c.Limits.Tokens, "query-max-tokens", "QUERY_MAX_TOKENS", "lexical tokens of a query document")
	num(&c.Limits.Selections, "query-max-selections", "QUERY_MAX_SELECTIONS", "fields of an operation, fragments expanded")
	num(&c.Limits.Aliases, "query-max-aliases", "QUERY_MAX_ALIASES", "aliased fields in a document")
	num(&c.Limits.Directives, "query-max-directives", "QUERY_MAX_DIRECTIVES", "directives in a document")
	num(&c.Limits.Depth, "query-max-depth", "QUERY_MAX_DEPTH", "deepest query allowed")
	num(&c.Limits.Cost, "query-max-cost", "QUERY_MAX_COST", "highest query cost (Shopify's measure: objects, page sizes multiplied)")
	num(&c.Limits.Values, "query-max-values", "QUERY_MAX_VALUES", "most values an answer can hold, page sizes multiplied")
	dur(&c.RequestTimeout, "request-timeout", "REQUEST_TIMEOUT", "deadline of one request, database work included")
	num(&c.MaxResponseBytes, "response-max-bytes", "RESPONSE_MAX_BYTES", "largest answer a query may produce")
	boolean(&c.ReadPlan, "read-plan", "READ_PLAN", "run queries on the read plan (false: all on gqlgen's executor)")
	boolean(&c.ReadPlanVerify, "read-plan-verify", "READ_PLAN_VERIFY", "also run each planned query on gqlgen and log any difference")
	dur(&c.TokenTTL, "access-token-ttl", "ACCESS_TOKEN_TTL", "life of a customer access token")
	dur(&c.ShutdownTimeout, "shutdown-timeout", "SHUTDOWN_TIMEOUT", "time for in-flight requests at shutdown")
	mem, iter, par := int(c.Argon2MemoryKiB), int(c.Argon2Iterations), int(c.Argon2Parallelism)
	num(&mem, "argon2-memory-kib", "ARGON2_MEMORY_KIB", "argon2id memory per hash")
	num(&iter, "argon2-iterations", "ARGON2_ITERATIONS", "argon2id passes")
	num(&par, "argon2-parallelism", "ARGON2_PARALLELISM", "argon2id lanes")
	num(&c.HashConcurrency, "hash-concurrency", "HASH_CONCURRENCY", "password hashes computed at once")
	share := strconv.FormatFloat(c.HashShare, 'f', -1, 64)
	str(&share, "hash-cpu-share", "HASH_CPU_SHARE", "share of each hash slot's time hashing may take (0 < x ≤ 1)")
	num(&c.DBMaxConns, "db-max-conns", "DB_MAX_CONNS", "database connections per process (0: 20 on PostgreSQL; on SQLite two per core, 4 to 8)")
	num(&c.GCPercent, "gc-percent", "GC_PERCENT", "heap growth between garbage collections, per cent of the live heap (GOGC wins when set)")
	num(&c.MemoryLimitMiB, "memory-limit-mib", "MEMORY_LIMIT_MIB", "heap size the garbage collector keeps under, MiB (GOMEMLIMIT wins when set; 0: none)")
	providers := ""
	str(&providers, "oidc-providers", "OIDC_PROVIDERS", `social sign-in providers, JSON: [{"name","issuer","clientId","clientSecret"}]`)
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if len(errs) > 0 {
		return c, fmt.Errorf("config: %s", strings.Join(errs, "; "))
	}
	if providers != "" {
		if err := json.Unmarshal([]byte(providers), &c.OIDCProviders); err != nil {
			return c, fmt.Errorf("config: OIDC_PROVIDERS: %w", err)
		}
	}
	c.BodyLimit = int64(bodyLimit)
	if v, err := strconv.ParseFloat(share, 64); err != nil {
		return c, fmt.Errorf("config: HASH_CPU_SHARE: %w", err)
	} else {
		c.HashShare = v
	}
	c.Argon2MemoryKiB, c.Argon2Iterations, c.Argon2Parallelism = uint32(mem), uint32(iter), uint8(par)
	c.CustomerAccountRedirectURIs = nil
	for _, u := range strings.Split(redirects, ",") {
		if u = strings.TrimSpace(u); u != "" {
			c.CustomerAccountRedirectURIs = append(c.CustomerAccountRedirectURIs, u)
		}
	}
	c.CORSOrigins = nil
	for _, o := range strings.Split(origins, ",") {
		// Browsers send an origin without a trailing slash.
		if o = strings.TrimRight(strings.TrimSpace(o), "/"); o != "" {
			c.CORSOrigins = append(c.CORSOrigins, o)
		}
	}
	return c, c.validate()
}

var shopIDRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// CheckRedirectURI accepts an OAuth redirect URI: absolute, https (http
// only for localhost, in development), no fragment.
func CheckRedirectURI(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Fragment != "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("%q is not an absolute http(s) URI without a fragment", raw)
	}
	if u.Scheme == "http" && u.Hostname() != "localhost" && u.Hostname() != "127.0.0.1" && u.Hostname() != "::1" {
		return fmt.Errorf("%q: use https (http only for localhost)", raw)
	}
	return nil
}

func (c Config) validate() error {
	var errs []string
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, "LOG_FORMAT must be text or json")
	}
	if len(c.ShopCurrency) != 3 || strings.ToUpper(c.ShopCurrency) != c.ShopCurrency {
		errs = append(errs, "SHOP_CURRENCY must be a three-letter ISO 4217 code such as EUR")
	}
	if c.BodyLimit < 1024 {
		errs = append(errs, "BODY_LIMIT_BYTES must be at least 1024")
	}
	if !shopIDRE.MatchString(c.ShopID) {
		errs = append(errs, "SHOP_ID must be 1 to 64 letters, digits, dashes or underscores")
	}
	if (c.CustomerAccountClientID == "") != (len(c.CustomerAccountRedirectURIs) == 0) {
		errs = append(errs, "CUSTOMER_ACCOUNT_CLIENT_ID and CUSTOMER_ACCOUNT_REDIRECT_URIS go together")
	}
	for _, u := range c.CustomerAccountRedirectURIs {
		if err := CheckRedirectURI(u); err != nil {
			errs = append(errs, "CUSTOMER_ACCOUNT_REDIRECT_URIS: "+err.Error())
		}
	}
	if c.IDNamespace != gid.Ours && c.IDNamespace != gid.Shopify {
		errs = append(errs, "ID_NAMESPACE must be "+gid.Ours+" or "+gid.Shopify)
	}
	errs = append(errs, c.Limits.Validate()...)
	if c.AdminAPIKey != "" {
		if err := auth.CheckKeyForm(c.AdminAPIKey); err != nil {
			errs = append(errs, "ADMIN_API_KEY "+err.Error())
		}
	}
	errs = append(errs, checkOrigins(c.CORSOrigins, c.CORSCredentials)...)
	if c.RequestTimeout < 100*time.Millisecond {
		errs = append(errs, "REQUEST_TIMEOUT must be at least 100ms")
	}
	if c.MaxResponseBytes < 64<<10 {
		errs = append(errs, "RESPONSE_MAX_BYTES must be at least 65536")
	}
	if c.StripeSecretKey != "" && (c.StripeWebhookSecret == "" || c.StripePublishableKey == "") {
		errs = append(errs, "STRIPE_SECRET_KEY needs STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET")
	}
	if c.CaptchaVerifyURL != "" {
		if u, err := url.Parse(c.CaptchaVerifyURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || c.CaptchaSecret == "" {
			errs = append(errs, "CAPTCHA_VERIFY_URL must be an http(s) URL, with CAPTCHA_SECRET")
		}
	}
	if c.DeliveryInterval < 100*time.Millisecond {
		errs = append(errs, "DELIVERY_INTERVAL must be at least 100ms")
	}
	if c.TokenTTL < time.Minute {
		errs = append(errs, "ACCESS_TOKEN_TTL must be at least 1m")
	}
	if c.GCPercent < 25 || c.MemoryLimitMiB < 0 {
		errs = append(errs, "GC_PERCENT must be at least 25 and MEMORY_LIMIT_MIB not negative")
	}
	if !(c.HashShare > 0 && c.HashShare <= 1) {
		errs = append(errs, "HASH_CPU_SHARE must be above 0 and at most 1 (1: hashes may run back to back)")
	}
	if c.Argon2MemoryKiB < 8 || c.Argon2Iterations < 1 || c.Argon2Parallelism < 1 {
		errs = append(errs, "argon2 parameters must be positive (memory ≥ 8 KiB)")
	}
	seen := map[string]bool{}
	for _, p := range c.OIDCProviders {
		u, err := url.Parse(p.Issuer)
		if !providerName.MatchString(p.Name) || seen[p.Name] || err != nil || (u.Scheme != "https" && u.Scheme != "http") || p.ClientID == "" {
			errs = append(errs, "OIDC_PROVIDERS: each provider needs a unique name of a-z, 0-9 and -, an http(s) issuer and a clientId")
			break
		}
		seen[p.Name] = true
	}
	if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, "PUBLIC_URL must be an http(s) URL")
	}
	if len(errs) > 0 {
		return fmt.Errorf("config: %s", strings.Join(errs, "; "))
	}
	return nil
}

// checkOrigins refuses CORS origins a browser would never send (a path,
// no scheme) and "*" with credentials, which would let any site act with a
// signed-in customer's cookies (browsers refuse it too, so it never works).
func checkOrigins(origins []string, credentials bool) []string {
	var errs []string
	for _, o := range origins {
		if o == "*" {
			if len(origins) > 1 {
				errs = append(errs, `CORS_ALLOWED_ORIGINS: "*" allows every origin; list origins or "*" alone`)
			}
			if credentials {
				errs = append(errs, `CORS_ALLOWED_ORIGINS "*" cannot be used with CORS_ALLOW_CREDENTIALS=true: list the storefront origins (https://shop.example)`)
			}
			continue
		}
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			errs = append(errs, fmt.Sprintf("CORS_ALLOWED_ORIGINS: %q is not an origin: write scheme://host[:port], as https://shop.example", o))
		}
	}
	return errs
}

// String prints the settings with secrets masked, for the start-up log.
func (c Config) String() string {
	return fmt.Sprintf("addr=%s database=%s public_url=%s cors_origins=%v cors_credentials=%t mail=%s admin_api_key=%s log=%s/%s body_limit=%d limits=%+v request_timeout=%s response_max_bytes=%d read_plan=%t/verify=%t token_ttl=%s argon2=m%d,t%d,p%d hash_concurrency=%d hash_cpu_share=%g trust_proxy_headers=%t country_header=%q delivery=%t/%s captcha=%t oidc=%v stripe=%s",
		c.Addr, MaskURL(c.DatabaseURL), c.PublicURL, c.CORSOrigins, c.CORSCredentials, c.mailTarget(),
		mask(c.AdminAPIKey), c.LogFormat, c.LogLevel, c.BodyLimit, c.Limits, c.RequestTimeout, c.MaxResponseBytes, c.ReadPlan, c.ReadPlanVerify, c.TokenTTL,
		c.Argon2MemoryKiB, c.Argon2Iterations, c.Argon2Parallelism, c.HashConcurrency, c.HashShare, c.TrustProxyHeaders, c.CountryHeader, c.Delivery, c.DeliveryInterval, c.CaptchaVerifyURL != "", c.providerNames(), mask(c.StripeSecretKey))
}

// providerNames lists the social sign-in providers (their secrets stay out
// of logs).
func (c Config) providerNames() []string {
	names := []string{}
	for _, p := range c.OIDCProviders {
		names = append(names, p.Name)
	}
	return names
}

var providerName = regexp.MustCompile(`^[a-z0-9-]{1,64}$`)

func (c Config) mailTarget() string {
	if c.SMTPURL != "" {
		return MaskURL(c.SMTPURL)
	}
	return "dir:" + c.MailDir
}

func mask(secret string) string {
	if secret == "" {
		return "(unset)"
	}
	return "(set)"
}

// MaskURL hides the password of a URL.
func MaskURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
