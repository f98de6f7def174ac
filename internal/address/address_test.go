package address

import (
	"bufio"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestCountryCode(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"CA", "CA"}, {"ca", "CA"}, {" cA ", "CA"}, {"Canada", "CA"}, {" canada ", "CA"}, {"CANADA", "CA"},
		{"United States", "US"}, {"united states", "US"}, {"USA", "US"}, {"U.S.A.", "US"}, {"us", "US"},
		{"United States of America", "US"}, {"UK", "GB"}, {"Great Britain", "GB"}, {"United Kingdom", "GB"},
		{"England", "GB"}, {"Germany", "DE"}, {"Deutschland", "DE"}, {"Japan", "JP"}, {"Australia", "AU"},
		// Shopify's own spellings, and the ways people type them.
		{"Côte d’Ivoire", "CI"}, {"Cote d'Ivoire", "CI"}, {"cote divoire", "CI"}, {"Ivory Coast", "CI"},
		{"St. Kitts & Nevis", "KN"}, {"Saint Kitts and Nevis", "KN"}, {"Bosnia and Herzegovina", "BA"},
		{"Trinidad and Tobago", "TT"}, {"Curacao", "CW"}, {"Réunion", "RE"}, {"Reunion", "RE"},
		{"Åland Islands", "AX"}, {"Aland Islands", "AX"}, {"São Tomé & Príncipe", "ST"},
		{"Myanmar (Burma)", "MM"}, {"Burma", "MM"}, {"Congo - Kinshasa", "CD"}, {"Congo - Brazzaville", "CG"},
		{"Hong Kong SAR", "HK"}, {"Hong Kong", "HK"}, {"Türkiye", "TR"}, {"Turkey", "TR"}, {"Czechia", "CZ"},
		{"Czech Republic", "CZ"}, {"Russia", "RU"}, {"Russian Federation", "RU"}, {"South Korea", "KR"},
		{"The Netherlands", "NL"}, {"Netherlands", "NL"}, {"Holland", "NL"}, {"the Bahamas", "BS"},
		{"Timor-Leste", "TL"}, {"Guinea-Bissau", "GW"}, {"U.S. Outlying Islands", "UM"}, {"Kosovo", "XK"},
	} {
		if got, ok := CountryCode(tc.in); !ok || got != tc.want {
			t.Errorf("CountryCode(%q) = %q, %v; want %q, true", tc.in, got, ok, tc.want)
		}
	}
	for _, in := range []string{"", " ", "XX", "Atlantis", "C", "CAN", "ZZ", "Unknown Region", "The", "12"} {
		if got, ok := CountryCode(in); ok {
			t.Errorf("CountryCode(%q) = %q, true; want not found", in, got)
		}
	}
}

