package oidc

import (
	"golang.org/x/text/language"

	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"accountgraph/ent"
	"accountgraph/internal/apperr"
	"accountgraph/internal/db"
)

// Handler serves the provider's endpoints; wrap it with the server's
// viewer middleware (client IP for throttling).
func (p *Provider) Handler(ctx context.Context) (http.Handler, error) {
	secret, err := db.ServerSecret(ctx, p.DB, "oidc-csrf")
	if err != nil {
		return nil, err
	}
	p.secret = secret
	base := "/authentication/" + p.ShopID
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", p.discovery)
	mux.HandleFunc("GET "+base+"/.well-known/openid-configuration", p.discovery)
	mux.HandleFunc("GET /.well-known/customer-account-api", p.customerAccountAPI)
	mux.HandleFunc("GET "+base+"/.well-known/jwks.json", p.jwks)
	mux.HandleFunc("GET "+base+"/oauth/authorize", p.authorize)
	mux.HandleFunc("POST "+base+"/oauth/authorize", p.signIn)
	mux.HandleFunc("POST "+base+"/oauth/token", p.token)
	mux.HandleFunc("GET "+base+"/oauth/userinfo", p.userinfo)
	mux.HandleFunc("POST "+base+"/oauth/userinfo", p.userinfo)
	mux.HandleFunc("GET "+base+"/logout", p.logout)
	return mux, nil
}

// Paths the server routes to Handler.
func (p *Provider) Paths() []string {
	return []string{"/.well-known/openid-configuration", "/.well-known/customer-account-api", "/authentication/" + p.ShopID + "/"}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (p *Provider) discovery(w http.ResponseWriter, r *http.Request) {
	iss := p.Issuer()
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                                iss,
		"authorization_endpoint":                iss + "/oauth/authorize",
		"token_endpoint":                        iss + "/oauth/token",
		"userinfo_endpoint":                     iss + "/oauth/userinfo",
		"end_session_endpoint":                  iss + "/logout",
		"jwks_uri":                              iss + "/.well-known/jwks.json",
		"response_types_supported":              []string{"code"},
		"grant_types_supported":                 []string{"authorization_code", "refresh_token"},
		"subject_types_supported":               []string{"public"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"scopes_supported":                      []string{"openid", "email", "customer-account-api:full"},
		"token_endpoint_auth_methods_supported": []string{"none", "client_secret_basic", "client_secret_post"},
		"ui_locales_supported":                  uiLocales(),
		"code_challenge_methods_supported":      []string{"S256"},
		"claims_supported":                      []string{"iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "sid", "email", "email_verified"},
	})
}

func (p *Provider) customerAccountAPI(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"graphql_api": strings.TrimRight(p.PublicURL, "/") + "/" + p.ShopID + "/account/customer/api/" + p.GraphQLVersion + "/graphql",
	})
}

func (p *Provider) jwks(w http.ResponseWriter, r *http.Request) {
	set, err := p.Keys.JWKS(r.Context())
	if err != nil {
		p.internal(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	writeJSON(w, http.StatusOK, set)
}

func (p *Provider) internal(w http.ResponseWriter, r *http.Request, err error) {
	p.Log.ErrorContext(r.Context(), "oidc", "path", r.URL.Path, "err", err)
	writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "server_error", "error_description": "Internal error"})
}

// redirectError sends an authorization error back to the client.
func redirectError(w http.ResponseWriter, r *http.Request, req authRequest, err error) {
	var ge *grantError
	errors.As(err, &ge)
	redirectBack(w, r, req, http.StatusFound, "error", ge.code, "error_description", ge.about)
}

// redirectBack sends the browser to the request's redirect URI with the
// given parameters (name, value pairs) and the request's state.
func redirectBack(w http.ResponseWriter, r *http.Request, req authRequest, status int, params ...string) {
	u, _ := url.Parse(req.RedirectURI)
	q := u.Query()
	for i := 0; i+1 < len(params); i += 2 {
		q.Set(params[i], params[i+1])
	}
	if req.State != "" {
		q.Set("state", req.State)
	}
	u.RawQuery = q.Encode()
	http.Redirect(w, r, u.String(), status)
}

