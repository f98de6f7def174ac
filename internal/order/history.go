package order

import (
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	entorder "accountgraph/ent/order"
	"accountgraph/ent/orderlineitem"
	"accountgraph/internal/apperr"
	"accountgraph/internal/page"
	"accountgraph/internal/search"
)

// Sort keys of Customer.orders (OrderSortKeys).
var sortColumns = map[string]page.Column{
	"ID":           {Name: entorder.FieldID},
	"RELEVANCE":    {Name: entorder.FieldID},
	"PROCESSED_AT": {Name: entorder.FieldProcessedAt, Parse: page.ParseTime},
	"TOTAL_PRICE":  {Name: entorder.FieldTotalPrice, Parse: func(s string) (any, error) { return strconv.ParseInt(s, 10, 64) }},
}

// HistorySpec validates the arguments of Customer.orders and returns what
// the loader needs to fetch the page.
func HistorySpec(args page.Args, sortKey, query string) (page.Spec[*ent.Order], error) {
	var spec page.Spec[*ent.Order]
	col, ok := sortColumns[sortKey]
	if !ok {
		return spec, apperr.BadRequest("unknown sort key " + sortKey)
	}
	w, err := page.NewWindow(args, "orders:"+sortKey)
	if err != nil {
		return spec, err
	}
	filter, err := filters(query)
	if err != nil {
		return spec, err
	}
	return page.Spec[*ent.Order]{
		Window: w, Column: col, Filter: filter, FilterKey: strings.TrimSpace(query),
		CursorOf: func(o *ent.Order) (string, int) {
			switch col.Name {
			case entorder.FieldProcessedAt:
				return page.TimeValue(o.ProcessedAt), o.ID
			case entorder.FieldTotalPrice:
				return strconv.FormatInt(o.TotalPrice, 10), o.ID
			}
			return "", o.ID
		},
	}, nil
}

// WithinCompany narrows a history spec to one company's orders.
func WithinCompany(spec page.Spec[*ent.Order], companyID int) page.Spec[*ent.Order] {
	filter := spec.Filter
	spec.Filter = func(s *sql.Selector) {
		if filter != nil {
			filter(s)
		}
		s.Where(sql.EQ(s.C(entorder.FieldCompanyID), companyID))
	}
	spec.FilterKey += "\x00company:" + strconv.Itoa(companyID)
	return spec
}

// filters turns a search query into one selector condition.
func filters(q string) (func(*sql.Selector), error) {
	e, err := search.Parse(q)
	if err != nil {
		return nil, apperr.BadRequest(err.Error())
	}
	type pred = func(*sql.Selector) *sql.Predicate
	all := func(combine func(...*sql.Predicate) *sql.Predicate) func(...pred) pred {
		return func(ps ...pred) pred {
			return func(s *sql.Selector) *sql.Predicate {
				out := make([]*sql.Predicate, len(ps))
				for i, p := range ps {
					out[i] = p(s)
				}
				return combine(out...)
			}
		}
	}
	p, ok, err := search.Build(e, term,
		func(p pred) pred { return func(s *sql.Selector) *sql.Predicate { return sql.Not(p(s)) } },
		all(sql.And), all(sql.Or))
	if err != nil || !ok {
		return nil, err
	}
	return func(s *sql.Selector) { s.Where(p(s)) }, nil
}

