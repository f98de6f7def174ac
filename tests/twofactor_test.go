package tests

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

const (
	tfSetupDoc = `mutation($t: String!) { customerTwoFactorSetup(customerAccessToken: $t) {
  secret otpauthUri twoFactorUserErrors { code field message } customerUserErrors { code field message } } }`
	tfEnableDoc = `mutation($t: String!, $c: String!) { customerTwoFactorEnable(customerAccessToken: $t, code: $c) {
  customer { twoFactorEnabled } recoveryCodes twoFactorUserErrors { code field message } customerUserErrors { code field message } } }`
	tfDisableDoc = `mutation($t: String!, $c: String!) { customerTwoFactorDisable(customerAccessToken: $t, code: $c) {
  customer { twoFactorEnabled } twoFactorUserErrors { code field message } customerUserErrors { code field message } } }`
	tfLoginDoc = `mutation($e: String!, $p: String!, $c: String) { customerAccessTokenCreate(input: {email: $e, password: $p, totpCode: $c}) {
  customerAccessToken { accessToken } twoFactorUserErrors { code field message } customerUserErrors { code field message } } }`
)

type twoFactorPayload struct {
	Secret, OtpauthURI  *string
	RecoveryCodes       []string
	Customer            *struct{ TwoFactorEnabled bool }
	CustomerAccessToken *Token
	TwoFactorUserErrors []UserError
	CustomerUserErrors  []UserError
}

