// Package search parses Shopify's search syntax used by `query` arguments:
// free-text words, `field:value`, comparisons `field:>=value`, quoted
// values, and `-field:value` or `NOT field:value` to negate. Terms are
// joined by AND (the word AND is optional); OR is not supported.
package search

import (
	"fmt"
	"strings"
	"unicode"
)

// Term is one condition.
type Term struct {
	Field  string // "" for free text
	Op     string // ":", ":<", ":<=", ":>", ":>="
	Value  string
	Negate bool
}

// MaxLength is the longest query accepted.
const MaxLength = 1000

// Parse splits q into terms.
func Parse(q string) ([]Term, error) {
	if len(q) > MaxLength {
		return nil, fmt.Errorf("query is longer than %d characters", MaxLength)
	}
	toks, err := tokenize(q)
	if err != nil {
		return nil, err
	}
	var terms []Term
	negate := false
	for _, t := range toks {
		switch {
		case !t.quoted && t.text == "AND":
			continue
		case !t.quoted && t.text == "OR":
			return nil, fmt.Errorf("OR is not supported in queries")
		case !t.quoted && t.text == "NOT":
			negate = true
			continue
		}
		term := Term{Op: ":", Negate: negate}
		negate = false
		text := t.text
		if !t.quoted && strings.HasPrefix(text, "-") && len(text) > 1 {
			term.Negate, text = !term.Negate, text[1:]
		}
		if field, val, ok := strings.Cut(text, ":"); ok && !t.quoted && isField(field) {
			term.Field = strings.ToLower(field)
			for _, op := range []string{"<=", ">=", "<", ">"} {
				if rest, ok := strings.CutPrefix(val, op); ok {
					term.Op, val = ":"+op, rest
					break
				}
			}
			term.Value = unquote(val)
			if term.Value == "" {
				return nil, fmt.Errorf("%s: needs a value", term.Field)
			}
		} else {
			term.Value = text
		}
		terms = append(terms, term)
	}
	return terms, nil
}

type token struct {
	text   string
	quoted bool
}

// tokenize splits on white space outside double quotes; a quoted part may
// also follow a field (email:"a b").
func tokenize(q string) ([]token, error) {
	var toks []token
	var b strings.Builder
	inQuote, quoted := false, false
	flush := func() {
		if b.Len() > 0 || quoted {
			toks = append(toks, token{text: b.String(), quoted: quoted && !strings.Contains(b.String(), ":\"")})
		}
		b.Reset()
		quoted = false
	}
	for _, r := range q {
		switch {
		case r == '"':
			if b.Len() == 0 {
				quoted = true
			} else if !quoted {
				b.WriteRune(r) // field:"value" keeps its quotes for unquote
			}
			inQuote = !inQuote
		case unicode.IsSpace(r) && !inQuote:
			flush()
		default:
			b.WriteRune(r)
		}
	}
	if inQuote {
		return nil, fmt.Errorf("unclosed quote in query")
	}
	flush()
	return toks, nil
}

func unquote(s string) string { return strings.Trim(s, "\"") }

func isField(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
