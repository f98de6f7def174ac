package tests

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
)

// Documents shared by several test files, written as a Shopify storefront
// would write them.
const (
	customerCreateDoc = `mutation customerCreate($input: CustomerCreateInput!) {
  customerCreate(input: $input) {
    customer { id email firstName lastName phone acceptsMarketing displayName }
    customerUserErrors { code field message }
    userErrors { field message }
  }
}`
	tokenCreateDoc = `mutation customerAccessTokenCreate($input: CustomerAccessTokenCreateInput!) {
  customerAccessTokenCreate(input: $input) {
    customerAccessToken { accessToken expiresAt }
    customerUserErrors { code field message }
  }
}`
	customerDoc = `query customer($token: String!) {
  customer(customerAccessToken: $token) {
    id email firstName lastName displayName phone acceptsMarketing createdAt updatedAt tags emailVerified numberOfOrders
    defaultAddress { id }
    addresses(first: 10) { nodes { id address1 city } }
  }
}`
	addressCreateDoc = `mutation customerAddressCreate($token: String!, $address: MailingAddressInput!) {
  customerAddressCreate(customerAccessToken: $token, address: $address) {
    customerAddress { id firstName lastName address1 address2 city province provinceCode country countryCode countryCodeV2 zip phone name formattedArea formatted(withName: true) }
    customerUserErrors { code field message }
    userErrors { field message }
  }
}`
)

// Payload is a mutation payload with errors.
type Payload struct {
	CustomerUserErrors []UserError `json:"customerUserErrors"`
	UserErrors         []UserError `json:"userErrors"`
}

// Token is a CustomerAccessToken.
type Token struct {
	AccessToken string `json:"accessToken"`
	ExpiresAt   string `json:"expiresAt"`
}

var seq atomic.Int64

// uniqueEmail makes an address no other test uses.
func uniqueEmail(prefix string) string {
	return fmt.Sprintf("%s.%d@example.com", prefix, seq.Add(1))
}

const goodPassword = "correct horse battery staple"

// register creates a customer through the API and returns its ID.
func (a *API) register(t *testing.T, email string) string {
	t.Helper()
	var p struct {
		Payload
		Customer *struct{ ID string } `json:"customer"`
	}
	a.MustDo(t, customerCreateDoc, map[string]any{"input": map[string]any{
		"email": email, "password": goodPassword, "firstName": "Test", "lastName": "Customer",
	}}, "customerCreate", &p)
	if p.Customer == nil {
		t.Fatalf("register %s: %+v", email, p.CustomerUserErrors)
	}
	return p.Customer.ID
}

// login signs in (with request options, e.g. a User-Agent) and returns
// the access token.
func (a *API) login(t *testing.T, email, password string, opts ...Opt) string {
	t.Helper()
	var p struct {
		Payload
		CustomerAccessToken *Token `json:"customerAccessToken"`
	}
	a.MustDo(t, tokenCreateDoc, map[string]any{"input": map[string]any{"email": email, "password": password}},
		"customerAccessTokenCreate", &p, opts...)
	if p.CustomerAccessToken == nil {
		t.Fatalf("login %s: %+v", email, p.CustomerUserErrors)
	}
	return p.CustomerAccessToken.AccessToken
}

// newCustomer registers and signs in a customer.
func (a *API) newCustomer(t *testing.T, prefix string) (email, token, id string) {
	t.Helper()
	email = uniqueEmail(prefix)
	id = a.register(t, email)
	return email, a.login(t, email, goodPassword), id
}

// Address is the address fields the tests read.
type Address struct {
	ID            string   `json:"id"`
	FirstName     *string  `json:"firstName"`
	LastName      *string  `json:"lastName"`
	Address1      *string  `json:"address1"`
	Address2      *string  `json:"address2"`
	City          *string  `json:"city"`
	Province      *string  `json:"province"`
	ProvinceCode  *string  `json:"provinceCode"`
	Country       *string  `json:"country"`
	CountryCode   *string  `json:"countryCode"`
	CountryCodeV2 *string  `json:"countryCodeV2"`
	Zip           *string  `json:"zip"`
	Phone         *string  `json:"phone"`
	Name          *string  `json:"name"`
	FormattedArea *string  `json:"formattedArea"`
	Formatted     []string `json:"formatted"`
}

var ottawa = map[string]any{
	"firstName": "Ada", "lastName": "Lovelace", "address1": "150 Elgin St", "address2": "Suite 800",
	"city": "Ottawa", "province": "Ontario", "country": "Canada", "zip": "K2P 1L4", "phone": "+1 613 555 0123",
}

// addAddress creates an address and returns it.
func (a *API) addAddress(t *testing.T, token string, addr map[string]any) Address {
	t.Helper()
	var p struct {
		Payload
		CustomerAddress *Address `json:"customerAddress"`
	}
	a.MustDo(t, addressCreateDoc, map[string]any{"token": token, "address": addr}, "customerAddressCreate", &p)
	if p.CustomerAddress == nil {
		t.Fatalf("address create: %+v", p.CustomerUserErrors)
	}
	return *p.CustomerAddress
}

func with(base map[string]any, kv ...any) map[string]any {
	out := map[string]any{}
	for k, v := range base {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1]
	}
	return out
}

// bulkVariants syncs products products of perProduct variants each
// (SKUs PREFIX-p-i, titles title) and returns the variants' IDs.
func (a *API) bulkVariants(t *testing.T, prefix string, products, perProduct int, title string) []string {
	t.Helper()
	var in []any
	for p := range products {
		var variants []any
		for i := range perProduct {
			variants = append(variants, map[string]any{"sku": fmt.Sprintf("%s-%d-%d", prefix, p, i), "title": title, "price": "12.50", "currencyCode": "EUR", "availableForSale": true})
		}
		in = append(in, map[string]any{"handle": fmt.Sprintf("%s-%d", strings.ToLower(prefix), p), "title": title, "variants": variants})
	}
	var up struct {
		Products []struct {
			Variants struct{ Nodes []struct{ ID string } }
		}
	}
	a.MustDo(t, `mutation($p: [AdminProductInput!]!) { adminProductsUpsert(products: $p) { products { variants(first: 250) { nodes { id } } } } }`,
		map[string]any{"p": in}, "adminProductsUpsert", &up, AsAdmin(adminKey))
	var ids []string
	for _, p := range up.Products {
		for _, v := range p.Variants.Nodes {
			ids = append(ids, v.ID)
		}
	}
	if len(ids) != products*perProduct {
		t.Fatalf("%d variants synced, want %d", len(ids), products*perProduct)
	}
	return ids
}
