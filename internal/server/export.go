package server

import (
	"encoding/csv"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"accountgraph/ent"
	entcustomer "accountgraph/ent/customer"
	"accountgraph/internal/apperr"
	"accountgraph/internal/auth"
	"accountgraph/internal/customer"
	"accountgraph/internal/gid"
	"accountgraph/internal/money"
	"accountgraph/internal/ptr"
)

// customersCSVHeader names the columns of the customer export.
var customersCSVHeader = []string{
	"id", "email", "first_name", "last_name", "phone", "state", "has_account", "accepts_marketing",
	"orders_count", "amount_spent", "currency", "last_order_at", "tags", "note", "created_at",
}

// customersCSV streams the admin customer list as CSV (GET
// /admin/customers.csv?query=&sortKey=&reverse=), with the key and filters
// of adminCustomers. Rows are written as they are read, so an export of
// any size holds one batch in memory.
func (s *Server) customersCSV(w http.ResponseWriter, r *http.Request) {
	v := auth.ViewerFrom(r.Context())
	switch {
	case v.AdminKey == nil:
		writeError(w, http.StatusUnauthorized, "UNAUTHENTICATED", "An admin API key with the customers:read scope is required")
		return
	case !v.HasScope("customers:read"):
		writeError(w, http.StatusForbidden, "ACCESS_DENIED", "The key lacks the customers:read scope")
		return
	}
	q := r.URL.Query()
	sortKey := strings.ToUpper(q.Get("sortKey"))
	if sortKey == "" {
		sortKey = customer.SortID
	}
	reverse, _ := strconv.ParseBool(q.Get("reverse"))
	cw := csv.NewWriter(w)
	started := false
	cur := s.cfg.ShopCurrency
	err := s.Customers.Export(r.Context(), q.Get("query"), sortKey, reverse, func(cs []*ent.Customer) error {
		if !started {
			started = true
			w.Header().Set("Content-Type", "text/csv; charset=utf-8")
			w.Header().Set("Content-Disposition", `attachment; filename="customers.csv"`)
			if err := cw.Write(customersCSVHeader); err != nil {
				return err
			}
		}
		for _, c := range cs {
			last := ""
			if c.LastOrderAt != nil {
				last = c.LastOrderAt.UTC().Format(time.RFC3339)
			}
			if err := cw.Write([]string{
				gid.Encode("Customer", c.ID), cell(c.Email), cell(ptr.Deref(c.FirstName)), cell(ptr.Deref(c.LastName)), ptr.Deref(c.Phone),
				string(c.State), strconv.FormatBool(c.State != entcustomer.StateINVITED), strconv.FormatBool(c.AcceptsMarketing),
				strconv.Itoa(c.OrdersCount), money.Format(c.AmountSpent, cur), cur, last,
				cell(strings.Join(c.Tags, ", ")), cell(ptr.Deref(c.Note)), c.CreatedAt.UTC().Format(time.RFC3339),
			}); err != nil {
				return err
			}
		}
		cw.Flush()
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		return cw.Error()
	})
	switch {
	case err == nil:
	case started:
		// The status is sent; a broken stream is all the client can see.
		s.log.ErrorContext(r.Context(), "customer export failed", "request_id", v.RequestID, "err", err)
	case errors.Is(err, apperr.ErrBadRequest):
		writeError(w, http.StatusBadRequest, "BAD_USER_INPUT", err.Error())
	default:
		s.log.ErrorContext(r.Context(), "customer export failed", "request_id", v.RequestID, "err", err)
		writeError(w, http.StatusInternalServerError, "INTERNAL_SERVER_ERROR", "Internal error; request id "+v.RequestID)
	}
}

// cell guards a free-text value against spreadsheet formula injection: a
// value a spreadsheet would evaluate gets a leading apostrophe (OWASP).
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
