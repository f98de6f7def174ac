package tests

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

const adminCustomersDoc = `query($first: Int, $after: String, $last: Int, $query: String, $sortKey: AdminCustomerSortKeys, $reverse: Boolean) {
  adminCustomers(first: $first, after: $after, last: $last, query: $query, sortKey: $sortKey, reverse: $reverse) {
    edges { cursor node { id email state acceptsMarketing numberOfOrders } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`

type customerList struct {
	Edges []struct {
		Cursor string
		Node   struct {
			ID, Email, State string
			AcceptsMarketing bool
		}
	}
	PageInfo struct {
		HasNextPage, HasPreviousPage bool
		EndCursor                    *string
	}
}

func (l customerList) emails() []string {
	out := []string{}
	for _, e := range l.Edges {
		out = append(out, strings.Split(e.Node.Email, ".")[0])
	}
	return out
}

func TestAdminAccess(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		_, _, id := api.newCustomer(t, "someone")
		readKey, err := api.Server.AdminKeys().Create(context.Background(), "reader", []string{"customers:read"})
		if err != nil {
			t.Fatal(err)
		}
		doc := `query($id: ID!) { adminCustomer(id: $id) { id email state note } }`
		for name, opts := range map[string][]Opt{
			"no key":        nil,
			"unknown key":   {AsAdmin("agk_not-a-real-key")},
			"not bearer":    {Header("Authorization", "Basic "+adminKey)},
			"revoked scope": {AsAdmin(readKey)}, // has read, invite needs write
		} {
			t.Run(name, func(t *testing.T) {
				q := doc
				if name == "revoked scope" {
					q = `mutation { adminCustomerInvite(input: {email: "x@example.com"}) { customer { id } } }`
				}
				r := api.Do(t, q, map[string]any{"id": id}, opts...)
				if len(r.Errors) != 1 || r.Errors[0].Code() != "ACCESS_DENIED" || r.Data != nil {
					t.Errorf("answer: %s", r.Raw)
				}
			})
		}
		var c struct{ ID, Email, State string }
		api.MustDo(t, doc, map[string]any{"id": id}, "adminCustomer", &c, AsAdmin(readKey))
		if c.ID != id || c.State != "ENABLED" {
			t.Errorf("adminCustomer = %+v", c)
		}
		for _, unknown := range []string{"gid://accountgraph/Customer/999999", "nonsense"} {
			if r := api.Do(t, doc, map[string]any{"id": unknown}, AsAdmin(readKey)); string(r.Data["adminCustomer"]) != "null" || len(r.Errors) > 0 {
				t.Errorf("%s: %s", unknown, r.Raw)
			}
		}
		// Admin-only fields of Customer are refused on the storefront.
		_, token, _ := api.newCustomer(t, "curious")
		r := api.Do(t, `query($t: String!) { customer(customerAccessToken: $t) { email state } }`, map[string]any{"t": token})
		if len(r.Errors) != 1 || r.Errors[0].Code() != "ACCESS_DENIED" {
			t.Errorf("storefront read admin field: %s", r.Raw)
		}
	})
}

