package graph

import (
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql"

	"accountgraph/graph/model"
	"accountgraph/internal/page"
)

// The small helpers the resolvers and mappings share.

// fieldRequested tells whether the current field's selection includes name
// (so costly parts such as totalCount run only when asked for).
func fieldRequested(ctx context.Context, name string) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == name {
			return true
		}
	}
	return false
}

// onlyFieldsRequested tells whether the current field selects none but the
// fields named.
func onlyFieldsRequested(ctx context.Context, names ...string) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if !slices.Contains(names, f.Name) {
			return false
		}
	}
	return true
}

// pageArgs gathers a connection field's paging arguments.
func pageArgs(first *int, after *string, last *int, before *string, reverse *bool) page.Args {
	return page.FromArgs(first, after, last, before, reverse)
}

// pageInfo is a page's PageInfo, with its first and last cursors.
func pageInfo[T any](p page.Page[T]) *model.PageInfo { return model.NewPageInfo(p) }

// connection maps a page to a Relay connection's parts.
func connection[T, E any](ctx context.Context, p page.Page[T], edge func(cursor string, node T) E) ([]E, *model.PageInfo) {
	// Storefronts mostly read nodes: edges and page info (and the cursors
	// in them) are made only when the selection asks for them.
	var edges []E
	var info *model.PageInfo
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		switch f.Name {
		case "edges":
			edges = make([]E, len(p.Items))
			for i, it := range p.Items {
				edges[i] = edge(p.Cursor(i), it)
			}
		case "pageInfo":
			info = pageInfo(p)
		}
	}
	return edges, info
}