// request reads and checks an authorization request; when it is not valid
// it answers (a page for the user, or a redirect with the error to the
// client) and ok is false.
func (p *Provider) request(w http.ResponseWriter, r *http.Request, q url.Values) (req authRequest, ok bool) {
	req = readAuthRequest(q)
	toUser, toClient, err := p.check(r.Context(), req, q)
	switch {
	case err != nil:
		p.internal(w, r, err)
	case toUser != "":
		p.page(w, r, http.StatusBadRequest, formPage{Title: "Sign-in link not valid", Message: toUser})
	case toClient != nil:
		redirectError(w, r, req, toClient)
	default:
		return req, true
	}
	return req, false
}

// authorize shows the sign-in form for a valid request.
func (p *Provider) authorize(w http.ResponseWriter, r *http.Request) {
	req, ok := p.request(w, r, r.URL.Query())
	if !ok {
		return
	}
	nonce := p.csrfCookie(w, r)
	p.page(w, r, http.StatusOK, formPage{Title: "Sign in", Req: req, Email: req.LoginHint, CSRF: p.csrfToken(nonce, req)})
}

// signIn takes the form: email and password (and the second factor when
// the account has one); on success it redirects with a code.
func (p *Provider) signIn(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	f := r.PostForm
	req, ok := p.request(w, r, f)
	if !ok {
		return
	}
	c, err := r.Cookie(csrfCookie)
	if err != nil || !hmac.Equal([]byte(f.Get("csrf")), []byte(p.csrfToken(c.Value, req))) {
		p.page(w, r, http.StatusForbidden, formPage{Title: "Sign in", Req: req, Message: "This form has expired. Please sign in again.",
			CSRF: p.csrfToken(p.csrfCookie(w, r), req)})
		return
	}
	form := formPage{Title: "Sign in", Req: req, Email: strings.TrimSpace(f.Get("email")), CSRF: f.Get("csrf")}
	var cust *ent.Customer
	switch pending := f.Get("pending"); {
	case f.Get("method") == "email-code":
		// No password: a one-time code is emailed (to any address, so the
		// page says the same whether an account exists).
		if err = p.Customers.SendCode(r.Context(), form.Email); err == nil {
			form.EmailCode, form.Message = true, "If the address can sign in here, a 6-digit code is on its way to it."
			p.page(w, r, http.StatusOK, form)
			return
		}
	case f.Get("method") == "email-code-check":
		form.EmailCode = true
		cust, err = p.Customers.ProveCode(r.Context(), form.Email, strings.TrimSpace(f.Get("code")))
	case pending != "":
		// The second step: the password was right, the code is asked.
		form.AskCode, form.Pending = true, pending
		if cust, err = p.pendingCustomer(r.Context(), pending, c.Value); err == nil {
			err = p.Customers.CheckSecondFactor(r.Context(), cust, strings.TrimSpace(f.Get("code")))
		}
	default:
		cust, err = p.Customers.CheckCredentials(r.Context(), form.Email, f.Get("password"), nil)
	}
	var fe apperr.FieldErrors
	var te *apperr.ThrottledError
	switch {
	case errors.Is(err, errPendingExpired):
		form = formPage{Title: "Sign in", Req: req, Email: form.Email, CSRF: form.CSRF, Message: "That took too long. Please sign in again."}
		p.page(w, r, http.StatusOK, form)
		return
	case errors.As(err, &te):
		form.Message = "Too many attempts. Please try again later."
		p.page(w, r, http.StatusTooManyRequests, form)
		return
	case errors.As(err, &fe) && len(fe) > 0:
		form.Message = fe[0].Message
		switch fe[0].Code {
		case apperr.CodeTwoFactorRequired:
			// The password was right: the next step asks for the code
			// without the password travelling again.
			form.AskCode, form.Pending, form.Message = true, p.pendingToken(cust, c.Value), ""
		case apperr.CodeUnidentifiedCustomer:
			form.Message = "Incorrect email or password."
		}
		p.page(w, r, http.StatusOK, form)
		return
	case err != nil:
		p.internal(w, r, err)
		return
	}
	code, portal, err := p.newCode(r.Context(), req, cust)
	if err != nil {
		p.internal(w, r, err)
		return
	}
	// The account portal (/account/, this origin) picks its session up from
	// this short-lived cookie and moves it to its own storage.
	session, _ := json.Marshal(map[string]string{"accessToken": portal.AccessToken, "expiresAt": portal.ExpiresAt.UTC().Format(time.RFC3339)})
	http.SetCookie(w, &http.Cookie{Name: "ag_portal_session", Value: base64.RawURLEncoding.EncodeToString(session), Path: "/account/",
		Secure: p.secure(), SameSite: http.SameSiteLaxMode, MaxAge: 300})
	redirectBack(w, r, req, http.StatusSeeOther, "code", code)
}

