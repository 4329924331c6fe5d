package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// kioskTheme is Fyne's light theme made for people who read poorly and have never used a
// touch screen: 24 px body text on a 1080p screen at scale 1 (KIOSK-UX.md: 6 mm capital H at
// 50 cm), 36 px questions, buttons at least 48 dp high with room between them, and text in
// near-black on white (contrast above 15:1, AAA asks 7:1).
type kioskTheme struct{ base fyne.Theme }

// NewTheme returns the kiosk's theme.
func NewTheme() fyne.Theme { return &kioskTheme{base: theme.DefaultTheme()} }

// Colours of the kiosk, chosen for contrast on white.
var (
	colorText       = color.NRGBA{0x1A, 0x1A, 0x1A, 0xFF} // 17.4:1 on white
	colorBackground = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	colorPrimary    = color.NRGBA{0x00, 0x4B, 0x87, 0xFF} // white on it: 9.0:1
	colorButton     = color.NRGBA{0xE8, 0xEC, 0xF1, 0xFF} // text on it: 14.8:1
	colorError      = color.NRGBA{0xB0, 0x00, 0x20, 0xFF} // 7.4:1 on white
	colorDisabled   = color.NRGBA{0x55, 0x55, 0x55, 0xFF} // 7.5:1 on white
	colorInput      = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	colorBorder     = color.NRGBA{0x4A, 0x4A, 0x4A, 0xFF} // 8.9:1: input edges stay visible
	colorChosen     = color.NRGBA{0xD4, 0xE5, 0xF7, 0xFF} // a chosen option; text on it: 14:1
	colorSuccess    = color.NRGBA{0x00, 0x6B, 0x2E, 0xFF} // 6.9:1, always with words
)

func (k *kioskTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNameForeground, theme.ColorNameForegroundOnSuccess:
		return colorText
	case theme.ColorNameBackground, theme.ColorNameOverlayBackground, theme.ColorNameMenuBackground:
		return colorBackground
	case theme.ColorNamePrimary, theme.ColorNameFocus, theme.ColorNameHyperlink:
		return colorPrimary
	case theme.ColorNameForegroundOnPrimary, theme.ColorNameForegroundOnError:
		return colorBackground
	case theme.ColorNameButton:
		return colorButton
	case theme.ColorNameError:
		return colorError
	case theme.ColorNameDisabled, theme.ColorNamePlaceHolder:
		return colorDisabled
	case theme.ColorNameInputBackground:
		return colorInput
	case theme.ColorNameInputBorder, theme.ColorNameSeparator:
		return colorBorder
	case theme.ColorNameSuccess:
		return colorSuccess
	}
	return k.base.Color(n, theme.VariantLight)
}

func (k *kioskTheme) Font(s fyne.TextStyle) fyne.Resource     { return k.base.Font(s) }
func (k *kioskTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return k.base.Icon(n) }

// Sizes of the kiosk theme, in dp (px on a 1080p screen at scale 1).
const (
	sizeText       = 24
	sizeHeading    = 36
	sizeSubHeading = 30
	sizeReference  = 72
)

func (k *kioskTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return sizeText
	case theme.SizeNameHeadingText:
		return sizeHeading
	case theme.SizeNameSubHeadingText:
		return sizeSubHeading
	case theme.SizeNameCaptionText:
		return 20
	case theme.SizeNamePadding:
		return 8
	case theme.SizeNameInnerPadding:
		return 14
	case theme.SizeNameInlineIcon:
		return 32
	case theme.SizeNameInputBorder:
		return 2
	case theme.SizeNameInputRadius, theme.SizeNameSelectionRadius:
		return 6
	}
	return k.base.Size(n)
}
