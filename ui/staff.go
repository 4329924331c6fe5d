package ui

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"loket/kiosk"
	"loket/sync/outbox"
)

// staffScreen is behind the staff PIN: the kiosk's and the outbox's state, the usage
// figures, the settings that are safe to change at the kiosk, and leaving kiosk mode.
type staffScreen struct {
	k       *Kiosk
	langs   map[kiosk.Lang]*widget.Button
	idle    map[int]*widget.Button
	sync    *widget.RichText
	usage   *widget.RichText
	printer *staffPrinter
	back    *widget.Button
	leave   *widget.Button
	syncNow *widget.Button
	// export writes the last seven days' confirmations to files; exported says where.
	export   *widget.Button
	exported *widget.Label
	retry    *widget.Button
	box      fyne.CanvasObject
}

// idleChoices are the idle times staff can pick at the kiosk, in seconds.
var idleChoices = []int{60, 120, 180, 300}

func newStaffScreen(k *Kiosk) *staffScreen {
	s := &staffScreen{k: k, langs: map[kiosk.Lang]*widget.Button{}, idle: map[int]*widget.Button{}}
	s.sync = facts(s.syncFacts()...)
	s.usage = facts(s.usageFacts()...)
	langRow := container.NewGridWithColumns(3)
	for _, l := range kiosk.Languages {
		l := l
		b := widget.NewButton(languageNames[l], func() { s.toggleLanguage(l) })
		s.langs[l] = b
		langRow.Add(sized(b, 0, heightButton))
	}
	idleRow := container.NewGridWithColumns(4)
	for _, secs := range idleChoices {
		secs := secs
		b := widget.NewButton(k.t("staff.minutes", strconv.FormatFloat(float64(secs)/60, 'f', -1, 64)), func() { s.setIdle(secs) })
		s.idle[secs] = b
		idleRow.Add(sized(b, 0, heightButton))
	}
	settings := container.NewVBox(subheading(k.t("staff.settings")), bold(k.t("staff.languages")), langRow,
		bold(k.t("staff.idle")), idleRow)
	s.printer = newStaffPrinter(k)
	left := container.NewVBox(subheading(k.t("staff.sync")), s.sync)
	if k.deps.SyncNow != nil {
		s.syncNow = button(k.t("staff.syncnow"), nil, false, s.onSyncNow)
		s.retry = button(k.t("staff.retry"), nil, false, s.onRetry)
		left.Add(container.NewGridWithColumns(2, sized(s.syncNow, 0, heightButton), sized(s.retry, 0, heightButton)))
	}
	middle := container.NewVBox(subheading(k.t("staff.usage")), s.usage)
	if k.deps.Export != nil {
		s.export = button(k.t("staff.export"), nil, false, s.onExport)
		s.exported = para("")
		middle.Add(sized(s.export, 0, heightButton))
		middle.Add(s.exported)
	}
	settings.Add(s.printer.box)
	s.back = button(k.t("staff.back"), k.icon("back"), false, k.Home)
	s.leave = button(k.t("staff.leave"), nil, false, s.onLeave)
	if k.deps.Quit == nil {
		s.leave.Hide()
	}
	top := container.NewGridWithColumns(3, left, middle, settings)
	s.box = page(top, actions([]fyne.CanvasObject{s.back, s.leave}, nil))
	s.refresh()
	return s
}

func (s *staffScreen) content() fyne.CanvasObject { return s.box }
func (s *staffScreen) hold()                      {}

// syncFacts describes the outbox: what waits, what needs a person, the last error.
func (s *staffScreen) syncFacts() []string {
	k := s.k
	var st outbox.Status
	var err error
	if k.deps.SyncStatus != nil {
		st, err = k.deps.SyncStatus()
	} else {
		st, err = outbox.ReadStatus(context.Background(), k.deps.Store)
	}
	if err != nil {
		return []string{"", k.t("problem.storage")}
	}
	when := func(t time.Time) string {
		if t.IsZero() {
			return "—"
		}
		return t.In(k.deps.Now().Location()).Format("02/01/2006 15:04")
	}
	out := []string{
		k.t("staff.kiosk"), fmt.Sprintf("%s · %s", k.deps.Config.Kiosk.ID, k.deps.Config.Municipality.Name),
		k.t("staff.pending"), fmt.Sprintf("%d (%s %s)", st.Pending, k.t("staff.oldest"), when(st.OldestWaiting)),
		k.t("staff.success"), when(st.LastSuccess),
	}
	if k.deps.SyncStatus == nil {
		out = append(out, k.t("staff.hub"), k.t("staff.nohub"))
	}
	if st.LastError != "" {
		out = append(out, k.t("staff.error"), when(st.LastErrorAt)+": "+st.LastError)
	}
	if n := len(st.Attention); n > 0 {
		var refs []string
		for _, a := range st.Attention {
			refs = append(refs, a.Reference+" ("+a.Reasons+")")
		}
		out = append(out, k.t("staff.attention", itoa(n)), strings.Join(refs, "\n"))
	}
	return out
}

