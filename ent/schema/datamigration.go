package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// DataMigration records a one-time data change (a backfill that goes with
// a schema change) applied to this database, so it runs once.
type DataMigration struct{ ent.Schema }

// Mixin of the DataMigration.
func (DataMigration) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the DataMigration.
func (DataMigration) Fields() []ent.Field {
	return []ent.Field{field.String("name").Unique().MaxLen(128)}
}
