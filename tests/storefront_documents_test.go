package tests

import (
	"accountgraph/internal/config"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedPath is a path in the shared folder (../shared beside the
// repository, or SHARED_DIR). A user's clone has none: the test then
// skips, saying so; CI (CI_REQUIRE_TOOLS) fails instead.
func sharedPath(t *testing.T, parts ...string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared")
	if d := os.Getenv("SHARED_DIR"); d != "" {
		dir = d
	}
	p := filepath.Join(append([]string{dir}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI_REQUIRE_TOOLS") != "" {
			t.Fatalf("%v (set SHARED_DIR to the shared folder)", err)
		}
		t.Skipf("%s is not on this machine: the shared folder is absent (set SHARED_DIR to it)", p)
	}
	return p
}

// hydrogenDocuments reads the customer documents of Shopify's Hydrogen
// demo store, verbatim, from the shared conformance set.
func hydrogenDocuments(t *testing.T) map[string]string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(sharedPath(t, "clients", "shopify-hydrogen-demo-store"), "*.graphql"))
	if len(files) == 0 {
		t.Fatal("the shared conformance set holds no documents")
	}
	docs := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs[strings.TrimSuffix(filepath.Base(f), ".graphql")] = string(b)
	}
	return docs
}

// TestHydrogenDemoStoreDocuments replays the demo store's twelve customer
// documents, unchanged, in the order a customer meets them, building IDs
// from links and URLs as the demo store's routes do. Every server of the
// suite runs within half the default query limits, so these documents are
// also shown to stay well under them.
func TestHydrogenDemoStoreDocuments(t *testing.T) {
	parallel(t)
	docs := hydrogenDocuments(t)
	if len(docs) != 12 {
		t.Errorf("%d documents, want the demo store's 12", len(docs))
	}
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		// run sends a document as the storefront does and returns its one
		// root field; any GraphQL error (validation included) fails.
		run := func(name string, vars map[string]any, out any) {
			t.Helper()
			doc, ok := docs[name]
			if !ok {
				t.Fatalf("no document %s", name)
			}
			r := api.Do(t, doc, vars)
			if len(r.Errors) > 0 || r.Status != 200 {
				t.Fatalf("%s: %d %s", name, r.Status, r.Raw)
			}
			for _, v := range r.Data {
				if err := json.Unmarshal(v, out); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
			}
		}
		type userErrors struct {
			CustomerUserErrors []UserError
		}
		noErrors := func(name string, p userErrors) {
			t.Helper()
			if len(p.CustomerUserErrors) > 0 {
				t.Fatalf("%s: %+v", name, p.CustomerUserErrors)
			}
		}

		// Register and sign in.
		email, password := uniqueEmail("hydrogen"), "a demo store passphrase"
		var created struct {
			userErrors
			Customer *struct{ ID string }
		}
		run("customerCreate", map[string]any{"input": map[string]any{"email": email, "password": password, "firstName": "Hy", "lastName": "Drogen"}}, &created)
		noErrors("customerCreate", created.userErrors)
		var signIn struct {
			userErrors
			CustomerAccessToken *struct{ AccessToken, ExpiresAt string }
		}
		run("customerAccessTokenCreate", map[string]any{"input": map[string]any{"email": email, "password": password}}, &signIn)
		noErrors("customerAccessTokenCreate", signIn.userErrors)
		token := signIn.CustomerAccessToken.AccessToken

		// Addresses: create two, edit one, make it the default, delete the other.
		addr := map[string]any{"address1": "150 Elgin St", "city": "Ottawa", "province": "ON", "country": "CA", "zip": "K2P 1L4",
			"firstName": "Hy", "lastName": "Drogen", "phone": "(613) 555-0123", "company": ""}
		var ids []string
		for _, a := range []map[string]any{addr, with(addr, "address1", "1 Rideau St", "zip", "K1N 8S7")} {
			var p struct {
				userErrors
				CustomerAddress *struct{ ID string }
			}
			run("customerAddressCreate", map[string]any{"address": a, "customerAccessToken": token}, &p)
			noErrors("customerAddressCreate", p.userErrors)
			ids = append(ids, p.CustomerAddress.ID)
		}
		var p userErrors
		run("customerAddressUpdate", map[string]any{"address": with(addr, "address2", "Suite 800"), "customerAccessToken": token, "id": ids[0]}, &p)
		noErrors("customerAddressUpdate", p)
		run("customerDefaultAddressUpdate", map[string]any{"addressId": ids[0], "customerAccessToken": token}, &p)
		noErrors("customerDefaultAddressUpdate", p)
		var deleted struct {
			userErrors
			DeletedCustomerAddressID string
		}
		run("customerAddressDelete", map[string]any{"customerAccessToken": token, "id": ids[1]}, &deleted)
		noErrors("customerAddressDelete", deleted.userErrors)

		// Profile.
		run("customerUpdate", map[string]any{"customerAccessToken": token, "customer": map[string]any{"firstName": "Hydra"}}, &p)
		noErrors("customerUpdate", p)

		// An order arrives; the account page lists it.
		var me struct{ ID string }
		api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { id } }`, map[string]any{"t": token}, "customer", &me)
		api.createOrder(t, map[string]any{"customerId": me.ID, "discountApplications": []any{map[string]any{"code": "WELCOME10", "percentage": 10}}})
		var details struct {
			FirstName      string
			DefaultAddress *struct{ ID, Address2 string }
			Addresses      struct {
				Edges []struct{ Node struct{ ID string } }
			}
			Orders struct {
				Edges []struct {
					Node struct {
						ID        string
						LineItems struct {
							Edges []struct{ Node struct{ Title string } }
						}
					}
				}
			}
		}
		run("CustomerDetails", map[string]any{"customerAccessToken": token, "country": "CA", "language": "EN"}, &details)
		if details.FirstName != "Hydra" || details.DefaultAddress == nil || details.DefaultAddress.ID != ids[0] || details.DefaultAddress.Address2 != "Suite 800" ||
			len(details.Addresses.Edges) != 1 || len(details.Orders.Edges) != 1 || len(details.Orders.Edges[0].Node.LineItems.Edges) != 2 {
			t.Fatalf("account page: %+v", details)
		}

		// The order card links to /account/orders/{legacyOrderId}?{key}
		// (the ID's last segment split at '?'); the order route builds
		// gid://shopify/Order/{id}?{query} from that URL.
		last := details.Orders.Edges[0].Node.ID[strings.LastIndex(details.Orders.Edges[0].Node.ID, "/")+1:]
		legacyID, key, _ := strings.Cut(last, "?")
		link, err := url.Parse("/account/orders/" + legacyID + "?" + key)
		if err != nil {
			t.Fatal(err)
		}
		orderID := "gid://shopify/Order/" + strings.TrimPrefix(link.Path, "/account/orders/") + "?" + link.RawQuery
		var order struct {
			ID, Name  string
			LineItems struct {
				Nodes []struct {
					Title               string
					DiscountAllocations []struct{ AllocatedAmount struct{ Amount string } }
					Variant             *struct{ Image *struct{ Src string } }
				}
			}
		}
		run("CustomerOrder", map[string]any{"orderId": orderID, "country": "CA", "language": "EN"}, &order)
		if order.Name == "" || len(order.LineItems.Nodes) != 2 {
			t.Fatalf("order page for %s: %+v", orderID, order)
		}
		if l := order.LineItems.Nodes[0]; len(l.DiscountAllocations) != 1 || l.DiscountAllocations[0].AllocatedAmount.Amount != "5.00" {
			t.Errorf("the discounted line's allocations: %+v", l)
		}
		// src: url(transform: {crop: CENTER, maxHeight: 96, maxWidth: 96, scale: 2})
		if l := order.LineItems.Nodes[0]; l.Variant == nil || l.Variant.Image == nil ||
			!strings.Contains(l.Variant.Image.Src, "width=192") || !strings.Contains(l.Variant.Image.Src, "crop=center") {
			t.Errorf("transformed image: %+v", l.Variant)
		}

		// A link /account/{kind}/{id}/{token} from a mail: the route sends
		// gid://shopify/Customer/{id} and the token to the mutation.
		redeem := func(doc, to, kind, tokenField, password string) {
			t.Helper()
			id, token := linkParts(t, api.LastLink(t, to, kind))
			var p struct {
				userErrors
				CustomerAccessToken *struct{ AccessToken string }
			}
			run(doc, map[string]any{"id": "gid://shopify/Customer/" + id, "input": map[string]any{tokenField: token, "password": password}}, &p)
			noErrors(doc, p.userErrors)
			if p.CustomerAccessToken == nil {
				t.Errorf("%s gave no token", doc)
			}
		}
		// Forgotten password.
		run("customerRecover", map[string]any{"email": email}, &p)
		noErrors("customerRecover", p)
		redeem("customerReset", email, "reset", "resetToken", "a new demo passphrase")
		// An invited customer activates.
		invited := uniqueEmail("hydrogen-invited")
		api.MustDo(t, inviteDoc, map[string]any{"input": map[string]any{"email": invited}}, "adminCustomerInvite", nil, AsAdmin(adminKey))
		redeem("customerActivate", invited, "activate", "activationToken", "an activated passphrase")
	})
}

// linkParts splits an account link …/account/{kind}/{id}/{token} as the
// demo store's routes read it.
func linkParts(t *testing.T, link string) (id, token string) {
	t.Helper()
	parts := strings.Split(strings.TrimRight(link, "/"), "/")
	if len(parts) < 2 {
		t.Fatalf("link %q", link)
	}
	return parts[len(parts)-2], parts[len(parts)-1]
}

// TestShopQuery: Query.shop answers from the settings (Hydrogen v1's
// sign-in page asks `query shopInfo { shop { name } }` when it loads).
func TestShopQuery(t *testing.T) {
	parallel(t)
	eachDBWith(t, func(c *config.Config) { c.ShopName, c.ShopCurrency = "Nordic Wool", "EUR" }, func(t *testing.T, api *API) {
		var s struct {
			ID, Name, MoneyFormat, CustomerAccountURL string
			PrimaryDomain                             struct {
				Host, URL  string
				SslEnabled bool
			}
			ShipsToCountries []string
		}
		api.MustDo(t, `query shopInfo { shop { id name moneyFormat customerAccountUrl primaryDomain { host url sslEnabled } shipsToCountries } }`, nil, "shop", &s)
		want := "{ID:gid://accountgraph/Shop/1 Name:Nordic Wool MoneyFormat:{{amount}} EUR CustomerAccountURL:https://shop.test/account PrimaryDomain:{Host:shop.test URL:https://shop.test SslEnabled:true} ShipsToCountries:[]}"
		if got := fmt.Sprintf("%+v", s); got != want {
			t.Errorf("shop: %s, want %s", got, want)
		}
	})
}
