package outbox

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Backoff spaces out retries after failures: exponential with full jitter (a uniformly
// random wait between zero and the exponential ceiling), so a hundred kiosks coming back
// online after a network cut do not all knock on the hub at the same instant.
type Backoff struct {
	Base time.Duration // ceiling after the first failure; doubles with each one
	Max  time.Duration // the ceiling never grows past this
	// Rand returns a number in [0, 1); math/rand/v2's Float64 when nil. Tests fix it.
	Rand func() float64
}

// DefaultBackoff starts around a second and is capped at three minutes: a kiosk whose
// network comes back is caught up within minutes, and an outage costs the hub a request
// per kiosk every minute and a half on average.
var DefaultBackoff = Backoff{Base: time.Second, Max: 3 * time.Minute}

// Delay returns how long to wait after the given number of consecutive failures (1 or more).
func (b Backoff) Delay(failures int) time.Duration {
	if failures < 1 {
		return 0
	}
	ceiling := b.Max
	if shift := failures - 1; shift < 30 && b.Base<<shift < b.Max && b.Base<<shift > 0 {
		ceiling = b.Base << shift
	}
	r := b.Rand
	if r == nil {
		r = rand.Float64
	}
	return time.Duration(r() * float64(ceiling))
}

// maxRetryAfter bounds what a Retry-After header can make the kiosk wait: honoured as
// given up to an hour, so a misconfigured hub cannot silence a kiosk for days.
const maxRetryAfter = time.Hour

// retryAfter reads a Retry-After header: a number of seconds or an HTTP date. Zero when
// absent or unreadable.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.Atoi(v); err == nil {
		d = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), maxRetryAfter)
}
