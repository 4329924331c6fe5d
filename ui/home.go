package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"loket/kiosk"
)

// languageNames are the languages in their own names; never flags (a flag is a country).
var languageNames = map[kiosk.Lang]string{kiosk.NL: "Nederlands", kiosk.FR: "Français", kiosk.EN: "English"}

// topBar is always visible: the municipality, the language choice, Help and, in a flow,
// Stop.
type topBar struct {
	k     *Kiosk
	title *widget.Label
	langs map[kiosk.Lang]*widget.Button
	help  *widget.Button
	// helper shows that a digital helper is logged in; tapping it ends helper mode.
	helper *widget.Button
	stop   *widget.Button
	bg     *canvas.Rectangle
	right  *fyne.Container // the buttons, laid out again when one shows or hides
	box    fyne.CanvasObject
}

func newTopBar(k *Kiosk) *topBar {
	b := &topBar{k: k, langs: map[kiosk.Lang]*widget.Button{}}
	b.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.title.Truncation = fyne.TextTruncateEllipsis
	b.help = button("", k.icon("help"), false, k.onHelp)
	b.helper = button("", nil, true, func() { k.assisted = false; b.update() })
	b.stop = button("", k.icon("home"), false, b.onStop)
	right := []fyne.CanvasObject{}
	for _, l := range k.deps.Config.Kiosk.Languages {
		l := l
		btn := widget.NewButton(languageNames[l], func() { k.SetLang(l) })
		b.langs[l] = btn
		right = append(right, sized(btn, 160, heightButton))
	}
	right = append(right, sized(b.helper, 0, heightButton), sized(b.help, 0, heightButton), sized(b.stop, 0, heightButton))
	b.bg = canvas.NewRectangle(k.pal().button)
	b.right = container.NewHBox(right...)
	b.box = container.NewStack(b.bg, container.NewPadded(container.NewBorder(nil, nil,
		widget.NewIcon(k.icon("home")), b.right, b.title)))
	return b
}

func (b *topBar) content() fyne.CanvasObject { return b.box }

// update shows the session's language as chosen and offers Stop only inside a flow.
func (b *topBar) update() {
	k := b.k
	b.title.SetText(k.deps.Config.Municipality.Name)
	b.bg.FillColor = k.pal().button
	b.bg.Refresh()
	for l, btn := range b.langs {
		btn.Importance = widget.MediumImportance
		if l == k.lang {
			btn.Importance = widget.HighImportance
		}
		btn.Refresh()
	}
	b.help.SetText(k.t("bar.help"))
	b.helper.SetText(k.t("bar.helper.leave"))
	if k.assisted {
		b.helper.Show()
	} else {
		b.helper.Hide()
	}
	b.stop.SetText(k.t("bar.stop"))
	if k.inFlow() {
		b.stop.Show()
	} else {
		b.stop.Hide()
	}
	for _, o := range b.right.Objects {
		o.Refresh() // a button that just showed gets its width back
	}
	b.right.Refresh()
}

func (b *topBar) onStop() {
	if b.k.flow != nil && b.k.flow.DraftID() != 0 {
		b.k.show(func() screen { return newStopScreen(b.k) })
		return
	}
	b.k.Home()
}

// footBar holds what helps a citizen read, on every screen: larger text, high contrast,
// and reading the screen aloud.
type footBar struct {
	k        *Kiosk
	larger   *widget.Button
	contrast *widget.Button
	speak    *widget.Button
	quiet    *widget.Button
	box      *fyne.Container
}

func newFootBar(k *Kiosk) *footBar {
	f := &footBar{k: k}
	f.larger = button("", nil, false, k.onTextSize)
	f.contrast = button("", nil, false, k.onContrast)
	f.speak = button("", k.icon("speaker"), false, k.onSpeak)
	f.quiet = button("", nil, false, k.onQuiet)
	margin := canvas.NewRectangle(color.Transparent)
	margin.SetMinSize(fyne.NewSize(40, 1))
	f.box = container.NewHBox(margin, sized(f.larger, 0, heightSmall), sized(f.contrast, 0, heightSmall),
		layout.NewSpacer(), sized(f.speak, 0, heightSmall), sized(f.quiet, 0, heightSmall), margin)
	return f
}

