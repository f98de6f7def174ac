package tests

import (
	"strings"
	"testing"
)

// TestConcurrentDoubleSubmits: the same one-time action sent many times at
// once succeeds exactly once and leaves consistent data.
func TestConcurrentDoubleSubmits(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		const n = 8
		// Registrations of one email.
		email := uniqueEmail("race")
		// The goroutines only send; failures are reported here, on the test's
		// own goroutine (t.Fatal must not be called from another).
		results := make([]string, n)
		errs := make([]error, n)
		atOnce(n, func(i int) {
			r, err := api.TryDo(customerCreateDoc, map[string]any{"input": map[string]any{"email": email, "password": goodPassword}}, FromIP(randomIP()))
			results[i], errs[i] = r.Raw, err
		})
		failOnErrors(t, errs)
		created, taken := 0, 0
		for _, r := range results {
			switch {
			case strings.Contains(r, `"TAKEN"`):
				taken++
			case strings.Contains(r, `"customer":{"id"`):
				created++
			default:
				t.Errorf("unexpected answer: %s", r)
			}
		}
		if created != 1 || taken != n-1 {
			t.Errorf("created %d, taken %d", created, taken)
		}

		// Redeeming one reset link.
		api.MustDo(t, recoverDoc, map[string]any{"email": email}, "customerRecover", nil)
		link := api.LastLink(t, email, "reset")
		tokens := make([]string, n)
		atOnce(n, func(i int) {
			var p tokenPayload
			errs[i] = api.tryDecode(resetByURLDoc, map[string]any{"url": link, "password": "parallel passphrase " + string(rune('a'+i))}, "customerResetByUrl", &p, FromIP(randomIP()))
			if p.CustomerAccessToken != nil {
				tokens[i] = p.CustomerAccessToken.AccessToken
			}
		})
		failOnErrors(t, errs)
		winner := -1
		for i, tok := range tokens {
			if tok != "" {
				if winner >= 0 {
					t.Fatalf("reset link redeemed twice (%d and %d)", winner, i)
				}
				winner = i
			}
		}
		if winner < 0 {
			t.Fatal("no redemption succeeded")
		}
		// The winner's password and token are the ones that hold.
		api.login(t, email, "parallel passphrase "+string(rune('a'+winner)))
		var c struct{ Email string }
		api.MustDo(t, customerDoc, map[string]any{"token": tokens[winner]}, "customer", &c)
		if c.Email != email {
			t.Errorf("the winner's token reads %q, want %q", c.Email, email)
		}

		// Adding the same address at once stores it once.
		token := api.login(t, email, "parallel passphrase "+string(rune('a'+winner)))
		atOnce(n, func(i int) {
			_, errs[i] = api.TryDo(addressCreateDoc, map[string]any{"token": token, "address": ottawa})
		})
		failOnErrors(t, errs)
		var cust struct {
			DefaultAddress *struct{ ID string }
			Addresses      struct{ Nodes []struct{ ID string } }
		}
		api.MustDo(t, customerDoc, map[string]any{"token": token}, "customer", &cust)
		if len(cust.Addresses.Nodes) != 1 || cust.DefaultAddress == nil || cust.DefaultAddress.ID != cust.Addresses.Nodes[0].ID {
			t.Errorf("after concurrent creates: %+v", cust)
		}
	})
}
