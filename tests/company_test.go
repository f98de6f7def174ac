package tests

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"accountgraph/internal/config"
)

const (
	companyUpsertDoc = `mutation($i: AdminCompanyInput!) { adminCompanyCreate(input: $i) {
  company { id name externalId pendingContacts locations { id name externalId } contacts { role spendingLimit { amount } customer { email } } }
  userErrors { code field message } } }`
	myCompaniesDoc = `query($t: String!) { customer(customerAccessToken: $t) { companyContacts {
  role createdAt spendingLimit { amount currencyCode } company { name createdAt updatedAt locations { name createdAt } }
  orders(first: 10) { totalCount nodes { name } } } } }`
)

type companyOut struct {
	ID, Name, ExternalID string
	PendingContacts      int
	Locations            []struct{ ID, Name, ExternalID string }
	Contacts             []struct {
		Role          string
		SpendingLimit *struct{ Amount string }
		Customer      struct{ Email string }
	}
}

func (a *API) upsertCompany(t *testing.T, in map[string]any) (*companyOut, []string) {
	t.Helper()
	var p struct {
		adminPayload
		Company *companyOut
	}
	a.MustDo(t, companyUpsertDoc, map[string]any{"i": in}, "adminCompanyCreate", &p, AsAdmin(adminKey))
	return p.Company, codes(p.UserErrors)
}

// verified registers a customer and follows the verification link.
func (a *API) verified(t *testing.T, prefix string) (email, token, id string) {
	t.Helper()
	email, token, id = a.newCustomer(t, prefix)
	a.MustDo(t, verifyDoc, map[string]any{"t": a.verifyToken(t, email)}, "customerEmailVerify", nil)
	return email, token, id
}