// secure tells whether the server is reached over HTTPS (its cookies are
// then Secure).
func (p *Provider) secure() bool { return strings.HasPrefix(p.PublicURL, "https://") }

const csrfCookie = "ag_signin"

// pendingTTL is how long the code step may take.
const pendingTTL = 5 * time.Minute

var errPendingExpired = errors.New("the sign-in's first step expired")

// pendingToken records, for the code step, that this browser gave the
// customer's password: customer ID and expiry, signed with the server
// secret and bound to the browser's sign-in cookie.
func (p *Provider) pendingToken(c *ent.Customer, nonce string) string {
	if c == nil {
		return ""
	}
	body := strconv.Itoa(c.ID) + "." + strconv.FormatInt(p.Now().Add(pendingTTL).Unix(), 10)
	return body + "." + p.mac("pending", body, nonce)
}

// pendingCustomer reads a pendingToken.
func (p *Provider) pendingCustomer(ctx context.Context, token, nonce string) (*ent.Customer, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 || !hmac.Equal([]byte(parts[2]), []byte(p.mac("pending", parts[0]+"."+parts[1], nonce))) {
		return nil, errPendingExpired
	}
	id, _ := strconv.Atoi(parts[0])
	exp, _ := strconv.ParseInt(parts[1], 10, 64)
	if p.Now().Unix() > exp {
		return nil, errPendingExpired
	}
	c, err := p.DB.Customer.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, errPendingExpired
	}
	return c, err
}

// mac is an HMAC of its parts with the server secret.
func (p *Provider) mac(parts ...string) string {
	m := hmac.New(sha256.New, p.secret)
	for _, v := range parts {
		m.Write([]byte(v))
		m.Write([]byte{0})
	}
	return hex.EncodeToString(m.Sum(nil))
}

// csrfCookie returns the browser's sign-in nonce, setting one when absent.
func (p *Provider) csrfCookie(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) == 32 {
		return c.Value
	}
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	v := hex.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: v, Path: "/authentication/", HttpOnly: true,
		Secure: p.secure(), SameSite: http.SameSiteLaxMode, MaxAge: int((12 * time.Hour).Seconds())})
	return v
}

// csrfToken binds the form to the browser's nonce and the request.
func (p *Provider) csrfToken(nonce string, req authRequest) string {
	return p.mac("csrf", nonce, req.ClientID, req.RedirectURI, req.Challenge, req.State)
}

