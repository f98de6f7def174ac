package customer

import (
	"context"
	"strings"

	"entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	"accountgraph/ent/customer"
	"accountgraph/ent/order"
)

// RefreshStats recomputes the order figures of the admin customer list
// (orders_count, amount_spent in the shop's currency, last_order_at) of the
// given customers from their orders, in one statement. Callers run it in
// the transaction that changed the orders, so the figures never drift.
func RefreshStats(ctx context.Context, tx *ent.Tx, currency string, ids ...int) error {
	if len(ids) == 0 {
		return nil
	}
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
	return tx.Customer.Update().Where(customer.IDIn(ids...)).Modify(func(u *sql.UpdateBuilder) {
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
