package tests

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	addressUpdateDoc = `mutation customerAddressUpdate($token: String!, $id: ID!, $address: MailingAddressInput!) {
  customerAddressUpdate(customerAccessToken: $token, id: $id, address: $address) {
    customerAddress { id address1 city province provinceCode zip company }
    customerUserErrors { code field message }
  }
}`
	addressDeleteDoc = `mutation customerAddressDelete($token: String!, $id: ID!) {
  customerAddressDelete(customerAccessToken: $token, id: $id) { deletedCustomerAddressId customerUserErrors { code field message } userErrors { field message } }
}`
	defaultAddressDoc = `mutation customerDefaultAddressUpdate($token: String!, $id: ID!) {
  customerDefaultAddressUpdate(customerAccessToken: $token, addressId: $id) { customer { defaultAddress { id } } customerUserErrors { code field message } }
}`
	addressesDoc = `query($token: String!, $first: Int, $after: String, $last: Int, $before: String, $reverse: Boolean) {
  customer(customerAccessToken: $token) {
    defaultAddress { id }
    addresses(first: $first, after: $after, last: $last, before: $before, reverse: $reverse) {
      edges { cursor node { id city } }
      nodes { id }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}`
)

func TestAddressCreateAndFormat(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		_, token, _ := api.newCustomer(t, "addr")
		a := api.addAddress(t, token, ottawa)
		if !strings.HasPrefix(a.ID, "gid://accountgraph/MailingAddress/") {
			t.Errorf("id %q", a.ID)
		}
		got := map[string]string{
			"country": *a.Country, "countryCode": *a.CountryCode, "countryCodeV2": *a.CountryCodeV2,
			"province": *a.Province, "provinceCode": *a.ProvinceCode, "phone": *a.Phone, "name": *a.Name,
			"formattedArea": *a.FormattedArea,
		}
		want := map[string]string{
			"country": "Canada", "countryCode": "CA", "countryCodeV2": "CA", "province": "Ontario", "provinceCode": "ON",
			"phone": "+16135550123", "name": "Ada Lovelace", "formattedArea": "Ottawa, ON, Canada",
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("(-want +got):\n%s", d)
		}
		if d := cmp.Diff([]string{"Ada Lovelace", "150 Elgin St", "Suite 800", "Ottawa ON K2P 1L4", "Canada"}, a.Formatted); d != "" {
			t.Errorf("formatted (-want +got):\n%s", d)
		}
		// Country and province by code, any case; the first address is the default.
		us := api.addAddress(t, token, map[string]any{"address1": "1 Infinite Loop", "city": "Cupertino", "province": "ca", "country": "us", "zip": "95014", "company": "Fruit Co"})
		if *us.Country != "United States" || *us.ProvinceCode != "CA" || *us.Province != "California" {
			t.Errorf("us address: %+v", us)
		}
		var c struct {
			DefaultAddress struct{ ID string }
			Addresses      struct{ Nodes []struct{ ID string } }
		}
		api.MustDo(t, customerDoc, map[string]any{"token": token}, "customer", &c)
		if c.DefaultAddress.ID != a.ID || len(c.Addresses.Nodes) != 2 {
			t.Errorf("customer addresses: %+v", c)
		}

		long := strings.Repeat("y", 256)
		for name, tc := range map[string]struct {
			addr map[string]any
			want []string
		}{
			"duplicate":        {ottawa, []string{"TAKEN@address"}},
			"blank street":     {with(ottawa, "address1", " "), []string{"BLANK@address.address1"}},
			"blank city":       {with(ottawa, "city", nil, "address1", "2 Other St"), []string{"BLANK@address.city"}},
			"unknown country":  {with(ottawa, "country", "Atlantis"), []string{"INVALID@address.country"}},
			"blank country":    {with(ottawa, "country", ""), []string{"BLANK@address.country"}},
			"wrong province":   {with(ottawa, "province", "Texas"), []string{"INVALID@address.province"}},
			"missing province": {with(ottawa, "province", nil), []string{"BLANK@address.province"}},
			"bad zip":          {with(ottawa, "zip", "12345"), []string{"INVALID@address.zip"}},
			"bad phone":        {with(ottawa, "phone", "call me"), []string{"INVALID@address.phone"}},
			"html":             {with(ottawa, "company", "<img src=x onerror=alert(1)>"), []string{"CONTAINS_HTML_TAGS@address.company"}},
			"url in name":      {with(ottawa, "firstName", "http://spam.example"), []string{"CONTAINS_URL@address.firstName"}},
			"too long":         {with(ottawa, "address2", long), []string{"TOO_LONG@address.address2"}},
		} {
			t.Run(name, func(t *testing.T) {
				var p struct {
					Payload
					CustomerAddress *Address
				}
				api.MustDo(t, addressCreateDoc, map[string]any{"token": token, "address": tc.addr}, "customerAddressCreate", &p)
				if d := cmp.Diff(tc.want, codes(p.CustomerUserErrors)); d != "" || p.CustomerAddress != nil {
					t.Errorf("(-want +got):\n%s", d)
				}
			})
		}
		// Countries without provinces or postal codes need none.
		api.addAddress(t, token, map[string]any{"address1": "1 Queen's Road", "city": "Hong Kong", "country": "HK"})
		api.MustDo(t, customerDoc, map[string]any{"token": token}, "customer", &c)
		if len(c.Addresses.Nodes) != 3 {
			t.Errorf("refused addresses were stored: %d", len(c.Addresses.Nodes))
		}
	})
}

