package tests

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/oauth2"

	"accountgraph/internal/config"
)

// The storefront registered with the OpenID Connect provider in these tests.
const (
	storefrontClient   = "hydrogen-storefront"
	storefrontRedirect = "https://storefront.test/account/authorize"
	shopIssuer         = "https://shop.test/authentication/accountgraph"
)

func withStorefrontClient(c *config.Config) {
	c.CustomerAccountClientID = storefrontClient
	c.CustomerAccountRedirectURIs = []string{storefrontRedirect}
}

// toServer sends requests for https://shop.test (the servers' PUBLIC_URL,
// so the issuer) to a test server, as a storefront's fetch adapter does
// for Shopify's host; redirects are not followed, so a test sees where the
// provider sends the browser.
func toServer(a *API) *http.Client {
	target, _ := url.Parse(a.URL)
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Transport: rewrite{target}, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

type rewrite struct{ target *url.URL }

func (r rewrite) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host == "shop.test" {
		req = req.Clone(req.Context())
		req.URL.Scheme, req.URL.Host = r.target.Scheme, r.target.Host
	}
	return http.DefaultTransport.RoundTrip(req)
}

var inputRE = regexp.MustCompile(`<input[^>]*name="([a-z_]+)"[^>]*value="([^"]*)"`)

// formValues are the values of a page's form fields, as a browser sends them.
func formValues(page string) url.Values {
	form := url.Values{}
	for _, m := range inputRE.FindAllStringSubmatch(page, -1) {
		form.Set(m[1], html.UnescapeString(m[2]))
	}
	return form
}

// browserSignIn opens an authorization URL as a browser would, fills the
// hosted form with the email and password and returns where the provider
// sends the browser after it.
func browserSignIn(t *testing.T, hc *http.Client, authURL, email, password string) (*url.URL, string) {
	t.Helper()
	res, err := hc.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("authorize: %d %s", res.StatusCode, body)
	}
	form := formValues(string(body))
	form.Set("email", email)
	form.Set("password", password)
	res, err = hc.PostForm(strings.Split(authURL, "?")[0], form)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	loc, _ := res.Location()
	return loc, string(page)
}

