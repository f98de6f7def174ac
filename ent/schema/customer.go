package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Customer is a person who has, or was invited to, an account with the shop.
type Customer struct{ ent.Schema }

// Mixin of the Customer.
func (Customer) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Customer.
func (Customer) Fields() []ent.Field {
	return []ent.Field{
		// Email is stored as entered (trimmed); EmailKey is its lower-cased form,
		// which is what uniqueness and look-ups use.
		field.String("email").MaxLen(254),
		field.String("email_key").MaxLen(254).Unique().Comment("lower-cased email, for case-insensitive uniqueness"),
		field.String("first_name").Optional().Nillable().MaxLen(4 * 255),
		field.String("last_name").Optional().Nillable().MaxLen(4 * 255),
		// Phone in E.164 form, unique like Shopify's.
		field.String("phone").Optional().Nillable().Unique().MaxLen(20),
		field.Bool("accepts_marketing").Default(false),
		field.Time("accepts_marketing_updated_at").Optional().Nillable(),
		field.Strings("tags").Default([]string{}),
		field.String("note").Optional().Nillable().MaxLen(4 * 5000),
		// ENABLED customers can sign in; INVITED ones must activate first;
		// DISABLED ones are blocked by the shop.
		field.Enum("state").Values("ENABLED", "INVITED", "DISABLED").Default("ENABLED"),
		// PasswordHash is an argon2id PHC string; nil until the customer sets one.
		field.String("password_hash").Optional().Nillable().Sensitive(),
		field.Bool("email_verified").Default(false),
		// PendingEmail is a new address waiting for verification; the email
		// changes only when the link sent to it is followed.
		field.String("pending_email").Optional().Nillable().MaxLen(254),
		field.Int("default_address_id").Optional().Nillable(),
		// Birthday is an ISO date (YYYY-MM-DD); BirthMD is its month*100+day,
		// indexed for the yearly birthday points.
		field.String("birthday").Optional().Nillable().MaxLen(10),
		field.Int("birth_md").Optional().Nillable(),
		// Preferences the customer states (customerPreferencesUpdate): a
		// language and currency (ISO codes), and sizes, colours, interests and
		// occasions from the shop's PreferenceVocabulary.
		field.String("language").Optional().Nillable().MaxLen(8),
		field.String("currency_code").Optional().Nillable().MaxLen(3),
		field.Strings("sizes").Default([]string{}),
		field.Strings("colors").Default([]string{}),
		field.Strings("interests").Default([]string{}),
		field.Strings("occasions").Default([]string{}),
		// Personalization off means no recommendations drawn from the
		// customer's history; DataSharing is consent to share data with the
		// shop's partners. Both changes go to the consent log.
		field.Bool("personalization").Default(true),
		field.Bool("data_sharing").Default(false),
		// Two-factor sign-in (TOTP, RFC 6238). TOTPSecret is the enabled
		// secret and TOTPPendingSecret one being set up; a code's time step
		// must be later than TOTPLastStep, so no code is accepted twice.
		field.String("totp_secret").Optional().Nillable().Sensitive().MaxLen(64),
		field.String("totp_pending_secret").Optional().Nillable().Sensitive().MaxLen(64),
		field.Int64("totp_last_step").Default(0),
		// Figures of the admin customer list, kept in step with the
		// customer's orders by customer.RefreshStats in the transactions
		// that change them, so the list filters and sorts on indexed
		// columns: the number of orders, the amount spent (minor units of
		// the shop's currency; cancelled orders and refunds excluded) and the
		// last order's time. SortName is the lower-cased full name.
		field.Int("orders_count").Default(0),
		field.Int64("amount_spent").Default(0),
		field.Time("last_order_at").Optional().Nillable(),
		field.String("sort_name").Default("").MaxLen(4 * 511),
	}
}

// Edges of the Customer.
func (Customer) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("addresses", MailingAddress.Type).
			Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("default_address", MailingAddress.Type).
			Unique().Field("default_address_id").
			Annotations(entsql.OnDelete(entsql.SetNull)),
		edge.To("access_tokens", CustomerAccessToken.Type).
			Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("oauth_codes", OAuthCode.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("oauth_refresh_tokens", OAuthRefreshToken.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("one_time_tokens", CustomerToken.Type).
			Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("recovery_codes", RecoveryCode.Type).
			Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("notifications", Notification.Type).
			Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("communication_preferences", CommunicationPreference.Type).
			Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("linked_identities", LinkedIdentity.Type).
			Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("company_contacts", CompanyContact.Type).
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of the Customer.
func (Customer) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("created_at"),
		index.Fields("birth_md"),
		// The list's sorts page by (column, id): with the id in the index,
		// a page is an index range even where many customers tie.
		index.Fields("sort_name", "id"),
		index.Fields("orders_count", "id"),
		index.Fields("amount_spent", "id"),
		index.Fields("last_order_at"),
	}
}