// token is the token endpoint: authorization_code and refresh_token.
func (p *Provider) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_request", "error_description": "bad form"})
		return
	}
	// A confidential client authenticates with HTTP Basic (RFC 6749
	// 2.3.1) or client_secret in the form.
	form, secret := r.PostForm, r.PostForm.Get("client_secret")
	if id, s, ok := r.BasicAuth(); ok {
		id, _ = url.QueryUnescape(id)
		s, _ = url.QueryUnescape(s)
		form.Set("client_id", id)
		secret = s
	}
	client, err := p.client(r.Context(), form.Get("client_id"))
	if err != nil {
		p.internal(w, r, err)
		return
	}
	if client != nil {
		allowOrigin(w, r, client)
	}
	var out *tokens
	grant := form.Get("grant_type")
	if grant != "authorization_code" && grant != "refresh_token" {
		err = &grantError{400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token"}
	} else if err = client.authenticate(secret); err == nil && grant == "authorization_code" {
		out, err = p.exchange(r.Context(), client, form)
	} else if err == nil {
		out, err = p.refresh(r.Context(), client, form)
	}
	var ge *grantError
	switch {
	case errors.As(err, &ge):
		writeJSON(w, ge.status, map[string]string{"error": ge.code, "error_description": ge.about})
	case err != nil:
		p.internal(w, r, err)
	default:
		writeJSON(w, http.StatusOK, out)
	}
}

// allowOrigin lets a client's allowed origins read the token endpoint's
// answers from a browser.
func allowOrigin(w http.ResponseWriter, r *http.Request, c *Client) {
	if o := r.Header.Get("Origin"); o != "" && slices.Contains(c.AllowedOrigins, o) {
		w.Header().Set("Access-Control-Allow-Origin", o)
		w.Header().Add("Vary", "Origin")
	}
}

