// Package address resolves countries and provinces in the forms customers
// type them, and formats postal addresses the way Shopify shows them.
package address

import (
	"regexp"
	"strings"
)

var countryByName = func() map[string]string {
	m := make(map[string]string, len(countries)+16)
	for code, name := range countries {
		m[strings.ToLower(name)] = code
	}
	for alias, code := range map[string]string{
		"usa": "US", "united states of america": "US", "u.s.a.": "US", "america": "US",
		"uk": "GB", "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
		"the netherlands": "NL", "holland": "NL", "korea": "KR", "republic of korea": "KR",
		"cote d'ivoire": "CI", "ivory coast": "CI", "czech republic": "CZ", "russian federation": "RU",
		"deutschland": "DE", "españa": "ES", "türkiye": "TR",
	} {
		m[alias] = code
	}
	return m
}()

// CountryCode resolves an ISO 3166-1 alpha-2 code (any case), an English
// country name or a common alias to the upper-case code.
func CountryCode(input string) (string, bool) {
	s := strings.TrimSpace(input)
	if len(s) == 2 {
		code := strings.ToUpper(s)
		if _, ok := countries[code]; ok {
			return code, true
		}
	}
	code, ok := countryByName[strings.ToLower(s)]
	return code, ok
}

// CountryName returns the English name of a code, or "".
func CountryName(code string) string { return countries[code] }

// subdivisions lists, for countries whose addresses name a province or
// state, each code with its name.
var subdivisions = map[string]map[string]string{
	"US": {
		"AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
		"CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
		"HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
		"KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
		"MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
		"NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
		"NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
		"OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
		"TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
		"WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "PR": "Puerto Rico", "GU": "Guam",
		"VI": "U.S. Virgin Islands", "AS": "American Samoa", "MP": "Northern Mariana Islands",
		"AA": "Armed Forces Americas", "AE": "Armed Forces Europe", "AP": "Armed Forces Pacific",
	},
	"CA": {
		"AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
		"NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "NT": "Northwest Territories", "NU": "Nunavut",
		"ON": "Ontario", "PE": "Prince Edward Island", "QC": "Quebec", "SK": "Saskatchewan", "YT": "Yukon",
	},
	"AU": {
		"ACT": "Australian Capital Territory", "NSW": "New South Wales", "NT": "Northern Territory",
		"QLD": "Queensland", "SA": "South Australia", "TAS": "Tasmania", "VIC": "Victoria", "WA": "Western Australia",
	},
	"MX": {
		"AGS": "Aguascalientes", "BC": "Baja California", "BCS": "Baja California Sur", "CAMP": "Campeche",
		"CHIS": "Chiapas", "CHIH": "Chihuahua", "DF": "Ciudad de México", "COAH": "Coahuila", "COL": "Colima",
		"DGO": "Durango", "GTO": "Guanajuato", "GRO": "Guerrero", "HGO": "Hidalgo", "JAL": "Jalisco",
		"MEX": "Estado de México", "MICH": "Michoacán", "MOR": "Morelos", "NAY": "Nayarit", "NL": "Nuevo León",
		"OAX": "Oaxaca", "PUE": "Puebla", "QRO": "Querétaro", "Q ROO": "Quintana Roo", "SLP": "San Luis Potosí",
		"SIN": "Sinaloa", "SON": "Sonora", "TAB": "Tabasco", "TAMPS": "Tamaulipas", "TLAX": "Tlaxcala",
		"VER": "Veracruz", "YUC": "Yucatán", "ZAC": "Zacatecas",
	},
}

// ProvinceCode resolves a province by code or name (any case) within a
// country that lists its provinces.
func ProvinceCode(countryCode, province string) (string, bool) {
	subs := subdivisions[countryCode]
	p := strings.TrimSpace(province)
	if subs == nil || p == "" {
		return "", false
	}
	if _, ok := subs[strings.ToUpper(p)]; ok {
		return strings.ToUpper(p), true
	}
	for code, name := range subs {
		if strings.EqualFold(name, p) {
			return code, true
		}
	}
	return "", false
}

// ProvinceName returns the name of a province code, or "".
func ProvinceName(countryCode, code string) string { return subdivisions[countryCode][code] }

// RequiresProvince reports whether addresses in the country need one.
func RequiresProvince(countryCode string) bool { return subdivisions[countryCode] != nil }

