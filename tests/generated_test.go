package tests

import (
	"bytes"
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
	if testing.Short() {
		t.Skip("regenerating takes a while; skipped with -short")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	copyDir := t.TempDir()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() && (rel == ".git" || rel == "data" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(copyDir, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(copyDir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "generate", "./...")
	cmd.Dir = copyDir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go generate: %v\n%s", err, out)
	}
	generated := func(rel string) bool {
		return strings.HasPrefix(rel, "ent"+string(filepath.Separator)) || strings.HasPrefix(rel, "graph"+string(filepath.Separator)) ||
			rel == "go.mod" || rel == "go.sum"
	}
	files := func(dir string) map[string][]byte {
		m := map[string][]byte{}
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(dir, path)
			if generated(rel) {
				b, _ := os.ReadFile(path)
				m[rel] = b
			}
			return nil
		})
		return m
	}
	want, got := files(root), files(copyDir)
	for name, b := range got {
		if w, ok := want[name]; !ok {
			t.Errorf("go generate adds %s: commit it", name)
		} else if !bytes.Equal(w, b) {
			t.Errorf("go generate changes %s: run it and commit the result", name)
		}
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("go generate removes %s", name)
		}
	}
}

// TestSchemaFileIsFresh: schema.graphql (for client code generators) is
// what `go run . schema` prints, and it is valid SDL that parses back into
// the same schema.
func TestSchemaFileIsFresh(t *testing.T) {
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
