package catalog

import (
	"context"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"accountgraph/ent"
	"accountgraph/ent/predicate"
	"accountgraph/ent/product"
	"accountgraph/internal/apperr"
	"accountgraph/internal/page"
	"accountgraph/internal/search"
)

// productColumns are the sort keys of the products list
// (ProductSortKeys). RELEVANCE is the catalogue's order (ID) as no text
// ranking is kept; BEST_SELLING and PRICE need sales and a price per
// product, which the catalogue sync does not carry.
var productColumns = map[string]page.Column{
	"ID":           {Name: product.FieldID},
	"RELEVANCE":    {Name: product.FieldID},
	"TITLE":        {Name: product.FieldTitle, Parse: page.ParseString},
	"PRODUCT_TYPE": {Name: product.FieldProductType, Parse: page.ParseString},
	"VENDOR":       {Name: product.FieldVendor, Parse: page.ParseString},
	"CREATED_AT":   {Name: product.FieldCreatedAt, Parse: page.ParseTime},
	"UPDATED_AT":   {Name: product.FieldUpdatedAt, Parse: page.ParseTime},
}

// List returns a page of the catalogue for the storefront's products
// connection, filtered by a search-syntax query: title:, tag:,
// product_type:, vendor:, handle:, created_at: and updated_at: (with
// comparisons), and free text in the title.
func (s *Service) List(ctx context.Context, args page.Args, query, sortKey string) (page.Page[*ent.Product], error) {
	var none page.Page[*ent.Product]
	col, ok := productColumns[sortKey]
	if !ok {
		return none, apperr.BadRequest("sort key " + sortKey + " is not supported: the catalogue keeps no sales or price per product")
	}
	w, err := page.NewWindow(args, "products:"+sortKey)
	if err != nil {
		return none, err
	}
	e, err := search.Parse(query)
	if err != nil {
		return none, apperr.BadRequest(err.Error())
	}
	filter, filtered, err := search.Build(e, productTerm, product.Not,
		func(ps ...predicate.Product) predicate.Product { return product.And(ps...) },
		func(ps ...predicate.Product) predicate.Product { return product.Or(ps...) })
	if err != nil {
		return none, err
	}
	return page.Query(w, col, func(mod func(*sql.Selector), limit int) ([]*ent.Product, error) {
		q := s.DB.Product.Query()
		if filtered {
			q = q.Where(filter)
		}
		return q.Modify(mod).Limit(limit).All(ctx)
	}, func(p *ent.Product) (string, int) { return productSortValue(p, col.Name), p.ID })
}

func productSortValue(p *ent.Product, col string) string {
	switch col {
	case product.FieldTitle:
		return p.Title
	case product.FieldProductType:
		return p.ProductType
	case product.FieldVendor:
		return p.Vendor
	case product.FieldCreatedAt:
		return page.TimeValue(p.CreatedAt)
	case product.FieldUpdatedAt:
		return page.TimeValue(p.UpdatedAt)
	}
	return strconv.Itoa(p.ID)
}

func productTerm(t search.Term) (predicate.Product, error) {
	bad := func(msg string) (predicate.Product, error) { return nil, apperr.BadRequest(t.Field + ": " + msg) }
	if t.Op != ":" && t.Field != "created_at" && t.Field != "updated_at" {
		return bad("comparisons work only on created_at and updated_at")
	}
	switch t.Field {
	case "":
		return product.TitleContainsFold(t.Value), nil
	case "title":
		return product.TitleEqualFold(t.Value), nil
	case "handle":
		return product.Handle(strings.ToLower(t.Value)), nil
	case "product_type":
		return product.ProductTypeEqualFold(t.Value), nil
	case "vendor":
		return product.VendorEqualFold(t.Value), nil
	case "tag":
		// One of the product's tags is the value (as the admin list's tag:).
		tag := t.Value
		return predicate.Product(func(s *sql.Selector) {
			s.Where(sqljson.ValueContains(s.C(product.FieldTags), tag))
		}), nil
	case "created_at", "updated_at":
		tm, err := t.Date()
		if err != nil {
			return bad("use a date such as 2026-01-31 or a time such as 2026-01-31T10:00:00Z")
		}
		col := map[string]string{"created_at": product.FieldCreatedAt, "updated_at": product.FieldUpdatedAt}[t.Field]
		return predicate.Product(func(s *sql.Selector) { s.Where(t.Compare(s, col, tm, tm.Add(24*time.Hour))) }), nil
	}
	return bad("unknown filter")
}
