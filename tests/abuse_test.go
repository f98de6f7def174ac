package tests

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"accountgraph/internal/config"
	"accountgraph/internal/db"
	"accountgraph/internal/querylimit"
)

// The abuse suite: requests shaped to take the server's CPU or memory, as
// an attacker or a careless client sends them. Each must be refused (or
// served within the limits) quickly, with an error naming the limit, and
// without running anything: the statement counter does not move.
//
// Times are measured against a generous budget (a refusal takes
// microseconds to milliseconds; before the limits, these took 17 s to
// minutes), not benchmarked.
const refusalBudget = time.Second

// attack is one abusive request and the limit that must refuse it.
type attack struct {
	name  string
	body  func(token string) []byte
	code  string // extensions.code of the refusal
	limit string // extensions.limit, when the refusal names a setting
}

func gql(query string, vars map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return b
}

// fragmentBomb spreads each fragment twice in the next: n levels expand to
// 2^n fields from a document of about 60·n bytes.
func fragmentBomb(n int) string {
	var b strings.Builder
	b.WriteString("fragment F0 on Customer { id email }\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "fragment F%d on Customer { ...F%d ...F%d }\n", i, i-1, i-1)
	}
	fmt.Fprintf(&b, "query($t: String!) { customer(customerAccessToken: $t) { ...F%d } }", n)
	return b.String()
}

func repeat(n int, f func(i int) string) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = f(i)
	}
	return strings.Join(parts, " ")
}

