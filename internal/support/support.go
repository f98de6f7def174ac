// Package support holds the rules of support tickets: a customer opens a
// ticket (about one of their orders, if they like) and both sides add
// messages; staff answers mail the customer and move the status.
package support

import (
	"context"
	"crypto/rand"

	"entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	"accountgraph/ent/order"
	"accountgraph/ent/supportmessage"
	"accountgraph/ent/supportticket"
	"accountgraph/internal/apperr"
	"accountgraph/internal/auth"
	"accountgraph/internal/db"
	"accountgraph/internal/gid"
	"accountgraph/internal/mail"
	"accountgraph/internal/notify"
	"accountgraph/internal/page"
)

// Limits, in characters.
const (
	MaxSubject = 200
	MaxBody    = 5000
)

// Service runs the support rules.
type Service struct {
	DB        *ent.Client
	Customers auth.Authenticator
	Outbox    *notify.Outbox
}

// Create opens a ticket with its first message.
func (s *Service) Create(ctx context.Context, token, subject, body string, orderID *string) (*ent.SupportTicket, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return nil, err
	}
	if subject, err = apperr.RequiredText(apperr.Path("subject"), "Subject", subject, MaxSubject, false); err != nil {
		return nil, err
	}
	if body, err = apperr.RequiredText(apperr.Path("body"), "Message", body, MaxBody, false); err != nil {
		return nil, err
	}
	var oid *int
	if orderID != nil {
		typ, key, _, perr := gid.Parse(*orderID)
		notFound := apperr.Invalid(apperr.Path("orderId"), apperr.CodeNotFound, "Order does not exist")
		if perr != nil || typ != "Order" {
			return nil, notFound
		}
		ok, err := s.DB.Order.Query().Where(order.ID(key), order.CustomerID(c.ID)).Exist(ctx)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, notFound
		}
		oid = &key
	}
	var t *ent.SupportTicket
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		var err error
		if t, err = tx.SupportTicket.Create().SetCustomerID(c.ID).SetNillableOrderID(oid).SetSubject(subject).Save(ctx); err != nil {
			return err
		}
		return tx.SupportMessage.Create().SetTicketID(t.ID).SetAuthor(supportmessage.AuthorCUSTOMER).SetBody(body).Exec(ctx)
	})
	return t, err
}

// Reply adds the customer's message; it reopens a resolved ticket. A
// closed ticket takes no more messages.
func (s *Service) Reply(ctx context.Context, token, ticketID, body string) (*ent.SupportTicket, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return nil, err
	}
	if body, err = apperr.RequiredText(apperr.Path("body"), "Message", body, MaxBody, false); err != nil {
		return nil, err
	}
	return s.addMessage(ctx, ticketID, &c.ID, supportmessage.AuthorCUSTOMER, body, supportticket.StatusOPEN)
}

// StaffReply adds a staff message, sets AWAITING_CUSTOMER and mails the
// customer.
func (s *Service) StaffReply(ctx context.Context, ticketID, body string) (*ent.SupportTicket, error) {
	body, err := apperr.RequiredText(apperr.Path("body"), "Message", body, MaxBody, false)
	if err != nil {
		return nil, err
	}
	return s.addMessage(ctx, ticketID, nil, supportmessage.AuthorSTAFF, body, supportticket.StatusAWAITING_CUSTOMER)
}

func (s *Service) addMessage(ctx context.Context, ticketID string, customerID *int, author supportmessage.Author, body string, next supportticket.Status) (*ent.SupportTicket, error) {
	notFound := apperr.Invalid(apperr.Path("ticketId"), apperr.CodeNotFound, "Ticket does not exist")
	key, err := gid.Decode(ticketID, "SupportTicket")
	if err != nil {
		return nil, notFound
	}
	var t *ent.SupportTicket
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		q := tx.SupportTicket.Query().Where(supportticket.ID(key)).Modify(db.ForUpdate)
		if customerID != nil {
			q.Where(supportticket.CustomerID(*customerID))
		}
		cur, err := q.Only(ctx)
		if ent.IsNotFound(err) {
			return notFound
		}
		if err != nil {
			return err
		}
		if cur.Status == supportticket.StatusCLOSED {
			return apperr.Invalid(apperr.Path("ticketId"), apperr.CodeInvalid, "The ticket is closed; open a new one")
		}
		if err := tx.SupportMessage.Create().SetTicketID(cur.ID).SetAuthor(author).SetBody(body).Exec(ctx); err != nil {
			return err
		}
		if t, err = cur.Update().SetStatus(next).Save(ctx); err != nil || author != supportmessage.AuthorSTAFF {
			return err
		}
		// The customer opened the ticket, so the answer is a message they
		// asked for: no topic, always by email.
		return s.Outbox.Enqueue(ctx, tx, notify.Event{Key: "support_reply:" + rand.Text(), Kind: "support_reply", CustomerID: t.CustomerID,
			Data: mail.SupportReplyMail{Subject: t.Subject, Body: body}})
	})
	return t, err
}

// SetStatus changes a ticket's status (staff).
func (s *Service) SetStatus(ctx context.Context, ticketID, status string) (*ent.SupportTicket, error) {
	key, err := gid.Decode(ticketID, "SupportTicket")
	if err != nil {
		return nil, apperr.Invalid(apperr.Path("ticketId"), apperr.CodeNotFound, "Ticket does not exist")
	}
	t, err := s.DB.SupportTicket.UpdateOneID(key).SetStatus(supportticket.Status(status)).Save(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.Invalid(apperr.Path("ticketId"), apperr.CodeNotFound, "Ticket does not exist")
	}
	return t, err
}

// List returns tickets for staff, newest change first, optionally by status.
func (s *Service) List(ctx context.Context, args page.Args, status *string) (page.Page[*ent.SupportTicket], error) {
	args.Reverse = !args.Reverse
	w, err := page.NewWindow(args, "tickets")
	if err != nil {
		return page.Page[*ent.SupportTicket]{}, err
	}
	q := s.DB.SupportTicket.Query()
	if status != nil {
		q.Where(supportticket.StatusEQ(supportticket.Status(*status)))
	}
	return page.Query(w, page.Column{Name: "id"}, func(mod func(*sql.Selector), limit int) ([]*ent.SupportTicket, error) {
		return q.Modify(mod).Limit(limit).All(ctx)
	}, func(t *ent.SupportTicket) (string, int) { return "", t.ID })
}
