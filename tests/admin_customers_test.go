package tests

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"accountgraph/internal/config"
)

const (
	adminCustomerUpdateDoc = `mutation($id: ID!, $input: AdminCustomerUpdateInput!) {
  adminCustomerUpdate(id: $id, input: $input) { customer { id state tags note } userErrors { code field message } } }`
	customersInviteDoc = `mutation($inputs: [AdminCustomerInviteInput!]!) {
  adminCustomersInvite(inputs: $inputs) { customers { id email state } userErrors { code field message } } }`
	figuresDoc = `query($first: Int, $last: Int, $after: String, $before: String, $query: String, $sortKey: AdminCustomerSortKeys, $reverse: Boolean) {
  adminCustomers(first: $first, last: $last, after: $after, before: $before, query: $query, sortKey: $sortKey, reverse: $reverse) {
    nodes { email firstName hasAccount numberOfOrders amountSpent { amount currencyCode } lastOrderAt }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`
)

type figures struct {
	Nodes []struct {
		Email, FirstName string
		HasAccount       bool
		NumberOfOrders   string
		AmountSpent      struct{ Amount, CurrencyCode string }
		LastOrderAt      *string
	}
	PageInfo struct {
		HasNextPage, HasPreviousPage bool
		StartCursor, EndCursor       *string
	}
}

func (f figures) names() []string {
	out := []string{}
	for _, n := range f.Nodes {
		out = append(out, n.FirstName)
	}
	return out
}

// tag sets a customer's tags through adminCustomerUpdate.
func (a *API) tag(t *testing.T, id string, tags ...string) {
	t.Helper()
	var p struct{ adminPayload }
	a.MustDo(t, adminCustomerUpdateDoc, map[string]any{"id": id, "input": map[string]any{"tags": tags}}, "adminCustomerUpdate", &p, AsAdmin(adminKey))
	if len(p.UserErrors) > 0 {
		t.Fatalf("tag: %+v", p.UserErrors)
	}
}