// TestCustomerAccountSignIn: a standard OpenID Connect client (go-oidc
// and x/oauth2) discovers the provider, signs a customer in on the hosted
// form with PKCE, verifies the ID token against the JWKS, reads userinfo,
// refreshes (rotation, reuse revokes the sign-in) and logs out; the access
// token is a session of the Storefront API. A second server on the same
// database verifies what the first issued.
func TestCustomerAccountSignIn(t *testing.T) {
	parallel(t)
	eachDatabase(t, "oidc.db", func(t *testing.T, name, dbURL string) {
		api := start(t, name, dbURL, withStorefrontClient)
		email, _, customerID := api.newCustomer(t, "oidc")
		hc := toServer(api)
		ctx := oidc.ClientContext(context.Background(), hc)
		provider, err := oidc.NewProvider(ctx, shopIssuer)
		if err != nil {
			t.Fatalf("discovery: %v", err)
		}
		conf := oauth2.Config{ClientID: storefrontClient, Endpoint: provider.Endpoint(), RedirectURL: storefrontRedirect,
			Scopes: []string{oidc.ScopeOpenID, "email", "customer-account-api:full"}}
		verifier := oauth2.GenerateVerifier()
		authURL := conf.AuthCodeURL("state-123", oauth2.S256ChallengeOption(verifier), oidc.Nonce("nonce-456"))

		// A wrong password stays on the form.
		if loc, page := browserSignIn(t, hc, authURL, email, "not the password"); loc != nil || !strings.Contains(page, "Incorrect email or password") {
			t.Errorf("wrong password: %v %.300s", loc, page)
		}
		loc, page := browserSignIn(t, hc, authURL, email, goodPassword)
		if loc == nil || !strings.HasPrefix(loc.String(), storefrontRedirect+"?") || loc.Query().Get("state") != "state-123" {
			t.Fatalf("sign-in: %v %.500s", loc, page)
		}
		code := loc.Query().Get("code")
		tok, err := conf.Exchange(ctx, code, oauth2.VerifierOption(verifier))
		if err != nil {
			t.Fatalf("exchange: %v", err)
		}
		raw, _ := tok.Extra("id_token").(string)
		idToken, err := provider.Verifier(&oidc.Config{ClientID: storefrontClient}).Verify(ctx, raw)
		if err != nil {
			t.Fatalf("id_token: %v", err)
		}
		var claims struct {
			Email         string `json:"email"`
			EmailVerified *bool  `json:"email_verified"`
			Sid           string `json:"sid"`
			AuthTime      int64  `json:"auth_time"`
		}
		if err := idToken.Claims(&claims); err != nil || idToken.Nonce != "nonce-456" || idToken.Subject != customerID ||
			claims.Email != email || claims.EmailVerified == nil || claims.Sid == "" || claims.AuthTime == 0 {
			t.Errorf("id_token claims: %+v %+v %v", idToken, claims, err)
		}
		// Hydrogen reads the header and payload with atob: plain base64.
		if parts := strings.Split(raw, "."); strings.ContainsAny(parts[0]+parts[1], "-_") {
			t.Errorf("id_token header or payload is not plain base64: %s", raw)
		}
		if _, err := provider.Verifier(&oidc.Config{ClientID: "another-storefront"}).Verify(ctx, raw); err == nil {
			t.Error("an ID token verified for another client's audience")
		}
		if tok.RefreshToken == "" || tok.Expiry.Before(tok.Expiry.Add(-1)) || tok.AccessToken == "" {
			t.Errorf("tokens: %+v", tok)
		}
		info, err := provider.UserInfo(ctx, oauth2.StaticTokenSource(tok))
		if err != nil || info.Email != email || info.Subject != customerID {
			t.Errorf("userinfo: %+v %v", info, err)
		}
		// The access token is a session the Storefront API takes.
		live := func(token string) bool {
			var c *struct{ Email string }
			api.MustDo(t, customerDoc, map[string]any{"token": token}, "customer", &c)
			return c != nil && c.Email == email
		}
		if !live(tok.AccessToken) {
			t.Error("the access token is not a Storefront API session")
		}
		// It is one of the customer's sessions, which they can see and end.
		var sessions struct {
			Sessions struct{ Nodes []struct{ Current bool } }
		}
		api.MustDo(t, sessionsDoc, map[string]any{"t": tok.AccessToken}, "customer", &sessions)
		// The test's own sign-in, the account portal's (started by the hosted
		// page) and the client's.
		if n := sessions.Sessions.Nodes; len(n) != 3 || !n[0].Current {
			t.Errorf("sessions after the OIDC sign-in: %+v", n)
		}

		// The code is single-use: a second exchange fails and revokes
		// what the first issued.
		if _, err := conf.Exchange(ctx, code, oauth2.VerifierOption(verifier)); !isOAuthError(err, "invalid_grant") {
			t.Errorf("code reused: %v", err)
		}
		if live(tok.AccessToken) {
			t.Error("a reused code left its session alive")
		}

		// Refresh: new tokens each time, the old ones end; a refresh token
		// used twice ends the sign-in.
		first := signIn(t, hc, conf, email)
		refreshed := refresh(t, hc, first.RefreshToken)
		if refreshed["refresh_token"] == "" || refreshed["refresh_token"] == first.RefreshToken || refreshed["access_token"] == "" {
			t.Fatalf("refresh: %v", refreshed)
		}
		if live(first.AccessToken) || !live(refreshed["access_token"]) {
			t.Error("after a refresh the old session should end and the new one work")
		}
		if again := refresh(t, hc, first.RefreshToken); again["error"] != "invalid_grant" {
			t.Errorf("refresh token reused: %v", again)
		}
		if live(refreshed["access_token"]) {
			t.Error("a reused refresh token left the sign-in alive")
		}
		if again := refresh(t, hc, refreshed["refresh_token"]); again["error"] != "invalid_grant" {
			t.Errorf("refresh after the family was revoked: %v", again)
		}

		// Logout ends the sign-in and returns only to a registered origin.
		s := signIn(t, hc, conf, email)
		idHint, _ := s.Extra("id_token").(string)
		logout := func(target string) *http.Response {
			t.Helper()
			u := shopIssuer + "/logout?" + url.Values{"id_token_hint": {idHint}, "post_logout_redirect_uri": {target}}.Encode()
			res, err := hc.Get(u)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res
		}
		if res := logout("https://evil.test/"); res.StatusCode != http.StatusOK || res.Header.Get("Location") != "" {
			t.Errorf("logout to an unregistered origin: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		if live(s.AccessToken) {
			t.Error("logout left the session alive")
		}
		s = signIn(t, hc, conf, email)
		idHint, _ = s.Extra("id_token").(string)
		if res := logout("https://storefront.test"); res.StatusCode != http.StatusFound || res.Header.Get("Location") != "https://storefront.test" {
			t.Errorf("logout: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		if r := refresh(t, hc, s.RefreshToken); r["error"] != "invalid_grant" || live(s.AccessToken) {
			t.Errorf("after logout: %v", r)
		}

		// A second server on the same database verifies the first's tokens.
		twin := start(t, name, dbURL, withStorefrontClient)
		twinCtx := oidc.ClientContext(context.Background(), toServer(twin))
		twinProvider, err := oidc.NewProvider(twinCtx, shopIssuer)
		if err != nil {
			t.Fatal(err)
		}
		s = signIn(t, hc, conf, email)
		raw, _ = s.Extra("id_token").(string)
		if _, err := twinProvider.Verifier(&oidc.Config{ClientID: storefrontClient}).Verify(twinCtx, raw); err != nil {
			t.Errorf("the second server does not verify the first's ID token: %v", err)
		}
		if r := refresh(t, toServer(twin), s.RefreshToken); r["access_token"] == "" {
			t.Errorf("refresh on the second server: %v", r)
		}
	})
}

// signIn runs the authorization code flow for the customer.
func signIn(t *testing.T, hc *http.Client, conf oauth2.Config, email string) *oauth2.Token {
	t.Helper()
	verifier := oauth2.GenerateVerifier()
	loc, page := browserSignIn(t, hc, conf.AuthCodeURL("s", oauth2.S256ChallengeOption(verifier)), email, goodPassword)
	if loc == nil {
		t.Fatalf("sign-in: %.300s", page)
	}
	tok, err := conf.Exchange(oidc.ClientContext(context.Background(), hc), loc.Query().Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatalf("exchange: %v", err)
	}
	return tok
}

// refresh posts a refresh grant as Hydrogen does and returns the answer's
// fields.
func refresh(t *testing.T, hc *http.Client, token string) map[string]string {
	t.Helper()
	return tokenRequest(t, hc, url.Values{"grant_type": {"refresh_token"}, "client_id": {storefrontClient}, "refresh_token": {token}})
}

func tokenRequest(t *testing.T, hc *http.Client, form url.Values) map[string]string {
	t.Helper()
	req, _ := http.NewRequest("POST", shopIssuer+"/oauth/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://storefront.test")
	res, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatalf("token answer: %v", err)
	}
	m := map[string]string{"status": fmt.Sprint(res.StatusCode)}
	for k, v := range out {
		m[k] = fmt.Sprint(v)
	}
	return m
}

func isOAuthError(err error, code string) bool {
	re, ok := err.(*oauth2.RetrieveError)
	return ok && re.ErrorCode == code
}

// TestCustomerAccountRefusals: each malformed or hostile request is refused
// with its RFC 6749 / 7636 error and changes nothing.
func TestCustomerAccountRefusals(t *testing.T) {
	parallel(t)
	eachDBWith(t, withStorefrontClient, func(t *testing.T, api *API) {
		email, _, _ := api.newCustomer(t, "refused")
		hc := toServer(api)
		ctx := oidc.ClientContext(context.Background(), hc)
		provider, err := oidc.NewProvider(ctx, shopIssuer)
		if err != nil {
			t.Fatal(err)
		}
		conf := oauth2.Config{ClientID: storefrontClient, Endpoint: provider.Endpoint(), RedirectURL: storefrontRedirect, Scopes: []string{oidc.ScopeOpenID}}
		get := func(q url.Values) *http.Response {
			t.Helper()
			res, err := hc.Get(shopIssuer + "/oauth/authorize?" + q.Encode())
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res
		}
		good := func() url.Values {
			return url.Values{"client_id": {storefrontClient}, "redirect_uri": {storefrontRedirect}, "response_type": {"code"},
				"scope": {"openid email"}, "state": {"st"}, "code_challenge": {oauth2.S256ChallengeFromVerifier(oauth2.GenerateVerifier())},
				"code_challenge_method": {"S256"}}
		}
		// Never redirected to: an unknown client or redirect URI.
		for name, change := range map[string][2]string{
			"unknown client":    {"client_id", "someone-else"},
			"unregistered URI":  {"redirect_uri", "https://evil.test/callback"},
			"URI with a suffix": {"redirect_uri", storefrontRedirect + "/x"},
			"URI with a query":  {"redirect_uri", storefrontRedirect + "?next=https://evil.test"},
		} {
			q := good()
			q.Set(change[0], change[1])
			if res := get(q); res.StatusCode != http.StatusBadRequest || res.Header.Get("Location") != "" {
				t.Errorf("%s: %d %s", name, res.StatusCode, res.Header.Get("Location"))
			}
		}
		// Sent back to the client with an error code.
		for name, c := range map[string]struct{ key, value, code string }{
			"no PKCE":        {"code_challenge", "", "invalid_request"},
			"plain PKCE":     {"code_challenge_method", "plain", "invalid_request"},
			"token response": {"response_type", "token", "unsupported_response_type"},
			"no openid":      {"scope", "email", "invalid_scope"},
		} {
			q := good()
			q.Set(c.key, c.value)
			res := get(q)
			loc, _ := res.Location()
			if res.StatusCode != http.StatusFound || loc == nil || !strings.HasPrefix(loc.String(), storefrontRedirect) ||
				loc.Query().Get("error") != c.code || loc.Query().Get("state") != "st" {
				t.Errorf("%s: %d %v", name, res.StatusCode, loc)
			}
		}
		// A form posted without the browser's sign-in cookie is refused.
		form := good()
		form.Set("email", email)
		form.Set("password", goodPassword)
		form.Set("csrf", strings.Repeat("0", 64))
		res, err := (&http.Client{Transport: hc.Transport, CheckRedirect: hc.CheckRedirect}).PostForm(shopIssuer+"/oauth/authorize", form)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site form: %d %s", res.StatusCode, res.Header.Get("Location"))
		}

		// The token endpoint.
		verifier := oauth2.GenerateVerifier()
		codeFor := func() string {
			t.Helper()
			loc, page := browserSignIn(t, hc, conf.AuthCodeURL("s", oauth2.S256ChallengeOption(verifier)), email, goodPassword)
			if loc == nil {
				t.Fatalf("sign-in: %.300s", page)
			}
			return loc.Query().Get("code")
		}
		exchange := func(change func(url.Values)) map[string]string {
			v := url.Values{"grant_type": {"authorization_code"}, "client_id": {storefrontClient}, "redirect_uri": {storefrontRedirect},
				"code": {codeFor()}, "code_verifier": {verifier}}
			change(v)
			return tokenRequest(t, hc, v)
		}
		for name, c := range map[string]struct {
			change       func(url.Values)
			status, code string
		}{
			"wrong verifier":     {func(v url.Values) { v.Set("code_verifier", oauth2.GenerateVerifier()) }, "400", "invalid_grant"},
			"short verifier":     {func(v url.Values) { v.Set("code_verifier", "abc") }, "400", "invalid_request"},
			"other redirect_uri": {func(v url.Values) { v.Set("redirect_uri", "https://storefront.test/other") }, "400", "invalid_grant"},
			"unknown client":     {func(v url.Values) { v.Set("client_id", "someone-else") }, "401", "invalid_client"},
			"unknown code":       {func(v url.Values) { v.Set("code", "0000") }, "400", "invalid_grant"},
			"password grant":     {func(v url.Values) { v.Set("grant_type", "password") }, "400", "unsupported_grant_type"},
		} {
			if got := exchange(c.change); got["status"] != c.status || got["error"] != c.code || got["access_token"] != "" {
				t.Errorf("%s: %v", name, got)
			}
		}
		if r := refresh(t, hc, "not-a-token"); r["status"] != "400" || r["error"] != "invalid_grant" {
			t.Errorf("unknown refresh token: %v", r)
		}
		// A code that failed its verifier is still single-use only once
		// it is redeemed: the right verifier then works.
		code := codeFor()
		bad := tokenRequest(t, hc, url.Values{"grant_type": {"authorization_code"}, "client_id": {storefrontClient}, "redirect_uri": {storefrontRedirect}, "code": {code}, "code_verifier": {oauth2.GenerateVerifier()}})
		good2 := tokenRequest(t, hc, url.Values{"grant_type": {"authorization_code"}, "client_id": {storefrontClient}, "redirect_uri": {storefrontRedirect}, "code": {code}, "code_verifier": {verifier}})
		if bad["error"] != "invalid_grant" || good2["access_token"] == "" {
			t.Errorf("wrong then right verifier: %v / %v", bad, good2)
		}
		// A refresh token belongs to its client, and expires.
		var other struct{ Client *struct{ ClientID string } }
		api.MustDo(t, `mutation { adminCustomerAccountClientCreate(input: {name: "Other", redirectUris: ["https://other.test/cb"]}) { client { clientId } } }`,
			nil, "adminCustomerAccountClientCreate", &other, AsAdmin(adminKey))
		stolen := url.Values{"grant_type": {"refresh_token"}, "client_id": {other.Client.ClientID}, "refresh_token": {good2["refresh_token"]}}
		if r := tokenRequest(t, hc, stolen); r["error"] != "invalid_grant" {
			t.Errorf("another client's refresh token: %v", r)
		}
		if _, err := api.Server.DB.Client.OAuthRefreshToken.Update().SetExpiresAt(time.Now().Add(-time.Minute)).Save(context.Background()); err != nil {
			t.Fatal(err)
		}
		if r := refresh(t, hc, good2["refresh_token"]); r["error"] != "invalid_grant" {
			t.Errorf("expired refresh token: %v", r)
		}
		// Nothing of this reached the logs in clear.
		for _, secret := range []string{good2["access_token"], good2["refresh_token"], goodPassword} {
			if strings.Contains(api.Logs(), secret) {
				t.Errorf("a secret is in the log")
			}
		}
	})
}

