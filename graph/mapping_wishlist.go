package graph

import (
	"context"

	"accountgraph/ent"
	"accountgraph/graph/model"
	"accountgraph/internal/page"
)

func (r *Resolver) wishlistPage(ctx context.Context, c *ent.Customer, args page.Args) (*model.WishlistConnection, error) {
	spec, err := page.ByID(args, "wishlists", func(w *ent.Wishlist) int { return w.ID })
	if err != nil {
		return nil, err
	}
	p, err := r.loaders(ctx).WishlistPages.Load(ctx, c.ID, spec)
	if err != nil {
		return nil, err
	}
	edges, info := connection(ctx, p, func(cur string, w *ent.Wishlist) *model.WishlistEdge {
		return &model.WishlistEdge{Cursor: cur, Node: w}
	})
	return &model.WishlistConnection{Edges: edges, Nodes: p.Items, PageInfo: info}, nil
}

func (r *Resolver) wishlistLinePage(ctx context.Context, wishlistID int, args page.Args) (*model.WishlistLineConnection, error) {
	spec, err := page.ByID(args, "wishlistlines", func(l *ent.WishlistLine) int { return l.ID })
	if err != nil {
		return nil, err
	}
	p, err := r.loaders(ctx).WishlistLinePages.Load(ctx, wishlistID, spec)
	if err != nil {
		return nil, err
	}
	edges, info := connection(ctx, p, func(cur string, l *ent.WishlistLine) *model.WishlistLineEdge {
		return &model.WishlistLineEdge{Cursor: cur, Node: l}
	})
	return &model.WishlistLineConnection{Edges: edges, Nodes: p.Items, PageInfo: info}, nil
}

func wishlistPayload(w *ent.Wishlist, err error) (*model.WishlistPayload, error) {
	cue, _, err := userErrors(err)
	if len(cue) > 0 {
		w = nil
	}
	return &model.WishlistPayload{Wishlist: w, CustomerUserErrors: cue}, err
}