// totpAt is the authenticator app's code for a moment.
func totpAt(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	c, err := totp.GenerateCodeCustom(secret, at, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestTwoFactor: set-up, enabling with a code, sign-in that needs a code
// (and refuses a missing, wrong or reused one with its own error code),
// recovery codes that work once, and disabling.
func TestTwoFactor(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		email, token, _ := api.newCustomer(t, "totp")
		do := func(doc, field string, vars map[string]any) twoFactorPayload {
			t.Helper()
			var p twoFactorPayload
			api.MustDo(t, doc, vars, field, &p)
			return p
		}
		tfCodes := func(p twoFactorPayload) []string { return codes(p.TwoFactorUserErrors) }
		login := func(code any) twoFactorPayload {
			return do(tfLoginDoc, "customerAccessTokenCreate", map[string]any{"e": email, "p": goodPassword, "c": code})
		}

		// Enabling needs a set-up first.
		if d := cmp.Diff([]string{"SETUP_REQUIRED@"}, tfCodes(do(tfEnableDoc, "customerTwoFactorEnable", map[string]any{"t": token, "c": "123456"}))); d != "" {
			t.Errorf("enable before set-up: %s", d)
		}
		s := do(tfSetupDoc, "customerTwoFactorSetup", map[string]any{"t": token})
		if s.Secret == nil || s.OtpauthURI == nil {
			t.Fatalf("set-up: %+v", s)
		}
		u, err := url.Parse(*s.OtpauthURI)
		if err != nil || u.Scheme != "otpauth" || u.Host != "totp" || u.Query().Get("secret") != *s.Secret || !strings.Contains(u.Path, email) {
			t.Errorf("otpauth URI: %s", *s.OtpauthURI)
		}
		// Pending: sign-in still needs no code.
		if p := login(nil); p.CustomerAccessToken == nil {
			t.Fatalf("sign-in while only pending: %+v", p)
		}
		now := time.Now()
		wrong := totpAt(t, *s.Secret, now.Add(-10*time.Minute))
		if d := cmp.Diff([]string{"TWO_FACTOR_INVALID@code"}, tfCodes(do(tfEnableDoc, "customerTwoFactorEnable", map[string]any{"t": token, "c": wrong}))); d != "" {
			t.Errorf("enable with an old code: %s", d)
		}
		e := do(tfEnableDoc, "customerTwoFactorEnable", map[string]any{"t": token, "c": totpAt(t, *s.Secret, now)})
		if e.Customer == nil || !e.Customer.TwoFactorEnabled || len(e.RecoveryCodes) != 10 {
			t.Fatalf("enable: %+v", e)
		}
		if d := cmp.Diff([]string{"ALREADY_ENABLED@"}, tfCodes(do(tfSetupDoc, "customerTwoFactorSetup", map[string]any{"t": token}))); d != "" {
			t.Errorf("set-up when on: %s", d)
		}

		// Sign-in: no code, a wrong code, the code already used to enable.
		for _, c := range []struct {
			code any
			want string
		}{
			{nil, "TWO_FACTOR_REQUIRED@input.totpCode"},
			{"", "TWO_FACTOR_REQUIRED@input.totpCode"},
			{wrong, "TWO_FACTOR_INVALID@code"},
			{totpAt(t, *s.Secret, now), "TWO_FACTOR_INVALID@code"}, // replay of the enabling code
		} {
			p := login(c.code)
			if p.CustomerAccessToken != nil || !cmp.Equal(tfCodes(p), []string{c.want}) {
				t.Errorf("sign-in with %v: %+v", c.code, p)
			}
			// Shopify clients see the same entry with Shopify's INVALID.
			if len(p.CustomerUserErrors) != 1 || p.CustomerUserErrors[0].Code == nil || *p.CustomerUserErrors[0].Code != "INVALID" || p.CustomerUserErrors[0].Message == "" {
				t.Errorf("customerUserErrors for %v: %+v", c.code, p.CustomerUserErrors)
			}
		}
		// The next step's code works once.
		next := totpAt(t, *s.Secret, now.Add(30*time.Second))
		if p := login(next); p.CustomerAccessToken == nil {
			t.Fatalf("sign-in with a fresh code: %+v", p)
		}
		if p := login(next); p.CustomerAccessToken != nil {
			t.Error("a TOTP code was accepted twice")
		}
		// A wrong password never reaches the second factor.
		var bad twoFactorPayload
		api.MustDo(t, tfLoginDoc, map[string]any{"e": email, "p": "wrong password", "c": next}, "customerAccessTokenCreate", &bad)
		if !cmp.Equal(codes(bad.CustomerUserErrors), []string{"UNIDENTIFIED_CUSTOMER@"}) || len(bad.TwoFactorUserErrors) != 0 {
			t.Errorf("wrong password: %+v", bad)
		}
		// Recovery codes: each works once, whatever the case and dashes.
		rc := e.RecoveryCodes[0]
		if p := login(strings.ToUpper(strings.ReplaceAll(rc, "-", ""))); p.CustomerAccessToken == nil {
			t.Fatalf("sign-in with a recovery code: %+v", p)
		}
		if p := login(rc); p.CustomerAccessToken != nil {
			t.Error("a recovery code worked twice")
		}
		// Disabling needs a code too; a recovery code will do.
		if d := cmp.Diff([]string{"TWO_FACTOR_INVALID@code"}, tfCodes(do(tfDisableDoc, "customerTwoFactorDisable", map[string]any{"t": token, "c": rc}))); d != "" {
			t.Errorf("disable with a used recovery code: %s", d)
		}
		d := do(tfDisableDoc, "customerTwoFactorDisable", map[string]any{"t": token, "c": e.RecoveryCodes[1]})
		if d.Customer == nil || d.Customer.TwoFactorEnabled {
			t.Fatalf("disable: %+v", d)
		}
		if p := login(nil); p.CustomerAccessToken == nil {
			t.Errorf("sign-in after disabling: %+v", p)
		}
		if diff := cmp.Diff([]string{"NOT_ENABLED@"}, tfCodes(do(tfDisableDoc, "customerTwoFactorDisable", map[string]any{"t": token, "c": e.RecoveryCodes[2]}))); diff != "" {
			t.Errorf("disable when off: %s", diff)
		}
		// Old recovery codes died with it.
		s = do(tfSetupDoc, "customerTwoFactorSetup", map[string]any{"t": token})
		do(tfEnableDoc, "customerTwoFactorEnable", map[string]any{"t": token, "c": totpAt(t, *s.Secret, time.Now())})
		if p := login(e.RecoveryCodes[3]); p.CustomerAccessToken != nil {
			t.Error("a recovery code of the earlier set-up still works")
		}
		// Without a valid token, nothing.
		if diff := cmp.Diff([]string{"TOKEN_INVALID@customerAccessToken"}, tfCodes(do(tfSetupDoc, "customerTwoFactorSetup", map[string]any{"t": "nope"}))); diff != "" {
			t.Errorf("bad token: %s", diff)
		}
	})
}

// TestTwoFactorBruteForce: wrong second factors are throttled per account,
// well before guessing one of a million codes is likely.
func TestTwoFactorBruteForce(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		email, token, _ := api.newCustomer(t, "totpbf")
		var s twoFactorPayload
		api.MustDo(t, tfSetupDoc, map[string]any{"t": token}, "customerTwoFactorSetup", &s)
		api.MustDo(t, tfEnableDoc, map[string]any{"t": token, "c": totpAt(t, *s.Secret, time.Now())}, "customerTwoFactorEnable", nil)
		throttled := 0
		for i := 0; i < 15; i++ {
			// From many addresses: the limit is the account's, not the IP's.
			r := api.Do(t, tfLoginDoc, map[string]any{"e": email, "p": goodPassword, "c": "000000"}, FromIP(randomIP()))
			if len(r.Errors) > 0 && r.Errors[0].Code() == "THROTTLED" {
				throttled++
			}
		}
		if throttled != 5 {
			t.Errorf("%d of 15 wrong codes throttled, want 5 (limit 10)", throttled)
		}
		// Even the right code waits out the window.
		r := api.Do(t, tfLoginDoc, map[string]any{"e": email, "p": goodPassword, "c": totpAt(t, *s.Secret, time.Now().Add(30*time.Second))})
		if len(r.Errors) == 0 || r.Errors[0].Code() != "THROTTLED" {
			t.Errorf("right code while throttled: %s", r.Raw)
		}
	})
}

