package tests

import (
	"encoding/json"
	"fmt"
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

func TestCustomerCreate(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		var p struct {
			Payload
			Customer *struct {
				ID, Email, DisplayName string
				FirstName, LastName    *string
				Phone                  *string
				AcceptsMarketing       bool
			} `json:"customer"`
		}
		api.MustDo(t, customerCreateDoc, map[string]any{"input": map[string]any{
			"email": "  Grace.Hopper@Example.com ", "password": goodPassword, "firstName": "Grace", "lastName": "Hopper",
			"phone": "+1 (613) 555-0199", "acceptsMarketing": true,
		}}, "customerCreate", &p)
		if p.Customer == nil || len(p.CustomerUserErrors) != 0 {
			t.Fatalf("create failed: %+v", p.CustomerUserErrors)
		}
		c := p.Customer
		if !strings.HasPrefix(c.ID, "gid://accountgraph/Customer/") || c.Email != "Grace.Hopper@Example.com" ||
			c.DisplayName != "Grace Hopper" || *c.Phone != "+16135550199" || !c.AcceptsMarketing {
			t.Errorf("customer = %+v", c)
		}
		if ms := api.MailsTo(t, "Grace.Hopper@Example.com"); len(ms) != 2 || !strings.Contains(ms[0].Subject, "Welcome") || !strings.Contains(ms[1].Subject, "Confirm") {
			t.Errorf("welcome and verification mails: %+v", ms)
		}

		long := strings.Repeat("x", 256)
		for name, tc := range map[string]struct {
			input map[string]any
			want  []string
		}{
			"blank email":          {map[string]any{"email": " ", "password": goodPassword}, []string{"BLANK@input.email"}},
			"invalid email":        {map[string]any{"email": "not-an-email", "password": goodPassword}, []string{"INVALID@input.email"}},
			"email with name":      {map[string]any{"email": "Bob <bob@example.com>", "password": goodPassword}, []string{"INVALID@input.email"}},
			"bad domain":           {map[string]any{"email": "bob@localhost", "password": goodPassword}, []string{"BAD_DOMAIN@input.email"}},
			"taken, other case":    {map[string]any{"email": "grace.hopper@EXAMPLE.com", "password": goodPassword}, []string{"TAKEN@input.email"}},
			"taken phone":          {map[string]any{"email": uniqueEmail("p"), "password": goodPassword, "phone": "+16135550199"}, []string{"TAKEN@input.phone"}},
			"invalid phone":        {map[string]any{"email": uniqueEmail("p"), "password": goodPassword, "phone": "12"}, []string{"INVALID@input.phone"}},
			"blank password":       {map[string]any{"email": uniqueEmail("p"), "password": ""}, []string{"BLANK@input.password"}},
			"short password":       {map[string]any{"email": uniqueEmail("p"), "password": "Xy7!a"}, []string{"TOO_SHORT@input.password"}},
			"long password":        {map[string]any{"email": uniqueEmail("p"), "password": strings.Repeat("Ab1!", 65)}, []string{"TOO_LONG@input.password"}},
			"whitespace password":  {map[string]any{"email": uniqueEmail("p"), "password": " " + goodPassword}, []string{"PASSWORD_STARTS_OR_ENDS_WITH_WHITESPACE@input.password"}},
			"common password":      {map[string]any{"email": uniqueEmail("p"), "password": "Password123"}, []string{"INVALID@input.password"}},
			"html in name":         {map[string]any{"email": uniqueEmail("p"), "password": goodPassword, "firstName": "<b>Bob</b>"}, []string{"CONTAINS_HTML_TAGS@input.firstName"}},
			"url in name":          {map[string]any{"email": uniqueEmail("p"), "password": goodPassword, "lastName": "visit www.spam.example"}, []string{"CONTAINS_URL@input.lastName"}},
			"long name":            {map[string]any{"email": uniqueEmail("p"), "password": goodPassword, "firstName": long}, []string{"TOO_LONG@input.firstName"}},
			"control char in name": {map[string]any{"email": uniqueEmail("p"), "password": goodPassword, "firstName": "Bo\u0007b"}, []string{"INVALID@input.firstName"}},
			"several at once":      {map[string]any{"email": "x", "password": "x", "firstName": "<i>"}, []string{"CONTAINS_HTML_TAGS@input.firstName", "INVALID@input.email", "TOO_SHORT@input.password"}},
		} {
			t.Run(name, func(t *testing.T) {
				var p struct {
					Payload
					Customer *json.RawMessage `json:"customer"`
				}
				api.MustDo(t, customerCreateDoc, map[string]any{"input": tc.input}, "customerCreate", &p)
				if d := cmp.Diff(tc.want, codes(p.CustomerUserErrors)); d != "" || p.Customer != nil {
					t.Errorf("errors (-want +got):\n%s customer=%s", d, p.Customer)
				}
				// The deprecated list carries the same entries for old clients.
				if len(p.UserErrors) != len(p.CustomerUserErrors) {
					t.Errorf("userErrors %+v", p.UserErrors)
				}
			})
		}
		// Refused registrations wrote nothing.
		var total struct{ Edges []json.RawMessage }
		api.MustDo(t, `{ adminCustomers(first: 250) { edges { cursor } } }`, nil, "adminCustomers", &total, AsAdmin(adminKey))
		if len(total.Edges) != 1 {
			t.Errorf("%d customers stored, want 1", len(total.Edges))
		}
	})
}

