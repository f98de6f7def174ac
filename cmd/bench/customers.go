package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"accountgraph/internal/db"
)

// listVariants are the admin customer-list requests the customers scenario
// drives: a first page under each sort and the common filters.
var listVariants = []struct{ name, sortKey, query string }{
	{"newest", "CREATED_AT", ""},
	{"top spenders", "AMOUNT_SPENT", ""},
	{"by name", "NAME", ""},
	{"most orders", "ORDERS_COUNT", ""},
	{"tag + orders", "ID", "tag:vip orders_count:>=5"},
	{"marketing + spent", "AMOUNT_SPENT", "accepts_marketing:true amount_spent:>500"},
	{"no account", "ID", "has_account:false"},
	{"last order", "ID", "last_order_date:>=2026-06-01"},
	{"free text", "ID", "smith"},
}

const listQuery = `query($q: String, $s: AdminCustomerSortKeys) { adminCustomers(first: 50, query: $q, sortKey: $s, reverse: true) {
  nodes { id email firstName lastName numberOfOrders amountSpent { amount } lastOrderAt tags hasAccount } pageInfo { hasNextPage endCursor } } }`

// customersCSV makes an import file of n customers: names, tags, marketing
// consent, and a German or French address for half of them.
func customersCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("email,first_name,last_name,tags,accepts_marketing,phone,address1,city,country,zip\n")
	first := []string{"Ada", "Bo", "Cleo", "Dan", "Eva", "Finn", "Gia", "Hugo", "Ines", "Jon"}
	last := []string{"Smith", "Meyer", "Dubois", "Rossi", "Novak", "Kim", "Berg", "Silva", "Ito", "Okafor"}
	tags := []string{"vip", "wholesale", "newsletter", "eu", "returning", ""}
	for i := range n {
		fmt.Fprintf(&b, "c%d@bench.example,%s,%s,%s,%v,", i, first[i%10], last[(i/10)%10], tags[i%len(tags)], i%3 == 0)
		if i%4 == 0 {
			fmt.Fprintf(&b, "+4930%07d", i)
		}
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, ",Hauptstraße %d,Berlin,DE,10115\n", i%300)
		case 1:
			fmt.Fprintf(&b, ",%d rue de Rivoli,Paris,FR,75001\n", i%300)
		default:
			b.WriteString(",,,,\n")
		}
	}
	return b.Bytes()
}

// runCustomers imports n customers from CSV (timed), gives them order
// figures, then drives the admin customer list with each variant and
// streams the whole CSV export.
func runCustomers(dbKind, pg string, n int, duration time.Duration, concurrency int) error {
	ctx := context.Background()
	s, cfg, closeAll, err := open(ctx, dbKind, pg)
	if err != nil {
		return err
	}
	defer closeAll()
	file := customersCSV(n)
	start := time.Now()
	res, err := s.Customers.Import(ctx, bytes.NewReader(file), false)
	if err != nil {
		return err
	}
	took := time.Since(start)
	if res.ErrorCount > 0 || res.Created != n {
		return fmt.Errorf("import: %+v", res)
	}
	fmt.Printf("imported %d customers (%.1f MB CSV, half with an address) on %s in %s: %.0f rows/s\n",
		n, float64(len(file))/1e6, dbKind, took.Round(time.Millisecond), float64(n)/took.Seconds())
	start = time.Now()
	res, err = s.Customers.Import(ctx, bytes.NewReader(file), false)
	if err != nil || res.Updated != n {
		return fmt.Errorf("re-import: %v %+v", err, res)
	}
	fmt.Printf("re-imported the same file (every row an update) in %s\n", time.Since(start).Round(time.Millisecond))

	// Order figures as order ingestion would leave them (seeded directly:
	// this scenario measures the list, not ingestion).
	r := rand.New(rand.NewPCG(1, 2))
	tx, err := s.DB.SQL.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	stmt := db.Rebind(s.DB.Dialect, "UPDATE customers SET orders_count = ?, amount_spent = ?, last_order_at = ? WHERE id = ?")
	for id := 1; id <= n; id++ {
		orders := r.IntN(12)
		var last any
		if orders > 0 {
			last = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(300*24)) * time.Hour)
		}
		if _, err := tx.ExecContext(ctx, stmt, orders, int64(orders)*int64(1000+r.IntN(20000)), last, id); err != nil {
			tx.Rollback()
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if s.DB.Dialect == "postgres" {
		// What autovacuum does soon after a bulk change; without fresh
		// statistics the planner guesses.
		if _, err := s.DB.SQL.ExecContext(ctx, "ANALYZE"); err != nil {
			return err
		}
	}

	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: concurrency * 2}}
	req := func(q, sortKey string) (*http.Request, error) {
		body, _ := json.Marshal(map[string]any{"query": listQuery, "variables": map[string]any{"q": q, "s": sortKey}})
		rq, err := http.NewRequest(http.MethodPost, ts.URL+"/graphql", bytes.NewReader(body))
		if err == nil {
			rq.Header.Set("Content-Type", "application/json")
			rq.Header.Set("Authorization", "Bearer "+cfg.AdminAPIKey)
		}
		return rq, err
	}
	fmt.Printf("%d concurrent clients, %s per variant, first page of 50 (reversed)\n", concurrency, duration)
	fmt.Printf("%-18s %-44s %8s %9s %9s %7s\n", "variant", "query / sort", "req/s", "p50", "p99", "errors")
	for _, v := range listVariants {
		rq, _ := req(v.query, v.sortKey)
		resp, err := client.Do(rq)
		if err != nil {
			return err
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || bytes.Contains(b, []byte(`"errors"`)) || !bytes.Contains(b, []byte(`"nodes":[{`)) {
			return fmt.Errorf("%s: %.300s", v.name, b)
		}
		out := drive(client, concurrency, duration, []string{v.query}, func(q string) (*http.Request, error) { return req(q, v.sortKey) }, "")
		fmt.Printf("%-18s %-44s %8.0f %9s %9s %7d\n", v.name, strings.TrimSpace(v.query+" / "+v.sortKey), out.rps(), out.pct(50), out.pct(99), out.errors)
	}
	start = time.Now()
	rq, _ := http.NewRequest(http.MethodGet, ts.URL+"/admin/customers.csv?sortKey=NAME", nil)
	rq.Header.Set("Authorization", "Bearer "+cfg.AdminAPIKey)
	resp, err := client.Do(rq)
	if err != nil {
		return err
	}
	size, _ := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	fmt.Printf("CSV export of all %d customers by name: %.1f MB in %s\n", n, float64(size)/1e6, time.Since(start).Round(time.Millisecond))
	return nil
}