// TestAdminCustomerFigures: orders, amount spent (the shop's currency, less
// cancellations and refunds), last order and account status are listed,
// filtered and sorted, kept in step by every order change.
func TestAdminCustomerFigures(t *testing.T) {
	parallel(t)
	eachDBWith(t, func(c *config.Config) { c.ShopCurrency = "EUR" }, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		kit := fmt.Sprintf("figures-%s", api.ip)
		people := map[string]string{}
		for _, name := range []string{"Zoe", "amy", "Bea", "Cat", "Dee"} {
			email := uniqueEmail(strings.ToLower(name))
			var p tokenPayload
			api.MustDo(t, customerCreateDoc, map[string]any{"input": map[string]any{"email": email, "password": goodPassword, "firstName": name}}, "customerCreate", &p)
			people[name] = p.Customer.ID
			api.tag(t, p.Customer.ID, kit)
		}
		var inv struct{ Customer struct{ ID string } }
		api.MustDo(t, inviteDoc, map[string]any{"input": map[string]any{"email": uniqueEmail("eve"), "firstName": "Eve"}}, "adminCustomerInvite", &inv, AsAdmin(adminKey))
		api.tag(t, inv.Customer.ID, kit)
		// amy: two orders; Bea: one, cancelled; Cat: one, 10.00 refunded, and
		// one in another currency; Zoe: a guest order that joins on
		// verification; Dee and Eve: none.
		a1 := api.createOrder(t, map[string]any{"customerId": people["amy"], "processedAt": "2020-01-10T10:00:00Z"})
		a2 := api.createOrder(t, map[string]any{"customerId": people["amy"], "processedAt": "2020-01-15T10:00:00Z"})
		b1 := api.createOrder(t, map[string]any{"customerId": people["Bea"]})
		api.MustDo(t, orderCancelDoc, map[string]any{"id": b1.ID}, "adminOrderCancel", nil, AsAdmin(adminKey))
		c1 := api.createOrder(t, map[string]any{"customerId": people["Cat"]})
		api.MustDo(t, orderUpdateDoc, map[string]any{"id": c1.ID, "input": map[string]any{"refundAmount": "10.00"}}, "adminOrderUpdate", nil, AsAdmin(adminKey))
		api.createOrder(t, map[string]any{"customerId": people["Cat"], "currencyCode": "USD"})
		var zoe struct{ Email string }
		api.MustDo(t, `query($id: ID!) { adminCustomer(id: $id) { email } }`, map[string]any{"id": people["Zoe"]}, "adminCustomer", &zoe, AsAdmin(adminKey))
		z1 := api.createOrder(t, map[string]any{"email": zoe.Email})
		api.MustDo(t, recoverDoc, map[string]any{"email": zoe.Email}, "customerRecover", nil)
		api.MustDo(t, resetByURLDoc, map[string]any{"url": api.LastLink(t, zoe.Email, "reset"), "password": "zoe's new passphrase"}, "customerResetByUrl", nil)

		list := func(vars map[string]any) figures {
			t.Helper()
			var f figures
			api.MustDo(t, figuresDoc, vars, "adminCustomers", &f, AsAdmin(adminKey))
			return f
		}
		all := list(map[string]any{"first": 10, "query": "tag:" + kit})
		got := map[string]string{}
		for _, n := range all.Nodes {
			got[n.FirstName] = fmt.Sprintf("%s %s %s %v %v", n.NumberOfOrders, n.AmountSpent.Amount, n.AmountSpent.CurrencyCode, n.HasAccount, n.LastOrderAt != nil)
		}
		cents := func(amount string) int {
			var whole, frac int
			fmt.Sscanf(amount, "%d.%d", &whole, &frac)
			return whole*100 + frac
		}
		euros := func(c int) string { return fmt.Sprintf("%d.%02d", c/100, c%100) }
		want := map[string]string{
			"amy": fmt.Sprintf("2 %s EUR true true", euros(cents(a1.TotalPrice.Amount)+cents(a2.TotalPrice.Amount))),
			"Bea": "1 0.00 EUR true true",
			"Cat": fmt.Sprintf("2 %s EUR true true", euros(cents(c1.TotalPrice.Amount)-1000)),
			"Zoe": fmt.Sprintf("1 %s EUR true true", z1.TotalPrice.Amount),
			"Dee": "0 0.00 EUR true false",
			"Eve": "0 0.00 EUR false false",
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("figures (-want +got):\n%s", d)
		}
		for _, tc := range []struct {
			query string
			want  []string
		}{
			{"orders_count:>=2", []string{"amy", "Cat"}},
			{"orders_count:1", []string{"Zoe", "Bea"}},
			{"orders_count:0", []string{"Dee", "Eve"}},
			{"amount_spent:>0", []string{"Zoe", "amy", "Cat"}},
			{"total_spent:<=0.00", []string{"Bea", "Dee", "Eve"}},
			{"has_account:false", []string{"Eve"}},
			{"-has_account:false orders_count:0", []string{"Dee"}},
			{"last_order_date:<2021-01-01", []string{"amy"}},
			{"last_order_date:2020-01-15", []string{"amy"}},
			{"last_order_date:2020-01-10", []string{}},
			{"last_order_date:>=2021-01-01", []string{"Zoe", "Bea", "Cat"}},
		} {
			if d := cmp.Diff(tc.want, list(map[string]any{"first": 10, "query": "tag:" + kit + " " + tc.query}).names()); d != "" {
				t.Errorf("query %q (-want +got):\n%s", tc.query, d)
			}
		}
		// Sorts, walked forwards two at a time and backwards from the end;
		// ties are in ID order (creation: Zoe, amy, Bea, Cat, Dee, Eve), and
		// reversed with the list.
		for key, want := range map[string][]string{
			"NAME":         {"amy", "Bea", "Cat", "Dee", "Eve", "Zoe"},
			"ORDERS_COUNT": {"Dee", "Eve", "Zoe", "Bea", "amy", "Cat"},
			"AMOUNT_SPENT": {"Bea", "Dee", "Eve", "Cat", "Zoe", "amy"},
		} {
			for _, rev := range []bool{false, true} {
				var fwd, back []string
				vars := map[string]any{"first": 2, "query": "tag:" + kit, "sortKey": key, "reverse": rev}
				for range 5 {
					f := list(vars)
					fwd = append(fwd, f.names()...)
					if !f.PageInfo.HasNextPage {
						break
					}
					vars["after"] = *f.PageInfo.EndCursor
				}
				vars = map[string]any{"last": 2, "query": "tag:" + kit, "sortKey": key, "reverse": rev}
				for range 5 {
					f := list(vars)
					back = append(f.names(), back...)
					if !f.PageInfo.HasPreviousPage {
						break
					}
					vars["before"] = *f.PageInfo.StartCursor
				}
				w := want
				if rev {
					w = reversed(want)
				}
				if d := cmp.Diff(w, fwd); d != "" {
					t.Errorf("%s reverse=%v forwards (-want +got):\n%s", key, rev, d)
				}
				if d := cmp.Diff(fwd, back); d != "" {
					t.Errorf("%s reverse=%v backwards differs from forwards (-fwd +back):\n%s", key, rev, d)
				}
			}
		}
		for _, bad := range []string{"orders_count:many", "amount_spent:1.234", "amount_spent:-1", "has_account:maybe", "last_order_date:soon", "email:>a"} {
			r := api.Do(t, figuresDoc, map[string]any{"first": 1, "query": bad}, AsAdmin(adminKey))
			if len(r.Errors) != 1 || r.Errors[0].Code() != "BAD_USER_INPUT" {
				t.Errorf("%q: %s", bad, r.Raw)
			}
		}
	})
}

