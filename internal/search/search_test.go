package search

import (
	"fmt"
	"strings"
	"testing"
)

// show prints an expression compactly: (and a b), (or …), (not …), and
// terms as field op value.
func show(e *Expr) string {
	if e == nil {
		return "<nil>"
	}
	switch e.Op {
	case OpTerm:
		if e.Term.Field == "" {
			return fmt.Sprintf("%q", e.Term.Value)
		}
		return e.Term.Field + e.Term.Op + e.Term.Value
	}
	var parts []string
	for i := range e.Args {
		parts = append(parts, show(&e.Args[i]))
	}
	return "(" + map[Op]string{OpNot: "not", OpAnd: "and", OpOr: "or"}[e.Op] + " " + strings.Join(parts, " ") + ")"
}

func TestParse(t *testing.T) {
	for q, want := range map[string]string{
		"":                       "<nil>",
		"jane":                   `"jane"`,
		`"jane doe"`:             `"jane doe"`,
		"email:a@b.co":           "email:a@b.co",
		`tag:"vip gold"`:         "tag:vip gold",
		"Accepts_Marketing:true": "accepts_marketing:true",
		"created_at:>=2026-01-01 AND created_at:<2026-02-01": "(and created_at:>=2026-01-01 created_at:<2026-02-01)",
		"-state:disabled NOT tag:x":                          "(and (not state:disabled) (not tag:x))",
		"a OR b c":                                           `(or "a" (and "b" "c"))`,
		"a b OR c":                                           `(or (and "a" "b") "c")`,
		"(a OR b) c":                                         `(and (or "a" "b") "c")`,
		"NOT (status:open OR status:closed)":                 "(not (or status:open status:closed))",
		"id:1001":                                            "id:1001",
		`name:"#1001" OR name:"#1002"`:                       "(or name:#1001 name:#1002)",
		"processed_at:>2026-01-01 AND (financial_status:paid OR financial_status:refunded)": "(and processed_at:>2026-01-01 (or financial_status:paid financial_status:refunded))",
		`"(quoted)"`: `"(quoted)"`,
	} {
		e, err := Parse(q)
		if err != nil {
			t.Errorf("Parse(%q): %v", q, err)
			continue
		}
		if got := show(e); got != want {
			t.Errorf("Parse(%q) = %s, want %s", q, got, want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, q := range []string{`"open`, "email:", string(make([]byte, MaxLength+1)), "a OR", "OR a", "(a", "a)", "()", "NOT",
		strings.Repeat("(", 30) + "a" + strings.Repeat(")", 30), strings.Repeat("a ", MaxTerms+1)} {
		if e, err := Parse(q); err == nil {
			t.Errorf("Parse(%q) accepted: %s", q, show(e))
		}
	}
}

func TestBuild(t *testing.T) {
	e, _ := Parse("a (b OR NOT c)")
	got, ok, err := Build(e, func(t Term) (string, error) { return t.Value, nil },
		func(p string) string { return "!" + p },
		func(ps ...string) string { return "[" + strings.Join(ps, "&") + "]" },
		func(ps ...string) string { return "[" + strings.Join(ps, "|") + "]" })
	if !ok || err != nil || got != "[a&[b|!c]]" {
		t.Errorf("Build = %q %v %v", got, ok, err)
	}
	if _, ok, err := Build[string](nil, nil, nil, nil, nil); ok || err != nil {
		t.Error("Build(nil) built something")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"a b", `x:"y z"`, "-a:<=3", "NOT", "(a OR b) NOT c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		e, err := Parse(q)
		if err != nil || e == nil {
			return
		}
		var walk func(e Expr, depth int)
		walk = func(e Expr, depth int) {
			if depth > 2*maxNesting+MaxTerms {
				t.Fatalf("Parse(%q): nested %d deep", q, depth)
			}
			if e.Op == OpTerm && e.Term.Field != "" && e.Term.Value == "" {
				t.Fatalf("Parse(%q): field %q without value", q, e.Term.Field)
			}
			for _, a := range e.Args {
				walk(a, depth+1)
			}
		}
		walk(*e, 0)
	})
}
