package kiosk

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// Errors an Utterance ends with.
var (
	ErrNoSpeech      = errors.New("speech: espeak-ng is not installed")
	ErrSpeechStopped = errors.New("speech: stopped")
)

// Speaker reads a screen's text aloud with espeak-ng (Debian package espeak-ng), for
// citizens who see or read poorly. It runs the engine as a child process, never on the
// caller's goroutine, so the UI thread does not wait for a sentence to be spoken, and only
// one utterance plays at a time: a new one, or Stop, kills the one still speaking.
//
// A Speaker is safe for use from several goroutines.
type Speaker struct {
	bin string // espeak-ng's path; "" when it is not installed
	wav string // when set, the file espeak-ng writes to instead of the sound card

	voicesOnce sync.Once
	voices     map[string]bool // installed espeak-ng voices, read once

	mu      sync.Mutex
	current *Utterance

	onStart func() // tests: called once espeak-ng runs
}

// SpeakerOptions configure a Speaker.
type SpeakerOptions struct {
	// WAVFile, when set, makes espeak-ng write each utterance to this file (espeak-ng -w)
	// instead of playing it: for tests, and machines without a sound card.
	WAVFile string
}

// NewSpeaker finds espeak-ng on PATH. Without it the Speaker is not Available and Say does
// nothing, so the kiosk runs the same without speech; the screens hide the button.
func NewSpeaker(opts SpeakerOptions) *Speaker {
	bin, err := exec.LookPath("espeak-ng")
	if err != nil {
		bin = ""
	}
	return &Speaker{bin: bin, wav: opts.WAVFile}
}

// Available reports whether espeak-ng is installed.
func (sp *Speaker) Available() bool { return sp.bin != "" }

// Utterance is one text being spoken.
type Utterance struct {
	done   chan struct{}
	err    error
	cancel context.CancelFunc
}

// Done is closed when the utterance has ended: spoken to the end, stopped, or failed.
func (u *Utterance) Done() <-chan struct{} { return u.done }

// Err waits for the utterance to end and says how: nil when it was spoken to the end,
// ErrSpeechStopped, ErrNoSpeech, or why espeak-ng failed.
func (u *Utterance) Err() error {
	<-u.done
	return u.err
}

func endedUtterance(err error) *Utterance {
	u := &Utterance{done: make(chan struct{}), err: err, cancel: func() {}}
	close(u.done)
	return u
}

// Say stops whatever is still being spoken and speaks text in lang's voice. It returns at
// once; the returned Utterance tells when it ends, and callers that do not care ignore it.
func (sp *Speaker) Say(lang Lang, text string) *Utterance {
	if !sp.Available() {
		return endedUtterance(ErrNoSpeech)
	}
	ctx, cancel := context.WithCancel(context.Background())
	u := &Utterance{done: make(chan struct{}), cancel: cancel}
	sp.mu.Lock()
	prev := sp.current
	sp.current = u
	sp.mu.Unlock()
	if prev != nil {
		prev.cancel()
	}
	go func() {
		defer close(u.done)
		defer cancel()
		if prev != nil {
			<-prev.done // never two voices at once
		}
		u.err = sp.speak(ctx, lang, text)
		sp.mu.Lock()
		if sp.current == u {
			sp.current = nil
		}
		sp.mu.Unlock()
	}()
	return u
}

// Stop silences the kiosk: the screen changed, or the citizen tapped stop. It returns at
// once; espeak-ng is killed in the background.
func (sp *Speaker) Stop() {
	sp.mu.Lock()
	cur := sp.current
	sp.current = nil
	sp.mu.Unlock()
	if cur != nil {
		cur.cancel()
	}
}

// speak runs espeak-ng until it ends or ctx is cancelled, which kills it. The text goes in on
// standard input, not as an argument: a text that starts with "-" cannot pass for an option,
// and what is read aloud (it may be a citizen's answers on the check screen) never shows in
// the process list.
func (sp *Speaker) speak(ctx context.Context, lang Lang, text string) error {
	if ctx.Err() != nil {
		return ErrSpeechStopped
	}
	voice, err := sp.voice(lang)
	if err != nil {
		return err
	}
	args := []string{"-v", voice}
	if sp.wav != "" {
		args = append(args, "-w", sp.wav)
	}
	cmd := exec.CommandContext(ctx, sp.bin, args...)
	cmd.Stdin = strings.NewReader(text)
	cmd.WaitDelay = time.Second // after the kill, do not wait long for the stdin copy
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("speech: start espeak-ng: %w", err)
	}
	if sp.onStart != nil {
		sp.onStart()
	}
	err = cmd.Wait()
	switch {
	case ctx.Err() != nil:
		return ErrSpeechStopped
	case err != nil:
		return fmt.Errorf("speech: espeak-ng -v %s: %w: %s", voice, err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// voice returns the espeak-ng voice for lang, reading the installed voices the first time.
func (sp *Speaker) voice(lang Lang) (string, error) {
	sp.voicesOnce.Do(func() {
		out, err := exec.Command(sp.bin, "--voices").Output()
		if err == nil {
			sp.voices = parseVoices(string(out))
		}
	})
	return voiceFor(lang, sp.voices)
}

// voiceFor picks lang's voice among the installed ones: Belgian French where the espeak-ng
// build has it (the citizens are Belgian), plain French otherwise.
func voiceFor(lang Lang, installed map[string]bool) (string, error) {
	switch lang {
	case NL:
		return "nl", nil
	case FR:
		if installed["fr-be"] {
			return "fr-be", nil
		}
		return "fr", nil
	case EN:
		return "en", nil
	}
	return "", fmt.Errorf("speech: no voice for language %q", lang)
}

// parseVoices reads the language column of `espeak-ng --voices`.
func parseVoices(list string) map[string]bool {
	voices := map[string]bool{}
	for _, line := range strings.Split(list, "\n")[1:] {
		if f := strings.Fields(line); len(f) > 1 {
			voices[strings.ToLower(f[1])] = true
		}
	}
	return voices
}
