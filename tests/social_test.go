package tests

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"accountgraph/internal/config"
)

// localIdP is an OpenID Connect provider started by the test: discovery,
// JWKS, an authorize endpoint that consents at once for the current user,
// and a token endpoint that checks the client secret, the redirect URI and
// the PKCE verifier, and signs ID tokens (RS256) with its own key.
type localIdP struct {
	*httptest.Server
	key *rsa.PrivateKey

	mu    sync.Mutex
	user  map[string]any // the next sign-in's claims
	nonce string         // when set, replaces the nonce of the next ID token
	codes map[string]idpGrant
}

type idpGrant struct {
	clientID, redirect, challenge, nonce string
	claims                               map[string]any
}

const idpClient, idpSecret = "shop-client", "shop-secret"

func newLocalIdP(t *testing.T) *localIdP {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p := &localIdP{key: key, codes: map[string]idpGrant{}}
	mux := http.NewServeMux()
	p.Server = httptest.NewServer(mux)
	t.Cleanup(p.Close)
	b64 := base64.RawURLEncoding.EncodeToString
	writeJSON := func(w http.ResponseWriter, status int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(v)
	}
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, 200, map[string]any{
			"issuer": p.URL, "authorization_endpoint": p.URL + "/authorize", "token_endpoint": p.URL + "/token",
			"jwks_uri": p.URL + "/jwks", "response_types_supported": []string{"code"}, "subject_types_supported": []string{"public"},
			"id_token_signing_alg_values_supported": []string{"RS256"}, "code_challenge_methods_supported": []string{"S256"},
		})
	})
	mux.HandleFunc("GET /jwks", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, 200, map[string]any{"keys": []any{map[string]any{
			"kty": "RSA", "kid": "k1", "use": "sig", "alg": "RS256",
			"n": b64(key.N.Bytes()), "e": b64(big.NewInt(int64(key.E)).Bytes()),
		}}})
	})
	mux.HandleFunc("GET /authorize", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("response_type") != "code" || q.Get("client_id") != idpClient || q.Get("code_challenge_method") != "S256" ||
			q.Get("code_challenge") == "" || q.Get("nonce") == "" || !strings.Contains(q.Get("scope"), "openid") {
			http.Error(w, "bad authorization request", 400)
			return
		}
		code := rand.Text()
		p.mu.Lock()
		p.codes[code] = idpGrant{clientID: q.Get("client_id"), redirect: q.Get("redirect_uri"), challenge: q.Get("code_challenge"),
			nonce: q.Get("nonce"), claims: p.user}
		p.mu.Unlock()
		http.Redirect(w, r, q.Get("redirect_uri")+"?code="+code+"&state="+url.QueryEscape(q.Get("state")), http.StatusFound)
	})
	mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		id, secret, ok := r.BasicAuth()
		if !ok {
			id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
		}
		p.mu.Lock()
		g, found := p.codes[r.PostForm.Get("code")]
		delete(p.codes, r.PostForm.Get("code"))
		nonce := g.nonce
		if p.nonce != "" {
			nonce = p.nonce
		}
		p.mu.Unlock()
		sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
		switch {
		case id != idpClient || secret != idpSecret:
			writeJSON(w, 401, map[string]string{"error": "invalid_client"})
			return
		case !found || g.redirect != r.PostForm.Get("redirect_uri") || b64(sum[:]) != g.challenge:
			writeJSON(w, 400, map[string]string{"error": "invalid_grant"})
			return
		}
		claims := map[string]any{"iss": p.URL, "aud": idpClient, "iat": time.Now().Unix(), "exp": time.Now().Add(5 * time.Minute).Unix(), "nonce": nonce}
		for k, v := range g.claims {
			claims[k] = v
		}
		header, _ := json.Marshal(map[string]string{"alg": "RS256", "kid": "k1", "typ": "JWT"})
		payload, _ := json.Marshal(claims)
		signing := b64(header) + "." + b64(payload)
		digest := sha256.Sum256([]byte(signing))
		sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, digest[:])
		if err != nil {
			writeJSON(w, 500, map[string]string{"error": err.Error()})
			return
		}
		writeJSON(w, 200, map[string]any{"access_token": rand.Text(), "token_type": "Bearer", "expires_in": 300, "id_token": signing + "." + b64(sig)})
	})
	return p
}

func (p *localIdP) as(claims map[string]any) {
	p.mu.Lock()
	p.user, p.nonce = claims, ""
	p.mu.Unlock()
}

const (
	socialStartDoc = `mutation($p: String!, $r: URL!, $t: String) { customerSocialLoginStart(provider: $p, returnTo: $r, customerAccessToken: $t) {
  authorizationUrl customerUserErrors { code field message } } }`
	socialSignInDoc = `mutation($c: String!) { customerAccessTokenCreateWithSocialLogin(code: $c) {
  customerAccessToken { accessToken } customerUserErrors { code field message } } }`
)

