package kiosk

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// requireEspeak skips a test where espeak-ng is not installed, except in CI, where
// scripts/setup.sh installs it and its absence is a broken setup.
func requireEspeak(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("espeak-ng"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("espeak-ng is not installed: apt-get install -y espeak-ng")
		}
		t.Skip("espeak-ng is not installed")
	}
}

// waitUtterance waits for u to end, failing the test after a deadline.
func waitUtterance(t *testing.T, u *Utterance, within time.Duration) error {
	t.Helper()
	select {
	case <-u.Done():
		return u.Err()
	case <-time.After(within):
		t.Fatalf("the utterance did not end within %v", within)
		return nil
	}
}

// wavSize checks that path is a WAV file with sound in it and returns its size.
func wavSize(t *testing.T, path string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) <= 44 || !bytes.Equal(data[:4], []byte("RIFF")) || !bytes.Equal(data[8:12], []byte("WAVE")) {
		t.Fatalf("%s is not a WAV file with sound (%d bytes)", path, len(data))
	}
	return len(data)
}

func TestSpeechWAVPerLanguage(t *testing.T) {
	requireEspeak(t)
	texts := map[Lang][2]string{
		NL: {"Welkom.", "Welkom bij de kiosk van de gemeente. Tik op de dienst die u zoekt."},
		FR: {"Bienvenue.", "Bienvenue à la borne de la commune. Touchez le service que vous cherchez."},
		EN: {"Welcome.", "Welcome to the municipal kiosk. Tap the service you are looking for."},
	}
	for lang, text := range texts {
		var sizes [2]int
		for i, s := range text {
			wav := filepath.Join(t.TempDir(), "out.wav")
			sp := NewSpeaker(SpeakerOptions{WAVFile: wav})
			if !sp.Available() {
				t.Fatal("espeak-ng is on PATH but the speaker is not available")
			}
			if err := waitUtterance(t, sp.Say(lang, s), 30*time.Second); err != nil {
				t.Fatalf("%s: %v", lang, err)
			}
			sizes[i] = wavSize(t, wav)
		}
		if sizes[1] <= 2*sizes[0] {
			t.Errorf("%s: the long text's WAV (%d bytes) is not much longer than the short one's (%d)", lang, sizes[1], sizes[0])
		}
	}
}

// longText takes espeak-ng many seconds to speak, even into a file.
var longText = strings.Repeat("Dit is een lange zin die de kiosk voorleest aan wie slecht ziet. ", 1000)

func TestSpeechStopKillsLongUtterance(t *testing.T) {
	requireEspeak(t)
	sp := NewSpeaker(SpeakerOptions{WAVFile: filepath.Join(t.TempDir(), "long.wav")})
	started := make(chan struct{}, 1)
	sp.onStart = func() { started <- struct{}{} }
	u := sp.Say(NL, longText)
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("espeak-ng did not start")
	}
	stopped := time.Now()
	sp.Stop()
	if err := waitUtterance(t, u, 2*time.Second); !errors.Is(err, ErrSpeechStopped) {
		t.Fatalf("a stopped utterance ends with ErrSpeechStopped, got %v", err)
	}
	t.Logf("stopped in %v", time.Since(stopped))
}

func TestSpeechSayStopsThePreviousOne(t *testing.T) {
	requireEspeak(t)
	wav := filepath.Join(t.TempDir(), "out.wav")
	sp := NewSpeaker(SpeakerOptions{WAVFile: wav})
	started := make(chan struct{}, 2)
	sp.onStart = func() { started <- struct{}{} }
	long := sp.Say(NL, longText)
	<-started
	short := sp.Say(EN, "Stop.")
	if err := waitUtterance(t, long, 2*time.Second); !errors.Is(err, ErrSpeechStopped) {
		t.Fatalf("the first utterance is stopped by the second: %v", err)
	}
	if err := waitUtterance(t, short, 30*time.Second); err != nil {
		t.Fatalf("the second utterance: %v", err)
	}
	if size := wavSize(t, wav); size > 200_000 {
		t.Fatalf("the WAV holds the short text only, not the long one: %d bytes", size)
	}
}

func TestSpeechWithoutEspeak(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	wav := filepath.Join(t.TempDir(), "none.wav")
	sp := NewSpeaker(SpeakerOptions{WAVFile: wav})
	if sp.Available() {
		t.Fatal("available without espeak-ng on PATH")
	}
	if err := waitUtterance(t, sp.Say(NL, "Welkom"), time.Second); !errors.Is(err, ErrNoSpeech) {
		t.Fatalf("Say does nothing: %v", err)
	}
	sp.Stop()
	if _, err := os.Stat(wav); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("nothing was written: %v", err)
	}
}

func TestSpeechVoices(t *testing.T) {
	list := "Pty Language       Age/Gender VoiceName          File                 Other Languages\n" +
		" 5  fr-be           --/M      French_(Belgium)   roa/fr-BE            (fr 8)\n" +
		" 5  nl              --/M      Dutch              gmw/nl\n"
	for _, c := range []struct {
		lang      Lang
		installed map[string]bool
		want      string
	}{
		{NL, nil, "nl"}, {EN, nil, "en"}, {FR, parseVoices(list), "fr-be"}, {FR, map[string]bool{"fr-fr": true}, "fr"},
	} {
		if got, err := voiceFor(c.lang, c.installed); err != nil || got != c.want {
			t.Errorf("%s with %v: %q %v, want %q", c.lang, c.installed, got, err, c.want)
		}
	}
	if _, err := voiceFor("de", nil); err == nil {
		t.Error("no voice for a language the kiosk does not speak")
	}
}