// TestCustomerAccountTwoFactor: an account with two-factor sign-in gets
// the code step on the hosted page; a wrong code keeps it there, the
// authenticator's code finishes the sign-in.
func TestCustomerAccountTwoFactor(t *testing.T) {
	parallel(t)
	eachDBWith(t, withStorefrontClient, func(t *testing.T, api *API) {
		email, token, _ := api.newCustomer(t, "oidc2fa")
		var s twoFactorPayload
		api.MustDo(t, tfSetupDoc, map[string]any{"t": token}, "customerTwoFactorSetup", &s)
		api.MustDo(t, tfEnableDoc, map[string]any{"t": token, "c": totpAt(t, *s.Secret, time.Now())}, "customerTwoFactorEnable", &s)
		if s.Customer == nil || !s.Customer.TwoFactorEnabled {
			t.Fatalf("enable: %+v", s)
		}
		hc := toServer(api)
		conf := oauth2.Config{ClientID: storefrontClient, RedirectURL: storefrontRedirect, Scopes: []string{oidc.ScopeOpenID},
			Endpoint: oauth2.Endpoint{AuthURL: shopIssuer + "/oauth/authorize", TokenURL: shopIssuer + "/oauth/token"}}
		authURL := conf.AuthCodeURL("st", oauth2.S256ChallengeOption(oauth2.GenerateVerifier()))
		loc, page := browserSignIn(t, hc, authURL, email, goodPassword)
		if loc != nil || !strings.Contains(page, `name="code"`) || strings.Contains(page, goodPassword) {
			t.Fatalf("the code step (which must not carry the password): %v %.400s", loc, page)
		}
		step := func(code string) (*url.URL, string) {
			form := formValues(page)
			form.Set("code", code)
			res, err := hc.PostForm(shopIssuer+"/oauth/authorize", form)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			l, _ := res.Location()
			return l, string(b)
		}
		if l, p := step("000000"); l != nil || !strings.Contains(p, `name="code"`) {
			t.Errorf("wrong code: %v %.300s", l, p)
		}
		if l, p := step(totpAt(t, *s.Secret, time.Now().Add(30*time.Second))); l == nil || l.Query().Get("code") == "" {
			t.Errorf("right code: %v %.300s", l, p)
		}
	})
}

