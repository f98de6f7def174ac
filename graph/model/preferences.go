package model

import (
	"accountgraph/ent"
	"accountgraph/internal/money"
)

// CustomerPreferences is the GraphQL CustomerPreferences, written by hand
// so that it carries its customer: communication is loaded per customer.
type CustomerPreferences struct {
	Language        *LanguageCode   `json:"language,omitempty"`
	CurrencyCode    *money.Currency `json:"currencyCode,omitempty"`
	Sizes           []string        `json:"sizes"`
	Colors          []string        `json:"colors"`
	Interests       []string        `json:"interests"`
	Occasions       []string        `json:"occasions"`
	Birthday        *string         `json:"birthday,omitempty"`
	Personalization bool            `json:"personalization"`
	// Customer is the customer whose preferences these are.
	Customer *ent.Customer `json:"-"`
}
