package tests

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTypedClient checks the example in examples/typed-client: the client
// GraphQL Code Generator made from schema.graphql (src/gql) is up to date,
// compiles under strict TypeScript, and signs in and reads an account
// with orders against a real server. It works on a copy of the example
// laid out like the repository, so it never writes into the example.
func TestTypedClient(t *testing.T) {
	parallel(t)
	node, example := needNodePackage(t, "typed client check", "examples/typed-client", "@graphql-codegen/cli")
	modules := filepath.Join(example, "node_modules")

	root := t.TempDir()
	dir := filepath.Join(root, "examples", "typed-client")
	// The example's sources, without node_modules, dist or the generated src/gql.
	copyTree(t, example, dir, func(rel string, _ fs.DirEntry) bool {
		return rel == "node_modules" || rel == "dist" || rel == "src/gql"
	})
	schema, err := os.ReadFile(filepath.Join("..", "schema.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "schema.graphql"), schema, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(modules, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}

	nodeRun := func(t *testing.T, env []string, args ...string) string {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, node, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("node %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}

	// (a) The committed client matches schema.graphql and the documents.
	nodeRun(t, nil, "node_modules/@graphql-codegen/cli/cjs/bin.js", "--config", "codegen.ts")
	changed, added, removed := diffTrees(t, filepath.Join(example, "src", "gql"), filepath.Join(dir, "src", "gql"), func(string) bool { return true })
	stale := append(changed, removed...)
	for _, name := range added {
		stale = append(stale, name+" (missing)")
	}
	if len(stale) > 0 {
		t.Fatalf("examples/typed-client/src/gql is stale (%s): run `npm run --prefix examples/typed-client codegen` and commit it",
			strings.Join(stale, ", "))
	}

	// (b) It compiles under strict TypeScript.
	nodeRun(t, nil, "node_modules/typescript/bin/tsc", "-p", ".")

	// (c) The compiled example signs in and reads the account.
	eachDB(t, func(t *testing.T, api *API) {
		email := uniqueEmail("typed.client")
		id := api.register(t, email)
		api.seedCatalog(t)
		order := api.createOrder(t, map[string]any{"customerId": id})
		out := nodeRun(t, []string{
			"ACCOUNTGRAPH_URL=" + api.URL + "/graphql",
			"ACCOUNT_EMAIL=" + email,
			"ACCOUNT_PASSWORD=" + goodPassword,
		}, "dist/account.js")
		t.Logf("typed client: %s", strings.TrimSpace(out))
		for _, want := range []string{`"ok":true`, `"email":"` + email + `"`, `"name":"` + order.Name + `"`} {
			if !strings.Contains(out, want) {
				t.Errorf("typed client output lacks %s:\n%s", want, out)
			}
		}
	})
}
