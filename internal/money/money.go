// Package money converts between decimal strings ("19.99") and integer
// minor units (1999) per currency, exactly: amounts are never floats.
package money

import (
	"errors"
	"strconv"
	"strings"
)

// exponents lists currencies whose minor unit is not a hundredth
// (ISO 4217); every other currency has two decimals.
var exponents = map[string]int{
	"BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0,
	"RWF": 0, "UGX": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
	"BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
}

// MinorPerUnit is how many minor units make one whole unit (100 for USD,
// 1 for JPY).
func MinorPerUnit(currency string) int64 {
	n := int64(1)
	for i := 0; i < Exponent(currency); i++ {
		n *= 10
	}
	return n
}

// Exponent is how many decimals the currency's minor unit has.
func Exponent(currency string) int {
	if e, ok := exponents[currency]; ok {
		return e
	}
	return 2
}

// ErrInvalid is returned for an amount that is not a plain decimal.
var ErrInvalid = errors.New("invalid amount")

// ErrPrecision is returned for more decimals than the currency has.
var ErrPrecision = errors.New("too many decimals for the currency")

// maxMinor bounds amounts far below int64 overflow even when summed.
const maxMinor = 1e15

// Parse reads a non-negative decimal such as "19.99" or "20" into minor
// units of currency.
func Parse(s, currency string) (int64, error) {
	s = strings.TrimSpace(s)
	whole, frac, hasDot := strings.Cut(s, ".")
	if whole == "" || (hasDot && frac == "") || len(s) > 24 {
		return 0, ErrInvalid
	}
	for _, part := range []string{whole, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return 0, ErrInvalid
			}
		}
	}
	exp := Exponent(currency)
	frac = strings.TrimRight(frac, "0")
	if len(frac) > exp {
		return 0, ErrPrecision
	}
	frac += strings.Repeat("0", exp-len(frac))
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil || n > maxMinor {
		return 0, ErrInvalid
	}
	return n, nil
}

// Format writes minor units of currency as a decimal string with the
// currency's decimals ("19.99", "20.0" style is never produced: "20.00").
func Format(minor int64, currency string) string {
	exp := Exponent(currency)
	neg := minor < 0
	abs := uint64(minor)
	if neg {
		abs = -abs // two's complement: right for the most negative too
	}
	// Built on the stack, so an amount costs one allocation (a page of
	// order lines formats hundreds).
	var digits, out [32]byte
	d := strconv.AppendUint(digits[:0], abs, 10)
	s := out[:0]
	if neg {
		s = append(s, '-')
	}
	switch n := len(d); {
	case exp <= 0:
		s = append(s, d...)
	case n > exp:
		s = append(append(append(s, d[:n-exp]...), '.'), d[n-exp:]...)
	default:
		s = append(s, '0', '.')
		for range exp - n {
			s = append(s, '0')
		}
		s = append(s, d...)
	}
	return string(s)
}

// Split divides total minor units in proportion to weights (all ≥ 1), so
// that the parts add up to total exactly: each part is rounded down and
// the units left go to the largest remainders (the earliest on a tie).
func Split(total int64, weights []int64) []int64 {
	parts := make([]int64, len(weights))
	if len(weights) == 0 {
		return parts
	}
	var sum int64
	for _, w := range weights {
		sum += w
	}
	rem := make([]int64, len(weights))
	var given int64
	for i, w := range weights {
		// total·w can overflow for huge values: split the product.
		q, r := total/sum, total%sum
		parts[i] = q*w + (r*w)/sum
		rem[i] = (r * w) % sum
		given += parts[i]
	}
	for left := total - given; left > 0; left-- {
		best := 0
		for i := range rem {
			if rem[i] > rem[best] {
				best = i
			}
		}
		parts[best]++
		rem[best] = -1
	}
	return parts
}
