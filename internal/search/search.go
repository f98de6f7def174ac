// Package search parses Shopify's search syntax used by `query` arguments:
// free-text words, `field:value`, comparisons `field:>=value`, quoted
// values, `-field:value` or `NOT field:value` to negate, terms joined by
// AND (the word is optional) or OR, and parentheses.
package search

import (
	"fmt"
	"strings"
	"unicode"
)

// Term is one condition.
type Term struct {
	Field string // "" for free text
	Op    string // ":", ":<", ":<=", ":>", ":>="
	Value string
}

// MaxLength is the longest query accepted.
const MaxLength = 1000

// Expr is a parsed query: one term, or the negation, conjunction or
// disjunction of expressions.
type Expr struct {
	Op   Op
	Term Term   // when Op is OpTerm
	Args []Expr // the operands of NOT (one), AND and OR
}

// Op is an expression's kind.
type Op int

// The kinds of expression.
const (
	OpTerm Op = iota
	OpNot
	OpAnd
	OpOr
)

// MaxTerms is how many terms a query may hold.
const MaxTerms = 50

// Parse reads q with Shopify's grammar: terms side by side or joined by AND,
// alternatives joined by OR (AND binds closer), NOT or a leading '-' to
// negate, and parentheses to group. It returns nil for an empty query.
func Parse(q string) (*Expr, error) {
	if len(q) > MaxLength {
		return nil, fmt.Errorf("query is longer than %d characters", MaxLength)
	}
	toks, err := tokenize(q)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	if len(toks) == 0 {
		return nil, nil
	}
	e, err := p.or(0)
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.toks) {
		return nil, fmt.Errorf("unexpected %q in query", p.toks[p.pos].text)
	}
	if p.terms > MaxTerms {
		return nil, fmt.Errorf("query has more than %d terms", MaxTerms)
	}
	return &e, nil
}

type parser struct {
	toks  []token
	pos   int
	terms int
}

func (p *parser) peek(word string) bool {
	return p.pos < len(p.toks) && !p.toks[p.pos].quoted && p.toks[p.pos].text == word
}

// maxNesting bounds parentheses, so a query cannot recurse deeply.
const maxNesting = 20

func (p *parser) or(depth int) (Expr, error) {
	first, err := p.and(depth)
	if err != nil {
		return Expr{}, err
	}
	args := []Expr{first}
	for p.peek("OR") {
		p.pos++
		next, err := p.and(depth)
		if err != nil {
			return Expr{}, err
		}
		args = append(args, next)
	}
	if len(args) == 1 {
		return first, nil
	}
	return Expr{Op: OpOr, Args: args}, nil
}

func (p *parser) and(depth int) (Expr, error) {
	var args []Expr
	for p.pos < len(p.toks) && !p.peek("OR") && !p.peek(")") {
		if p.peek("AND") {
			p.pos++
			continue
		}
		e, err := p.unary(depth)
		if err != nil {
			return Expr{}, err
		}
		args = append(args, e)
	}
	switch len(args) {
	case 0:
		return Expr{}, fmt.Errorf("query has an empty part (around AND, OR or parentheses)")
	case 1:
		return args[0], nil
	}
	return Expr{Op: OpAnd, Args: args}, nil
}

func (p *parser) unary(depth int) (Expr, error) {
	if p.peek("NOT") {
		p.pos++
		if p.pos >= len(p.toks) {
			return Expr{}, fmt.Errorf("NOT needs something to negate")
		}
		e, err := p.unary(depth)
		if err != nil {
			return Expr{}, err
		}
		return Expr{Op: OpNot, Args: []Expr{e}}, nil
	}
	if p.peek("(") {
		if depth >= maxNesting {
			return Expr{}, fmt.Errorf("query nests parentheses more than %d deep", maxNesting)
		}
		p.pos++
		e, err := p.or(depth + 1)
		if err != nil {
			return Expr{}, err
		}
		if !p.peek(")") {
			return Expr{}, fmt.Errorf("unclosed parenthesis in query")
		}
		p.pos++
		return e, nil
	}
	if p.peek(")") {
		return Expr{}, fmt.Errorf("unexpected ) in query")
	}
	t := p.toks[p.pos]
	p.pos++
	p.terms++
	term := Term{Op: ":"}
	text := t.text
	negate := false
	if !t.quoted && strings.HasPrefix(text, "-") && len(text) > 1 {
		negate, text = true, text[1:]
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
			return Expr{}, fmt.Errorf("%s: needs a value", term.Field)
		}
	} else {
		term.Value = text
	}
	e := Expr{Op: OpTerm, Term: term}
	if negate {
		e = Expr{Op: OpNot, Args: []Expr{e}}
	}
	return e, nil
}

// Build turns e into one condition: leaf makes a term's, and the others
// combine them. A nil e builds nothing (ok is false).
func Build[P any](e *Expr, leaf func(Term) (P, error), not func(P) P, and, or func(...P) P) (pred P, ok bool, err error) {
	if e == nil {
		return pred, false, nil
	}
	var build func(Expr) (P, error)
	build = func(e Expr) (P, error) {
		if e.Op == OpTerm {
			return leaf(e.Term)
		}
		args := make([]P, len(e.Args))
		for i, a := range e.Args {
			var err error
			if args[i], err = build(a); err != nil {
				return args[i], err
			}
		}
		switch e.Op {
		case OpNot:
			return not(args[0]), nil
		case OpAnd:
			return and(args...), nil
		}
		return or(args...), nil
	}
	pred, err = build(*e)
	return pred, err == nil, err
}

type token struct {
	text   string
	quoted bool
}

// tokenize splits on white space outside double quotes, and makes each
// parenthesis outside quotes a token of its own; a quoted part may also
// follow a field (email:"a b").
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
		case (r == '(' || r == ')') && !inQuote: // quote a value that holds them
			flush()
			toks = append(toks, token{text: string(r)})
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
