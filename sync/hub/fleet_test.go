package hub_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"loket/sync/hub"
	"loket/sync/hub/hubtest"
	"loket/sync/wire"
)

func TestHeartbeatsAndHelp(t *testing.T) {
	h := hubtest.Start(t, hubtest.SQLite(t))
	gnt := h.AddKiosk(t, "GNT01")
	h.AddKiosk(t, "BRG01")
	staff := h.AddStaff(t, "an")
	hb, _ := json.Marshal(wire.Heartbeat{Version: "1.0", QueueLength: 4, Attention: 1, Printer: "paper-out"})
	if status, _, resp := (call{path: wire.PathHeartbeat, token: gnt, body: hb}).do(t, h); status != 204 {
		t.Fatalf("heartbeat: %d %s", status, resp)
	}
	if status, _, _ := (call{path: wire.PathHeartbeat, token: gnt, body: []byte(`{"queue_length": "many"}`)}).do(t, h); status != 400 {
		t.Fatalf("a broken heartbeat: %d", status)
	}
	status, _, resp := call{method: "GET", path: wire.PathKiosks, token: staff}.do(t, h)
	var kiosks []wire.Kiosk
	if err := json.Unmarshal(resp, &kiosks); status != 200 || err != nil || len(kiosks) != 2 {
		t.Fatalf("kiosks: %d %s", status, resp)
	}
	if k := kiosks[1]; k.ID != "GNT01" || k.LastSeen == nil || k.Heartbeat.QueueLength != 4 || k.Heartbeat.Printer != "paper-out" {
		t.Fatalf("GNT01 as listed: %s", resp)
	}
	if kiosks[0].LastSeen != nil {
		t.Fatalf("BRG01 was never seen: %s", resp)
	}

	status, _, resp = call{path: wire.PathHelp, token: gnt}.do(t, h)
	var raised wire.HelpRequest
	if err := json.Unmarshal(resp, &raised); status != 201 || err != nil || raised.KioskID != "GNT01" {
		t.Fatalf("help: %d %s", status, resp)
	}
	if status, _, _ := (call{method: "GET", path: wire.PathHelp, token: gnt}).do(t, h); status != 403 {
		t.Fatalf("a kiosk lists help requests: %d", status)
	}
	var open []wire.HelpRequest
	_, _, resp = call{method: "GET", path: wire.PathHelp, token: staff}.do(t, h)
	if err := json.Unmarshal(resp, &open); err != nil || len(open) != 1 || open[0].ID != raised.ID {
		t.Fatalf("open: %s", resp)
	}
	if status, _, _ := (call{path: fmt.Sprintf("%s/%d/handled", wire.PathHelp, raised.ID), token: staff}).do(t, h); status != 204 {
		t.Fatalf("handled: %d", status)
	}
	if status, _, _ := (call{path: wire.PathHelp + "/424242/handled", token: staff}).do(t, h); status != 404 {
		t.Fatalf("unknown help request: %d", status)
	}
	_, _, resp = call{method: "GET", path: wire.PathHelp, token: staff}.do(t, h)
	if strings.TrimSpace(string(resp)) != "[]" {
		t.Fatalf("open after handling: %s", resp)
	}
}

func TestCatalogueDistribution(t *testing.T) {
	h := hubtest.Start(t, hubtest.SQLite(t))
	token := h.AddKiosk(t, "GNT01")
	status, hdr, resp := call{method: "GET", path: wire.PathCatalogue, token: token}.do(t, h)
	var c wire.Catalogue
	if err := json.Unmarshal(resp, &c); status != 200 || err != nil {
		t.Fatalf("%d %v", status, err)
	}
	cat, err := wire.ParseCatalogue(c)
	if err != nil || len(cat.Services()) != len(hubtest.Catalogue(t, "").Services.Services()) {
		t.Fatalf("the kiosk cannot use the hub's catalogue: %v", err)
	}
	if hdr.Get("ETag") != `"`+c.Version+`"` {
		t.Fatalf("ETag %q for version %s", hdr.Get("ETag"), c.Version)
	}
	if status, _, _ := (call{method: "GET", path: wire.PathCatalogue, token: token,
		header: map[string]string{"If-None-Match": hdr.Get("ETag")}}).do(t, h); status != 304 {
		t.Fatalf("unchanged catalogue: %d", status)
	}
	c.Services[0].TOML += "\nbroken = true\n"
	if _, err := wire.ParseCatalogue(c); err == nil {
		t.Fatal("a catalogue whose files do not match its version is accepted")
	}
}

