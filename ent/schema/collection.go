package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// Collection is a group of products (Shopify's custom collection), kept in
// sync by the shop's catalogue system through adminCollectionsUpsert.
type Collection struct{ ent.Schema }

// Mixin of the Collection.
func (Collection) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Collection.
func (Collection) Fields() []ent.Field {
	return []ent.Field{
		// Handle is the URL-safe key the catalogue system syncs by.
		field.String("handle").Unique().MaxLen(255),
		field.String("title").MaxLen(4 * 255),
		field.Text("description").Default(""),
		field.String("image_url").Optional().Nillable().MaxLen(2048),
		field.String("image_alt").Optional().Nillable().MaxLen(4 * 512),
	}
}

// Edges of the Collection.
func (Collection) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("entries", CollectionProduct.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}
