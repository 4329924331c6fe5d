package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loket/kiosk"
)

// answerInput is the input of a question screen; its value is what Step.Validate reads.
type answerInput interface {
	object() fyne.CanvasObject
	value() string
}

// focus is called with the entry the citizen tapped, so the keyboard types into it.
type focus func(*kioskEntry)

func newInput(k *Kiosk, st *kiosk.Step, current string, submit func(), focused focus) answerInput {
	switch st.Type {
	case kiosk.TypeChoice:
		return newChoiceInput(k, st.Options, current, false)
	case kiosk.TypeMultiChoice:
		return newChoiceInput(k, st.Options, current, true)
	case kiosk.TypeYesNo:
		return newChoiceInput(k, []kiosk.Option{
			{Value: "yes", Label: kiosk.Text{k.lang: k.t("answer.yes")}},
			{Value: "no", Label: kiosk.Text{k.lang: k.t("answer.no")}}}, current, false)
	case kiosk.TypeConsent:
		return newChoiceInput(k, []kiosk.Option{
			{Value: "yes", Label: kiosk.Text{k.lang: k.t("answer.consent")}}}, current, true)
	case kiosk.TypeAddress:
		return newAddressInput(k, current, focused)
	}
	return newEntryInput(k, st, current, submit, focused)
}

// entryInput is one text box, or a larger one for long text.
type entryInput struct{ entry *kioskEntry }

func newEntryInput(k *Kiosk, st *kiosk.Step, current string, submit func(), focused focus) *entryInput {
	e := newKioskEntry(keyboardMode(st.Type), st.Type == kiosk.TypeLongText, focused)
	if st.Type == kiosk.TypeLongText {
		e.SetMinRowsVisible(3)
	} else {
		e.OnSubmitted = func(string) { submit() }
	}
	e.SetText(current)
	e.OnChanged = func(string) { k.Touch() }
	return &entryInput{entry: e}
}

func (i *entryInput) object() fyne.CanvasObject { return sized(i.entry, 760, 0) }
func (i *entryInput) value() string             { return i.entry.Text }

// choiceInput shows options as big tiles; the chosen ones are filled and ticked, so the
// choice is not shown by colour alone. Option texts wrap: a button's label does not, and
// a long hint would make the window wider than the screen.
type choiceInput struct {
	options []kiosk.Option
	multi   bool
	chosen  []string
	buttons []*widget.Button
	marks   []*widget.Icon
	frames  []*canvas.Rectangle
	tiles   []fyne.CanvasObject
	grid    *fyne.Container
	page    int
	per     int // options per page
	prev    *widget.Button
	more    *widget.Button
	where   *widget.Label
	k       *Kiosk
	box     fyne.CanvasObject
}

func newChoiceInput(k *Kiosk, options []kiosk.Option, current string, multi bool) *choiceInput {
	c := &choiceInput{k: k, options: options, multi: multi}
	if current != "" {
		c.chosen = strings.Split(current, ",")
	}
	// Options with hints take the full width, one under the other; short ones sit in two
	// columns when there are more than four.
	withHints := slices.ContainsFunc(options, func(o kiosk.Option) bool { return !o.Hint.Empty() })
	cols := 1
	if len(options) > 4 && !withHints {
		cols = 2
	}
	for _, o := range options {
		o := o
		b := widget.NewButton("", func() { c.toggle(o.Value) })
		b.Importance = widget.LowImportance
		frame := canvas.NewRectangle(k.pal().button)
		frame.CornerRadius = 6
		mark := widget.NewIcon(nil)
		words := optionText(o.Label.In(k.lang), o.Hint.In(k.lang))
		row := container.NewBorder(nil, nil, sized(mark, 40, 40), nil, words)
		c.buttons, c.marks, c.frames = append(c.buttons, b), append(c.marks, mark), append(c.frames, frame)
		c.tiles = append(c.tiles, sized(container.NewStack(frame, b, container.NewPadded(row)), 0, heightPrimary))
	}
	c.grid = container.NewGridWithColumns(cols)
	c.prev = button(k.t("choice.previous"), nil, false, func() { c.showPage(c.page - 1) })
	c.more = button(k.t("choice.more"), nil, false, func() { c.showPage(c.page + 1) })
	c.where = widget.NewLabel("")
	box := container.NewVBox(c.grid)
	// Many options page with big buttons: dragging does not scroll on a desktop touch screen.
	c.per = k.optionsPerPage(withHints)
	if len(options) > c.per {
		box.Add(container.NewHBox(sized(c.prev, 0, heightButton), layout.NewSpacer(), c.where,
			layout.NewSpacer(), sized(c.more, 0, heightButton)))
	}
	c.box = sized(box, 1400, 0)
	first := 0 // open on the page with the first chosen option
	for i, o := range options {
		if slices.Contains(c.chosen, o.Value) {
			first = i / c.per
			break
		}
	}
	c.showPage(first)
	c.refresh()
	return c
}

