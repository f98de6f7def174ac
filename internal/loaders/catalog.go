package loaders

import (
	"context"
	"slices"

	"entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	"accountgraph/ent/collection"
	"accountgraph/ent/collectionproduct"
	"accountgraph/ent/product"
	"accountgraph/ent/productvariant"
)

// Catalogue loaders: variants, products and collections by ID, a product's
// variants and collections, a collection's products.
type catalogLoaders struct {
	VariantByID  *Keyed[int, *ent.ProductVariant]
	ProductByID  *Keyed[int, *ent.Product]
	VariantPages *Pages[*ent.ProductVariant]

	CollectionByID *Keyed[int, *ent.Collection]
	// CollectionProducts are collections' pages of products (rows read
	// through collectionProductsTable).
	CollectionProducts *Pages[*ent.Product]
	// ProductCollections are products' pages of collections, and
	// ProductCollectionCounts how many collections each product is in.
	ProductCollections      *Pages[*ent.Collection]
	ProductCollectionCounts *Keyed[int, int]
}

func (l *Loaders) newCatalog(db *ent.Client) {
	l.VariantByID = newKeyed(byID(narrowByID(l, variantRows, variantColumns, func(ctx context.Context, ids []int) ([]*ent.ProductVariant, error) {
		return db.ProductVariant.Query().Where(productvariant.IDIn(ids...)).All(ctx)
	}), func(v *ent.ProductVariant) int { return v.ID }))
	l.ProductByID = newKeyed(byID(func(ctx context.Context, ids []int) ([]*ent.Product, error) {
		return db.Product.Query().Where(product.IDIn(ids...)).All(ctx)
	}, func(v *ent.Product) int { return v.ID }))
	l.VariantPages = newPages(productvariant.FieldProductID, narrowPages(l, variantRows, productvariant.FieldProductID, variantColumns, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.ProductVariant, error) {
		return db.ProductVariant.Query().Where(productvariant.ProductIDIn(parents...)).Modify(mod).All(ctx)
	}), func(v *ent.ProductVariant) int { return v.ProductID })
	// A variant's product loads next.
	l.VariantByID.after = func(vs map[int]*ent.ProductVariant) {
		for _, v := range vs {
			l.ProductByID.Expect(v.ProductID)
		}
	}

	l.CollectionByID = newKeyed(byID(func(ctx context.Context, ids []int) ([]*ent.Collection, error) {
		return db.Collection.Query().Where(collection.IDIn(ids...)).All(ctx)
	}, func(c *ent.Collection) int { return c.ID }))
	l.CollectionProducts = newPages(collectionproduct.FieldCollectionID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.Product, error) {
		return db.Product.Query().Modify(collectionProductsTable, func(s *sql.Selector) {
			s.Where(sql.InInts(s.C(collectionproduct.FieldCollectionID), parents...))
		}, mod).All(ctx)
	}, (*ent.Product).CollectionID)
	l.ProductCollections = newPages(collectionproduct.FieldProductID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.Collection, error) {
		return db.Collection.Query().Modify(productsCollectionsTable, func(s *sql.Selector) {
			s.Where(sql.InInts(s.C(collectionproduct.FieldProductID), parents...))
		}, mod).All(ctx)
	}, (*ent.Collection).EntryProductID)
	l.ProductCollectionCounts = newKeyed(func(ctx context.Context, productIDs []int) (map[int]int, error) {
		var rows []struct {
			ProductID int `json:"product_id"`
			Count     int `json:"count"`
		}
		err := db.CollectionProduct.Query().Where(collectionproduct.ProductIDIn(productIDs...)).
			GroupBy(collectionproduct.FieldProductID).Aggregate(ent.Count()).Scan(ctx, &rows)
		out := make(map[int]int, len(productIDs))
		for _, r := range rows {
			out[r.ProductID] = r.Count
		}
		return out, err
	})
	// A page of a collection's products: their variants (availableForSale)
	// and collections load next.
	l.CollectionProducts.after = func(ps []*ent.Product) {
		for _, p := range ps {
			l.VariantPages.Expect(p.ID)
			l.ProductCollections.Expect(p.ID)
			l.ProductCollectionCounts.Expect(p.ID)
		}
	}
	l.ProductCollections.after = func(cs []*ent.Collection) {
		for _, c := range cs {
			l.CollectionProducts.Expect(c.ID)
		}
	}
}

// variantColumns are the columns a variant's loaders read whatever the
// request names: keys, product, and the position its pages are ordered by.
var (
	variantColumns = []string{productvariant.FieldID, productvariant.FieldProductID, productvariant.FieldPosition}
	variantRows    = newRowReader[ent.ProductVariant]("ProductVariant", productvariant.Table)
)