func attacks() []attack {
	wishlistPage := `wishlists(first: 250) { nodes { lines(first: 250) { nodes { id quantity merchandise { sku title price { amount } } } } } }`
	return []attack{
		{"fragment bomb, 25 levels", func(tok string) []byte {
			return gql(fragmentBomb(25), map[string]any{"t": tok})
		}, "MAX_SELECTIONS_EXCEEDED", "QUERY_MAX_SELECTIONS"},
		{"fragment bomb, 39 levels", func(tok string) []byte {
			return gql(fragmentBomb(39), map[string]any{"t": tok})
		}, "MAX_SELECTIONS_EXCEEDED", "QUERY_MAX_SELECTIONS"},
		{"fragment bomb, 64 levels (counts past 2^63)", func(tok string) []byte {
			return gql(fragmentBomb(64), map[string]any{"t": tok})
		}, "MAX_SELECTIONS_EXCEEDED", "QUERY_MAX_SELECTIONS"},
		{"wishlists 250 × lines 250 under 50 aliases", func(tok string) []byte {
			q := `query($t: String!) { customer(customerAccessToken: $t) { ` + repeat(50, func(i int) string { return fmt.Sprintf("w%d: %s", i, wishlistPage) }) + ` } }`
			return gql(q, map[string]any{"t": tok})
		}, "MAX_COST_EXCEEDED", "QUERY_MAX_COST"},
		{"wishlists 250 × lines 250 once", func(tok string) []byte {
			return gql(`query($t: String!) { customer(customerAccessToken: $t) { `+wishlistPage+` } }`, map[string]any{"t": tok})
		}, "MAX_COST_EXCEEDED", "QUERY_MAX_COST"},
		{"page sizes from variables", func(tok string) []byte {
			return gql(`query($t: String!, $n: Int!) { customer(customerAccessToken: $t) { orders(first: $n) { nodes { lineItems(first: $n) { nodes { variant { product { variants(first: $n) { nodes { id } } } } } } } } } }`,
				map[string]any{"t": tok, "n": 250})
		}, "MAX_COST_EXCEEDED", "QUERY_MAX_COST"},
		{"20,000 aliases of __typename", func(string) []byte {
			return gql("{ "+repeat(20000, func(i int) string { return fmt.Sprintf("a%d: __typename", i) })+" }", nil)
		}, "MAX_TOKENS_EXCEEDED", "QUERY_MAX_TOKENS"},
		{"aliases over the limit, under the token limit", func(string) []byte {
			return gql("{ "+repeat(querylimit.Defaults().Aliases+1, func(i int) string { return fmt.Sprintf("a%d: __typename", i) })+" }", nil)
		}, "MAX_ALIASES_EXCEEDED", "QUERY_MAX_ALIASES"},
		{"one field repeated", func(tok string) []byte {
			return gql(`query($t: String!) { customer(customerAccessToken: $t) { `+strings.Repeat("email ", 3000)+` } }`, map[string]any{"t": tok})
		}, "MAX_SELECTIONS_EXCEEDED", "QUERY_MAX_SELECTIONS"},
		{"an unused fragment that is large", func(string) []byte {
			return gql(`{ __typename } fragment Big on Customer { `+strings.Repeat("email ", 3000)+` }`, nil)
		}, "MAX_SELECTIONS_EXCEEDED", "QUERY_MAX_SELECTIONS"},
		{"deep nesting", func(string) []byte {
			return gql(strings.Repeat("{ a ", 500)+strings.Repeat("}", 500), nil)
		}, "MAX_DEPTH_EXCEEDED", "QUERY_MAX_DEPTH"},
		{"deep valid nesting", func(tok string) []byte {
			inner := "id"
			for range 20 {
				inner = "variant { product { variants(first: 1) { nodes { " + inner + " } } } }"
			}
			return gql(`query($t: String!) { customer(customerAccessToken: $t) { orders(first: 1) { nodes { lineItems(first: 1) { nodes { `+inner+` } } } } } }`, map[string]any{"t": tok})
		}, "MAX_DEPTH_EXCEEDED", "QUERY_MAX_DEPTH"},
		{"introspection nested 800 deep", func(string) []byte {
			return gql("{ __schema { types { "+strings.Repeat("fields { type { ", 400)+"name"+strings.Repeat(" } }", 400)+" } } }", nil)
		}, "GRAPHQL_VALIDATION_FAILED", ""},
		{"introspection over the selection limit", func(string) []byte {
			return gql("{ __schema { types { "+strings.Repeat("name ", 1600)+"} } }", nil)
		}, "MAX_SELECTIONS_EXCEEDED", "QUERY_MAX_SELECTIONS"},
		{"170 KB of repeated directives", func(string) []byte {
			return gql("{ __typename "+strings.Repeat("@include(if: true) ", 9000)+"}", nil)
		}, "MAX_TOKENS_EXCEEDED", "QUERY_MAX_TOKENS"},
		{"directives over the limit", func(string) []byte {
			return gql("{ __typename "+strings.Repeat("@skip(if: false) ", querylimit.Defaults().Directives+1)+"}", nil)
		}, "MAX_DIRECTIVES_EXCEEDED", "QUERY_MAX_DIRECTIVES"},
		{"a list argument of 30,000 IDs", func(string) []byte {
			ids := make([]string, 30000)
			for i := range ids {
				ids[i] = "gid://shopify/Customer/1"
			}
			return gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Wishlist { name lines(first: 5) { nodes { id } } } } }`, map[string]any{"ids": ids})
		}, "MAX_COST_EXCEEDED", "QUERY_MAX_COST"},
		{"a batch of 1,000 operations", func(string) []byte {
			ops := make([]map[string]any, 1000)
			for i := range ops {
				ops[i] = map[string]any{"query": "{ __typename }"}
			}
			b, _ := json.Marshal(ops)
			return b
		}, "BAD_REQUEST", ""},
		{"a thousand unknown fields", func(string) []byte {
			return gql("{ "+repeat(1000, func(i int) string { return fmt.Sprintf("f%d", i) })+" }", nil)
		}, "GRAPHQL_VALIDATION_FAILED", ""},
		{"variables nested 100,000 deep", func(string) []byte {
			return []byte(`{"query":"{ __typename }","variables":{"v":` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}}`)
		}, "BAD_REQUEST", ""},
	}
}