// Countries whose addresses have no postal code.
var noZip = map[string]bool{
	"AE": true, "AG": true, "AO": true, "AW": true, "BF": true, "BI": true, "BJ": true, "BO": true, "BS": true,
	"BW": true, "BZ": true, "CD": true, "CF": true, "CG": true, "CI": true, "CK": true, "CM": true, "DJ": true,
	"DM": true, "ER": true, "FJ": true, "GA": true, "GD": true, "GH": true, "GM": true, "GQ": true, "GY": true,
	"HK": true, "IE": true, "JM": true, "KI": true, "KM": true, "KN": true, "KP": true, "LC": true, "ML": true,
	"MO": true, "MR": true, "MW": true, "NR": true, "NU": true, "QA": true, "RW": true, "SB": true, "SC": true,
	"SL": true, "SR": true, "ST": true, "SY": true, "TF": true, "TG": true, "TK": true, "TL": true, "TO": true,
	"TV": true, "UG": true, "VU": true, "YE": true, "ZW": true,
}

// RequiresZip reports whether addresses in the country need a postal code.
func RequiresZip(countryCode string) bool { return !noZip[countryCode] }

var zipPatterns = map[string]*regexp.Regexp{
	"US": regexp.MustCompile(`^\d{5}(-\d{4})?$`),
	"CA": regexp.MustCompile(`(?i)^[A-Z]\d[A-Z] ?\d[A-Z]\d$`),
	"GB": regexp.MustCompile(`(?i)^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$`),
	"DE": regexp.MustCompile(`^\d{5}$`),
	"FR": regexp.MustCompile(`^\d{5}$`),
	"IT": regexp.MustCompile(`^\d{5}$`),
	"ES": regexp.MustCompile(`^\d{5}$`),
	"AU": regexp.MustCompile(`^\d{4}$`),
	"NL": regexp.MustCompile(`(?i)^\d{4} ?[A-Z]{2}$`),
	"JP": regexp.MustCompile(`^\d{3}-?\d{4}$`),
}

var anyZip = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9 -]{0,15}$`)

// ValidZip reports whether zip looks like a postal code of the country.
func ValidZip(countryCode, zip string) bool {
	zip = strings.TrimSpace(zip)
	if re, ok := zipPatterns[countryCode]; ok {
		return re.MatchString(zip)
	}
	return anyZip.MatchString(zip)
}

// Parts are an address's parts.
type Parts struct {
	FirstName, LastName, Company, Address1, Address2, City   string
	Province, ProvinceCode, Country, CountryCode, Zip, Phone string
}

// Name is the recipient's full name.
func (p Parts) Name() string { return strings.TrimSpace(p.FirstName + " " + p.LastName) }

func (p Parts) countryName() string {
	if n := CountryName(p.CountryCode); n != "" {
		return n
	}
	return p.Country
}

func (p Parts) province() string {
	if p.ProvinceCode != "" {
		return p.ProvinceCode
	}
	return p.Province
}

func join(sep string, parts ...string) string {
	var out []string
	for _, s := range parts {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}

// Countries that write the postal code before the city.
var zipFirst = map[string]bool{
	"DE": true, "FR": true, "NL": true, "BE": true, "CH": true, "AT": true, "IT": true, "ES": true, "PT": true,
	"SE": true, "NO": true, "DK": true, "FI": true, "PL": true, "CZ": true, "SK": true, "HU": true, "LU": true,
	"IS": true, "GR": true, "RO": true, "HR": true, "SI": true, "IL": true, "TR": true,
}

// Formatted returns the address as lines in the country's customary order.
func Formatted(p Parts, withName, withCompany bool) []string {
	var lines []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			lines = append(lines, s)
		}
	}
	if withName {
		add(p.Name())
	}
	if withCompany {
		add(p.Company)
	}
	switch {
	case p.CountryCode == "JP":
		add(join(" ", p.Zip))
		add(join(" ", p.province(), p.City))
		add(join(" ", p.Address1, p.Address2))
	case p.CountryCode == "GB" || p.CountryCode == "IE":
		add(p.Address1)
		add(p.Address2)
		add(p.City)
		add(join(" ", p.Province))
		add(p.Zip)
	case zipFirst[p.CountryCode]:
		add(p.Address1)
		add(p.Address2)
		add(join(" ", p.Zip, p.City))
		if p.CountryCode == "IT" || p.CountryCode == "ES" {
			add(p.province())
		}
	default: // US, CA, AU and most others: "City PROVINCE ZIP"
		add(p.Address1)
		add(p.Address2)
		add(join(" ", p.City, p.province(), p.Zip))
	}
	add(p.countryName())
	return lines
}

// FormattedArea is "City, PROVINCE, Country".
func FormattedArea(p Parts) string {
	return join(", ", p.City, p.province(), p.countryName())
}
