// Package address resolves countries and provinces in the forms customers
// type them, and formats postal addresses the way Shopify's Storefront API
// shows a MailingAddress (formatted, formattedArea, name).
package address

import (
	"strings"
	"unicode"
)

// fold turns a name into a lookup key so that the spellings customers type
// match Shopify's: case, accents, punctuation, "&"/"and", "St."/"Saint" and a
// leading "The" are ignored. Apostrophes vanish rather than split words, so
// "Hawke's Bay" and "Hawkes Bay" meet.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '\'' || r == '’' || r == '‘' || r == '`':
			// dropped
		case r == '&':
			b.WriteString(" and ")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if a, ok := asciiFold[r]; ok {
				b.WriteString(a)
			} else {
				b.WriteRune(r)
			}
		default:
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	for i, w := range words {
		if w == "st" {
			words[i] = "saint"
		}
	}
	return strings.Join(words, " ")
}

// asciiFold strips the diacritics that occur in country and province names
// (the standard library has no Unicode normalisation).
var asciiFold = func() map[rune]string {
	m := map[rune]string{'æ': "ae", 'œ': "oe", 'ß': "ss", 'ø': "o", 'ł': "l", 'đ': "d", 'ı': "i", 'þ': "th"}
	for base, variants := range map[string]string{
		"a": "àáâãäåāăą", "c": "çćčĉċ", "e": "èéêëēĕėęě", "g": "ğĝġģ", "i": "ìíîïīĭįĩ",
		"n": "ñńňņ", "o": "òóôõöōŏő", "r": "řŕ", "s": "śšşŝș", "t": "ťţț", "u": "ùúûüūŭůűųũ",
		"y": "ýÿŷ", "z": "źżž",
	} {
		for _, r := range variants {
			m[r] = base
		}
	}
	return m
}()

// countryAliases are names in common use that differ from Shopify's.
var countryAliases = map[string]string{
	"usa": "US", "u s": "US", "u s a": "US", "united states of america": "US", "america": "US",
	"uk": "GB", "u k": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB",
	"wales": "GB", "northern ireland": "GB", "united kingdom of great britain and northern ireland": "GB",
	"holland": "NL", "nederland": "NL", "korea": "KR", "republic of korea": "KR", "korea republic of": "KR",
	"democratic peoples republic of korea": "KP", "dprk": "KP",
	"ivory coast": "CI", "czech republic": "CZ", "russian federation": "RU", "turkey": "TR",
	"burma": "MM", "myanmar": "MM", "hong kong": "HK", "macau": "MO", "macao": "MO",
	"vatican": "VA", "holy see": "VA", "dr congo": "CD", "drc": "CD", "democratic republic of the congo": "CD",
	"republic of the congo": "CG", "congo": "CG", "swaziland": "SZ", "macedonia": "MK",
	"cabo verde": "CV", "east timor": "TL", "palestine": "PS", "uae": "AE", "emirates": "AE",
	"viet nam": "VN", "lao pdr": "LA", "brunei darussalam": "BN", "taiwan province of china": "TW",
	"iran islamic republic of": "IR", "syrian arab republic": "SY", "moldova republic of": "MD",
	"tanzania united republic of": "TZ", "bolivia plurinational state of": "BO",
	"venezuela bolivarian republic of": "VE", "falkland islands malvinas": "FK",
	"saint vincent and the grenadines": "VC", "bosnia": "BA",
	// Native names customers of the largest markets commonly type.
	"deutschland": "DE", "espana": "ES", "italia": "IT", "brasil": "BR", "nihon": "JP", "nippon": "JP",
	"polska": "PL", "osterreich": "AT", "schweiz": "CH", "suisse": "CH", "svizzera": "CH", "sverige": "SE",
	"norge": "NO", "danmark": "DK", "suomi": "FI", "belgie": "BE", "belgique": "BE", "eire": "IE",
	"turkiye": "TR", "hellas": "GR", "ellada": "GR", "日本": "JP", "中国": "CN", "中华人民共和国": "CN",
}

var countryByName = func() map[string]string {
	m := make(map[string]string, len(countries)+len(countryAliases))
	for alias, code := range countryAliases {
		m[fold(alias)] = code
	}
	// Shopify's own names win over aliases.
	for code, name := range countries {
		if code != unknownRegion {
			m[fold(name)] = code
		}
	}
	return m
}()

// unknownRegion is the enum's placeholder for "no country"; it names no
// place a parcel can go, so input never resolves to it.
const unknownRegion = "ZZ"