func TestAbuseIsRefusedQuickly(t *testing.T) {
	// The server runs with the default limits, as shipped.
	eachDBWith(t, func(c *config.Config) { c.Limits = querylimit.Defaults() }, func(t *testing.T, api *API) {
		_, token, _ := api.newCustomer(t, "attacker")
		for _, a := range attacks() {
			t.Run(a.name, func(t *testing.T) {
				body := a.body(token)
				before := api.Statements(t)
				start := time.Now()
				r := api.Post(t, "application/json", body)
				took := time.Since(start)
				if took > refusalBudget {
					t.Errorf("took %s (budget %s)", took, refusalBudget)
				}
				if a.code == "GRAPHQL_VALIDATION_FAILED" {
					// Validation reports every mistake, up to a count.
					if len(r.Errors) == 0 || len(r.Errors) > 21 || r.Errors[0].Code() != a.code {
						t.Fatalf("want at most 21 %s errors, got %d: %.600s", a.code, r.Status, r.Raw)
					}
					r.Errors = r.Errors[:1]
				}
				if len(r.Errors) != 1 || r.Errors[0].Code() != a.code || r.Data != nil {
					t.Fatalf("want one %s error and no data, got %d: %.600s", a.code, r.Status, r.Raw)
				}
				e := r.Errors[0]
				if a.limit != "" {
					// The refusal names the setting, its value and what the
					// request would need.
					if e.Extensions["limit"] != a.limit || !strings.Contains(e.Message, a.limit) {
						t.Errorf("refusal does not name %s: %+v", a.limit, e)
					}
					if limit, cost := e.Extensions["maxCost"].(float64), e.Extensions["cost"].(float64); limit <= 0 || cost <= limit {
						t.Errorf("refusal's cost %v and limit %v: %+v", cost, limit, e)
					}
				}
				// Short errors: never the request echoed back, nor a
				// message per repeated token.
				if len(r.Raw) > 4096 {
					t.Errorf("error body is %d bytes: %.300s", len(r.Raw), r.Raw)
				}
				if strings.Contains(r.Raw, "input:") || strings.Contains(r.Raw, "__typename __typename") {
					t.Errorf("error carries parser prefixes or the request: %.300s", r.Raw)
				}
				if n := api.Statements(t) - before; n != 0 {
					t.Errorf("%d SQL statements ran for a refused request", n)
				}
			})
		}
	})
}

