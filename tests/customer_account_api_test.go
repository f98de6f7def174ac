package tests

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/oauth2"
)

// The account page documents of a Hydrogen storefront (its skeleton's
// customer-account queries), as written for Shopify's Customer Account API.
const (
	caAddressFragment = `fragment Address on CustomerAddress {
    id formatted firstName lastName company address1 address2 territoryCode zoneCode city zip phoneNumber
  }`
	caCustomerDetails = `fragment Customer on Customer {
    id firstName lastName
    defaultAddress { ...Address }
    addresses(first: 6) { nodes { ...Address } }
  }
  ` + caAddressFragment + `
  query CustomerDetails($language: LanguageCode) @inContext(language: $language) {
    customer { ...Customer }
  }`
	caCustomerOrders = `fragment OrderItem on Order {
    totalPrice { amount currencyCode }
    financialStatus fulfillmentStatus
    fulfillments(first: 1) { nodes { status } }
    id number confirmationNumber processedAt
  }
  fragment CustomerOrders on Customer {
    orders(sortKey: PROCESSED_AT, reverse: true, first: $first, last: $last, before: $startCursor, after: $endCursor, query: $query) {
      nodes { ...OrderItem }
      pageInfo { hasPreviousPage hasNextPage endCursor startCursor }
    }
  }
  query CustomerOrders($endCursor: String, $first: Int, $last: Int, $startCursor: String, $query: String, $language: LanguageCode) @inContext(language: $language) {
    customer { ...CustomerOrders }
  }`
	caOrder = `fragment OrderMoney on MoneyV2 { amount currencyCode }
  fragment DiscountApplication on DiscountApplication {
    value { __typename ... on MoneyV2 { ...OrderMoney } ... on PricingPercentageValue { percentage } }
  }
  fragment OrderLineItemFull on LineItem {
    id title quantity price { ...OrderMoney }
    discountAllocations { allocatedAmount { ...OrderMoney } discountApplication { ...DiscountApplication } }
    totalDiscount { ...OrderMoney }
    image { altText height url id width }
    variantTitle
  }
  fragment Order on Order {
    id name confirmationNumber statusPageUrl fulfillmentStatus processedAt
    fulfillments(first: 1) { nodes { status trackingInformation { number url company } } }
    totalTax { ...OrderMoney } totalPrice { ...OrderMoney } subtotal { ...OrderMoney }
    shippingAddress { name formatted(withName: true) formattedArea }
    discountApplications(first: 100) { nodes { ...DiscountApplication } }
    lineItems(first: 100) { nodes { ...OrderLineItemFull } }
  }
  query Order($orderId: ID!, $language: LanguageCode) @inContext(language: $language) {
    order(id: $orderId) { ... on Order { ...Order } }
  }`
	caCustomerUpdate = `mutation customerUpdate($customer: CustomerUpdateInput!, $language: LanguageCode) @inContext(language: $language) {
    customerUpdate(input: $customer) { customer { firstName lastName } userErrors { code field message } }
  }`
	caAddressCreate = `mutation customerAddressCreate($address: CustomerAddressInput!, $defaultAddress: Boolean, $language: LanguageCode) @inContext(language: $language) {
    customerAddressCreate(address: $address, defaultAddress: $defaultAddress) { customerAddress { id } userErrors { code field message } }
  }`
	caAddressUpdate = `mutation customerAddressUpdate($address: CustomerAddressInput!, $addressId: ID!, $defaultAddress: Boolean, $language: LanguageCode) @inContext(language: $language) {
    customerAddressUpdate(address: $address, addressId: $addressId, defaultAddress: $defaultAddress) { customerAddress { id city } userErrors { code field message } }
  }`
	caAddressDelete = `mutation customerAddressDelete($addressId: ID!, $language: LanguageCode) @inContext(language: $language) {
    customerAddressDelete(addressId: $addressId) { deletedAddressId userErrors { code field message } }
  }`
)

// caDo posts a Customer Account API request as Hydrogen's client does: minified
// JSON without operationName, the access token raw in Authorization.
func (a *API) caDo(t *testing.T, token, query string, vars map[string]any) Response {
	t.Helper()
	if vars == nil {
		vars = map[string]any{}
	}
	vars["language"] = "EN"
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, a.URL+"/accountgraph/account/customer/api/2026-04/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Forwarded-For", a.ip)
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	return a.send(t, req)
}