func TestAddressUpdateDeleteDefault(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		_, token, _ := api.newCustomer(t, "addr")
		first := api.addAddress(t, token, ottawa)
		second := api.addAddress(t, token, with(ottawa, "address1", "1 Rideau St", "zip", "K1N 8S7"))

		var u struct {
			Payload
			CustomerAddress *struct {
				ID, Address1, City, Province string
				ProvinceCode                 string
				Zip                          string
				Company                      *string
			}
		}
		api.MustDo(t, addressUpdateDoc, map[string]any{"token": token, "id": second.ID, "address": map[string]any{
			"address1": "301 Front St W", "city": "Toronto", "province": "ON", "country": "CA", "zip": "M5V 2T6",
		}}, "customerAddressUpdate", &u)
		if u.CustomerAddress == nil || u.CustomerAddress.City != "Toronto" || u.CustomerAddress.Province != "Ontario" || u.CustomerAddress.Company != nil {
			t.Fatalf("update: %+v", u)
		}
		// Partial updates: a field left out stays, null clears it, and the
		// merged address must be valid (nothing changes otherwise).
		partial := func(address map[string]any) {
			t.Helper()
			u.CustomerAddress, u.CustomerUserErrors = nil, nil
			api.MustDo(t, addressUpdateDoc, map[string]any{"token": token, "id": second.ID, "address": address}, "customerAddressUpdate", &u)
		}
		partial(map[string]any{"city": "Mississauga", "company": "Acme"})
		if a := u.CustomerAddress; a == nil || a.City != "Mississauga" || a.Address1 != "301 Front St W" || a.Zip != "M5V 2T6" || a.ProvinceCode != "ON" || a.Company == nil || *a.Company != "Acme" {
			t.Errorf("only city and company: %+v", u)
		}
		partial(map[string]any{"company": nil})
		if a := u.CustomerAddress; a == nil || a.Company != nil || a.City != "Mississauga" {
			t.Errorf("company: null: %+v", u)
		}
		partial(map[string]any{"address1": nil})
		if cmp.Diff([]string{"BLANK@address.address1"}, codes(u.CustomerUserErrors)) != "" || u.CustomerAddress != nil {
			t.Errorf("address1: null: %+v", u)
		}
		partial(map[string]any{"country": "US"}) // Ontario and M5V 2T6 are not American
		if cmp.Diff([]string{"INVALID@address.province", "INVALID@address.zip"}, codes(u.CustomerUserErrors)) != "" {
			t.Errorf("country alone: %+v", u.CustomerUserErrors)
		}
		var inline struct {
			CustomerAddress *struct{ City, Address1 string }
		}
		api.MustDo(t, `mutation($t: String!, $id: ID!) { customerAddressUpdate(customerAccessToken: $t, id: $id, address: { city: "Toronto" }) {
		  customerAddress { city address1 } } }`, map[string]any{"t": token, "id": second.ID}, "customerAddressUpdate", &inline)
		if inline.CustomerAddress == nil || inline.CustomerAddress.City != "Toronto" || inline.CustomerAddress.Address1 != "301 Front St W" {
			t.Errorf("inline partial update: %+v", inline)
		}
		api.MustDo(t, addressUpdateDoc, map[string]any{"token": token, "id": second.ID, "address": with(ottawa, "zip", "nope")}, "customerAddressUpdate", &u)
		if cmp.Diff([]string{"INVALID@address.zip"}, codes(u.CustomerUserErrors)) != "" {
			t.Errorf("bad update: %+v", u.CustomerUserErrors)
		}

		var d struct {
			CustomerDefaultAddressUpdate struct {
				Payload
				Customer *struct{ DefaultAddress struct{ ID string } }
			}
		}
		api.MustDo(t, defaultAddressDoc, map[string]any{"token": token, "id": second.ID}, "customerDefaultAddressUpdate", &d.CustomerDefaultAddressUpdate)
		if d.CustomerDefaultAddressUpdate.Customer.DefaultAddress.ID != second.ID {
			t.Fatalf("default: %+v", d)
		}
		// Deleting the default promotes the remaining address.
		var del struct {
			Payload
			DeletedCustomerAddressID *string `json:"deletedCustomerAddressId"`
		}
		api.MustDo(t, addressDeleteDoc, map[string]any{"token": token, "id": second.ID}, "customerAddressDelete", &del)
		if del.DeletedCustomerAddressID == nil || *del.DeletedCustomerAddressID != second.ID {
			t.Fatalf("delete: %+v", del)
		}
		var c struct {
			DefaultAddress *struct{ ID string }
		}
		api.MustDo(t, customerDoc, map[string]any{"token": token}, "customer", &c)
		if c.DefaultAddress == nil || c.DefaultAddress.ID != first.ID {
			t.Errorf("default after delete: %+v", c.DefaultAddress)
		}
		api.MustDo(t, addressDeleteDoc, map[string]any{"token": token, "id": second.ID}, "customerAddressDelete", &del)
		if cmp.Diff([]string{"NOT_FOUND@id"}, codes(del.CustomerUserErrors)) != "" || del.DeletedCustomerAddressID != nil {
			t.Errorf("second delete: %+v", del)
		}
		api.MustDo(t, addressDeleteDoc, map[string]any{"token": token, "id": first.ID}, "customerAddressDelete", &del)
		api.MustDo(t, customerDoc, map[string]any{"token": token}, "customer", &c)
		if c.DefaultAddress != nil {
			t.Errorf("default survives deleting every address: %+v", c.DefaultAddress)
		}
	})
}

