package tests

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
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
	node, example := needNodePackage(t, "typed client check", "examples/typed-client", "@graphql-codegen/cli")
	modules := filepath.Join(example, "node_modules")

	root := t.TempDir()
	dir := filepath.Join(root, "examples", "typed-client")
	copyExample(t, example, dir)
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
	if stale := diffTrees(t, filepath.Join(example, "src", "gql"), filepath.Join(dir, "src", "gql")); len(stale) > 0 {
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

// copyExample copies the example's sources (not node_modules, dist or the
// generated src/gql) from src to dst.
func copyExample(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		switch filepath.ToSlash(rel) {
		case "node_modules", "dist", "src/gql":
			return filepath.SkipDir
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatalf("copy example: %v", err)
	}
}

// diffTrees names the files that differ between two directories, or that
// only one of them has.
func diffTrees(t *testing.T, a, b string) []string {
	t.Helper()
	read := func(root string) map[string][]byte {
		files := map[string][]byte{}
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			files[filepath.ToSlash(rel)], err = os.ReadFile(path)
			return err
		})
		if err != nil {
			t.Fatalf("read %s: %v", root, err)
		}
		return files
	}
	fa, fb := read(a), read(b)
	var diff []string
	for name, body := range fa {
		if other, ok := fb[name]; !ok || !bytes.Equal(body, other) {
			diff = append(diff, name)
		}
	}
	for name := range fb {
		if _, ok := fa[name]; !ok {
			diff = append(diff, name+" (missing)")
		}
	}
	sort.Strings(diff)
	return diff
}
