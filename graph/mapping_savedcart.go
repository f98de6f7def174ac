package graph

import (
	"context"

	"accountgraph/ent"
	"accountgraph/graph/model"
	"accountgraph/internal/page"
	"accountgraph/internal/savedcart"
)

func (r *Resolver) savedCartPage(ctx context.Context, c *ent.Customer, args page.Args) (*model.SavedCartConnection, error) {
	spec, err := page.ByID(args, "savedcarts", func(s *ent.SavedCart) int { return s.ID })
	if err != nil {
		return nil, err
	}
	p, err := r.loaders(ctx).SavedCartPages.Load(ctx, c.ID, spec)
	if err != nil {
		return nil, err
	}
	edges, info := connection(ctx, p, func(cur string, s *ent.SavedCart) *model.SavedCartEdge {
		return &model.SavedCartEdge{Cursor: cur, Node: s}
	})
	return &model.SavedCartConnection{Edges: edges, Nodes: p.Items, PageInfo: info}, nil
}

func (r *Resolver) savedLinePage(ctx context.Context, savedCartID int, args page.Args) (*model.SavedCartLineConnection, error) {
	spec, err := page.ByID(args, "savedlines", func(l *ent.SavedCartLine) int { return l.ID })
	if err != nil {
		return nil, err
	}
	if savedCartID == 0 { // no save-for-later list yet
		p := page.Finish(spec.Window, []*ent.SavedCartLine{}, spec.CursorOf)
		return &model.SavedCartLineConnection{Edges: []*model.SavedCartLineEdge{}, Nodes: p.Items, PageInfo: pageInfo(p)}, nil
	}
	p, err := r.loaders(ctx).SavedLinePages.Load(ctx, savedCartID, spec)
	if err != nil {
		return nil, err
	}
	edges, info := connection(ctx, p, func(cur string, l *ent.SavedCartLine) *model.SavedCartLineEdge {
		return &model.SavedCartLineEdge{Cursor: cur, Node: l}
	})
	return &model.SavedCartLineConnection{Edges: edges, Nodes: p.Items, PageInfo: info}, nil
}

func (r *Resolver) cartFromSaved(ctx context.Context, c *ent.Cart, ws []savedcart.Warning, err error) (*model.CartFromSavedPayload, error) {
	cue, _, err := userErrors(err)
	out := &model.CartFromSavedPayload{CustomerUserErrors: cue, Warnings: []*model.SavedCartWarning{}}
	if err != nil || len(cue) > 0 {
		return out, err
	}
	out.Cart = c
	for _, w := range ws {
		sw := &model.SavedCartWarning{Code: model.SavedCartWarningCode(w.Code), Message: w.Message}
		if w.VariantID != nil {
			if sw.Merchandise, err = r.loaders(ctx).VariantByID.Load(ctx, *w.VariantID); err != nil {
				return nil, err
			}
		}
		out.Warnings = append(out.Warnings, sw)
	}
	return out, nil
}

func savedCartPayload(s *ent.SavedCart, err error) (*model.SavedCartPayload, error) {
	cue, _, err := userErrors(err)
	if len(cue) > 0 {
		s = nil
	}
	return &model.SavedCartPayload{SavedCart: s, CustomerUserErrors: cue}, err
}

func laterPayload(c *ent.Cart, err error) (*model.CartLinesSaveForLaterPayload, error) {
	cue, _, err := userErrors(err)
	if len(cue) > 0 {
		c = nil
	}
	return &model.CartLinesSaveForLaterPayload{Cart: c, CustomerUserErrors: cue}, err
}