func TestAdminCustomerList(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		for _, name := range []string{"anna", "bert", "cleo", "dora", "emil"} {
			email := uniqueEmail(name)
			var p struct{ Payload }
			api.MustDo(t, customerCreateDoc, map[string]any{"input": map[string]any{
				"email": email, "password": goodPassword, "firstName": strings.ToUpper(name[:1]) + name[1:], "acceptsMarketing": name < "c",
			}}, "customerCreate", &p)
		}
		api.MustDo(t, inviteDoc, map[string]any{"input": map[string]any{"email": uniqueEmail("fred")}}, "adminCustomerInvite", nil, AsAdmin(adminKey))
		list := func(vars map[string]any) customerList {
			var l customerList
			api.MustDo(t, adminCustomersDoc, vars, "adminCustomers", &l, AsAdmin(adminKey))
			return l
		}
		for _, tc := range []struct {
			query string
			want  []string
		}{
			{"", []string{"anna", "bert", "cleo", "dora", "emil", "fred"}},
			{"accepts_marketing:true", []string{"anna", "bert"}},
			{"-accepts_marketing:true", []string{"cleo", "dora", "emil", "fred"}},
			{"state:invited", []string{"fred"}},
			{"CLEO", []string{"cleo"}},
			{"email:" + "dora.x@example.com", []string{}},
			{"created_at:>=2000-01-01 created_at:<2999-01-01 state:enabled", []string{"anna", "bert", "cleo", "dora", "emil"}},
			{"created_at:<2000-01-01", []string{}},
		} {
			if d := cmp.Diff(tc.want, list(map[string]any{"first": 10, "query": tc.query}).emails()); d != "" {
				t.Errorf("query %q (-want +got):\n%s", tc.query, d)
			}
		}
		// Cursor pagination with every sort key, both directions.
		for _, key := range []string{"ID", "CREATED_AT", "UPDATED_AT"} {
			for _, rev := range []bool{false, true} {
				var seen []string
				var after any
				for page := 0; page < 5; page++ {
					l := list(map[string]any{"first": 2, "after": after, "sortKey": key, "reverse": rev})
					seen = append(seen, l.emails()...)
					if !l.PageInfo.HasNextPage {
						break
					}
					after = *l.PageInfo.EndCursor
				}
				want := []string{"anna", "bert", "cleo", "dora", "emil", "fred"}
				if rev {
					want = []string{"fred", "emil", "dora", "cleo", "bert", "anna"}
				}
				if d := cmp.Diff(want, seen); d != "" {
					t.Errorf("%s reverse=%v (-want +got):\n%s", key, rev, d)
				}
			}
		}
		if d := cmp.Diff([]string{"emil", "fred"}, list(map[string]any{"last": 2}).emails()); d != "" {
			t.Errorf("last 2: %s", d)
		}
		// A cursor of one sort order is refused in another.
		l := list(map[string]any{"first": 1, "sortKey": "CREATED_AT"})
		for _, vars := range []map[string]any{
			{"first": 1, "after": *l.PageInfo.EndCursor, "sortKey": "ID"},
			{"first": 1, "query": "state:sleeping"},
			{"first": 1, "query": "bogus_field:1"},
			{"first": 1, "query": `"unclosed`},
			{"first": 1, "query": "a OR"},
			{"first": 300},
		} {
			r := api.Do(t, adminCustomersDoc, vars, AsAdmin(adminKey))
			if len(r.Errors) != 1 || r.Errors[0].Code() != "BAD_USER_INPUT" {
				t.Errorf("%v: %s", vars, r.Raw)
			}
		}
	})
}

const (
	settingsDoc       = `{ adminAccountSettings { accounts registration passwordless twoFactor allowedEmailDomains } }`
	settingsUpdateDoc = `mutation($i: AccountSettingsInput!) { adminAccountSettingsUpdate(input: $i) { settings { accounts registration passwordless allowedEmailDomains } userErrors { code field message } } }`
)

