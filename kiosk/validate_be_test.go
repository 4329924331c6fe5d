package kiosk_test

import (
	"fmt"
	"testing"

	"loket/kiosk"
)

// The check digits in these tables were computed once by hand-written arithmetic and are
// kept as literals, so a wrong formula in the code cannot agree with itself.

func TestValidateRRN(t *testing.T) {
	checkAnswers(t, kiosk.ValidateRRN, []answerCase{
		accepts("85.07.30-033.28", "85073003328"), // born 1985
		accepts("85073003328", "85073003328"),
		accepts(" 85 07 30 033 28 ", "85073003328"),
		accepts("850730/033-28", "85073003328"),
		accepts("00.01.01-001.05", "00010100105"), // born 2000: 2000000000 + first 9
		accepts("00010100173", "00010100173"),     // same first 9, born 1900
		accepts("05073005997", "05073005997"),     // born 2005, check digits 97 (remainder 0)
		accepts("85073006197", "85073006197"),     // born 1985, check digits 97
		accepts("00022900145", "00022900145"),     // 29 February 2000
		accepts("04022900103", "04022900103"),     // 29 February 1904
		accepts("04022900132", "04022900132"),     // 29 February 2004
		accepts("24022900164", "24022900164"),     // 29 February 2024
		accepts("85123100165", "85123100165"),     // 31 December
		accepts("85273003371", "85273003371"),     // BIS, month + 20, 1985
		accepts("85473003317", "85473003317"),     // BIS, month + 40, 1985
		accepts("00210100148", "00210100148"),     // BIS, month + 20, 2000
		accepts("00210100119", "00210100119"),     // BIS, month + 20, 1900
		accepts("00410100191", "00410100191"),     // BIS, month + 40, 2000
		accepts("85320100138", "85320100138"),     // BIS, December + 20
		accepts("85000000138", "85000000138"),     // birth date unknown
		accepts("85200000181", "85200000181"),     // BIS, birth date unknown
		accepts("85400000127", "85400000127"),     // BIS, birth date unknown

		refuses("", "rrn.format"),
		refuses("8507300332", "rrn.format"),   // 10 digits
		refuses("850730033288", "rrn.format"), // 12 digits
		refuses("85.07.30-033.2A", "rrn.format"),
		refuses("85.07.30 033 28 1", "rrn.format"),
		refuses("85073003329", "rrn.checksum"), // last digit changed
		refuses("85073013328", "rrn.checksum"), // a middle digit changed
		refuses("58073003328", "rrn.checksum"), // first two swapped
		refuses("85073003382", "rrn.checksum"), // check digits swapped
		refuses("00022900116", "rrn.date"),     // 29 February 1900: 1900 was no leap year
		refuses("10022900132", "rrn.date"),     // 29 February 1910
		refuses("10022900161", "rrn.date"),     // 29 February 2010
		refuses("85023000125", "rrn.date"),     // 30 February
		refuses("85043100109", "rrn.date"),     // 31 April
		refuses("85073200197", "rrn.date"),     // day 32
		refuses("85000100108", "rrn.date"),     // month unknown but day given
		refuses("85010000145", "rrn.date"),     // day 0 in a known month
		refuses("85200100151", "rrn.date"),     // BIS, month unknown but day given
		refuses("00200100141", "rrn.date"),     // the same, born 2000
		refuses("85130100102", "rrn.date"),     // month 13
		refuses("85330100145", "rrn.date"),     // BIS month 33
		refuses("85530100188", "rrn.date"),     // BIS month 53
		refuses("85600100140", "rrn.date"),     // month 60
	})
}

func TestFormatRRN(t *testing.T) {
	checkFormat(t, kiosk.FormatRRN, map[string]string{
		"85073003328":     "85.07.30-033.28",
		"00410100191":     "00.41.01-001.91",
		"":                "",
		"8507300332":      "8507300332",
		"8507300332a":     "8507300332a",
		"85.07.30-033.28": "85.07.30-033.28",
	})
}

