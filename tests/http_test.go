package tests

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"accountgraph/internal/config"
)

func TestHealthReadyMetricsGraphiQL(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.Do(t, customerDoc, map[string]any{"token": "unknown"})
		api.Do(t, `{ adminCustomer(id: "x") { id } }`, nil)
		for sample, min := range map[string]float64{
			`accountgraph_graphql_requests_total{field="customer",type="query"}`:            1,
			`accountgraph_graphql_duration_seconds_count{field="customer",type="query"}`:    1,
			`accountgraph_graphql_errors_total{code="ACCESS_DENIED",field="adminCustomer"}`: 1,
			`accountgraph_sql_statements_total`:                                             1,
		} {
			if v := api.Metric(t, sample); v < min {
				t.Errorf("%s = %v", sample, v)
			}
		}
		for path, want := range map[string]string{
			"/healthz":  "ok",
			"/readyz":   "ready",
			"/metrics":  "accountgraph_sql_statements_total",
			"/":         "GraphiQL",
			"/graphiql": "GraphiQL",
		} {
			res, err := http.Get(api.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != 200 || !strings.Contains(string(b), want) {
				t.Errorf("%s: %d %.200s", path, res.StatusCode, b)
			}
			if len(res.Header.Get("X-Request-Id")) != 24 {
				t.Errorf("%s: request id %q", path, res.Header.Get("X-Request-Id"))
			}
		}
	})
}

func TestRequestLimits(t *testing.T) {
	parallel(t)
	eachDBWith(t, func(c *config.Config) { c.Limits.Depth = 4; c.Limits.Cost = 200 }, func(t *testing.T, api *API) {
		// Body over the limit: refused before it is read.
		big := `{"query":"{ __typename }","variables":{"pad":"` + strings.Repeat("x", 1<<20) + `"}}`
		if r := api.Post(t, "application/json", []byte(big)); r.Status != http.StatusRequestEntityTooLarge || r.Errors[0].Code() != "PAYLOAD_TOO_LARGE" {
			t.Errorf("big body: %d %.200s", r.Status, r.Raw)
		}
		// Malformed JSON and malformed GraphQL are errors, not crashes.
		if r := api.Post(t, "application/json", []byte(`{"query": `)); r.Status != 400 || len(r.Errors) == 0 {
			t.Errorf("bad json: %d %s", r.Status, r.Raw)
		}
		if r := api.Do(t, `{ customer(customerAccessToken: ) { id } }`, nil); r.Status != 422 || r.Errors[0].Code() != "GRAPHQL_PARSE_FAILED" {
			t.Errorf("bad graphql: %d %s", r.Status, r.Raw)
		}
		if r := api.Do(t, `{ customer(customerAccessToken: 5) { nope } }`, nil); r.Status != 422 || r.Errors[0].Code() != "GRAPHQL_VALIDATION_FAILED" {
			t.Errorf("invalid graphql: %d %s", r.Status, r.Raw)
		}
		if r := api.Do(t, customerDoc, map[string]any{"token": map[string]any{"not": "a string"}}); len(r.Errors) == 0 || r.Data != nil && string(r.Data["customer"]) != "null" {
			t.Errorf("wrong variable type: %s", r.Raw)
		}
		// NUL characters, in variables or inline, make a malformed request.
		for _, r := range []Response{
			api.Do(t, recoverDoc, map[string]any{"email": "a\u0000@example.com"}),
			api.Do(t, `mutation { customerRecover(email: "a\u0000b@example.com") { customerUserErrors { code } } }`, nil),
		} {
			if len(r.Errors) != 1 || r.Errors[0].Code() != "BAD_USER_INPUT" || r.Data != nil {
				t.Errorf("NUL: %s", r.Raw)
			}
		}
		// Depth: 5 levels is over the limit of 4.
		deep := `query($t: String!) { customer(customerAccessToken: $t) { addresses(first: 1) { edges { node { id } } } } }`
		if r := api.Do(t, deep, map[string]any{"t": "x"}); len(r.Errors) != 1 || r.Errors[0].Code() != "MAX_DEPTH_EXCEEDED" || r.Data != nil {
			t.Errorf("depth: %s", r.Raw)
		}
		// Complexity: a page of 250 multiplies its children.
		wide := `query($t: String!) { customer(customerAccessToken: $t) { addresses(first: 250) { nodes { id city zip } } } }`
		if r := api.Do(t, wide, map[string]any{"t": "x"}); len(r.Errors) != 1 || r.Errors[0].Code() != "MAX_COST_EXCEEDED" {
			t.Errorf("cost: %s", r.Raw)
		}
		// Introspection is not limited by depth (GraphiQL needs it).
		if r := api.Do(t, `{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }`, nil); len(r.Errors) > 0 {
			t.Errorf("introspection: %s", r.Raw[:200])
		}
	})
}

