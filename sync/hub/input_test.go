package hub_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"loket/kiosk"
	"loket/sync/hub/hubtest"
	"loket/sync/wire"
)

// Bad input gets a clear 4xx with a machine-readable reason, nothing is stored, and the
// hub goes on serving.
func TestBadInput(t *testing.T) {
	h := hubtest.Start(t, hubtest.SQLite(t))
	token := h.AddKiosk(t, "GNT01")
	cat := hubtest.Catalogue(t, "").Services
	good := hubtest.Submission(t, cat, "GNT01", "general-question", 1)
	edit := func(f func(m map[string]any)) []byte {
		var m map[string]any
		_ = json.Unmarshal(good.Encode(), &m)
		f(m)
		b, _ := json.Marshal(m)
		return b
	}
	unknownService := good
	unknownService.ServiceID = "no-such-service"
	otherKiosk := good
	otherKiosk.Reference = kiosk.NewReference("BRG01", "AB", 12)
	for _, c := range []struct {
		name        string
		body        []byte
		contentType string
		key         string
		status      int
		field, code string
	}{
		{"malformed JSON", []byte(`{"reference": "GNT01-`), "", "", 400, "", wire.CodeSyntax},
		{"not an object", []byte(`[1, 2, 3]`), "", "", 400, "", wire.CodeType},
		{"empty body", []byte{}, "", "", 400, "", wire.CodeSyntax},
		{"trailing data", append(good.Encode(), []byte(` {}`)...), "", "", 400, "", wire.CodeTrailing},
		{"oversized", bytes.Repeat([]byte(" "), wire.MaxSubmissionBytes+1), "", "", 413, "", wire.CodeTooLarge},
		{"wrong content type", good.Encode(), "text/plain", "", 415, "", wire.CodeContentType},
		{"no idempotency key", good.Encode(), "", "-", 400, wire.HeaderIdempotencyKey, wire.CodeFormat},
		{"short idempotency key", good.Encode(), "", "abc", 400, wire.HeaderIdempotencyKey, wire.CodeFormat},
		{"unknown service", unknownService.Encode(), "", "", 422, "service_id", wire.CodeServiceUnknown},
		{"version is a string", edit(func(m map[string]any) { m["service_version"] = "1" }), "", "", 400, "service_version", wire.CodeType},
		{"answers is a list", edit(func(m map[string]any) { m["answers"] = []string{"a"} }), "", "", 400, "answers", wire.CodeType},
		{"an answer is a number", edit(func(m map[string]any) { m["answers"] = map[string]any{"topic": 3} }), "", "", 400, "answers", wire.CodeType},
		{"assisted is a string", edit(func(m map[string]any) { m["assisted"] = "yes" }), "", "", 400, "assisted", wire.CodeType},
		{"bad time", edit(func(m map[string]any) { m["submitted_at"] = "yesterday" }), "", "", 400, "", wire.CodeFormat},
		{"unknown field", edit(func(m map[string]any) { m["name"] = "Jan" }), "", "", 400, "name", wire.CodeUnknownField},
		{"missing answers", edit(func(m map[string]any) { delete(m, "answers") }), "", "", 400, "answers", wire.CodeRequired},
		{"bad reference", edit(func(m map[string]any) { m["reference"] = "GNT01-AB00-0000" }), "", "", 400, "reference", wire.CodeFormat},
		{"bad language", edit(func(m map[string]any) { m["lang"] = "de" }), "", "", 400, "lang", wire.CodeLang},
		{"as another kiosk", otherKiosk.Encode(), "", "", 403, "kiosk_id", wire.CodeKioskMismatch},
	} {
		t.Run(c.name, func(t *testing.T) {
			key := c.key
			switch key {
			case "":
				key = hubtest.Key()
			case "-":
				key = ""
			}
			status, _, resp := call{path: wire.PathSubmissions, token: token, body: c.body, contentType: c.contentType,
				header: map[string]string{wire.HeaderIdempotencyKey: key}}.do(t, h)
			if status != c.status || !hasCode(problems(t, resp), c.field, c.code) {
				t.Fatalf("%d %s, want %d with %s %s", status, resp, c.status, c.field, c.code)
			}
		})
	}
	if n := hubtest.Count(t, h.Store); n != 0 {
		t.Fatalf("%d stored from bad input", n)
	}
	if status, _, resp := post(t, h, token, hubtest.Key(), good.Encode()); status != 201 {
		t.Fatalf("the hub stopped serving: %d %s", status, resp)
	}
}

