package catalog

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	"accountgraph/ent/collection"
	"accountgraph/ent/collectionproduct"
	"accountgraph/ent/predicate"
	"accountgraph/ent/product"
	"accountgraph/internal/apperr"
	"accountgraph/internal/db"
	"accountgraph/internal/page"
	"accountgraph/internal/search"
)

// Limits of one collections sync call.
const (
	MaxCollections        = 250
	MaxCollectionProducts = 1000
)

// CollectionInput is a collection to upsert. ProductHandles, when not nil,
// is the collection's whole content in its order (empty: no products); nil
// keeps the products it has.
type CollectionInput struct {
	Handle, Title      string
	Description        *string
	ImageURL, ImageAlt *string
	ProductHandles     []string
}

func validateCollections(cs []CollectionInput) error {
	if len(cs) > MaxCollections {
		return apperr.Invalid(apperr.Path("collections"), apperr.CodeTooMany, "At most 250 collections per call")
	}
	var errs apperr.FieldErrors
	handles := map[string]bool{}
	for i, c := range cs {
		checkHandleAndTitle(&errs, handles, apperr.Path("collections", i), strings.TrimSpace(c.Handle), c.Title)
		if c.ImageAlt != nil {
			checkLength(&errs, apperr.Path("collections", i, "imageAlt"), *c.ImageAlt, 512)
		}
		checkImageURL(&errs, apperr.Path("collections", i, "imageUrl"), c.ImageURL)
		if len(c.ProductHandles) > MaxCollectionProducts {
			errs.Add(apperr.Path("collections", i, "productHandles"), apperr.CodeTooMany, "At most 1000 products per collection")
			continue
		}
		seen := map[string]bool{}
		for j, h := range c.ProductHandles {
			if seen[h] {
				errs.Add(apperr.Path("collections", i, "productHandles", j), apperr.CodeTaken, "Product appears twice in the collection")
			}
			seen[h] = true
		}
	}
	return errs.Err()
}

