package search

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want []Term
	}{
		{"", nil},
		{"jane", []Term{{Op: ":", Value: "jane"}}},
		{`"jane doe"`, []Term{{Op: ":", Value: "jane doe"}}},
		{"email:a@b.co", []Term{{Field: "email", Op: ":", Value: "a@b.co"}}},
		{`tag:"vip gold"`, []Term{{Field: "tag", Op: ":", Value: "vip gold"}}},
		{"created_at:>=2026-01-01 AND created_at:<2026-02-01", []Term{
			{Field: "created_at", Op: ":>=", Value: "2026-01-01"},
			{Field: "created_at", Op: ":<", Value: "2026-02-01"},
		}},
		{"-state:disabled NOT tag:x", []Term{
			{Field: "state", Op: ":", Value: "disabled", Negate: true},
			{Field: "tag", Op: ":", Value: "x", Negate: true},
		}},
		{"Accepts_Marketing:true", []Term{{Field: "accepts_marketing", Op: ":", Value: "true"}}},
	} {
		got, err := Parse(tc.q)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.q, err)
			continue
		}
		if d := cmp.Diff(tc.want, got); d != "" {
			t.Errorf("Parse(%q) (-want +got):\n%s", tc.q, d)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, q := range []string{`"open`, "a OR b", "email:", string(make([]byte, MaxLength+1))} {
		if _, err := Parse(q); err == nil {
			t.Errorf("Parse(%q) accepted", q)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"a b", `x:"y z"`, "-a:<=3", "NOT"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		terms, err := Parse(q)
		if err != nil {
			return
		}
		for _, tm := range terms {
			if tm.Field != "" && tm.Value == "" {
				t.Fatalf("Parse(%q): field %q without value", q, tm.Field)
			}
		}
	})
}
