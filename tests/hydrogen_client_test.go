package tests

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestHydrogenCustomerAccountClient runs Hydrogen's own Customer Account
// API client (@shopify/hydrogen's createCustomerAccountClient, pinned in
// tests/hydrogen-client) against the server: login on the hosted page,
// authorize (with its atob check of the ID token), the account pages'
// queries and mutations, a refresh and logout. Its fetch sends Hydrogen's
// https://shopify.com requests to the server, as the README's adapter does.
func TestHydrogenCustomerAccountClient(t *testing.T) {
	parallel(t)
	node, dir := needNodePackage(t, "Hydrogen client check", "tests/hydrogen-client", "@shopify/hydrogen")
	eachDBWith(t, withStorefrontClient, func(t *testing.T, api *API) {
		email, _, customerID := api.newCustomer(t, "hydrogen")
		api.seedCatalog(t)
		api.createOrder(t, map[string]any{"customerId": customerID})
		cmd := exec.Command(node, "customer-account.mjs")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "SERVER="+api.URL, "EMAIL="+email, "PASSWORD="+goodPassword,
			"CLIENT_ID="+storefrontClient, "SHOP_ID=accountgraph")
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), `"ok":true`) {
			t.Fatalf("Hydrogen's customer account client: %v\n%s\nserver log:\n%s", err, out, tail(api.Logs(), 3000))
		}
		for _, path := range []string{"/authentication/accountgraph/oauth/token", "/accountgraph/account/customer/api/2026-04/graphql"} {
			if !strings.Contains(string(out), path) {
				t.Errorf("the client did not call %s: %s", path, out)
			}
		}
	})
}
