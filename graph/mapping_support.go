package graph

import (
	"context"

	"accountgraph/ent"
	"accountgraph/graph/model"
	"accountgraph/internal/page"
)

func ticketConnection(ctx context.Context, p page.Page[*ent.SupportTicket]) *model.SupportTicketConnection {
	edges, info := connection(ctx, p, func(c string, t *ent.SupportTicket) *model.SupportTicketEdge {
		return &model.SupportTicketEdge{Cursor: c, Node: t}
	})
	return &model.SupportTicketConnection{Edges: edges, Nodes: p.Items, PageInfo: info}
}

// ticketPage is a customer's tickets, newest first, through the loader.
func (r *Resolver) ticketPage(ctx context.Context, c *ent.Customer, args page.Args) (*model.SupportTicketConnection, error) {
	spec, err := page.NewestFirst(args, "tickets", func(t *ent.SupportTicket) int { return t.ID })
	if err != nil {
		return nil, err
	}
	p, err := r.loaders(ctx).TicketPages.Load(ctx, c.ID, spec)
	if err != nil {
		return nil, err
	}
	return ticketConnection(ctx, p), nil
}

func (r *Resolver) messagePage(ctx context.Context, t *ent.SupportTicket, args page.Args) (*model.SupportMessageConnection, error) {
	spec, err := page.ByID(args, "messages", func(m *ent.SupportMessage) int { return m.ID })
	if err != nil {
		return nil, err
	}
	p, err := r.loaders(ctx).MessagePages.Load(ctx, t.ID, spec)
	if err != nil {
		return nil, err
	}
	edges, info := connection(ctx, p, func(c string, m *ent.SupportMessage) *model.SupportMessageEdge {
		return &model.SupportMessageEdge{Cursor: c, Node: m}
	})
	return &model.SupportMessageConnection{Edges: edges, Nodes: p.Items, PageInfo: info}, nil
}

func ticketPayload(t *ent.SupportTicket, err error) (*model.SupportTicketPayload, error) {
	cue, _, err := userErrors(err)
	if len(cue) > 0 {
		t = nil
	}
	return &model.SupportTicketPayload{SupportTicket: t, CustomerUserErrors: cue}, err
}

func adminTicketPayload(t *ent.SupportTicket, err error) (*model.AdminSupportTicketPayload, error) {
	ue, err := adminErrors(err)
	if len(ue) > 0 {
		t = nil
	}
	return &model.AdminSupportTicketPayload{SupportTicket: t, UserErrors: ue}, err
}
