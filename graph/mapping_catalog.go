package graph

import (
	"context"
	"unicode/utf8"

	"accountgraph/ent"
	"accountgraph/graph/model"
	"accountgraph/internal/catalog"
	"accountgraph/internal/page"
)

// truncate cuts a description at truncateAt characters (when given).
func truncate(d string, truncateAt *int) string {
	if truncateAt != nil && *truncateAt >= 0 && utf8.RuneCountInString(d) > *truncateAt {
		return string([]rune(d)[:*truncateAt])
	}
	return d
}

// productConnection maps a page of products.
func productConnection(ctx context.Context, p page.Page[*ent.Product]) *model.ProductConnection {
	edges, info := connection(ctx, p, func(c string, n *ent.Product) *model.ProductEdge { return &model.ProductEdge{Cursor: c, Node: n} })
	return &model.ProductConnection{Edges: edges, Nodes: p.Items, PageInfo: info}
}

// collectionConnection maps a page of collections; count is asked only when
// totalCount is.
func collectionConnection(ctx context.Context, p page.Page[*ent.Collection], count func(context.Context) (int, error)) (*model.CollectionConnection, error) {
	edges, info := connection(ctx, p, func(c string, n *ent.Collection) *model.CollectionEdge {
		return &model.CollectionEdge{Cursor: c, Node: n}
	})
	conn := &model.CollectionConnection{Edges: edges, Nodes: p.Items, PageInfo: info}
	if fieldRequested(ctx, "totalCount") {
		n, err := count(ctx)
		if err != nil {
			return nil, err
		}
		conn.TotalCount = uint64(n)
	}
	return conn, nil
}

// collectionInputs maps adminCollectionsUpsert's input.
func collectionInputs(in []*model.AdminCollectionInput) []catalog.CollectionInput {
	out := make([]catalog.CollectionInput, len(in))
	for i, c := range in {
		out[i] = catalog.CollectionInput{Handle: c.Handle, Title: c.Title, Description: c.Description,
			ImageURL: c.ImageURL, ImageAlt: c.ImageAlt, ProductHandles: c.ProductHandles}
	}
	return out
}

// imageTransform maps ImageTransformInput (or transformedSrc's arguments).
func imageTransform(crop *model.CropRegion, maxHeight, maxWidth *int, format *model.ImageContentType, scale *int) catalog.ImageTransform {
	t := catalog.ImageTransform{MaxWidth: maxWidth, MaxHeight: maxHeight, Scale: scale}
	if crop != nil {
		t.Crop = string(*crop)
	}
	if format != nil {
		t.Format = string(*format)
	}
	return t
}
