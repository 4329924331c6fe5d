package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// kioskTheme is Fyne's light theme made for people who read poorly and have never used a
// touch screen: 24 px body text on a 1080p screen at scale 1 (KIOSK-UX.md: 6 mm capital H at
// 50 cm), 36 px questions, buttons at least 48 dp high with room between them, and text in
// near-black on white (contrast above 15:1, AAA asks 7:1). A citizen can make the text
// larger and switch to high contrast (light text on black) from every screen.
type kioskTheme struct {
	base  fyne.Theme
	scale float32 // text size step: 1, 1.15 or 1.3
	pal   palette
}

// NewTheme returns the kiosk's default theme.
func NewTheme() fyne.Theme { return themeFor(defaultLooks) }

func themeFor(l looks) *kioskTheme {
	t := &kioskTheme{base: theme.DefaultTheme(), scale: textScales[l.textStep], pal: normalPalette}
	if l.contrast {
		t.pal = contrastPalette
	}
	return t
}

// palette is every colour the kiosk paints with. Each text colour is listed with the
// background it stands on, and TestContrast checks every such pair.
type palette struct {
	text, background, primary, onPrimary, button, error, disabled, input, border,
	success, onSuccess, chosen color.NRGBA
}

var normalPalette = palette{
	text:       color.NRGBA{0x1A, 0x1A, 0x1A, 0xFF}, // 17.4:1 on white
	background: color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF},
	primary:    color.NRGBA{0x00, 0x4B, 0x87, 0xFF}, // white on it: 9.0:1
	onPrimary:  color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF},
	button:     color.NRGBA{0xE8, 0xEC, 0xF1, 0xFF}, // text on it: 14.8:1
	error:      color.NRGBA{0xA0, 0x00, 0x1C, 0xFF}, // 8.4:1 on white
	disabled:   color.NRGBA{0x55, 0x55, 0x55, 0xFF}, // 7.5:1 on white
	input:      color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF},
	border:     color.NRGBA{0x4A, 0x4A, 0x4A, 0xFF}, // 8.9:1: input edges stay visible
	success:    color.NRGBA{0x00, 0x5A, 0x26, 0xFF}, // white on it: 8.3:1
	onSuccess:  color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF},
	chosen:     color.NRGBA{0xD4, 0xE5, 0xF7, 0xFF}, // text on it: 14:1
}

var contrastPalette = palette{
	text:       color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}, // 21:1 on black
	background: color.NRGBA{0x00, 0x00, 0x00, 0xFF},
	primary:    color.NRGBA{0xFF, 0xD4, 0x00, 0xFF}, // black on it: 14.4:1
	onPrimary:  color.NRGBA{0x00, 0x00, 0x00, 0xFF},
	button:     color.NRGBA{0x26, 0x26, 0x26, 0xFF}, // white on it: 15.1:1
	error:      color.NRGBA{0xFF, 0x8A, 0x8A, 0xFF}, // 9.4:1 on black
	disabled:   color.NRGBA{0xBB, 0xBB, 0xBB, 0xFF},
	input:      color.NRGBA{0x00, 0x00, 0x00, 0xFF},
	border:     color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF},
	success:    color.NRGBA{0x00, 0x3D, 0x1A, 0xFF}, // white on it: 13:1
	onSuccess:  color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF},
	chosen:     color.NRGBA{0x4D, 0x40, 0x00, 0xFF}, // white on it: 10:1
}

// textScales are the text size steps a citizen can choose.
var textScales = []float32{1, 1.15, 1.3}

// looks is what a citizen chose for this session: text size and contrast.
type looks struct {
	textStep int
	contrast bool
}

var defaultLooks = looks{}

func (k *kioskTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	p := k.pal
	switch n {
	case theme.ColorNameForeground, theme.ColorNameForegroundOnSuccess:
		return p.text
	case theme.ColorNameBackground, theme.ColorNameOverlayBackground, theme.ColorNameMenuBackground:
		return p.background
	case theme.ColorNamePrimary, theme.ColorNameFocus, theme.ColorNameHyperlink:
		return p.primary
	case theme.ColorNameForegroundOnPrimary:
		return p.onPrimary
	case theme.ColorNameForegroundOnError:
		return p.background
	case theme.ColorNameButton:
		return p.button
	case theme.ColorNameError:
		return p.error
	case theme.ColorNameDisabled, theme.ColorNamePlaceHolder:
		return p.disabled
	case theme.ColorNameInputBackground:
		return p.input
	case theme.ColorNameInputBorder, theme.ColorNameSeparator:
		return p.border
	case theme.ColorNameSuccess:
		return p.success
	case theme.ColorNameHover, theme.ColorNamePressed:
		return color.NRGBA{p.primary.R, p.primary.G, p.primary.B, 0x30}
	}
	return k.base.Color(n, theme.VariantLight)
}

func (k *kioskTheme) Font(s fyne.TextStyle) fyne.Resource     { return k.base.Font(s) }
func (k *kioskTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return k.base.Icon(n) }

// Sizes of the kiosk theme at the first text step, in dp (px on a 1080p screen at scale 1).
const (
	sizeText       = 24
	sizeHeading    = 36
	sizeSubHeading = 30
	sizeReference  = 72
)

func (k *kioskTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText, theme.SizeNameCaptionText:
		return sizeText * k.scale
	case theme.SizeNameHeadingText:
		return sizeHeading * k.scale
	case theme.SizeNameSubHeadingText:
		return sizeSubHeading * k.scale
	case theme.SizeNamePadding:
		return 8
	case theme.SizeNameInnerPadding:
		return 14
	case theme.SizeNameInlineIcon:
		return 32 * k.scale
	case theme.SizeNameInputBorder:
		return 2
	case theme.SizeNameInputRadius, theme.SizeNameSelectionRadius:
		return 6
	}
	return k.base.Size(n)
}