// TestCustomerAccountClients: staff register clients through the Admin API;
// a confidential one signs customers in only with its secret; a removed
// one's refresh tokens stop working.
func TestCustomerAccountClients(t *testing.T) {
	parallel(t)
	eachDBWith(t, withStorefrontClient, func(t *testing.T, api *API) {
		const createDoc = `mutation($in: CustomerAccountClientInput!) { adminCustomerAccountClientCreate(input: $in) {
		  client { clientId name confidential redirectUris postLogoutRedirectUris allowedOrigins fromSettings } clientSecret userErrors { code field message } } }`
		var created struct {
			Client *struct {
				ClientID, Name string
				Confidential   bool
				RedirectUris   []string
				FromSettings   bool
			}
			ClientSecret *string
			UserErrors   []UserError
		}
		api.MustDo(t, createDoc, map[string]any{"in": map[string]any{"name": " ", "redirectUris": []string{"http://evil.test/cb", "https://app.test/cb#x"},
			"allowedOrigins": []string{"https://app.test/path"}}}, "adminCustomerAccountClientCreate", &created, AsAdmin(adminKey))
		want := []string{"BLANK@input.name", "INVALID@input.allowedOrigins.0", "INVALID@input.redirectUris.0", "INVALID@input.redirectUris.1"}
		if got := codes(created.UserErrors); !cmp.Equal(want, got) || created.Client != nil {
			t.Errorf("bad client: %v, want %v", got, want)
		}
		api.MustDo(t, createDoc, map[string]any{"in": map[string]any{"name": "Mobile app backend", "confidential": true,
			"redirectUris": []string{"https://app.test/cb"}, "allowedOrigins": []string{"https://app.test"}}}, "adminCustomerAccountClientCreate", &created, AsAdmin(adminKey))
		if created.Client == nil || !created.Client.Confidential || created.ClientSecret == nil || !strings.HasPrefix(created.Client.ClientID, "cac_") {
			t.Fatalf("client: %+v", created)
		}
		var list []struct {
			ClientID     string
			FromSettings bool
		}
		api.MustDo(t, `{ adminCustomerAccountClients { clientId fromSettings } }`, nil, "adminCustomerAccountClients", &list, AsAdmin(adminKey))
		if len(list) != 2 || list[0].ClientID != storefrontClient || !list[0].FromSettings || list[1].ClientID != created.Client.ClientID || list[1].FromSettings {
			t.Errorf("clients: %+v", list)
		}
		if r := api.Do(t, createDoc, map[string]any{"in": map[string]any{"name": "x", "redirectUris": []string{"https://a.test/cb"}}}); len(r.Errors) != 1 || r.Errors[0].Code() != "ACCESS_DENIED" {
			t.Errorf("without a key: %s", r.Raw)
		}

		email, _, _ := api.newCustomer(t, "confidential")
		hc := toServer(api)
		conf := oauth2.Config{ClientID: created.Client.ClientID, ClientSecret: *created.ClientSecret, RedirectURL: "https://app.test/cb",
			Scopes: []string{"openid"}, Endpoint: oauth2.Endpoint{AuthURL: shopIssuer + "/oauth/authorize", TokenURL: shopIssuer + "/oauth/token"}}
		tok := signIn(t, hc, conf, email)
		// Without the secret, or with another, the same client is refused.
		for _, secret := range []string{"", "wrong"} {
			form := url.Values{"grant_type": {"refresh_token"}, "client_id": {conf.ClientID}, "refresh_token": {tok.RefreshToken}}
			if secret != "" {
				form.Set("client_secret", secret)
			}
			if r := tokenRequest(t, hc, form); r["status"] != "401" || r["error"] != "invalid_client" {
				t.Errorf("secret %q: %v", secret, r)
			}
		}
		fresh, err := conf.TokenSource(oidc.ClientContext(context.Background(), hc), &oauth2.Token{RefreshToken: tok.RefreshToken}).Token()
		if err != nil || fresh.AccessToken == "" {
			t.Fatalf("refresh with the secret: %v", err)
		}

		var del struct {
			DeletedClientID *string
			UserErrors      []UserError
		}
		api.MustDo(t, `mutation($id: String!) { adminCustomerAccountClientDelete(clientId: $id) { deletedClientId userErrors { code field message } } }`,
			map[string]any{"id": created.Client.ClientID}, "adminCustomerAccountClientDelete", &del, AsAdmin(adminKey))
		if del.DeletedClientID == nil || len(del.UserErrors) > 0 {
			t.Errorf("delete: %+v", del)
		}
		api.MustDo(t, `mutation($id: String!) { adminCustomerAccountClientDelete(clientId: $id) { deletedClientId userErrors { code field message } } }`,
			map[string]any{"id": storefrontClient}, "adminCustomerAccountClientDelete", &del, AsAdmin(adminKey))
		if !cmp.Equal(codes(del.UserErrors), []string{"NOT_FOUND@clientId"}) {
			t.Errorf("deleting the settings' client: %+v", del)
		}
		form := url.Values{"grant_type": {"refresh_token"}, "client_id": {conf.ClientID}, "client_secret": {conf.ClientSecret}, "refresh_token": {fresh.RefreshToken}}
		if r := tokenRequest(t, hc, form); r["error"] != "invalid_client" {
			t.Errorf("refresh for a removed client: %v", r)
		}
	})
}

