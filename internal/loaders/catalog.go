package loaders

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	"accountgraph/ent/product"
	"accountgraph/ent/productvariant"
)

// Catalogue loaders: variants and products by ID, a product's variants.
type catalogLoaders struct {
	VariantByID  *Keyed[int, *ent.ProductVariant]
	ProductByID  *Keyed[int, *ent.Product]
	VariantPages *Pages[*ent.ProductVariant]
}

func (l *Loaders) newCatalog(db *ent.Client) {
	l.VariantByID = newKeyed(byID(func(ctx context.Context, ids []int) ([]*ent.ProductVariant, error) {
		return db.ProductVariant.Query().Where(productvariant.IDIn(ids...)).All(ctx)
	}, func(v *ent.ProductVariant) int { return v.ID }))
	l.ProductByID = newKeyed(byID(func(ctx context.Context, ids []int) ([]*ent.Product, error) {
		return db.Product.Query().Where(product.IDIn(ids...)).All(ctx)
	}, func(v *ent.Product) int { return v.ID }))
	l.VariantPages = newPages(productvariant.FieldProductID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.ProductVariant, error) {
		return db.ProductVariant.Query().Where(productvariant.ProductIDIn(parents...)).Modify(mod).All(ctx)
	}, func(v *ent.ProductVariant) int { return v.ProductID })
	// A variant's product loads next.
	l.VariantByID.after = func(vs map[int]*ent.ProductVariant) {
		for _, v := range vs {
			l.ProductByID.Expect(v.ProductID)
		}
	}
}