// optionText is an option's label in bold with its hint below, as one wrapping text: two
// labels would each bring their own padding and push long lists off the screen.
func optionText(label, hint string) *widget.RichText {
	strong := widget.RichTextStyleStrong
	strong.Inline = false // a paragraph of its own: the hint goes on the next line
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: label, Style: strong}}
	if hint != "" {
		segs = append(segs, &widget.TextSegment{Text: hint, Style: widget.RichTextStyleParagraph})
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// showPage puts one page of options in the grid.
func (c *choiceInput) showPage(p int) {
	pages := (len(c.tiles) + c.per - 1) / c.per
	c.page = max(0, min(p, pages-1))
	c.grid.Objects = c.tiles[c.page*c.per : min(len(c.tiles), (c.page+1)*c.per)]
	c.grid.Refresh()
	c.prev.Hidden = c.page == 0
	c.more.Hidden = c.page >= pages-1
	c.prev.Refresh()
	c.more.Refresh()
	c.where.SetText(c.k.t("check.page", itoa(c.page+1), itoa(pages)))
}

func (c *choiceInput) toggle(v string) {
	c.k.Touch()
	switch {
	case !c.multi:
		c.chosen = []string{v}
	case slices.Contains(c.chosen, v):
		c.chosen = slices.DeleteFunc(c.chosen, func(s string) bool { return s == v })
	default:
		c.chosen = append(c.chosen, v)
	}
	c.refresh()
}

func (c *choiceInput) refresh() {
	for i, o := range c.options {
		on := slices.Contains(c.chosen, o.Value)
		icon := map[[2]bool]fyne.Resource{
			{false, false}: theme.RadioButtonIcon(), {false, true}: theme.RadioButtonCheckedIcon(),
			{true, false}: theme.CheckButtonIcon(), {true, true}: theme.CheckButtonCheckedIcon(),
		}[[2]bool{c.multi, on}]
		c.marks[i].SetResource(icon)
		f := c.frames[i]
		f.FillColor, f.StrokeColor, f.StrokeWidth = c.k.pal().button, c.k.pal().button, 0
		if on {
			f.FillColor, f.StrokeColor, f.StrokeWidth = c.k.pal().chosen, c.k.pal().primary, 4
		}
		f.Refresh()
	}
}

func (c *choiceInput) object() fyne.CanvasObject { return c.box }
func (c *choiceInput) value() string             { return strings.Join(c.chosen, ",") }

// addressInput asks street, number, box, postal code and municipality on one screen, as one
// question ("What is the address?").
type addressInput struct {
	street, number, box, postcode, municipality *kioskEntry
	form                                        fyne.CanvasObject
}

func newAddressInput(k *Kiosk, current string, focused focus) *addressInput {
	a := kiosk.ParseAddress(current)
	if current != "" && a == (kiosk.Address{}) {
		a.Street = current // text held from before a language switch that was not JSON
	}
	in := &addressInput{}
	entry := func(v string, mode KeyboardMode) *kioskEntry {
		e := newKioskEntry(mode, false, focused)
		e.SetText(v)
		e.OnChanged = func(string) { k.Touch() }
		return e
	}
	in.street, in.number, in.box = entry(a.Street, KeyboardText), entry(a.Number, KeyboardText), entry(a.Box, KeyboardText)
	in.postcode, in.municipality = entry(a.Postcode, KeyboardDigits), entry(a.Municipality, KeyboardText)
	field := func(label string, e *kioskEntry, w float32) fyne.CanvasObject {
		l := widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		return container.NewBorder(nil, nil, l, nil, sized(e, w, 0))
	}
	// Labels beside their boxes, two rows: with the keyboard below, the address still fits.
	in.form = container.NewVBox(
		container.NewHBox(field(k.t("address.street"), in.street, 640),
			field(k.t("address.number"), in.number, 120), field(k.t("address.box"), in.box, 100)),
		container.NewHBox(field(k.t("address.postcode"), in.postcode, 140), field(k.t("address.municipality"), in.municipality, 480)),
	)
	return in
}

func (a *addressInput) object() fyne.CanvasObject { return a.form }
func (a *addressInput) value() string {
	addr := kiosk.Address{Street: a.street.Text, Number: a.number.Text, Box: a.box.Text,
		Postcode: a.postcode.Text, Municipality: a.municipality.Text}
	if addr == (kiosk.Address{}) {
		return ""
	}
	return addr.Encode()
}