// TestAddressesOfOthers: customer A, with A's token, uses B's address IDs
// in every address operation; nothing of B's is read or changed.
func TestAddressesOfOthers(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		_, tokenA, _ := api.newCustomer(t, "alice")
		_, tokenB, _ := api.newCustomer(t, "bob")
		mineA := api.addAddress(t, tokenA, ottawa)
		bobs := api.addAddress(t, tokenB, with(ottawa, "firstName", "Bob"))
		readB := func() string {
			r := api.Do(t, customerDoc, map[string]any{"token": tokenB})
			return string(r.Data["customer"])
		}
		before := readB()
		for _, id := range []string{bobs.ID, strings.Replace(bobs.ID, "/MailingAddress/", "/Customer/", 1), "gid://accountgraph/MailingAddress/999999", "garbage"} {
			var u struct{ Payload }
			api.MustDo(t, addressUpdateDoc, map[string]any{"token": tokenA, "id": id, "address": with(ottawa, "city", "Hijacked")}, "customerAddressUpdate", &u)
			if cmp.Diff([]string{"NOT_FOUND@id"}, codes(u.CustomerUserErrors)) != "" {
				t.Errorf("update %s: %+v", id, u.CustomerUserErrors)
			}
			var d struct{ Payload }
			api.MustDo(t, addressDeleteDoc, map[string]any{"token": tokenA, "id": id}, "customerAddressDelete", &d)
			if cmp.Diff([]string{"NOT_FOUND@id"}, codes(d.CustomerUserErrors)) != "" {
				t.Errorf("delete %s: %+v", id, d.CustomerUserErrors)
			}
			var s struct{ Payload }
			api.MustDo(t, defaultAddressDoc, map[string]any{"token": tokenA, "id": id}, "customerDefaultAddressUpdate", &s)
			if cmp.Diff([]string{"NOT_FOUND@addressId"}, codes(s.CustomerUserErrors)) != "" {
				t.Errorf("default %s: %+v", id, s.CustomerUserErrors)
			}
		}
		// Nor through node/nodes, which serve no customer data.
		r := api.Do(t, `query($ids: [ID!]!, $id: ID!) { node(id: $id) { id } nodes(ids: $ids) { id } }`, map[string]any{"id": bobs.ID, "ids": []string{bobs.ID}})
		if len(r.Errors) > 0 || string(r.Data["node"]) != "null" || string(r.Data["nodes"]) != "[null]" {
			t.Errorf("node: %s", r.Raw)
		}
		if after := readB(); after != before {
			t.Errorf("B changed:\n%s\n%s", before, after)
		}
		var c struct {
			DefaultAddress struct{ ID string }
			Addresses      struct{ Nodes []struct{ ID string } }
		}
		api.MustDo(t, customerDoc, map[string]any{"token": tokenA}, "customer", &c)
		if c.DefaultAddress.ID != mineA.ID || len(c.Addresses.Nodes) != 1 || c.Addresses.Nodes[0].ID != mineA.ID {
			t.Errorf("A sees %+v", c)
		}
		// Without a valid token, nothing happens at all.
		var u struct{ Payload }
		api.MustDo(t, addressCreateDoc, map[string]any{"token": "forged", "address": ottawa}, "customerAddressCreate", &u)
		if cmp.Diff([]string{"TOKEN_INVALID@customerAccessToken"}, codes(u.CustomerUserErrors)) != "" {
			t.Errorf("forged token: %+v", u.CustomerUserErrors)
		}
	})
}