// caMust is caDo that expects data without errors and decodes one field.
func (a *API) caMust(t *testing.T, token, query string, vars map[string]any, field string, out any) {
	t.Helper()
	r := a.caDo(t, token, query, vars)
	if err := decodeField(r, field, out); err != nil {
		t.Fatalf("%v\n%s", err, r.Raw)
	}
}

// TestCustomerAccountAPI: a customer signed in through the OpenID Connect
// provider reads and changes their account with a Hydrogen storefront's
// documents; no or a dead token answers 401; another customer's order and
// address IDs are not found.
func TestCustomerAccountAPI(t *testing.T) {
	parallel(t)
	eachDBWith(t, withStorefrontClient, func(t *testing.T, api *API) {
		email, _, customerID := api.newCustomer(t, "ca")
		_, _, otherID := api.newCustomer(t, "ca-other")
		api.seedCatalog(t)
		mine := api.createOrder(t, map[string]any{"customerId": customerID, "processedAt": "2026-03-01T10:00:00Z",
			"discountApplications": []any{map[string]any{"code": "SPRING", "percentage": 10.0}}})
		api.createOrder(t, map[string]any{"customerId": customerID, "processedAt": "2026-04-01T10:00:00Z"})
		theirs := api.createOrder(t, map[string]any{"customerId": otherID})
		hc := toServer(api)
		conf := oauth2.Config{ClientID: storefrontClient, RedirectURL: storefrontRedirect, Scopes: []string{"openid", "email", "customer-account-api:full"},
			Endpoint: oauth2.Endpoint{AuthURL: shopIssuer + "/oauth/authorize", TokenURL: shopIssuer + "/oauth/token"}}
		token := signIn(t, hc, conf, email).AccessToken

		// No, a wrong or a Bearer-less dead token: 401.
		for _, bad := range []string{"", "not-a-token", "Bearer not-a-token"} {
			if r := api.caDo(t, bad, caCustomerDetails, nil); r.Status != http.StatusUnauthorized || len(r.Errors) != 1 || r.Errors[0].Code() != "UNAUTHORIZED" {
				t.Errorf("token %q: %d %s", bad, r.Status, r.Raw)
			}
		}

		// Profile and addresses.
		var up struct {
			Customer   *struct{ FirstName, LastName string }
			UserErrors []UserError
		}
		api.caMust(t, token, caCustomerUpdate, map[string]any{"customer": map[string]any{"firstName": "Ada", "lastName": "Lovelace"}}, "customerUpdate", &up)
		if up.Customer == nil || up.Customer.FirstName != "Ada" || len(up.UserErrors) != 0 {
			t.Errorf("customerUpdate: %+v", up)
		}
		api.caMust(t, token, caCustomerUpdate, map[string]any{"customer": map[string]any{"firstName": "<b>Ada</b>"}}, "customerUpdate", &up)
		if up.Customer != nil || !cmp.Equal(codes(up.UserErrors), []string{"CONTAINS_HTML_TAGS@input.firstName"}) {
			t.Errorf("customerUpdate with HTML: %+v", up)
		}
		type addrPayload struct {
			CustomerAddress *struct{ ID, City string }
			UserErrors      []UserError
		}
		var created addrPayload
		api.caMust(t, token, caAddressCreate, map[string]any{"defaultAddress": true, "address": map[string]any{
			"firstName": "Ada", "lastName": "Lovelace", "address1": "150 Elgin St", "city": "Ottawa", "zip": "K2P 1L4",
			"territoryCode": "CA", "zoneCode": "ON", "phoneNumber": "(613) 555-0123"}}, "customerAddressCreate", &created)
		if created.CustomerAddress == nil || !strings.Contains(created.CustomerAddress.ID, "/CustomerAddress/") {
			t.Fatalf("customerAddressCreate: %+v", created)
		}
		var bad addrPayload
		api.caMust(t, token, caAddressCreate, map[string]any{"address": map[string]any{"city": "Nowhere", "territoryCode": "ZZ"}}, "customerAddressCreate", &bad)
		if bad.CustomerAddress != nil || len(bad.UserErrors) == 0 {
			t.Errorf("a bad address: %+v", bad)
		}
		var details struct {
			ID, FirstName  string
			DefaultAddress *struct {
				ID, TerritoryCode, ZoneCode, PhoneNumber string
				Formatted                                []string
			}
			Addresses struct{ Nodes []struct{ ID string } }
		}
		api.caMust(t, token, caCustomerDetails, nil, "customer", &details)
		if details.ID != customerID || details.FirstName != "Ada" || details.DefaultAddress == nil || details.DefaultAddress.ID != created.CustomerAddress.ID ||
			details.DefaultAddress.TerritoryCode != "CA" || details.DefaultAddress.ZoneCode != "ON" || details.DefaultAddress.PhoneNumber != "+16135550123" ||
			len(details.Addresses.Nodes) != 1 || len(details.DefaultAddress.Formatted) == 0 {
			t.Errorf("customer: %+v", details)
		}
		var updated addrPayload
		api.caMust(t, token, caAddressUpdate, map[string]any{"addressId": created.CustomerAddress.ID, "address": map[string]any{"city": "Kanata"}}, "customerAddressUpdate", &updated)
		if updated.CustomerAddress == nil || updated.CustomerAddress.City != "Kanata" {
			t.Errorf("customerAddressUpdate: %+v", updated)
		}

		// Another customer's address is not found, and stays.
		_, otherToken, _ := api.newCustomer(t, "ca-third")
		var theirAddr struct{ CustomerAddress *struct{ ID string } }
		api.MustDo(t, `mutation($t: String!) { customerAddressCreate(customerAccessToken: $t, address: {address1: "1 Main St", city: "Berlin", country: "DE", zip: "10117"}) { customerAddress { id } } }`,
			map[string]any{"t": otherToken}, "customerAddressCreate", &theirAddr)
		for doc, vars := range map[string]map[string]any{
			caAddressUpdate: {"addressId": theirAddr.CustomerAddress.ID, "address": map[string]any{"city": "Hacked"}},
			caAddressDelete: {"addressId": theirAddr.CustomerAddress.ID},
		} {
			r := api.caDo(t, token, doc, vars)
			if len(r.Errors) > 0 || !strings.Contains(r.Raw, `"ADDRESS_ID_DOES_NOT_EXIST"`) {
				t.Errorf("another customer's address: %s", r.Raw)
			}
		}

		// Orders: newest first, filtered, and one order's page.
		var orders struct {
			Orders struct {
				Nodes []struct {
					ID, FulfillmentStatus string
					Number                int
					TotalPrice            struct{ Amount, CurrencyCode string }
				}
				PageInfo struct{ HasNextPage bool }
			}
		}
		api.caMust(t, token, caCustomerOrders, map[string]any{"first": 10}, "customer", &orders)
		if n := orders.Orders.Nodes; len(n) != 2 || !strings.HasPrefix(n[1].ID, "gid://accountgraph/Order/") || n[0].Number <= n[1].Number || n[1].TotalPrice.CurrencyCode != "EUR" {
			t.Fatalf("orders: %+v", orders)
		}
		var confirmation struct{ ConfirmationNumber string }
		api.caMust(t, token, `query($id: ID!) { order(id: $id) { confirmationNumber } }`, map[string]any{"id": orders.Orders.Nodes[1].ID}, "order", &confirmation)
		if !regexp.MustCompile(`^[2-9A-HJ-NP-Z]{9}$`).MatchString(confirmation.ConfirmationNumber) {
			t.Errorf("confirmation number %q", confirmation.ConfirmationNumber)
		}
		// The order system's own confirmation number is kept (upper case); a
		// malformed one is refused.
		given := api.createOrder(t, map[string]any{"customerId": customerID, "confirmationNumber": "erp42xyz"})
		var byNumber struct{ ConfirmationNumber string }
		api.caMust(t, token, `query($id: ID!) { order(id: $id) { confirmationNumber } }`, map[string]any{"id": plainID(given.ID)}, "order", &byNumber)
		if byNumber.ConfirmationNumber != "ERP42XYZ" {
			t.Errorf("given confirmation number: %+v", byNumber)
		}
		var refused struct{ adminPayload }
		api.MustDo(t, orderCreateDoc, map[string]any{"order": map[string]any{"externalId": "bad-confirmation", "currencyCode": "EUR", "financialStatus": "PAID",
			"confirmationNumber": "no spaces!", "lineItems": []any{map[string]any{"title": "X", "quantity": 1, "price": "1.00"}}}}, "adminOrderCreate", &refused, AsAdmin(adminKey))
		if !cmp.Equal(codes(refused.UserErrors), []string{"INVALID@order.confirmationNumber"}) {
			t.Errorf("a malformed confirmation number: %+v", refused)
		}
		for _, q := range []string{"name:" + mine.Name, fmt.Sprintf("order_number:%d", mine.OrderNumber),
			"confirmation_number:" + strings.ToLower(confirmation.ConfirmationNumber) + " AND name:" + mine.Name,
			fmt.Sprintf("order_number:<=%d AND created_at:>=2020-01-01", mine.OrderNumber)} {
			api.caMust(t, token, caCustomerOrders, map[string]any{"first": 10, "query": q}, "customer", &orders)
			if len(orders.Orders.Nodes) != 1 || orders.Orders.Nodes[0].Number != mine.OrderNumber {
				t.Errorf("orders matching %s: %+v", q, orders)
			}
		}
		var order struct {
			Name, StatusPageURL string
			LineItems           struct {
				Nodes []struct {
					Title               string
					Quantity            int
					Price               struct{ Amount string }
					DiscountAllocations []struct{ AllocatedAmount struct{ Amount string } }
					Image               *struct{ URL string }
				}
			}
			DiscountApplications struct {
				Nodes []struct {
					Value struct {
						Typename   string `json:"__typename"`
						Percentage float64
					}
				}
			}
			ShippingAddress *struct{ Formatted []string }
		}
		api.caMust(t, token, caOrder, map[string]any{"orderId": orders.Orders.Nodes[0].ID}, "order", &order)
		if order.Name != mine.Name || len(order.LineItems.Nodes) != 2 || order.LineItems.Nodes[0].Price.Amount != "49.0" && order.LineItems.Nodes[0].Price.Amount != "49.00" ||
			len(order.DiscountApplications.Nodes) != 1 || order.DiscountApplications.Nodes[0].Value.Percentage != 10 ||
			order.ShippingAddress == nil || !strings.HasPrefix(order.StatusPageURL, "https://shop.test/") {
			t.Errorf("order: %+v", order)
		}
		// Another customer's order, by our ID or Shopify's: not found.
		for _, id := range []string{theirs.ID, plainID(theirs.ID), strings.Replace(plainID(theirs.ID), "gid://accountgraph/", "gid://shopify/", 1)} {
			r := api.caDo(t, token, caOrder, map[string]any{"orderId": id})
			if len(r.Errors) > 0 || string(r.Data["order"]) != "null" {
				t.Errorf("another customer's order %s: %s", id, r.Raw)
			}
		}

		var deleted struct {
			DeletedAddressID *string
			UserErrors       []UserError
		}
		api.caMust(t, token, caAddressDelete, map[string]any{"addressId": created.CustomerAddress.ID}, "customerAddressDelete", &deleted)
		if deleted.DeletedAddressID == nil || *deleted.DeletedAddressID != created.CustomerAddress.ID {
			t.Errorf("customerAddressDelete: %+v", deleted)
		}
		// Introspection works for a signed-in client; answers carry a request id.
		if r := api.caDo(t, token, `{ __schema { queryType { name } } }`, nil); len(r.Errors) > 0 || !strings.Contains(r.Raw, `"Query"`) || r.Header.Get("X-Request-Id") == "" {
			t.Errorf("introspection: %s %v", r.Raw, r.Header)
		}
	})
}

// plainID is a keyed ID (an order's, with its status key) without the key:
// the ID the Customer Account API writes for the same order.
func plainID(id string) string {
	m := regexp.MustCompile(`^(gid://[a-z]+/[A-Za-z]+/)0?([0-9]+)`).FindStringSubmatch(id)
	if m == nil {
		return id
	}
	return m[1] + m[2]
}
