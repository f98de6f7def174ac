package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// CoPurchase counts the orders that contain both a variant and another
// one. Order ingestion keeps it current (both directions of each pair), so
// recommendations read a customer's few partner rows instead of scanning
// every order.
type CoPurchase struct{ ent.Schema }

// Fields of the CoPurchase.
func (CoPurchase) Fields() []ent.Field {
	return []ent.Field{
		field.Int("variant_id"),
		field.Int("other_variant_id"),
		field.Int("orders").Default(0),
	}
}

// Indexes of the CoPurchase.
func (CoPurchase) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("variant_id", "other_variant_id").Unique(),
		index.Fields("variant_id", "orders"),
	}
}

// VariantSales counts the orders that contain a variant: the popularity
// that ranks POPULAR recommendations.
type VariantSales struct{ ent.Schema }

// Fields of the VariantSales.
func (VariantSales) Fields() []ent.Field {
	return []ent.Field{
		field.Int("variant_id").Unique(),
		field.Int("orders").Default(0),
	}
}

// Indexes of the VariantSales.
func (VariantSales) Indexes() []ent.Index {
	return []ent.Index{index.Fields("orders")}
}