// TestCompanies: an ERP contact list makes listed people contacts when
// their email is proven (at once, or when they verify it later); others
// stay B2C; roles decide which company orders a contact sees; a buyer's
// limit bounds B2B orders; a list change revokes access.
func TestCompanies(t *testing.T) {
	parallel(t)
	eachDBWith(t, func(c *config.Config) { c.ShopCurrency = "EUR" }, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		boss, bossToken, bossID := api.verified(t, "boss")
		buyerEmail := uniqueEmail("buyer")
		unverified, _, _ := api.newCustomer(t, "unverified")
		ext := "ERP-" + strings.ReplaceAll(api.ip, ".", "-")
		in := map[string]any{"externalId": ext, "name": "Acme Trading", "locations": []any{
			map[string]any{"externalId": "HQ", "name": "Head office"}, map[string]any{"externalId": "WH1", "name": "Warehouse"},
		}, "contacts": []any{
			map[string]any{"email": strings.ToUpper(boss), "role": "ADMIN"},
			map[string]any{"email": buyerEmail, "role": "BUYER", "spendingLimit": "150.00"},
			map[string]any{"email": unverified, "role": "BUYER"},
		}}
		co, errs := api.upsertCompany(t, in)
		if co == nil || len(errs) > 0 {
			t.Fatalf("upsert: %v", errs)
		}
		if len(co.Contacts) != 1 || co.Contacts[0].Customer.Email != boss || co.Contacts[0].Role != "ADMIN" || co.PendingContacts != 2 || len(co.Locations) != 2 {
			t.Errorf("company after the first sync: %+v", co)
		}
		// The same record again changes nothing (idempotent by external IDs).
		again, _ := api.upsertCompany(t, in)
		if again.ID != co.ID || cmp.Diff(co.Locations, again.Locations) != "" {
			t.Errorf("second sync: %+v", again)
		}

		// The buyer registers: B2C until the email is verified, B2B after.
		buyerID := api.register(t, buyerEmail)
		buyerToken := api.login(t, buyerEmail, goodPassword)
		if got := api.Read(t, myCompaniesDoc, map[string]any{"t": buyerToken}, "customer"); got != `{"companyContacts":[]}` {
			t.Errorf("unverified buyer: %s", got)
		}
		api.MustDo(t, verifyDoc, map[string]any{"t": api.verifyToken(t, buyerEmail)}, "customerEmailVerify", nil)
		// An outsider stays B2C.
		_, outsiderToken, outsiderID := api.verified(t, "outsider")
		if got := api.Read(t, myCompaniesDoc, map[string]any{"t": outsiderToken}, "customer"); got != `{"companyContacts":[]}` {
			t.Errorf("outsider: %s", got)
		}

		// Orders: the buyer's within the limit, the boss's, a B2C order of the buyer.
		hq := co.Locations[0].ID
		line := []any{map[string]any{"sku": "SOCKS", "title": "Wool socks", "quantity": 2, "price": "12.50"}}
		b2b := func(customerID string, lines []any) ([]string, string) {
			t.Helper()
			var p struct {
				adminPayload
				Order *struct{ Name string }
			}
			api.MustDo(t, orderCreateDoc, map[string]any{"order": map[string]any{
				"externalId": fmt.Sprintf("b2b-%d-%s", seq.Add(1), api.ip), "customerId": customerID, "companyLocationId": hq,
				"currencyCode": "EUR", "lineItems": lines,
			}}, "adminOrderCreate", &p, AsAdmin(adminKey))
			if p.Order == nil {
				return codes(p.UserErrors), ""
			}
			return nil, p.Order.Name
		}
		_, buyerOrder := b2b(buyerID, line)
		_, bossOrder := b2b(bossID, line)
		api.createOrder(t, map[string]any{"customerId": buyerID})
		big := []any{map[string]any{"sku": "SOCKS", "title": "Wool socks", "quantity": 20, "price": "12.50"}}
		for name, tc := range map[string]struct {
			customer, location string
			lines              []any
			want               string
		}{
			"over the limit":   {buyerID, hq, big, "NOT_ALLOWED@order.companyLocationId"},
			"not a contact":    {outsiderID, hq, line, "NOT_ALLOWED@order.companyLocationId"},
			"unknown location": {buyerID, "gid://accountgraph/CompanyLocation/999999", line, "NOT_FOUND@order.companyLocationId"},
			"not a location":   {buyerID, co.ID, line, "NOT_FOUND@order.companyLocationId"},
		} {
			hq = tc.location
			if errs, _ := b2b(tc.customer, tc.lines); cmp.Diff([]string{tc.want}, errs) != "" {
				t.Errorf("%s: %v", name, errs)
			}
		}
		type contacts struct {
			CompanyContacts []struct {
				Role          string
				SpendingLimit *struct{ Amount, CurrencyCode string }
				Company       struct{ Name string }
				Orders        struct {
					TotalCount string
					Nodes      []struct{ Name string }
				}
			}
		}
		read := func(token string) contacts {
			t.Helper()
			var c contacts
			api.MustDo(t, myCompaniesDoc, map[string]any{"t": token}, "customer", &c)
			return c
		}
		names := func(c contacts) []string {
			out := []string{}
			for _, n := range c.CompanyContacts[0].Orders.Nodes {
				out = append(out, n.Name)
			}
			return out
		}
		b := read(buyerToken)
		if len(b.CompanyContacts) != 1 || b.CompanyContacts[0].Role != "BUYER" || b.CompanyContacts[0].SpendingLimit.Amount != "150.0" && b.CompanyContacts[0].SpendingLimit.Amount != "150.00" {
			t.Fatalf("buyer: %+v", b)
		}
		if d := cmp.Diff([]string{buyerOrder}, names(b)); d != "" || b.CompanyContacts[0].Orders.TotalCount != "1" {
			t.Errorf("the buyer sees their own company orders only (-want +got):\n%s", d)
		}
		a := read(bossToken)
		if d := cmp.Diff([]string{buyerOrder, bossOrder}, names(a)); d != "" || a.CompanyContacts[0].Orders.TotalCount != "2" {
			t.Errorf("the admin sees all company orders (-want +got):\n%s", d)
		}

		// Bad input changes nothing.
		for _, tc := range []struct {
			in   map[string]any
			want []string
		}{
			{map[string]any{"externalId": " ", "name": "<b>x</b>"}, []string{"BLANK@input.externalId", "CONTAINS_HTML_TAGS@input.name"}},
			{map[string]any{"externalId": ext, "name": "Acme", "contacts": []any{
				map[string]any{"email": "nope", "role": "BUYER"},
				map[string]any{"email": boss, "role": "ADMIN", "spendingLimit": "1.234"},
				map[string]any{"email": boss, "role": "BUYER"},
			}}, []string{"INVALID@input.contacts.0.email", "INVALID@input.contacts.1.spendingLimit", "TAKEN@input.contacts.2.email"}},
			{map[string]any{"externalId": ext, "name": "Acme", "locations": []any{
				map[string]any{"externalId": "HQ", "name": "A"}, map[string]any{"externalId": "HQ", "name": "B"},
			}}, []string{"TAKEN@input.locations.1.externalId"}},
		} {
			if c, errs := api.upsertCompany(t, tc.in); c != nil || cmp.Diff(tc.want, errs) != "" {
				t.Errorf("%v: %v", tc.in, errs)
			}
		}
		if c := read(bossToken); len(c.CompanyContacts) != 1 || c.CompanyContacts[0].Company.Name != "Acme Trading" {
			t.Errorf("a refused sync changed the company: %+v", c)
		}

		// The buyer leaves the list: access ends; the boss's limit changes.
		in["contacts"] = []any{map[string]any{"email": boss, "role": "BUYER", "spendingLimit": "99.00"}}
		co, _ = api.upsertCompany(t, in)
		if got := api.Read(t, myCompaniesDoc, map[string]any{"t": buyerToken}, "customer"); got != `{"companyContacts":[]}` {
			t.Errorf("removed buyer: %s", got)
		}
		if c := read(bossToken); c.CompanyContacts[0].Role != "BUYER" || c.CompanyContacts[0].SpendingLimit == nil {
			t.Errorf("boss after the change: %+v", c)
		}
		if co.PendingContacts != 0 {
			t.Errorf("pending: %d", co.PendingContacts)
		}
		in["contacts"] = []any{map[string]any{"email": boss, "role": "ADMIN"}}
		api.upsertCompany(t, in)
		if c := read(bossToken); c.CompanyContacts[0].Role != "ADMIN" || c.CompanyContacts[0].SpendingLimit != nil {
			t.Errorf("a limit dropped by the ERP stays: %+v", c)
		}
		// Admin scopes.
		reader, err := api.Server.AdminKeys().Create(context.Background(), "reader", []string{"customers:read"})
		if err != nil {
			t.Fatal(err)
		}
		if r := api.Do(t, companyUpsertDoc, map[string]any{"i": in}, AsAdmin(reader)); len(r.Errors) != 1 || r.Errors[0].Code() != "ACCESS_DENIED" {
			t.Errorf("read key: %s", r.Raw)
		}
		var got struct{ Name string }
		api.MustDo(t, `query($id: ID!) { adminCompany(id: $id) { name } }`, map[string]any{"id": co.ID}, "adminCompany", &got, AsAdmin(reader))
		if got.Name != "Acme Trading" {
			t.Errorf("adminCompany: %+v", got)
		}
		// Admin fields are refused on the storefront.
		if r := api.Do(t, `query($t: String!) { customer(customerAccessToken: $t) { companyContacts { company { externalId } } } }`, map[string]any{"t": bossToken}); len(r.Errors) != 1 || r.Errors[0].Code() != "ACCESS_DENIED" {
			t.Errorf("storefront read of an admin field: %s", r.Raw)
		}
	})
}