func TestCountryName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"CA", "Canada"}, {"ca", "Canada"}, {"US", "United States"}, {"GB", "United Kingdom"},
		{"DE", "Germany"}, {"CI", "Côte d’Ivoire"}, {"ZZ", "Unknown Region"}, {"XX", ""}, {"", ""},
	} {
		if got := CountryName(tc.in); got != tc.want {
			t.Errorf("CountryName(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

// TestCountriesMatchSchema checks the generated table against the Storefront
// schema it came from, when the schema is present.
func TestCountriesMatchSchema(t *testing.T) {
	f, err := os.Open("../../../shared/reference/shopify-storefront-2026-04.graphql")
	if err != nil {
		t.Skip("schema not available:", err)
	}
	defer f.Close()
	want := map[string]string{}
	desc := regexp.MustCompile(`^"""(.*)\."""$`)
	sc := bufio.NewScanner(f)
	in, name := false, ""
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "enum CountryCode {":
			in = true
		case !in:
		case line == "}":
			in = false
		case desc.MatchString(line):
			name = desc.FindStringSubmatch(line)[1]
		case regexp.MustCompile(`^[A-Z]{2}$`).MatchString(line):
			want[line] = name
		}
	}
	if len(want) != 245 {
		t.Fatalf("schema has %d country codes, want 245", len(want))
	}
	if !reflect.DeepEqual(want, countries) {
		t.Errorf("countries table differs from the schema's CountryCode enum; regenerate it")
	}
}

// TestCountryNamesRoundTrip: every country resolves by its own code and name.
func TestCountryNamesRoundTrip(t *testing.T) {
	for code, name := range countries {
		if code == unknownRegion {
			continue
		}
		if got, ok := CountryCode(name); !ok || got != code {
			t.Errorf("CountryCode(%q) = %q, %v; want %q", name, got, ok, code)
		}
		if got, ok := CountryCode(strings.ToLower(code)); !ok || got != code {
			t.Errorf("CountryCode(%q) = %q, %v; want %q", strings.ToLower(code), got, ok, code)
		}
	}
}

func TestProvinceCode(t *testing.T) {
	for _, tc := range []struct{ country, in, want string }{
		{"US", "california", "CA"}, {"US", "California", "CA"}, {"US", "ca", "CA"}, {"US", "ny", "NY"},
		{"US", "New York State", "NY"}, {"US", "District of Columbia", "DC"}, {"US", "Washington D.C.", "DC"},
		{"US", "Puerto Rico", "PR"}, {"US", "GU", "GU"}, {"US", "Armed Forces Europe", "AE"}, {"US", "ap", "AP"},
		{"us", " Texas ", "TX"},
		{"CA", "Ontario", "ON"}, {"CA", "qc", "QC"}, {"CA", "Québec", "QC"}, {"CA", "Quebec", "QC"},
		{"CA", "Newfoundland", "NL"}, {"CA", "Yukon", "YT"}, {"CA", "PEI", "PE"},
		{"AU", "New South Wales", "NSW"}, {"AU", "nsw", "NSW"}, {"AU", "Victoria", "VIC"}, {"AU", "ACT", "ACT"},
		{"AU", "Western Australia", "WA"},
		{"JP", "Tokyo", "JP-13"}, {"JP", "tokyo", "JP-13"}, {"JP", "Tōkyō", "JP-13"}, {"JP", "Tokyo-to", "JP-13"},
		{"JP", "東京都", "JP-13"}, {"JP", "東京", "JP-13"}, {"JP", "JP-13", "JP-13"}, {"JP", "jp-01", "JP-01"},
		{"JP", "13", "JP-13"}, {"JP", "1", "JP-01"}, {"JP", "Hokkaidō", "JP-01"}, {"JP", "Osaka-fu", "JP-27"},
		{"JP", "Okinawa", "JP-47"}, {"JP", "Kanagawa Prefecture", "JP-14"},
		{"MX", "Jalisco", "JAL"}, {"MX", "CDMX", "DF"}, {"MX", "Ciudad de Mexico", "DF"}, {"MX", "Nuevo Leon", "NL"},
		{"MX", "Quintana Roo", "Q ROO"}, {"MX", "q roo", "Q ROO"}, {"MX", "ROO", "Q ROO"},
		{"IN", "Maharashtra", "MH"}, {"IN", "Telangana", "TS"}, {"IN", "Orissa", "OR"}, {"IN", "delhi", "DL"},
		{"BR", "São Paulo", "SP"}, {"BR", "Sao Paulo", "SP"}, {"BR", "rj", "RJ"},
		{"IT", "Roma", "RM"}, {"IT", "Rome", "RM"}, {"IT", "Milano", "MI"}, {"IT", "L'Aquila", "AQ"},
		{"IT", "Forli-Cesena", "FC"}, {"IT", "Monza e Brianza", "MB"},
		{"ES", "Madrid", "M"}, {"ES", "Barcelona", "B"}, {"ES", "A Coruña", "C"}, {"ES", "Baleares", "PM"},
		{"IE", "Dublin", "D"}, {"IE", "County Cork", "CO"}, {"IE", "Co. Galway", "G"},
		{"NZ", "Auckland", "AUK"}, {"NZ", "Hawkes Bay", "HKB"}, {"NZ", "Manawatū-Whanganui", "MWT"},
		{"CN", "Beijing", "BJ"}, {"CN", "Tibet", "YZ"}, {"CN", "Guangdong Province", "GD"}, {"CN", "广东省", "GD"},
		{"AR", "Buenos Aires", "B"}, {"AR", "CABA", "C"}, {"AR", "Tucuman", "T"},
	} {
		if got, ok := ProvinceCode(tc.country, tc.in); !ok || got != tc.want {
			t.Errorf("ProvinceCode(%q, %q) = %q, %v; want %q", tc.country, tc.in, got, ok, tc.want)
		}
	}
	for _, tc := range []struct{ country, in string }{
		{"US", "Ontario"}, {"US", ""}, {"US", "  "}, {"US", "XX"}, {"CA", "California"}, {"JP", "48"},
		{"JP", "JP-00"}, {"DE", "Bayern"}, {"", "Ontario"}, {"XX", "ON"},
	} {
		if got, ok := ProvinceCode(tc.country, tc.in); ok {
			t.Errorf("ProvinceCode(%q, %q) = %q, true; want not found", tc.country, tc.in, got)
		}
	}
}

// TestSubdivisionLists checks the tables: sizes, and that every code and
// name resolves back to itself (so no alias shadows another entry).
func TestSubdivisionLists(t *testing.T) {
	minimum := map[string]int{
		"US": 59, "CA": 13, "AU": 8, "MX": 32, "IN": 36, "JP": 47, "BR": 27, "IT": 30, "ES": 20,
		"IE": 26, "NZ": 16, "CN": 31, "AR": 24,
	}
	for cc, n := range minimum {
		if got := len(subdivisionList[cc]); got < n {
			t.Errorf("%s has %d subdivisions, want at least %d", cc, got, n)
		}
	}
	for cc, list := range subdivisionList {
		if CountryName(cc) == "" {
			t.Errorf("subdivisions for unknown country %q", cc)
		}
		seen := map[string]bool{}
		for _, sd := range list {
			if seen[sd.code] {
				t.Errorf("%s: duplicate code %q", cc, sd.code)
			}
			seen[sd.code] = true
			for _, in := range append([]string{sd.code, sd.name}, sd.aliases...) {
				if got, ok := ProvinceCode(cc, in); !ok || got != sd.code {
					t.Errorf("ProvinceCode(%q, %q) = %q, %v; want %q", cc, in, got, ok, sd.code)
				}
			}
			if got := ProvinceName(cc, sd.code); got != sd.name {
				t.Errorf("ProvinceName(%q, %q) = %q; want %q", cc, sd.code, got, sd.name)
			}
		}
	}
}

func TestProvinceName(t *testing.T) {
	for _, tc := range []struct{ country, code, want string }{
		{"CA", "ON", "Ontario"}, {"ca", "on", "Ontario"}, {"US", "CA", "California"}, {"AU", "NSW", "New South Wales"},
		{"JP", "JP-13", "Tokyo"}, {"MX", "Q ROO", "Quintana Roo"}, {"US", "ON", ""}, {"DE", "BE", ""}, {"", "", ""},
	} {
		if got := ProvinceName(tc.country, tc.code); got != tc.want {
			t.Errorf("ProvinceName(%q, %q) = %q; want %q", tc.country, tc.code, got, tc.want)
		}
	}
}

func TestRequiresProvince(t *testing.T) {
	for cc, want := range map[string]bool{
		"US": true, "CA": true, "AU": true, "MX": true, "IN": true, "JP": true, "BR": true, "CN": true,
		"AR": true, "IT": true, "ES": true, "IE": true, "us": true,
		"NZ": false, "GB": false, "DE": false, "FR": false, "XX": false, "": false,
	} {
		if got := RequiresProvince(cc); got != want {
			t.Errorf("RequiresProvince(%q) = %v; want %v", cc, got, want)
		}
		// A required province must be resolvable, or no address could be saved.
		if want && subdivisionList[strings.ToUpper(cc)] == nil {
			t.Errorf("%q requires a province but has no subdivision list", cc)
		}
	}
}

func TestRequiresZip(t *testing.T) {
	for cc, want := range map[string]bool{
		"US": true, "CA": true, "GB": true, "DE": true, "JP": true, "AU": true, "XX": true,
		"HK": false, "AE": false, "IE": false, "QA": false, "hk": false,
	} {
		if got := RequiresZip(cc); got != want {
			t.Errorf("RequiresZip(%q) = %v; want %v", cc, got, want)
		}
	}
}

func TestValidZip(t *testing.T) {
	for _, tc := range []struct {
		country, zip string
		ok           bool
	}{
		{"US", "12345", true}, {"US", "12345-6789", true}, {"US", " 12345 ", true}, {"US", "1234", false},
		{"US", "123456", false}, {"US", "12345-678", false}, {"US", "ABCDE", false}, {"US", "", false},
		{"CA", "K1A 0B1", true}, {"CA", "k1a0b1", true}, {"CA", "A1A 1A1", true}, {"CA", "12345", false},
		{"CA", "K1A-0B1", false}, {"CA", "D1A 1A1", false},
		{"GB", "SW1A 2AA", true}, {"GB", "sw1a2aa", true}, {"GB", "M1 1AE", true}, {"GB", "EC1A 1BB", true},
		{"GB", "GIR 0AA", true}, {"GB", "12345", false}, {"GB", "SW1A", false}, {"JE", "JE2 3AB", true},
		{"DE", "10117", true}, {"DE", "1011", false}, {"DE", "10117a", false},
		{"FR", "75001", true}, {"FR", "7500", false},
		{"AU", "2000", true}, {"AU", "200", false}, {"AU", "20000", false},
		{"NL", "1234 AB", true}, {"NL", "1234ab", true}, {"NL", "1234", false}, {"NL", "0123 AB", false},
		{"JP", "100-0001", true}, {"JP", "1000001", true}, {"JP", "100-001", false},
		{"BR", "01310-100", true}, {"IN", "400001", true}, {"IE", "D02 X285", true}, {"IE", "A65 F4E2", true},
		// Countries without a specific pattern.
		{"KR", "04524", true}, {"SG", "018956", true}, {"LV", "LV-1050", true}, {"XX", "AB 12-3", true},
		{"KR", "<script>", false}, {"KR", "12345678901234567", false}, {"KR", "1234567890123456", true},
		{"KR", "-123", false}, {"KR", "", false}, {"KR", "12_34", false},
	} {
		if got := ValidZip(tc.country, tc.zip); got != tc.ok {
			t.Errorf("ValidZip(%q, %q) = %v; want %v", tc.country, tc.zip, got, tc.ok)
		}
	}
}

func TestName(t *testing.T) {
	for _, tc := range []struct {
		p    Parts
		want string
	}{
		{Parts{FirstName: "Ada", LastName: "Lovelace"}, "Ada Lovelace"},
		{Parts{FirstName: " Ada ", LastName: ""}, "Ada"},
		{Parts{LastName: "Lovelace"}, "Lovelace"},
		{Parts{}, ""},
	} {
		if got := tc.p.Name(); got != tc.want {
			t.Errorf("%+v.Name() = %q; want %q", tc.p, got, tc.want)
		}
	}
}

var (
	usAddr = Parts{FirstName: "John", LastName: "Smith", Company: "Acme", Address1: "1600 Amphitheatre Pkwy",
		Address2: "Suite 5", City: "Mountain View", Province: "California", ProvinceCode: "CA",
		Country: "United States", CountryCode: "US", Zip: "94043", Phone: "+16505550100"}
	caAddr = Parts{FirstName: "Ada", LastName: "Lovelace", Company: "Engines Ltd", Address1: "123 Main St",
		Address2: "Apt 4", City: "Ottawa", Province: "Ontario", ProvinceCode: "ON", CountryCode: "CA", Zip: "K1A 0B1"}
	gbAddr = Parts{FirstName: "Jane", LastName: "Doe", Address1: "10 Downing St", City: "London",
		CountryCode: "GB", Zip: "SW1A 2AA"}
	deAddr = Parts{FirstName: "Max", LastName: "Mustermann", Company: "Beispiel GmbH",
		Address1: "Unter den Linden 1", City: "Berlin", CountryCode: "DE", Zip: "10117"}
	auAddr = Parts{FirstName: "Bruce", LastName: "Wayne", Address1: "1 George St", City: "Sydney",
		Province: "New South Wales", ProvinceCode: "NSW", CountryCode: "AU", Zip: "2000"}
	jpAddr = Parts{FirstName: "Taro", LastName: "Yamada", Company: "Example KK", Address1: "1-1 Chiyoda",
		City: "Chiyoda", Province: "Tokyo", ProvinceCode: "JP-13", CountryCode: "JP", Zip: "100-0001"}
)

func TestFormatted(t *testing.T) {
	for _, tc := range []struct {
		name                  string
		p                     Parts
		withName, withCompany bool
		want                  []string
	}{
		{"US plain", usAddr, false, false,
			[]string{"1600 Amphitheatre Pkwy", "Suite 5", "Mountain View CA 94043", "United States"}},
		{"US name+company", usAddr, true, true,
			[]string{"John Smith", "Acme", "1600 Amphitheatre Pkwy", "Suite 5", "Mountain View CA 94043", "United States"}},
		{"CA plain", caAddr, false, false, []string{"123 Main St", "Apt 4", "Ottawa ON K1A 0B1", "Canada"}},
		{"CA company", caAddr, false, true,
			[]string{"Engines Ltd", "123 Main St", "Apt 4", "Ottawa ON K1A 0B1", "Canada"}},
		{"CA name", caAddr, true, false,
			[]string{"Ada Lovelace", "123 Main St", "Apt 4", "Ottawa ON K1A 0B1", "Canada"}},
		{"GB plain", gbAddr, false, false, []string{"10 Downing St", "London", "SW1A 2AA", "United Kingdom"}},
		{"GB name, no company to show", gbAddr, true, true,
			[]string{"Jane Doe", "10 Downing St", "London", "SW1A 2AA", "United Kingdom"}},
		{"DE plain", deAddr, false, false, []string{"Unter den Linden 1", "10117 Berlin", "Germany"}},
		{"DE name+company", deAddr, true, true,
			[]string{"Max Mustermann", "Beispiel GmbH", "Unter den Linden 1", "10117 Berlin", "Germany"}},
		{"AU plain", auAddr, false, false, []string{"1 George St", "Sydney NSW 2000", "Australia"}},
		{"AU name", auAddr, true, false, []string{"Bruce Wayne", "1 George St", "Sydney NSW 2000", "Australia"}},
		{"JP plain", jpAddr, false, false, []string{"100-0001", "Tokyo Chiyoda", "1-1 Chiyoda", "Japan"}},
		{"JP name+company", jpAddr, true, true,
			[]string{"Taro Yamada", "Example KK", "100-0001", "Tokyo Chiyoda", "1-1 Chiyoda", "Japan"}},
		{"FR", Parts{Address1: "1 Rue de Rivoli", City: "Paris", CountryCode: "FR", Zip: "75001"}, false, false,
			[]string{"1 Rue de Rivoli", "75001 Paris", "France"}},
		{"NL", Parts{Address1: "Dam 1", City: "Amsterdam", CountryCode: "NL", Zip: "1012 JS"}, false, false,
			[]string{"Dam 1", "1012 JS Amsterdam", "Netherlands"}},
		{"IT shows the province sigla", Parts{Address1: "Via del Corso 1", City: "Roma", Province: "Roma",
			ProvinceCode: "RM", CountryCode: "IT", Zip: "00186"}, false, false,
			[]string{"Via del Corso 1", "00186 Roma RM", "Italy"}},
		{"ES province named once", Parts{Address1: "Calle Mayor 1", City: "Madrid", ProvinceCode: "M",
			CountryCode: "ES", Zip: "28013"}, false, false, []string{"Calle Mayor 1", "28013 Madrid", "Spain"}},
		{"ES province line", Parts{Address1: "Calle Mayor 1", City: "Alcalá de Henares", ProvinceCode: "M",
			CountryCode: "ES", Zip: "28801"}, false, false,
			[]string{"Calle Mayor 1", "28801 Alcalá de Henares", "Madrid", "Spain"}},
		{"province code resolved from name", Parts{Address1: "1 Main St", City: "Austin", Province: "Texas",
			CountryCode: "US", Zip: "78701"}, false, false, []string{"1 Main St", "Austin TX 78701", "United States"}},
		{"country from name only", Parts{Address1: "1 Main St", City: "Toronto", ProvinceCode: "ON",
			Country: "Canada", Zip: "M5V 2T6"}, false, false, []string{"1 Main St", "Toronto ON M5V 2T6", "Canada"}},
		{"unknown country code keeps Country", Parts{Address1: "1 Main St", City: "Somewhere",
			Country: "Narnia", CountryCode: "QQ"}, false, false, []string{"1 Main St", "Somewhere", "Narnia"}},
		{"free-text province elsewhere", Parts{Address1: "1 Jalan", City: "Kuala Lumpur", Province: "Selangor",
			CountryCode: "MY", Zip: "50000"}, false, false,
			[]string{"1 Jalan", "Kuala Lumpur Selangor 50000", "Malaysia"}},
		{"lower-case country code", Parts{Address1: "1 Main St", City: "Ottawa", ProvinceCode: "ON",
			CountryCode: "ca", Zip: "K1A 0B1"}, false, false, []string{"1 Main St", "Ottawa ON K1A 0B1", "Canada"}},
		{"empty", Parts{}, true, true, []string{}},
	} {
		got := Formatted(tc.p, tc.withName, tc.withCompany)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: Formatted = %q; want %q", tc.name, got, tc.want)
		}
	}
}

func TestFormattedArea(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    Parts
		want string
	}{
		{"CA", caAddr, "Ottawa, ON, Canada"},
		{"US", usAddr, "Mountain View, CA, United States"},
		{"AU", auAddr, "Sydney, NSW, Australia"},
		{"GB no province", gbAddr, "London, United Kingdom"},
		{"JP shows the prefecture name", jpAddr, "Chiyoda, Tokyo, Japan"},
		{"province name when no code", Parts{City: "Kuala Lumpur", Province: "Selangor", CountryCode: "MY"},
			"Kuala Lumpur, Selangor, Malaysia"},
		{"code resolved from name", Parts{City: "Austin", Province: "texas", CountryCode: "US"},
			"Austin, TX, United States"},
		{"city only", Parts{City: "Ottawa"}, "Ottawa"},
		{"country only", Parts{CountryCode: "DE"}, "Germany"},
		{"empty", Parts{}, ""},
	} {
		if got := FormattedArea(tc.p); got != tc.want {
			t.Errorf("%s: FormattedArea = %q; want %q", tc.name, got, tc.want)
		}
	}
}
