package tests

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/crypto/argon2"
)

const importDoc = `mutation($csv: String!, $skip: Boolean) { adminCustomersImport(csv: $csv, skipInvalid: $skip) {
  created updated skipped errorCount report { row column code message } userErrors { code field message } } }`

type importOut struct {
	Created, Updated, Skipped, ErrorCount int
	Report                                []struct {
		Row     int
		Column  *string
		Code    *string
		Message string
	}
	UserErrors []UserError
}

func (o importOut) problems() []string {
	out := []string{}
	for _, r := range o.Report {
		out = append(out, fmt.Sprintf("%d %s %s", r.Row, deref(r.Column), deref(r.Code)))
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// phcHash makes an argon2id PHC string as another system would.
func phcHash(pw string) string {
	salt := make([]byte, 16)
	_, _ = rand.Read(salt)
	key := argon2.IDKey([]byte(pw), salt, 1, 64, 1, 32)
	return fmt.Sprintf("$argon2id$v=19$m=64,t=1,p=1$%s$%s", base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

// TestCustomersImport: rows are checked first (all or nothing, or
// skipping bad rows), customers created or updated by email, so the same
// file twice duplicates nothing; an imported hash signs in.
func TestCustomersImport(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		existing, _, _ := api.newCustomer(t, "known")
		newA, newB, dup := uniqueEmail("imp-a"), uniqueEmail("imp-b"), uniqueEmail("imp-dup")
		hash := phcHash("imported passphrase 42")
		good := "email,first_name,last_name,tags,accepts_marketing,password_hash,address1,city,province,country,zip\n" +
			newA + ",Ada,Import,\"wholesale, eu\",yes,,1 Rue de Rivoli,Paris,,FR,75001\n" +
			newB + ",Bo,Hash,,no,\"" + hash + "\",,,,,\n" +
			strings.ToUpper(existing) + ",Known,Again,returning,,,,,,,\n" +
			dup + ",Dup,One,,,,,,,,\n"
		bad := good +
			"not-an-email,X,Y,,,,,,,,\n" +
			strings.ToUpper(dup) + ",Dup,Two,,,,,,,,\n" +
			uniqueEmail("imp-c") + ",<b>Bold</b>,Z,,maybe,\"$argon2id$v=19$m=99999999,t=1,p=1$xx$yy\",1 Main St,Springfield,,Atlantis,\n"
		run := func(csv string, skip bool, opts ...Opt) importOut {
			t.Helper()
			var o importOut
			api.MustDo(t, importDoc, map[string]any{"csv": csv, "skip": skip}, "adminCustomersImport", &o, append([]Opt{AsAdmin(adminKey)}, opts...)...)
			return o
		}
		// All or nothing: the report names every bad row; nothing is written.
		o := run(bad, false)
		want := []string{"6 email INVALID", "7 email TAKEN", "8 accepts_marketing INVALID", "8 country INVALID", "8 first_name CONTAINS_HTML_TAGS", "8 password_hash INVALID"}
		got := o.problems()
		slices.Sort(got)
		if d := cmp.Diff(want, got); d != "" || o.Created+o.Updated != 0 || o.Skipped != 7 || o.ErrorCount != 6 {
			t.Errorf("refused import (-want +got):\n%s\n%+v", d, o)
		}
		if ids := api.customerIDs(t, "email:"+newA); len(ids) != 0 {
			t.Errorf("a refused import wrote %v", ids)
		}
		// Skipping the bad rows writes the good ones.
		o = run(bad, true)
		if o.Created != 3 || o.Updated != 1 || o.Skipped != 3 || o.ErrorCount != 6 {
			t.Errorf("skip-invalid import: %+v", o)
		}
		type imported struct {
			FirstName, State string
			Tags             []string
			AcceptsMarketing bool
			DefaultAddress   *struct{ City, CountryCodeV2 string }
			Addresses        struct{ Nodes []struct{ ID string } }
		}
		read := func(email string) imported {
			t.Helper()
			ids := api.customerIDs(t, "email:"+email)
			if len(ids) != 1 {
				t.Fatalf("%s: %d customers", email, len(ids))
			}
			var c imported
			api.MustDo(t, `query($id: ID!) { adminCustomer(id: $id) { firstName state tags acceptsMarketing defaultAddress { city countryCodeV2 }
  addresses(first: 5) { nodes { id } } } }`, map[string]any{"id": ids[0]}, "adminCustomer", &c, AsAdmin(adminKey))
			return c
		}
		a := read(newA)
		if a.State != "INVITED" || cmp.Diff([]string{"wholesale", "eu"}, a.Tags) != "" || !a.AcceptsMarketing || a.DefaultAddress == nil || a.DefaultAddress.City != "Paris" {
			t.Errorf("imported A: %+v", a)
		}
		if b := read(newB); b.State != "ENABLED" || b.AcceptsMarketing {
			t.Errorf("imported B: %+v", b)
		}
		api.login(t, newB, "imported passphrase 42")
		if k := read(existing); k.FirstName != "Known" || cmp.Diff([]string{"returning"}, k.Tags) != "" || k.State != "ENABLED" {
			t.Errorf("updated customer: %+v", k)
		}
		api.login(t, existing, goodPassword) // the existing password stays
		if log := api.consentLog(t, api.customerIDs(t, "email:"+newA)[0]); len(log) != 1 || !strings.Contains(log[0], "IMPORT") {
			t.Errorf("consent log: %v", log)
		}
		// The same file again: nothing new, no second address.
		o = run(good, false)
		if o.Created != 0 || o.Updated != 4 || o.ErrorCount != 0 {
			t.Errorf("second import: %+v", o)
		}
		if a := read(newA); len(a.Addresses.Nodes) != 1 {
			t.Errorf("addresses after a second import: %d", len(a.Addresses.Nodes))
		}

		// The file as a whole, and the key's scope.
		for csv, want := range map[string]string{
			"":                        "BLANK@csv",
			"name,email\nx,y@z.com\n": "INVALID@csv",
			"first_name\nAda\n":       "BLANK@csv",
		} {
			if o := run(csv, false); cmp.Diff([]string{want}, codes(o.UserErrors)) != "" {
				t.Errorf("%q: %+v", csv, o)
			}
		}
		reader, err := api.Server.AdminKeys().Create(context.Background(), "reader", []string{"customers:read"})
		if err != nil {
			t.Fatal(err)
		}
		if r := api.Do(t, importDoc, map[string]any{"csv": good}, AsAdmin(reader)); len(r.Errors) != 1 || r.Errors[0].Code() != "ACCESS_DENIED" {
			t.Errorf("read key: %s", r.Raw)
		}
	})
}

// TestImportCommand: `import-customers FILE` imports into DATABASE_URL and
// refuses a file with a bad row unless told to skip it.
func TestImportCommand(t *testing.T) {
	parallel(t)
	eachDatabase(t, "db.sqlite", func(t *testing.T, _, url string) {
		env := map[string]string{"DATABASE_URL": url, "MAIL_DIR": filepath.Join(t.TempDir(), "mail")}
		file := filepath.Join(t.TempDir(), "customers.csv")
		body := "Email,First Name,Last Name,Accepts Email Marketing,Tags\n"
		for i := range 50 {
			body += fmt.Sprintf("cli%d@example.com,Cli,Number%d,no,cli\n", i, i)
		}
		if err := os.WriteFile(file, []byte(body+"broken,,,,\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		out, errOut, done := runBinary(t, context.Background(), env, []string{"import-customers", file})
		if err := <-done; err == nil || !strings.Contains(out.String(), "row 52\temail\tINVALID") {
			t.Fatalf("bad file: %v\n%s%s", err, out, errOut)
		}
		out, errOut, done = runBinary(t, context.Background(), env, []string{"import-customers", "--skip-invalid", file})
		if err := <-done; err != nil || !strings.Contains(out.String(), "created 50, updated 0, skipped 1, 1 problems") {
			t.Fatalf("skip-invalid: %v\n%s%s", err, out, errOut)
		}
	})
}

// customerIDs lists the IDs of customers matching an adminCustomers query.
func (a *API) customerIDs(t *testing.T, query string) []string {
	t.Helper()
	var l struct{ Nodes []struct{ ID string } }
	a.MustDo(t, `query($q: String) { adminCustomers(first: 10, query: $q) { nodes { id } } }`, map[string]any{"q": query}, "adminCustomers", &l, AsAdmin(adminKey))
	out := []string{}
	for _, n := range l.Nodes {
		out = append(out, n.ID)
	}
	return out
}
