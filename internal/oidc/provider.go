// Package oidc is the shop's OpenID Connect provider for customers
// (authorization code with PKCE, refresh-token rotation, logout), the
// sign-in of Shopify's Customer Account API and of any standard OIDC
// client. Its access tokens are customer access tokens: they are the
// customer's sessions, and the Storefront API takes them too.
//
// It is written on go-jose (JWS and JWK, the standards-tested part) with
// thin handlers of its own rather than on a provider framework: sign-in,
// sessions, throttling and secrets already have their rules in
// internal/customer and the database, which a framework's storage and
// login model would duplicate.
package oidc

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"log/slog"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"accountgraph/ent"
	"accountgraph/ent/customeraccesstoken"
	"accountgraph/ent/oauthcode"
	"accountgraph/ent/oauthrefreshtoken"
	"accountgraph/internal/auth"
	"accountgraph/internal/customer"
	"accountgraph/internal/db"
	"accountgraph/internal/gid"
)

// Lifetimes.
const (
	CodeTTL    = time.Minute
	IDTokenTTL = time.Hour
	RefreshTTL = 90 * 24 * time.Hour
)

// Client is a storefront or app registered with the provider, from the
// settings or through the Admin API. PKCE is required of every client; a
// confidential one also authenticates with its secret.
type Client struct {
	ID, Name     string
	Confidential bool
	secretHash   []byte
	RedirectURIs []string
	// PostLogoutURIs are where logout may send the browser: the origins of
	// the redirect URIs (with a trailing slash or without) unless given.
	PostLogoutURIs []string
	// AllowedOrigins may call the token endpoint from a browser (CORS).
	AllowedOrigins []string
	// FromSettings: registered by CUSTOMER_ACCOUNT_CLIENT_ID.
	FromSettings bool
}

// Provider serves the provider's endpoints.
type Provider struct {
	DB        *ent.Client
	Customers *customer.Service
	Keys      *Keys
	// PublicURL is the server's base URL; ShopID the shop's ID in paths.
	PublicURL, ShopID string
	// GraphQLVersion is the Customer Account API version named in
	// /.well-known/customer-account-api.
	GraphQLVersion string
	Clients        []Client
	Log            *slog.Logger
	Now            func() time.Time
	// secret keys the sign-in form's CSRF token (a server secret shared by
	// replicas through the database).
	secret []byte
}

// subject is a customer's sub claim: their global ID.
func (p *Provider) subject(customerID int) string { return gid.Encode("Customer", customerID) }

// Issuer is the provider's issuer URL (iss).
func (p *Provider) Issuer() string {
	return strings.TrimRight(p.PublicURL, "/") + "/authentication/" + p.ShopID
}

// postLogoutAllowed tells whether logout may redirect to u for c.
func (c *Client) postLogoutAllowed(u string) bool {
	if slices.Contains(c.PostLogoutURIs, u) {
		return true
	}
	if len(c.PostLogoutURIs) > 0 {
		return false
	}
	target, err := url.Parse(u)
	if err != nil || target.User != nil || target.Path != "" && target.Path != "/" || target.RawQuery != "" || target.Fragment != "" {
		return false
	}
	for _, r := range c.RedirectURIs {
		ru, err := url.Parse(r)
		if err == nil && ru.Scheme == target.Scheme && ru.Host == target.Host {
			return true
		}
	}
	return false
}

// A grantError is an OAuth error answer (RFC 6749 section 5.2).
type grantError struct {
	status      int
	code, about string
}

func (e *grantError) Error() string { return e.code + ": " + e.about }

func invalidGrant(about string) error   { return &grantError{400, "invalid_grant", about} }
func invalidRequest(about string) error { return &grantError{400, "invalid_request", about} }

var challengeRE = regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)
var verifierRE = regexp.MustCompile(`^[A-Za-z0-9._~-]{43,128}$`)