func reversed(s []string) []string {
	out := slices.Clone(s)
	slices.Reverse(out)
	return out
}

// TestAdminCustomerUpdate: tags, note and state; disabling ends every
// session and voids pending links; bad input changes nothing.
func TestAdminCustomerUpdate(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		email, token, id := api.newCustomer(t, "managed")
		other := api.login(t, email, goodPassword)
		type out struct {
			adminPayload
			Customer *struct {
				ID, State string
				Tags      []string
				Note      *string
			}
		}
		update := func(id string, input map[string]any, opts ...Opt) out {
			t.Helper()
			var p out
			api.MustDo(t, adminCustomerUpdateDoc, map[string]any{"id": id, "input": input}, "adminCustomerUpdate", &p, append([]Opt{AsAdmin(adminKey)}, opts...)...)
			return p
		}
		p := update(id, map[string]any{"tags": []string{" vip ", "wholesale", "VIP"}, "note": "Prefers phone calls"})
		if p.Customer == nil || cmp.Diff([]string{"vip", "wholesale"}, p.Customer.Tags) != "" || *p.Customer.Note != "Prefers phone calls" || len(p.UserErrors) > 0 {
			t.Fatalf("update: %+v", p)
		}
		long := strings.Repeat("x", 256)
		many := make([]string, 251)
		for i := range many {
			many[i] = fmt.Sprintf("t%d", i)
		}
		for _, tc := range []struct {
			id    string
			input map[string]any
			want  string
		}{
			{id, map[string]any{"tags": []string{"ok", "<b>bold</b>"}}, "CONTAINS_HTML_TAGS@input.tags.1"},
			{id, map[string]any{"tags": []string{long}}, "TOO_LONG@input.tags.0"},
			{id, map[string]any{"tags": []string{"  "}}, "BLANK@input.tags.0"},
			{id, map[string]any{"tags": []string{"a,b"}}, "INVALID@input.tags.0"},
			{id, map[string]any{"tags": many}, "TOO_MANY@input.tags"},
			{id, map[string]any{"note": strings.Repeat("n", 5001), "state": "DISABLED"}, "TOO_LONG@input.note"},
			{"gid://accountgraph/Customer/999999", map[string]any{"state": "DISABLED"}, "NOT_FOUND@id"},
			{"gid://accountgraph/Order/1", map[string]any{"state": "DISABLED"}, "NOT_FOUND@id"},
		} {
			p := update(tc.id, tc.input)
			if len(p.UserErrors) != 1 || p.Customer != nil {
				t.Errorf("%v: %+v", tc.input, p)
				continue
			}
			if got := codes(p.UserErrors)[0]; got != tc.want {
				t.Errorf("%v: %s, want %s", tc.input, got, tc.want)
			}
		}
		// Nothing of the refused changes landed; the token still works.
		var c struct {
			State string
			Tags  []string
			Note  *string
		}
		api.MustDo(t, `query($id: ID!) { adminCustomer(id: $id) { state tags note } }`, map[string]any{"id": id}, "adminCustomer", &c, AsAdmin(adminKey))
		if c.State != "ENABLED" || cmp.Diff([]string{"vip", "wholesale"}, c.Tags) != "" || *c.Note != "Prefers phone calls" {
			t.Errorf("after refused changes: %+v", c)
		}
		// A key that can only read is refused.
		reader, err := api.Server.AdminKeys().Create(context.Background(), "reader", []string{"customers:read"})
		if err != nil {
			t.Fatal(err)
		}
		if r := api.Do(t, adminCustomerUpdateDoc, map[string]any{"id": id, "input": map[string]any{"note": ""}}, AsAdmin(reader)); len(r.Errors) != 1 || r.Errors[0].Code() != "ACCESS_DENIED" {
			t.Errorf("read key: %s", r.Raw)
		}
		// Disabling: both sessions die, a pending reset link is void, sign-in is refused.
		api.MustDo(t, recoverDoc, map[string]any{"email": email}, "customerRecover", nil)
		reset := api.LastLink(t, email, "reset")
		if p := update(id, map[string]any{"state": "DISABLED", "note": ""}); p.Customer == nil || p.Customer.State != "DISABLED" || p.Customer.Note != nil {
			t.Fatalf("disable: %+v", p)
		}
		for _, tok := range []string{token, other} {
			if r := api.Do(t, customerDoc, map[string]any{"token": tok}); string(r.Data["customer"]) != "null" {
				t.Errorf("session after disabling: %s", r.Raw)
			}
		}
		var rp tokenPayload
		api.MustDo(t, resetByURLDoc, map[string]any{"url": reset, "password": "another long passphrase"}, "customerResetByUrl", &rp)
		if rp.CustomerAccessToken != nil || len(rp.CustomerUserErrors) == 0 {
			t.Errorf("reset while disabled: %+v", rp)
		}
		var lp tokenPayload
		if err := decode(api.tryLogin(t, email, goodPassword, api.ip), "customerAccessTokenCreate", &lp); err != nil || lp.CustomerAccessToken != nil ||
			len(lp.CustomerUserErrors) != 1 || codes(lp.CustomerUserErrors)[0] != "CUSTOMER_DISABLED@" {
			t.Errorf("sign-in while disabled: %v %+v", err, lp)
		}
		// Enabling restores the account with its password; an invitation
		// disabled and enabled again is an invitation still.
		if p := update(id, map[string]any{"state": "ENABLED"}); p.Customer.State != "ENABLED" {
			t.Errorf("enable: %+v", p)
		}
		api.login(t, email, goodPassword)
		var inv struct{ Customer struct{ ID string } }
		api.MustDo(t, inviteDoc, map[string]any{"input": map[string]any{"email": uniqueEmail("guest")}}, "adminCustomerInvite", &inv, AsAdmin(adminKey))
		update(inv.Customer.ID, map[string]any{"state": "DISABLED"})
		if p := update(inv.Customer.ID, map[string]any{"state": "ENABLED"}); p.Customer.State != "INVITED" {
			t.Errorf("invitation enabled again: %+v", p)
		}
	})
}

