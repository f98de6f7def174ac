package tests

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"accountgraph/internal/db"
)

// TestMigrationsAreFresh: replaying the committed migrations of each
// dialect on an empty database and comparing with the ent schema leaves
// nothing to write; a schema change without `go run ./cmd/migrate -name …`
// fails here.
func TestMigrationsAreFresh(t *testing.T) {
	parallel(t)
	eachDatabase(t, "dev.sqlite", func(t *testing.T, name, url string) {
		folder := map[string]string{"sqlite": "sqlite", "postgres": "postgres"}[name]
		dir := t.TempDir()
		src := filepath.Join("..", "internal", "db", "migrations", folder)
		err := filepath.WalkDir(src, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err == nil {
				err = os.WriteFile(filepath.Join(dir, e.Name()), b, 0o600)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if name == "sqlite" {
			url = "sqlite::memory:"
		}
		changed, err := db.Diff(context.Background(), url, dir, "check")
		if err != nil {
			t.Fatal(err)
		}
		if changed {
			files, _ := filepath.Glob(filepath.Join(dir, "*_check.sql"))
			b, _ := os.ReadFile(files[0])
			t.Errorf("the ent schema differs from internal/db/migrations/%s; run go run ./cmd/migrate -name NAME. Missing:\n%s", folder, b)
		}
	})
}

// TestUpgradeFromOlderSchema: a database at the first migration (the
// schema of an earlier release) with a customer and an order is upgraded
// by the server's start: later migrations and backfills apply, the data
// stays and the new features work on it.
func TestUpgradeFromOlderSchema(t *testing.T) {
	parallel(t)
	eachDatabase(t, "old.sqlite", func(t *testing.T, _, url string) {
		ctx := context.Background()
		old, err := db.Open(url, db.Uncounted{}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := old.MigrateVersions(ctx, 1); err != nil {
			t.Fatalf("baseline: %v", err)
		}
		now := time.Now().UTC()
		q := func(s string) string { return db.Rebind(old.Dialect, s) }
		var id int
		// The columns of the earlier release only.
		err = old.SQL.QueryRowContext(ctx, q(`INSERT INTO customers (created_at, updated_at, email, email_key, first_name, last_name,
  accepts_marketing, tags, state, email_verified, sizes, colors, interests, occasions, personalization, data_sharing, totp_last_step)
  VALUES (?, ?, 'veteran@example.com', 'veteran@example.com', 'Vera', 'Veteran', false, '[]', 'ENABLED', true, '[]', '[]', '[]', '[]', true, false, 0) RETURNING id`),
			now, now).Scan(&id)
		if err != nil {
			t.Fatalf("old customer: %v", err)
		}
		if _, err := old.SQL.ExecContext(ctx, q(`INSERT INTO orders (created_at, updated_at, external_id, order_number, name, customer_id, processed_at,
  currency_code, financial_status, fulfillment_status, subtotal_price, total_shipping_price, total_tax, total_discounts, total_price,
  total_refunded, status_key, search_text) VALUES (?, ?, 'old-1', 1001, '#1001', ?, ?, 'USD', 'PAID', 'FULFILLED', 4200, 0, 0, 0, 4200, 0, 'k', '#1001')`),
			now, now, id, now); err != nil {
			t.Fatalf("old order: %v", err)
		}
		old.Close()

		api := start(t, "upgraded", url, nil) // migrates forward at start
		var l struct {
			Nodes []struct {
				Email          string
				NumberOfOrders string
				AmountSpent    struct{ Amount string }
				HasAccount     bool
				Orders         struct{ Nodes []struct{ Name string } }
			}
		}
		api.MustDo(t, `{ adminCustomers(first: 5, query: "amount_spent:>40") { nodes { email numberOfOrders amountSpent { amount } hasAccount orders(first: 5) { nodes { name } } } } }`,
			nil, "adminCustomers", &l, AsAdmin(adminKey))
		if len(l.Nodes) != 1 {
			t.Fatalf("after the upgrade: %+v", l)
		}
		if c := l.Nodes[0]; c.Email != "veteran@example.com" || c.NumberOfOrders != "1" || c.AmountSpent.Amount != "42.00" || !c.HasAccount || len(c.Orders.Nodes) != 1 {
			t.Errorf("after the upgrade: %+v", c)
		}
		// Something only the new schema has.
		co, errs := api.upsertCompany(t, map[string]any{"externalId": "after-upgrade", "name": "New Co", "contacts": []any{
			map[string]any{"email": "veteran@example.com", "role": "ADMIN"}}})
		if co == nil || len(errs) > 0 || len(co.Contacts) != 1 {
			t.Errorf("company after the upgrade: %+v %v", co, errs)
		}
	})
}

// TestAutoMigratedDatabaseIsAdopted: a database made by the auto-migration
// of releases before versioned migrations (tables, no revisions) starts:
// it is brought up to date once and recorded at the newest version, and a
// restart applies nothing again.
func TestAutoMigratedDatabaseIsAdopted(t *testing.T) {
	parallel(t)
	eachDatabase(t, "auto.sqlite", func(t *testing.T, _, url string) {
		ctx := context.Background()
		old, err := db.Open(url, db.Uncounted{}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.AutoMigrate(ctx, old.Client); err != nil {
			t.Fatal(err)
		}
		old.Close()
		api := start(t, "adopted", url, nil)
		email, _, _ := api.newCustomer(t, "adopted")
		again := startOn(t, api, nil)
		again.login(t, email, goodPassword)
		var versions int
		if err := api.Server.DB.SQL.QueryRow("SELECT COUNT(*) FROM atlas_schema_revisions").Scan(&versions); err != nil || versions != 1 {
			t.Errorf("revisions after adoption: %d %v (want one baseline)", versions, err)
		}
	})
}
