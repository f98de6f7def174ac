package address

import "strings"

// Parts are the fields of a MailingAddress.
type Parts struct {
	FirstName, LastName, Company, Address1, Address2, City   string
	Province, ProvinceCode, Country, CountryCode, Zip, Phone string
}

// Name is "First Last", trimmed; "" when both are empty.
func (p Parts) Name() string { return join(" ", p.FirstName, p.LastName) }

// field is one address field in a line layout.
type field int

const (
	address1 field = iota
	address2
	city
	province
	zip
	country
)

// layout is an address's lines below the name and company; the fields of a
// line are joined with spaces.
type layout [][]field

var (
	// cityProvinceZip is North American style, also used in Australia and as
	// the default for countries without a known convention.
	cityProvinceZip = layout{{address1}, {address2}, {city, province, zip}, {country}}
	// zipCity is continental European style; these countries write no
	// province in addresses.
	zipCity = layout{{address1}, {address2}, {zip, city}, {country}}
)

// layouts holds each country's customary order where it differs from the
// default. Countries sharing a convention reuse one layout.
var layouts = func() map[string]layout {
	m := map[string]layout{
		// UK: the post town and postcode each on their own line; counties
		// are no longer part of a postal address.
		"GB": {{address1}, {address2}, {city}, {zip}, {country}},
		"IE": {{address1}, {address2}, {city}, {province}, {zip}, {country}},
		"IT": {{address1}, {address2}, {zip, city, province}, {country}},
		"MX": {{address1}, {address2}, {zip, city, province}, {country}},
		"ES": {{address1}, {address2}, {zip, city}, {province}, {country}},
		"AR": {{address1}, {address2}, {zip, city}, {province}, {country}},
		"BR": {{address1}, {address2}, {city, province}, {zip}, {country}},
		"NZ": {{address1}, {address2}, {city, zip}, {country}},
		// Japan writes from the largest unit down: postal code, prefecture
		// and city, then the street address.
		"JP": {{zip}, {province, city}, {address1}, {address2}, {country}},
	}
	for _, cc := range []string{"GG", "JE", "IM"} {
		m[cc] = m["GB"]
	}
	for _, cc := range strings.Fields(`AD AT BA BE BG CH CY CZ DE DK DZ EE FI FO FR GL GR HR HU IL IS LI LT LU
		LV MA MC ME MK NL NO PL PT RO RS SE SI SK SM TN TR VA XK`) {
		m[cc] = zipCity
	}
	return m
}()

// provinceByName lists the countries where the province's name, not its
// code, is shown: their codes are not what people write ("JP-13", "YZ",
// Spain's and Argentina's one-letter codes, Irish county codes).
var provinceByName = map[string]bool{
	"JP": true, "CN": true, "IN": true, "ES": true, "AR": true, "IE": true, "NZ": true,
}

// resolved is an address's country code and the names derived from it,
// worked out once per formatting call.
type resolved struct {
	cc, countryName, province string
}

func resolve(p Parts) resolved {
	var r resolved
	r.cc = strings.ToUpper(strings.TrimSpace(p.CountryCode))
	if r.cc == "" {
		// Older rows may hold only the country's name.
		r.cc, _ = CountryCode(p.Country)
	}
	r.countryName = CountryName(r.cc)
	if r.countryName == "" || r.cc == unknownRegion {
		r.countryName = strings.TrimSpace(p.Country)
	}
	code := strings.TrimSpace(p.ProvinceCode)
	if code == "" {
		code, _ = ProvinceCode(r.cc, p.Province)
	}
	name := ProvinceName(r.cc, code)
	if name == "" {
		name = strings.TrimSpace(p.Province)
	}
	switch {
	case provinceByName[r.cc] && name != "":
		r.province = name
	case code != "":
		r.province = code
	default:
		r.province = name
	}
	return r
}

func (r resolved) value(p Parts, f field) string {
	switch f {
	case address1:
		return p.Address1
	case address2:
		return p.Address2
	case city:
		return p.City
	case province:
		return r.province
	case zip:
		return p.Zip
	case country:
		return r.countryName
	}
	return ""
}

// Formatted returns the address as display lines in the country's customary
// order, skipping empty lines: what MailingAddress.formatted returns.
// withName puts the name first and withCompany the company after it. The
// country line uses Shopify's name for CountryCode, falling back to Country.
// The result is never nil, since the GraphQL field is a non-null list.
func Formatted(p Parts, withName, withCompany bool) []string {
	r := resolve(p)
	lines := []string{}
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
	l, ok := layouts[r.cc]
	if !ok {
		l = cityProvinceZip
	}
	cityValue := strings.TrimSpace(p.City)
	for _, line := range l {
		var vals []string
		for _, f := range line {
			v := strings.TrimSpace(r.value(p, f))
			// A province equal to its city (Madrid, Madrid; Beijing,
			// Beijing) is said once.
			if f == province && strings.EqualFold(v, cityValue) {
				continue
			}
			vals = append(vals, v)
		}
		add(join(" ", vals...))
	}
	return lines
}

// FormattedArea is the "City, Province, Country" summary Shopify shows in
// MailingAddress.formattedArea, e.g. "Ottawa, ON, Canada": the province code
// where people write codes, else its name; empty parts are skipped.
func FormattedArea(p Parts) string {
	r := resolve(p)
	prov := r.province
	if strings.EqualFold(prov, strings.TrimSpace(p.City)) {
		prov = ""
	}
	return join(", ", p.City, prov, r.countryName)
}

// join joins the non-blank, trimmed parts with sep.
func join(sep string, parts ...string) string {
	var out []string
	for _, s := range parts {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}
