package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"accountgraph/ent"
	"accountgraph/ent/loyaltyentry"
	"accountgraph/internal/auth"
	"accountgraph/internal/db"
	"accountgraph/internal/gid"
	"accountgraph/internal/money"
)

// The account pages besides the order history (-scenario pages): each is a
// GraphQL query a storefront's account page sends, against a hand-written
// handler of its own that reads the same rows with plain SQL and writes the
// same JSON (checked before measuring).
var pages = []struct {
	name, query string
	baseline    func(db *sql.DB, q func(string) string, w http.ResponseWriter, r *http.Request) error
}{
	{"profile", `query($t: String!) { customer(customerAccessToken: $t) { id firstName lastName email
  defaultAddress { id } addresses(first: 10) { nodes { id address1 city zip country } } } }`, profileBaseline},
	{"wishlists", `query($t: String!) { customer(customerAccessToken: $t) { wishlists(first: 5) { nodes { id name
  lines(first: 20) { nodes { id quantity merchandise { sku title price { amount currencyCode } } } } } } } }`, wishlistsBaseline},
	{"loyalty", `query($t: String!) { customer(customerAccessToken: $t) { loyalty { pointsBalance
  transactions(first: 50) { nodes { id points description createdAt } } } } }`, loyaltyBaseline},
}

// seedPages turns the loyalty programme on (its one row, id 1) and gives
// every customer three addresses (the first the default),
// two wishlists of ten lines and a loyalty account with 60 ledger entries.
func seedPages(ctx context.Context, client *ent.Client) error {
	if err := client.LoyaltyProgram.Create().SetID(1).SetEnabled(true).SetCurrencyCode("EUR").
		OnConflictColumns("id").UpdateNewValues().Exec(ctx); err != nil {
		return fmt.Errorf("programme: %w", err)
	}
	customers, err := client.Customer.Query().Order(ent.Asc("id")).All(ctx)
	if err != nil {
		return err
	}
	variants, err := client.ProductVariant.Query().IDs(ctx)
	if err != nil {
		return err
	}
	var ab []*ent.MailingAddressCreate
	var wb []*ent.WishlistCreate
	var accounts []*ent.LoyaltyAccountCreate
	var eb []*ent.LoyaltyEntryCreate
	now := time.Now().UTC().Truncate(time.Second)
	for i, c := range customers {
		for j := range 3 {
			ab = append(ab, client.MailingAddress.Create().SetCustomerID(c.ID).SetAddress1(fmt.Sprintf("%d Bench Street", j+1)).
				SetCity("Berlin").SetZip(fmt.Sprint(10115+j)).SetCountry("Germany").SetCountryCode("DE"))
		}
		for j := range 2 {
			wb = append(wb, client.Wishlist.Create().SetCustomerID(c.ID).SetName(fmt.Sprint("List ", j+1)).SetIsDefault(j == 0))
		}
		balance := 0
		for j := range 60 {
			points := 10 + j%7
			balance += points
			eb = append(eb, client.LoyaltyEntry.Create().SetCustomerID(c.ID).SetKind(loyaltyentry.KindEARN).
				SetSource(loyaltyentry.SourceADMIN).SetPoints(points).SetDescription(fmt.Sprint("Bonus ", j+1)).
				SetCreatedAt(now.Add(-time.Duration(60-j)*time.Hour)))
		}
		accounts = append(accounts, client.LoyaltyAccount.Create().SetCustomerID(c.ID).SetBalance(balance).
			SetLifetimePoints(balance).SetReferralCode(fmt.Sprintf("BENCH%06d", i)))
	}
	var addresses []*ent.MailingAddress
	if err := db.InChunks(ab, func(c []*ent.MailingAddressCreate) error {
		a, err := client.MailingAddress.CreateBulk(c...).Save(ctx)
		addresses = append(addresses, a...)
		return err
	}); err != nil {
		return fmt.Errorf("addresses: %w", err)
	}
	for i, c := range customers {
		if err := client.Customer.UpdateOneID(c.ID).SetDefaultAddressID(addresses[i*3].ID).Exec(ctx); err != nil {
			return err
		}
	}
	var wishlists []*ent.Wishlist
	if err := db.InChunks(wb, func(c []*ent.WishlistCreate) error {
		w, err := client.Wishlist.CreateBulk(c...).Save(ctx)
		wishlists = append(wishlists, w...)
		return err
	}); err != nil {
		return fmt.Errorf("wishlists: %w", err)
	}
	var lb []*ent.WishlistLineCreate
	for i, w := range wishlists {
		for j := range 10 {
			lb = append(lb, client.WishlistLine.Create().SetWishlistID(w.ID).SetVariantID(variants[(i*11+j*17)%len(variants)]).
				SetQuantity(1+j%2).SetPriceWhenAdded(1000).SetCurrencyCode("EUR"))
		}
	}
	if err := db.InChunks(lb, func(c []*ent.WishlistLineCreate) error { return client.WishlistLine.CreateBulk(c...).Exec(ctx) }); err != nil {
		return fmt.Errorf("wishlist lines: %w", err)
	}
	if err := db.InChunks(accounts, func(c []*ent.LoyaltyAccountCreate) error { return client.LoyaltyAccount.CreateBulk(c...).Exec(ctx) }); err != nil {
		return fmt.Errorf("loyalty accounts: %w", err)
	}
	if err := db.InChunks(eb, func(c []*ent.LoyaltyEntryCreate) error { return client.LoyaltyEntry.CreateBulk(c...).Exec(ctx) }); err != nil {
		return fmt.Errorf("ledger: %w", err)
	}
	return nil
}

