package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"time"
)

// historyQuery is what an account's order-history page asks for.
const historyQuery = `query($t: String!) { customer(customerAccessToken: $t) { orders(first: 20) { nodes {
  id name processedAt totalPrice { amount currencyCode }
  lineItems(first: 5) { nodes { title quantity variant { sku title price { amount currencyCode } } } }
  successfulFulfillments(first: 2) { trackingCompany trackingInfo(first: 2) { number url } }
} } } }`

func graphqlRequest(base, token string) (*http.Request, error) {
	body, _ := json.Marshal(map[string]any{"query": historyQuery, "variables": map[string]any{"t": token}})
	req, err := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
	if err == nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, err
}

func gqlgenRequest(base, token string) (*http.Request, error) {
	return graphqlRequest(base+"/gqlgen", token)
}

func baselineRequest(base, token string) (*http.Request, error) {
	return http.NewRequest(http.MethodGet, base+"/baseline?token="+url.QueryEscape(token), nil)
}

func entRequest(base, token string) (*http.Request, error) {
	return http.NewRequest(http.MethodGet, base+"/ent?token="+url.QueryEscape(token), nil)
}

// check runs the GraphQL query and each hand-written endpoint once and
// compares their answers.
func check(c *http.Client, base, token string) error {
	r, _ := endpoints[0].request(base, token)
	want, err := answer(c, r)
	if err != nil {
		return err
	}
	if !strings.Contains(string(want), "trackingInfo") {
		return fmt.Errorf("empty answer: %.300s", want)
	}
	for _, ep := range endpoints[1:] {
		r, _ := ep.request(base, token)
		got, err := answer(c, r)
		if err != nil {
			return err
		}
		if !bytes.Equal(got, want) {
			return fmt.Errorf("graphql and %s answers differ:\n%.400s\n%.400s", ep.name, want, got)
		}
	}
	return nil
}

// answer sends req and returns its JSON answer in a canonical form (keys
// sorted), so that answers built differently compare byte for byte; an
// answer with errors is an error.
func answer(c *http.Client, req *http.Request) ([]byte, error) {
	res, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	var out map[string]any
	b, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(b, &out); err != nil || out["errors"] != nil {
		return nil, fmt.Errorf("bad answer: %.300s", b)
	}
	return json.Marshal(out)
}

type result struct {
	statements float64
	latencies  []time.Duration
	errors     int
	elapsed    time.Duration
}

func (r result) rps() float64 { return float64(len(r.latencies)) / r.elapsed.Seconds() }

func (r result) pct(p int) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	return r.latencies[(len(r.latencies)-1)*p/100].Round(10 * time.Microsecond)
}

// drive sends requests from n clients for d, each for a random customer.
func drive(c *http.Client, n int, d time.Duration, tokens []string, mk func(string) (*http.Request, error), profile string) result {
	if profile != "" {
		if f, err := os.Create(profile); err == nil {
			_ = pprof.StartCPUProfile(f)
			defer func() { pprof.StopCPUProfile(); f.Close() }()
		}
	}
	var mu sync.Mutex
	var res result
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			errs := 0
			for i := w; time.Now().Before(deadline); i += n {
				req, err := mk(tokens[(i*7919)%len(tokens)])
				if err != nil {
					errs++
					continue
				}
				t := time.Now()
				resp, err := c.Do(req)
				if err != nil {
					errs++
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					errs++
					continue
				}
				lat = append(lat, time.Since(t))
			}
			mu.Lock()
			res.latencies = append(res.latencies, lat...)
			res.errors += errs
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	slices.Sort(res.latencies)
	return res
}