// TestHostedSignInInBrowser: a customer signs in on the hosted page in
// Chromium (no JavaScript needed), which passes an accessibility audit; the
// browser lands on the client's redirect URI with a code that redeems.
func TestHostedSignInInBrowser(t *testing.T) {
	parallel(t)
	needChromium(t)
	eachDatabase(t, "hosted.db", func(t *testing.T, name, dbURL string) {
		api := startPortalServer(t, name, dbURL)
		email, _, _ := api.newCustomer(t, "browser")
		// A client whose redirect URI is on the test server, so the browser
		// can land there.
		var created struct{ Client *struct{ ClientID string } }
		api.MustDo(t, `mutation($in: CustomerAccountClientInput!) { adminCustomerAccountClientCreate(input: $in) { client { clientId } } }`,
			map[string]any{"in": map[string]any{"name": "Browser test", "redirectUris": []string{api.URL + "/healthz"}}},
			"adminCustomerAccountClientCreate", &created, AsAdmin(adminKey))
		conf := oauth2.Config{ClientID: created.Client.ClientID, RedirectURL: api.URL + "/healthz", Scopes: []string{"openid", "email"},
			Endpoint: oauth2.Endpoint{AuthURL: api.URL + "/authentication/accountgraph/oauth/authorize", TokenURL: api.URL + "/authentication/accountgraph/oauth/token"}}
		verifier := oauth2.GenerateVerifier()
		authURL := conf.AuthCodeURL("browser-state", oauth2.S256ChallengeOption(verifier))

		b := newBrowser(t, api.URL, artifactsDir("hosted-sign-in", name), 1024, 800)
		b.open(strings.TrimPrefix(authURL, api.URL))
		b.waitFor("Sign in")
		b.audit("hosted sign-in")
		b.shot("01-hosted-sign-in")
		b.fill("Email", email)
		b.fill("Password", "not the password")
		b.click("Sign in")
		afterPost(b, `document.body.innerText.includes("Incorrect email or password")`)
		b.shot("02-wrong-password")
		b.fill("Password", goodPassword)
		b.click("Sign in")
		landed := afterPost(b, `location.href.startsWith(`+strconv.Quote(api.URL+"/healthz?")+`) && location.href`)
		u, err := url.Parse(landed)
		if err != nil || u.Query().Get("state") != "browser-state" || u.Query().Get("code") == "" {
			t.Fatalf("landed on %q", landed)
		}
		tok, err := conf.Exchange(context.Background(), u.Query().Get("code"), oauth2.VerifierOption(verifier))
		if err != nil || tok.AccessToken == "" {
			t.Fatalf("exchange the browser's code: %v", err)
		}
		// The same sign-in opened the account portal in this browser...
		b.open("/account/")
		b.waitFor("Manage addresses") // the overview, which only a signed-in customer sees
		b.shot("03-portal-signed-in")
		portalToken := b.token()
		if portalToken == "" || portalToken == tok.AccessToken {
			t.Fatalf("the portal's session: %q", portalToken)
		}
		// ...and logging out at the provider ends both.
		idHint, _ := tok.Extra("id_token").(string)
		res, err := http.Get(api.URL + "/authentication/accountgraph/logout?" + url.Values{"id_token_hint": {idHint}}.Encode())
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		for _, token := range []string{portalToken, tok.AccessToken} {
			var c *struct{ Email string }
			api.MustDo(t, customerDoc, map[string]any{"token": token}, "customer", &c)
			if c != nil {
				t.Error("a session of the sign-in outlived the provider's logout")
			}
		}
	})
}

