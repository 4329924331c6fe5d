package outbox_test

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"
)

// fault is what the proxy does to one request.
type fault int

const (
	pass        fault = iota
	refuse            // reset the connection without forwarding: the hub looks down
	resetAfter        // forward, let the hub commit, reset before the kiosk reads the answer
	slow              // forward, hold the answer past the kiosk's timeout
	fail500           // answer 500 without forwarding
	fail500Late       // forward (the hub commits), then answer 500
	tooMany           // answer 429 with Retry-After: 1
	nFaults
)

var faultNames = [...]string{"pass", "refuse", "reset-after-commit", "slow", "500", "500-after-commit", "429"}

func (f fault) String() string { return faultNames[f] }

// proxy sits between the kiosk and the hub on loopback and injects faults, chosen per
// request by choose. When the hub is down, every request it forwards is reset, as a dead
// hub's connection would be.
type proxy struct {
	URL       string
	target    string
	choose    func(r *http.Request) fault
	slowFor   time.Duration
	transport *http.Transport
	srv       *http.Server

	mu      sync.Mutex
	counts  [nFaults]int
	down    int                    // forwards that found the hub down
	arrived map[string][]time.Time // when each request arrived, by path
	rewrite func(path string, body []byte) []byte
}

func newProxy(t testing.TB, target string, choose func(r *http.Request) fault) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{URL: "http://" + ln.Addr().String(), target: target, choose: choose, slowFor: 2 * time.Second,
		transport: &http.Transport{MaxIdleConnsPerHost: 16, DisableCompression: true},
		arrived:   map[string][]time.Time{}}
	p.srv = &http.Server{Handler: p}
	go func() { _ = p.srv.Serve(ln) }()
	t.Cleanup(func() {
		_ = p.srv.Close()
		p.transport.CloseIdleConnections()
	})
	return p
}

func (p *proxy) count(f fault) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.counts[f]
}

// setRewrite changes (or with nil, stops) what the proxy does to the hub's answers.
func (p *proxy) setRewrite(f func(path string, body []byte) []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rewrite = f
}

func (p *proxy) counted() [nFaults]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.counts
}

func (p *proxy) downCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.down
}

func (p *proxy) times(path string) []time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]time.Time(nil), p.arrived[path]...)
}

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f := pass
	if p.choose != nil {
		f = p.choose(r)
	}
	p.mu.Lock()
	p.counts[f]++
	p.arrived[r.URL.Path] = append(p.arrived[r.URL.Path], time.Now())
	p.mu.Unlock()
	switch f {
	case refuse:
		reset(w)
		return
	case fail500:
		http.Error(w, "injected", http.StatusInternalServerError)
		return
	case tooMany:
		w.Header().Set("Retry-After", "1")
		http.Error(w, "injected", http.StatusTooManyRequests)
		return
	}
	resp, body, err := p.forward(r)
	if err != nil {
		p.mu.Lock()
		p.down++
		p.mu.Unlock()
		reset(w)
		return
	}
	switch f {
	case resetAfter:
		reset(w)
		return
	case fail500Late:
		http.Error(w, "injected", http.StatusInternalServerError)
		return
	case slow:
		select { // simulated latency: the kiosk gives up first and closes the connection
		case <-time.After(p.slowFor):
		case <-r.Context().Done():
			return
		}
	}
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(body)
}

// forward sends the request to the hub and reads its whole answer, so that for the faults
// that follow, the hub has finished (and committed) before the kiosk learns anything.
func (p *proxy) forward(r *http.Request) (*http.Response, []byte, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, nil, err
	}
	out, err := http.NewRequest(r.Method, "http://"+p.target+r.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		return nil, nil, err
	}
	out.Header = r.Header.Clone()
	resp, err := p.transport.RoundTrip(out)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, nil, err
	}
	p.mu.Lock()
	rewrite := p.rewrite
	p.mu.Unlock()
	if rewrite != nil {
		answer = rewrite(r.URL.Path, answer)
		resp.Header.Del("Content-Length")
	}
	return resp, answer, nil
}

// reset closes the client's connection with a TCP RST (SO_LINGER 0), the way a crashed
// server or a broken middlebox does.
func reset(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}
