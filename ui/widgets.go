package ui

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Touch sizes in dp: every target is at least 48 high (KIOSK-UX.md), primary actions more.
const (
	heightSmall   = 50 // the reading aids at the foot: still above 48
	heightButton  = 64
	heightPrimary = 80
	widthPrimary  = 320
)

// minSize is a layout that gives its objects at least a minimum size.
type minSize struct{ min fyne.Size }

// MinSize is the minimum, or nothing when every object is hidden: a hidden button then
// leaves no gap in its row.
func (m minSize) MinSize(objects []fyne.CanvasObject) fyne.Size {
	s, visible := m.min, false
	for _, o := range objects {
		if o.Visible() {
			s, visible = s.Max(o.MinSize()), true
		}
	}
	if !visible {
		return fyne.Size{}
	}
	return s
}

func (m minSize) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

func sized(o fyne.CanvasObject, w, h float32) *fyne.Container {
	return container.New(minSize{fyne.NewSize(w, h)}, o)
}

// button is a large touch button; primary buttons are filled with the primary colour.
func button(label string, icon fyne.Resource, primary bool, tapped func()) *widget.Button {
	b := widget.NewButtonWithIcon(label, icon, tapped)
	if primary {
		b.Importance = widget.HighImportance
	}
	return b
}

// heading is a screen's title; subheading titles a part of it. Both are bold and wrap.
func heading(text string) *widget.Label    { return titleLabel(text, theme.SizeNameHeadingText) }
func subheading(text string) *widget.Label { return titleLabel(text, theme.SizeNameSubHeadingText) }

func titleLabel(text string, size fyne.ThemeSizeName) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = size
	l.TextStyle.Bold = true
	l.Wrapping = fyne.TextWrapWord
	return l
}

func para(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func bold(text string) *widget.Label {
	l := para(text)
	l.TextStyle.Bold = true
	return l
}

// icon returns a pictogram from the assets, coloured like text, or nil.
func (k *Kiosk) icon(name string) fyne.Resource {
	if k.deps.Icon == nil {
		return nil
	}
	svg := k.deps.Icon(name)
	if svg == nil {
		return nil
	}
	return theme.NewThemedResource(fyne.NewStaticResource(name+".svg", svg))
}

// tile is a big tappable square with a pictogram and words: a whole tile is one target.
func tile(picture image.Image, title, subtitle string, tapped func()) (*widget.Button, fyne.CanvasObject) {
	b := widget.NewButton("", tapped)
	words := []fyne.CanvasObject{}
	if picture != nil {
		img := canvas.NewImageFromImage(picture)
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSize(pictureSize, pictureSize))
		words = append(words, img)
	}
	t := bold(title)
	t.Alignment = fyne.TextAlignCenter
	words = append(words, t)
	if subtitle != "" {
		s := para(subtitle)
		s.Alignment = fyne.TextAlignCenter
		words = append(words, s)
	}
	inner := container.NewPadded(container.NewVBox(append([]fyne.CanvasObject{layout.NewSpacer()}, append(words, layout.NewSpacer())...)...))
	return b, container.NewStack(b, inner)
}

// problemBox is the error summary at the top of a question: a thick red edge, an icon and
// the words "There is a problem", so the colour is never the only signal.
func problemBox(pal palette, title, message string) fyne.CanvasObject {
	edge := canvas.NewRectangle(color.Transparent)
	edge.StrokeColor = pal.error
	edge.StrokeWidth = 4
	head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Importance = widget.DangerImportance
	msg := para(message)
	row := container.NewBorder(nil, nil, widget.NewIcon(theme.ErrorIcon()), nil,
		container.NewVBox(head, msg))
	return container.NewStack(edge, container.NewPadded(row))
}

// actions is the bar at the foot of a screen: secondary actions left, the primary right.
func actions(left []fyne.CanvasObject, primary fyne.CanvasObject) fyne.CanvasObject {
	objs := []fyne.CanvasObject{}
	for _, o := range left {
		objs = append(objs, sized(o, 0, heightPrimary))
	}
	objs = append(objs, layout.NewSpacer())
	if primary != nil {
		objs = append(objs, sized(primary, widthPrimary, heightPrimary))
	}
	return container.NewPadded(container.NewHBox(objs...))
}

// page lays out a screen: content on top, the action bar at the foot, with generous margins.
func page(top fyne.CanvasObject, foot fyne.CanvasObject) fyne.CanvasObject {
	margin := func() fyne.CanvasObject {
		r := canvas.NewRectangle(color.Transparent)
		r.SetMinSize(fyne.NewSize(48, 6))
		return r
	}
	return container.NewBorder(margin(), margin(), margin(), margin(), container.NewBorder(nil, foot, nil, nil, top))
}