func TestLoginDoesNotRevealAccounts(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		email := uniqueEmail("known")
		api.register(t, email)
		// Email is compared without regard to case.
		if tok := api.login(t, strings.ToUpper(email), goodPassword); len(tok) != 64 {
			t.Fatalf("token %q", tok)
		}
		attempt := func(email, pw string) (string, int) {
			before := api.Statements(t)
			r := api.Do(t, tokenCreateDoc, map[string]any{"input": map[string]any{"email": email, "password": pw}})
			return string(r.Data["customerAccessTokenCreate"]), api.Statements(t) - before
		}
		wrong, wrongStmts := attempt(email, "not the password")
		unknown, unknownStmts := attempt(uniqueEmail("nobody"), "not the password")
		if wrong != unknown {
			t.Errorf("wrong password and unknown email answer differently:\n%s\n%s", wrong, unknown)
		}
		if !strings.Contains(wrong, `"UNIDENTIFIED_CUSTOMER"`) || strings.Contains(wrong, "accessToken\":\"") {
			t.Errorf("answer %s", wrong)
		}
		// Both paths do the same database work (and the same hashing: an
		// unknown email is checked against a dummy hash).
		if wrongStmts != unknownStmts {
			t.Errorf("statements: wrong password %d, unknown email %d", wrongStmts, unknownStmts)
		}
	})
}

