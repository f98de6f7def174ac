package customer

import (
	"context"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"accountgraph/ent"
	"accountgraph/ent/customer"
	"accountgraph/ent/predicate"
	"accountgraph/internal/apperr"
	"accountgraph/internal/page"
	"accountgraph/internal/search"
)

// Sort keys of the admin customer list.
const (
	SortID        = "ID"
	SortCreatedAt = "CREATED_AT"
	SortUpdatedAt = "UPDATED_AT"
)

var sortColumns = map[string]page.Column{
	SortID:        {Name: customer.FieldID},
	SortCreatedAt: {Name: customer.FieldCreatedAt, Parse: parseTime},
	SortUpdatedAt: {Name: customer.FieldUpdatedAt, Parse: parseTime},
}

func parseTime(s string) (any, error) { return time.Parse(time.RFC3339Nano, s) }

// List returns a page of customers for the Admin API, filtered by a
// search-syntax query.
func (s *Service) List(ctx context.Context, args page.Args, query, sortKey string) (page.Page[*ent.Customer], error) {
	var none page.Page[*ent.Customer]
	col, ok := sortColumns[sortKey]
	if !ok {
		return none, apperr.BadRequest("unknown sort key " + sortKey)
	}
	w, err := page.NewWindow(args, sortKey)
	if err != nil {
		return none, err
	}
	preds, err := customerFilters(query)
	if err != nil {
		return none, err
	}
	return page.Query(w, col, func(mod func(*sql.Selector), limit int) ([]*ent.Customer, error) {
		return s.DB.Customer.Query().Where(preds...).Modify(mod).Limit(limit).All(ctx)
	}, func(c *ent.Customer) (string, int) {
		switch sortKey {
		case SortCreatedAt:
			return c.CreatedAt.UTC().Format(time.RFC3339Nano), c.ID
		case SortUpdatedAt:
			return c.UpdatedAt.UTC().Format(time.RFC3339Nano), c.ID
		}
		return "", c.ID
	})
}

// customerFilters turns a search query into predicates.
func customerFilters(q string) ([]predicate.Customer, error) {
	terms, err := search.Parse(q)
	if err != nil {
		return nil, apperr.BadRequest(err.Error())
	}
	var preds []predicate.Customer
	for _, t := range terms {
		p, err := customerTerm(t)
		if err != nil {
			return nil, err
		}
		if t.Negate {
			p = customer.Not(p)
		}
		preds = append(preds, p)
	}
	return preds, nil
}

func customerTerm(t search.Term) (predicate.Customer, error) {
	bad := func(msg string) (predicate.Customer, error) { return nil, apperr.BadRequest(t.Field + ": " + msg) }
	if t.Op != ":" && t.Field != "created_at" && t.Field != "updated_at" {
		return bad("comparisons work only on dates")
	}
	switch t.Field {
	case "":
		v := strings.ToLower(t.Value)
		return customer.Or(customer.EmailKeyContains(v), customer.FirstNameContainsFold(t.Value),
			customer.LastNameContainsFold(t.Value)), nil
	case "email":
		return customer.EmailKey(strings.ToLower(t.Value)), nil
	case "state":
		st := customer.State(strings.ToUpper(t.Value))
		if customer.StateValidator(st) != nil {
			return bad("use enabled, invited or disabled")
		}
		return customer.StateEQ(st), nil
	case "accepts_marketing":
		b, err := strconv.ParseBool(t.Value)
		if err != nil {
			return bad("use true or false")
		}
		return customer.AcceptsMarketing(b), nil
	case "tag":
		tag := t.Value
		return func(s *sql.Selector) {
			s.Where(sqljson.ValueContains(s.C(customer.FieldTags), tag))
		}, nil
	case "created_at", "updated_at":
		tm, err := time.Parse(time.DateOnly, t.Value)
		if err != nil {
			if tm, err = time.Parse(time.RFC3339, t.Value); err != nil {
				return bad("use a date such as 2026-01-31")
			}
		}
		col := t.Field
		return func(s *sql.Selector) {
			switch t.Op {
			case ":<":
				s.Where(sql.LT(s.C(col), tm))
			case ":<=":
				s.Where(sql.LTE(s.C(col), tm))
			case ":>":
				s.Where(sql.GT(s.C(col), tm))
			case ":>=":
				s.Where(sql.GTE(s.C(col), tm))
			default:
				s.Where(sql.And(sql.GTE(s.C(col), tm), sql.LT(s.C(col), tm.Add(24*time.Hour))))
			}
		}, nil
	}
	return bad("unknown filter")
}