type addressPage struct {
	Edges []struct {
		Cursor string
		Node   struct{ ID, City string }
	}
	PageInfo struct {
		HasNextPage, HasPreviousPage bool
		StartCursor, EndCursor       *string
	}
}

func TestAddressPagination(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		_, token, _ := api.newCustomer(t, "pager")
		var ids []string
		for i := range 5 {
			a := api.addAddress(t, token, with(ottawa, "address1", strings.Repeat("9", i+1)+" Bank St"))
			ids = append(ids, a.ID)
		}
		get := func(vars map[string]any) addressPage {
			vars["token"] = token
			var c struct{ Addresses addressPage }
			api.MustDo(t, addressesDoc, vars, "customer", &c)
			return c.Addresses
		}
		idsOf := func(p addressPage) []string {
			var out []string
			for _, e := range p.Edges {
				out = append(out, e.Node.ID)
			}
			return out
		}
		p1 := get(map[string]any{"first": 2})
		if d := cmp.Diff(ids[:2], idsOf(p1)); d != "" || !p1.PageInfo.HasNextPage || p1.PageInfo.HasPreviousPage {
			t.Fatalf("page 1: %s %+v", d, p1.PageInfo)
		}
		p2 := get(map[string]any{"first": 2, "after": *p1.PageInfo.EndCursor})
		p3 := get(map[string]any{"first": 2, "after": *p2.PageInfo.EndCursor})
		if d := cmp.Diff(ids[2:4], idsOf(p2)); d != "" || !p2.PageInfo.HasPreviousPage {
			t.Errorf("page 2: %s", d)
		}
		if d := cmp.Diff(ids[4:], idsOf(p3)); d != "" || p3.PageInfo.HasNextPage {
			t.Errorf("page 3: %s %+v", d, p3.PageInfo)
		}
		// Backwards from the end.
		b1 := get(map[string]any{"last": 2})
		if d := cmp.Diff(ids[3:], idsOf(b1)); d != "" || !b1.PageInfo.HasPreviousPage || b1.PageInfo.HasNextPage {
			t.Errorf("last 2: %s %+v", d, b1.PageInfo)
		}
		b2 := get(map[string]any{"last": 2, "before": *b1.PageInfo.StartCursor})
		if d := cmp.Diff(ids[1:3], idsOf(b2)); d != "" || !b2.PageInfo.HasNextPage {
			t.Errorf("before: %s", d)
		}
		// Reversed: newest first.
		r := get(map[string]any{"first": 3, "reverse": true})
		if d := cmp.Diff([]string{ids[4], ids[3], ids[2]}, idsOf(r)); d != "" {
			t.Errorf("reverse: %s", d)
		}
		r2 := get(map[string]any{"first": 3, "reverse": true, "after": *r.PageInfo.EndCursor})
		if d := cmp.Diff([]string{ids[1], ids[0]}, idsOf(r2)); d != "" {
			t.Errorf("reverse page 2: %s", d)
		}
		// Bad arguments are GraphQL errors, not empty pages.
		for _, vars := range []map[string]any{{"first": 251}, {"first": -1}, {}, {"first": 1, "last": 1}, {"first": 1, "after": "bm9wZQ"}} {
			vars["token"] = token
			r := api.Do(t, addressesDoc, vars)
			if len(r.Errors) != 1 || r.Errors[0].Code() != "BAD_USER_INPUT" {
				t.Errorf("%v: %s", vars, r.Raw)
			}
		}
	})
}