func TestAccessTokenLifecycle(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		email, token, id := api.newCustomer(t, "tok")
		var c struct{ ID, Email string }
		api.MustDo(t, customerDoc, map[string]any{"token": token}, "customer", &c)
		if c.ID != id || c.Email != email {
			t.Fatalf("customer = %+v", c)
		}
		const renew = `mutation($t: String!) { customerAccessTokenRenew(customerAccessToken: $t) { customerAccessToken { accessToken expiresAt } userErrors { field message } } }`
		const del = `mutation($t: String!) { customerAccessTokenDelete(customerAccessToken: $t) { deletedAccessToken deletedCustomerAccessTokenId userErrors { field message } } }`
		type renewed struct {
			CustomerAccessToken *Token
			UserErrors          []UserError
		}
		var r renewed
		api.TimeTravel(24 * time.Hour)
		api.MustDo(t, renew, map[string]any{"t": token}, "customerAccessTokenRenew", &r)
		if r.CustomerAccessToken == nil || r.CustomerAccessToken.AccessToken != token {
			t.Fatalf("renew: %+v", r)
		}
		exp, _ := time.Parse(time.RFC3339, r.CustomerAccessToken.ExpiresAt)
		if exp.Before(time.Now().Add(30*24*time.Hour)) || !strings.HasSuffix(r.CustomerAccessToken.ExpiresAt, "Z") {
			t.Errorf("renewed expiresAt %s not extended from the renewal time", r.CustomerAccessToken.ExpiresAt)
		}
		api.TimeTravel(0)

		// Expired tokens read nothing and cannot be renewed.
		api.TimeTravel(32 * 24 * time.Hour)
		if r := api.Do(t, customerDoc, map[string]any{"token": token}); string(r.Data["customer"]) != "null" {
			t.Errorf("expired token read %s", r.Data["customer"])
		}
		api.MustDo(t, renew, map[string]any{"t": token}, "customerAccessTokenRenew", &r)
		if r.CustomerAccessToken != nil || len(r.UserErrors) != 1 {
			t.Errorf("renewed an expired token: %+v", r)
		}
		api.TimeTravel(0)

		var d struct {
			DeletedAccessToken           *string
			DeletedCustomerAccessTokenID *string `json:"deletedCustomerAccessTokenId"`
			UserErrors                   []UserError
		}
		api.MustDo(t, del, map[string]any{"t": token}, "customerAccessTokenDelete", &d)
		if d.DeletedAccessToken == nil || *d.DeletedAccessToken != token || d.DeletedCustomerAccessTokenID == nil {
			t.Fatalf("delete: %+v", d)
		}
		if r := api.Do(t, customerDoc, map[string]any{"token": token}); string(r.Data["customer"]) != "null" {
			t.Errorf("deleted token read %s", r.Data["customer"])
		}
		api.MustDo(t, del, map[string]any{"t": token}, "customerAccessTokenDelete", &d)
		if len(d.UserErrors) != 1 {
			t.Errorf("second delete: %+v", d)
		}
		for _, bad := range []string{"", "nonsense", strings.Repeat("f", 64), strings.Repeat("a", 5000)} {
			if r := api.Do(t, customerDoc, map[string]any{"token": bad}); string(r.Data["customer"]) != "null" || len(r.Errors) > 0 {
				t.Errorf("token %.10q: %s %+v", bad, r.Data["customer"], r.Errors)
			}
		}
	})
}

const customerUpdateDoc = `mutation customerUpdate($token: String!, $customer: CustomerUpdateInput!) {
  customerUpdate(customerAccessToken: $token, customer: $customer) {
    customer { id email firstName lastName phone acceptsMarketing emailVerified }
    customerAccessToken { accessToken expiresAt }
    customerUserErrors { code field message }
    userErrors { field message }
  }
}`

type updatePayload struct {
	Payload
	Customer *struct {
		ID, Email           string
		FirstName, LastName *string
		Phone               *string
		AcceptsMarketing    bool
		EmailVerified       bool
	}
	CustomerAccessToken *Token
}

