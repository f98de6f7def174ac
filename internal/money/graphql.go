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
func (c Currency) MarshalGQL(w io.Writer) {
	for i := 0; i < len(c); i++ {
		if c[i] < 'A' || c[i] > 'Z' {
			_, _ = io.WriteString(w, strconv.Quote(string(c)))
			return
		}
	}
	// A code of capital letters needs no escaping: written in three
	// pieces, it costs no allocation (one price has one code).
	_, _ = io.WriteString(w, `"`)
	_, _ = io.WriteString(w, string(c))
	_, _ = io.WriteString(w, `"`)
}

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
