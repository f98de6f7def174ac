// Package social signs customers in with OpenID Connect providers (Google,
// Apple, Facebook's OIDC, any issuer with discovery): the authorization-code
// flow with PKCE, state and nonce, all kept in the database so any replica
// can take a provider's callback. A provider's email links to an existing
// account only when the provider says it is verified.
package social

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"accountgraph/ent"
	"accountgraph/ent/linkedidentity"
	"accountgraph/ent/sociallogin"
	"accountgraph/internal/apperr"
	"accountgraph/internal/auth"
	"accountgraph/internal/config"
	"accountgraph/internal/customer"
	"accountgraph/internal/db"
	"accountgraph/internal/gid"
)

// Lifetimes of a sign-in in progress and of the code it ends with.
const (
	flowTTL = 10 * time.Minute
	codeTTL = 2 * time.Minute
)

// Service runs social sign-in.
type Service struct {
	DB        *ent.Client
	Customers *customer.Service
	Log       *slog.Logger
	PublicURL string   // base of the callback URL
	Origins   []string // where returnTo may point (scheme://host[:port])
	// HTTPClient talks to the providers (nil: http.DefaultClient).
	HTTPClient *http.Client
	Now        func() time.Time

	providers map[string]*provider
}

// provider is a configured provider, discovered on first use (a provider
// that is down at start-up does not stop the server).
type provider struct {
	cfg      config.OIDCProvider
	mu       sync.Mutex
	oidc     *oidc.Provider
	verifier *oidc.IDTokenVerifier
}

// New makes the service for the configured providers.
func New(s Service, providers []config.OIDCProvider) *Service {
	s.providers = map[string]*provider{}
	for _, p := range providers {
		s.providers[p.Name] = &provider{cfg: p}
	}
	return &s
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) ctx(ctx context.Context) context.Context {
	if s.HTTPClient != nil {
		return oidc.ClientContext(ctx, s.HTTPClient)
	}
	return ctx
}

// Providers lists the configured providers' names.
func (s *Service) Providers() []string {
	names := make([]string, 0, len(s.providers))
	for n := range s.providers {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// discover returns the provider's OIDC metadata and token verifier.
func (s *Service) discover(ctx context.Context, p *provider) (*oidc.Provider, *oidc.IDTokenVerifier, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.oidc == nil {
		op, err := oidc.NewProvider(s.ctx(ctx), p.cfg.Issuer)
		if err != nil {
			return nil, nil, fmt.Errorf("discover %s: %w", p.cfg.Name, err)
		}
		p.oidc, p.verifier = op, op.Verifier(&oidc.Config{ClientID: p.cfg.ClientID})
	}
	return p.oidc, p.verifier, nil
}

func (s *Service) oauth(p *provider, op *oidc.Provider) *oauth2.Config {
	scopes := p.cfg.Scopes
	if len(scopes) == 0 {
		scopes = []string{"email", "profile"}
	}
	return &oauth2.Config{
		ClientID: p.cfg.ClientID, ClientSecret: p.cfg.ClientSecret, Endpoint: op.Endpoint(),
		RedirectURL: s.PublicURL + "/auth/oidc/" + p.cfg.Name + "/callback",
		Scopes:      append([]string{oidc.ScopeOpenID}, scopes...),
	}
}

// allowedReturn tells whether returnTo is on the shop's own origins.
func (s *Service) allowedReturn(returnTo string) bool {
	u, err := url.Parse(returnTo)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
		return false
	}
	origin := u.Scheme + "://" + u.Host
	return slices.ContainsFunc(s.Origins, func(o string) bool { return strings.EqualFold(strings.TrimRight(o, "/"), origin) })
}

// Start begins a sign-in (or, with an access token, the linking of an
// identity to the signed-in customer) and returns the provider's
// authorization URL for the browser.
func (s *Service) Start(ctx context.Context, providerName, returnTo string, accessToken *string) (string, error) {
	p, ok := s.providers[providerName]
	if !ok {
		return "", apperr.Invalid(apperr.Path("provider"), apperr.CodeInvalid, "Unknown sign-in provider")
	}
	if !s.allowedReturn(returnTo) {
		return "", apperr.Invalid(apperr.Path("returnTo"), apperr.CodeInvalid, "returnTo must be a page of the shop")
	}
	var link *int
	if accessToken != nil {
		c, err := s.Customers.RequireCustomer(ctx, *accessToken)
		if err != nil {
			return "", err
		}
		link = &c.ID
	} else if err := s.Customers.Settings.CheckSignIn(ctx); err != nil {
		return "", err
	}
	op, _, err := s.discover(ctx, p)
	if err != nil {
		return "", err
	}
	state, nonce, verifier := rand.Text(), rand.Text(), oauth2.GenerateVerifier()
	err = s.DB.SocialLogin.Create().SetProvider(p.cfg.Name).SetStateHash(auth.HashToken(state)).SetNonce(nonce).
		SetCodeVerifier(verifier).SetReturnTo(returnTo).SetNillableLinkCustomerID(link).
		SetExpiresAt(s.now().Add(flowTTL)).Exec(ctx)
	if err != nil {
		return "", err
	}
	return s.oauth(p, op).AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)), nil
}