// collectionProductsTable replaces a products query's table with products
// joined to their collection entries, under the products table's name: the
// rows then carry collection_id and position (ent.Product.CollectionID,
// CollectionPosition), and every products column keeps its name.
func collectionProductsTable(s *sql.Selector) {
	d := sql.Dialect(s.Dialect())
	p, e := d.Table(product.Table), d.Table(collectionproduct.Table).As("ag_entries")
	joined := d.Select(p.C("*")).
		AppendSelect(e.C(collectionproduct.FieldCollectionID), e.C(collectionproduct.FieldPosition)).
		From(p).Join(e).On(p.C(product.FieldID), e.C(collectionproduct.FieldProductID)).As(product.Table)
	s.From(joined).AppendSelect(s.C(collectionproduct.FieldCollectionID), s.C(collectionproduct.FieldPosition))
}

// productsCollectionsTable is collectionProductsTable's twin for a
// product's collections: collections joined to their entries, carrying
// product_id.
func productsCollectionsTable(s *sql.Selector) {
	d := sql.Dialect(s.Dialect())
	c, e := d.Table(collection.Table), d.Table(collectionproduct.Table).As("ag_entries")
	joined := d.Select(c.C("*")).AppendSelect(e.C(collectionproduct.FieldProductID)).
		From(c).Join(e).On(c.C(collection.FieldID), e.C(collectionproduct.FieldCollectionID)).As(collection.Table)
	s.From(joined).AppendSelect(s.C(collectionproduct.FieldProductID))
}

// withVariants is a Pages query of rows that name a variant (variantCol),
// which reads their variants in the same statement when the request reads
// both narrowed and selects field (see Columns.Joins), and gives them to
// VariantByID; otherwise it is query. The rows are read from a view of their
// table joined to the variants, named like their table, so the page's
// conditions and ranking apply to it unchanged.
func withVariants[E any](l *Loaders, field string, r *rowReader[E], parentCol, variantCol string, need []string, variantOf func(*E) *int,
	query func(context.Context, func(*sql.Selector), []int) ([]*E, error)) func(context.Context, func(*sql.Selector), []int) ([]*E, error) {
	return func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*E, error) {
		if !l.joined(field) {
			return query(ctx, mod, parents)
		}
		cols := l.pick(r.entity, append(slices.Clip(need), variantCol)...)
		// The columns the request's fields read of the variants: the
		// loaders' own columns of a variant (its product, its position in
		// its product's pages) serve reads by ID and pages, not these rows
		// (a field that reads them declares them). Not their ID: the row's
		// variant column is it, since the foreign key sets it to NULL when
		// the variant goes.
		vcols := slices.DeleteFunc(l.pick("ProductVariant", productvariant.FieldID), func(c string) bool { return c == productvariant.FieldID })
		vfields, err := variantRows.fieldsOf(vcols)
		if err != nil {
			return nil, err
		}
		fields, err := r.fieldsOf(cols)
		if err != nil {
			return nil, err
		}
		key := l.statementKey(ctx, r.table, cols, append([]string{"ag_v", variantCol}, vcols...), len(parents))
		text, args := statement(key, parents, func() (string, []any) {
			return variantView(l, r.table, variantCol, parentCol, cols, vcols, mod, parents)
		})
		var ptrs nullables
		return r.readQuery(ctx, l.db, text, args, fields, cols, len(vcols), func(e *E, vals []any) error {
			id := variantOf(e)
			if id == nil {
				return nil
			}
			v := &ent.ProductVariant{ID: *id}
			if err := variantRows.setAll(v, vfields, vcols, vals, &ptrs); err != nil {
				return err
			}
			l.VariantByID.Prime(*id, v)
			return nil
		})
	}
}

// variantView is withVariants' statement: rows of table joined to their
// variants, under table's name.
func variantView(l *Loaders, table, variantCol, parentCol string, cols, vcols []string, mod func(*sql.Selector), parents []int) (string, []any) {
	d := sql.Dialect(l.db.Dialect())
	t, vt := d.Table(table), d.Table(productvariant.Table).As("ag_v")
	view := d.Select(t.C("*")).From(t).LeftJoin(vt).On(t.C(variantCol), vt.C(productvariant.FieldID))
	for _, c := range vcols {
		view.AppendSelectAs(vt.C(c), "ag_v_"+c)
	}
	s := d.Select().From(view.As(table))
	sel := make([]string, 0, len(cols)+len(vcols))
	for _, c := range cols {
		sel = append(sel, s.C(c))
	}
	for _, c := range vcols {
		sel = append(sel, s.C("ag_v_"+c))
	}
	s.Select(sel...).Where(sql.InInts(s.C(parentCol), parents...))
	mod(s)
	return s.Query()
}