// authRequest is an authorization request's parameters.
type authRequest struct {
	ClientID, RedirectURI, Scope, State, Nonce, Challenge string
	Locale, LoginHint                                     string
}

func readAuthRequest(q url.Values) authRequest {
	// Hydrogen sends `locale`; OpenID Connect's own is `ui_locales`, the
	// shopper's languages in order.
	locale := q.Get("locale")
	if locale == "" {
		locale, _, _ = strings.Cut(q.Get("ui_locales"), " ")
	}
	if len(locale) > 35 {
		locale = ""
	}
	return authRequest{ClientID: q.Get("client_id"), RedirectURI: q.Get("redirect_uri"), Scope: q.Get("scope"),
		State: q.Get("state"), Nonce: q.Get("nonce"), Challenge: q.Get("code_challenge"),
		Locale: locale, LoginHint: q.Get("login_hint")}
}

// check validates an authorization request. An unknown client or redirect
// URI is shown to the user (never redirected to); other errors go back to
// the client's redirect URI.
func (p *Provider) check(ctx context.Context, r authRequest, q url.Values) (toUser string, toClient error, err error) {
	c, err := p.client(ctx, r.ClientID)
	if err != nil {
		return "", nil, err
	}
	if c == nil {
		return "This sign-in link names an unknown application.", nil, nil
	}
	if !slices.Contains(c.RedirectURIs, r.RedirectURI) {
		return "This sign-in link returns to an address the application did not register.", nil, nil
	}
	switch {
	case q.Get("response_type") != "code":
		return "", &grantError{400, "unsupported_response_type", "response_type must be code"}, nil
	case !slices.Contains(strings.Fields(r.Scope), "openid"):
		return "", &grantError{400, "invalid_scope", "scope must include openid"}, nil
	case q.Get("code_challenge_method") != "S256" || !challengeRE.MatchString(r.Challenge):
		return "", invalidRequest("PKCE is required: code_challenge (S256 of the verifier) with code_challenge_method=S256"), nil
	case len(r.State) > 1024 || len(r.Nonce) > 512:
		return "", invalidRequest("state or nonce is too long"), nil
	}
	return "", nil, nil
}

// PortalClient names, in a sign-in's records, the session the account
// portal gets with it (see newCode).
const PortalClient = "account-portal"

// newCode stores a single-use code for a signed-in customer. The same
// sign-in also starts a session of the account portal (served on this
// origin), recorded in the sign-in's family so that logout ends it too; it
// is returned for the portal to pick up.
func (p *Provider) newCode(ctx context.Context, r authRequest, c *ent.Customer) (code string, portal *customer.Token, err error) {
	plain, hash := auth.NewToken()
	family, _ := auth.NewToken()
	family = family[:32]
	now := p.Now()
	err = db.WithTx(ctx, p.DB, func(tx *ent.Tx) error {
		if err := tx.OAuthCode.Create().SetCodeHash(hash).SetCustomerID(c.ID).SetClientID(r.ClientID).
			SetRedirectURI(r.RedirectURI).SetCodeChallenge(r.Challenge).SetNonce(r.Nonce).SetScope(r.Scope).
			SetAuthTime(now).SetExpiresAt(now.Add(CodeTTL)).SetFamily(family).Exec(ctx); err != nil {
			return err
		}
		if portal, err = p.Customers.IssueToken(ctx, tx, c); err != nil {
			return err
		}
		// A spent refresh token nobody holds: it only ties the portal's
		// session to the sign-in, for revokeFamily.
		_, unusable := auth.NewToken()
		return tx.OAuthRefreshToken.Create().SetTokenHash(unusable).SetFamily(family).SetCustomerID(c.ID).
			SetClientID(PortalClient).SetAuthTime(now).SetAccessTokenID(portal.ID).SetExpiresAt(portal.ExpiresAt).
			SetUsedAt(now).Exec(ctx)
	})
	return plain, portal, err
}

