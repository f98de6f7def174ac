package customer

import (
	"context"
	"strings"

	"entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	"accountgraph/ent/customer"
	"accountgraph/ent/order"
	"accountgraph/ent/predicate"
	"accountgraph/internal/db"
)

// RefreshStats recomputes the order figures of the admin customer list
// (orders_count, amount_spent in the shop's currency, last_order_at) of the
// given customers from their orders, in one statement. Callers run it in
// the transaction that changed the orders, so the figures never drift.
func RefreshStats(ctx context.Context, tx *ent.Tx, currency string, ids ...int) error {
	if len(ids) == 0 {
		return nil
	}
	return refreshStats(ctx, tx, currency, customer.IDIn(ids...))
}

// Backfills are the one-time data changes of the customer columns, for
// databases made before the columns existed.
func Backfills(currency string) []db.Backfill {
	return []db.Backfill{
		{Name: "customers.order_stats", Run: func(ctx context.Context, tx *ent.Tx) error {
			return refreshStats(ctx, tx, currency, func(s *sql.Selector) {
				s.Where(sql.In(s.C(customer.FieldID), sql.Select(order.FieldCustomerID).From(sql.Table(order.Table)).
					Where(sql.NotNull(order.FieldCustomerID))))
			})
		}},
		{Name: "customers.sort_name", Run: func(ctx context.Context, tx *ent.Tx) error {
			cs, err := tx.Customer.Query().Where(customer.SortName(""), customer.Or(customer.FirstNameNotNil(), customer.LastNameNotNil())).
				Select(customer.FieldID, customer.FieldFirstName, customer.FieldLastName).All(ctx)
			if err != nil {
				return err
			}
			for _, c := range cs {
				if err := tx.Customer.Update().Where(customer.ID(c.ID)).SetSortName(NameKey(c.FirstName, c.LastName)).Exec(ctx); err != nil {
					return err
				}
			}
			return nil
		}},
	}
}

func refreshStats(ctx context.Context, tx *ent.Tx, currency string, which predicate.Customer) error {
	sub := func(expr string, more func(b *sql.Builder)) sql.Querier {
		return sql.ExprFunc(func(b *sql.Builder) {
			b.WriteString("(SELECT " + expr + " FROM ").Ident(order.Table).WriteString(" o WHERE o.").Ident(order.FieldCustomerID).
				WriteString(" = ").Ident(customer.Table).WriteByte('.').Ident(customer.FieldID)
			if more != nil {
				more(b)
			}
			b.WriteByte(')')
		})
	}
	return tx.Customer.Update().Where(which).Modify(func(u *sql.UpdateBuilder) {
		u.Set(customer.FieldOrdersCount, sub("COUNT(*)", nil))
		u.Set(customer.FieldLastOrderAt, sub("MAX(o."+order.FieldProcessedAt+")", nil))
		u.Set(customer.FieldAmountSpent, sub("COALESCE(SUM(o."+order.FieldTotalPrice+" - o."+order.FieldTotalRefunded+"), 0)", func(b *sql.Builder) {
			b.WriteString(" AND o.").Ident(order.FieldCanceledAt).WriteString(" IS NULL AND o.").Ident(order.FieldCurrencyCode).
				WriteString(" = ").Arg(currency)
		}))
	}).Exec(ctx)
}

// NameKey is the key of the list's NAME order: the lower-cased full name.
func NameKey(first, last *string) string {
	var parts []string
	for _, p := range []*string{first, last} {
		if p != nil && *p != "" {
			parts = append(parts, *p)
		}
	}
	return strings.ToLower(strings.Join(parts, " "))
}
