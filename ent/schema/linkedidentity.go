package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// LinkedIdentity is an account at an OpenID Connect provider (Google,
// Apple, Facebook…) that signs a customer in: the provider's subject is
// the stable key; the email is what the provider said at linking.
type LinkedIdentity struct{ ent.Schema }

// Mixin of the LinkedIdentity.
func (LinkedIdentity) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the LinkedIdentity.
func (LinkedIdentity) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id"),
		field.String("provider").MaxLen(64),
		field.String("subject").MaxLen(255),
		field.String("email").Optional().MaxLen(254),
	}
}

// Edges of the LinkedIdentity.
func (LinkedIdentity) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("customer", Customer.Type).Ref("linked_identities").Unique().Required().Field("customer_id"),
	}
}

// Indexes of the LinkedIdentity.
func (LinkedIdentity) Indexes() []ent.Index {
	return []ent.Index{index.Fields("provider", "subject").Unique(), index.Fields("customer_id")}
}
