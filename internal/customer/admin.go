package customer

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"accountgraph/ent"
	"accountgraph/ent/customer"
	"accountgraph/ent/customeraccesstoken"
	"accountgraph/ent/customertoken"
	"accountgraph/ent/predicate"
	"accountgraph/internal/apperr"
	"accountgraph/internal/db"
	"accountgraph/internal/money"
	"accountgraph/internal/page"
	"accountgraph/internal/search"
)

// Sort keys of the admin customer list.
const (
	SortID        = "ID"
	SortCreatedAt = "CREATED_AT"
	SortUpdatedAt = "UPDATED_AT"
	SortName      = "NAME"
	SortOrders    = "ORDERS_COUNT"
	SortSpent     = "AMOUNT_SPENT"
)

var sortColumns = map[string]page.Column{
	SortID:        {Name: customer.FieldID},
	SortCreatedAt: {Name: customer.FieldCreatedAt, Parse: page.ParseTime},
	SortUpdatedAt: {Name: customer.FieldUpdatedAt, Parse: page.ParseTime},
	SortName:      {Name: customer.FieldSortName, Parse: page.ParseString},
	SortOrders:    {Name: customer.FieldOrdersCount, Parse: page.ParseInt},
	SortSpent:     {Name: customer.FieldAmountSpent, Parse: func(s string) (any, error) { return strconv.ParseInt(s, 10, 64) }},
}

// sortValue is c's value of the sort column, for its cursor.
func sortValue(c *ent.Customer, sortKey string) string {
	switch sortKey {
	case SortCreatedAt:
		return page.TimeValue(c.CreatedAt)
	case SortUpdatedAt:
		return page.TimeValue(c.UpdatedAt)
	case SortName:
		return c.SortName
	case SortOrders:
		return strconv.Itoa(c.OrdersCount)
	case SortSpent:
		return strconv.FormatInt(c.AmountSpent, 10)
	}
	return ""
}

// List returns a page of customers for the Admin API, filtered by a
// search-syntax query.
func (s *Service) List(ctx context.Context, args page.Args, query, sortKey string) (page.Page[*ent.Customer], error) {
	w, err := page.NewWindow(args, sortKey)
	if err != nil {
		return page.Page[*ent.Customer]{}, err
	}
	return s.list(ctx, w, query)
}

func (s *Service) list(ctx context.Context, w page.Window, query string) (page.Page[*ent.Customer], error) {
	var none page.Page[*ent.Customer]
	col, ok := sortColumns[w.Key]
	if !ok {
		return none, apperr.BadRequest("unknown sort key " + w.Key)
	}
	preds, err := s.customerFilters(query)
	if err != nil {
		return none, err
	}
	return page.Query(w, col, func(mod func(*sql.Selector), limit int) ([]*ent.Customer, error) {
		return s.DB.Customer.Query().Where(preds...).Modify(mod).Limit(limit).All(ctx)
	}, func(c *ent.Customer) (string, int) { return sortValue(c, w.Key), c.ID })
}

// exportBatch is how many customers Export reads per statement.
const exportBatch = 1000

// Export walks the whole filtered list in order, a batch at a time (keyset
// pages, so memory stays flat and rows added meanwhile are not skipped),
// handing each batch to emit.
func (s *Service) Export(ctx context.Context, query, sortKey string, reverse bool, emit func([]*ent.Customer) error) error {
	w := page.Window{Key: sortKey, N: exportBatch, Reverse: reverse}
	for {
		p, err := s.list(ctx, w, query)
		if err != nil {
			return err
		}
		if err := emit(p.Items); err != nil {
			return err
		}
		if !p.HasNextPage {
			return nil
		}
		last := p.Items[len(p.Items)-1]
		w.After = &page.Cursor{Key: sortKey, Value: sortValue(last, sortKey), ID: last.ID}
	}
}

// customerFilters turns a search query into predicates.
func (s *Service) customerFilters(q string) ([]predicate.Customer, error) {
	e, err := search.Parse(q)
	if err != nil {
		return nil, apperr.BadRequest(err.Error())
	}
	p, ok, err := search.Build(e, s.customerTerm, customer.Not,
		func(ps ...predicate.Customer) predicate.Customer { return customer.And(ps...) },
		func(ps ...predicate.Customer) predicate.Customer { return customer.Or(ps...) })
	if err != nil || !ok {
		return nil, err
	}
	return []predicate.Customer{p}, nil
}