func TestTransportsAndClientConventions(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		email, token, _ := api.newCustomer(t, "client")
		// GET for queries.
		res, err := http.Get(api.URL + "/graphql?query=" + url.QueryEscape(`query($t: String!) { customer(customerAccessToken: $t) { email } }`) +
			"&variables=" + url.QueryEscape(`{"t":"`+token+`"}`))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if !strings.Contains(string(b), email) {
			t.Errorf("GET: %s", b)
		}
		// @inContext, as storefronts send it, is accepted and changes nothing.
		q := `query($t: String!) @inContext(country: CA, language: FR, buyer: {customerAccessToken: "x"}) { customer(customerAccessToken: $t) { email } }`
		if r := api.Do(t, q, map[string]any{"t": token}); len(r.Errors) > 0 || !strings.Contains(r.Raw, email) {
			t.Errorf("@inContext: %s", r.Raw)
		}
		// Shopify's path for client libraries.
		body, _ := json.Marshal(map[string]any{"query": `{ __typename }`})
		req, _ := http.NewRequest("POST", api.URL+"/api/2026-04/graphql.json", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Shopify-Storefront-Access-Token", "public-token")
		if r := api.send(t, req); r.Status != 200 || !strings.Contains(r.Raw, "Query") {
			t.Errorf("shopify path: %d %s", r.Status, r.Raw)
		}
		// Automatic persisted queries: hash first, then the query once.
		doc := `{ __typename }`
		h := sha256.Sum256([]byte(doc))
		ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(h[:])}}
		b1, _ := json.Marshal(map[string]any{"extensions": ext})
		if r := api.Post(t, "application/json", b1); len(r.Errors) != 1 || r.Errors[0].Message != "PersistedQueryNotFound" {
			t.Errorf("APQ miss: %s", r.Raw)
		}
		b2, _ := json.Marshal(map[string]any{"query": doc, "extensions": ext})
		api.Post(t, "application/json", b2)
		if r := api.Post(t, "application/json", b1); len(r.Errors) > 0 {
			t.Errorf("APQ hit: %s", r.Raw)
		}
		// Every response carries a request id; a sane one from a proxy is kept.
		r := api.Do(t, `{ __typename }`, nil, Header("X-Request-Id", "proxy-abc-12345"))
		if r.Header.Get("X-Request-Id") != "proxy-abc-12345" {
			t.Errorf("request id %q", r.Header.Get("X-Request-Id"))
		}
		if r := api.Do(t, `{ __typename }`, nil, Header("X-Request-Id", "bad id <script>")); len(r.Header.Get("X-Request-Id")) != 24 {
			t.Errorf("unsafe request id kept: %q", r.Header.Get("X-Request-Id"))
		}
	})
}

func preflight(t *testing.T, api *API, origin string) http.Header {
	t.Helper()
	req, _ := http.NewRequest(http.MethodOptions, api.URL+"/graphql", nil)
	req.Header.Set("Origin", origin)
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type,x-shopify-storefront-access-token")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.Header
}

func TestCORS(t *testing.T) {
	parallel(t)
	// By default no origin may call the API from a browser.
	eachDB(t, func(t *testing.T, api *API) {
		if h := preflight(t, api, "https://store.example"); h.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("an origin is allowed by default: %v", h)
		}
		r := api.Do(t, `{ __typename }`, nil, Header("Origin", "https://store.example"))
		if r.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("a request from another origin got CORS headers by default: %v", r.Header)
		}
	})
	eachDBWith(t, func(c *config.Config) { c.CORSOrigins = []string{"https://store.example"} }, func(t *testing.T, api *API) {
		preflight := func(origin string) http.Header {
			return preflight(t, api, origin)
		}
		h := preflight("https://store.example")
		if h.Get("Access-Control-Allow-Origin") != "https://store.example" || h.Get("Access-Control-Allow-Credentials") != "" {
			t.Errorf("allowed origin: %v", h)
		}
		if h := preflight("https://evil.example"); h.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("other origin allowed: %v", h)
		}
	})
}
