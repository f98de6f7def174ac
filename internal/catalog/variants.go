package catalog

import (
	"strconv"

	"accountgraph/ent"
	"accountgraph/ent/productvariant"
	"accountgraph/internal/apperr"
	"accountgraph/internal/page"
)

// variantColumns are the sort keys of Product.variants
// (ProductVariantSortKeys): RELEVANCE is the catalogue's order.
var variantColumns = map[string]page.Column{
	"ID":        {Name: productvariant.FieldID},
	"POSITION":  {Name: productvariant.FieldPosition, Parse: page.ParseInt},
	"RELEVANCE": {Name: productvariant.FieldPosition, Parse: page.ParseInt},
	"SKU":       {Name: productvariant.FieldSku, Parse: page.ParseString},
	"TITLE":     {Name: productvariant.FieldTitle, Parse: page.ParseString},
}

// VariantSpec validates the arguments of Product.variants and returns what
// the loader needs to fetch the page.
func VariantSpec(args page.Args, sortKey string) (page.Spec[*ent.ProductVariant], error) {
	col, ok := variantColumns[sortKey]
	if !ok {
		return page.Spec[*ent.ProductVariant]{}, apperr.BadRequest("unknown sort key " + sortKey)
	}
	w, err := page.NewWindow(args, "variants:"+sortKey)
	if err != nil {
		return page.Spec[*ent.ProductVariant]{}, err
	}
	return page.Spec[*ent.ProductVariant]{
		Window: w, Column: col,
		CursorOf: func(v *ent.ProductVariant) (string, int) {
			switch col.Name {
			case productvariant.FieldPosition:
				return strconv.Itoa(v.Position), v.ID
			case productvariant.FieldSku:
				return v.Sku, v.ID
			case productvariant.FieldTitle:
				return v.Title, v.ID
			}
			return "", v.ID
		},
	}, nil
}
