package kiosk

// PostcodeName returns the place name for a Belgian postal code, or "" when the code is not
// in the table. The name lets a citizen see "9000 Gent" and notice a typing error; it is
// not a check. An unknown code is still a valid postal code (ValidatePostcode decides that);
// an address with such a code needs the municipality typed in.
func PostcodeName(code string) string { return postcodeNames[code] }

// postcodeNames is deliberately partial: the main postal code of each Flemish municipality
// and of the 19 Brussels municipalities (Dutch names), a few extra codes of Antwerp's
// districts, and the larger Walloon towns (French names). It holds only codes known for
// certain, because a wrong name on screen would make a citizen doubt a right postal code.
// Deelgemeenten with a postal code of their own are mostly missing.
//
// The names are municipality names. Municipalities merged in 2019 and 2025 kept their
// postal codes, and a code of a former municipality gives that former name, which still
// reads right in an address: 1570 gives "Galmaarden" although the municipality is now
// Pajottegem, and 3900 "Overpelt" although it is now Pelt.
var postcodeNames = map[string]string{
	// Brussels-Capital Region
	"1000": "Brussel", "1030": "Schaarbeek", "1040": "Etterbeek", "1050": "Elsene",
	"1060": "Sint-Gillis", "1070": "Anderlecht", "1080": "Sint-Jans-Molenbeek",
	"1081": "Koekelberg", "1082": "Sint-Agatha-Berchem", "1083": "Ganshoren", "1090": "Jette",
	"1140": "Evere", "1150": "Sint-Pieters-Woluwe", "1160": "Oudergem",
	"1170": "Watermaal-Bosvoorde", "1180": "Ukkel", "1190": "Vorst",
	"1200": "Sint-Lambrechts-Woluwe", "1210": "Sint-Joost-ten-Node",

	// Flemish Brabant
	"1500": "Halle", "1540": "Herne", "1547": "Bever", "1560": "Hoeilaart", "1570": "Galmaarden",
	"1600": "Sint-Pieters-Leeuw", "1620": "Drogenbos", "1630": "Linkebeek",
	"1640": "Sint-Genesius-Rode", "1650": "Beersel", "1670": "Pepingen", "1700": "Dilbeek",
	"1730": "Asse", "1740": "Ternat", "1745": "Opwijk", "1750": "Lennik", "1755": "Gooik",
	"1760": "Roosdaal", "1770": "Liedekerke", "1780": "Wemmel", "1785": "Merchtem",
	"1790": "Affligem", "1800": "Vilvoorde", "1820": "Steenokkerzeel", "1830": "Machelen",
	"1840": "Londerzeel", "1850": "Grimbergen", "1860": "Meise", "1880": "Kapelle-op-den-Bos",
	"1910": "Kampenhout", "1930": "Zaventem", "1950": "Kraainem", "1970": "Wezembeek-Oppem",
	"1980": "Zemst", "3000": "Leuven", "3020": "Herent", "3040": "Huldenberg",
	"3050": "Oud-Heverlee", "3060": "Bertem", "3070": "Kortenberg", "3080": "Tervuren",
	"3090": "Overijse", "3110": "Rotselaar", "3120": "Tremelo", "3130": "Begijnendijk",
	"3140": "Keerbergen", "3150": "Haacht", "3190": "Boortmeerbeek", "3200": "Aarschot",
	"3210": "Lubbeek", "3220": "Holsbeek", "3270": "Scherpenheuvel-Zichem", "3290": "Diest",
	"3300": "Tienen", "3320": "Hoegaarden", "3350": "Linter", "3360": "Bierbeek",
	"3370": "Boutersem", "3380": "Glabbeek", "3390": "Tielt-Winge", "3400": "Landen",
	"3440": "Zoutleeuw", "3450": "Geetbets", "3460": "Bekkevoort", "3470": "Kortenaken",

	// Antwerp
	"2000": "Antwerpen", "2018": "Antwerpen", "2020": "Antwerpen", "2030": "Antwerpen",
	"2050": "Antwerpen", "2060": "Antwerpen", "2070": "Zwijndrecht", "2100": "Deurne",
	"2110": "Wijnegem", "2140": "Borgerhout", "2150": "Borsbeek", "2160": "Wommelgem",
	"2170": "Merksem", "2180": "Ekeren", "2200": "Herentals", "2220": "Heist-op-den-Berg",
	"2230": "Herselt", "2235": "Hulshout", "2240": "Zandhoven", "2250": "Olen",
	"2260": "Westerlo", "2270": "Herenthout", "2275": "Lille", "2280": "Grobbendonk",
	"2290": "Vorselaar", "2300": "Turnhout", "2310": "Rijkevorsel", "2320": "Hoogstraten",
	"2330": "Merksplas", "2340": "Beerse", "2350": "Vosselaar", "2360": "Oud-Turnhout",
	"2370": "Arendonk", "2380": "Ravels", "2387": "Baarle-Hertog", "2390": "Malle",
	"2400": "Mol", "2430": "Laakdal", "2440": "Geel", "2450": "Meerhout", "2460": "Kasterlee",
	"2470": "Retie", "2480": "Dessel", "2490": "Balen", "2500": "Lier", "2520": "Ranst",
	"2530": "Boechout", "2540": "Hove", "2547": "Lint", "2550": "Kontich", "2560": "Nijlen",
	"2570": "Duffel", "2580": "Putte", "2590": "Berlaar", "2600": "Berchem",
	"2610": "Wilrijk", "2620": "Hemiksem", "2627": "Schelle", "2630": "Aartselaar",
	"2640": "Mortsel", "2650": "Edegem", "2660": "Hoboken", "2800": "Mechelen",
	"2820": "Bonheiden", "2830": "Willebroek", "2840": "Rumst", "2845": "Niel", "2850": "Boom",
	"2860": "Sint-Katelijne-Waver", "2870": "Puurs", "2880": "Bornem", "2890": "Sint-Amands",
	"2900": "Schoten", "2910": "Essen", "2920": "Kalmthout", "2930": "Brasschaat",
	"2940": "Stabroek", "2950": "Kapellen", "2960": "Brecht", "2970": "Schilde",
	"2980": "Zoersel", "2990": "Wuustwezel",

	// Limburg
	"3500": "Hasselt", "3520": "Zonhoven", "3530": "Houthalen-Helchteren",
	"3540": "Herk-de-Stad", "3545": "Halen", "3550": "Heusden-Zolder", "3560": "Lummen",
	"3570": "Alken", "3580": "Beringen", "3590": "Diepenbeek", "3600": "Genk",
	"3620": "Lanaken", "3630": "Maasmechelen", "3640": "Kinrooi", "3650": "Dilsen-Stokkem",
	"3660": "Opglabbeek", "3665": "As", "3670": "Meeuwen-Gruitrode", "3680": "Maaseik",
	"3690": "Zutendaal", "3700": "Tongeren", "3717": "Herstappe", "3720": "Kortessem",
	"3730": "Hoeselt", "3740": "Bilzen", "3770": "Riemst", "3790": "Voeren",
	"3800": "Sint-Truiden", "3830": "Wellen", "3840": "Borgloon", "3850": "Nieuwerkerken",
	"3870": "Heers", "3890": "Gingelom", "3900": "Overpelt", "3910": "Neerpelt",
	"3920": "Lommel", "3930": "Hamont-Achel", "3940": "Hechtel-Eksel", "3945": "Ham",
	"3950": "Bocholt", "3960": "Bree", "3970": "Leopoldsburg", "3980": "Tessenderlo",
	"3990": "Peer",

	// West Flanders
	"8000": "Brugge", "8020": "Oostkamp", "8210": "Zedelgem", "8300": "Knokke-Heist",
	"8340": "Damme", "8370": "Blankenberge", "8377": "Zuienkerke", "8400": "Oostende",
	"8420": "De Haan", "8430": "Middelkerke", "8450": "Bredene", "8460": "Oudenburg",
	"8470": "Gistel", "8480": "Ichtegem", "8490": "Jabbeke", "8500": "Kortrijk",
	"8520": "Kuurne", "8530": "Harelbeke", "8540": "Deerlijk", "8550": "Zwevegem",
	"8560": "Wevelgem", "8570": "Anzegem", "8580": "Avelgem", "8587": "Spiere-Helkijn",
	"8600": "Diksmuide", "8610": "Kortemark", "8620": "Nieuwpoort", "8630": "Veurne",
	"8640": "Vleteren", "8647": "Lo-Reninge", "8650": "Houthulst", "8660": "De Panne",
	"8670": "Koksijde", "8680": "Koekelare", "8690": "Alveringem", "8700": "Tielt",
	"8710": "Wielsbeke", "8720": "Dentergem", "8730": "Beernem", "8740": "Pittem",
	"8750": "Wingene", "8755": "Ruiselede", "8760": "Meulebeke", "8770": "Ingelmunster",
	"8780": "Oostrozebeke", "8790": "Waregem", "8800": "Roeselare", "8810": "Lichtervelde",
	"8820": "Torhout", "8830": "Hooglede", "8840": "Staden", "8850": "Ardooie",
	"8860": "Lendelede", "8870": "Izegem", "8880": "Ledegem", "8890": "Moorslede",
	"8900": "Ieper", "8920": "Langemark-Poelkapelle", "8930": "Menen", "8940": "Wervik",
	"8950": "Heuvelland", "8957": "Mesen", "8970": "Poperinge", "8980": "Zonnebeke",

	// East Flanders
	"9000": "Gent", "9060": "Zelzate", "9070": "Destelbergen", "9080": "Lochristi",
	"9090": "Melle", "9100": "Sint-Niklaas", "9120": "Beveren", "9140": "Temse",
	"9150": "Kruibeke", "9160": "Lokeren", "9170": "Sint-Gillis-Waas", "9180": "Moerbeke",
	"9185": "Wachtebeke", "9190": "Stekene", "9200": "Dendermonde", "9220": "Hamme",
	"9230": "Wetteren", "9240": "Zele", "9250": "Waasmunster", "9255": "Buggenhout",
	"9260": "Wichelen", "9270": "Laarne", "9280": "Lebbeke", "9290": "Berlare",
	"9300": "Aalst", "9340": "Lede", "9400": "Ninove", "9420": "Erpe-Mere",
	"9450": "Haaltert", "9470": "Denderleeuw", "9500": "Geraardsbergen",
	"9520": "Sint-Lievens-Houtem", "9550": "Herzele", "9570": "Lierde", "9600": "Ronse",
	"9620": "Zottegem", "9630": "Zwalm", "9660": "Brakel", "9667": "Horebeke",
	"9680": "Maarkedal", "9690": "Kluisbergen", "9700": "Oudenaarde", "9750": "Zingem",
	"9770": "Kruishoutem", "9790": "Wortegem-Petegem", "9800": "Deinze", "9810": "Nazareth",
	"9820": "Merelbeke", "9830": "Sint-Martens-Latem", "9840": "De Pinte", "9850": "Nevele",
	"9860": "Oosterzele", "9870": "Zulte", "9880": "Aalter", "9890": "Gavere",
	"9900": "Eeklo", "9910": "Knesselare", "9920": "Lovendegem", "9930": "Zomergem",
	"9940": "Evergem", "9950": "Waarschoot", "9960": "Assenede", "9970": "Kaprijke",
	"9980": "Sint-Laureins", "9990": "Maldegem",

	// Wallonia: the larger towns only
	"1300": "Wavre", "1400": "Nivelles", "4000": "Liège", "4800": "Verviers",
	"5000": "Namur", "6000": "Charleroi", "6700": "Arlon", "7000": "Mons",
	"7100": "La Louvière", "7500": "Tournai",
}
