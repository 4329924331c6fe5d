package hub

import (
	"net/http"
	"runtime"
	"sync"

	"loket/sync/wire"
)

// rawItem is one submission as received, before decoding.
type rawItem struct {
	key  string
	body []byte
}

// postSubmission is POST /v1/submissions: one submission, its key in the Idempotency-Key
// header. The answer is the item's result as an HTTP status.
func (s *Server) postSubmission(w http.ResponseWriter, r *http.Request, p Principal) {
	body := readBody(w, r, wire.MaxSubmissionBytes)
	if body == nil {
		s.metrics.submission("invalid")
		return
	}
	res, err := s.accept(r, p, []rawItem{{key: r.Header.Get(wire.HeaderIdempotencyKey), body: body}})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	one := res[0]
	if one.Receipt != nil {
		if one.Replayed {
			w.Header().Set(wire.HeaderReplayed, "true")
		}
		writeJSON(w, one.Status, one.Receipt)
		return
	}
	writeProblem(w, one.Status, http.StatusText(one.Status), one.Problems...)
}

// postBatch is POST /v1/submissions/batch: up to MaxBatchItems submissions, each with its
// own key and its own result. The batch is stored in one transaction.
func (s *Server) postBatch(w http.ResponseWriter, r *http.Request, p Principal) {
	body := readBody(w, r, wire.MaxBatchBytes)
	if body == nil {
		return
	}
	var req wire.BatchRequest
	if pr := wire.Decode(body, &req); pr != nil {
		writeProblem(w, http.StatusBadRequest, "the batch is not valid JSON for this API", *pr)
		return
	}
	if len(req.Items) == 0 || len(req.Items) > wire.MaxBatchItems {
		writeProblem(w, http.StatusBadRequest, "send 1 to "+itoa(wire.MaxBatchItems)+" items",
			wire.Problem{Field: "items", Code: wire.CodeTooManyItems, Args: []string{itoa(wire.MaxBatchItems)}})
		return
	}
	items := make([]rawItem, len(req.Items))
	for i, it := range req.Items {
		items[i] = rawItem{key: it.IdempotencyKey, body: it.Submission}
	}
	res, err := s.accept(r, p, items)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, wire.BatchResponse{Results: res})
}

// accept prepares every item, claims the keys of those that passed, stores them, and
// returns one result per item in order.
func (s *Server) accept(r *http.Request, p Principal, items []rawItem) ([]wire.BatchResult, error) {
	now := s.now()
	results := make([]wire.BatchResult, len(items))
	prepared := make([]Item, len(items))
	parallel(len(items), func(i int) {
		var status int
		var problems []wire.Problem
		prepared[i], status, problems = prepare(s.cat.Services, s.loc, p.Subject, items[i].key, items[i].body, now)
		results[i] = wire.BatchResult{IdempotencyKey: items[i].key, Status: status, Problems: problems}
	})
	var ready []Item
	var at []int // ready[j] is items[at[j]]
	for i := range items {
		if results[i].Status != 0 {
			s.metrics.submission("invalid")
			continue
		}
		ready, at = append(ready, prepared[i]), append(at, i)
	}
	names := make([]string, len(ready))
	for j, it := range ready {
		names[j] = p.Subject + "/" + it.Key
	}
	claimed := s.claim(names)
	defer s.release(names, claimed)
	var mine []Item
	var mineAt []int
	for j, it := range ready {
		if !claimed[j] {
			results[at[j]].Status = http.StatusConflict
			results[at[j]].Problems = []wire.Problem{{Code: wire.CodeInProgress}}
			s.metrics.submission(InProgress.String())
			continue
		}
		mine, mineAt = append(mine, it), append(mineAt, at[j])
	}
	if len(mine) == 0 {
		return results, nil
	}
	outs, err := s.store.Accept(r.Context(), p.Subject, mine)
	if err != nil {
		return nil, err
	}
	for j, o := range outs {
		s.fill(&results[mineAt[j]], o, mine[j])
	}
	return results, nil
}

// parallel runs f(0) … f(n-1) on every core for a large batch: checking a batch's answers
// is CPU work that would otherwise leave the other cores idle while the kiosk waits.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n/16)
	if workers < 2 {
		for i := range n {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				f(i)
			}
		}()
	}
	wg.Wait()
}

// fill turns a store outcome into the item's HTTP result and logs it by reference only.
func (s *Server) fill(res *wire.BatchResult, o Outcome, it Item) {
	s.metrics.submission(o.Result.String())
	switch o.Result {
	case Created, Replayed:
		rc := o.Receipt
		res.Status, res.Receipt, res.Replayed = http.StatusCreated, &rc, o.Result == Replayed
		s.log.Info("submission", "reference", it.Sub.Reference, "kiosk", it.Sub.KioskID, "result", o.Result.String())
	case KeyReused:
		res.Status = http.StatusUnprocessableEntity
		res.Problems = []wire.Problem{{Field: wire.HeaderIdempotencyKey, Code: wire.CodeKeyReused}}
	case InProgress:
		res.Status = http.StatusConflict
		res.Problems = []wire.Problem{{Code: wire.CodeInProgress}}
	case ReferenceTaken:
		res.Status = http.StatusUnprocessableEntity
		res.Problems = []wire.Problem{{Field: "reference", Code: wire.CodeReferenceTaken}}
	}
}