// TestAdminCustomersInvite: a batch is invited with its message, or
// nobody is when an entry is wrong.
func TestAdminCustomersInvite(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		taken, _, _ := api.newCustomer(t, "member")
		type out struct {
			adminPayload
			Customers []struct{ ID, Email, State string }
		}
		invite := func(inputs []any) out {
			t.Helper()
			var p out
			api.MustDo(t, customersInviteDoc, map[string]any{"inputs": inputs}, "adminCustomersInvite", &p, AsAdmin(adminKey))
			return p
		}
		a, b, c := uniqueEmail("ines"), uniqueEmail("jon"), uniqueEmail("kim")
		p := invite([]any{
			map[string]any{"email": a, "firstName": "Ines", "message": "Welcome to our trade programme."},
			map[string]any{"email": b},
			map[string]any{"email": strings.ToUpper(a)},
			map[string]any{"email": taken},
			map[string]any{"email": c, "lastName": "<script>x</script>"},
			map[string]any{"email": "not-an-email"},
		})
		want := []string{"CONTAINS_HTML_TAGS@inputs.4.lastName", "INVALID@inputs.5.email", "TAKEN@inputs.2.email", "TAKEN@inputs.3.email"}
		if d := cmp.Diff(want, codes(p.UserErrors)); d != "" || len(p.Customers) != 0 {
			t.Errorf("bad batch (-want +got):\n%s\n%+v", d, p)
		}
		if len(api.MailsTo(t, a))+len(api.MailsTo(t, b)) != 0 {
			t.Error("a refused batch sent mail")
		}
		p = invite([]any{
			map[string]any{"email": a, "firstName": "Ines", "message": "Welcome to our trade programme."},
			map[string]any{"email": b},
			map[string]any{"email": c},
		})
		if len(p.Customers) != 3 || len(p.UserErrors) != 0 || p.Customers[1].Email != b || p.Customers[2].State != "INVITED" {
			t.Fatalf("batch: %+v", p)
		}
		mails := api.MailsTo(t, a)
		if len(mails) != 1 || !strings.Contains(mails[0].Body, "Welcome to our trade programme.") || !strings.Contains(mails[0].Body, "Hi Ines") {
			t.Errorf("invitation mail: %+v", mails)
		}
		// The link activates the account.
		var ap tokenPayload
		api.MustDo(t, `mutation($url: URL!, $pw: String!) { customerActivateByUrl(activationUrl: $url, password: $pw) {
  customerAccessToken { accessToken } customerUserErrors { code field message } } }`,
			map[string]any{"url": api.LastLink(t, b, "activate"), "pw": goodPassword}, "customerActivateByUrl", &ap)
		if ap.CustomerAccessToken == nil {
			t.Errorf("activation: %+v", ap)
		}
		many := make([]any, 251)
		for i := range many {
			many[i] = map[string]any{"email": fmt.Sprintf("many%d@example.com", i)}
		}
		if p := invite(many); cmp.Diff([]string{"TOO_MANY@inputs"}, codes(p.UserErrors)) != "" {
			t.Errorf("251 invitations: %+v", p.UserErrors)
		}
		reader, err := api.Server.AdminKeys().Create(context.Background(), "reader", []string{"customers:read"})
		if err != nil {
			t.Fatal(err)
		}
		if r := api.Do(t, customersInviteDoc, map[string]any{"inputs": []any{map[string]any{"email": uniqueEmail("x")}}}, AsAdmin(reader)); len(r.Errors) != 1 || r.Errors[0].Code() != "ACCESS_DENIED" {
			t.Errorf("read key invited: %s", r.Raw)
		}
	})
}