// claims are the ID token's claims we use.
type claims struct {
	Subject       string `json:"sub"`
	Email         string `json:"email"`
	EmailVerified any    `json:"email_verified"` // a bool, or "true" from some providers
	GivenName     string `json:"given_name"`
	FamilyName    string `json:"family_name"`
	Nonce         string `json:"nonce"`
}

func (c claims) verified() bool { return c.EmailVerified == true || c.EmailVerified == "true" }

// callbackError is a refusal shown to the person (and, with a return
// address, sent back to the storefront as social_error=Code).
type callbackError struct{ Code, Message string }

func (e *callbackError) Error() string { return e.Message }

func refuse(code, msg string) error { return &callbackError{code, msg} }

// Callback takes the provider's answer: it checks state, exchanges the
// code with the PKCE verifier, verifies the ID token and its nonce, then
// finds, links or creates the account and redirects to returnTo with a
// one-time code (social_code) for customerAccessTokenCreateWithSocialLogin,
// or social_linked=provider after linking.
func (s *Service) Callback(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	p, ok := s.providers[r.PathValue("provider")]
	state := q.Get("state")
	if !ok || state == "" {
		s.page(w, http.StatusBadRequest, "This sign-in link is not valid. Please start again.")
		return
	}
	// The state is single-use: the callback that clears it owns the flow.
	flow, err := s.DB.SocialLogin.Query().Where(sociallogin.StateHash(auth.HashToken(state)), sociallogin.Provider(p.cfg.Name),
		sociallogin.ExpiresAtGT(s.now())).Only(ctx)
	if err == nil {
		var n int
		n, err = s.DB.SocialLogin.Update().Where(sociallogin.ID(flow.ID), sociallogin.StateHashNotNil()).ClearStateHash().Save(ctx)
		if err == nil && n == 0 {
			err = &ent.NotFoundError{}
		}
	}
	if err != nil {
		if !ent.IsNotFound(err) {
			s.Log.ErrorContext(ctx, "social sign-in state lookup failed", "request_id", auth.ViewerFrom(ctx).RequestID, "err", err)
		}
		s.page(w, http.StatusBadRequest, "This sign-in link is not valid or has expired. Please start again.")
		return
	}
	back := func(key, value string) {
		if key != "social_code" {
			// Nothing to redeem: the flow is over.
			if _, err := s.DB.SocialLogin.Delete().Where(sociallogin.ID(flow.ID)).Exec(ctx); err != nil {
				s.Log.WarnContext(ctx, "social sign-in flow not deleted", "err", err)
			}
		}
		u, _ := url.Parse(flow.ReturnTo)
		v := u.Query()
		v.Set(key, value)
		u.RawQuery = v.Encode()
		http.Redirect(w, r, u.String(), http.StatusFound)
	}
	if e := q.Get("error"); e != "" {
		back("social_error", "provider_refused")
		return
	}
	customerID, err := s.finish(ctx, p, flow, q.Get("code"))
	var ce *callbackError
	switch {
	case errors.As(err, &ce):
		back("social_error", ce.Code)
		return
	case err != nil:
		s.Log.ErrorContext(ctx, "social sign-in failed", "request_id", auth.ViewerFrom(ctx).RequestID, "provider", p.cfg.Name, "err", err)
		back("social_error", "failed")
		return
	}
	if flow.LinkCustomerID != nil {
		back("social_linked", p.cfg.Name)
		return
	}
	code := rand.Text()
	err = s.DB.SocialLogin.Update().Where(sociallogin.ID(flow.ID)).SetCustomerID(customerID).SetCodeHash(auth.HashToken(code)).
		SetNonce("").SetCodeVerifier("").SetExpiresAt(s.now().Add(codeTTL)).Exec(ctx)
	if err != nil {
		s.Log.ErrorContext(ctx, "social sign-in code not stored", "request_id", auth.ViewerFrom(ctx).RequestID, "err", err)
		back("social_error", "failed")
		return
	}
	back("social_code", code)
}

// finish exchanges the code, checks the ID token and resolves the customer.
func (s *Service) finish(ctx context.Context, p *provider, flow *ent.SocialLogin, code string) (int, error) {
	if code == "" {
		return 0, refuse("invalid_request", "The provider sent no code")
	}
	op, verifier, err := s.discover(ctx, p)
	if err != nil {
		return 0, err
	}
	tok, err := s.oauth(p, op).Exchange(s.ctx(ctx), code, oauth2.VerifierOption(flow.CodeVerifier))
	if err != nil {
		return 0, refuse("invalid_grant", "The provider refused the code: "+err.Error())
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return 0, refuse("invalid_token", "The provider sent no ID token")
	}
	idt, err := verifier.Verify(s.ctx(ctx), raw)
	if err != nil {
		return 0, refuse("invalid_token", "The ID token is not valid: "+err.Error())
	}
	var c claims
	if err := idt.Claims(&c); err != nil || c.Subject == "" {
		return 0, refuse("invalid_token", "The ID token has no subject")
	}
	if c.Nonce != flow.Nonce {
		return 0, refuse("invalid_token", "The ID token does not belong to this sign-in")
	}
	var id int
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		var err error
		id, err = s.resolve(ctx, tx, p.cfg.Name, flow, c)
		return err
	})
	return id, err
}

