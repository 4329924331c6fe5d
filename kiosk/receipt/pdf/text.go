package pdf

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font/sfnt"

	"loket/assets"
)

// coverage records which characters of the Basic Multilingual Plane the embedded font can
// draw. A citizen's free-text answer may hold an emoji or a script DejaVu Sans lacks;
// gofpdf would print an empty box, or index past its width table for characters above
// U+FFFF. Such characters become "?" instead.
var coverage = sync.OnceValue(func() []bool {
	has := make([]bool, 0x10000)
	f, err := sfnt.Parse(assets.Font(fontRegular))
	if err != nil {
		return has // no glyph known: every character prints as "?", and the tests fail loudly
	}
	var buf sfnt.Buffer
	for r := rune(0x20); r < 0x10000; r++ {
		if i, err := f.GlyphIndex(&buf, r); err == nil && i != 0 {
			has[r] = true
		}
	}
	return has
})

// printable replaces characters the font cannot draw, and control characters, with "?";
// newlines are kept.
func printable(s string) string {
	has := coverage()
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case r < 0x10000 && has[r]:
			return r
		}
		return '?'
	}, s)
}

// nbsp is the no-break space: the line wrapper never breaks there.
const nbsp = '\u00a0'

// keepTogether glues French punctuation and the euro sign to the word before it
// ("maintenant ?", "« code »", "0,50 €"), so that a line never starts with a lone "?" or
// "€", or ends with a lone "«".
func keepTogether(s string) string {
	r := strings.NewReplacer(" ?", "\u00a0?", " !", "\u00a0!", " :", "\u00a0:", " ;", "\u00a0;",
		"« ", "«\u00a0", " »", "\u00a0»", " €", "\u00a0€")
	return r.Replace(s)
}

// wrap splits text into lines no wider than width (in the unit of measure), breaking at
// ordinary spaces and newlines only, and inside a word only when the word alone is too
// wide (an e-mail address, a long reference). measure gives a string's width in the
// current font.
func wrap(text string, width float64, measure func(string) float64) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		words := strings.FieldsFunc(para, func(r rune) bool { return r == ' ' || (unicode.IsSpace(r) && r != nbsp) })
		if len(words) == 0 {
			lines = append(lines, "")
			continue
		}
		line := ""
		for _, w := range words {
			candidate := w
			if line != "" {
				candidate = line + " " + w
			}
			if measure(candidate) <= width {
				line = candidate
				continue
			}
			if line != "" {
				lines = append(lines, line)
			}
			line = w
			for measure(line) > width {
				head, tail := splitWord(line, width, measure)
				lines = append(lines, head)
				line = tail
			}
		}
		lines = append(lines, line)
	}
	return lines
}

// splitWord cuts the longest head of w that fits width; at least one character, so that
// wrap always ends.
func splitWord(w string, width float64, measure func(string) float64) (string, string) {
	runes := []rune(w)
	n := 1
	for n < len(runes) && measure(string(runes[:n+1])) <= width {
		n++
	}
	return string(runes[:n]), string(runes[n:])
}
