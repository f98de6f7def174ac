package tests

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	exportDoc = `mutation($t: String!) { customerDataExport(customerAccessToken: $t) {
  export { createdAt contentType data } customerUserErrors { code field message } } }`
	adminExportDoc = `mutation($id: ID!) { adminCustomerDataExport(customerId: $id) { export { contentType data } userErrors { code field message } } }`
	deleteDoc      = `mutation($t: String!, $c: CustomerDeleteConfirmationInput) { customerDelete(customerAccessToken: $t, confirmation: $c) {
  confirmationSent deletedCustomerId customerUserErrors { code field message } userErrors { field message } } }`
	adminDeleteDoc = `mutation($id: ID!) { adminCustomerDelete(customerId: $id) { deletedCustomerId userErrors { code field message } } }`
	// everythingDoc reads all a customer has, as they see it.
	everythingDoc = `query($t: String!) { customer(customerAccessToken: $t) {
  id email firstName lastName phone acceptsMarketing
  addresses(first: 10) { nodes { address1 firstName } }
  orders(first: 10) { nodes { name email shippingAddress { address1 } } }
  cart { id note }
  wishlists(first: 10) { nodes { name lines(first: 10) { nodes { note } } } }
  savedCarts(first: 10) { nodes { name } }
  supportTickets(first: 10) { nodes { subject messages(first: 10) { nodes { body } } } }
  preferences { sizes language } privacy { dataSharing }
  loyalty { pointsBalance referralCount transactions(first: 20) { nodes { points } } redemptions(first: 5) { nodes { codeEnding } } membership { status } }
} }`
)

// person is a customer with every kind of data, each personal value
// carrying the person's marker so a scan of the database can find it.
type person struct {
	marker, email, token, id, phone string
	orders                          []string
}

func (a *API) personWithEverything(t *testing.T, marker, phone string, rewards map[string]string, referralCode string) person {
	t.Helper()
	email, token, id := a.newCustomer(t, marker)
	p := person{marker: marker, email: email, token: token, id: id, phone: phone}
	if referralCode != "" { // before the first order, as the programme asks
		var ref struct{ LoyaltyUserErrors []UserError }
		a.MustDo(t, referralApplyDoc, map[string]any{"t": token, "c": referralCode}, "loyaltyReferralApply", &ref)
		if len(ref.LoyaltyUserErrors) > 0 {
			t.Fatalf("referral of %s: %v", marker, codes(ref.LoyaltyUserErrors))
		}
	}
	var u updatePayload
	a.MustDo(t, customerUpdateDoc, map[string]any{"token": token, "customer": map[string]any{
		"firstName": marker + "first", "lastName": marker + "last", "phone": phone, "acceptsMarketing": true}}, "customerUpdate", &u)
	if len(u.CustomerUserErrors) > 0 {
		t.Fatalf("update %s: %+v", marker, u.CustomerUserErrors)
	}
	addr := with(ottawa, "firstName", marker+"first", "address1", "77 "+marker+" Lane", "phone", phone)
	a.addAddress(t, token, addr)
	for i := 0; i < 2; i++ {
		o := a.createOrder(t, map[string]any{"customerId": id, "phone": phone, "shippingAddress": addr, "billingAddress": addr})
		p.orders = append(p.orders, o.Name)
	}
	// A guest order with the address, not joined (the email is unproven).
	a.createOrder(t, map[string]any{"email": strings.ToUpper(email), "shippingAddress": addr})
	v := a.variantIDs(t)
	a.wl(t, wlCreateDoc, "wishlistCreate", map[string]any{"t": token, "name": marker + " list"})
	a.wl(t, wlAddDoc, "wishlistLinesAdd", map[string]any{"t": token, "lines": []any{map[string]any{"merchandiseId": v["SOCKS"], "note": marker + " note"}}})
	c := a.cartDo(t, cartCreateDoc, "cartCreate", map[string]any{"input": map[string]any{
		"buyerIdentity": map[string]any{"customerAccessToken": token, "email": email, "phone": phone},
		"note":          marker + " cart note",
		"lines":         []any{map[string]any{"merchandiseId": v["SOCKS"]}},
	}}).Cart
	var sc struct{ SavedCart *struct{ ID string } }
	a.MustDo(t, scCreateDoc, map[string]any{"t": token, "c": c.ID, "n": marker + " saved"}, "savedCartCreate", &sc)
	var tk struct{ SupportTicket *struct{ ID string } }
	a.MustDo(t, ticketCreateDoc, map[string]any{"t": token, "s": marker + " subject", "b": marker + " body", "o": nil}, "supportTicketCreate", &tk)
	a.adjust(t, id, 500)
	a.redeem(t, token, rewards["five-off"])
	var m struct{ UserErrors []UserError }
	a.MustDo(t, membershipDoc, map[string]any{"c": id, "p": "plus", "r": "pay-" + marker}, "adminMembershipStart", &m, AsAdmin(adminKey))
	if len(m.UserErrors) > 0 {
		t.Fatalf("membership: %+v", m.UserErrors)
	}
	a.setVocabulary(t, map[string]any{"sizes": []string{"S", "M"}})
	var pp preferencesPayload
	a.MustDo(t, preferencesUpdateDoc, map[string]any{"t": token, "p": map[string]any{"sizes": []string{"M"}, "language": "DE"}}, "customerPreferencesUpdate", &pp)
	a.MustDo(t, privacyUpdateDoc, map[string]any{"t": token, "p": map[string]any{"dataSharing": true}}, "customerPrivacyUpdate", &pp)
	return p
}

