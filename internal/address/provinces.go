package address

// sub is one subdivision (state, province, territory, prefecture, county...)
// as Shopify lists it: the code it stores in MailingAddress.provinceCode, the
// name it shows, and other spellings customers type for it (ISO 3166-2 codes
// where Shopify's differ, native-script names, older names).
type sub struct {
	code, name string
	aliases    []string
}

func s(code, name string, aliases ...string) sub { return sub{code, name, aliases} }

// subdivisionList holds the subdivisions of the countries whose addresses
// carry a province, using Shopify's codes (which mostly are the ISO 3166-2
// suffixes; Japan is the exception, where Shopify stores "JP-13").
var subdivisionList = map[string][]sub{
	"US": {
		s("AL", "Alabama"), s("AK", "Alaska"), s("AZ", "Arizona"), s("AR", "Arkansas"), s("CA", "California"),
		s("CO", "Colorado"), s("CT", "Connecticut"), s("DE", "Delaware"),
		s("DC", "District of Columbia", "Washington DC", "Washington D.C."),
		s("FL", "Florida"), s("GA", "Georgia"), s("HI", "Hawaii"), s("ID", "Idaho"), s("IL", "Illinois"),
		s("IN", "Indiana"), s("IA", "Iowa"), s("KS", "Kansas"), s("KY", "Kentucky"), s("LA", "Louisiana"),
		s("ME", "Maine"), s("MD", "Maryland"), s("MA", "Massachusetts"), s("MI", "Michigan"), s("MN", "Minnesota"),
		s("MS", "Mississippi"), s("MO", "Missouri"), s("MT", "Montana"), s("NE", "Nebraska"), s("NV", "Nevada"),
		s("NH", "New Hampshire"), s("NJ", "New Jersey"), s("NM", "New Mexico"), s("NY", "New York"),
		s("NC", "North Carolina"), s("ND", "North Dakota"), s("OH", "Ohio"), s("OK", "Oklahoma"), s("OR", "Oregon"),
		s("PA", "Pennsylvania"), s("RI", "Rhode Island"), s("SC", "South Carolina"), s("SD", "South Dakota"),
		s("TN", "Tennessee"), s("TX", "Texas"), s("UT", "Utah"), s("VT", "Vermont"), s("VA", "Virginia"),
		s("WA", "Washington"), s("WV", "West Virginia"), s("WI", "Wisconsin"), s("WY", "Wyoming"),
		// Territories and freely associated states ship as US addresses.
		s("AS", "American Samoa"), s("GU", "Guam"), s("MP", "Northern Mariana Islands"), s("PR", "Puerto Rico"),
		s("VI", "Virgin Islands", "U.S. Virgin Islands", "US Virgin Islands"),
		s("UM", "United States Minor Outlying Islands", "U.S. Minor Outlying Islands"),
		s("FM", "Federated States of Micronesia", "Micronesia"), s("MH", "Marshall Islands"), s("PW", "Palau"),
		// Military mail (APO/FPO/DPO).
		s("AA", "Armed Forces Americas"), s("AE", "Armed Forces Europe"), s("AP", "Armed Forces Pacific"),
	},
	"CA": {
		s("AB", "Alberta"), s("BC", "British Columbia"), s("MB", "Manitoba"), s("NB", "New Brunswick"),
		s("NL", "Newfoundland and Labrador", "Newfoundland", "NF"), s("NS", "Nova Scotia"),
		s("NT", "Northwest Territories"), s("NU", "Nunavut"), s("ON", "Ontario"),
		s("PE", "Prince Edward Island", "PEI"), s("QC", "Quebec", "PQ"), s("SK", "Saskatchewan"),
		s("YT", "Yukon", "Yukon Territory"),
	},
	"AU": {
		s("ACT", "Australian Capital Territory"), s("NSW", "New South Wales"), s("NT", "Northern Territory"),
		s("QLD", "Queensland"), s("SA", "South Australia"), s("TAS", "Tasmania"), s("VIC", "Victoria"),
		s("WA", "Western Australia"),
	},
	// Shopify keeps Mexico's traditional abbreviations; the ISO codes are
	// accepted as aliases.
	"MX": {
		s("AGS", "Aguascalientes", "AGU"), s("BC", "Baja California", "BCN"), s("BCS", "Baja California Sur"),
		s("CAMP", "Campeche", "CAM"), s("CHIS", "Chiapas", "CHP"), s("CHIH", "Chihuahua", "CHH"),
		s("DF", "Ciudad de México", "CMX", "CDMX", "Mexico City", "Distrito Federal"),
		s("COAH", "Coahuila", "COA", "Coahuila de Zaragoza"), s("COL", "Colima"), s("DGO", "Durango", "DUR"),
		s("GTO", "Guanajuato", "GUA"), s("GRO", "Guerrero"), s("HGO", "Hidalgo", "HID"), s("JAL", "Jalisco"),
		s("MEX", "Estado de México", "State of Mexico", "México"), s("MICH", "Michoacán", "MIC", "Michoacán de Ocampo"),
		s("MOR", "Morelos"), s("NAY", "Nayarit"), s("NL", "Nuevo León", "NLE"), s("OAX", "Oaxaca"),
		s("PUE", "Puebla"), s("QRO", "Querétaro", "QUE"), s("Q ROO", "Quintana Roo", "ROO", "QROO"),
		s("SLP", "San Luis Potosí"), s("SIN", "Sinaloa"), s("SON", "Sonora"), s("TAB", "Tabasco"),
		s("TAMPS", "Tamaulipas", "TAM"), s("TLAX", "Tlaxcala", "TLA"),
		s("VER", "Veracruz", "Veracruz de Ignacio de la Llave"), s("YUC", "Yucatán"), s("ZAC", "Zacatecas"),
	},
	"IN": {
		s("AN", "Andaman and Nicobar Islands"), s("AP", "Andhra Pradesh"), s("AR", "Arunachal Pradesh"),
		s("AS", "Assam"), s("BR", "Bihar"), s("CH", "Chandigarh"), s("CG", "Chhattisgarh", "CT"),
		s("DN", "Dadra and Nagar Haveli"), s("DD", "Daman and Diu"), s("DL", "Delhi", "New Delhi"),
		s("GA", "Goa"), s("GJ", "Gujarat"), s("HR", "Haryana"), s("HP", "Himachal Pradesh"),
		s("JK", "Jammu and Kashmir"), s("JH", "Jharkhand"), s("KA", "Karnataka"), s("KL", "Kerala"),
		s("LA", "Ladakh"), s("LD", "Lakshadweep"), s("MP", "Madhya Pradesh"), s("MH", "Maharashtra"),
		s("MN", "Manipur"), s("ML", "Meghalaya"), s("MZ", "Mizoram"), s("NL", "Nagaland"),
		s("OR", "Odisha", "OD", "Orissa"), s("PY", "Puducherry", "Pondicherry"), s("PB", "Punjab"),
		s("RJ", "Rajasthan"), s("SK", "Sikkim"), s("TN", "Tamil Nadu"), s("TS", "Telangana", "TG"),
		s("TR", "Tripura"), s("UP", "Uttar Pradesh"), s("UK", "Uttarakhand", "UT", "Uttaranchal"),
		s("WB", "West Bengal"),
	},
	// Japan: Shopify stores "JP-01".."JP-47"; the kanji names are accepted
	// because Japanese customers type them.
	"JP": {
		s("JP-01", "Hokkaido", "北海道"), s("JP-02", "Aomori", "青森県"), s("JP-03", "Iwate", "岩手県"),
		s("JP-04", "Miyagi", "宮城県"), s("JP-05", "Akita", "秋田県"), s("JP-06", "Yamagata", "山形県"),
		s("JP-07", "Fukushima", "福島県"), s("JP-08", "Ibaraki", "茨城県"), s("JP-09", "Tochigi", "栃木県"),
		s("JP-10", "Gunma", "群馬県"), s("JP-11", "Saitama", "埼玉県"), s("JP-12", "Chiba", "千葉県"),
		s("JP-13", "Tokyo", "東京都"), s("JP-14", "Kanagawa", "神奈川県"), s("JP-15", "Niigata", "新潟県"),
		s("JP-16", "Toyama", "富山県"), s("JP-17", "Ishikawa", "石川県"), s("JP-18", "Fukui", "福井県"),
		s("JP-19", "Yamanashi", "山梨県"), s("JP-20", "Nagano", "長野県"), s("JP-21", "Gifu", "岐阜県"),
		s("JP-22", "Shizuoka", "静岡県"), s("JP-23", "Aichi", "愛知県"), s("JP-24", "Mie", "三重県"),
		s("JP-25", "Shiga", "滋賀県"), s("JP-26", "Kyoto", "京都府"), s("JP-27", "Osaka", "大阪府"),
		s("JP-28", "Hyogo", "兵庫県"), s("JP-29", "Nara", "奈良県"), s("JP-30", "Wakayama", "和歌山県"),
		s("JP-31", "Tottori", "鳥取県"), s("JP-32", "Shimane", "島根県"), s("JP-33", "Okayama", "岡山県"),
		s("JP-34", "Hiroshima", "広島県"), s("JP-35", "Yamaguchi", "山口県"), s("JP-36", "Tokushima", "徳島県"),
		s("JP-37", "Kagawa", "香川県"), s("JP-38", "Ehime", "愛媛県"), s("JP-39", "Kochi", "高知県"),
		s("JP-40", "Fukuoka", "福岡県"), s("JP-41", "Saga", "佐賀県"), s("JP-42", "Nagasaki", "長崎県"),
		s("JP-43", "Kumamoto", "熊本県"), s("JP-44", "Oita", "大分県"), s("JP-45", "Miyazaki", "宮崎県"),
		s("JP-46", "Kagoshima", "鹿児島県"), s("JP-47", "Okinawa", "沖縄県"),
	},
	"BR": {
		s("AC", "Acre"), s("AL", "Alagoas"), s("AP", "Amapá"), s("AM", "Amazonas"), s("BA", "Bahia"),
		s("CE", "Ceará"), s("DF", "Distrito Federal"), s("ES", "Espírito Santo"), s("GO", "Goiás"),
		s("MA", "Maranhão"), s("MT", "Mato Grosso"), s("MS", "Mato Grosso do Sul"), s("MG", "Minas Gerais"),
		s("PA", "Pará"), s("PB", "Paraíba"), s("PR", "Paraná"), s("PE", "Pernambuco"), s("PI", "Piauí"),
		s("RJ", "Rio de Janeiro"), s("RN", "Rio Grande do Norte"), s("RS", "Rio Grande do Sul"),
		s("RO", "Rondônia"), s("RR", "Roraima"), s("SC", "Santa Catarina"), s("SP", "São Paulo"),
		s("SE", "Sergipe"), s("TO", "Tocantins"),
	},
	// Italy: every province by its vehicle-plate sigla, including the
	// Sardinian ones abolished in 2016 that old addresses still carry.
	"IT": {
		s("AG", "Agrigento"), s("AL", "Alessandria"), s("AN", "Ancona"), s("AO", "Aosta", "Valle d'Aosta", "Aoste"),
		s("AR", "Arezzo"), s("AP", "Ascoli Piceno"), s("AT", "Asti"), s("AV", "Avellino"), s("BA", "Bari"),
		s("BT", "Barletta-Andria-Trani"), s("BL", "Belluno"), s("BN", "Benevento"), s("BG", "Bergamo"),
		s("BI", "Biella"), s("BO", "Bologna"), s("BZ", "Bolzano", "Bozen", "South Tyrol", "Alto Adige"),
		s("BS", "Brescia"), s("BR", "Brindisi"), s("CA", "Cagliari"), s("CL", "Caltanissetta"),
		s("CB", "Campobasso"), s("CI", "Carbonia-Iglesias"), s("CE", "Caserta"), s("CT", "Catania"),
		s("CZ", "Catanzaro"), s("CH", "Chieti"), s("CO", "Como"), s("CS", "Cosenza"), s("CR", "Cremona"),
		s("KR", "Crotone"), s("CN", "Cuneo"), s("EN", "Enna"), s("FM", "Fermo"), s("FE", "Ferrara"),
		s("FI", "Firenze", "Florence"), s("FG", "Foggia"), s("FC", "Forlì-Cesena"), s("FR", "Frosinone"),
		s("GE", "Genova", "Genoa"), s("GO", "Gorizia"), s("GR", "Grosseto"), s("IM", "Imperia"), s("IS", "Isernia"),
		s("AQ", "L'Aquila"), s("SP", "La Spezia"), s("LT", "Latina"), s("LE", "Lecce"), s("LC", "Lecco"),
		s("LI", "Livorno"), s("LO", "Lodi"), s("LU", "Lucca"), s("MC", "Macerata"), s("MN", "Mantova", "Mantua"),
		s("MS", "Massa-Carrara"), s("MT", "Matera"), s("VS", "Medio Campidano"), s("ME", "Messina"),
		s("MI", "Milano", "Milan"), s("MO", "Modena"), s("MB", "Monza e Brianza", "Monza e della Brianza", "Monza and Brianza"),
		s("NA", "Napoli", "Naples"), s("NO", "Novara"), s("NU", "Nuoro"), s("OG", "Ogliastra"),
		s("OT", "Olbia-Tempio"), s("OR", "Oristano"), s("PD", "Padova", "Padua"), s("PA", "Palermo"),
		s("PR", "Parma"), s("PV", "Pavia"), s("PG", "Perugia"), s("PU", "Pesaro e Urbino", "Pesaro and Urbino"),
		s("PE", "Pescara"), s("PC", "Piacenza"), s("PI", "Pisa"), s("PT", "Pistoia"), s("PN", "Pordenone"),
		s("PZ", "Potenza"), s("PO", "Prato"), s("RG", "Ragusa"), s("RA", "Ravenna"),
		s("RC", "Reggio Calabria", "Reggio di Calabria"), s("RE", "Reggio Emilia", "Reggio nell'Emilia"),
		s("RI", "Rieti"), s("RN", "Rimini"), s("RM", "Roma", "Rome"), s("RO", "Rovigo"), s("SA", "Salerno"),
		s("SS", "Sassari"), s("SV", "Savona"), s("SI", "Siena"), s("SR", "Siracusa", "Syracuse"),
		s("SO", "Sondrio"), s("SU", "Sud Sardegna", "South Sardinia"), s("TA", "Taranto"), s("TE", "Teramo"),
		s("TR", "Terni"), s("TO", "Torino", "Turin"), s("TP", "Trapani"), s("TN", "Trento"), s("TV", "Treviso"),
		s("TS", "Trieste"), s("UD", "Udine"), s("VA", "Varese"), s("VE", "Venezia", "Venice"),
		s("VB", "Verbano-Cusio-Ossola"), s("VC", "Vercelli"), s("VR", "Verona"), s("VV", "Vibo Valentia"),
		s("VI", "Vicenza"), s("VT", "Viterbo"),
	},
	// Spain: all 50 provinces plus Ceuta and Melilla.
	"ES": {
		s("C", "A Coruña", "La Coruña", "Coruña"), s("VI", "Álava", "Araba"), s("AB", "Albacete"),
		s("A", "Alicante", "Alacant"), s("AL", "Almería"), s("O", "Asturias"), s("AV", "Ávila"),
		s("BA", "Badajoz"), s("PM", "Balears", "Baleares", "Illes Balears", "Islas Baleares", "Balearic Islands"),
		s("B", "Barcelona"), s("BU", "Burgos"), s("CC", "Cáceres"), s("CA", "Cádiz"), s("S", "Cantabria"),
		s("CS", "Castellón", "Castelló"), s("CE", "Ceuta"), s("CR", "Ciudad Real"), s("CO", "Córdoba"),
		s("CU", "Cuenca"), s("GI", "Girona", "Gerona"), s("GR", "Granada"), s("GU", "Guadalajara"),
		s("SS", "Guipúzcoa", "Gipuzkoa"), s("H", "Huelva"), s("HU", "Huesca"), s("J", "Jaén"),
		s("LO", "La Rioja"), s("GC", "Las Palmas"), s("LE", "León"), s("L", "Lleida", "Lérida"), s("LU", "Lugo"),
		s("M", "Madrid"), s("MA", "Málaga"), s("ML", "Melilla"), s("MU", "Murcia"), s("NA", "Navarra", "Navarre"),
		s("OR", "Ourense", "Orense"), s("P", "Palencia"), s("PO", "Pontevedra"), s("SA", "Salamanca"),
		s("TF", "Santa Cruz de Tenerife", "Tenerife"), s("SG", "Segovia"), s("SE", "Sevilla", "Seville"),
		s("SO", "Soria"), s("T", "Tarragona"), s("TE", "Teruel"), s("TO", "Toledo"), s("V", "Valencia", "València"),
		s("VA", "Valladolid"), s("BI", "Vizcaya", "Bizkaia", "Biscay"), s("ZA", "Zamora"), s("Z", "Zaragoza"),
	},
	"IE": {
		s("CW", "Carlow"), s("CN", "Cavan"), s("CE", "Clare"), s("CO", "Cork"), s("DL", "Donegal"), s("D", "Dublin"),
		s("G", "Galway"), s("KY", "Kerry"), s("KE", "Kildare"), s("KK", "Kilkenny"), s("LS", "Laois"),
		s("LM", "Leitrim"), s("LK", "Limerick"), s("LD", "Longford"), s("LH", "Louth"), s("MO", "Mayo"),
		s("MH", "Meath"), s("MN", "Monaghan"), s("OY", "Offaly"), s("RN", "Roscommon"), s("SO", "Sligo"),
		s("TA", "Tipperary"), s("WD", "Waterford"), s("WH", "Westmeath"), s("WX", "Wexford"), s("WW", "Wicklow"),
	},
	"NZ": {
		s("AUK", "Auckland"), s("BOP", "Bay of Plenty"), s("CAN", "Canterbury"), s("CIT", "Chatham Islands"),
		s("GIS", "Gisborne"), s("HKB", "Hawke's Bay"), s("MWT", "Manawatu-Wanganui", "Manawatu-Whanganui"),
		s("MBH", "Marlborough"), s("NSN", "Nelson"), s("NTL", "Northland"), s("OTA", "Otago"),
		s("STL", "Southland"), s("TKI", "Taranaki"), s("TAS", "Tasman"), s("WKO", "Waikato"),
		s("WGN", "Wellington"), s("WTC", "West Coast"),
	},
	// China: Shopify writes Tibet as "YZ" where ISO has "XZ".
	"CN": {
		s("AH", "Anhui", "安徽"), s("BJ", "Beijing", "北京"), s("CQ", "Chongqing", "重庆"), s("FJ", "Fujian", "福建"),
		s("GS", "Gansu", "甘肃"), s("GD", "Guangdong", "广东"), s("GX", "Guangxi", "广西"), s("GZ", "Guizhou", "贵州"),
		s("HI", "Hainan", "海南"), s("HE", "Hebei", "河北"), s("HL", "Heilongjiang", "黑龙江"), s("HA", "Henan", "河南"),
		s("HB", "Hubei", "湖北"), s("HN", "Hunan", "湖南"), s("NM", "Inner Mongolia", "Nei Mongol", "内蒙古"),
		s("JS", "Jiangsu", "江苏"), s("JX", "Jiangxi", "江西"), s("JL", "Jilin", "吉林"), s("LN", "Liaoning", "辽宁"),
		s("NX", "Ningxia", "宁夏"), s("QH", "Qinghai", "青海"), s("SN", "Shaanxi", "陕西"), s("SD", "Shandong", "山东"),
		s("SH", "Shanghai", "上海"), s("SX", "Shanxi", "山西"), s("SC", "Sichuan", "四川"), s("TJ", "Tianjin", "天津"),
		s("XJ", "Xinjiang", "新疆"), s("YZ", "Tibet", "XZ", "Xizang", "西藏"), s("YN", "Yunnan", "云南"),
		s("ZJ", "Zhejiang", "浙江"),
	},
	// Argentina: ISO's one-letter codes, which Shopify uses.
	"AR": {
		s("B", "Buenos Aires", "Provincia de Buenos Aires"), s("K", "Catamarca"), s("H", "Chaco"), s("U", "Chubut"),
		s("C", "Ciudad Autónoma de Buenos Aires", "CABA", "Capital Federal"), s("X", "Córdoba"),
		s("W", "Corrientes"), s("E", "Entre Ríos"), s("P", "Formosa"), s("Y", "Jujuy"), s("L", "La Pampa"),
		s("F", "La Rioja"), s("M", "Mendoza"), s("N", "Misiones"), s("Q", "Neuquén"), s("R", "Río Negro"),
		s("A", "Salta"), s("J", "San Juan"), s("D", "San Luis"), s("Z", "Santa Cruz"), s("S", "Santa Fe"),
		s("G", "Santiago Del Estero"), s("V", "Tierra Del Fuego"), s("T", "Tucumán"),
	},
}
