package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// TrackingInfo is one parcel's tracking number and link.
type TrackingInfo struct {
	Number *string `json:"number,omitempty"`
	URL    *string `json:"url,omitempty"`
}

// FulfilledLine says how many units of a line item a fulfillment shipped.
type FulfilledLine struct {
	LineItemID int `json:"lineItemId"`
	Quantity   int `json:"quantity"`
}

// Fulfillment is a shipment of some of an order's lines.
type Fulfillment struct{ ent.Schema }

// Mixin of the Fulfillment.
func (Fulfillment) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Fulfillment.
func (Fulfillment) Fields() []ent.Field {
	return []ent.Field{
		field.Int("order_id"),
		field.String("external_id").Optional().Nillable().Unique().MaxLen(255),
		field.Enum("status").Values("SUCCESS", "CANCELLED").Default("SUCCESS"),
		field.String("tracking_company").Optional().Nillable().MaxLen(255),
		field.JSON("tracking_info", []TrackingInfo{}).Optional(),
		field.JSON("lines", []FulfilledLine{}).Optional(),
	}
}

// Edges of the Fulfillment.
func (Fulfillment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("order", Order.Type).Ref("fulfillments").Unique().Required().Field("order_id"),
		edge.To("events", FulfillmentEvent.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of the Fulfillment.
func (Fulfillment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("order_id")}
}