func TestValidateIBAN(t *testing.T) {
	checkAnswers(t, kiosk.ValidateIBAN, []answerCase{
		accepts("BE68539007547034", "BE68539007547034"),
		accepts("BE68 5390 0754 7034", "BE68539007547034"),
		accepts("be68 5390 0754 7034", "BE68539007547034"),
		accepts("BE68-5390-0754-7034", "BE68539007547034"),
		accepts("BE68.5390.0754.7034", "BE68539007547034"),
		accepts(" BE71 0961 2345 6769 ", "BE71096123456769"),
		accepts("BE54 0000 0000 0097", "BE54000000000097"), // first 10 mod 97 is 0: check 97

		refuses("", "iban.format"),
		refuses("BE6853900754703", "iban.format"),        // 13 digits
		refuses("BE685390075470345", "iban.format"),      // 15 digits
		accepts("68 5390 0754 7034", "BE68539007547034"), // BE left out: the keypad has no letters
		refuses("68539007547035", "iban.checksum"),
		refuses("BE68 5390 0754 70A4", "iban.format"),
		refuses("NL91ABNA0417164301", "iban.format"), // foreign shape, wrong check digits
		refuses("NL91ABNA0417164300", "iban.country"),
		refuses("nl91 abna 0417 1643 00", "iban.country"),
		refuses("DE89 3704 0044 0532 0130 00", "iban.country"),
		refuses("FR14 2004 1010 0505 0001 3M02 606", "iban.country"),
		refuses("BE68539007547035", "iban.checksum"), // last digit changed
		refuses("BE68539007547043", "iban.checksum"), // last two swapped
		refuses("BE86539007547034", "iban.checksum"), // check digits swapped
		refuses("BE41539007547035", "iban.account"),  // IBAN check right, account check wrong
		refuses("BE54000000000000", "iban.account"),  // remainder 0 must be written 97
	})
}

func TestFormatIBAN(t *testing.T) {
	checkFormat(t, kiosk.FormatIBAN, map[string]string{
		"BE68539007547034":    "BE68 5390 0754 7034",
		"BE68 5390 0754 7034": "BE68 5390 0754 7034",
		"NL91ABNA0417164300":  "NL91 ABNA 0417 1643 00",
		"":                    "",
	})
}

func TestValidatePostcode(t *testing.T) {
	checkAnswers(t, kiosk.ValidatePostcode, []answerCase{
		accepts("9000", "9000"),
		accepts(" 9000 ", "9000"),
		accepts("1000", "1000"),
		accepts("9992", "9992"),
		accepts("B-9000", "9000"),
		accepts("b 3000", "3000"),
		refuses("", "postcode.format"),
		refuses("900", "postcode.format"),
		refuses("90000", "postcode.format"),
		refuses("9OOO", "postcode.format"), // letters O
		refuses("Gent", "postcode.format"),
		refuses("NL-1012", "postcode.format"),
		refuses("0999", "postcode.range"),
		refuses("0000", "postcode.range"),
		refuses("9993", "postcode.range"),
		refuses("9999", "postcode.range"),
	})
}

func TestPostcodeName(t *testing.T) {
	for code, want := range map[string]string{
		"1000": "Brussel", "2000": "Antwerpen", "3000": "Leuven", "8000": "Brugge",
		"9000": "Gent", "2800": "Mechelen", "3500": "Hasselt", "8500": "Kortrijk",
		"9300": "Aalst", "2300": "Turnhout", "8400": "Oostende", "9100": "Sint-Niklaas",
		"3800": "Sint-Truiden", "2500": "Lier", "9200": "Dendermonde", "1500": "Halle",
		"1800": "Vilvoorde", "3300": "Tienen", "8800": "Roeselare", "8900": "Ieper",
		"2400": "Mol", "2440": "Geel", "3600": "Genk", "1700": "Dilbeek", "4000": "Liège",
		"5000": "Namur", "6000": "Charleroi", "7000": "Mons",
		"9992": "", "0999": "", "abcd": "", "": "", // unknown or not a code: no name
	} {
		if got := kiosk.PostcodeName(code); got != want {
			t.Errorf("PostcodeName(%q) = %q, want %q", code, got, want)
		}
	}
	named := 0
	for n := range 10000 {
		code := fmt.Sprintf("%04d", n)
		if kiosk.PostcodeName(code) == "" {
			continue
		}
		named++
		if got, inv := kiosk.ValidatePostcode(code); inv != nil || got != code {
			t.Errorf("table holds %s, which ValidatePostcode refuses: %v", code, inv)
		}
	}
	if named < 300 { // every Flemish and Brussels municipality has its main code in the table
		t.Errorf("table names %d codes, want at least 300", named)
	}
}