// CountryCode resolves an ISO 3166-1 alpha-2 code (any case), the English
// name Shopify uses, or a common alias ("USA", "UK", "Great Britain") to the
// upper-case code of Shopify's CountryCode enum.
func CountryCode(input string) (code string, ok bool) {
	s := strings.TrimSpace(input)
	if len(s) == 2 {
		c := strings.ToUpper(s)
		if _, known := countries[c]; known && c != unknownRegion {
			return c, true
		}
	}
	code, ok = countryByName[fold(s)]
	return code, ok
}

// CountryName returns the English name Shopify uses for an alpha-2 code
// ("CA" -> "Canada"), or "" when the code is unknown. The code is matched
// case-insensitively since stored data is not always upper-case.
func CountryName(code string) string {
	return countries[strings.ToUpper(strings.TrimSpace(code))]
}

// subIndex is one country's subdivisions, indexed for lookup.
type subIndex struct {
	names map[string]string // code -> name
	keys  map[string]string // folded code, name or alias -> code
}

var subdivisions = func() map[string]subIndex {
	out := make(map[string]subIndex, len(subdivisionList))
	for country, list := range subdivisionList {
		idx := subIndex{names: map[string]string{}, keys: map[string]string{}}
		// Aliases first, then names, then codes, so that a real code or name
		// is never shadowed by another entry's alias.
		for _, sd := range list {
			for _, a := range sd.aliases {
				idx.keys[fold(a)] = sd.code
				// "東京都" is also written "東京": register native-script
				// names without their administrative suffix too.
				for _, sfx := range provinceAffixes[country].suffixes {
					if rest, cut := strings.CutSuffix(a, sfx); cut && rest != "" && sfx[0] != ' ' {
						idx.keys[fold(rest)] = sd.code
					}
				}
			}
		}
		for _, sd := range list {
			idx.names[sd.code] = sd.name
			idx.keys[fold(sd.name)] = sd.code
		}
		for _, sd := range list {
			idx.keys[fold(sd.code)] = sd.code
		}
		out[country] = idx
	}
	return out
}()

// provinceAffixes are words customers wrap around a subdivision name that
// Shopify's names leave out ("County Cork", "Tokyo-to", "广东省").
var provinceAffixes = map[string]struct{ prefixes, suffixes []string }{
	"IE": {prefixes: []string{"county ", "co "}},
	"JP": {suffixes: []string{" prefecture", " ken", " to", " fu", "都", "府", "県"}},
	"CN": {suffixes: []string{" province", " sheng", " shi", " municipality", "省", "市", "自治区"}},
	"US": {suffixes: []string{" state"}},
}

// ProvinceCode resolves a province, state or territory of the country, given
// by code or English name (case, accents and punctuation ignored), to the
// code Shopify stores in provinceCode ("ON", "CA", "NSW", "JP-13"). It
// reports false for countries without a subdivision list.
func ProvinceCode(countryCode, province string) (code string, ok bool) {
	cc := strings.ToUpper(strings.TrimSpace(countryCode))
	idx, known := subdivisions[cc]
	key := fold(province)
	if !known || key == "" {
		return "", false
	}
	if code, ok := idx.keys[key]; ok {
		return code, true
	}
	if cc == "JP" {
		// Prefecture numbers: "13" or "JP13" for "JP-13".
		n := strings.TrimPrefix(strings.ReplaceAll(key, " ", ""), "jp")
		if len(n) == 1 {
			n = "0" + n
		}
		if code := "JP-" + n; idx.names[code] != "" {
			return code, true
		}
	}
	aff := provinceAffixes[cc]
	for _, p := range aff.prefixes {
		if rest, cut := strings.CutPrefix(key, p); cut {
			if code, ok := idx.keys[rest]; ok {
				return code, true
			}
		}
	}
	for _, sfx := range aff.suffixes {
		if rest, cut := strings.CutSuffix(key, sfx); cut {
			if code, ok := idx.keys[rest]; ok {
				return code, true
			}
		}
	}
	return "", false
}

// ProvinceName returns the name of a subdivision code ("CA", "ON") ->
// "Ontario", or "" when the country or code is unknown.
func ProvinceName(countryCode, code string) string {
	cc := strings.ToUpper(strings.TrimSpace(countryCode))
	return subdivisions[cc].names[strings.ToUpper(strings.TrimSpace(code))]
}

// provinceRequired lists the countries whose Shopify address form makes the
// province mandatory. Every one has a complete subdivision list, so a
// correct province always resolves. New Zealand's region is optional (NZ
// Post does not use it).
var provinceRequired = map[string]bool{
	"US": true, "CA": true, "AU": true, "MX": true, "IN": true, "JP": true, "BR": true, "CN": true,
	"AR": true, "IT": true, "ES": true, "IE": true,
}

// RequiresProvince reports whether addresses in the country need a province.
func RequiresProvince(countryCode string) bool {
	return provinceRequired[strings.ToUpper(strings.TrimSpace(countryCode))]
}
