package receipt

import (
	"errors"
	"slices"
	"strings"

	"loket/kiosk"
)

// DefaultStatusURL is where receipts' QR codes point when the config names no hub: the
// hub's default address on the kiosk's own machine (a development set-up). A real kiosk
// sets hub.status_url or hub.url.
const DefaultStatusURL = "http://127.0.0.1:8440/status/"

// StatusURL returns the public status page prefix that a reference is appended to: the
// hub's status_url, else its url + "/status/", else DefaultStatusURL. It always ends in "/".
func StatusURL(h kiosk.HubConfig) string {
	u := strings.TrimSpace(h.StatusURL)
	if u == "" && strings.TrimSpace(h.URL) != "" {
		u = strings.TrimRight(strings.TrimSpace(h.URL), "/") + "/status/"
	}
	if u == "" {
		u = DefaultStatusURL
	}
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// Builder builds documents from stored submissions and drafts. Messages must hold the
// "ui", "validation" and "receipt" translation folders: answers are shown with
// Step.Display, which uses the first two.
type Builder struct {
	Catalogue *kiosk.Catalogue
	Config    kiosk.Config
	Messages  kiosk.Messages
}

// ErrNoCode is returned for a resume slip without a code: there is nothing to print.
var ErrNoCode = errors.New("receipt: the draft has no resume code")

func (b *Builder) t(l kiosk.Lang, key string, args ...string) string {
	return b.Messages.T(l, key, args...)
}

// service returns the service's definition, or a stand-in titled by its id when the
// catalogue no longer offers it: a receipt must still print for an old submission.
func (b *Builder) service(id string) *kiosk.Service {
	if b.Catalogue != nil {
		if s, ok := b.Catalogue.Service(id); ok {
			return s
		}
	}
	return &kiosk.Service{ID: id, Title: kiosk.Text{kiosk.NL: id}}
}

func (b *Builder) head(l kiosk.Lang, title string, copy bool) []Block {
	blocks := []Block{{Style: StyleMunicipality, Text: b.Config.Municipality.Name}}
	if copy {
		blocks = append(blocks, Block{Style: StyleMark, Text: b.t(l, "receipt.copy")})
	}
	return append(blocks, Block{Style: StyleTitle, Text: title})
}

// Receipt is the proof of a submission: reference, QR code to the status page, what
// happens next, how to reach the municipality. It holds no answer and so no personal data:
// thermal receipts get left on the kiosk's shelf.
func (b *Builder) Receipt(sub *kiosk.Submission, copy bool) *Document {
	l := sub.Lang
	svc := b.service(sub.ServiceID)
	d := &Document{Kind: KindReceipt, Lang: l, Name: "receipt-" + sub.Reference, Copy: copy,
		Title: b.t(l, "receipt.title") + " " + sub.Reference, Date: sub.SubmittedAt, Logo: b.Config.Printer.Logo}
	d.Blocks = append(b.head(l, b.t(l, "receipt.title"), copy), b.body(sub, svc)...)
	d.Blocks = append(d.Blocks, b.contact(l)...)
	d.Blocks = append(d.Blocks, Block{Style: StyleSmall, Text: b.t(l, "receipt.keep")},
		Block{Style: StyleSmall, Text: b.t(l, "receipt.kiosk", sub.KioskID)})
	return d
}

func (b *Builder) body(sub *kiosk.Submission, svc *kiosk.Service) []Block {
	l := sub.Lang
	blocks := []Block{
		{Style: StyleService, Text: svc.Title.In(l)},
		{Style: StyleText, Text: b.t(l, "receipt.submitted", FormatTime(sub.SubmittedAt))},
		{Style: StyleRule},
		{Style: StyleHeading, Text: b.t(l, "receipt.reference")},
		{Style: StyleCode, Text: sub.Reference},
		{Style: StyleQR, Text: StatusURL(b.Config.Hub) + sub.Reference},
		{Style: StyleSmall, Text: b.t(l, "receipt.scan")},
		{Style: StyleRule},
	}
	if next := svc.Confirmation.Next.In(l); next != "" {
		blocks = append(blocks, Block{Style: StyleHeading, Text: b.t(l, "receipt.next")},
			Block{Style: StyleText, Text: next})
	}
	if lead := svc.Confirmation.LeadTime.In(l); lead != "" {
		blocks = append(blocks, Block{Style: StyleText, Label: b.t(l, "receipt.leadtime"), Text: lead})
	}
	return blocks
}

func (b *Builder) contact(l kiosk.Lang) []Block {
	m := b.Config.Municipality
	blocks := []Block{{Style: StyleRule}, {Style: StyleHeading, Text: b.t(l, "receipt.contact")}}
	add := func(key, value string) {
		if strings.TrimSpace(value) != "" {
			blocks = append(blocks, Block{Style: StyleText, Label: b.t(l, key), Text: value})
		}
	}
	add("receipt.counter", m.Counter.In(l))
	add("receipt.hours", m.OpeningHours.In(l))
	add("receipt.phone", m.Phone)
	add("receipt.website", m.Website)
	return append(blocks, Block{Style: StyleRule})
}

// Request is the copy of a request the citizen may ask for: the receipt, then every answer
// as check-your-answers showed it. It holds personal data, so it says so.
func (b *Builder) Request(sub *kiosk.Submission, copy bool) *Document {
	l := sub.Lang
	svc := b.service(sub.ServiceID)
	d := &Document{Kind: KindRequest, Lang: l, Name: "request-" + sub.Reference, Copy: copy,
		Title: b.t(l, "receipt.request.title") + " " + sub.Reference, Date: sub.SubmittedAt, Logo: b.Config.Printer.Logo}
	d.Blocks = append(b.head(l, b.t(l, "receipt.request.title"), copy), b.body(sub, svc)...)
	d.Blocks = append(d.Blocks, Block{Style: StyleRule}, Block{Style: StyleHeading, Text: b.t(l, "receipt.request.answers")})
	d.Blocks = append(d.Blocks, b.answers(sub, svc)...)
	d.Blocks = append(d.Blocks, b.contact(l)...)
	// One footnote, not two: the copy is the longest document, and one line less keeps
	// a typical request on one A4 sheet.
	d.Blocks = append(d.Blocks, Block{Style: StyleSmall,
		Text: b.t(l, "receipt.request.private") + " " + b.t(l, "receipt.kiosk", sub.KioskID) + "."})
	return d
}

// answers lists the answers in the order the steps were asked, formatted by Step.Display
// exactly as on check-your-answers. Answers to steps the definition no longer has are
// printed under their step id rather than dropped: the copy must show all that was sent.
func (b *Builder) answers(sub *kiosk.Submission, svc *kiosk.Service) []Block {
	l := sub.Lang
	var blocks []Block
	seen := map[string]bool{}
	for _, i := range svc.Visible(sub.Answers) {
		st := &svc.Steps[i]
		v, ok := sub.Answers[st.ID]
		if !ok {
			continue
		}
		seen[st.ID] = true
		blocks = append(blocks, Block{Style: StyleAnswer, Label: st.Question.In(l), Text: st.Display(v, l, b.Messages)})
	}
	for _, id := range sortedKeys(sub.Answers) {
		if !seen[id] {
			blocks = append(blocks, Block{Style: StyleAnswer, Label: id, Text: sub.Answers[id]})
		}
	}
	return blocks
}

// ResumeSlip is the slip for "save and continue later": the code in large type, a QR code
// holding only the code, the service and the last day. d needs ResumeCode, ServiceID, Lang
// and ExpiresAt; its answers are never printed.
func (b *Builder) ResumeSlip(d *kiosk.Draft, copy bool) (*Document, error) {
	if d.ResumeCode == "" {
		return nil, ErrNoCode
	}
	l := d.Lang
	svc := b.service(d.ServiceID)
	doc := &Document{Kind: KindResumeSlip, Lang: l, Name: "resume-slip", Copy: copy,
		Title: b.t(l, "receipt.slip.title"), Logo: b.Config.Printer.Logo}
	doc.Blocks = append(b.head(l, b.t(l, "receipt.slip.title"), copy),
		Block{Style: StyleService, Text: svc.Title.In(l)},
		Block{Style: StyleRule},
		Block{Style: StyleHeading, Text: b.t(l, "receipt.slip.code")},
		Block{Style: StyleCode, Text: d.ResumeCode},
		Block{Style: StyleQR, Text: d.ResumeCode},
		Block{Style: StyleText, Text: b.t(l, "receipt.slip.expires", FormatDate(d.ExpiresAt))},
		Block{Style: StyleText, Text: b.t(l, "receipt.slip.how", b.t(l, "home.resume"))},
	)
	doc.Blocks = append(doc.Blocks, b.contact(l)...)
	doc.Blocks = append(doc.Blocks, Block{Style: StyleSmall, Text: b.t(l, "receipt.kiosk", b.Config.Kiosk.ID)})
	return doc, nil
}

func sortedKeys(a kiosk.Answers) []string {
	keys := make([]string, 0, len(a))
	for k := range a {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
