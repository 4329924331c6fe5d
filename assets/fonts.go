package assets

import "embed"

// The receipt font ships inside the binary: a kiosk's printer output must not depend on
// which fonts happen to be installed, and the core PDF fonts cannot show "ß" or "€" in
// UTF-8 (FYNE-NOTES.md). DejaVu Sans 2.37 from Debian's fonts-dejavu-core; its licence is
// fonts/LICENSE-DejaVu.txt.
//
//go:embed fonts/*.ttf
var fonts embed.FS

// Font returns an embedded TrueType font by file name ("DejaVuSans.ttf",
// "DejaVuSans-Bold.ttf"), or nil when there is none by that name.
func Font(name string) []byte {
	b, err := fonts.ReadFile("fonts/" + name)
	if err != nil {
		return nil
	}
	return b
}
