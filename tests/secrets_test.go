package tests

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestNoSecretsAtRest runs every flow that handles a secret, then reads
// every text and binary column of every table and the server's logs: no
// password, access token, reset or activation token or admin key may
// appear in clear.
func TestNoSecretsAtRest(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		email, token, _ := api.newCustomer(t, "secretive")
		renewed := api.Do(t, `mutation($t: String!) { customerAccessTokenRenew(customerAccessToken: $t) { customerAccessToken { accessToken } } }`, map[string]any{"t": token})
		_ = renewed
		api.MustDo(t, recoverDoc, map[string]any{"email": email}, "customerRecover", nil)
		resetLink := api.LastLink(t, email, "reset")
		_, resetToken := splitLink(resetLink)
		newPassword := "a fresh secret passphrase"
		var p tokenPayload
		api.MustDo(t, resetByURLDoc, map[string]any{"url": resetLink, "password": newPassword}, "customerResetByUrl", &p)
		invited := uniqueEmail("inv")
		api.MustDo(t, inviteDoc, map[string]any{"input": map[string]any{"email": invited}}, "adminCustomerInvite", nil, AsAdmin(adminKey))
		_, activationToken := splitLink(api.LastLink(t, invited, "activate"))
		cliKey, err := api.Server.AdminKeys().Create(context.Background(), "ci", []string{"customers:read"})
		if err != nil {
			t.Fatal(err)
		}
		api.Do(t, `{ adminCustomers(first: 1) { nodes { id } } }`, nil, AsAdmin(cliKey))
		// A wrong password is logged nowhere either.
		api.Do(t, tokenCreateDoc, map[string]any{"input": map[string]any{"email": email, "password": "typo in the secret"}})

		secrets := map[string]string{
			"password": goodPassword, "new password": newPassword, "wrong password": "typo in the secret",
			"access token": token, "reset token": resetToken, "activation token": activationToken,
			"session token": p.CustomerAccessToken.AccessToken, "admin key": cliKey, "seeded admin key": adminKey,
		}
		dump := dumpDatabase(t, api)
		if !strings.Contains(dump, "$argon2id$") {
			t.Fatal("dump has no password hash: the dump is not reading the tables")
		}
		logs := api.Logs()
		for name, secret := range secrets {
			if strings.Contains(dump, secret) {
				t.Errorf("%s stored in clear", name)
			}
			if strings.Contains(logs, secret) {
				t.Errorf("%s in the logs", name)
			}
		}
	})
}

// eachRow calls fn with every row of every table of the server's
// database, after checking that at least minTables tables exist.
func eachRow(t *testing.T, api *API, minTables int, fn func(table string, cols []string, vals []any)) {
	t.Helper()
	db := api.Server.DB.SQL
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
	if api.DB == "postgres" {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`
	}
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	if len(tables) < minTables {
		t.Fatalf("only %d tables", len(tables))
	}
	for _, table := range tables {
		rows, err := db.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fn(table, cols, vals)
		}
		rows.Close()
	}
}

// dumpDatabase returns every row of every table as text.
func dumpDatabase(t *testing.T, api *API) string {
	t.Helper()
	var b strings.Builder
	eachRow(t, api, 5, func(_ string, _ []string, vals []any) {
		for _, v := range vals {
			if bs, ok := v.([]byte); ok {
				fmt.Fprintf(&b, "%s|%x|", bs, bs)
			} else {
				fmt.Fprintf(&b, "%v|", v)
			}
		}
		b.WriteString("\n")
	})
	return b.String()
}