// afterPost waits, across the navigation a form's POST starts, until expr
// is truthy in the page, and returns its value as text.
func afterPost(b *browser, expr string) string {
	b.t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		var v any
		// Evaluating while the page navigates fails; the next try sees the
		// new document.
		if err := chromedp.Run(b.ctx, chromedp.Evaluate(expr, &v)); err == nil && v != nil && v != false {
			return fmt.Sprint(v)
		}
	}
	b.t.Fatalf("after the form was sent, %s never held", expr)
	return ""
}

// TestHostedSignInWithEmailCode: on the hosted page a shopper without a
// password asks for a code by email and signs in with it (a new address
// gets its account, as with customerAccessTokenCreateWithCode); the page
// answers the same for any address.
func TestHostedSignInWithEmailCode(t *testing.T) {
	parallel(t)
	eachDBWith(t, withStorefrontClient, func(t *testing.T, api *API) {
		known, _, _ := api.newCustomer(t, "hosted-code")
		hc := toServer(api)
		conf := oauth2.Config{ClientID: storefrontClient, RedirectURL: storefrontRedirect, Scopes: []string{"openid", "email"},
			Endpoint: oauth2.Endpoint{AuthURL: shopIssuer + "/oauth/authorize", TokenURL: shopIssuer + "/oauth/token"}}
		post := func(form url.Values) (*url.URL, string) {
			t.Helper()
			res, err := hc.PostForm(shopIssuer+"/oauth/authorize", form)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			l, _ := res.Location()
			return l, string(b)
		}
		var pages []string
		for _, email := range []string{known, uniqueEmail("hosted-newcomer")} {
			verifier := oauth2.GenerateVerifier()
			res, err := hc.Get(conf.AuthCodeURL("st", oauth2.S256ChallengeOption(verifier)))
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			form := formValues(string(body))
			form.Set("email", email)
			form.Set("method", "email-code")
			loc, page := post(form)
			if loc != nil || !strings.Contains(page, "6-digit code") {
				t.Fatalf("asking for a code: %v %.300s", loc, page)
			}
			// The same page but for the address and the request's own values.
			pages = append(pages, regexp.MustCompile(`value="[^"]*"`).ReplaceAllString(strings.ReplaceAll(page, email, "EMAIL"), ""))
			step := formValues(page)
			step.Set("code", wrongCode(api.lastCode(t, email), 1))
			if loc, page := post(step); loc != nil || !strings.Contains(page, `name="code"`) {
				t.Errorf("a wrong code: %v %.300s", loc, page)
			}
			step.Set("code", api.lastCode(t, email))
			loc, page = post(step)
			if loc == nil || loc.Query().Get("code") == "" {
				t.Fatalf("the right code: %v %.300s", loc, page)
			}
			tok, err := conf.Exchange(oidc.ClientContext(context.Background(), hc), loc.Query().Get("code"), oauth2.VerifierOption(verifier))
			if err != nil {
				t.Fatalf("exchange: %v", err)
			}
			var c *struct{ Email string }
			api.MustDo(t, customerDoc, map[string]any{"token": tok.AccessToken}, "customer", &c)
			if c == nil || c.Email != email {
				t.Errorf("signed in as %+v, want %s", c, email)
			}
		}
		if pages[0] != pages[1] {
			t.Error("the code page differs between an account and a new address")
		}
	})
}

