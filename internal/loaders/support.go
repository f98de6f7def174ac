package loaders

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	"accountgraph/ent/supportmessage"
	"accountgraph/ent/supportticket"
)

// Support loaders: customers' tickets and their messages.
type supportLoaders struct {
	TicketPages  *Pages[*ent.SupportTicket]
	MessagePages *Pages[*ent.SupportMessage]
}

func (l *Loaders) newSupport(db *ent.Client) {
	l.TicketPages = perCustomer(&l.byCustomer, newPages(supportticket.FieldCustomerID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.SupportTicket, error) {
		return db.SupportTicket.Query().Where(supportticket.CustomerIDIn(parents...)).Modify(mod).All(ctx)
	}, func(v *ent.SupportTicket) int { return v.CustomerID }))
	l.MessagePages = newPages(supportmessage.FieldTicketID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.SupportMessage, error) {
		return db.SupportMessage.Query().Where(supportmessage.TicketIDIn(parents...)).Modify(mod).All(ctx)
	}, func(v *ent.SupportMessage) int { return v.TicketID })
	l.TicketPages.after = func(ts []*ent.SupportTicket) {
		for _, t := range ts {
			l.MessagePages.Expect(t.ID)
			if t.OrderID != nil {
				l.OrderByID.Expect(*t.OrderID)
			}
		}
	}
}