func TestCustomerUpdate(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		otherEmail, _, _ := api.newCustomer(t, "other")
		_, token, _ := api.newCustomer(t, "upd")
		update := func(token string, in map[string]any) updatePayload {
			var p updatePayload
			api.MustDo(t, customerUpdateDoc, map[string]any{"token": token, "customer": in}, "customerUpdate", &p)
			return p
		}
		p := update(token, map[string]any{"firstName": "Katherine", "lastName": "Johnson", "phone": "+442071838750", "acceptsMarketing": true})
		if p.Customer == nil || *p.Customer.FirstName != "Katherine" || *p.Customer.Phone != "+442071838750" || !p.Customer.AcceptsMarketing || p.CustomerAccessToken != nil {
			t.Fatalf("update: %+v", p)
		}
		// An absent phone stays; null removes it.
		if p := update(token, map[string]any{"lastName": "J."}); p.Customer.Phone == nil {
			t.Error("absent phone removed")
		}
		if p := update(token, map[string]any{"phone": nil}); p.Customer.Phone != nil {
			t.Errorf("phone not removed: %v", *p.Customer.Phone)
		}
		// The same for names: left out stays, null clears.
		if p := update(token, map[string]any{"acceptsMarketing": false}); p.Customer.FirstName == nil || *p.Customer.FirstName != "Katherine" {
			t.Errorf("absent first name changed: %+v", p.Customer)
		}
		if p := update(token, map[string]any{"firstName": nil}); p.Customer.FirstName != nil || p.Customer.LastName == nil {
			t.Errorf("first name not cleared (or last name lost): %+v", p.Customer)
		}
		for name, tc := range map[string]struct {
			in   map[string]any
			want []string
		}{
			"taken email":   {map[string]any{"email": strings.ToUpper(otherEmail)}, []string{"TAKEN@customer.email"}},
			"invalid email": {map[string]any{"email": "nope"}, []string{"INVALID@customer.email"}},
			"html name":     {map[string]any{"firstName": "<script>x</script>"}, []string{"CONTAINS_HTML_TAGS@customer.firstName"}},
			"weak password": {map[string]any{"password": "12345678"}, []string{"INVALID@customer.password"}},
		} {
			t.Run(name, func(t *testing.T) {
				p := update(token, tc.in)
				if d := cmp.Diff(tc.want, codes(p.CustomerUserErrors)); d != "" {
					t.Errorf("(-want +got):\n%s", d)
				}
			})
		}
		if r := api.Do(t, customerUpdateDoc, map[string]any{"token": "bogus", "customer": map[string]any{"firstName": "X"}}); !strings.Contains(r.Raw, "TOKEN_INVALID") {
			t.Errorf("bad token: %s", r.Raw)
		}
		// A new email takes effect only once the link mailed to it is
		// followed; the old address is told.
		oldEmail := p.Customer.Email
		newEmail := uniqueEmail("moved")
		if p := update(token, map[string]any{"email": newEmail}); p.Customer.Email != oldEmail {
			t.Errorf("email changed before verification: %+v", p.Customer)
		}
		if ms := api.MailsTo(t, oldEmail); !strings.Contains(ms[len(ms)-1].Subject, "being changed") {
			t.Errorf("old address not told: %+v", ms[len(ms)-1].Subject)
		}
		var v struct {
			Customer *struct {
				Email         string
				EmailVerified bool
				PendingEmail  *string
			}
			CustomerUserErrors []UserError
		}
		api.MustDo(t, verifyDoc, map[string]any{"t": api.verifyToken(t, newEmail)}, "customerEmailVerify", &v)
		if v.Customer == nil || v.Customer.Email != newEmail || !v.Customer.EmailVerified || v.Customer.PendingEmail != nil {
			t.Fatalf("verified change: %+v", v)
		}
		// A new password ends every session and gives a fresh token.
		second := api.login(t, newEmail, goodPassword)
		p = update(token, map[string]any{"password": "a brand new passphrase"})
		if p.CustomerAccessToken == nil || p.CustomerAccessToken.AccessToken == token {
			t.Fatalf("password change gave no new token: %+v", p)
		}
		for _, old := range []string{token, second} {
			if r := api.Do(t, customerDoc, map[string]any{"token": old}); string(r.Data["customer"]) != "null" {
				t.Error("old token still works after a password change")
			}
		}
		var c struct{ Email string }
		api.MustDo(t, customerDoc, map[string]any{"token": p.CustomerAccessToken.AccessToken}, "customer", &c)
		api.login(t, newEmail, "a brand new passphrase")
	})
}

const (
	recoverDoc = `mutation customerRecover($email: String!) { customerRecover(email: $email) { customerUserErrors { code field message } userErrors { field message } } }`
	resetDoc   = `mutation customerReset($id: ID!, $input: CustomerResetInput!) {
  customerReset(id: $id, input: $input) { customer { id email } customerAccessToken { accessToken } customerUserErrors { code field message } }
}`
	resetByURLDoc = `mutation customerResetByUrl($url: URL!, $password: String!) {
  customerResetByUrl(resetUrl: $url, password: $password) { customer { id } customerAccessToken { accessToken } customerUserErrors { code field message } }
}`
)

type tokenPayload struct {
	Payload
	Customer            *struct{ ID, Email string }
	CustomerAccessToken *Token
}

func splitLink(link string) (id, token string) {
	parts := strings.Split(link, "/")
	return "gid://accountgraph/Customer/" + parts[len(parts)-2], parts[len(parts)-1]
}