// TestSocialLogin runs the OpenID Connect flow end to end against a local
// provider: a new account, the same identity again, linking to an account
// by a verified email, refusing an unverified one, a forged state, a wrong
// nonce, a replayed code, explicit linking and unlinking.
func TestSocialLogin(t *testing.T) {
	parallel(t)
	idp := newLocalIdP(t)
	eachDBWith(t, func(c *config.Config) {
		c.OIDCProviders = []config.OIDCProvider{{Name: "local", Issuer: idp.URL, ClientID: idpClient, ClientSecret: idpSecret}}
	}, func(t *testing.T, api *API) {
		noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		get := func(u string) *http.Response {
			t.Helper()
			res, err := noFollow.Get(u)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res
		}
		// flow runs start → provider → our callback and returns the
		// callback's answer; tamper may change the callback URL.
		flow := func(token *string, tamper func(url.Values)) *http.Response {
			t.Helper()
			var p struct {
				AuthorizationURL   *string
				CustomerUserErrors []UserError
			}
			api.MustDo(t, socialStartDoc, map[string]any{"p": "local", "r": "https://shop.test/account?tab=profile", "t": token}, "customerSocialLoginStart", &p)
			if p.AuthorizationURL == nil {
				t.Fatalf("start: %+v", p.CustomerUserErrors)
			}
			res := get(*p.AuthorizationURL)
			cb, err := url.Parse(res.Header.Get("Location"))
			if res.StatusCode != http.StatusFound || err != nil || cb.Path != "/auth/oidc/local/callback" || cb.Host != "shop.test" {
				t.Fatalf("provider answered %d %s", res.StatusCode, res.Header.Get("Location"))
			}
			q := cb.Query()
			if tamper != nil {
				tamper(q)
			}
			return get(api.URL + cb.Path + "?" + q.Encode())
		}
		back := func(res *http.Response) url.Values {
			t.Helper()
			u, err := url.Parse(res.Header.Get("Location"))
			if res.StatusCode != http.StatusFound || err != nil || u.Host != "shop.test" || u.Query().Get("tab") != "profile" {
				t.Fatalf("callback answered %d %q", res.StatusCode, res.Header.Get("Location"))
			}
			return u.Query()
		}
		signIn := func(code string) (string, []string) {
			t.Helper()
			var p struct {
				CustomerAccessToken *Token
				CustomerUserErrors  []UserError
			}
			api.MustDo(t, socialSignInDoc, map[string]any{"c": code}, "customerAccessTokenCreateWithSocialLogin", &p)
			if p.CustomerAccessToken == nil {
				return "", codes(p.CustomerUserErrors)
			}
			return p.CustomerAccessToken.AccessToken, nil
		}
		me := func(token string) string {
			t.Helper()
			return api.Read(t, `query($t: String!) { customer(customerAccessToken: $t) { email firstName emailVerified linkedIdentities { provider email } socialLoginProvider { handle } } }`,
				map[string]any{"t": token}, "customer")
		}

		// A new customer from a verified identity.
		email := uniqueEmail("social")
		idp.as(map[string]any{"sub": "g-1", "email": email, "email_verified": true, "given_name": "Soc", "family_name": "Ial"})
		code := back(flow(nil, nil)).Get("social_code")
		token, errs := signIn(code)
		if token == "" {
			t.Fatalf("sign-in: %v", errs)
		}
		if got, want := me(token), `{"email":"`+email+`","firstName":"Soc","emailVerified":true,"linkedIdentities":[{"provider":"local","email":"`+email+`"}],"socialLoginProvider":{"handle":"local"}}`; got != want {
			t.Errorf("customer = %s\nwant %s", got, want)
		}
		if _, errs := signIn(code); cmp.Diff([]string{"INVALID@code"}, errs) != "" {
			t.Errorf("code used twice: %v", errs)
		}
		// The same identity again (even with another email now) is the same customer.
		idp.as(map[string]any{"sub": "g-1", "email": uniqueEmail("renamed"), "email_verified": true})
		again, _ := signIn(back(flow(nil, nil)).Get("social_code"))
		if me(again) != me(token) {
			t.Errorf("same identity, other customer: %s", me(again))
		}

		// An existing account is joined only through a verified email.
		owner, _, _ := api.newCustomer(t, "owner")
		idp.as(map[string]any{"sub": "g-2", "email": owner, "email_verified": false})
		if q := back(flow(nil, nil)); q.Get("social_error") != "email_not_verified" || q.Has("social_code") {
			t.Errorf("unverified email: %v", q)
		}
		idp.as(map[string]any{"sub": "g-2", "email": strings.ToUpper(owner), "email_verified": "true"})
		ownerToken, _ := signIn(back(flow(nil, nil)).Get("social_code"))
		if !strings.Contains(me(ownerToken), `"email":"`+owner+`"`) {
			t.Errorf("verified email did not join the account: %s", me(ownerToken))
		}

		// A forged or replayed state and a wrong nonce get nothing.
		idp.as(map[string]any{"sub": "g-3", "email": uniqueEmail("forged"), "email_verified": true})
		if res := flow(nil, func(q url.Values) { q.Set("state", "forged-state") }); res.StatusCode != http.StatusBadRequest {
			t.Errorf("forged state: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		var replay url.Values
		first := flow(nil, func(q url.Values) { replay = url.Values{"state": q["state"], "code": q["code"]} })
		back(first)
		if res := get(api.URL + "/auth/oidc/local/callback?" + replay.Encode()); res.StatusCode != http.StatusBadRequest {
			t.Errorf("replayed state: %d", res.StatusCode)
		}
		idp.as(map[string]any{"sub": "g-4", "email": uniqueEmail("nonce"), "email_verified": true})
		idp.mu.Lock()
		idp.nonce = "someone-elses-nonce"
		idp.mu.Unlock()
		if q := back(flow(nil, nil)); q.Get("social_error") != "invalid_token" {
			t.Errorf("wrong nonce: %v", q)
		}
		if ids := api.customerIDs(t, "email:"+idp.user["email"].(string)); len(ids) != 0 {
			t.Errorf("a wrong nonce made an account")
		}
		// The code is bound to the PKCE verifier: a code stolen from the
		// callback is useless to another flow's callback.
		idp.as(map[string]any{"sub": "g-5", "email": uniqueEmail("pkce"), "email_verified": true})
		var stolen string
		back(flow(nil, func(q url.Values) { stolen = q.Get("code"); q.Set("code", "not-the-code") }))
		if q := back(flow(nil, func(q url.Values) { q.Set("code", stolen) })); q.Get("social_error") != "invalid_grant" {
			t.Errorf("stolen code: %v", q)
		}

		// Linking from a signed-in account, then unlinking.
		linker, linkerToken, _ := api.newCustomer(t, "linker")
		idp.as(map[string]any{"sub": "a-9", "email": "someone.else@example.com", "email_verified": false})
		if q := back(flow(&linkerToken, nil)); q.Get("social_linked") != "local" {
			t.Errorf("link: %v", q)
		}
		var c struct {
			LinkedIdentities []struct{ ID, Provider string }
		}
		api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { linkedIdentities { id provider } } }`, map[string]any{"t": linkerToken}, "customer", &c)
		if len(c.LinkedIdentities) != 1 {
			t.Fatalf("linked: %+v", c)
		}
		idp.as(map[string]any{"sub": "a-9"})
		viaLink, _ := signIn(back(flow(nil, nil)).Get("social_code"))
		if !strings.Contains(me(viaLink), linker) {
			t.Errorf("linked identity signs in someone else: %s", me(viaLink))
		}
		// Another customer cannot take or remove it.
		idp.as(map[string]any{"sub": "a-9"})
		if q := back(flow(&ownerToken, nil)); q.Get("social_error") != "identity_taken" {
			t.Errorf("taking a linked identity: %v", q)
		}
		unlink := `mutation($t: String!, $id: ID!) { customerIdentityUnlink(customerAccessToken: $t, identityId: $id) { customerUserErrors { code field message } } }`
		var up struct{ CustomerUserErrors []UserError }
		api.MustDo(t, unlink, map[string]any{"t": ownerToken, "id": c.LinkedIdentities[0].ID}, "customerIdentityUnlink", &up)
		if d := cmp.Diff([]string{"NOT_FOUND@identityId"}, codes(up.CustomerUserErrors)); d != "" {
			t.Errorf("unlink someone else's: %s", d)
		}
		api.MustDo(t, unlink, map[string]any{"t": linkerToken, "id": c.LinkedIdentities[0].ID}, "customerIdentityUnlink", &up)
		if len(up.CustomerUserErrors) != 0 || strings.Contains(me(linkerToken), `"provider"`) {
			t.Errorf("unlink: %+v %s", up, me(linkerToken))
		}

		// Start refuses unknown providers and foreign return addresses.
		for _, vars := range []map[string]any{
			{"p": "nope", "r": "https://shop.test/account"},
			{"p": "local", "r": "https://evil.example/steal"},
			{"p": "local", "r": "javascript:alert(1)"},
		} {
			var p struct{ CustomerUserErrors []UserError }
			api.MustDo(t, socialStartDoc, vars, "customerSocialLoginStart", &p)
			if len(p.CustomerUserErrors) != 1 {
				t.Errorf("%v: %+v", vars, p)
			}
		}
		if got := api.Read(t, `{ socialLoginProviders }`, nil, "socialLoginProviders"); got != `["local"]` {
			t.Errorf("providers: %s", got)
		}
	})
}
