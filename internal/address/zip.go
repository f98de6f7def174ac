package address

import (
	"regexp"
	"strings"
)

// zipOptional lists the countries where Shopify does not ask for a postal
// code: most have no postal code system, and Ireland's Eircode is optional.
var zipOptional = map[string]bool{
	"AE": true, "AG": true, "AN": true, "AO": true, "AW": true, "BF": true, "BI": true, "BJ": true, "BO": true,
	"BQ": true, "BS": true, "BW": true, "BZ": true, "CD": true, "CF": true, "CG": true, "CI": true, "CK": true,
	"CM": true, "CW": true, "DJ": true, "DM": true, "ER": true, "FJ": true, "GA": true, "GD": true, "GH": true,
	"GM": true, "GN": true, "GQ": true, "GY": true, "HK": true, "IE": true, "JM": true, "KI": true, "KM": true,
	"KN": true, "KP": true, "LC": true, "LY": true, "ML": true, "MO": true, "MR": true, "MW": true, "NR": true,
	"NU": true, "PA": true, "QA": true, "RW": true, "SB": true, "SC": true, "SL": true, "SR": true, "ST": true,
	"SX": true, "SY": true, "TD": true, "TF": true, "TG": true, "TK": true, "TL": true, "TO": true, "TV": true,
	"UG": true, "VU": true, "YE": true, "ZW": true, "ZZ": true,
}

// RequiresZip reports whether addresses in the country need a postal code.
// Unknown codes count as requiring one, the safer default for shipping.
func RequiresZip(countryCode string) bool {
	return !zipOptional[strings.ToUpper(strings.TrimSpace(countryCode))]
}

// ukPostcode covers the UK and the Crown Dependencies, which share its
// postcode system (plus the special "GIR 0AA").
var ukPostcode = regexp.MustCompile(`(?i)^([A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|GIR ?0AA)$`)

// zipPatterns are the countries whose postal code format is checked exactly.
// Only well-known, stable formats are listed: a wrong pattern would stop a
// customer from saving a real address.
var zipPatterns = map[string]*regexp.Regexp{
	"US": regexp.MustCompile(`^\d{5}(-\d{4})?$`),
	// Canadian postcodes never start with D, F, I, O, Q, U, W or Z.
	"CA": regexp.MustCompile(`(?i)^[ABCEGHJ-NPRSTVXY]\d[A-Z] ?\d[A-Z]\d$`),
	"GB": ukPostcode, "GG": ukPostcode, "JE": ukPostcode, "IM": ukPostcode,
	"DE": regexp.MustCompile(`^\d{5}$`),
	"FR": regexp.MustCompile(`^\d{5}$`),
	"IT": regexp.MustCompile(`^\d{5}$`),
	"ES": regexp.MustCompile(`^\d{5}$`),
	"MX": regexp.MustCompile(`^\d{5}$`),
	"AU": regexp.MustCompile(`^\d{4}$`),
	"NZ": regexp.MustCompile(`^\d{4}$`),
	"NL": regexp.MustCompile(`(?i)^[1-9]\d{3} ?[A-Z]{2}$`),
	"JP": regexp.MustCompile(`^\d{3}-?\d{4}$`),
	"BR": regexp.MustCompile(`^\d{5}-?\d{3}$`),
	"IN": regexp.MustCompile(`^[1-9]\d{2} ?\d{3}$`),
	"CN": regexp.MustCompile(`^\d{6}$`),
	"IE": regexp.MustCompile(`(?i)^[A-Z]\d[\dW] ?[\dA-Z]{4}$`),
}

// anyZip is the fallback: 1-16 letters, digits, spaces and dashes, starting
// and ending with a letter or digit.
var anyZip = regexp.MustCompile(`^[\p{L}\p{Nd}]([\p{L}\p{Nd} -]{0,14}[\p{L}\p{Nd}])?$`)

// ValidZip reports whether zip looks like a postal code of the country.
// Surrounding space is ignored.
func ValidZip(countryCode, zip string) bool {
	zip = strings.TrimSpace(zip)
	if re, ok := zipPatterns[strings.ToUpper(strings.TrimSpace(countryCode))]; ok {
		return re.MatchString(zip)
	}
	return anyZip.MatchString(zip)
}
