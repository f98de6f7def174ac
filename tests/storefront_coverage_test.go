package tests

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// storefrontDifferences lists, for every type our schema shares with
// Shopify's Storefront API, each of Shopify's fields, arguments and enum
// values we lack or type differently, and each required argument we add
// (a Shopify document would not send it).
func storefrontDifferences(ours, theirs *ast.Schema) []string {
	var out []string
	name := func(n string) string {
		if n == "QueryRoot" {
			return "Query" // documents never name the root type
		}
		return n
	}
	for _, st := range theirs.Types {
		if strings.HasPrefix(st.Name, "__") {
			continue
		}
		ot := ours.Types[name(st.Name)]
		if ot == nil {
			continue
		}
		switch st.Kind {
		case ast.Enum:
			for _, v := range st.EnumValues {
				if ot.EnumValues.ForName(v.Name) == nil {
					out = append(out, "enum value "+st.Name+"."+v.Name)
				}
			}
		case ast.Object, ast.Interface, ast.InputObject:
			for _, sf := range st.Fields {
				of := ot.Fields.ForName(sf.Name)
				if of == nil {
					out = append(out, "field "+st.Name+"."+sf.Name)
					continue
				}
				if of.Type.String() != sf.Type.String() {
					out = append(out, "type "+st.Name+"."+sf.Name+": ours "+of.Type.String()+", Shopify's "+sf.Type.String())
				}
				for _, sa := range sf.Arguments {
					oa := of.Arguments.ForName(sa.Name)
					switch {
					case oa == nil:
						out = append(out, "argument "+st.Name+"."+sf.Name+"("+sa.Name+")")
					case oa.Type.String() != sa.Type.String():
						out = append(out, "argument type "+st.Name+"."+sf.Name+"("+sa.Name+"): ours "+oa.Type.String()+", Shopify's "+sa.Type.String())
					}
				}
				for _, oa := range of.Arguments {
					if oa.Type.NonNull && oa.DefaultValue == nil && sf.Arguments.ForName(oa.Name) == nil {
						out = append(out, "extra required argument "+st.Name+"."+sf.Name+"("+oa.Name+")")
					}
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// TestStorefrontSchemaCoverage compares our schema with Shopify's
// Storefront API (shared/reference) for the types we share. Every
// difference must be in tests/testdata/storefront-omissions.txt, reviewed
// and grouped with its reason; an entry that no longer applies must go.
func TestStorefrontSchemaCoverage(t *testing.T) {
	parallel(t)
	ref, err := os.ReadFile(sharedPath(t, "reference", "shopify-storefront-2026-04.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	theirs, gerr := gqlparser.LoadSchema(&ast.Source{Name: "shopify", Input: string(ref)})
	if gerr != nil {
		t.Fatal(gerr)
	}
	sdl, err := os.ReadFile(filepath.Join("..", "schema.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	ours, gerr := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphql", Input: string(sdl)})
	if gerr != nil {
		t.Fatal(gerr)
	}
	allowed := map[string]bool{}
	f, err := os.Open(filepath.Join("testdata", "storefront-omissions.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			allowed[line] = true
		}
	}
	found := map[string]bool{}
	for _, d := range storefrontDifferences(ours, theirs) {
		found[d] = true
		if !allowed[d] {
			t.Errorf("undeclared difference from Shopify's Storefront API: %s", d)
		}
	}
	for d := range allowed {
		if !found[d] {
			t.Errorf("tests/testdata/storefront-omissions.txt lists %q, which is no longer a difference: remove it", d)
		}
	}
}