func (s *Service) customerTerm(t search.Term) (predicate.Customer, error) {
	bad := func(msg string) (predicate.Customer, error) { return nil, apperr.BadRequest(t.Field + ": " + msg) }
	switch t.Field {
	case "created_at", "updated_at", "last_order_date", "orders_count", "amount_spent", "total_spent":
	default:
		if t.Op != ":" {
			return bad("comparisons work only on dates, orders_count and amount_spent")
		}
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
	case "has_account":
		b, err := strconv.ParseBool(t.Value)
		if err != nil {
			return bad("use true or false")
		}
		if b {
			return customer.StateNEQ(customer.StateINVITED), nil
		}
		return customer.StateEQ(customer.StateINVITED), nil
	case "orders_count":
		n, err := strconv.Atoi(t.Value)
		if err != nil || n < 0 {
			return bad("use a whole number such as 2")
		}
		return compare(t, customer.FieldOrdersCount, n, n+1), nil
	case "amount_spent", "total_spent":
		n, err := money.Parse(t.Value, s.Currency)
		if err != nil {
			return bad("use an amount such as 100.00")
		}
		return compare(t, customer.FieldAmountSpent, n, n+1), nil
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
	case "created_at", "updated_at", "last_order_date":
		tm, err := t.Date()
		if err != nil {
			return bad("use a date such as 2026-01-31")
		}
		col := t.Field
		if col == "last_order_date" {
			col = customer.FieldLastOrderAt
		}
		return compare(t, col, tm, tm.Add(24*time.Hour)), nil
	}
	return bad("unknown filter")
}

// compare is the term's comparison on col (see search.Term.Compare).
func compare(t search.Term, col string, v, next any) predicate.Customer {
	return func(s *sql.Selector) { s.Where(t.Compare(s, col, v, next)) }
}

// Limits of the staff fields.
const (
	MaxTags      = 250
	MaxTagLength = 255
	MaxNote      = 5000
	MaxInvites   = 250
	MaxInviteMsg = 1000
)

// AdminUpdate is adminCustomerUpdate's input; nil fields stay.
type AdminUpdate struct {
	Tags  []string
	Note  *string
	State *string // ENABLED or DISABLED
}

// checkTags validates and normalises tags: trimmed, without duplicates
// (case-insensitive, the first spelling kept).
func checkTags(errs *apperr.FieldErrors, field []string, tags []string) []string {
	if len(tags) > MaxTags {
		errs.Add(field, apperr.CodeTooMany, "At most "+itoa(MaxTags)+" tags")
		return nil
	}
	out := []string{}
	seen := map[string]bool{}
	for i, t := range tags {
		f := append(slices.Clone(field), itoa(i))
		t = checkText(errs, f, "Tag", t, MaxTagLength, false)
		switch {
		case t == "":
			errs.Add(f, apperr.CodeBlank, "Tag can't be blank")
		case strings.Contains(t, ","):
			errs.Add(f, apperr.CodeInvalid, "Tag cannot contain a comma")
		case !seen[strings.ToLower(t)]:
			seen[strings.ToLower(t)] = true
			out = append(out, t)
		}
	}
	return out
}

// AdminUpdate changes a customer's tags, note or state for staff.
// Disabling deletes every session and pending one-time token in the same
// transaction; enabling restores an account that was activated (a password,
// or an email proved by a sign-in code) and otherwise the invitation.
func (s *Service) AdminUpdate(ctx context.Context, id string, in AdminUpdate) (*ent.Customer, error) {
	key, err := db.CustomerID(ctx, s.DB, id, path("id"))
	if err != nil {
		return nil, err
	}
	var errs apperr.FieldErrors
	var tags []string
	if in.Tags != nil {
		tags = checkTags(&errs, path("input", "tags"), in.Tags)
	}
	var note string
	if in.Note != nil {
		note = checkText(&errs, path("input", "note"), "Note", *in.Note, MaxNote, false)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		c, err := db.LockCustomer(ctx, tx, key)
		if err != nil {
			return err
		}
		u := tx.Customer.Update().Where(customer.ID(key))
		if in.Tags != nil {
			u.SetTags(tags)
		}
		if in.Note != nil {
			if note == "" {
				u.ClearNote()
			} else {
				u.SetNote(note)
			}
		}
		if in.State != nil {
			switch {
			case *in.State == "DISABLED" && c.State != customer.StateDISABLED:
				u.SetState(customer.StateDISABLED)
				if _, err := tx.CustomerAccessToken.Delete().Where(customeraccesstoken.CustomerID(key)).Exec(ctx); err != nil {
					return err
				}
				if _, err := tx.CustomerToken.Delete().Where(customertoken.CustomerID(key)).Exec(ctx); err != nil {
					return err
				}
			case *in.State == "ENABLED" && c.State == customer.StateDISABLED:
				st := customer.StateINVITED
				if c.PasswordHash != nil || c.EmailVerified {
					st = customer.StateENABLED
				}
				u.SetState(st)
			}
		}
		return u.Exec(ctx)
	})
	if err != nil {
		return nil, err
	}
	return s.DB.Customer.Get(ctx, key)
}