func TestStatusPage(t *testing.T) {
	h := hubtest.Start(t, hubtest.SQLite(t))
	token := h.AddKiosk(t, "GNT01")
	cat := hubtest.Catalogue(t, "").Services
	sub := hubtest.Submission(t, cat, "GNT01", "general-question", 1)
	if status, _, _ := post(t, h, token, hubtest.Key(), sub.Encode()); status != 201 {
		t.Fatal(status)
	}
	typed := strings.ToLower(strings.ReplaceAll(sub.Reference, "-", " "))
	status, hdr, page := call{method: "GET", path: wire.PathStatus + strings.ReplaceAll(typed, " ", "%20")}.do(t, h)
	if status != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/html") ||
		!strings.Contains(string(page), sub.Reference) || !strings.Contains(string(page), "ontvangen") {
		t.Fatalf("status page: %d %s", status, page)
	}
	for step, answer := range sub.Answers {
		if len(answer) > 3 && strings.Contains(string(page), answer) {
			t.Fatalf("the status page shows the answer to %s", step)
		}
	}
	status, _, resp := call{method: "GET", path: wire.PathStatus + sub.Reference,
		header: map[string]string{"Accept": "application/json"}}.do(t, h)
	var st wire.Status
	if err := json.Unmarshal(resp, &st); status != 200 || err != nil || st.State != "received" || st.ReceivedAt == nil {
		t.Fatalf("status JSON: %d %s", status, resp)
	}
	if strings.Contains(string(resp), sub.ServiceID) || strings.Contains(string(resp), "answers") {
		t.Fatalf("the status says more than the state: %s", resp)
	}
	unknown := hubtest.Submission(t, cat, "GNT01", "general-question", 2).Reference
	if status, _, resp := (call{method: "GET", path: wire.PathStatus + unknown,
		header: map[string]string{"Accept": "application/json"}}).do(t, h); status != 404 || !strings.Contains(string(resp), `"unknown"`) {
		t.Fatalf("a reference not received yet: %d %s", status, resp)
	}
	if status, _, page := (call{method: "GET", path: wire.PathStatus + "%3Cscript%3E"}).do(t, h); status != 404 || strings.Contains(string(page), "<script>") {
		t.Fatalf("garbage reference: %d %s", status, page)
	}
}

func TestExport(t *testing.T) {
	h := hubtest.Start(t, hubtest.SQLite(t))
	token := h.AddKiosk(t, "GNT01")
	staff := h.AddStaff(t, "an")
	cat := hubtest.Catalogue(t, "").Services
	subs := []wire.Submission{
		hubtest.Submission(t, cat, "GNT01", "general-question", 1),
		hubtest.Submission(t, cat, "GNT01", "bulky-waste", 2),
		hubtest.Submission(t, cat, "GNT01", "general-question", 3),
	}
	subs[2].SubmittedAt = subs[2].SubmittedAt.AddDate(0, 0, -3)
	for _, s := range subs {
		if status, _, resp := post(t, h, token, hubtest.Key(), s.Encode()); status != 201 {
			t.Fatalf("%d %s", status, resp)
		}
	}
	today := time.Now().UTC().Format("2006-01-02")
	status, _, resp := call{method: "GET", path: wire.PathExport + "?from=" + today + "&to=" + today, token: staff}.do(t, h)
	var rows []hub.ExportRow
	if err := json.Unmarshal(resp, &rows); status != 200 || err != nil || len(rows) != 2 {
		t.Fatalf("today's submissions: %d %s", status, resp)
	}
	status, hdr, resp := call{method: "GET", path: wire.PathExport + "?service=general-question&format=csv", token: staff}.do(t, h)
	records, err := csv.NewReader(strings.NewReader(string(resp))).ReadAll()
	if status != 200 || err != nil || !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") || len(records) != 3 {
		t.Fatalf("CSV: %d %v %s", status, err, resp)
	}
	if records[0][0] != "reference" || records[1][0] != subs[2].Reference || records[2][0] != subs[0].Reference {
		t.Fatalf("CSV rows, oldest first: %v", records)
	}
	topic := -1
	for i, col := range records[0] {
		if col == "topic" {
			topic = i
		}
	}
	if topic < 0 || records[2][topic] != subs[0].Answers["topic"] {
		t.Fatalf("one column per step of the service: %v", records)
	}
	if status, _, _ := (call{method: "GET", path: wire.PathExport + "?from=18/03/2026", token: staff}).do(t, h); status != 400 {
		t.Fatalf("a badly written date: %d", status)
	}
}

func TestHealthAndMetrics(t *testing.T) {
	h := hubtest.Start(t, hubtest.SQLite(t))
	token := h.AddKiosk(t, "GNT01")
	cat := hubtest.Catalogue(t, "").Services
	body := hubtest.Submission(t, cat, "GNT01", "general-question", 1).Encode()
	key := hubtest.Key()
	post(t, h, token, key, body)
	post(t, h, token, key, body)
	hb, _ := json.Marshal(wire.Heartbeat{Version: "1"})
	call{path: wire.PathHeartbeat, token: token, body: hb}.do(t, h)
	if status, _, resp := (call{method: "GET", path: "/healthz"}).do(t, h); status != 200 || string(resp) != "ok\n" {
		t.Fatalf("healthz: %d %s", status, resp)
	}
	status, hdr, resp := call{method: "GET", path: "/metrics"}.do(t, h)
	text := string(resp)
	if status != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/plain") {
		t.Fatalf("metrics: %d %s", status, hdr)
	}
	for _, want := range []string{
		`loket_hub_submissions_total{result="created"} 1`,
		`loket_hub_submissions_total{result="replayed"} 1`,
		`loket_hub_duplicates_refused_total 1`,
		`loket_hub_requests_total{route="POST /v1/submissions",code="201"} 2`,
		`loket_hub_kiosks_seen 1`,
		"# TYPE loket_hub_requests_total counter",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "GNT01-") {
		t.Fatalf("metrics name a reference:\n%s", text)
	}
	h.Store.Close()
	if status, _, _ := (call{method: "GET", path: "/healthz"}).do(t, h); status != http.StatusServiceUnavailable {
		t.Fatalf("healthz with the database closed: %d", status)
	}
}
