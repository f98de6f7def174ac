package graph

import (
	"accountgraph/ent"
	"accountgraph/ent/supportticket"
	"accountgraph/graph/model"
	"accountgraph/internal/ptr"
	"accountgraph/internal/support"
	"context"
)

// SupportTickets is the resolver for the supportTickets field.
func (r *customerResolver) SupportTickets(ctx context.Context, obj *ent.Customer, first *int, after *string, last *int, before *string, reverse *bool) (*model.SupportTicketConnection, error) {
	return r.ticketPage(ctx, obj, pageArgs(first, after, last, before, reverse))
}

// SupportTicketCreate is the resolver for the supportTicketCreate field.
func (r *mutationResolver) SupportTicketCreate(ctx context.Context, customerAccessToken string, subject string, body string, orderID *string) (*model.SupportTicketPayload, error) {
	return ticketPayload(r.Support.Create(ctx, customerAccessToken, subject, body, orderID))
}

// SupportTicketReply is the resolver for the supportTicketReply field.
func (r *mutationResolver) SupportTicketReply(ctx context.Context, customerAccessToken string, ticketID string, body string) (*model.SupportTicketPayload, error) {
	return ticketPayload(r.Support.Reply(ctx, customerAccessToken, ticketID, body))
}

// AdminSupportTicketReply is the resolver for the adminSupportTicketReply field.
func (r *mutationResolver) AdminSupportTicketReply(ctx context.Context, ticketID string, body string) (*model.AdminSupportTicketPayload, error) {
	return adminTicketPayload(r.Support.StaffReply(ctx, ticketID, body))
}

// AdminSupportTicketStatusUpdate is the resolver for the adminSupportTicketStatusUpdate field.
func (r *mutationResolver) AdminSupportTicketStatusUpdate(ctx context.Context, ticketID string, status supportticket.Status) (*model.AdminSupportTicketPayload, error) {
	return adminTicketPayload(r.Support.SetStatus(ctx, ticketID, string(status)))
}

// AdminSupportContactUpdate is the resolver for the adminSupportContactUpdate field.
func (r *mutationResolver) AdminSupportContactUpdate(ctx context.Context, input model.SupportContactInput) (*model.SupportContactPayload, error) {
	c, err := r.Support.UpdateContact(ctx, support.ContactInput{Email: input.Email, Phone: input.Phone, Hours: input.Hours,
		ChatURL: input.ChatURL, FaqURL: input.FaqURL})
	ue, err := adminErrors(err)
	return &model.SupportContactPayload{SupportContact: c, UserErrors: ue}, err
}

// AdminSupportTickets is the resolver for the adminSupportTickets field.
func (r *queryResolver) AdminSupportTickets(ctx context.Context, first *int, after *string, last *int, before *string, reverse *bool, status *supportticket.Status) (*model.SupportTicketConnection, error) {
	var st *string
	if status != nil {
		st = ptr.To(string(*status))
	}
	p, err := r.Support.List(ctx, pageArgs(first, after, last, before, reverse), st)
	if err != nil {
		return nil, err
	}
	return ticketConnection(ctx, p), nil
}

// SupportContact is the resolver for the supportContact field.
func (r *queryResolver) SupportContact(ctx context.Context) (*ent.SupportContact, error) {
	return r.Support.Contact(ctx)
}

// Order is the resolver for the order field.
func (r *supportTicketResolver) Order(ctx context.Context, obj *ent.SupportTicket) (*ent.Order, error) {
	if obj.OrderID == nil {
		return nil, nil
	}
	return r.loaders(ctx).OrderByID.Load(ctx, *obj.OrderID)
}

// Messages is the resolver for the messages field.
func (r *supportTicketResolver) Messages(ctx context.Context, obj *ent.SupportTicket, first *int, after *string, last *int, before *string, reverse *bool) (*model.SupportMessageConnection, error) {
	return r.messagePage(ctx, obj, pageArgs(first, after, last, before, reverse))
}

// SupportTicket returns SupportTicketResolver implementation.
func (r *Resolver) SupportTicket() SupportTicketResolver { return &supportTicketResolver{r} }

type supportTicketResolver struct{ *Resolver }
