package tests

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

const sessionsDoc = `query($t: String!) { customer(customerAccessToken: $t) { sessions(first: 10) { nodes { id createdAt expiresAt ipAddress userAgent current } } } }`

type sessionsOut struct {
	Sessions struct {
		Nodes []struct {
			ID, CreatedAt, ExpiresAt string
			IPAddress, UserAgent     *string
			Current                  bool
		}
	}
}

func TestSessions(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		email, first, _ := api.newCustomer(t, "sessions")
		second := api.login(t, email, goodPassword, FromIP("203.0.113.77"), Header("User-Agent", "Phone/1.0"))
		third := api.login(t, email, goodPassword)
		var s sessionsOut
		api.MustDo(t, sessionsDoc, map[string]any{"t": first}, "customer", &s)
		if len(s.Sessions.Nodes) != 3 {
			t.Fatalf("sessions: %+v", s)
		}
		// Newest first, and the one asking is marked as this device.
		var current []bool
		for _, n := range s.Sessions.Nodes {
			current = append(current, n.Current)
		}
		if d := cmp.Diff([]bool{false, false, true}, current); d != "" {
			t.Errorf("current session as seen from the first (-want +got):\n%s", d)
		}
		// The address is kept coarse, never whole.
		phone := s.Sessions.Nodes[1]
		if phone.IPAddress == nil || *phone.IPAddress != "203.0.113.0/24" || *phone.UserAgent != "Phone/1.0" {
			t.Errorf("phone session: %+v", phone)
		}
		if strings.Contains(dumpDatabase(t, api), "203.0.113.77") {
			t.Error("the full client address is stored")
		}
		// Revoke the phone's session from the first device.
		var rv struct {
			RevokedSessionID   *string `json:"revokedSessionId"`
			CustomerUserErrors []UserError
		}
		doc := `mutation($t: String!, $s: ID!) { customerSessionRevoke(customerAccessToken: $t, sessionId: $s) { revokedSessionId customerUserErrors { code field } } }`
		api.MustDo(t, doc, map[string]any{"t": first, "s": phone.ID}, "customerSessionRevoke", &rv)
		if rv.RevokedSessionID == nil || *rv.RevokedSessionID != phone.ID {
			t.Fatalf("revoke: %+v", rv)
		}
		if r := api.Do(t, customerDoc, map[string]any{"token": second}); string(r.Data["customer"]) != "null" {
			t.Error("the revoked session still works")
		}
		api.MustDo(t, doc, map[string]any{"t": first, "s": phone.ID}, "customerSessionRevoke", &rv)
		if d := cmp.Diff([]string{"NOT_FOUND@sessionId"}, codes(rv.CustomerUserErrors)); d != "" {
			t.Errorf("revoke twice: %s", d)
		}
		// Everyone else out: only the caller's session stays.
		var ro struct {
			RevokedCount int
		}
		api.MustDo(t, `mutation($t: String!) { customerSessionsRevokeOthers(customerAccessToken: $t) { revokedCount } }`, map[string]any{"t": third}, "customerSessionsRevokeOthers", &ro)
		if ro.RevokedCount != 1 {
			t.Errorf("revoked %d", ro.RevokedCount)
		}
		if r := api.Do(t, customerDoc, map[string]any{"token": first}); string(r.Data["customer"]) != "null" {
			t.Error("another session survived")
		}
		api.MustDo(t, sessionsDoc, map[string]any{"t": third}, "customer", &s)
		if len(s.Sessions.Nodes) != 1 || !s.Sessions.Nodes[0].Current {
			t.Errorf("sessions left: %+v", s)
		}
	})
}

const (
	codeSendDoc  = `mutation($e: String!) { customerEmailCodeSend(email: $e) { customerUserErrors { code field message } } }`
	codeLoginDoc = `mutation($e: String!, $c: String!) { customerAccessTokenCreateWithCode(email: $e, code: $c) { customerAccessToken { accessToken } customerUserErrors { code field message } } }`
)

var codeRE = regexp.MustCompile(`sign-in code[^\n]*\n\s*\n\s*([0-9]{6})`)

// lastCode returns the newest sign-in code mailed to an address.
func (a *API) lastCode(t *testing.T, to string) string {
	t.Helper()
	return a.LastMatch(t, to, codeRE)
}

type codeLogin struct {
	CustomerAccessToken *Token
	CustomerUserErrors  []UserError
}

