package tests

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
)

// schemaInfo is what the fuzzer needs of the schema.
type schemaInfo struct {
	roots map[string][]fieldInfo // "query", "mutation"
	types map[string]typeInfo
}

type fieldInfo struct {
	Name string
	Args []struct {
		Name string
		Type typeRef
	}
	// Type is the field's own type: for a mutation, its payload's fields.
	Type struct {
		Fields []struct{ Name string }
	}
}

type typeInfo struct {
	Kind        string
	InputFields []struct {
		Name string
		Type typeRef
	}
	EnumValues []struct{ Name string }
}

func introspect(t *testing.T, api *API) schemaInfo {
	t.Helper()
	var out introspection
	api.MustDo(t, introspectionDoc, nil, "__schema", &out)
	return out.info()
}

// introspectCA reads the Customer Account API's schema with a customer's token.
func introspectCA(t *testing.T, api *API, token string) schemaInfo {
	t.Helper()
	var out introspection
	api.caMust(t, token, introspectionDoc, nil, "__schema", &out)
	return out.info()
}

const introspectionDoc = `{ __schema {
  queryType { fields { name type { fields { name } } args { name type { ` + typeRefFields + ` } } } }
  mutationType { fields { name type { fields { name } } args { name type { ` + typeRefFields + ` } } } }
  types { name kind enumValues { name } inputFields { name type { ` + typeRefFields + ` } } } } }`

const typeRefFields = `kind name ofType { kind name ofType { kind name ofType { kind name } } }`

type introspection struct {
	QueryType, MutationType struct{ Fields []fieldInfo }
	Types                   []struct {
		Name        string
		Kind        string
		InputFields []struct {
			Name string
			Type typeRef
		}
		EnumValues []struct{ Name string }
	}
}

func (out introspection) info() schemaInfo {
	s := schemaInfo{roots: map[string][]fieldInfo{"query": out.QueryType.Fields, "mutation": out.MutationType.Fields}, types: map[string]typeInfo{}}
	for _, ty := range out.Types {
		s.types[ty.Name] = typeInfo{Kind: ty.Kind, InputFields: ty.InputFields, EnumValues: ty.EnumValues}
	}
	return s
}

// nasty strings that inputs must survive.
var nasty = []string{
	"", " ", "x", "\u0000", "a\u0000b", "\x7f", "<script>alert(1)</script>", "' OR 1=1 --", "%", "_", "\\",
	"ñandú", "👍🏽", "\u202e", strings.Repeat("x", 300), strings.Repeat("é", 5000), "gid://accountgraph/Customer/1",
	"gid://accountgraph/Order/1?key=", "gid://accountgraph/Cart/1?key=%00", "gid://accountgraph/MailingAddress/99999999999",
	"https://shop.test/account/reset/1/" + strings.Repeat("a", 64), "2026-13-45", "-1", "1e309", "NaN", "null",
}

func (s schemaInfo) value(rng *rand.Rand, t typeRef, depth int) any {
	switch t.Kind {
	case "NON_NULL":
		return s.value(rng, *t.OfType, depth)
	case "LIST":
		n := rng.IntN(3)
		out := make([]any, n)
		for i := range out {
			out[i] = s.value(rng, *t.OfType, depth+1)
		}
		return out
	}
	name := *t.Name
	switch name {
	case "String", "ID", "URL", "Decimal", "DateTime", "UnsignedInt64":
		if name == "Decimal" && rng.IntN(2) == 0 {
			return []string{"0", "1.5", "-3", "99999999999999999999", "0.001", "12.00"}[rng.IntN(6)]
		}
		if name == "DateTime" && rng.IntN(2) == 0 {
			return "2026-01-01T00:00:00Z"
		}
		return nasty[rng.IntN(len(nasty))]
	case "Int":
		return []int{0, 1, -1, 250, 251, 1000, 2147483647, -2147483648}[rng.IntN(8)]
	case "Float":
		return []float64{0, -1, 1.5, 100, 101, 1e300}[rng.IntN(6)]
	case "Boolean":
		return rng.IntN(2) == 0
	}
	ty := s.types[name]
	switch ty.Kind {
	case "ENUM":
		return ty.EnumValues[rng.IntN(len(ty.EnumValues))].Name
	case "INPUT_OBJECT":
		obj := map[string]any{}
		if depth > 3 {
			return obj
		}
		for _, f := range ty.InputFields {
			if f.Type.Kind == "NON_NULL" || rng.IntN(2) == 0 {
				obj[f.Name] = s.value(rng, f.Type, depth+1)
			}
		}
		return obj
	}
	return nil
}

// TestGraphQLFuzz sends every root field many times with random, hostile
// arguments, as a guest, as a customer and as an admin: never a 500, never
// a panic, never an internal error.
func TestGraphQLFuzz(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		_, token, _ := api.newCustomer(t, "fuzzed")
		s := introspect(t, api)
		seed := uint64(2026)
		if n, err := strconv.ParseUint(os.Getenv("FUZZ_SEED"), 10, 64); err == nil {
			seed = n // FUZZ_SEED and FUZZ_ROUNDS widen the search locally
		}
		rng := rand.New(rand.NewPCG(seed, 11))
		rounds := 6
		if n, err := strconv.Atoi(os.Getenv("FUZZ_ROUNDS")); err == nil {
			rounds = n
		}
		if testing.Short() {
			rounds = 2
		}
		sent := 0
		for _, op := range []string{"query", "mutation"} {
			for _, f := range s.roots[op] {
				for round := range rounds {
					vars := map[string]any{}
					var decl, pass []string
					for _, a := range f.Args {
						if a.Type.Kind != "NON_NULL" && rng.IntN(3) == 0 {
							continue
						}
						v := s.value(rng, a.Type, 0)
						if a.Name == "customerAccessToken" && round%2 == 0 {
							v = token // half the calls as a signed-in customer
						}
						vars[a.Name] = v
						decl = append(decl, "$"+a.Name+": "+a.Type.String())
						pass = append(pass, a.Name+": $"+a.Name)
					}
					argList, declList := "", ""
					if len(pass) > 0 {
						argList, declList = "("+strings.Join(pass, ", ")+")", "("+strings.Join(decl, ", ")+")"
					}
					doc := fmt.Sprintf("%s%s { %s%s { __typename } }", op, declList, f.Name, argList)
					opts := []Opt{FromIP(randomIP())}
					if round%3 == 2 {
						opts = append(opts, AsAdmin(adminKey))
					}
					r := api.Do(t, doc, vars, opts...)
					sent++
					if r.Status >= 500 {
						t.Errorf("%s %s: status %d %s", op, f.Name, r.Status, r.Raw)
					}
					for _, e := range r.Errors {
						if e.Code() == "INTERNAL_SERVER_ERROR" || strings.Contains(strings.ToLower(e.Message), "sql") || strings.Contains(e.Message, "panic") {
							vj, _ := json.Marshal(vars)
							t.Errorf("%s %s: %s\nvariables: %.500s", op, f.Name, e.Message, vj)
						}
					}
				}
			}
		}
		if testing.Verbose() {
			for _, l := range strings.Split(api.Logs(), "\n") {
				if strings.Contains(l, "internal error") {
					t.Log(l)
				}
			}
		}
		if strings.Contains(api.Logs(), "panic") {
			t.Errorf("the server logged a panic:\n%s", tail(api.Logs(), 3000))
		}
		if sent == 0 {
			t.Fatal("introspection found no operations to fuzz")
		}
		t.Logf("%d requests", sent)
	})
}