// TestHostedSignInLanguage: the hosted page speaks the authorization
// request's `locale` (Hydrogen's), else OpenID Connect's `ui_locales`, else
// the browser's Accept-Language; its messages after a post too; English
// for a language it does not have.
func TestHostedSignInLanguage(t *testing.T) {
	parallel(t)
	eachDBWith(t, withStorefrontClient, func(t *testing.T, api *API) {
		email, _, _ := api.newCustomer(t, "oidc-lang")
		hc := toServer(api)
		conf := oauth2.Config{ClientID: storefrontClient, RedirectURL: storefrontRedirect, Scopes: []string{"openid", "email"},
			Endpoint: oauth2.Endpoint{AuthURL: shopIssuer + "/oauth/authorize", TokenURL: shopIssuer + "/oauth/token"}}
		challenge := oauth2.S256ChallengeOption(oauth2.GenerateVerifier())
		get := func(accept string, opts ...oauth2.AuthCodeOption) string {
			req, _ := http.NewRequest(http.MethodGet, conf.AuthCodeURL("s", append(opts, challenge)...), nil)
			if accept != "" {
				req.Header.Set("Accept-Language", accept)
			}
			res, err := hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			return string(body)
		}
		for _, c := range []struct {
			accept string
			opts   []oauth2.AuthCodeOption
			lang   string
			texts  []string
		}{
			{"", []oauth2.AuthCodeOption{oauth2.SetAuthURLParam("locale", "fr")}, "fr", []string{"<title>Se connecter</title>", "Mot de passe", "Mot de passe oublié ?"}},
			{"de-DE,de;q=0.9", nil, "de", []string{"Anmelden", "Passwort vergessen?"}},
			{"de", []oauth2.AuthCodeOption{oauth2.SetAuthURLParam("ui_locales", "nl-BE en")}, "nl", []string{"Inloggen", "Wachtwoord"}},
			{"", []oauth2.AuthCodeOption{oauth2.SetAuthURLParam("locale", "pt-BR")}, "pt", []string{"Entrar", "Senha"}},
			{"", []oauth2.AuthCodeOption{oauth2.SetAuthURLParam("locale", "xx-<b>")}, "en", []string{"<title>Sign in</title>", "Forgot your password?"}},
		} {
			page := get(c.accept, c.opts...)
			if !strings.Contains(page, `<html lang="`+c.lang+`">`) {
				t.Errorf("%q %v: not in %s: %.200s", c.accept, c.opts, c.lang, page)
			}
			for _, text := range c.texts {
				if !strings.Contains(page, text) {
					t.Errorf("%q %v: no %q in the page", c.accept, c.opts, text)
				}
			}
		}
		// A wrong password, in Spanish: the form kept the locale.
		_, page := browserSignIn(t, hc, conf.AuthCodeURL("s", challenge, oauth2.SetAuthURLParam("locale", "es")), email, "wrong password")
		if !strings.Contains(page, "Correo electrónico o contraseña incorrectos.") || !strings.Contains(page, `<html lang="es">`) {
			t.Errorf("a wrong password in Spanish: %.600s", page)
		}
	})
}