func TestPasswordlessCodes(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		known, _, _ := api.newCustomer(t, "coder")
		stranger := uniqueEmail("newcomer")
		// The same answer for an account and a stranger; both get a code.
		a := api.Do(t, codeSendDoc, map[string]any{"e": known})
		b := api.Do(t, codeSendDoc, map[string]any{"e": stranger})
		if a.Raw != b.Raw || len(a.Errors) > 0 {
			t.Fatalf("answers differ: %s / %s", a.Raw, b.Raw)
		}
		login := func(email, code string) codeLogin {
			var p codeLogin
			api.MustDo(t, codeLoginDoc, map[string]any{"e": email, "c": code}, "customerAccessTokenCreateWithCode", &p, FromIP(randomIP()))
			return p
		}
		code := api.lastCode(t, known)
		wrong := wrongCode(code, 1)
		if p := login(known, wrong); cmp.Diff([]string{"TOKEN_INVALID@code"}, codes(p.CustomerUserErrors)) != "" {
			t.Errorf("wrong code: %+v", p)
		}
		p := login(strings.ToUpper(known), code)
		if p.CustomerAccessToken == nil {
			t.Fatalf("right code: %+v", p.CustomerUserErrors)
		}
		if p := login(known, code); p.CustomerAccessToken != nil {
			t.Error("a code worked twice")
		}
		// A stranger's first code makes a verified account.
		p = login(stranger, api.lastCode(t, stranger))
		if p.CustomerAccessToken == nil {
			t.Fatalf("new account: %+v", p.CustomerUserErrors)
		}
		var c struct {
			Email         string
			EmailVerified bool
		}
		api.MustDo(t, customerDoc, map[string]any{"token": p.CustomerAccessToken.AccessToken}, "customer", &c)
		if c.Email != stranger || !c.EmailVerified {
			t.Errorf("new customer: %+v", c)
		}

		// Five wrong tries kill a code, even the right one after them.
		api.MustDo(t, codeSendDoc, map[string]any{"e": known}, "customerEmailCodeSend", nil)
		code = api.lastCode(t, known)
		for i := range 5 {
			login(known, wrongCode(code, 1+i))
		}
		if p := login(known, code); p.CustomerAccessToken != nil {
			t.Error("the code survived 5 wrong tries")
		}
		// A code expires after 10 minutes.
		api.MustDo(t, codeSendDoc, map[string]any{"e": known}, "customerEmailCodeSend", nil)
		code = api.lastCode(t, known)
		api.TimeTravel(11 * time.Minute)
		if p := login(known, code); p.CustomerAccessToken != nil {
			t.Error("an expired code worked")
		}
		api.TimeTravel(0)
		// Resends to one address are capped (5 an hour), silently.
		before := len(api.MailsTo(t, known))
		for range 4 {
			api.MustDo(t, codeSendDoc, map[string]any{"e": known}, "customerEmailCodeSend", nil, FromIP(randomIP()))
		}
		if got := len(api.MailsTo(t, known)) - before; got != 2 {
			t.Errorf("%d codes sent past the cap, want 2 (5 an hour)", got)
		}
		for _, bad := range []string{"", "not-an-email"} {
			r := api.Do(t, codeSendDoc, map[string]any{"e": bad})
			if !strings.Contains(r.Raw, `"code":"BLANK"`) && !strings.Contains(r.Raw, `"code":"INVALID"`) {
				t.Errorf("email %q: %s", bad, r.Raw)
			}
		}
		// Codes are stored hashed and never logged (not even in a subject).
		if dump := dumpDatabase(t, api); strings.Contains(dump, "|"+code+"|") {
			t.Error("a code is stored in clear")
		}
		if strings.Contains(api.Logs(), code) {
			t.Error("a sign-in code is in the logs")
		}
	})
}

const verifyDoc = `mutation($t: String!) { customerEmailVerify(token: $t) { customer { email emailVerified pendingEmail } customerUserErrors { code field message } } }`

var verifyRE = regexp.MustCompile(`https://shop\.test/account/verify/([0-9a-f]{64})`)

// verifyToken returns the newest verification token mailed to an address.
func (a *API) verifyToken(t *testing.T, to string) string {
	t.Helper()
	return a.LastMatch(t, to, verifyRE)
}