func TestRecoverAndReset(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		email, oldToken, _ := api.newCustomer(t, "forgetful")
		known := api.Do(t, recoverDoc, map[string]any{"email": strings.ToUpper(email)})
		unknown := api.Do(t, recoverDoc, map[string]any{"email": uniqueEmail("stranger")})
		if known.Raw != unknown.Raw || len(known.Errors) > 0 {
			t.Fatalf("recover answers differ:\n%s\n%s", known.Raw, unknown.Raw)
		}
		if n := len(api.Mails(t)); n != 3 { // welcome, verification, reset; nothing for the stranger
			t.Fatalf("%d mails, want 3", n)
		}
		link := api.LastLink(t, email, "reset")
		id, token := splitLink(link)
		reset := func(id, token, pw string) tokenPayload {
			var p tokenPayload
			api.MustDo(t, resetDoc, map[string]any{"id": id, "input": map[string]any{"resetToken": token, "password": pw}}, "customerReset", &p)
			return p
		}
		// A refused password leaves the token usable.
		if p := reset(id, token, "short"); cmp.Diff([]string{"TOO_SHORT@input.password"}, codes(p.CustomerUserErrors)) != "" {
			t.Errorf("weak password: %+v", p.CustomerUserErrors)
		}
		for name, args := range map[string][2]string{
			"wrong token":  {id, strings.Repeat("0", 64)},
			"other id":     {"gid://accountgraph/Customer/999999", token},
			"malformed id": {"123", token},
		} {
			if p := reset(args[0], args[1], "another good passphrase"); cmp.Diff([]string{"TOKEN_INVALID@input.resetToken"}, codes(p.CustomerUserErrors)) != "" {
				t.Errorf("%s: %+v", name, p.CustomerUserErrors)
			}
		}
		// The ID as Shopify's Hydrogen demo store builds it from the link
		// (gid://shopify/Customer/${id}) names the same customer.
		p := reset(strings.Replace(id, "gid://accountgraph/", "gid://shopify/", 1), token, "another good passphrase")
		if p.CustomerAccessToken == nil || p.Customer == nil || p.Customer.Email != email {
			t.Fatalf("reset: %+v", p)
		}
		if r := api.Do(t, customerDoc, map[string]any{"token": oldToken}); string(r.Data["customer"]) != "null" {
			t.Error("a session survived the reset")
		}
		// Single use.
		if p := reset(id, token, "yet another passphrase"); cmp.Diff([]string{"TOKEN_INVALID@input.resetToken"}, codes(p.CustomerUserErrors)) != "" {
			t.Errorf("reused token: %+v", p.CustomerUserErrors)
		}
		api.login(t, email, "another good passphrase")

		// By URL, and expiry after 24 hours.
		api.MustDo(t, recoverDoc, map[string]any{"email": email}, "customerRecover", nil)
		link = api.LastLink(t, email, "reset")
		var u tokenPayload
		api.MustDo(t, resetByURLDoc, map[string]any{"url": "https://shop.test/account/reset/1/" + strings.Repeat("a", 64), "password": "x password long"}, "customerResetByUrl", &u)
		if cmp.Diff([]string{"TOKEN_INVALID@resetUrl"}, codes(u.CustomerUserErrors)) != "" {
			t.Errorf("forged url: %+v", u.CustomerUserErrors)
		}
		api.MustDo(t, resetByURLDoc, map[string]any{"url": "not a url", "password": "x password long"}, "customerResetByUrl", &u)
		if cmp.Diff([]string{"TOKEN_INVALID@resetUrl"}, codes(u.CustomerUserErrors)) != "" {
			t.Errorf("garbage url: %+v", u.CustomerUserErrors)
		}
		api.TimeTravel(25 * time.Hour)
		api.MustDo(t, resetByURLDoc, map[string]any{"url": link, "password": "third good passphrase"}, "customerResetByUrl", &u)
		if cmp.Diff([]string{"TOKEN_INVALID@resetUrl"}, codes(u.CustomerUserErrors)) != "" {
			t.Errorf("expired link: %+v", u.CustomerUserErrors)
		}
		api.TimeTravel(0)
		api.MustDo(t, recoverDoc, map[string]any{"email": email}, "customerRecover", nil)
		api.MustDo(t, resetByURLDoc, map[string]any{"url": api.LastLink(t, email, "reset"), "password": "third good passphrase"}, "customerResetByUrl", &u)
		if u.CustomerAccessToken == nil {
			t.Fatalf("reset by url: %+v", u.CustomerUserErrors)
		}
		if r := api.Do(t, recoverDoc, map[string]any{"email": ""}); !strings.Contains(r.Raw, "BLANK") {
			t.Errorf("blank email: %s", r.Raw)
		}
	})
}