// resolve finds the customer of a verified identity: the one it is linked
// to, the one linking it, the account with the provider's verified email
// (linked now), or a new account.
func (s *Service) resolve(ctx context.Context, tx *ent.Tx, providerName string, flow *ent.SocialLogin, c claims) (int, error) {
	linked, err := tx.LinkedIdentity.Query().Where(linkedidentity.Provider(providerName), linkedidentity.Subject(c.Subject)).Only(ctx)
	switch {
	case err == nil && flow.LinkCustomerID != nil && linked.CustomerID != *flow.LinkCustomerID:
		return 0, refuse("identity_taken", "This identity is linked to another account")
	case err == nil:
		return linked.CustomerID, nil
	case !ent.IsNotFound(err):
		return 0, err
	}
	link := func(id int) (int, error) {
		return id, tx.LinkedIdentity.Create().SetCustomerID(id).SetProvider(providerName).SetSubject(c.Subject).
			SetEmail(customer.EmailKey(c.Email)).Exec(ctx)
	}
	if flow.LinkCustomerID != nil {
		return link(*flow.LinkCustomerID)
	}
	if c.Email == "" || !c.verified() {
		// An unverified address proves nothing: it may not open, or be
		// joined to, the account of whoever owns it.
		return 0, refuse("email_not_verified", "The provider has not verified this email address")
	}
	cust, err := s.Customers.ProveEmail(ctx, tx, c.Email, func(cc *ent.CustomerCreate) error {
		name := func(s string) *string {
			if s = strings.TrimSpace(s); customer.PlainName(s) {
				return &s
			}
			return nil // dropped rather than refused: it is not the customer's typing
		}
		first, last := name(c.GivenName), name(c.FamilyName)
		cc.SetNillableFirstName(first).SetNillableLastName(last).SetSortName(customer.NameKey(first, last))
		return nil
	})
	var fe apperr.FieldErrors
	if errors.As(err, &fe) {
		return 0, refuse(strings.ToLower(fe[0].Code), fe[0].Message)
	}
	if err != nil {
		return 0, err
	}
	return link(cust.ID)
}

// SignIn exchanges a callback's one-time code for an access token.
func (s *Service) SignIn(ctx context.Context, code string) (*customer.Token, error) {
	invalid := apperr.Invalid(apperr.Path("code"), apperr.CodeInvalid, "The sign-in code is not valid or has expired")
	if code == "" || len(code) > 128 {
		return nil, invalid
	}
	flow, err := s.DB.SocialLogin.Query().Where(sociallogin.CodeHash(auth.HashToken(code)), sociallogin.CustomerIDNotNil(),
		sociallogin.ExpiresAtGT(s.now())).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, invalid
	}
	if err != nil {
		return nil, err
	}
	// Single use: whoever deletes the row redeems the code.
	if n, err := s.DB.SocialLogin.Delete().Where(sociallogin.ID(flow.ID)).Exec(ctx); err != nil {
		return nil, err
	} else if n == 0 {
		return nil, invalid
	}
	return s.Customers.SignInByID(ctx, *flow.CustomerID)
}

// Unlink removes one of the signed-in customer's identities.
func (s *Service) Unlink(ctx context.Context, accessToken, identityID string) (*ent.Customer, error) {
	c, err := s.Customers.RequireCustomer(ctx, accessToken)
	if err != nil {
		return nil, err
	}
	notFound := apperr.Invalid(apperr.Path("identityId"), apperr.CodeNotFound, "Linked identity does not exist")
	id, err := gid.Decode(identityID, "LinkedIdentity")
	if err != nil {
		return nil, notFound
	}
	n, err := s.DB.LinkedIdentity.Delete().Where(linkedidentity.ID(id), linkedidentity.CustomerID(c.ID)).Exec(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, notFound
	}
	return c, nil
}

// Prune deletes sign-ins that were never finished or redeemed.
func (s *Service) Prune(ctx context.Context) (int, error) {
	return s.DB.SocialLogin.Delete().Where(sociallogin.ExpiresAtLT(s.now())).Exec(ctx)
}

var pageTmpl = template.Must(template.New("p").Parse(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign-in</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1>Sign-in</h1><p>{{.}}</p></body></html>`))

func (s *Service) page(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = pageTmpl.Execute(w, msg)
}