// usageFacts gives today's and the last seven days' figures.
func (s *staffScreen) usageFacts() []string {
	k := s.k
	now := k.deps.Now()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	var out []string
	for _, period := range []struct {
		key  string
		from time.Time
	}{{"staff.today", today}, {"staff.week", today.AddDate(0, 0, -6)}} {
		u, err := k.deps.Store.UsageSummary(context.Background(), period.from, today.AddDate(0, 0, 1))
		if err != nil {
			return []string{"", k.t("problem.storage")}
		}
		out = append(out, k.t(period.key), k.t("staff.figures",
			itoa(u.Counts[kiosk.UsageSessionStarted]), itoa(u.Counts[kiosk.UsageSubmitted]),
			itoa(u.Assisted), itoa(u.Counts[kiosk.UsageAbandoned]), itoa(u.Counts[kiosk.UsageHelpRequested])))
	}
	return out
}

func (s *staffScreen) refresh() {
	for l, b := range s.langs {
		b.Importance = widget.MediumImportance
		if slices.Contains(s.k.deps.Config.Kiosk.Languages, l) {
			b.Importance = widget.HighImportance
		}
		b.Refresh()
	}
	for secs, b := range s.idle {
		b.Importance = widget.MediumImportance
		if s.k.deps.Config.Session.IdleSeconds == secs {
			b.Importance = widget.HighImportance
		}
		b.Refresh()
	}
}

// toggleLanguage offers or withdraws a language; the default language always stays.
func (s *staffScreen) toggleLanguage(l kiosk.Lang) {
	cfg := &s.k.deps.Config.Kiosk
	if slices.Contains(cfg.Languages, l) {
		if l == cfg.DefaultLanguage {
			return
		}
		cfg.Languages = slices.DeleteFunc(slices.Clone(cfg.Languages), func(x kiosk.Lang) bool { return x == l })
	} else {
		cfg.Languages = append(slices.Clone(cfg.Languages), l)
		slices.SortFunc(cfg.Languages, func(a, b kiosk.Lang) int {
			return slices.Index(kiosk.Languages, a) - slices.Index(kiosk.Languages, b)
		})
	}
	names := make([]string, len(cfg.Languages))
	for i, x := range cfg.Languages {
		names[i] = string(x)
	}
	s.save(kiosk.SettingLanguages, strings.Join(names, ","))
	s.k.rebuildBar()
	s.refresh()
}

func (s *staffScreen) setIdle(secs int) {
	s.k.deps.Config.Session.IdleSeconds = secs
	s.save(kiosk.SettingIdleSeconds, itoa(secs))
	s.refresh()
}

func (s *staffScreen) save(key, value string) {
	if err := s.k.deps.Store.SetSetting(context.Background(), key, value); err != nil {
		s.k.showStorageProblem()
	}
}

// onSyncNow sends the queue at once, off the UI goroutine, then shows the new state.
func (s *staffScreen) onSyncNow() { s.runSync(func() { s.k.deps.SyncNow() }) }

// onRetry queues again what the hub refused (after staff fixed the cause), then sends.
func (s *staffScreen) onRetry() { s.runSync(func() { s.k.deps.RetryAttention() }) }

func (s *staffScreen) runSync(work func()) {
	s.syncNow.Disable()
	s.retry.Disable()
	go func() {
		work()
		s.k.deps.Do(func() {
			s.sync.Segments = facts(s.syncFacts()...).Segments
			s.sync.Refresh()
			s.syncNow.Enable()
			s.retry.Enable()
		})
	}()
}

// onExport writes the confirmations of the last seven days (today included) to the data
// folder, off the UI goroutine, and says where they are or why not.
func (s *staffScreen) onExport() {
	k := s.k
	now := k.deps.Now()
	to := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location()).AddDate(0, 0, 1)
	s.export.Disable()
	s.exported.SetText(k.t("staff.exporting"))
	go func() {
		path, err := k.deps.Export(to.AddDate(0, 0, -7), to)
		s.k.deps.Do(func() {
			s.export.Enable()
			if err != nil {
				s.exported.SetText(k.t("staff.export.failed", err.Error()))
				return
			}
			s.exported.SetText(k.t("staff.exported", path))
		})
	}()
}

func (s *staffScreen) onLeave() {
	if s.k.deps.Quit != nil {
		s.k.deps.Quit()
	}
}
