package tests

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"accountgraph/internal/server"
)

// TestGeneratedCodeIsFresh copies the module, runs `go generate ./...` in
// the copy and fails when any generated file (ent/, graph/, go.mod, go.sum)
// differs from what is committed.
func TestGeneratedCodeIsFresh(t *testing.T) {
	parallel(t)
	// Regenerating takes a minute, most of an everyday `go test ./...`:
	// CI runs it (.ci/run sets CHECK_GENERATED), and so can anyone.
	if testing.Short() || (os.Getenv("CHECK_GENERATED") == "" && os.Getenv("CI") == "") {
		t.Skip("go generate ./... takes a minute: CI runs this check; CHECK_GENERATED=1 runs it here")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	copyDir := t.TempDir()
	copyTree(t, root, copyDir, func(rel string, d fs.DirEntry) bool {
		return d.IsDir() && (rel == ".git" || rel == "data" || d.Name() == "node_modules")
	})
	cmd := exec.Command("go", "generate", "./...")
	cmd.Dir = copyDir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go generate: %v\n%s", err, out)
	}
	generated := func(rel string) bool {
		return strings.HasPrefix(rel, "ent/") || strings.HasPrefix(rel, "graph/") || rel == "go.mod" || rel == "go.sum"
	}
	changed, added, removed := diffTrees(t, root, copyDir, generated)
	for _, name := range added {
		t.Errorf("go generate adds %s: commit it", name)
	}
	for _, name := range changed {
		t.Errorf("go generate changes %s: run it and commit the result", name)
	}
	for _, name := range removed {
		t.Errorf("go generate removes %s", name)
	}
}

// TestSchemaFileIsFresh: schema.graphql (for client code generators) is
// what `go run . schema` prints, and it is valid SDL that parses back into
// the same schema.
func TestSchemaFileIsFresh(t *testing.T) {
	parallel(t)
	committed, err := os.ReadFile("../schema.graphql")
	if err != nil {
		t.Fatal(err)
	}
	sdl := server.SchemaSDL()
	if string(committed) != sdl {
		t.Fatal("schema.graphql is stale: run go run . schema > schema.graphql and commit it")
	}
	if _, err := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphql", Input: sdl}); err != nil {
		t.Fatalf("schema.graphql does not load: %v", err)
	}
}