// TestAbuseLeavesTheServerResponsive sends every attack from several
// clients at once, over and over, and meanwhile asks { __typename }: it
// must keep answering promptly.
func TestAbuseLeavesTheServerResponsive(t *testing.T) {
	eachDBWith(t, func(c *config.Config) { c.Limits = querylimit.Defaults() }, func(t *testing.T, api *API) {
		_, token, _ := api.newCustomer(t, "flood")
		bodies := [][]byte{}
		for _, a := range attacks() {
			bodies = append(bodies, a.body(token))
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		var wg sync.WaitGroup
		for c := range 4 {
			wg.Go(func() {
				for i := c; ctx.Err() == nil; i++ {
					req := api.request("application/json", bodies[i%len(bodies)])
					res, err := http.DefaultClient.Do(req.WithContext(ctx))
					if err == nil {
						_, _ = io.Copy(io.Discard, res.Body)
						res.Body.Close()
					}
				}
			})
		}
		var slowest time.Duration
		for ctx.Err() == nil {
			start := time.Now()
			r := api.Do(t, `{ __typename }`, nil)
			if string(r.Data["__typename"]) != `"Query"` {
				t.Fatalf("__typename during the flood: %s", r.Raw)
			}
			slowest = max(slowest, time.Since(start))
			time.Sleep(50 * time.Millisecond)
		}
		wg.Wait()
		if slowest > refusalBudget {
			t.Errorf("{ __typename } took up to %s during the flood", slowest)
		}
	})
}

// allocated is the bytes the process has allocated so far.
func allocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestLargestAnswersStayWithinMemory fills an account with as much as a
// customer may store (20 wishlists of 250 lines) and asks for the most the
// limits allow of it, on the read plan and on gqlgen's executor: a request
// allocates (garbage included) less than 64 MB, so it cannot raise the
// heap by more. Twice the same is refused.
func TestLargestAnswersStayWithinMemory(t *testing.T) {
	for _, plan := range []bool{true, false} {
		t.Run(fmt.Sprintf("read plan %t", plan), func(t *testing.T) {
			eachDBWith(t, func(c *config.Config) {
				c.Limits = querylimit.Defaults()
				c.ReadPlan = plan
				c.ReadPlanVerify = false // one executor's allocations, not two
			}, func(t *testing.T, api *API) {
				token := api.fullWishlists(t, 20, 250)
				page := `wishlists(first: 20) { nodes { id name lines(first: 150) { nodes { id quantity note priceWhenAdded { amount currencyCode } merchandise { id sku title price { amount currencyCode } product { handle title } } } } } }`
				q := `query($t: String!) { customer(customerAccessToken: $t) { ` + page + ` } }`
				runtime.GC()
				before := allocated()
				r := api.Do(t, q, map[string]any{"t": token})
				used := allocated() - before
				if len(r.Errors) > 0 || !strings.Contains(r.Raw, `"lines"`) {
					t.Fatalf("the largest page: %.500s", r.Raw)
				}
				t.Logf("%d-byte answer, %d MB allocated", len(r.Raw), used>>20)
				if used > 64<<20 {
					t.Errorf("the largest page allocated %d MB", used>>20)
				}
				twice := `query($t: String!) { customer(customerAccessToken: $t) { a: ` + page + ` b: ` + page + ` } }`
				if r := api.Do(t, twice, map[string]any{"t": token}); len(r.Errors) != 1 || r.Errors[0].Code() != "MAX_COST_EXCEEDED" {
					t.Errorf("twice the largest page: %.500s", r.Raw)
				}
			})
		})
	}
}

// fullWishlists gives a new customer n wishlists of lines lines each.
func (a *API) fullWishlists(t *testing.T, n, lines int) string {
	t.Helper()
	var ids []any
	for _, id := range a.bulkVariants(t, "FULL", (lines+99)/100, 100, strings.Repeat("Variant title ", 8)) {
		ids = append(ids, map[string]any{"merchandiseId": id, "note": strings.Repeat("a note ", 20)})
	}
	_, token, _ := a.newCustomer(t, "hoarder")
	for i := range n {
		w := a.wl(t, wlCreateDoc, "wishlistCreate", map[string]any{"t": token, "name": fmt.Sprint("List ", i)})
		if w.Wishlist == nil {
			t.Fatalf("wishlist %d: %+v", i, w.CustomerUserErrors)
		}
		a.MustDo(t, `mutation($t: String!, $w: ID, $lines: [WishlistLineInput!]!) { wishlistLinesAdd(customerAccessToken: $t, wishlistId: $w, lines: $lines) { customerUserErrors { code } } }`,
			map[string]any{"t": token, "w": w.Wishlist.ID, "lines": ids[:lines]}, "wishlistLinesAdd", nil)
	}
	return token
}

// TestDocumentsJustUnderTheLimitsAreQuick: what the limits let through is
// validated and answered within the same budget (validation has rules that
// are quadratic in a selection set's fields).
func TestDocumentsJustUnderTheLimitsAreQuick(t *testing.T) {
	eachDBWith(t, func(c *config.Config) { c.Limits = querylimit.Defaults() }, func(t *testing.T, api *API) {
		_, token, _ := api.newCustomer(t, "heavy")
		l := querylimit.Defaults()
		for name, doc := range map[string]string{
			"one field repeated to the selection limit": `query($t: String!) { customer(customerAccessToken: $t) { ` + strings.Repeat("email ", l.Selections-2) + ` } }`,
			"every alias allowed":                       `query($t: String!) { ` + repeat(l.Aliases, func(i int) string { return fmt.Sprintf("c%d: customer(customerAccessToken: $t) { email }", i) }) + ` }`,
			"fragments doubling 9 times":                fragmentBomb(9),
			"__typename to the selection limit":         `query($t: String!) { customer(customerAccessToken: $t) { id } ` + strings.Repeat("__typename ", l.Selections-3) + ` }`,
		} {
			t.Run(name, func(t *testing.T) {
				start := time.Now()
				r := api.Do(t, doc, map[string]any{"t": token})
				if took := time.Since(start); took > refusalBudget {
					t.Errorf("took %s (budget %s)", took, refusalBudget)
				}
				if len(r.Errors) > 0 || !strings.Contains(r.Raw, `"customer"`) && !strings.Contains(r.Raw, `"c0"`) {
					t.Errorf("not answered: %.400s", r.Raw)
				}
			})
		}
	})
}

// TestResponseSizeCap: an answer over RESPONSE_MAX_BYTES is replaced by an
// error naming the setting (the query limits keep real answers far below).
func TestResponseSizeCap(t *testing.T) {
	parallel(t)
	eachDBWith(t, func(c *config.Config) { c.MaxResponseBytes = 64 << 10 }, func(t *testing.T, api *API) {
		r := api.Do(t, `{ __schema { types { name description fields { name description args { name description } } } } }`, nil)
		if len(r.Errors) != 1 || r.Errors[0].Code() != "RESPONSE_TOO_LARGE" || r.Errors[0].Extensions["limit"] != "RESPONSE_MAX_BYTES" || len(r.Raw) > 1024 {
			t.Errorf("a large answer: %d bytes, %.300s", len(r.Raw), r.Raw)
		}
		if r := api.Do(t, `{ __typename }`, nil); len(r.Errors) > 0 {
			t.Errorf("a small answer: %s", r.Raw)
		}
	})
}

// TestRequestDeadline: a request that waits on the database (here for a
// lock another connection holds) is stopped at REQUEST_TIMEOUT with an
// error that says so, instead of holding its connection for as long as
// the lock lasts; nothing of it is written.
func TestRequestDeadline(t *testing.T) {
	parallel(t)
	eachDBWith(t, func(c *config.Config) { c.RequestTimeout = 300 * time.Millisecond }, func(t *testing.T, api *API) {
		if api.DB == "sqlite" {
			// go-sqlite3 waits for SQLite's write lock in C (busy_timeout,
			// 10 s) and does not see the context then; README says so.
			t.Skip("SQLite's wait for its write lock is not interruptible")
		}
		_, token, _ := api.newCustomer(t, "patient")
		other, err := db.Open(api.DBURL, db.Uncounted{}, 1)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		ctx := context.Background()
		conn, err := other.SQL.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, "BEGIN; LOCK TABLE customers IN EXCLUSIVE MODE"); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		r := api.Do(t, customerUpdateDoc, map[string]any{"token": token, "customer": map[string]any{"firstName": "Changed"}})
		took := time.Since(start)
		if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
			t.Fatal(err)
		}
		if took > 5*time.Second {
			t.Errorf("the request waited %s for the lock (REQUEST_TIMEOUT 300ms)", took)
		}
		if len(r.Errors) != 1 || r.Errors[0].Code() != "TIMEOUT" || !strings.Contains(r.Errors[0].Message, "REQUEST_TIMEOUT") {
			t.Errorf("after the deadline: %.400s", r.Raw)
		}
		var c struct{ FirstName *string }
		api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { firstName } }`, map[string]any{"t": token}, "customer", &c)
		if c.FirstName != nil && *c.FirstName == "Changed" {
			t.Error("the timed-out update was written")
		}
	})
}