// runPages measures each page's GraphQL query against its baseline.
func runPages(dbKind, pg string, size seedSize, duration time.Duration, concurrency int) error {
	ctx := context.Background()
	start := time.Now()
	s, _, tokens, closeAll, err := openSeeded(ctx, dbKind, pg, size, true)
	if err != nil {
		return err
	}
	defer closeAll()
	fmt.Printf("seeded %d customers with 3 addresses, 2 wishlists × 10 lines and 60 ledger entries each on %s in %s\n",
		size.customers, dbKind, time.Since(start).Round(time.Millisecond))
	ts := httptest.NewServer(pagesHandler(s.Handler(), s.DB.SQL, s.DB.Dialect))
	defer ts.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: concurrency * 2}}
	fmt.Printf("GOMAXPROCS=%d, %d concurrent clients, %s per endpoint\n", runtime.GOMAXPROCS(0), concurrency, duration)
	fmt.Printf("%-20s %10s %10s %10s %12s %8s %10s\n", "endpoint", "req/s", "p50", "p99", "SQL/request", "errors", "ratio")
	failed := false
	for _, p := range pages {
		if err := checkPage(client, ts.URL, p.name, p.query, tokens[0]); err != nil {
			return err
		}
		stmts := func() float64 { return testutil.ToFloat64(s.Metrics.SQLStatements) }
		measure := func(req func(string) (*http.Request, error)) result {
			before := stmts()
			r := drive(client, concurrency, duration, tokens, req, "")
			r.statements = stmts() - before
			return r
		}
		gql := measure(func(tok string) (*http.Request, error) { return pageGraphQLRequest(ts.URL, p.query, tok) })
		base := measure(func(tok string) (*http.Request, error) { return pageBaselineRequest(ts.URL, p.name, tok) })
		for _, r := range []struct {
			name string
			res  result
		}{{p.name + " graphql", gql}, {p.name + " baseline", base}} {
			fmt.Printf("%-20s %10.0f %10s %10s %12.1f %8d %10.2f\n", r.name, r.res.rps(), r.res.pct(50), r.res.pct(99),
				r.res.statements/float64(len(r.res.latencies)), r.res.errors, r.res.rps()/base.rps())
			failed = failed || r.res.errors > 0
		}
	}
	if failed {
		return fmt.Errorf("requests failed")
	}
	return nil
}

