package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// FulfillmentEvent is a step in a shipment's journey, reported by the
// carrier through the order system.
type FulfillmentEvent struct{ ent.Schema }

// Fields of the FulfillmentEvent.
func (FulfillmentEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Int("fulfillment_id"),
		field.Enum("status").Values("LABEL_PRINTED", "LABEL_PURCHASED", "CONFIRMED", "READY_FOR_PICKUP", "IN_TRANSIT",
			"OUT_FOR_DELIVERY", "ATTEMPTED_DELIVERY", "DELAYED", "DELIVERED", "FAILURE", "PICKED_UP", "CARRIER_PICKED_UP"),
		field.Time("happened_at"),
		field.String("message").Default("").MaxLen(1000),
		field.String("city").Optional().Nillable().MaxLen(255),
		field.String("province").Optional().Nillable().MaxLen(255),
		field.String("country_code").Optional().Nillable().MaxLen(2),
		field.String("zip").Optional().Nillable().MaxLen(32),
	}
}

// Edges of the FulfillmentEvent.
func (FulfillmentEvent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("fulfillment", Fulfillment.Type).Ref("events").Unique().Required().Field("fulfillment_id"),
	}
}

// Indexes of the FulfillmentEvent.
func (FulfillmentEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("fulfillment_id", "happened_at")}
}