func TestEmailVerification(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		email := uniqueEmail("verifier")
		// A guest order placed before the account exists.
		guest := api.createOrder(t, map[string]any{"email": email})
		api.register(t, email)
		token := api.login(t, email, goodPassword)
		orders := func() string {
			var c struct{ NumberOfOrders string }
			api.MustDo(t, customerDoc, map[string]any{"token": token}, "customer", &c)
			return c.NumberOfOrders
		}
		if orders() != "0" {
			t.Fatal("a guest order joined an unverified account")
		}
		vt := api.verifyToken(t, email)
		var v struct {
			Customer *struct {
				Email         string
				EmailVerified bool
			}
			CustomerUserErrors []UserError
		}
		api.MustDo(t, verifyDoc, map[string]any{"t": vt}, "customerEmailVerify", &v)
		if v.Customer == nil || !v.Customer.EmailVerified || v.Customer.Email != email {
			t.Fatalf("verify: %+v", v)
		}
		if orders() != "1" {
			t.Errorf("the guest order %s did not join after verification", guest.Name)
		}
		// Single use, and made-up tokens are refused.
		for _, bad := range []string{vt, strings.Repeat("c", 64), ""} {
			api.MustDo(t, verifyDoc, map[string]any{"t": bad}, "customerEmailVerify", &v)
			if d := cmp.Diff([]string{"TOKEN_INVALID@token"}, codes(v.CustomerUserErrors)); d != "" || v.Customer != nil {
				t.Errorf("token %.8q: %s", bad, d)
			}
		}
		// A change to an address someone else takes meanwhile is refused at verification.
		other := uniqueEmail("other")
		var p updatePayload
		api.MustDo(t, customerUpdateDoc, map[string]any{"token": token, "customer": map[string]any{"email": other}}, "customerUpdate", &p)
		api.register(t, other)
		api.MustDo(t, verifyDoc, map[string]any{"t": api.verifyToken(t, other)}, "customerEmailVerify", &v)
		// The newest link to `other` is the new account's own; the change's link is older.
		ms := api.MailsTo(t, other)
		changeLink := ""
		for _, m := range ms {
			if l := verifyRE.FindStringSubmatch(m.Body); l != nil && changeLink == "" {
				changeLink = l[1]
			}
		}
		api.MustDo(t, verifyDoc, map[string]any{"t": changeLink}, "customerEmailVerify", &v)
		if d := cmp.Diff([]string{"TAKEN@token"}, codes(v.CustomerUserErrors)); d != "" {
			t.Errorf("change to a taken address: %s", d)
		}
	})
}

// TestSessionLastUse: a session shows its device and when it was last
// used; the time moves when the session is used again after five minutes
// (not on every request, which would cost a write each).
func TestSessionLastUse(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		email := uniqueEmail("lastuse")
		api.register(t, email)
		token := api.login(t, email, goodPassword,
			Header("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"))
		doc := `query($t: String!) { customer(customerAccessToken: $t) { sessions(first: 5) { nodes { device lastUsedAt createdAt } } } }`
		read := func() (device string, used, created time.Time) {
			t.Helper()
			var s struct {
				Sessions struct {
					Nodes []struct {
						Device                string
						LastUsedAt, CreatedAt time.Time
					}
				}
			}
			api.MustDo(t, doc, map[string]any{"t": token}, "customer", &s)
			n := s.Sessions.Nodes[0]
			return n.Device, n.LastUsedAt, n.CreatedAt
		}
		device, used, created := read()
		if device != "Chrome on Windows" || used.Sub(created).Abs() > time.Second {
			t.Fatalf("new session: %s used %v created %v", device, used, created)
		}
		before := api.Statements(t)
		read()
		quiet := api.Statements(t) - before
		api.TimeTravel(10 * time.Minute)
		defer api.TimeTravel(0)
		before = api.Statements(t)
		_, used, _ = read()
		if touched := api.Statements(t) - before; touched != quiet+1 {
			t.Errorf("a stale session's use cost %d statements, a fresh one's %d", touched, quiet)
		}
		if d := used.Sub(created); d < 10*time.Minute-time.Second || d > 11*time.Minute {
			t.Errorf("last use %v after creation", d)
		}
	})
}

// TestLongOrOddUserAgent: a user agent longer than the column, cut inside
// a character, or not UTF-8 at all still signs in (it is stored cut on a
// character boundary, invalid bytes dropped).
func TestLongOrOddUserAgent(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		email := uniqueEmail("ua")
		api.register(t, email)
		for _, ua := range []string{strings.Repeat("é", 200), "Browser/1.0 \xff\xfe"} {
			token := api.login(t, email, goodPassword, Header("User-Agent", ua))
			var s sessionsOut
			api.MustDo(t, sessionsDoc, map[string]any{"t": token}, "customer", &s)
			got := *s.Sessions.Nodes[0].UserAgent
			if len(got) > 255 || !utf8.ValidString(got) || !strings.HasPrefix(ua, strings.TrimRight(got, " ")[:4]) {
				t.Errorf("stored user agent %q", got)
			}
		}
	})
}
