package graph

import (
	"accountgraph/ent"
	"accountgraph/ent/schema"
	"accountgraph/graph/model"
	"accountgraph/internal/catalog"
	"accountgraph/internal/gid"
	"accountgraph/internal/page"
	"accountgraph/internal/ptr"
	"context"
	"unicode/utf8"
)

// URL is the resolver for the url field.
func (r *imageResolver) URL(ctx context.Context, obj *model.Image, transform *model.ImageTransformInput) (string, error) {
	if transform == nil {
		return obj.URL, nil
	}
	return catalog.ImageURL(obj.URL, imageTransform(transform.Crop, transform.MaxHeight, transform.MaxWidth, transform.PreferredContentType, transform.Scale))
}

// TransformedSrc is the resolver for the transformedSrc field.
func (r *imageResolver) TransformedSrc(ctx context.Context, obj *model.Image, crop *model.CropRegion, maxHeight *int, maxWidth *int, preferredContentType *model.ImageContentType, scale *int) (string, error) {
	return catalog.ImageURL(obj.URL, imageTransform(crop, maxHeight, maxWidth, preferredContentType, scale))
}

// AdminProductsUpsert is the resolver for the adminProductsUpsert field.
func (r *mutationResolver) AdminProductsUpsert(ctx context.Context, products []*model.AdminProductInput) (*model.AdminProductsUpsertPayload, error) {
	ps, err := r.Catalog.Upsert(ctx, productInputs(products))
	ue, err := adminErrors(err)
	return &model.AdminProductsUpsertPayload{Products: ps, UserErrors: ue}, err
}

// ID is the resolver for the id field.
func (r *productResolver) ID(ctx context.Context, obj *ent.Product) (string, error) {
	return gid.Encode("Product", obj.ID), nil
}

// Description is the resolver for the description field.
func (r *productResolver) Description(ctx context.Context, obj *ent.Product, truncateAt *int) (string, error) {
	d := obj.Description
	if truncateAt != nil && *truncateAt >= 0 && utf8.RuneCountInString(d) > *truncateAt {
		d = string([]rune(d)[:*truncateAt])
	}
	return d, nil
}

// FeaturedImage is the resolver for the featuredImage field.
func (r *productResolver) FeaturedImage(ctx context.Context, obj *ent.Product) (*model.Image, error) {
	return image(obj.ImageURL, obj.ImageAlt), nil
}

// AvailableForSale is the resolver for the availableForSale field.
func (r *productResolver) AvailableForSale(ctx context.Context, obj *ent.Product) (bool, error) {
	p, err := r.variantPage(ctx, obj, page.Args{First: ptr.To(page.Max)}, model.ProductVariantSortKeysPosition)
	if err != nil {
		return false, err
	}
	for _, v := range p.Items {
		if v.AvailableForSale {
			return true, nil
		}
	}
	return false, nil
}

// Variants is the resolver for the variants field.
func (r *productResolver) Variants(ctx context.Context, obj *ent.Product, first *int, after *string, last *int, before *string, reverse *bool, sortKey *model.ProductVariantSortKeys) (*model.ProductVariantConnection, error) {
	p, err := r.variantPage(ctx, obj, pageArgs(first, after, last, before, reverse), *sortKey)
	if err != nil {
		return nil, err
	}
	edges, info := connection(ctx, p, func(c string, v *ent.ProductVariant) *model.ProductVariantEdge {
		return &model.ProductVariantEdge{Cursor: c, Node: v}
	})
	return &model.ProductVariantConnection{Edges: edges, Nodes: p.Items, PageInfo: info}, nil
}

// ID is the resolver for the id field.
func (r *productVariantResolver) ID(ctx context.Context, obj *ent.ProductVariant) (string, error) {
	return gid.Encode("ProductVariant", obj.ID), nil
}

// SelectedOptions is the resolver for the selectedOptions field.
func (r *productVariantResolver) SelectedOptions(ctx context.Context, obj *ent.ProductVariant) ([]*schema.SelectedOption, error) {
	out := make([]*schema.SelectedOption, len(obj.SelectedOptions))
	for i := range obj.SelectedOptions {
		out[i] = &obj.SelectedOptions[i]
	}
	return out, nil
}

// Image is the resolver for the image field.
func (r *productVariantResolver) Image(ctx context.Context, obj *ent.ProductVariant) (*model.Image, error) {
	if obj.ImageURL != nil {
		return image(obj.ImageURL, obj.ImageAlt), nil
	}
	p, err := r.loaders(ctx).ProductByID.Load(ctx, obj.ProductID)
	if err != nil || p == nil {
		return nil, err
	}
	return image(p.ImageURL, p.ImageAlt), nil
}

// Product is the resolver for the product field.
func (r *productVariantResolver) Product(ctx context.Context, obj *ent.ProductVariant) (*ent.Product, error) {
	return r.loaders(ctx).ProductByID.Load(ctx, obj.ProductID)
}

// Product is the resolver for the product field.
func (r *queryResolver) Product(ctx context.Context, handle *string, id *string) (*ent.Product, error) {
	return r.Catalog.Product(ctx, handle, id)
}

// Products is the resolver for the products field.
func (r *queryResolver) Products(ctx context.Context, first *int, after *string, last *int, before *string, reverse *bool, sortKey *model.ProductSortKeys, query *string) (*model.ProductConnection, error) {
	p, err := r.Catalog.List(ctx, pageArgs(first, after, last, before, reverse), ptr.Deref(query), string(*sortKey))
	if err != nil {
		return nil, err
	}
	ids := make([]int, len(p.Items))
	for i, it := range p.Items {
		ids[i] = it.ID
	}
	r.loaders(ctx).VariantPages.Expect(ids...)
	edges, info := connection(ctx, p, func(c string, n *ent.Product) *model.ProductEdge { return &model.ProductEdge{Cursor: c, Node: n} })
	return &model.ProductConnection{Edges: edges, Nodes: p.Items, PageInfo: info}, nil
}

// Image returns ImageResolver implementation.
func (r *Resolver) Image() ImageResolver { return &imageResolver{r} }

// Product returns ProductResolver implementation.
func (r *Resolver) Product() ProductResolver { return &productResolver{r} }

// ProductVariant returns ProductVariantResolver implementation.
func (r *Resolver) ProductVariant() ProductVariantResolver { return &productVariantResolver{r} }

type (
	imageResolver          struct{ *Resolver }
	productResolver        struct{ *Resolver }
	productVariantResolver struct{ *Resolver }
)