// tokens is a token endpoint answer.
type tokens struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	IDToken      string `json:"id_token,omitempty"`
	RefreshToken string `json:"refresh_token"`
	Scope        string `json:"scope,omitempty"`
	claims       map[string]any
}

// exchange redeems an authorization code (with its PKCE verifier). A code
// presented twice revokes what its first use issued.
func (p *Provider) exchange(ctx context.Context, client *Client, form url.Values) (*tokens, error) {
	clientID, redirect, verifier := client.ID, form.Get("redirect_uri"), form.Get("code_verifier")
	if !verifierRE.MatchString(verifier) {
		return nil, invalidRequest("code_verifier must be 43 to 128 characters of [A-Za-z0-9._~-]")
	}
	code, err := p.DB.OAuthCode.Query().Where(oauthcode.CodeHash(auth.HashToken(form.Get("code")))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, invalidGrant("unknown code")
	}
	if err != nil {
		return nil, err
	}
	if code.ClientID != clientID || code.RedirectURI != redirect {
		return nil, invalidGrant("the code was issued to another client or redirect_uri")
	}
	if p.Now().After(code.ExpiresAt) {
		return nil, invalidGrant("the code has expired")
	}
	sum := sha256.Sum256([]byte(verifier))
	if subtle.ConstantTimeCompare([]byte(base64.RawURLEncoding.EncodeToString(sum[:])), []byte(code.CodeChallenge)) != 1 {
		return nil, invalidGrant("code_verifier does not match the code_challenge")
	}
	return p.once(ctx, code.Family, "the code was already used; what it issued is revoked", func(tx *ent.Tx) (int, error) {
		return tx.OAuthCode.Update().Where(oauthcode.ID(code.ID), oauthcode.UsedAtIsNil()).SetUsedAt(p.Now()).Save(ctx)
	}, func(tx *ent.Tx) (*tokens, error) {
		return p.issue(ctx, tx, code.CustomerID, clientID, code.Scope, code.Family, code.Nonce, code.AuthTime)
	})
}

// once spends a single-use grant (use marks it used, answering 0 when it
// already was) and issues tokens in one transaction, then signs the ID
// token. A grant spent twice revokes its sign-in (family).
func (p *Provider) once(ctx context.Context, family, reused string, use func(*ent.Tx) (int, error), issue func(*ent.Tx) (*tokens, error)) (*tokens, error) {
	var out *tokens
	err := db.WithTx(ctx, p.DB, func(tx *ent.Tx) error {
		n, err := use(tx)
		if err != nil {
			return err
		}
		if n == 0 {
			return errReused
		}
		out, err = issue(tx)
		return err
	})
	if errors.Is(err, errReused) {
		if err := p.revokeFamily(ctx, family); err != nil {
			return nil, err
		}
		return nil, invalidGrant(reused)
	}
	return p.signed(ctx, out, err)
}

var errReused = errors.New("reused")

// refresh rotates a refresh token: the old one and its access token end,
// new ones start. A refresh token presented twice revokes its family.
func (p *Provider) refresh(ctx context.Context, client *Client, form url.Values) (*tokens, error) {
	clientID := client.ID
	rt, err := p.DB.OAuthRefreshToken.Query().Where(oauthrefreshtoken.TokenHash(auth.HashToken(form.Get("refresh_token")))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, invalidGrant("unknown or revoked refresh token")
	}
	if err != nil {
		return nil, err
	}
	if rt.ClientID != clientID {
		return nil, invalidGrant("the refresh token was issued to another client")
	}
	if p.Now().After(rt.ExpiresAt) {
		return nil, invalidGrant("the refresh token has expired")
	}
	return p.once(ctx, rt.Family, "the refresh token was already used; the sign-in is revoked", func(tx *ent.Tx) (int, error) {
		return tx.OAuthRefreshToken.Update().Where(oauthrefreshtoken.ID(rt.ID), oauthrefreshtoken.UsedAtIsNil()).SetUsedAt(p.Now()).Save(ctx)
	}, func(tx *ent.Tx) (*tokens, error) {
		// The session this refresh token renewed ends.
		if _, err := tx.CustomerAccessToken.Delete().Where(customeraccesstoken.ID(rt.AccessTokenID)).Exec(ctx); err != nil {
			return nil, err
		}
		return p.issue(ctx, tx, rt.CustomerID, clientID, rt.Scope, rt.Family, "", rt.AuthTime)
	})
}

