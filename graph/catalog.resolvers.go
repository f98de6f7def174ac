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
)

// ID is the resolver for the id field.
func (r *collectionResolver) ID(ctx context.Context, obj *ent.Collection) (string, error) {
	return gid.Encode("Collection", obj.ID), nil
}

// Description is the resolver for the description field.
func (r *collectionResolver) Description(ctx context.Context, obj *ent.Collection, truncateAt *int) (string, error) {
	return truncate(obj.Description, truncateAt), nil
}

// Image is the resolver for the image field.
func (r *collectionResolver) Image(ctx context.Context, obj *ent.Collection) (*model.Image, error) {
	return model.NewImage(obj.ImageURL, obj.ImageAlt), nil
}

// Products is the resolver for the products field.
func (r *collectionResolver) Products(ctx context.Context, obj *ent.Collection, first *int, after *string, last *int, before *string, reverse *bool, sortKey *model.ProductCollectionSortKeys) (*model.ProductConnection, error) {
	spec, err := catalog.CollectionProductsSpec(pageArgs(first, after, last, before, reverse), string(*sortKey))
	if err != nil {
		return nil, err
	}
	p, err := r.loaders(ctx).CollectionProducts.Load(ctx, obj.ID, spec)
	if err != nil {
		return nil, err
	}
	return productConnection(ctx, p), nil
}

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

// AdminCollectionsUpsert is the resolver for the adminCollectionsUpsert field.
func (r *mutationResolver) AdminCollectionsUpsert(ctx context.Context, collections []*model.AdminCollectionInput) (*model.AdminCollectionsUpsertPayload, error) {
	cs, err := r.Catalog.UpsertCollections(ctx, collectionInputs(collections))
	ue, err := adminErrors(err)
	return &model.AdminCollectionsUpsertPayload{Collections: cs, UserErrors: ue}, err
}

// ID is the resolver for the id field.
func (r *productResolver) ID(ctx context.Context, obj *ent.Product) (string, error) {
	return gid.Encode("Product", obj.ID), nil
}

// Description is the resolver for the description field.
func (r *productResolver) Description(ctx context.Context, obj *ent.Product, truncateAt *int) (string, error) {
	return truncate(obj.Description, truncateAt), nil
}

// FeaturedImage is the resolver for the featuredImage field.
func (r *productResolver) FeaturedImage(ctx context.Context, obj *ent.Product) (*model.Image, error) {
	return model.NewImage(obj.ImageURL, obj.ImageAlt), nil
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

// Collections is the resolver for the collections field.
func (r *productResolver) Collections(ctx context.Context, obj *ent.Product, first *int, after *string, last *int, before *string, reverse *bool) (*model.CollectionConnection, error) {
	spec, err := page.ByID(pageArgs(first, after, last, before, reverse), "product-collections", func(c *ent.Collection) int { return c.ID })
	if err != nil {
		return nil, err
	}
	l := r.loaders(ctx)
	p, err := l.ProductCollections.Load(ctx, obj.ID, spec)
	if err != nil {
		return nil, err
	}
	return collectionConnection(ctx, p, func(ctx context.Context) (int, error) { return l.ProductCollectionCounts.Load(ctx, obj.ID) })
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
		return model.NewImage(obj.ImageURL, obj.ImageAlt), nil
	}
	p, err := r.loaders(ctx).ProductByID.Load(ctx, obj.ProductID)
	if err != nil || p == nil {
		return nil, err
	}
	return model.NewImage(p.ImageURL, p.ImageAlt), nil
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
	l := r.loaders(ctx)
	l.VariantPages.Expect(ids...)
	l.ProductCollections.Expect(ids...)
	l.ProductCollectionCounts.Expect(ids...)
	return productConnection(ctx, p), nil
}

// Collection is the resolver for the collection field.
func (r *queryResolver) Collection(ctx context.Context, handle *string, id *string) (*ent.Collection, error) {
	return r.Catalog.Collection(ctx, handle, id)
}

// CollectionByHandle is the resolver for the collectionByHandle field.
func (r *queryResolver) CollectionByHandle(ctx context.Context, handle string) (*ent.Collection, error) {
	return r.Catalog.Collection(ctx, &handle, nil)
}

// Collections is the resolver for the collections field.
func (r *queryResolver) Collections(ctx context.Context, first *int, after *string, last *int, before *string, reverse *bool, sortKey *model.CollectionSortKeys, query *string) (*model.CollectionConnection, error) {
	l, err := r.Catalog.Collections(ctx, pageArgs(first, after, last, before, reverse), ptr.Deref(query), string(*sortKey))
	if err != nil {
		return nil, err
	}
	ids := make([]int, len(l.Items))
	for i, c := range l.Items {
		ids[i] = c.ID
	}
	r.loaders(ctx).CollectionProducts.Expect(ids...)
	return collectionConnection(ctx, l.Page, l.Count)
}

// Collection returns CollectionResolver implementation.
func (r *Resolver) Collection() CollectionResolver { return &collectionResolver{r} }

// Image returns ImageResolver implementation.
func (r *Resolver) Image() ImageResolver { return &imageResolver{r} }

// Product returns ProductResolver implementation.
func (r *Resolver) Product() ProductResolver { return &productResolver{r} }

// ProductVariant returns ProductVariantResolver implementation.
func (r *Resolver) ProductVariant() ProductVariantResolver { return &productVariantResolver{r} }

type (
	collectionResolver     struct{ *Resolver }
	imageResolver          struct{ *Resolver }
	productResolver        struct{ *Resolver }
	productVariantResolver struct{ *Resolver }
)