// TestAddressPhonesAsPeopleTypeThem: a national number is read in the
// address's country and stored in E.164; an impossible one is refused.
func TestAddressPhonesAsPeopleTypeThem(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		_, token, _ := api.newCustomer(t, "phones")
		london := map[string]any{"address1": "10 Downing St", "city": "London", "country": "GB", "zip": "SW1A 2AA"}
		for _, c := range []struct {
			address map[string]any
			phone   string
		}{
			{with(ottawa, "phone", "(613) 555-0123"), "+16135550123"},
			{with(ottawa, "address1", "2 Elgin St", "phone", "613-555-0124"), "+16135550124"},
			{with(london, "phone", "020 7946 0958"), "+442079460958"},
		} {
			var p struct {
				CustomerAddress *struct{ Phone string }
				Payload
			}
			api.MustDo(t, `mutation($t: String!, $a: MailingAddressInput!) { customerAddressCreate(customerAccessToken: $t, address: $a) {
			  customerAddress { phone } customerUserErrors { code field message } } }`, map[string]any{"t": token, "a": c.address}, "customerAddressCreate", &p)
			if p.CustomerAddress == nil || p.CustomerAddress.Phone != c.phone {
				t.Errorf("%v: %+v", c.address["phone"], p)
			}
		}
		var p struct{ Payload }
		api.MustDo(t, `mutation($t: String!, $a: MailingAddressInput!) { customerAddressCreate(customerAccessToken: $t, address: $a) {
		  customerUserErrors { code field message } } }`, map[string]any{"t": token, "a": with(ottawa, "address1", "3 Elgin St", "phone", "555-01")}, "customerAddressCreate", &p)
		if cmp.Diff([]string{"INVALID@address.phone"}, codes(p.CustomerUserErrors)) != "" || !strings.Contains(p.CustomerUserErrors[0].Message, "too short") {
			t.Errorf("impossible number: %+v", p.CustomerUserErrors)
		}
	})
}

// TestDefaultAddressIDWithoutRead: an address book's "default" mark asks
// only for the default address's ID, which the customer's row holds: no
// statement reads the address. Asked for more, it is read; deleted, the
// next address takes its place.
func TestDefaultAddressIDWithoutRead(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		_, token, _ := api.newCustomer(t, "defid")
		first := api.addAddress(t, token, ottawa)
		second := api.addAddress(t, token, with(ottawa, "city", "Toronto"))
		statements := func(doc string) (string, int) {
			before := api.Statements(t)
			out := api.Read(t, doc, map[string]any{"t": token}, "customer")
			return out, api.Statements(t) - before
		}
		idOnly, n := statements(`query($t: String!) { customer(customerAccessToken: $t) { defaultAddress { id __typename } } }`)
		if want := `{"defaultAddress":{"id":"` + first.ID + `","__typename":"MailingAddress"}}`; idOnly != want || n != 1 {
			t.Errorf("ID only: %s in %d statements, want %s in 1 (the token's customer)", idOnly, n, want)
		}
		more, n := statements(`query($t: String!) { customer(customerAccessToken: $t) { defaultAddress { id city } } }`)
		if want := `{"defaultAddress":{"id":"` + first.ID + `","city":"Ottawa"}}`; more != want || n != 2 {
			t.Errorf("with its city: %s in %d statements, want %s in 2", more, n, want)
		}
		api.MustDo(t, addressDeleteDoc, map[string]any{"token": token, "id": first.ID}, "customerAddressDelete", nil)
		if got, _ := statements(`query($t: String!) { customer(customerAccessToken: $t) { defaultAddress { id } } }`); got != `{"defaultAddress":{"id":"`+second.ID+`"}}` {
			t.Errorf("after deleting the default: %s, want the second address %s", got, second.ID)
		}
	})
}
