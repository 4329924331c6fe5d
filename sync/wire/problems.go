package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Problem is one machine-readable reason for a refusal. For an answer that failed the
// service's rules, Field is "answers.<step id>" and Code and Args are those of the
// kiosk's *kiosk.Invalid, so the kiosk can show the same message it would have shown.
type Problem struct {
	Field string   `json:"field,omitempty"`
	Code  string   `json:"code"`
	Args  []string `json:"args,omitempty"`
}

func (p Problem) String() string {
	s := p.Code
	if p.Field != "" {
		s = p.Field + ": " + s
	}
	if len(p.Args) > 0 {
		s += " (" + strings.Join(p.Args, ", ") + ")"
	}
	return s
}

// ProblemDetails is an error answer, as in RFC 9457 (application/problem+json), with the
// list of problems as an extension member.
type ProblemDetails struct {
	Type     string    `json:"type,omitempty"`
	Title    string    `json:"title"`
	Status   int       `json:"status"`
	Detail   string    `json:"detail,omitempty"`
	Problems []Problem `json:"problems,omitempty"`
}

// ContentTypeProblem is the media type of ProblemDetails.
const ContentTypeProblem = "application/problem+json"

// Codes of problems that are not about an answer.
const (
	CodeSyntax          = "json.syntax"              // not JSON, or truncated
	CodeType            = "json.type"                // a value of the wrong type
	CodeUnknownField    = "json.unknown_field"       // a key the API does not have
	CodeTrailing        = "json.trailing"            // more after the JSON value
	CodeTooLarge        = "body.too_large"           // over the size limit
	CodeRequired        = "required"                 // a field that must be given
	CodeFormat          = "format"                   // a field in the wrong form
	CodeKeyReused       = "idempotency_key.reused"   // same key, different body
	CodeInProgress      = "idempotency_key.busy"     // same key still being handled
	CodeKioskMismatch   = "kiosk.mismatch"           // writing as another kiosk
	CodeServiceUnknown  = "service.unknown"          // no such service on the hub
	CodeAnswerUnexpect  = "answer.unexpected"        // an answer to a step not asked
	CodeReferenceTaken  = "reference.taken"          // the reference has another key
	CodeSubmittedFuture = "submitted_at.future"      // a clock far ahead
	CodeLang            = "lang.unknown"             // not nl, fr or en
	CodeTooManyItems    = "items.count"              // empty or over MaxBatchItems
	CodeTokenMissing    = "auth.missing"             // no bearer token
	CodeTokenRefused    = "auth.refused"             // unknown or revoked token
	CodeForbidden       = "auth.forbidden"           // the token's role may not do this
	CodeContentType     = "content_type.unsupported" // not application/json
)

// Decode reads exactly one JSON value from data into v, refusing unknown keys and
// anything after the value. Its error is a Problem that names the field at fault.
func Decode(data []byte, v any) *Problem {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeProblem(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return &Problem{Code: CodeTrailing}
	}
	return nil
}

func decodeProblem(err error) *Problem {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		return &Problem{Field: typeErr.Field, Code: CodeType, Args: []string{typeErr.Value}}
	case errors.As(err, &syntaxErr), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &Problem{Code: CodeSyntax}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &Problem{Field: field, Code: CodeUnknownField}
	}
	// time.Time and other types with their own UnmarshalJSON end up here.
	return &Problem{Code: CodeFormat, Args: []string{shorten(err.Error())}}
}

func shorten(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

// Error makes a ProblemDetails usable as an error on the kiosk side.
func (p *ProblemDetails) Error() string {
	var parts []string
	for _, pr := range p.Problems {
		parts = append(parts, pr.String())
	}
	s := fmt.Sprintf("%d %s", p.Status, p.Title)
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, "; ")
	}
	return s
}