func term(t search.Term) (func(*sql.Selector) *sql.Predicate, error) {
	bad := func(msg string) (func(*sql.Selector) *sql.Predicate, error) {
		return nil, apperr.BadRequest(t.Field + ": " + msg)
	}
	dates := map[string]string{"processed_at": entorder.FieldProcessedAt, "created_at": entorder.FieldCreatedAt, "updated_at": entorder.FieldUpdatedAt}
	if _, date := dates[t.Field]; t.Op != ":" && !date && t.Field != "id" && t.Field != "order_number" {
		return bad("comparisons work only on processed_at, created_at, updated_at, id and order_number")
	}
	v := strings.ToUpper(t.Value)
	switch t.Field {
	case "":
		text := strings.ToLower(t.Value)
		return func(s *sql.Selector) *sql.Predicate { return sql.Contains(s.C(entorder.FieldSearchText), text) }, nil
	case "financial_status":
		if entorder.FinancialStatusValidator(entorder.FinancialStatus(v)) != nil {
			return bad("unknown financial status")
		}
		return func(s *sql.Selector) *sql.Predicate { return sql.EQ(s.C(entorder.FieldFinancialStatus), v) }, nil
	case "fulfillment_status":
		if v == "SHIPPED" {
			v = "FULFILLED"
		}
		if entorder.FulfillmentStatusValidator(entorder.FulfillmentStatus(v)) != nil {
			return bad("unknown fulfillment status")
		}
		return func(s *sql.Selector) *sql.Predicate { return sql.EQ(s.C(entorder.FieldFulfillmentStatus), v) }, nil
	case "status":
		switch v {
		case "OPEN":
			return func(s *sql.Selector) *sql.Predicate {
				return sql.And(sql.IsNull(s.C(entorder.FieldClosedAt)), sql.IsNull(s.C(entorder.FieldCanceledAt)))
			}, nil
		case "CLOSED":
			return func(s *sql.Selector) *sql.Predicate { return sql.NotNull(s.C(entorder.FieldClosedAt)) }, nil
		case "CANCELLED", "CANCELED":
			return func(s *sql.Selector) *sql.Predicate { return sql.NotNull(s.C(entorder.FieldCanceledAt)) }, nil
		}
		return bad("use open, closed or cancelled")
	case "id":
		// The number of the order's ID (gid://…/Order/1001 is id:1001).
		n, err := strconv.ParseInt(strings.TrimSpace(t.Value), 10, 64)
		if err != nil || n < 1 {
			return bad("use the number of the order's ID, such as id:1001")
		}
		return func(s *sql.Selector) *sql.Predicate { return t.Compare(s, entorder.FieldID, n, n+1) }, nil
	case "name":
		name := strings.TrimSpace(t.Value)
		if !strings.HasPrefix(name, "#") {
			name = "#" + name
		}
		return func(s *sql.Selector) *sql.Predicate { return sql.EQ(s.C(entorder.FieldName), name) }, nil
	case "processed_at", "created_at", "updated_at":
		tm, err := t.Date()
		if err != nil {
			return bad("use a date such as 2026-01-31 or a time such as 2026-01-31T10:00:00Z")
		}
		col := dates[t.Field]
		return func(s *sql.Selector) *sql.Predicate { return t.Compare(s, col, tm, tm.Add(24*time.Hour)) }, nil
	case "confirmation_number":
		code := strings.ToUpper(strings.TrimSpace(t.Value))
		return func(s *sql.Selector) *sql.Predicate { return sql.EQ(s.C(entorder.FieldConfirmationNumber), code) }, nil
	case "order_number":
		// The number in the order's name (#1001 is order_number:1001).
		n, err := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(t.Value), "#"), 10, 64)
		if err != nil || n < 1 {
			return bad("use the order's number, such as order_number:1001")
		}
		return func(s *sql.Selector) *sql.Predicate { return t.Compare(s, entorder.FieldOrderNumber, n, n+1) }, nil
	}
	return bad("unknown filter")
}

// LineItemSpec validates the arguments of Order.lineItems: lines in their
// order's sequence.
func LineItemSpec(args page.Args) (page.Spec[*ent.OrderLineItem], error) {
	w, err := page.NewWindow(args, "lines")
	if err != nil {
		return page.Spec[*ent.OrderLineItem]{}, err
	}
	return page.Spec[*ent.OrderLineItem]{
		Window: w, Column: page.Column{Name: orderlineitem.FieldPosition, Parse: page.ParseInt},
		CursorOf: func(l *ent.OrderLineItem) (string, int) { return strconv.Itoa(l.Position), l.ID },
	}, nil
}