func pageGraphQLRequest(base, query, token string) (*http.Request, error) {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": map[string]any{"t": token}})
	req, err := http.NewRequest(http.MethodPost, base+"/graphql", strings.NewReader(string(body)))
	if err == nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, err
}

func pageBaselineRequest(base, page, token string) (*http.Request, error) {
	return http.NewRequest(http.MethodGet, base+"/baseline/"+page+"?token="+url.QueryEscape(token), nil)
}

// pagesHandler serves the API and each page's baseline.
func pagesHandler(api http.Handler, sqlDB *sql.DB, dia string) http.Handler {
	q := func(s string) string { return db.Rebind(dia, s) }
	mux := http.NewServeMux()
	mux.Handle("/", api)
	for _, p := range pages {
		mux.HandleFunc("/baseline/"+p.name, func(w http.ResponseWriter, r *http.Request) {
			if err := p.baseline(sqlDB, q, w, r); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
			}
		})
	}
	return mux
}

// checkPage compares a page's GraphQL answer with its baseline's.
func checkPage(c *http.Client, base, name, query, token string) error {
	gr, _ := pageGraphQLRequest(base, query, token)
	br, _ := pageBaselineRequest(base, name, token)
	got, err := answer(c, gr)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	want, err := answer(c, br)
	if err != nil {
		return fmt.Errorf("%s baseline: %w", name, err)
	}
	if !bytes.Equal(got, want) {
		return fmt.Errorf("%s: the baseline answers differently\ngraphql:  %.600s\nbaseline: %.600s", name, got, want)
	}
	return nil
}

// customerOf resolves a token as the API does (an unexpired token's customer).
func customerOf(ctx context.Context, db *sql.DB, q func(string) string, r *http.Request) (int, error) {
	var id int
	err := db.QueryRowContext(ctx, q(`SELECT customer_id FROM customer_access_tokens WHERE token_hash = ? AND expires_at > ?`),
		auth.HashToken(r.URL.Query().Get("token")), time.Now().UTC()).Scan(&id)
	return id, err
}

func writeData(w http.ResponseWriter, customer any) error {
	w.Header().Set("Content-Type", "application/json")
	return json.NewEncoder(w).Encode(map[string]any{"data": map[string]any{"customer": customer}})
}

func profileBaseline(db *sql.DB, q func(string) string, w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var id int
	var first, last, email sql.NullString
	var def sql.NullInt64
	err := db.QueryRowContext(ctx, q(`SELECT c.id, c.first_name, c.last_name, c.email, c.default_address_id
		FROM customer_access_tokens t JOIN customers c ON c.id = t.customer_id WHERE t.token_hash = ? AND t.expires_at > ?`),
		auth.HashToken(r.URL.Query().Get("token")), time.Now().UTC()).Scan(&id, &first, &last, &email, &def)
	if err != nil {
		return err
	}
	type address struct {
		ID       string  `json:"id"`
		Address1 *string `json:"address1"`
		City     *string `json:"city"`
		Zip      *string `json:"zip"`
		Country  *string `json:"country"`
	}
	rows, err := db.QueryContext(ctx, q(`SELECT id, address1, city, zip, country FROM mailing_addresses WHERE customer_id = ? ORDER BY id LIMIT 10`), id)
	if err != nil {
		return err
	}
	defer rows.Close()
	nodes := []address{}
	for rows.Next() {
		var aid int
		var a1, city, zip, country sql.NullString
		if err := rows.Scan(&aid, &a1, &city, &zip, &country); err != nil {
			return err
		}
		nodes = append(nodes, address{gid.Encode("MailingAddress", aid), str(a1), str(city), str(zip), str(country)})
	}
	var defaultAddress any
	if def.Valid {
		defaultAddress = map[string]string{"id": gid.Encode("MailingAddress", int(def.Int64))}
	}
	return writeData(w, map[string]any{"id": gid.Encode("Customer", id), "firstName": str(first), "lastName": str(last),
		"email": str(email), "defaultAddress": defaultAddress, "addresses": map[string]any{"nodes": nodes}})
}

