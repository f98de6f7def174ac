package tests

import (
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestShopifyStorefrontClient runs Shopify's own Storefront API client
// (@shopify/storefront-api-client) through a storefront's account flow
// against accountgraph, with only the store domain changed. The client
// insists on https, so the server is served over TLS here.
func TestShopifyStorefrontClient(t *testing.T) {
	parallel(t)
	node, dir := needNodePackage(t, "Shopify client check", "tests/shopify-client", "@shopify/storefront-api-client")
	eachDB(t, func(t *testing.T, api *API) {
		tls := httptest.NewTLSServer(api.Server.Handler())
		defer tls.Close()
		cmd := exec.Command(node, "storefront.mjs")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(),
			"STORE_DOMAIN="+strings.TrimPrefix(tls.URL, "https://"),
			"NODE_TLS_REJECT_UNAUTHORIZED=0", // the test server's certificate is self-signed
		)
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), `"ok":true`) {
			t.Fatalf("storefront client: %v\n%s", err, out)
		}
		if !strings.Contains(string(out), "/api/2026-04/graphql.json") {
			t.Errorf("client did not use Shopify's path: %s", out)
		}
	})
}