// TestCustomerCSVExport: the filtered list streams as CSV to keys that may
// read customers, with formula-like values defused.
func TestCustomerCSVExport(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		kit := "csv-" + strings.ReplaceAll(api.ip, ".", "-")
		var ids []string
		for _, name := range []string{"=HYPERLINK(1)", "Plain"} {
			var p tokenPayload
			api.MustDo(t, customerCreateDoc, map[string]any{"input": map[string]any{"email": uniqueEmail("csv"), "password": goodPassword, "lastName": name}}, "customerCreate", &p)
			ids = append(ids, p.Customer.ID)
			api.tag(t, p.Customer.ID, kit)
		}
		api.createOrder(t, map[string]any{"customerId": ids[1]})
		get := func(key string, q url.Values) (int, string) {
			t.Helper()
			req, _ := http.NewRequest("GET", api.URL+"/admin/customers.csv?"+q.Encode(), nil)
			if key != "" {
				req.Header.Set("Authorization", "Bearer "+key)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			return res.StatusCode, string(b)
		}
		status, body := get(adminKey, url.Values{"query": {"tag:" + kit}, "sortKey": {"orders_count"}, "reverse": {"true"}})
		if status != 200 {
			t.Fatalf("export: %d %s", status, body)
		}
		rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil || len(rows) != 3 {
			t.Fatalf("csv: %v %q", err, body)
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		if rows[1][col["id"]] != ids[1] || rows[1][col["orders_count"]] != "1" || rows[1][col["tags"]] != kit || rows[1][col["has_account"]] != "true" {
			t.Errorf("first row: %v", rows[1])
		}
		if rows[2][col["last_name"]] != "'=HYPERLINK(1)" {
			t.Errorf("formula not defused: %q", rows[2][col["last_name"]])
		}
		writer, err := api.Server.AdminKeys().Create(context.Background(), "writer", []string{"customers:write"})
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			key  string
			q    url.Values
			want int
		}{
			{"", nil, 401},
			{"agk_unknown", nil, 401},
			{writer, nil, 403},
			{adminKey, url.Values{"query": {"bogus:1"}}, 400},
			{adminKey, url.Values{"sortKey": {"shoe_size"}}, 400},
		} {
			if status, body := get(tc.key, tc.q); status != tc.want {
				t.Errorf("%q %v: %d %s", tc.key, tc.q, status, body)
			}
		}
	})
}