const (
	inviteDoc   = `mutation($input: AdminCustomerInviteInput!) { adminCustomerInvite(input: $input) { customer { id email state } customerUserErrors { code field message } } }`
	activateDoc = `mutation customerActivate($id: ID!, $input: CustomerActivateInput!) {
  customerActivate(id: $id, input: $input) { customer { id email emailVerified } customerAccessToken { accessToken } customerUserErrors { code field message } }
}`
	activateByURLDoc = `mutation customerActivateByUrl($url: URL!, $password: String!) {
  customerActivateByUrl(activationUrl: $url, password: $password) { customer { id emailVerified } customerAccessToken { accessToken } customerUserErrors { code field message } }
}`
)

func TestInviteAndActivate(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		email := uniqueEmail("invited")
		var inv struct {
			Customer *struct{ ID, Email, State string }
			Payload
		}
		api.MustDo(t, inviteDoc, map[string]any{"input": map[string]any{"email": email, "firstName": "Mary"}}, "adminCustomerInvite", &inv, AsAdmin(adminKey))
		if inv.Customer == nil || inv.Customer.State != "INVITED" {
			t.Fatalf("invite: %+v", inv)
		}
		api.MustDo(t, inviteDoc, map[string]any{"input": map[string]any{"email": email}}, "adminCustomerInvite", &inv, AsAdmin(adminKey))
		if cmp.Diff([]string{"TAKEN@input.email"}, codes(inv.CustomerUserErrors)) != "" {
			t.Errorf("second invite: %+v", inv.CustomerUserErrors)
		}
		// An invited customer has no password yet.
		r := api.Do(t, tokenCreateDoc, map[string]any{"input": map[string]any{"email": email, "password": goodPassword}})
		if !strings.Contains(r.Raw, "UNIDENTIFIED_CUSTOMER") {
			t.Errorf("invited login: %s", r.Raw)
		}
		// Registering with the invited email mails a new activation link instead.
		var cp struct{ Payload }
		api.MustDo(t, customerCreateDoc, map[string]any{"input": map[string]any{"email": email, "password": goodPassword}}, "customerCreate", &cp)
		if cmp.Diff([]string{"CUSTOMER_DISABLED@input"}, codes(cp.CustomerUserErrors)) != "" {
			t.Errorf("register invited: %+v", cp.CustomerUserErrors)
		}
		if n := len(api.MailsTo(t, email)); n != 2 {
			t.Errorf("%d activation mails, want 2", n)
		}
		link := api.LastLink(t, email, "activate")
		id, token := splitLink(link)
		var p tokenPayload
		api.MustDo(t, activateDoc, map[string]any{"id": id, "input": map[string]any{"activationToken": token, "password": "ab"}}, "customerActivate", &p)
		if cmp.Diff([]string{"TOO_SHORT@input.password"}, codes(p.CustomerUserErrors)) != "" {
			t.Errorf("weak password: %+v", p.CustomerUserErrors)
		}
		var a struct {
			Payload
			Customer *struct {
				ID            string
				EmailVerified bool
			}
			CustomerAccessToken *Token
		}
		api.MustDo(t, activateByURLDoc, map[string]any{"url": link, "password": goodPassword}, "customerActivateByUrl", &a)
		if a.CustomerAccessToken == nil || a.Customer == nil || a.Customer.ID != id || !a.Customer.EmailVerified {
			t.Fatalf("activate: %+v", a)
		}
		// Following a link again after activation: the account is already
		// active (and the password is not changed).
		api.MustDo(t, activateByURLDoc, map[string]any{"url": link, "password": "another passphrase!"}, "customerActivateByUrl", &a)
		if cmp.Diff([]string{"ALREADY_ENABLED@"}, codes(a.CustomerUserErrors)) != "" || a.CustomerAccessToken != nil {
			t.Errorf("reused activation: %+v", a)
		}
		api.MustDo(t, activateDoc, map[string]any{"id": id, "input": map[string]any{"activationToken": token, "password": goodPassword}}, "customerActivate", &p)
		if cmp.Diff([]string{"ALREADY_ENABLED@"}, codes(p.CustomerUserErrors)) != "" {
			t.Errorf("older link: %+v", p.CustomerUserErrors)
		}
		// A made-up token is still just invalid.
		api.MustDo(t, activateDoc, map[string]any{"id": id, "input": map[string]any{"activationToken": strings.Repeat("b", 64), "password": goodPassword}}, "customerActivate", &p)
		if cmp.Diff([]string{"TOKEN_INVALID@input.activationToken"}, codes(p.CustomerUserErrors)) != "" {
			t.Errorf("made-up token: %+v", p.CustomerUserErrors)
		}
		api.login(t, email, goodPassword)
	})
}