// issue starts a session (a customer access token), a refresh token and
// an ID token for one sign-in (family), in tx.
func (p *Provider) issue(ctx context.Context, tx *ent.Tx, customerID int, clientID, scope, family, nonce string, authTime time.Time) (*tokens, error) {
	c, err := tx.Customer.Get(ctx, customerID)
	if ent.IsNotFound(err) {
		return nil, invalidGrant("the account no longer exists")
	}
	if err != nil {
		return nil, err
	}
	session, err := p.Customers.IssueToken(ctx, tx, c)
	if err != nil {
		return nil, err
	}
	plain, hash := auth.NewToken()
	now := p.Now()
	err = tx.OAuthRefreshToken.Create().SetTokenHash(hash).SetFamily(family).SetCustomerID(c.ID).SetClientID(clientID).
		SetScope(scope).SetAuthTime(authTime).SetAccessTokenID(session.ID).SetExpiresAt(now.Add(RefreshTTL)).Exec(ctx)
	if err != nil {
		return nil, err
	}
	claims := map[string]any{
		"iss": p.Issuer(), "sub": p.subject(c.ID), "aud": clientID,
		"iat": now.Unix(), "exp": now.Add(IDTokenTTL).Unix(), "auth_time": authTime.Unix(), "sid": family,
		"email": c.Email, "email_verified": c.EmailVerified,
	}
	if nonce != "" {
		claims["nonce"] = nonce
	}
	return &tokens{AccessToken: session.AccessToken, TokenType: "Bearer", ExpiresIn: int(session.ExpiresAt.Sub(now).Seconds()),
		RefreshToken: plain, Scope: scope, claims: claims}, nil
}

// signed adds the ID token to tokens issued in a transaction that has
// committed (signing may store a new key, on another connection).
func (p *Provider) signed(ctx context.Context, t *tokens, err error) (*tokens, error) {
	if err != nil {
		return nil, err
	}
	if t.IDToken, err = p.Keys.Sign(ctx, t.claims); err != nil {
		return nil, err
	}
	return t, nil
}

// revokeFamily ends a sign-in: its refresh tokens and their sessions.
func (p *Provider) revokeFamily(ctx context.Context, family string) error {
	return db.WithTx(ctx, p.DB, func(tx *ent.Tx) error {
		sessions, err := tx.OAuthRefreshToken.Query().Where(oauthrefreshtoken.Family(family)).
			Select(oauthrefreshtoken.FieldAccessTokenID).Ints(ctx)
		if err != nil {
			return err
		}
		if _, err := tx.CustomerAccessToken.Delete().Where(customeraccesstoken.IDIn(sessions...)).Exec(ctx); err != nil {
			return err
		}
		_, err = tx.OAuthRefreshToken.Delete().Where(oauthrefreshtoken.Family(family)).Exec(ctx)
		return err
	})
}

// Prune deletes expired codes and refresh tokens.
func (p *Provider) Prune(ctx context.Context) (int, error) {
	now := p.Now()
	n, err := p.DB.OAuthCode.Delete().Where(oauthcode.ExpiresAtLT(now.Add(-time.Hour))).Exec(ctx)
	if err != nil {
		return n, err
	}
	m, err := p.DB.OAuthRefreshToken.Delete().Where(oauthrefreshtoken.ExpiresAtLT(now)).Exec(ctx)
	return n + m, err
}
