package tests

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const sessionsDoc = `query($t: String!) { customer(customerAccessToken: $t) { sessions(first: 10) { nodes { id createdAt expiresAt ipAddress userAgent } } } }`

type sessionsOut struct {
	Sessions struct {
		Nodes []struct {
			ID, CreatedAt, ExpiresAt string
			IPAddress, UserAgent     *string
		}
	}
}

func TestSessions(t *testing.T) {
	eachDB(t, func(t *testing.T, api *API) {
		email, first, _ := api.newCustomer(t, "sessions")
		second := ""
		{
			var p struct{ CustomerAccessToken *Token }
			api.MustDo(t, tokenCreateDoc, map[string]any{"input": map[string]any{"email": email, "password": goodPassword}},
				"customerAccessTokenCreate", &p, FromIP("203.0.113.77"), Header("User-Agent", "Phone/1.0"))
			second = p.CustomerAccessToken.AccessToken
		}
		third := api.login(t, email, goodPassword)
		var s sessionsOut
		api.MustDo(t, sessionsDoc, map[string]any{"t": first}, "customer", &s)
		if len(s.Sessions.Nodes) != 3 {
			t.Fatalf("sessions: %+v", s)
		}
		// Newest first; the address is kept coarse, never whole.
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
		if len(s.Sessions.Nodes) != 1 {
			t.Errorf("sessions left: %+v", s)
		}
	})
}