func TestAccountSettings(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		email, token, _ := api.newCustomer(t, "settled")
		r := api.Do(t, settingsDoc, nil, AsAdmin(adminKey))
		if string(r.Data["adminAccountSettings"]) != `{"accounts":"OPTIONAL","registration":"OPEN","passwordless":true,"twoFactor":"OPTIONAL","allowedEmailDomains":[]}` {
			t.Errorf("defaults: %s", r.Raw)
		}
		readKey, _ := api.Server.AdminKeys().Create(context.Background(), "reader", []string{"customers:read"})
		if r := api.Do(t, settingsUpdateDoc, map[string]any{"i": map[string]any{"accounts": "DISABLED"}}, AsAdmin(readKey)); len(r.Errors) != 1 || r.Errors[0].Code() != "ACCESS_DENIED" {
			t.Errorf("read key changed settings: %s", r.Raw)
		}
		update := func(in map[string]any) []UserError {
			var p struct{ UserErrors []UserError }
			api.MustDo(t, settingsUpdateDoc, map[string]any{"i": in}, "adminAccountSettingsUpdate", &p, AsAdmin(adminKey))
			return p.UserErrors
		}
		register := func(email string) []string {
			var p struct{ Payload }
			api.MustDo(t, customerCreateDoc, map[string]any{"input": map[string]any{"email": email, "password": goodPassword}}, "customerCreate", &p)
			return codes(p.CustomerUserErrors)
		}

		// Allowed domains.
		if d := cmp.Diff([]string{"INVALID@input.allowedEmailDomains.1"}, codes(update(map[string]any{"allowedEmailDomains": []string{"shop.example", "not a domain"}}))); d != "" {
			t.Errorf("bad domain setting: %s", d)
		}
		update(map[string]any{"allowedEmailDomains": []string{"Shop.Example"}})
		if d := cmp.Diff([]string{"BAD_DOMAIN@input.email"}, register(uniqueEmail("outsider"))); d != "" {
			t.Errorf("outside domain: %s", d)
		}
		if d := cmp.Diff([]string{}, register("staff.1@shop.example")); d != "" {
			t.Errorf("allowed domain: %s", d)
		}
		update(map[string]any{"allowedEmailDomains": []string{}})

		// Invitation only: the storefront registers nobody; invitations still work.
		update(map[string]any{"registration": "INVITE_ONLY"})
		if d := cmp.Diff([]string{"INVALID@input.email"}, register(uniqueEmail("walkin"))); d != "" {
			t.Errorf("invite only: %s", d)
		}
		api.MustDo(t, inviteDoc, map[string]any{"input": map[string]any{"email": uniqueEmail("invited")}}, "adminCustomerInvite", nil, AsAdmin(adminKey))
		stranger := uniqueEmail("codeonly")
		api.MustDo(t, codeSendDoc, map[string]any{"e": stranger}, "customerEmailCodeSend", nil)
		var cl codeLogin
		api.MustDo(t, codeLoginDoc, map[string]any{"e": stranger, "c": api.lastCode(t, stranger)}, "customerAccessTokenCreateWithCode", &cl)
		if d := cmp.Diff([]string{"INVALID@email"}, codes(cl.CustomerUserErrors)); d != "" || cl.CustomerAccessToken != nil {
			t.Errorf("code sign-up while invite only: %s", d)
		}
		update(map[string]any{"registration": "OPEN"})

		// Codes off.
		update(map[string]any{"passwordless": false})
		if r := api.Do(t, codeSendDoc, map[string]any{"e": email}); len(r.Errors) != 1 || r.Errors[0].Code() != "PASSWORDLESS_DISABLED" {
			t.Errorf("codes off: %s", r.Raw)
		}
		update(map[string]any{"passwordless": true})

		// Accounts off: no sign-in, registration or recovery; sessions made
		// before keep reading.
		update(map[string]any{"accounts": "DISABLED"})
		for name, r := range map[string]Response{
			"sign-in":  api.tryLogin(t, email, goodPassword, api.ip),
			"register": api.Do(t, customerCreateDoc, map[string]any{"input": map[string]any{"email": uniqueEmail("late"), "password": goodPassword}}),
			"recover":  api.Do(t, recoverDoc, map[string]any{"email": email}),
			"code":     api.Do(t, codeSendDoc, map[string]any{"e": email}),
		} {
			if len(r.Errors) != 1 || r.Errors[0].Code() != "ACCOUNTS_DISABLED" {
				t.Errorf("%s while accounts are off: %s", name, r.Raw)
			}
		}
		var c struct{ Email string }
		api.MustDo(t, customerDoc, map[string]any{"token": token}, "customer", &c)
		if c.Email != email {
			t.Errorf("a session made before accounts were turned off reads %+v", c)
		}

		// Accounts required: a guest cart takes no lines; a customer's does.
		update(map[string]any{"accounts": "REQUIRED"})
		api.seedCatalog(t)
		v := api.variantIDs(t)
		lines := []any{map[string]any{"merchandiseId": v["SOCKS"]}}
		p := api.cartDo(t, cartCreateDoc, "cartCreate", map[string]any{"input": map[string]any{"lines": lines}})
		if d := cmp.Diff([]string{"MISSING_CUSTOMER_ACCESS_TOKEN@input.buyerIdentity.customerAccessToken"}, codes(p.UserErrors)); d != "" {
			t.Errorf("guest cart with lines: %s", d)
		}
		guest := api.cartDo(t, cartCreateDoc, "cartCreate", map[string]any{"input": map[string]any{}}).Cart
		p = api.cartDo(t, cartAddDoc, "cartLinesAdd", map[string]any{"id": guest.ID, "lines": lines})
		if d := cmp.Diff([]string{"MISSING_CUSTOMER_ACCESS_TOKEN@cartId"}, codes(p.UserErrors)); d != "" {
			t.Errorf("lines into a guest cart: %s", d)
		}
		token = api.login(t, email, goodPassword)
		p = api.cartDo(t, cartCreateDoc, "cartCreate", map[string]any{"input": map[string]any{"lines": lines, "buyerIdentity": map[string]any{"customerAccessToken": token}}})
		if p.Cart == nil || p.Cart.TotalQuantity != 1 {
			t.Errorf("a customer's cart: %+v", p)
		}
		update(map[string]any{"accounts": "OPTIONAL"})
		api.login(t, email, goodPassword)
	})
}