// userinfo answers the access token's customer's claims.
func (p *Provider) userinfo(w http.ResponseWriter, r *http.Request) {
	token := strings.TrimSpace(strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
	c, err := p.Customers.Authenticate(r.Context(), token)
	if err != nil {
		p.internal(w, r, err)
		return
	}
	if c == nil || token == "" {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_token"})
		return
	}
	claims := map[string]any{"sub": p.subject(c.ID), "email": c.Email, "email_verified": c.EmailVerified}
	if c.FirstName != nil {
		claims["given_name"] = *c.FirstName
	}
	if c.LastName != nil {
		claims["family_name"] = *c.LastName
	}
	writeJSON(w, http.StatusOK, claims)
}

// logout ends the sign-in an ID token names, then goes where the client
// asked if it registered that address.
func (p *Provider) logout(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	claims, err := p.Keys.Verify(r.Context(), q.Get("id_token_hint"))
	if err != nil {
		p.page(w, r, http.StatusBadRequest, formPage{Title: "Sign-out link not valid", Message: "This sign-out link is not valid."})
		return
	}
	aud, _ := claims["aud"].(string)
	iss, _ := claims["iss"].(string)
	sid, _ := claims["sid"].(string)
	if iss != p.Issuer() || sid == "" {
		p.page(w, r, http.StatusBadRequest, formPage{Title: "Sign-out link not valid", Message: "This sign-out link is not valid."})
		return
	}
	if err := p.revokeFamily(r.Context(), sid); err != nil {
		p.internal(w, r, err)
		return
	}
	target := q.Get("post_logout_redirect_uri")
	c, err := p.client(r.Context(), aud)
	if err != nil {
		p.internal(w, r, err)
		return
	}
	if c != nil && target != "" && c.postLogoutAllowed(target) {
		if state := q.Get("state"); state != "" {
			u, _ := url.Parse(target)
			v := u.Query()
			v.Set("state", state)
			u.RawQuery = v.Encode()
			target = u.String()
		}
		http.Redirect(w, r, target, http.StatusFound)
		return
	}
	p.page(w, r, http.StatusOK, formPage{Title: "Signed out", Message: "You are signed out."})
}

// formPage is the sign-in page's data.
type formPage struct {
	Title, Message, Email, CSRF string
	// AskCode: the second step; Pending carries the first step's result.
	AskCode bool
	Pending string
	// EmailCode: signing in with a code sent by email.
	EmailCode bool
	Req       authRequest
	// Lang is the page's language (see pageLanguage).
	Lang language.Tag
}

// T is a text of the page in its language.
func (f formPage) T(text string) string { return translate(f.Lang, text) }

var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.T .Title}}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;background:#f6f6f7;color:#1a1a1a;margin:0}
main{max-width:24rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:12px;box-shadow:0 1px 3px #0002}
h1{font-size:1.5rem;margin:0 0 1rem}label{display:block;margin:.75rem 0 .25rem;font-weight:600}
input{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #8c9196;border-radius:6px;font:inherit}
button{margin-top:1.25rem;width:100%;padding:.7rem;border:0;border-radius:6px;background:#1a1a1a;color:#fff;font:inherit;font-weight:600;cursor:pointer}
button.secondary{margin-top:.75rem;background:#fff;color:#1a1a1a;border:1px solid #1a1a1a}
p.message{background:#fff4f4;border:1px solid #e0b3b2;padding:.6rem;border-radius:6px}
nav{margin-top:1rem;display:flex;justify-content:space-between;font-size:.9rem}
</style></head><body><main>
<h1>{{.T .Title}}</h1>
{{with .Message}}<p class="message" role="alert">{{$.T .}}</p>{{end}}
{{if .CSRF}}<form method="post" action="">
<input type="hidden" name="csrf" value="{{.CSRF}}">
<input type="hidden" name="client_id" value="{{.Req.ClientID}}">
<input type="hidden" name="redirect_uri" value="{{.Req.RedirectURI}}">
<input type="hidden" name="response_type" value="code">
<input type="hidden" name="scope" value="{{.Req.Scope}}">
<input type="hidden" name="state" value="{{.Req.State}}">
<input type="hidden" name="nonce" value="{{.Req.Nonce}}">
<input type="hidden" name="code_challenge" value="{{.Req.Challenge}}">
<input type="hidden" name="code_challenge_method" value="S256">
<input type="hidden" name="locale" value="{{.Req.Locale}}">
{{if .AskCode}}<input type="hidden" name="email" value="{{.Email}}"><input type="hidden" name="pending" value="{{.Pending}}">
<label for="code">{{.T "Code from your authenticator app (or a recovery code)"}}</label>
<input id="code" name="code" autocomplete="one-time-code" inputmode="numeric" required autofocus>
<button type="submit">{{.T "Sign in"}}</button>
{{else if .EmailCode}}<input type="hidden" name="email" value="{{.Email}}"><input type="hidden" name="method" value="email-code-check">
<label for="code">{{.T "The 6-digit code we emailed to"}} {{.Email}}</label>
<input id="code" name="code" autocomplete="one-time-code" inputmode="numeric" pattern="[0-9]{6}" required autofocus>
<button type="submit">{{.T "Sign in"}}</button>
{{else}}<label for="email">{{.T "Email"}}</label>
<input id="email" name="email" type="email" autocomplete="email" value="{{.Email}}" required{{if not .Email}} autofocus{{end}}>
<label for="password">{{.T "Password"}}</label>
<input id="password" name="password" type="password" autocomplete="current-password"{{if .Email}} autofocus{{end}}>
<button type="submit">{{.T "Sign in"}}</button>
<button type="submit" name="method" value="email-code" class="secondary">{{.T "Email me a sign-in code"}}</button>{{end}}
</form>
<nav><a href="/account/register">{{.T "Create an account"}}</a><a href="/account/recover">{{.T "Forgot your password?"}}</a></nav>{{end}}
</main></body></html>`))

func (p *Provider) page(w http.ResponseWriter, r *http.Request, status int, data formPage) {
	data.Lang = pageLanguage(r, data.Req.Locale)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' *; frame-ancestors 'none'")
	w.WriteHeader(status)
	if err := pageTemplate.Execute(w, data); err != nil {
		p.Log.Error("oidc page", "err", err)
	}
}
