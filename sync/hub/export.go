package hub

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"loket/kiosk"
	"loket/sync/wire"
)

// ExportRow is one submission in a staff export. It holds the citizen's answers: exports
// need a staff token and are never logged.
type ExportRow struct {
	Reference      string        `json:"reference"`
	KioskID        string        `json:"kiosk_id"`
	ServiceID      string        `json:"service_id"`
	ServiceVersion int           `json:"service_version"`
	Lang           string        `json:"lang"`
	SubmittedAt    time.Time     `json:"submitted_at"`
	ReceivedAt     time.Time     `json:"received_at"`
	Assisted       bool          `json:"assisted"`
	State          string        `json:"state"`
	Answers        kiosk.Answers `json:"answers"`
}

// getExport is GET /v1/export?from=YYYY-MM-DD&to=YYYY-MM-DD&service=ID&format=json|csv.
// Days are the municipality's and both ends are included; either may be left out.
func (s *Server) getExport(w http.ResponseWriter, r *http.Request, _ Principal) {
	q := r.URL.Query()
	var f Filter
	var bad []wire.Problem
	if v := q.Get("from"); v != "" {
		t, err := time.ParseInLocation("2006-01-02", v, s.loc)
		if err != nil {
			bad = append(bad, wire.Problem{Field: "from", Code: wire.CodeFormat, Args: []string{"YYYY-MM-DD"}})
		}
		f.From = t
	}
	if v := q.Get("to"); v != "" {
		t, err := time.ParseInLocation("2006-01-02", v, s.loc)
		if err != nil {
			bad = append(bad, wire.Problem{Field: "to", Code: wire.CodeFormat, Args: []string{"YYYY-MM-DD"}})
		}
		f.To = t.AddDate(0, 0, 1)
	}
	f.ServiceID = q.Get("service")
	format := q.Get("format")
	if format == "" && strings.Contains(r.Header.Get("Accept"), "text/csv") {
		format = "csv"
	}
	if format != "" && format != "csv" && format != "json" {
		bad = append(bad, wire.Problem{Field: "format", Code: wire.CodeFormat, Args: []string{"json", "csv"}})
	}
	if len(bad) > 0 {
		writeProblem(w, http.StatusBadRequest, "check the export's parameters", bad...)
		return
	}
	records, err := s.store.Submissions(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows := make([]ExportRow, len(records))
	for i, rec := range records {
		rows[i] = ExportRow{Reference: rec.Sub.Reference, KioskID: rec.Sub.KioskID, ServiceID: rec.Sub.ServiceID,
			ServiceVersion: rec.Sub.ServiceVersion, Lang: rec.Sub.Lang, SubmittedAt: rec.Sub.SubmittedAt,
			ReceivedAt: rec.ReceivedAt, Assisted: rec.Sub.Assisted, State: rec.State, Answers: rec.Sub.Answers}
	}
	if format == "csv" {
		s.writeCSV(w, f, rows)
		return
	}
	writeJSON(w, http.StatusOK, rows)
}

// writeCSV writes the rows as CSV. With one service chosen, each of its steps gets a column
// (what a spreadsheet user wants); otherwise the answers are one JSON column.
func (s *Server) writeCSV(w http.ResponseWriter, f Filter, rows []ExportRow) {
	var steps []string
	if svc, ok := s.cat.Services.Service(f.ServiceID); ok {
		for _, st := range svc.Steps {
			steps = append(steps, st.ID)
		}
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="loket-export.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	cw := csv.NewWriter(w)
	head := []string{"reference", "kiosk_id", "service_id", "service_version", "lang", "submitted_at",
		"received_at", "assisted", "state"}
	if steps == nil {
		head = append(head, "answers")
	} else {
		head = append(head, steps...)
	}
	_ = cw.Write(head)
	for _, r := range rows {
		rec := []string{r.Reference, r.KioskID, r.ServiceID, strconv.Itoa(r.ServiceVersion), r.Lang,
			r.SubmittedAt.In(s.loc).Format(time.RFC3339), r.ReceivedAt.In(s.loc).Format(time.RFC3339),
			strconv.FormatBool(r.Assisted), r.State}
		if steps == nil {
			b, _ := json.Marshal(r.Answers)
			rec = append(rec, string(b))
		} else {
			for _, id := range steps {
				rec = append(rec, cell(r.Answers[id]))
			}
		}
		_ = cw.Write(rec)
	}
	cw.Flush()
}

// cell defuses a value a spreadsheet would run as a formula (OWASP "CSV injection"): a
// citizen's free text must never become a formula on a staff member's computer.
func cell(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}
