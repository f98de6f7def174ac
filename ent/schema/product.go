package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// Product is a catalogue product, kept in sync by the shop's catalogue
// system through adminProductsUpsert.
type Product struct{ ent.Schema }

// Mixin of the Product.
func (Product) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Product.
func (Product) Fields() []ent.Field {
	return []ent.Field{
		// Handle is the URL-safe key the catalogue system syncs by.
		field.String("handle").Unique().MaxLen(255),
		field.String("title").MaxLen(4 * 255),
		field.Text("description").Default(""),
		field.String("vendor").Default("").MaxLen(4 * 255),
		field.String("product_type").Default("").MaxLen(4 * 255),
		field.Strings("tags").Default([]string{}),
		field.String("image_url").Optional().Nillable().MaxLen(2048),
		field.String("image_alt").Optional().Nillable().MaxLen(4 * 512),
		// PublishedAt is when the product went on sale (Product.publishedAt:
		// its creation when the catalogue system did not say).
		field.Time("published_at").Optional().Nillable(),
	}
}

// Edges of the Product.
func (Product) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("variants", ProductVariant.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("collection_entries", CollectionProduct.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}