func TestValidatePhone(t *testing.T) {
	checkAnswers(t, kiosk.ValidatePhone, []answerCase{
		accepts("0470 12 34 56", "+32470123456"),
		accepts("0470123456", "+32470123456"),
		accepts("0470/12.34.56", "+32470123456"),
		accepts("0470-12-34-56", "+32470123456"),
		accepts("+32 470 12 34 56", "+32470123456"),
		accepts("+32470123456", "+32470123456"),
		accepts("0032 470 12 34 56", "+32470123456"),
		accepts("+32 (0)470 12 34 56", "+32470123456"),
		accepts("+32 0470 12 34 56", "+32470123456"),
		accepts("09 123 45 67", "+3291234567"),
		accepts("(09) 123 45 67", "+3291234567"),
		accepts("09/123.45.67", "+3291234567"),
		accepts("+32 9 123 45 67", "+3291234567"),
		accepts("02 123 45 67", "+3221234567"),
		accepts("04 123 45 67", "+3241234567"), // a Liège landline: 04 with 9 digits
		accepts("050 12 34 56", "+3250123456"),

		refuses("", "phone.format"),
		refuses("0470 12 34 567", "phone.format"), // 11 digits
		refuses("09 123 45 6", "phone.format"),    // 8 digits
		refuses("0912345678", "phone.format"),     // 10 digits but not a mobile
		refuses("470 12 34 56", "phone.format"),   // no leading 0
		refuses("0470 12 34 5a", "phone.format"),
		refuses("+", "phone.format"),
		refuses("+32", "phone.format"),
		refuses("+32 12", "phone.format"),
		refuses("+32 470 12 34 567", "phone.format"),
		refuses("+0032 470 12 34 56", "phone.format"),
		refuses("+31 20 123 4567", "phone.foreign"),
		refuses("0031 20 123 4567", "phone.foreign"),
		refuses("+33 1 23 45 67 89", "phone.foreign"),
		refuses("+1 (555) 123-4567", "phone.foreign"),
	})
}

func TestFormatPhone(t *testing.T) {
	checkFormat(t, kiosk.FormatPhone, map[string]string{
		"+32470123456": "0470 12 34 56",
		"+3291234567":  "09 123 45 67",
		"+3221234567":  "02 123 45 67",
		"+3231234567":  "03 123 45 67",
		"+3241234567":  "04 123 45 67",
		"+3250123456":  "050 12 34 56",
		"+3211223344":  "011 22 33 44",
		"":             "",
		"0470123456":   "0470123456",
		"+31201234567": "+31201234567",
		"+32abc":       "+32abc",
	})
}

func TestValidatePlate(t *testing.T) {
	checkAnswers(t, kiosk.ValidatePlate, []answerCase{
		accepts("1-ABC-123", "1-ABC-123"),
		accepts("1abc123", "1-ABC-123"),
		accepts("1 ABC 123", "1-ABC-123"),
		accepts("1.abc.123", "1-ABC-123"),
		accepts("2-XYZ-999", "2-XYZ-999"),
		accepts("ABC-123", "ABC-123"),
		accepts("abc 123", "ABC-123"),
		accepts("123-ABC", "123-ABC"),
		accepts("123abc", "123-ABC"),
		refuses("", "plate.format"),
		refuses("0-ABC-123", "plate.format"), // series start at 1
		refuses("1-AB-123", "plate.format"),
		refuses("1-ABC-12", "plate.format"),
		refuses("1-ABC-1234", "plate.format"),
		refuses("12-ABC-12", "plate.format"),
		refuses("AB-1234", "plate.format"),
		refuses("1-ÄBC-123", "plate.format"),
		refuses("1-ıbc-123", "plate.format"), // dotless i must not pass as I
		refuses("JAN", "plate.format"),       // personalised plates are not taken
	})
}

// checkFormat compares a Format function's output with the wanted printed forms.
func checkFormat(t *testing.T, format func(string) string, cases map[string]string) {
	t.Helper()
	for in, want := range cases {
		if got := format(in); got != want {
			t.Errorf("format(%q) = %q, want %q", in, got, want)
		}
	}
}
