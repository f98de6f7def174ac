package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// ShopSettings holds the shop's account settings: one row (ID 1), read by
// every replica from the database.
type ShopSettings struct{ ent.Schema }

// Mixin of the ShopSettings.
func (ShopSettings) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the ShopSettings.
func (ShopSettings) Fields() []ent.Field {
	return []ent.Field{
		// ID is always 1: there is one settings row.
		field.Int("id"),
		// Accounts: REQUIRED (buying needs an account), OPTIONAL, or DISABLED
		// (storefront sign-in and registration are off).
		field.Enum("accounts").Values("REQUIRED", "OPTIONAL", "DISABLED").Default("OPTIONAL"),
		// Registration: OPEN to anyone, or INVITE_ONLY (accounts come from
		// invitations and imports).
		field.Enum("registration").Values("OPEN", "INVITE_ONLY").Default("OPEN"),
		field.Bool("passwordless").Default(true),
		field.Enum("two_factor").Values("OPTIONAL", "REQUIRED").Default("OPTIONAL"),
		// AllowedEmailDomains limits registration to these domains; empty
		// allows any.
		field.Strings("allowed_email_domains").Default([]string{}),
		// MultipassSecret signs and encrypts Multipass tokens (Shopify's
		// spec); nil while Multipass is off. It is needed in clear to check
		// tokens, so it is a secret of the database like the TOTP secrets.
		field.String("multipass_secret").Optional().Nillable().Sensitive().MaxLen(128),
		// ReturnWindowDays is how many days after shipping a customer may
		// ask to return units; 0 turns self-serve returns off.
		field.Int("return_window_days").Default(30),
		// ReturnInstructions go with an approved return's message (where to
		// send the parcel, what to put in it).
		field.String("return_instructions").Default("").MaxLen(4 * 2000),
	}
}
