package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// SelectedOption is one option of a variant, such as Size: M.
type SelectedOption struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// ProductVariant is one purchasable version of a product. Prices are in
// minor units of CurrencyCode (cents for USD, yen for JPY).
type ProductVariant struct{ ent.Schema }

// Mixin of the ProductVariant.
func (ProductVariant) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the ProductVariant.
func (ProductVariant) Fields() []ent.Field {
	return []ent.Field{
		field.Int("product_id"),
		// SKU is the key the catalogue system syncs variants by.
		field.String("sku").Unique().MaxLen(255),
		field.String("title").MaxLen(4 * 255),
		field.Int64("price"),
		field.Int64("compare_at_price").Optional().Nillable(),
		field.String("currency_code").MaxLen(3),
		field.Bool("available_for_sale").Default(true),
		field.JSON("selected_options", []SelectedOption{}).Optional(),
		field.String("image_url").Optional().Nillable().MaxLen(2048),
		field.String("image_alt").Optional().Nillable().MaxLen(4 * 512),
		field.Int("position").Default(0),
	}
}

// Edges of the ProductVariant.
func (ProductVariant) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("product", Product.Type).Ref("variants").Unique().Required().Field("product_id"),
	}
}

// Indexes of the ProductVariant.
func (ProductVariant) Indexes() []ent.Index {
	return []ent.Index{index.Fields("product_id", "position")}
}
