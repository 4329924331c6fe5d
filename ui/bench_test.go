package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"loket/kiosk"
)

// BenchmarkQuestionScreen builds a question screen (the national number question of the
// proof of residence, with a refusal message) and renders it on the test canvas: what a
// citizen waits for after tapping Continue, less the durable save.
func BenchmarkQuestionScreen(b *testing.B) {
	k, _ := newTestKiosk(b)
	svc, _ := k.deps.Catalogue.Service("proof-of-residence")
	k.startService(svc)
	if err := k.flow.Begin(context.Background()); err != nil {
		b.Fatal(err)
	}
	if err := k.flow.Continue(context.Background(), "self"); err != nil {
		b.Fatal(err)
	}
	inv := &kiosk.Invalid{Code: "rrn.checksum"}
	w := test.NewWindow(k.Content())
	defer w.Close()
	w.Resize(screenSize)
	b.Run("build-and-layout", func(b *testing.B) {
		for range b.N {
			k.show(func() screen { return newQuestionScreenWithProblem(k, inv) })
			k.root.Resize(screenSize)
		}
	})
	b.Run("build-layout-render", func(b *testing.B) {
		for range b.N {
			k.show(func() screen { return newQuestionScreenWithProblem(k, inv) })
			_ = w.Canvas().Capture()
		}
	})
}