// TestAdminCustomerListStatementCount: a page of customers with their
// orders, addresses, carts and counts costs the same statements for 2
// customers as for 20.
func TestAdminCustomerListStatementCount(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		doc := `query($n: Int!) { adminCustomers(first: $n) { nodes { email numberOfOrders defaultAddress { city }
  addresses(first: 3) { nodes { city } } orders(first: 3) { totalCount nodes { name lineItems(first: 3) { nodes { title variant { sku } } } } }
  cart { totalQuantity } wishlists(first: 2) { nodes { name } } sessions(first: 2) { nodes { createdAt } } } } }`
		add := func(n int) {
			for range n {
				_, token, id := api.newCustomer(t, "listed")
				api.addAddress(t, token, ottawa)
				api.createOrder(t, map[string]any{"customerId": id})
			}
		}
		count := func(n int) int {
			before := api.Statements(t)
			var l struct{ Nodes []json.RawMessage }
			api.MustDo(t, doc, map[string]any{"n": n}, "adminCustomers", &l, AsAdmin(adminKey))
			if len(l.Nodes) != n {
				t.Fatalf("%d customers listed, want %d", len(l.Nodes), n)
			}
			return api.Statements(t) - before
		}
		add(2)
		small := count(2)
		add(18)
		big := count(20)
		if small != big {
			t.Errorf("statements: 2 customers → %d, 20 → %d", small, big)
		}
		t.Logf("%d statements for a page of customers with nested lists", big)
	})
}

// TestAdminFieldsNeedAScope: every Admin API root field (admin…) carries
// @adminScope, so a new one cannot be reachable without a key.
func TestAdminFieldsNeedAScope(t *testing.T) {
	parallel(t)
	files, err := filepath.Glob("../schema/*.graphqls")
	shared, err2 := filepath.Glob("../schema/shared/*.graphqls")
	files = append(files, shared...)
	if err != nil || err2 != nil || len(files) == 0 {
		t.Fatalf("schema files: %v %v", err, err2)
	}
	var sources []*ast.Source
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, &ast.Source{Name: f, Input: string(b)})
	}
	schema, gqlErr := gqlparser.LoadSchema(sources...)
	if gqlErr != nil {
		t.Fatal(gqlErr)
	}
	n := 0
	for _, root := range []*ast.Definition{schema.Query, schema.Mutation} {
		for _, f := range root.Fields {
			if !strings.HasPrefix(f.Name, "admin") {
				continue
			}
			n++
			if d := f.Directives.ForName("adminScope"); d == nil || d.Arguments.ForName("scope") == nil {
				t.Errorf("%s.%s has no @adminScope", root.Name, f.Name)
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d admin fields found", n)
	}
}