// tryLogin asks for a token from a client address.
func (a *API) tryLogin(t *testing.T, email, pw, ip string) Response {
	return a.Do(t, tokenCreateDoc, map[string]any{"input": map[string]any{"email": email, "password": pw}}, FromIP(ip))
}

func TestThrottling(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		email := uniqueEmail("target")
		api.register(t, email)
		login := func(pw, ip string) Response { return api.tryLogin(t, email, pw, ip) }
		// Failures against one email from many addresses.
		for i := range 10 {
			if r := login("wrong password", "192.0.2."+string(rune('1'+i%9))); len(r.Errors) > 0 {
				t.Fatalf("attempt %d throttled early: %+v", i, r.Errors)
			}
		}
		r := login(goodPassword, "198.51.100.7")
		if len(r.Errors) != 1 || r.Errors[0].Code() != "THROTTLED" || string(r.Data["customerAccessTokenCreate"]) != "null" {
			t.Fatalf("11th attempt: %s\n%s", r.Raw, api.Logs())
		}
		// The wait is rounded up: at least a second, never 0.
		if s, _ := r.Errors[0].Extensions["retryAfterSeconds"].(float64); s < 1 {
			t.Errorf("retryAfterSeconds = %v", r.Errors[0].Extensions["retryAfterSeconds"])
		}
		if v := api.Metric(t, `accountgraph_throttled_total{action="login"}`); v < 1 {
			t.Errorf("throttle metric = %v", v)
		}
		// The limit is per email: another customer signs in from the same address.
		other := uniqueEmail("bystander")
		api.register(t, other)
		api.login(t, other, goodPassword)

		// Recovery is limited per address: the answer says so whatever the email.
		ip := "203.0.113.9"
		for i := range 10 {
			if r := api.Do(t, recoverDoc, map[string]any{"email": uniqueEmail("r")}, FromIP(ip)); len(r.Errors) > 0 {
				t.Fatalf("recover %d: %s", i, r.Raw)
			}
		}
		if r := api.Do(t, recoverDoc, map[string]any{"email": email}, FromIP(ip)); len(r.Errors) != 1 || r.Errors[0].Code() != "THROTTLED" {
			t.Fatalf("recover flood: %s", r.Raw)
		}
		// Recovery mails to one address are capped silently (3 an hour).
		before := len(api.MailsTo(t, email))
		for range 5 {
			api.MustDo(t, recoverDoc, map[string]any{"email": email}, "customerRecover", nil, FromIP(randomIP()))
		}
		if got := len(api.MailsTo(t, email)) - before; got != 3 {
			t.Errorf("%d recovery mails, want 3", got)
		}
	})
}