// Answers are checked with the kiosk's own rules; each refusal names the step and the
// kiosk's message code.
func TestServerSideValidation(t *testing.T) {
	h := hubtest.Start(t, hubtest.SQLite(t))
	token := h.AddKiosk(t, "GNT01")
	cat := hubtest.Catalogue(t, "").Services
	sub := hubtest.Submission(t, cat, "GNT01", "proof-of-residence", 1)
	svc, _ := cat.Service("proof-of-residence")
	rrnStep := ""
	for _, st := range svc.Steps {
		if st.Type == "rrn" && sub.Answers[st.ID] != "" {
			rrnStep = st.ID
			break
		}
	}
	if rrnStep == "" {
		t.Fatalf("proof-of-residence asks no national number: %v", sub.Answers)
	}
	bad := sub
	bad.Answers = sub.Answers.Clone()
	bad.Answers[rrnStep] = "85073003327" // the checksum is off by one
	bad.Answers["favourite-colour"] = "blue"
	status, _, resp := post(t, h, token, hubtest.Key(), bad.Encode())
	pd := problems(t, resp)
	if status != 422 || !hasCode(pd, "answers."+rrnStep, "rrn.checksum") || !hasCode(pd, "answers.favourite-colour", wire.CodeAnswerUnexpect) {
		t.Fatalf("%d %s", status, resp)
	}
	missing := sub
	missing.Answers = sub.Answers.Clone()
	delete(missing.Answers, rrnStep)
	status, _, resp = post(t, h, token, hubtest.Key(), missing.Encode())
	if status != 422 || !hasCode(problems(t, resp), "answers."+rrnStep, "required") {
		t.Fatalf("a required answer missing: %d %s", status, resp)
	}
	if n := hubtest.Count(t, h.Store); n != 0 {
		t.Fatalf("%d invalid submissions stored", n)
	}
	// Every shipped service's valid answers pass.
	for i, s := range cat.Services() {
		sub := hubtest.Submission(t, cat, "GNT01", s.ID, 100+i)
		if status, _, resp := post(t, h, token, hubtest.Key(), sub.Encode()); status != 201 {
			t.Errorf("%s: %d %s", s.ID, status, resp)
		}
	}
}

func TestBatch(t *testing.T) {
	h := hubtest.Start(t, hubtest.SQLite(t))
	token := h.AddKiosk(t, "GNT01")
	cat := hubtest.Catalogue(t, "").Services
	good := hubtest.Submission(t, cat, "GNT01", "general-question", 1)
	unknown := hubtest.Submission(t, cat, "GNT01", "general-question", 2)
	unknown.ServiceID = "nope"
	req := wire.BatchRequest{Items: []wire.BatchItem{
		{IdempotencyKey: hubtest.Key(), Submission: good.Encode()},
		{IdempotencyKey: hubtest.Key(), Submission: unknown.Encode()},
		{IdempotencyKey: hubtest.Key(), Submission: json.RawMessage(`{"reference": 7}`)},
	}}
	body, _ := json.Marshal(req)
	status, _, resp := call{path: wire.PathBatch, token: token, body: body}.do(t, h)
	var br wire.BatchResponse
	if err := json.Unmarshal(resp, &br); status != 200 || err != nil || len(br.Results) != 3 {
		t.Fatalf("%d %s", status, resp)
	}
	if br.Results[0].Status != 201 || br.Results[1].Status != 422 || br.Results[2].Status != 400 ||
		br.Results[0].IdempotencyKey != req.Items[0].IdempotencyKey {
		t.Fatalf("per-item results: %s", resp)
	}
	// The batch again: the good one is a replay; the refusals stay refusals.
	_, _, resp = call{path: wire.PathBatch, token: token, body: body}.do(t, h)
	_ = json.Unmarshal(resp, &br)
	if br.Results[0].Status != 201 || !br.Results[0].Replayed || br.Results[1].Status != 422 {
		t.Fatalf("second time: %s", resp)
	}
	if n := hubtest.Count(t, h.Store); n != 1 {
		t.Fatalf("%d stored, want 1", n)
	}
	for _, c := range []struct {
		name string
		body string
	}{
		{"no items", `{"items": []}`},
		{"too many items", `{"items": [` + strings.Repeat(`{"idempotency_key":"x","submission":{}},`, wire.MaxBatchItems) + `{"idempotency_key":"x","submission":{}}]}`},
		{"not a batch", `{"item": 1}`},
	} {
		if status, _, resp := (call{path: wire.PathBatch, token: token, body: []byte(c.body)}).do(t, h); status != 400 {
			t.Errorf("%s: %d %s", c.name, status, resp)
		}
	}
}
