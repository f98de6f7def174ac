package loaders

import (
	"context"

	"accountgraph/ent"
	"accountgraph/ent/paymentmethod"
)

// Payment loaders: customers' saved payment methods, the default first.
type paymentLoaders struct {
	PaymentMethods *Keyed[int, []*ent.PaymentMethod]
}

func (l *Loaders) newPayments(db *ent.Client) {
	l.PaymentMethods = perCustomer(&l.byCustomer, newKeyed(groupBy(func(ctx context.Context, ids []int) ([]*ent.PaymentMethod, error) {
		return db.PaymentMethod.Query().Where(paymentmethod.CustomerIDIn(ids...)).
			Order(ent.Desc(paymentmethod.FieldIsDefault), ent.Desc(paymentmethod.FieldID)).All(ctx)
	}, func(m *ent.PaymentMethod) int { return m.CustomerID })))
}