func (a *API) everything(t *testing.T, token string) string {
	t.Helper()
	return a.Read(t, everythingDoc, map[string]any{"t": token}, "customer")
}

func (a *API) export(t *testing.T, token string) (map[string]json.RawMessage, string) {
	t.Helper()
	var p struct {
		Export *struct{ ContentType, Data string }
		Payload
	}
	a.MustDo(t, exportDoc, map[string]any{"t": token}, "customerDataExport", &p)
	if p.Export == nil || p.Export.ContentType != "application/json" {
		t.Fatalf("export: %+v", p)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(p.Export.Data), &doc); err != nil {
		t.Fatalf("export is not JSON: %v", err)
	}
	return doc, p.Export.Data
}

// TestDataExport: the export holds everything of the customer — profile,
// addresses, orders with their lines, wishlists, carts, saved carts,
// loyalty ledger and redemptions, membership, preferences, consent log,
// sessions and tickets — and nothing of anyone else, and no secrets.
func TestDataExport(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		rewards := api.setUpLoyalty(t, nil)
		a := api.personWithEverything(t, "alfa", "+16135550101", rewards, "")
		b := api.personWithEverything(t, "bravo", "+16135550202", rewards, "")

		doc, raw := api.export(t, a.token)
		lengths := map[string]int{}
		for _, k := range []string{"addresses", "orders", "wishlists", "carts", "saved_carts", "loyalty_ledger", "loyalty_redemptions",
			"membership_payments", "consent_log", "sessions", "support_tickets"} {
			var list []json.RawMessage
			if err := json.Unmarshal(doc[k], &list); err != nil {
				t.Fatalf("%s: %v", k, err)
			}
			lengths[k] = len(list)
		}
		// The ledger as the customer reads it through the API.
		var l struct {
			Loyalty struct {
				Transactions struct{ Nodes []any }
			}
		}
		api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { loyalty { transactions(first: 100) { nodes { points } } } } }`, map[string]any{"t": a.token}, "customer", &l)
		want := map[string]int{"addresses": 1, "orders": 2, "wishlists": 1, "carts": 1, "saved_carts": 1, "loyalty_ledger": len(l.Loyalty.Transactions.Nodes),
			"loyalty_redemptions": 1, "membership_payments": 1, "consent_log": 3, "sessions": 1, "support_tickets": 1}
		if d := cmp.Diff(want, lengths); d != "" {
			t.Errorf("export parts: %s", d)
		}
		for _, s := range []string{a.email, "alfafirst", "77 alfa Lane", "alfa note", "alfa cart note", "alfa saved", "alfa body", "pay-alfa",
			a.orders[0], a.orders[1], `"language": "DE"`, `"data_sharing": true`, "Wool socks"} {
			if !strings.Contains(raw, s) {
				t.Errorf("export lacks %q", s)
			}
		}
		for _, s := range []string{b.email, "bravo", "6135550202", "$argon2id", a.token} {
			if strings.Contains(raw, s) {
				t.Errorf("export holds %q", s)
			}
		}
		// At most 3 exports an hour per customer.
		api.export(t, a.token)
		api.export(t, a.token)
		if r := api.Do(t, exportDoc, map[string]any{"t": a.token}); len(r.Errors) == 0 || r.Errors[0].Code() != "THROTTLED" {
			t.Errorf("4th export: %s", r.Raw)
		}
		// Staff export for a request by mail; unknown customers are refused.
		var p struct {
			Export *struct{ Data string }
			adminPayload
		}
		api.MustDo(t, adminExportDoc, map[string]any{"id": b.id}, "adminCustomerDataExport", &p, AsAdmin(adminKey))
		if p.Export == nil || !strings.Contains(p.Export.Data, b.email) || strings.Contains(p.Export.Data, a.email) {
			t.Errorf("admin export of B: %+v", p.UserErrors)
		}
		api.MustDo(t, adminExportDoc, map[string]any{"id": "gid://accountgraph/Customer/999999"}, "adminCustomerDataExport", &p, AsAdmin(adminKey))
		if d := cmp.Diff([]string{"NOT_FOUND@customerId"}, codes(p.UserErrors)); d != "" || p.Export != nil {
			t.Errorf("admin export of nobody: %s", d)
		}
		if r := api.Do(t, adminExportDoc, map[string]any{"id": b.id}); len(r.Errors) == 0 || r.Errors[0].Code() != "ACCESS_DENIED" {
			t.Errorf("admin export without a key: %s", r.Raw)
		}
		// Without a valid token, nothing.
		var bad struct {
			Export *struct{ Data string }
			Payload
		}
		api.MustDo(t, exportDoc, map[string]any{"t": "nope"}, "customerDataExport", &bad)
		if bad.Export != nil || len(bad.CustomerUserErrors) != 1 {
			t.Errorf("export with a bad token: %+v", bad)
		}
	})
}

var deleteCodeRE = regexp.MustCompile(`erasure is:\s*\n\s*\n\s*([0-9]{6})`)

// TestCustomerDelete: erasure takes a confirmation (a mailed code or the
// password); wrong ones erase nothing; once erased the token is dead, no
// personal value of the customer is left in any table, the orders remain
// for the accounts, and another customer is untouched.
func TestCustomerDelete(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		rewards := api.setUpLoyalty(t, map[string]any{"earnRules": []any{map[string]any{"action": "REFERRAL", "points": 10}}})
		a := api.personWithEverything(t, "zorblax", "+16135550303", rewards, "")
		// B joined with A's referral code: B's account points at A.
		b := api.personWithEverything(t, "quokka", "+16135550404", rewards, api.loyalty(t, a.token).ReferralCode)
		bBefore := api.everything(t, b.token)
		ordersBefore := api.count(t, "orders")

		type deletePayload struct {
			ConfirmationSent  bool
			DeletedCustomerID *string
			Payload
		}
		del := func(conf map[string]any) deletePayload {
			var p deletePayload
			vars := map[string]any{"t": a.token}
			if conf != nil {
				vars["c"] = conf
			}
			api.MustDo(t, deleteDoc, vars, "customerDelete", &p)
			return p
		}
		// Step 1: a code by mail, nothing erased.
		if p := del(nil); !p.ConfirmationSent || p.DeletedCustomerID != nil || len(p.CustomerUserErrors) > 0 {
			t.Fatalf("first step: %+v", p)
		}
		code := api.LastMatch(t, a.email, deleteCodeRE)
		wrong := wrongCode(code, 1)
		for _, c := range []struct {
			conf map[string]any
			want string
		}{
			{map[string]any{"code": wrong}, "TOKEN_INVALID@confirmation.code"},
			{map[string]any{"password": "not the password"}, "INVALID@confirmation.password"},
			{map[string]any{}, "BLANK@confirmation"},
		} {
			if p := del(c.conf); !cmp.Equal(codes(p.CustomerUserErrors), []string{c.want}) || p.DeletedCustomerID != nil {
				t.Errorf("%v: %+v", c.conf, p)
			}
		}
		// A sign-in code is no erasure code, and the erasure code signs nobody in.
		var login codeLogin
		api.MustDo(t, codeLoginDoc, map[string]any{"e": a.email, "c": code}, "customerAccessTokenCreateWithCode", &login)
		if login.CustomerAccessToken != nil {
			t.Error("the erasure code signed the customer in")
		}
		if api.everything(t, a.token) == "null" {
			t.Fatal("refused confirmations erased the customer")
		}

		// Step 2: the right code erases.
		p := del(map[string]any{"code": code})
		if p.DeletedCustomerID == nil || *p.DeletedCustomerID != a.id {
			t.Fatalf("erasure: %+v", p)
		}
		if got := api.everything(t, a.token); got != "null" {
			t.Errorf("the token still reads: %s", got)
		}
		if p := del(map[string]any{"code": code}); p.DeletedCustomerID != nil {
			t.Errorf("a dead token erased again: %+v", p)
		}
		// Orders stay for the accounts, without the person.
		if n := api.count(t, "orders"); n != ordersBefore {
			t.Errorf("orders: %d before, %d after", ordersBefore, n)
		}
		// No personal value of A anywhere; nothing points at A's ID.
		api.scanFor(t, a, []string{strings.ToLower(a.email), "zorblax", "6135550303"})
		// B is untouched (B's referrer is gone, which B's view does not show).
		if got := api.everything(t, b.token); got != bBefore {
			t.Errorf("B changed:\nbefore %s\nafter  %s", bBefore, got)
		}

		// Staff erase B for a request received by mail.
		var ap struct {
			DeletedCustomerID *string
			adminPayload
		}
		api.MustDo(t, adminDeleteDoc, map[string]any{"id": b.id}, "adminCustomerDelete", &ap, AsAdmin(adminKey))
		if ap.DeletedCustomerID == nil || *ap.DeletedCustomerID != b.id {
			t.Fatalf("admin erasure: %+v", ap)
		}
		api.scanFor(t, b, []string{strings.ToLower(b.email), "quokka", "6135550404"})
		api.MustDo(t, adminDeleteDoc, map[string]any{"id": b.id}, "adminCustomerDelete", &ap, AsAdmin(adminKey))
		if d := cmp.Diff([]string{"NOT_FOUND@customerId"}, codes(ap.UserErrors)); d != "" || ap.DeletedCustomerID != nil {
			t.Errorf("erasing twice: %s", d)
		}
		if r := api.Do(t, adminDeleteDoc, map[string]any{"id": b.id}); len(r.Errors) == 0 || r.Errors[0].Code() != "ACCESS_DENIED" {
			t.Errorf("admin erasure without a key: %s", r.Raw)
		}
	})
}

func (a *API) count(t *testing.T, table string) int {
	t.Helper()
	var n int
	if err := a.Server.DB.SQL.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// scanFor reads every row of every table and fails on any value holding
// one of the person's markers (case-insensitive), and on any customer
// reference column holding their ID.
func (a *API) scanFor(t *testing.T, p person, markers []string) {
	t.Helper()
	id := p.id[strings.LastIndex(p.id, "/")+1:]
	eachRow(t, a, 30, func(table string, cols []string, vals []any) {
		for i, v := range vals {
			s := fmt.Sprint(v)
			if b, ok := v.([]byte); ok {
				s = string(b)
			}
			s = strings.ToLower(s)
			for _, m := range markers {
				if strings.Contains(s, m) {
					t.Errorf("%s.%s still holds %q: %s", table, cols[i], m, s)
				}
			}
			if (cols[i] == "customer_id" || cols[i] == "referred_by_id") && s == id {
				t.Errorf("%s.%s still points at customer %s", table, cols[i], id)
			}
		}
	})
}