// TestListFiguresBackfill: a database from before the list figures (the
// columns at their defaults, no record of the backfill) gets them at the
// next start.
func TestListFiguresBackfill(t *testing.T) {
	parallel(t)
	eur := func(c *config.Config) { c.ShopCurrency = "EUR" }
	eachDBWith(t, eur, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		var p tokenPayload
		api.MustDo(t, customerCreateDoc, map[string]any{"input": map[string]any{"email": uniqueEmail("old"), "password": goodPassword,
			"firstName": "Älter", "lastName": "Kunde"}}, "customerCreate", &p)
		o := api.createOrder(t, map[string]any{"customerId": p.Customer.ID})
		read := func(api *API) string {
			var c struct {
				NumberOfOrders string
				AmountSpent    struct{ Amount string }
				LastOrderAt    *string
			}
			api.MustDo(t, `query($id: ID!) { adminCustomer(id: $id) { numberOfOrders amountSpent { amount } lastOrderAt } }`,
				map[string]any{"id": p.Customer.ID}, "adminCustomer", &c, AsAdmin(adminKey))
			names := api.customerIDs(t, "orders_count:1")
			return fmt.Sprintf("%s %s %v %d", c.NumberOfOrders, c.AmountSpent.Amount, c.LastOrderAt != nil, len(names))
		}
		want := fmt.Sprintf("1 %s true 1", o.TotalPrice.Amount)
		if got := read(api); got != want {
			t.Fatalf("before: %s, want %s", got, want)
		}
		for _, q := range []string{
			"UPDATE customers SET orders_count = 0, amount_spent = 0, last_order_at = NULL, sort_name = ''",
			"DELETE FROM data_migrations",
		} {
			if _, err := api.Server.DB.SQL.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		if got := read(api); got == want {
			t.Fatal("the old state was not simulated")
		}
		upgraded := startOn(t, api, eur)
		if got := read(upgraded); got != want {
			t.Errorf("after the upgrade: %s, want %s", got, want)
		}
		var l struct{ Nodes []struct{ ID string } }
		upgraded.MustDo(t, `{ adminCustomers(first: 1, sortKey: NAME, reverse: true) { nodes { id } } }`, nil, "adminCustomers", &l, AsAdmin(adminKey))
		if len(l.Nodes) != 1 || l.Nodes[0].ID != p.Customer.ID {
			t.Errorf("sort name not backfilled: %+v", l)
		}
	})
}