// UpsertCollections creates or updates collections (matched by handle) and
// sets their products, all or nothing: a product handle that is not in the
// catalogue is refused with NOT_FOUND.
func (s *Service) UpsertCollections(ctx context.Context, cs []CollectionInput) ([]*ent.Collection, error) {
	if err := validateCollections(cs); err != nil {
		return nil, err
	}
	out := make([]*ent.Collection, len(cs))
	err := db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		var errs apperr.FieldErrors
		ids := make([][]int, len(cs))
		for i, c := range cs {
			if c.ProductHandles == nil {
				continue
			}
			found, err := tx.Product.Query().Where(product.HandleIn(c.ProductHandles...)).
				Select(product.FieldID, product.FieldHandle).All(ctx)
			if err != nil {
				return err
			}
			byHandle := make(map[string]int, len(found))
			for _, p := range found {
				byHandle[p.Handle] = p.ID
			}
			ids[i] = make([]int, 0, len(c.ProductHandles))
			for j, h := range c.ProductHandles {
				id, ok := byHandle[h]
				if !ok {
					errs.Add(apperr.Path("collections", i, "productHandles", j), apperr.CodeNotFound, "No product has the handle "+strconv.Quote(h))
				}
				ids[i] = append(ids[i], id)
			}
		}
		if err := errs.Err(); err != nil {
			return err
		}
		for i, c := range cs {
			handle := strings.TrimSpace(c.Handle)
			id, err := tx.Collection.Create().SetHandle(handle).SetTitle(strings.TrimSpace(c.Title)).
				SetDescription(trimmed(c.Description)).SetNillableImageURL(c.ImageURL).SetNillableImageAlt(c.ImageAlt).
				OnConflictColumns(collection.FieldHandle).
				UpdateTitle().UpdateDescription().UpdateImageURL().UpdateImageAlt().UpdateUpdatedAt().
				ID(ctx)
			if err != nil {
				return err
			}
			if ids[i] != nil {
				if _, err := tx.CollectionProduct.Delete().Where(collectionproduct.CollectionID(id)).Exec(ctx); err != nil {
					return err
				}
				entries := make([]*ent.CollectionProductCreate, len(ids[i]))
				for j, pid := range ids[i] {
					entries[j] = tx.CollectionProduct.Create().SetCollectionID(id).SetProductID(pid).SetPosition(j + 1)
				}
				for chunk := range slices.Chunk(entries, 100) {
					if err := tx.CollectionProduct.CreateBulk(chunk...).Exec(ctx); err != nil {
						return err
					}
				}
			}
			if out[i], err = tx.Collection.Get(ctx, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Collection returns a collection by handle or global ID, or nil.
func (s *Service) Collection(ctx context.Context, handle, id *string) (*ent.Collection, error) {
	return findSynced(handle, id, "Collection",
		func(h string) (*ent.Collection, error) {
			return s.DB.Collection.Query().Where(collection.Handle(h)).Only(ctx)
		},
		func(key int) (*ent.Collection, error) { return s.DB.Collection.Get(ctx, key) })
}

// collectionColumns are the sort keys of the collections list
// (CollectionSortKeys); RELEVANCE is the ID's order, as no text ranking is
// kept.
var collectionColumns = map[string]page.Column{
	"ID":         {Name: collection.FieldID},
	"RELEVANCE":  {Name: collection.FieldID},
	"TITLE":      {Name: collection.FieldTitle, Parse: page.ParseString},
	"UPDATED_AT": {Name: collection.FieldUpdatedAt, Parse: page.ParseTime},
}

// CollectionList is a page of collections and, on demand, how many match.
type CollectionList struct {
	page.Page[*ent.Collection]
	Count func(context.Context) (int, error)
}

// Collections returns a page of the collections for the storefront's
// collections connection, filtered by a search-syntax query: title:,
// handle:, collection_type: (custom: every collection here; smart: none),
// updated_at: (with comparisons), and free text in the title.
func (s *Service) Collections(ctx context.Context, args page.Args, query, sortKey string) (CollectionList, error) {
	col, ok := collectionColumns[sortKey]
	if !ok {
		return CollectionList{}, apperr.BadRequest("unknown sort key " + sortKey)
	}
	w, err := page.NewWindow(args, "collections:"+sortKey)
	if err != nil {
		return CollectionList{}, err
	}
	e, err := search.Parse(query)
	if err != nil {
		return CollectionList{}, apperr.BadRequest(err.Error())
	}
	filter, filtered, err := search.Build(e, collectionTerm, collection.Not,
		func(ps ...predicate.Collection) predicate.Collection { return collection.And(ps...) },
		func(ps ...predicate.Collection) predicate.Collection { return collection.Or(ps...) })
	if err != nil {
		return CollectionList{}, err
	}
	base := func() *ent.CollectionQuery {
		q := s.DB.Collection.Query()
		if filtered {
			q = q.Where(filter)
		}
		return q
	}
	p, err := page.Query(w, col, func(mod func(*sql.Selector), limit int) ([]*ent.Collection, error) {
		return base().Modify(mod).Limit(limit).All(ctx)
	}, func(c *ent.Collection) (string, int) { return collectionSortValue(c, col.Name), c.ID })
	return CollectionList{Page: p, Count: func(ctx context.Context) (int, error) { return base().Count(ctx) }}, err
}

func collectionSortValue(c *ent.Collection, col string) string {
	switch col {
	case collection.FieldTitle:
		return c.Title
	case collection.FieldUpdatedAt:
		return page.TimeValue(c.UpdatedAt)
	}
	return strconv.Itoa(c.ID)
}

func collectionTerm(t search.Term) (predicate.Collection, error) {
	bad := func(msg string) (predicate.Collection, error) { return nil, apperr.BadRequest(t.Field + ": " + msg) }
	if t.Op != ":" && t.Field != "updated_at" {
		return bad("comparisons work only on updated_at")
	}
	switch t.Field {
	case "":
		return collection.TitleContainsFold(t.Value), nil
	case "title":
		return collection.TitleEqualFold(t.Value), nil
	case "handle":
		return collection.Handle(strings.ToLower(t.Value)), nil
	case "collection_type":
		// Every collection here is a custom (hand-picked) one.
		switch strings.ToLower(t.Value) {
		case "custom":
			return collection.IDGT(0), nil
		case "smart":
			return collection.IDLT(0), nil
		}
		return bad("use custom or smart")
	case "updated_at":
		tm, err := t.Date()
		if err != nil {
			return bad("use a date such as 2026-01-31 or a time such as 2026-01-31T10:00:00Z")
		}
		return predicate.Collection(func(s *sql.Selector) {
			s.Where(t.Compare(s, collection.FieldUpdatedAt, tm, tm.Add(24*time.Hour)))
		}), nil
	}
	return bad("unknown filter")
}

// CollectionProductColumns are the sort keys of a collection's products
// (ProductCollectionSortKeys): the collection's own order (its position
// column, read through the collection entries, see
// ent.Product.CollectionPosition) or the product's. BEST_SELLING and
// PRICE need sales and a price per product, which the catalogue does not
// keep.
var CollectionProductColumns = map[string]page.Column{
	"COLLECTION_DEFAULT": {Name: collectionproduct.FieldPosition, Parse: page.ParseInt},
	"MANUAL":             {Name: collectionproduct.FieldPosition, Parse: page.ParseInt},
	"RELEVANCE":          {Name: collectionproduct.FieldPosition, Parse: page.ParseInt},
	"ID":                 {Name: product.FieldID},
	"TITLE":              {Name: product.FieldTitle, Parse: page.ParseString},
	"CREATED":            {Name: product.FieldCreatedAt, Parse: page.ParseTime},
}

// CollectionProductsSpec is the paging of Collection.products.
func CollectionProductsSpec(args page.Args, sortKey string) (page.Spec[*ent.Product], error) {
	col, ok := CollectionProductColumns[sortKey]
	if !ok {
		return page.Spec[*ent.Product]{}, apperr.BadRequest("sort key " + sortKey + " is not supported: the catalogue keeps no sales or price per product")
	}
	w, err := page.NewWindow(args, "collection-products:"+sortKey)
	if err != nil {
		return page.Spec[*ent.Product]{}, err
	}
	return page.Spec[*ent.Product]{Window: w, Column: col, CursorOf: func(p *ent.Product) (string, int) {
		if col.Name == collectionproduct.FieldPosition {
			return strconv.Itoa(p.CollectionPosition()), p.ID
		}
		return productSortValue(p, col.Name), p.ID
	}}, nil
}