// TestTwoFactorPolicyRequired: when the shop requires two-factor sign-in,
// a customer without it gets a token that serves the set-up only (also
// sessions that were live when the policy changed); turning it on makes
// every such session whole, and it cannot be turned off while required.
func TestTwoFactorPolicyRequired(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		email, before, _ := api.newCustomer(t, "mandated")
		setPolicy := func(p string) {
			t.Helper()
			var out struct{ adminPayload }
			api.MustDo(t, settingsUpdateDoc, map[string]any{"i": map[string]any{"twoFactor": p}}, "adminAccountSettingsUpdate", &out, AsAdmin(adminKey))
			if len(out.UserErrors) > 0 {
				t.Fatalf("policy: %+v", out.UserErrors)
			}
		}
		t.Cleanup(func() { setPolicy("OPTIONAL") })
		setPolicy("REQUIRED")
		var sp struct {
			CustomerAccessToken *struct {
				AccessToken            string
				TwoFactorSetupRequired bool
			}
		}
		api.MustDo(t, `mutation($e: String!, $p: String!) { customerAccessTokenCreate(input: {email: $e, password: $p}) {
  customerAccessToken { accessToken twoFactorSetupRequired } } }`, map[string]any{"e": email, "p": goodPassword}, "customerAccessTokenCreate", &sp)
		if sp.CustomerAccessToken == nil || !sp.CustomerAccessToken.TwoFactorSetupRequired {
			t.Fatalf("sign-in under REQUIRED: %+v", sp)
		}
		limited := sp.CustomerAccessToken.AccessToken
		// Neither the new token nor the session from before serves anything else.
		for _, tok := range []string{limited, before} {
			if r := api.Do(t, customerDoc, map[string]any{"token": tok}); string(r.Data["customer"]) != "null" {
				t.Errorf("customer with a set-up token: %s", r.Raw)
			}
			var p struct{ Payload }
			api.MustDo(t, `mutation($t: String!) { customerUpdate(customerAccessToken: $t, customer: {firstName: "X"}) { customerUserErrors { code field message } } }`,
				map[string]any{"t": tok}, "customerUpdate", &p)
			if d := cmp.Diff([]string{"TOKEN_INVALID@customerAccessToken"}, codes(p.CustomerUserErrors)); d != "" {
				t.Errorf("update with a set-up token: %s", d)
			}
		}
		var s twoFactorPayload
		api.MustDo(t, tfSetupDoc, map[string]any{"t": limited}, "customerTwoFactorSetup", &s)
		if s.Secret == nil {
			t.Fatalf("set-up: %+v", s)
		}
		var e twoFactorPayload
		now := time.Now()
		api.MustDo(t, tfEnableDoc, map[string]any{"t": limited, "c": totpAt(t, *s.Secret, now)}, "customerTwoFactorEnable", &e)
		if e.Customer == nil || !e.Customer.TwoFactorEnabled {
			t.Fatalf("enable: %+v", e)
		}
		for _, tok := range []string{limited, before} {
			if r := api.Do(t, customerDoc, map[string]any{"token": tok}); string(r.Data["customer"]) == "null" {
				t.Errorf("session after enabling: %s", r.Raw)
			}
		}
		var d twoFactorPayload
		api.MustDo(t, tfDisableDoc, map[string]any{"t": limited, "c": e.RecoveryCodes[0]}, "customerTwoFactorDisable", &d)
		if diff := cmp.Diff([]string{"NOT_ALLOWED@"}, codes(d.TwoFactorUserErrors)); diff != "" || d.Customer != nil {
			t.Errorf("disable under REQUIRED: %s %+v", diff, d)
		}
		// Back to OPTIONAL: a customer without two-factor signs in fully.
		setPolicy("OPTIONAL")
		other, _, _ := api.newCustomer(t, "relaxed")
		api.login(t, other, goodPassword)
		api.MustDo(t, tfDisableDoc, map[string]any{"t": limited, "c": e.RecoveryCodes[1]}, "customerTwoFactorDisable", &d)
		if d.Customer == nil || d.Customer.TwoFactorEnabled {
			t.Errorf("disable under OPTIONAL: %+v", d)
		}
	})
}
