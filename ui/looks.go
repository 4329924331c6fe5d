package ui

// pal returns the colours of the session's theme, for what the screens paint themselves.
func (k *Kiosk) pal() palette { return themeFor(k.looks).pal }

// textSize scales a text size to the session's text step.
func (k *Kiosk) textSize(size float32) float32 { return size * textScales[k.looks.textStep] }

// setLooks applies a text size and contrast to the whole window and rebuilds the screen.
func (k *Kiosk) setLooks(l looks) {
	if l == k.looks && k.themed {
		return
	}
	k.looks, k.themed = l, true
	if k.deps.Settings != nil {
		k.deps.Settings.SetTheme(themeFor(l))
	}
	k.bar.update()
	k.foot.update()
}

// onTextSize steps the text larger, and from the largest back to the first.
func (k *Kiosk) onTextSize() {
	l := k.looks
	l.textStep = (l.textStep + 1) % len(textScales)
	k.setLooks(l)
	k.current.hold()
	k.show(k.rebuild)
}

// onContrast switches between the default colours and high contrast.
func (k *Kiosk) onContrast() {
	l := k.looks
	l.contrast = !l.contrast
	k.setLooks(l)
	k.current.hold()
	k.show(k.rebuild)
}

// optionsPerPage and rowsPerPage keep choices and check-your-answers on one screen at
// every text size (TestEveryScreenFits); larger text shows fewer per page.
// Options with a hint under them take three lines or more, so fewer fit.
func (k *Kiosk) optionsPerPage(withHints bool) int {
	if withHints {
		return []int{4, 3, 2}[k.looks.textStep]
	}
	return []int{6, 4, 4}[k.looks.textStep]
}
func (k *Kiosk) rowsPerPage() int { return []int{5, 4, 3}[k.looks.textStep] }
