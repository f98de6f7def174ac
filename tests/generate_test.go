package tests

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"accountgraph/internal/server"
)

// TestGenerateCommand: `generate` fills a database whose customers sign in
// with the printed password, whose list figures match their orders and
// whose loyalty caches match their ledgers.
func TestGenerateCommand(t *testing.T) {
	parallel(t)
	eachDatabase(t, "gen.sqlite", func(t *testing.T, _, url string) {
		env := map[string]string{"DATABASE_URL": url, "MAIL_DIR": filepath.Join(t.TempDir(), "mail"), "ARGON2_MEMORY_KIB": "64", "ARGON2_ITERATIONS": "1"}
		for range 2 { // a second run adds more, after the first
			out, errOut, done := runBinary(t, context.Background(), env, []string{"generate", "--customers", "30", "--orders", "3", "--lines", "2"})
			if err := <-done; err != nil || !regexp.MustCompile(`generated 30 customers, \d+ orders`).MatchString(out.String()) {
				t.Fatalf("generate: %v\n%s%s", err, out, errOut)
			}
		}
		api := start(t, "generated", url, nil)
		var l struct {
			Nodes []struct {
				Email          string
				NumberOfOrders string
				AmountSpent    struct{ Amount string }
				Orders         struct {
					Nodes []struct{ TotalPrice struct{ Amount string } }
				}
			}
		}
		api.MustDo(t, `{ adminCustomers(first: 60) { nodes { email numberOfOrders amountSpent { amount } orders(first: 50) { nodes { totalPrice { amount } } } } } }`,
			nil, "adminCustomers", &l, AsAdmin(adminKey))
		if len(l.Nodes) != 60 || l.Nodes[59].Email != "gen.59@example.com" {
			t.Fatalf("customers: %d", len(l.Nodes))
		}
		orders := 0
		for _, c := range l.Nodes {
			var cents int
			for _, o := range c.Orders.Nodes {
				var w, f int
				fmt.Sscanf(o.TotalPrice.Amount, "%d.%d", &w, &f)
				cents += w*100 + f
			}
			spent := fmt.Sprintf("%d.%02d", cents/100, cents%100)
			if c.NumberOfOrders != fmt.Sprint(len(c.Orders.Nodes)) || strings.TrimRight(strings.TrimRight(c.AmountSpent.Amount, "0"), ".") != strings.TrimRight(strings.TrimRight(spent, "0"), ".") {
				t.Errorf("%s: %s orders, spent %s; orders say %d, %s", c.Email, c.NumberOfOrders, c.AmountSpent.Amount, len(c.Orders.Nodes), spent)
			}
			orders += len(c.Orders.Nodes)
		}
		if orders == 0 {
			t.Error("no orders generated")
		}
		api.login(t, "gen.7@example.com", server.GeneratedPassword)
		var report struct {
			CheckedAccounts int
			Mismatches      []struct{ CustomerID string }
		}
		api.MustDo(t, `{ adminLoyaltyConsistencyCheck { checkedAccounts mismatches { customerId } } }`, nil, "adminLoyaltyConsistencyCheck", &report, AsAdmin(adminKey))
		if report.CheckedAccounts != 60 || len(report.Mismatches) != 0 {
			t.Errorf("loyalty: %+v", report)
		}
	})
}
