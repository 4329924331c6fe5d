package ui

import "fyne.io/fyne/v2"

// Names of the keys that do something other than type their own name. Every other key
// types its name: "a", "é", "@", ".be".
const (
	keyShift     = "shift"
	keyBackspace = "backspace"
	keySpace     = "space"
	keyContinue  = "continue"
)

// Sizes of the keys, in dp. A key is 72 high and at least 80 wide (KIOSK-UX.md asks 48) and
// grows to 120 wide when there is room: five rows then take 400 dp, so a question, the top bar
// and the action bar still fit above it on a 1080-high screen. The gap keeps a stray finger
// from hitting the neighbour (KIOSK-UX.md: 8 or more between targets).
const (
	keyHeight   = 72
	keyMinWidth = 80
	keyMaxWidth = 120
	keyGap      = 10
	// keyBlockGap sets the accents and e-mail keys apart from the letters, in key widths, so
	// they read as a group of their own.
	keyBlockGap = 0.5
)

// keyPlace is where one key sits: its row, and its left edge and width in key widths.
type keyPlace struct {
	name string
	row  int
	x, w float32
}

// keyRows builds a layout row by row, from left to right.
type keyRows struct {
	places []keyPlace
	row    int
	x      float32
}

func (r *keyRows) key(name string, w float32) *keyRows {
	r.places = append(r.places, keyPlace{name: name, row: r.row, x: r.x, w: w})
	r.x += w
	return r
}

// keys adds keys of one key width each.
func (r *keyRows) keys(names ...string) *keyRows {
	for _, n := range names {
		r.key(n, 1)
	}
	return r
}

// letters adds one key per letter of s, one key width each.
func (r *keyRows) letters(s string) *keyRows {
	for _, c := range s {
		r.key(string(c), 1)
	}
	return r
}

func (r *keyRows) gap(w float32) *keyRows { r.x += w; return r }
func (r *keyRows) next() *keyRows         { r.row, r.x = r.row+1, 0; return r }

// letterLayout is Belgian AZERTY, which Flemish and Walloon citizens know from their own
// keyboards, with the digits above and a block on the right: the accented letters French
// names and streets need, or for e-mail the keys that are hard to find elsewhere.
func letterLayout(email bool) []keyPlace {
	r := &keyRows{}
	r.letters("1234567890").gap(keyBlockGap).key(keyBackspace, 3).next()
	r.letters("azertyuiop").gap(keyBlockGap)
	if email {
		r.key("@", 3) // the one key every address needs, so the widest
	} else {
		r.keys("é", "è", "ê")
	}
	r.next().letters("qsdfghjklm").gap(keyBlockGap)
	if email {
		r.key(".be", 1.5).key(".com", 1.5)
	} else {
		r.keys("ë", "à", "ç")
	}
	r.next().key(keyShift, 2).letters("wxcvbn")
	if email {
		r.keys("-", "_").gap(keyBlockGap).key(".", 3)
	} else {
		r.keys(",", ".").gap(keyBlockGap).keys("ù", "'", "-")
	}
	r.next().key(keySpace, 10).gap(keyBlockGap).key(keyContinue, 3)
	return r.places
}

// keypadLayout is a telephone keypad (1 2 3 on top, as on a phone and a bank card reader,
// which more citizens know than a calculator's), with up to four separators beside it.
func keypadLayout(separators ...string) []keyPlace {
	spot := func(i int) string {
		if i < len(separators) {
			return separators[i]
		}
		return ""
	}
	r := &keyRows{}
	r.letters("123").gap(keyBlockGap).key(keyBackspace, 2).next()
	r.letters("456").gap(keyBlockGap).keys(spot(0), spot(1)).next()
	r.letters("789").gap(keyBlockGap).keys(spot(2), spot(3)).next()
	r.gap(1).keys("0").gap(1+keyBlockGap).key(keyContinue, 2)
	places := r.places[:0]
	for _, p := range r.places {
		if p.name != "" { // an empty spot stays a hole
			places = append(places, p)
		}
	}
	return places
}

// keyboardLayout returns the keys of a mode. The separators are the ones Belgian forms write
// (KIOSK-UX.md): 85.07.30-033.28, 30/07/1985, 0470/12.34.56, +32 470 12 34 56.
func keyboardLayout(m KeyboardMode) []keyPlace {
	switch m {
	case KeyboardEmail:
		return letterLayout(true)
	case KeyboardNumeric:
		return keypadLayout(".", "-", keySpace)
	case KeyboardDigits:
		return keypadLayout()
	case KeyboardDate:
		return keypadLayout("/", ".", "-", keySpace)
	case KeyboardPhone:
		return keypadLayout("+", "/", ".", keySpace)
	}
	return letterLayout(false)
}

// keyGrid lays the keys out on a grid of equal key widths, so the keyboard keeps its shape
// at any width: keys grow with the room up to keyMaxWidth, and the whole is centred. It
// never grows a key past what its label needs in height, so the question keeps the room.
type keyGrid struct {
	places []keyPlace // one for each object, in the same order
	cols   float32
	rows   int
}

func newKeyGrid(places []keyPlace) *keyGrid {
	g := &keyGrid{places: places}
	for _, p := range places {
		g.cols = max(g.cols, p.x+p.w)
		g.rows = max(g.rows, p.row+1)
	}
	return g
}

// keySpan is the width of n key widths of size unit, with the gaps between them.
func keySpan(n, unit float32) float32 { return n*(unit+keyGap) - keyGap }

// unit is the smallest key size that fits every key's label: a long translation of
// "Backspace" widens all keys rather than spill out of its own.
func (g *keyGrid) unit(objects []fyne.CanvasObject) (w, h float32) {
	w, h = keyMinWidth, keyHeight
	for i, o := range objects {
		m := o.MinSize()
		w = max(w, (m.Width+keyGap)/g.places[i].w-keyGap)
		h = max(h, m.Height)
	}
	return w, h
}

func (g *keyGrid) MinSize(objects []fyne.CanvasObject) fyne.Size {
	w, h := g.unit(objects)
	return fyne.NewSize(keySpan(g.cols, w), keySpan(float32(g.rows), h))
}

func (g *keyGrid) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	minW, h := g.unit(objects)
	w := min((size.Width+keyGap)/g.cols-keyGap, max(minW, keyMaxWidth))
	h = min((size.Height+keyGap)/float32(g.rows)-keyGap, h)
	left := (size.Width - keySpan(g.cols, w)) / 2
	top := (size.Height - keySpan(float32(g.rows), h)) / 2
	for i, o := range objects {
		p := g.places[i]
		o.Move(fyne.NewPos(left+p.x*(w+keyGap), top+float32(p.row)*(h+keyGap)))
		o.Resize(fyne.NewSize(keySpan(p.w, w), h))
	}
}
