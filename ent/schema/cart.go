package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Attribute is a custom key and value on a cart or cart line.
type Attribute struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Cart is a shopping cart. Its ID is handed out with a secret key (as
// Shopify's `?key=`): the ID is the cart's bearer credential. The key is
// kept (not only its hash) because a customer's open cart must be handed
// to each device they sign in on; a cart holds no account data. A customer
// has at most one OPEN cart; a cart merged into another is kept as MERGED
// and answers no more.
type Cart struct{ ent.Schema }

// Mixin of the Cart.
func (Cart) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Cart.
func (Cart) Fields() []ent.Field {
	return []ent.Field{
		field.String("key").Sensitive().MaxLen(64),
		field.Int("customer_id").Optional().Nillable(),
		field.Enum("status").Values("OPEN", "MERGED").Default("OPEN"),
		field.String("note").Optional().Nillable().MaxLen(4 * 5000),
		field.String("buyer_email").Optional().Nillable().MaxLen(254),
		field.String("buyer_phone").Optional().Nillable().MaxLen(20),
		field.String("country_code").Optional().Nillable().MaxLen(2),
		field.JSON("attributes", []Attribute{}).Optional(),
		field.Strings("discount_codes").Optional(),
	}
}

// Edges of the Cart.
func (Cart) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("lines", CartLine.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of the Cart.
func (Cart) Indexes() []ent.Index {
	return []ent.Index{index.Fields("customer_id", "status")}
}