// TestLoginBackoff: one client guessing at one account waits longer after
// each failure past the fifth (1 s, 2 s, … at most 15 minutes), and a
// success ends the wait; guessing spread over many addresses stops at the
// account-wide limit, which still lets the owner in from a network the
// account has a session from.
func TestLoginBackoff(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		email := uniqueEmail("backoff")
		api.register(t, email)
		login := func(pw, ip string) Response { return api.tryLogin(t, email, pw, ip) }
		throttled := func(r Response) bool { return len(r.Errors) == 1 && r.Errors[0].Code() == "THROTTLED" }
		home := "203.0.113.10"
		if r := login(goodPassword, home); len(r.Errors) > 0 {
			t.Fatal(r.Raw)
		}
		lim := api.Server.Customers.Limiter
		defer func() { lim.Now = nil }()
		at := func(d time.Duration) { lim.Now = func() time.Time { return time.Now().UTC().Add(d) } }

		guesser := "198.51.100.20"
		for i := range 5 {
			if r := login("wrong", guesser); throttled(r) {
				t.Fatalf("failure %d throttled", i+1)
			}
		}
		if r := login(goodPassword, guesser); !throttled(r) {
			t.Fatalf("no back-off after 5 failures: %s", r.Raw)
		}
		at(1500 * time.Millisecond)
		if r := login("wrong", guesser); throttled(r) {
			t.Fatal("still waiting after the first back-off")
		}
		at(2500 * time.Millisecond) // the wait doubled: 2 s after the 6th failure
		if r := login("wrong", guesser); !throttled(r) {
			t.Fatal("the back-off did not double")
		}
		at(4 * time.Second)
		if r := login(goodPassword, guesser); throttled(r) || len(r.Errors) > 0 {
			t.Fatalf("after the wait: %s", r.Raw)
		}
		if r := login("wrong", guesser); throttled(r) {
			t.Fatal("a success did not end the back-off")
		}
		lim.Now = nil

		// Spread over many addresses: the account-wide limit (10 in 15
		// minutes) stops a new network, not the owner's.
		for i := range 10 {
			login("wrong", fmt.Sprintf("192.0.2.%d", 100+i))
		}
		if r := login(goodPassword, "100.64.5.5"); !throttled(r) {
			t.Fatalf("account-wide limit: %s", r.Raw)
		}
		if r := login(goodPassword, "203.0.113.77"); len(r.Errors) > 0 {
			t.Fatalf("the owner's network is locked out: %s", r.Raw)
		}
	})
}

// TestRegistrationCaptcha: with a CAPTCHA provider configured, a
// registration needs a good answer in X-Captcha-Token, checked with the
// provider (secret, answer and client address); refusals are counted.
// Without one (the default) nothing is asked (every other test).
func TestRegistrationCaptcha(t *testing.T) {
	parallel(t)
	var mu sync.Mutex
	var asked []url.Values
	provider := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		mu.Lock()
		asked = append(asked, r.PostForm)
		mu.Unlock()
		fmt.Fprintf(w, `{"success": %t}`, r.PostForm.Get("secret") == "s3cret" && r.PostForm.Get("response") == "human")
	}))
	t.Cleanup(provider.Close) // after both databases' runs, which go side by side
	eachDBWith(t, func(c *config.Config) { c.CaptchaVerifyURL, c.CaptchaSecret = provider.URL, "s3cret" }, func(t *testing.T, api *API) {
		input := map[string]any{"email": uniqueEmail("captcha"), "password": goodPassword}
		register := func(opts ...Opt) []string {
			var p struct {
				Payload
				Customer *struct{ ID string }
			}
			api.MustDo(t, customerCreateDoc, map[string]any{"input": input}, "customerCreate", &p, opts...)
			return codes(p.CustomerUserErrors)
		}
		for _, opts := range [][]Opt{nil, {Header("X-Captcha-Token", "robot")}} {
			if got := register(opts...); !cmp.Equal(got, []string{"INVALID@captchaToken"}) {
				t.Errorf("without a good answer: %v", got)
			}
		}
		if got := register(Header("X-Captcha-Token", "human"), FromIP("203.0.113.50")); len(got) != 0 {
			t.Fatalf("with a good answer: %v", got)
		}
		mu.Lock()
		last := asked[len(asked)-1]
		mu.Unlock()
		if last.Get("remoteip") != "203.0.113.50" || last.Get("response") != "human" {
			t.Errorf("provider asked %v", last)
		}
		if v := api.Metric(t, `accountgraph_auth_refusals_total{reason="captcha"}`); v != 2 {
			t.Errorf("captcha refusals = %v", v)
		}
	})
}