func wishlistsBaseline(db *sql.DB, q func(string) string, w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	customer, err := customerOf(ctx, db, q, r)
	if err != nil {
		return err
	}
	type line struct {
		ID          string      `json:"id"`
		Quantity    int         `json:"quantity"`
		Merchandise variantJSON `json:"merchandise"`
	}
	type list struct {
		ID    string `json:"id"`
		Name  string `json:"name"`
		Lines struct {
			Nodes []line `json:"nodes"`
		} `json:"lines"`
	}
	rows, err := db.QueryContext(ctx, q(`SELECT w.id, w.name, l.id, l.quantity, v.sku, v.title, v.price, v.currency_code
		FROM (SELECT id, name FROM wishlists WHERE customer_id = ? ORDER BY id LIMIT 5) w
		LEFT JOIN wishlist_lines l ON l.wishlist_id = w.id LEFT JOIN product_variants v ON v.id = l.variant_id
		ORDER BY w.id, l.id`), customer)
	if err != nil {
		return err
	}
	defer rows.Close()
	lists := []*list{}
	for rows.Next() {
		var wid int
		var name string
		var lid, qty, price sql.NullInt64
		var sku, title, cur sql.NullString
		if err := rows.Scan(&wid, &name, &lid, &qty, &sku, &title, &price, &cur); err != nil {
			return err
		}
		id := gid.Encode("Wishlist", wid)
		if len(lists) == 0 || lists[len(lists)-1].ID != id {
			l := &list{ID: id, Name: name}
			l.Lines.Nodes = []line{}
			lists = append(lists, l)
		}
		if l := lists[len(lists)-1]; lid.Valid && len(l.Lines.Nodes) < 20 {
			l.Lines.Nodes = append(l.Lines.Nodes, line{gid.Encode("WishlistLine", int(lid.Int64)), int(qty.Int64),
				variantJSON{sku.String, title.String, money2{money.Format(price.Int64, cur.String), cur.String}}})
		}
	}
	return writeData(w, map[string]any{"wishlists": map[string]any{"nodes": lists}})
}

func loyaltyBaseline(db *sql.DB, q func(string) string, w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	customer, err := customerOf(ctx, db, q, r)
	if err != nil {
		return err
	}
	var balance int
	if err := db.QueryRowContext(ctx, q(`SELECT balance FROM loyalty_accounts WHERE customer_id = ?`), customer).Scan(&balance); err != nil {
		return err
	}
	type entry struct {
		ID          string `json:"id"`
		Points      int    `json:"points"`
		Description string `json:"description"`
		CreatedAt   string `json:"createdAt"`
	}
	rows, err := db.QueryContext(ctx, q(`SELECT id, points, description, created_at FROM loyalty_entries
		WHERE customer_id = ? ORDER BY created_at DESC, id DESC LIMIT 50`), customer)
	if err != nil {
		return err
	}
	defer rows.Close()
	nodes := []entry{}
	for rows.Next() {
		var e entry
		var id int
		var at time.Time
		if err := rows.Scan(&id, &e.Points, &e.Description, &at); err != nil {
			return err
		}
		e.ID, e.CreatedAt = gid.Encode("LoyaltyTransaction", id), at.UTC().Format(time.RFC3339)
		nodes = append(nodes, e)
	}
	return writeData(w, map[string]any{"loyalty": map[string]any{"pointsBalance": balance, "transactions": map[string]any{"nodes": nodes}}})
}

func str(s sql.NullString) *string {
	if !s.Valid {
		return nil
	}
	return &s.String
}

// analyze gathers the planner's statistics after a bulk load, as
// PostgreSQL's autovacuum soon would (and SQLite's ANALYZE does): without
// them the first minutes of a fresh database plan joins as if tables were
// empty, and the measurement would depend on when autovacuum ran.
func analyze(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "ANALYZE")
	return err
}
