package hub

import (
	"errors"
	"html/template"
	"net/http"
	"strings"

	"loket/kiosk"
	"loket/sync/wire"
)

// statusPage is what a citizen sees after scanning the QR code on their receipt: whether the
// municipality has their request, in the three languages at once (we do not know which one
// they read, and it is three short lines). Nothing about the request itself.
var statusPage = template.Must(template.New("status").Parse(`<!doctype html>
<html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Reference}}</title>
<style>body{font-family:sans-serif;max-width:36em;margin:2em auto;padding:0 1em;line-height:1.5}
h1{font-size:1.4em}p{font-size:1.15em}.ref{font-family:monospace;font-size:1.3em}</style></head>
<body><h1 class="ref">{{.Reference}}</h1>
{{if eq .State "received"}}
<p lang="nl">De gemeente heeft uw aanvraag ontvangen op {{.Day}}.</p>
<p lang="fr">La commune a reçu votre demande le {{.Day}}.</p>
<p lang="en">The municipality received your request on {{.Day}}.</p>
{{else}}
<p lang="nl">Deze aanvraag is nog niet bij de gemeente. Een zuil stuurt ze door zodra ze verbinding heeft; kijk later opnieuw. Klopt het nummer?</p>
<p lang="fr">Cette demande n'est pas encore arrivée à la commune. La borne l'envoie dès qu'elle est connectée ; revenez plus tard. Le numéro est-il correct ?</p>
<p lang="en">This request has not reached the municipality yet. A kiosk sends it as soon as it is online; check again later. Is the number right?</p>
{{end}}
</body></html>
`))

// getStatus is GET /status/{reference}: HTML for people, JSON when asked for with Accept.
// A reference typed with spaces or lower case is found too.
func (s *Server) getStatus(w http.ResponseWriter, r *http.Request) {
	typed := r.PathValue("reference")
	st := wire.Status{Reference: strings.ToUpper(typed), State: "unknown"}
	if ref, err := kiosk.ParseReference(typed); err == nil {
		st.Reference = ref
		rec, err := s.store.Submission(r.Context(), ref)
		switch {
		case err == nil:
			t := rec.ReceivedAt
			st.State, st.ReceivedAt = rec.State, &t
		case !errors.Is(err, ErrNotFound):
			s.fail(w, r, err)
			return
		}
	}
	code := http.StatusOK
	if st.State == "unknown" {
		code = http.StatusNotFound
	}
	if strings.Contains(r.Header.Get("Accept"), "application/json") {
		writeJSON(w, code, st)
		return
	}
	day := ""
	if st.ReceivedAt != nil {
		day = st.ReceivedAt.In(s.loc).Format("02/01/2006")
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(code)
	_ = statusPage.Execute(w, struct{ Reference, State, Day string }{st.Reference, st.State, day})
}
