package money

import (
	"fmt"
	"io"
	"strconv"
)

// Currency is an ISO 4217 code, the GraphQL enum CurrencyCode. The schema
// validator has already checked that a value is one of the enum's.
type Currency string

// MarshalGQL writes the code as an enum value.
func (c Currency) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(c))) }

// UnmarshalGQL reads an enum value.
func (c *Currency) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok || len(s) != 3 {
		return ErrCurrency
	}
	*c = Currency(s)
	return nil
}

// ErrCurrency is returned for a value that is not a currency code.
var ErrCurrency = fmt.Errorf("CurrencyCode must be a three-letter code")

// V2 is the GraphQL MoneyV2: an exact decimal amount and its currency.
type V2 struct {
	Amount       string
	CurrencyCode Currency
}

// NewV2 shows minor units of a currency as MoneyV2.
func NewV2(minor int64, currency string) *V2 {
	return &V2{Amount: Format(minor, currency), CurrencyCode: Currency(currency)}
}