func (f *footBar) update() {
	k := f.k
	f.larger.SetText(k.t("bar.larger", itoa(int(textScales[(k.looks.textStep+1)%len(textScales)]*100))))
	f.contrast.SetText(k.t(map[bool]string{false: "bar.contrast.on", true: "bar.contrast.off"}[k.looks.contrast]))
	f.speak.SetText(k.t("bar.speak"))
	f.quiet.SetText(k.t("bar.quiet"))
	if k.speechAvailable() {
		f.speak.Show()
		f.quiet.Show()
	} else {
		f.speak.Hide()
		f.quiet.Hide()
	}
	for _, o := range f.box.Objects {
		o.Refresh()
	}
	f.box.Refresh()
}

// homeScreen offers the categories as large tiles, and "Continue a saved form".
type homeScreen struct {
	k      *Kiosk
	tiles  map[string]*widget.Button
	resume *widget.Button
	box    fyne.CanvasObject
}

func newHomeScreen(k *Kiosk) *homeScreen {
	s := &homeScreen{k: k, tiles: map[string]*widget.Button{}}
	grid := container.NewGridWithColumns(4)
	for _, cat := range k.deps.Catalogue.UsedCategories() {
		cat := cat
		b, t := tile(k.deps.Pictures[categoryIcon[cat]], k.t("category."+cat), "", func() { s.onCategory(cat) })
		s.tiles[cat] = b
		grid.Add(sized(t, 0, 220))
	}
	s.resume = button(k.t("home.resume"), k.icon("resume"), false, s.onResume)
	top := container.NewVBox(heading(k.t("home.title")), para(k.t("home.intro")), grid)
	s.box = page(top, actions([]fyne.CanvasObject{s.resume}, nil))
	return s
}

// categoryIcon is the pictogram of each home tile.
var categoryIcon = map[string]string{"certificates": "certificate", "appointments": "calendar",
	"street": "report", "waste": "bulky-waste", "permits": "container", "premiums": "euro",
	"learning": "computer", "questions": "question"}

func (s *homeScreen) content() fyne.CanvasObject { return s.box }
func (s *homeScreen) hold()                      {}

func (s *homeScreen) onCategory(cat string) {
	services := s.k.deps.Catalogue.InCategory(cat, s.k.lang)
	if len(services) == 1 {
		s.k.startService(services[0])
		return
	}
	s.k.show(func() screen { return newCategoryScreen(s.k, cat) })
}

func (s *homeScreen) onResume() { s.k.show(func() screen { return newResumeScreen(s.k) }) }

// categoryScreen lists the services of one category as tiles with their summary.
type categoryScreen struct {
	k     *Kiosk
	tiles map[string]*widget.Button
	back  *widget.Button
	box   fyne.CanvasObject
}

func newCategoryScreen(k *Kiosk, cat string) *categoryScreen {
	s := &categoryScreen{k: k, tiles: map[string]*widget.Button{}}
	grid := container.NewGridWithColumns(3)
	for _, svc := range k.deps.Catalogue.InCategory(cat, k.lang) {
		svc := svc
		b, t := tile(k.deps.Pictures[svc.Pictogram], svc.Title.In(k.lang), svc.Summary.In(k.lang), func() { k.startService(svc) })
		s.tiles[svc.ID] = b
		grid.Add(sized(t, 0, 300))
	}
	s.back = button(k.t("nav.back"), k.icon("back"), false, k.Home)
	s.box = page(container.NewVBox(heading(k.t("category."+cat)), grid, layout.NewSpacer()),
		actions([]fyne.CanvasObject{s.back}, nil))
	return s
}

func (s *categoryScreen) content() fyne.CanvasObject { return s.box }
func (s *categoryScreen) hold()                      {}
