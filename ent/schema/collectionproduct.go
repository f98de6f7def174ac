package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// CollectionProduct puts a product in a collection at a position (the
// collection's own order, Shopify's MANUAL and COLLECTION_DEFAULT).
type CollectionProduct struct{ ent.Schema }

// Fields of the CollectionProduct.
func (CollectionProduct) Fields() []ent.Field {
	return []ent.Field{
		field.Int("collection_id"),
		field.Int("product_id"),
		field.Int("position"),
	}
}

// Edges of the CollectionProduct.
func (CollectionProduct) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("collection", Collection.Type).Ref("entries").Unique().Required().Field("collection_id"),
		edge.From("product", Product.Type).Ref("collection_entries").Unique().Required().Field("product_id"),
	}
}

// Indexes of the CollectionProduct.
func (CollectionProduct) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("collection_id", "product_id").Unique(),
		index.Fields("collection_id", "position"),
		index.Fields("product_id"),
	}
}
