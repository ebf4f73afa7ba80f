package probe

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestHostileServers: whatever the server does, the probe ends in bounded
// time and memory, and says what it could not check instead of failing.
func TestHostileServers(t *testing.T) {
	bomb := gzipBomb(t, 64<<20)
	cases := []struct {
		name    string
		handler http.HandlerFunc
		limit   time.Duration
	}{
		{"slow drip", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(200)
			for i := 0; i < 1000; i++ {
				if _, err := w.Write([]byte("<")); err != nil {
					return
				}
				w.(http.Flusher).Flush()
				select {
				case <-r.Context().Done():
					return
				case <-time.After(100 * time.Millisecond):
				}
			}
		}, 20 * time.Second},
		{"endless redirects", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, r.URL.Path+"x/", http.StatusFound)
		}, 10 * time.Second},
		{"huge headers", func(w http.ResponseWriter, r *http.Request) {
			for i := 0; i < 2000; i++ {
				w.Header().Add(fmt.Sprintf("X-Junk-%d", i), strings.Repeat("a", 100))
			}
			w.WriteHeader(200)
		}, 10 * time.Second},
		{"gzip bomb", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Type", "text/html")
			w.Write(bomb)
		}, 10 * time.Second},
		{"endless body", func(w http.ResponseWriter, r *http.Request) {
			chunk := bytes.Repeat([]byte("A"), 64<<10)
			for r.Context().Err() == nil {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}, 20 * time.Second},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(c.handler)
			defer srv.Close()
			start := time.Now()
			res := runProbe(t, Options{Target: srv.URL, Timeout: time.Second, MaxBody: 256 << 10}, nil)
			if d := time.Since(start); d > c.limit {
				t.Errorf("probe took %s, want under %s", d, c.limit)
			}
			if res.Requests > 400 {
				t.Errorf("sent %d requests, want at most the budget of 400", res.Requests)
			}
			for _, f := range res.Findings {
				if f.Rule[3] == '4' {
					t.Errorf("a Django exposure finding on a hostile server: %s %s", f.Rule, f.Message)
				}
			}
		})
	}
}

func gzipBomb(t *testing.T, size int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zero := make([]byte, 1<<20)
	for i := 0; i < size>>20; i++ {
		zw.Write(zero)
	}
	zw.Close()
	return buf.Bytes()
}

// TestRequestBudget: the probe never sends more than --max-requests.
func TestRequestBudget(t *testing.T) {
	var n int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n++
		w.Write([]byte("<html>ok</html>"))
	}))
	defer srv.Close()
	res := runProbe(t, Options{Target: srv.URL, MaxRequests: 10, Concurrency: 1}, nil)
	if res.Requests > 10 || n > 10 {
		t.Errorf("sent %d requests (server saw %d), want at most 10", res.Requests, n)
	}
	if len(res.Notes) == 0 || !strings.Contains(strings.Join(res.Notes, "\n"), "--max-requests") {
		t.Errorf("notes %v: want one saying the budget was spent", res.Notes)
	}
}

// TestConcurrencyBound: never more requests in flight than --concurrency.
func TestConcurrencyBound(t *testing.T) {
	var inflight, peak int
	mu := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu <- struct{}{}
		inflight++
		peak = max(peak, inflight)
		<-mu
		time.Sleep(20 * time.Millisecond)
		mu <- struct{}{}
		inflight--
		<-mu
		w.Write([]byte("<html>ok</html>"))
	}))
	defer srv.Close()
	runProbe(t, Options{Target: srv.URL, Concurrency: 3}, nil)
	if peak > 3 {
		t.Errorf("peak of %d requests in flight, want at most 3", peak)
	}
	if peak < 2 {
		t.Errorf("peak of %d requests in flight: the probe does not run checks in parallel", peak)
	}
}

// TestUserAgent: every request says who is asking, and --header is sent.
func TestUserAgent(t *testing.T) {
	bad := make(chan string, 100)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.UserAgent(), "djsec-probe/") || r.Header.Get("Cookie") != "sessionid=abc" {
			select {
			case bad <- r.Method + " " + r.URL.Path + " " + r.UserAgent() + " " + r.Header.Get("Cookie"):
			default:
			}
		}
		w.Write([]byte("<html>ok</html>"))
	}))
	defer srv.Close()
	runProbe(t, Options{Target: srv.URL, Headers: http.Header{"Cookie": {"sessionid=abc"}}}, nil)
	close(bad)
	for b := range bad {
		t.Errorf("request without the User-Agent or --header: %s", b)
	}
}

// TestBlackHole: a port that accepts connections and never says a word
// (TLS or HTTP) ends the probe after the timeouts, as unreachable.
func TestBlackHole(t *testing.T) {
	port := fakeTCP(t, func(c net.Conn) { time.Sleep(5 * time.Second) })
	for _, scheme := range []string{"https", "http"} {
		start := time.Now()
		res := runProbe(t, Options{Target: fmt.Sprintf("%s://127.0.0.1:%d/", scheme, port), Timeout: 500 * time.Millisecond}, nil)
		if d := time.Since(start); d > 4*time.Second {
			t.Errorf("%s: probe took %s, want under 4s", scheme, d)
		}
		if res.Unreachable == nil {
			t.Errorf("%s: want the site reported unreachable", scheme)
		}
	}
}

// TestOversizedHeaders: a home page with more than 64 KiB of headers is a
// finding, not an unreachable site, and the other checks still run.
func TestOversizedHeaders(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			for i := 0; i < 2000; i++ {
				w.Header().Add(fmt.Sprintf("X-Junk-%d", i), strings.Repeat("a", 100))
			}
		}
		w.Write([]byte("<html>ok</html>"))
	}))
	defer srv.Close()
	res := runProbe(t, Options{Target: srv.URL, Timeout: 2 * time.Second}, nil)
	if res.Unreachable != nil {
		t.Fatalf("got unreachable (%v), want a finding and the other checks", res.Unreachable)
	}
	rules := map[string]int{}
	for _, f := range res.Findings {
		rules[f.Rule]++
	}
	if rules["DJL212"] != 1 {
		t.Errorf("got findings %v, want one DJL212", rules)
	}
	if len(rules) < 2 {
		t.Errorf("got findings %v, want the other checks to report too", rules)
	}
}

// TestManyCookies: a thousand cookies give one finding per rule and
// severity, listing them, not a thousand findings.
func TestManyCookies(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i < 1000; i++ {
			w.Header().Add("Set-Cookie", fmt.Sprintf("c%d=v", i))
		}
		w.Header().Add("Set-Cookie", "sessionid=x")
		w.Write([]byte("<html>ok</html>"))
	}))
	defer srv.Close()
	res := runProbe(t, Options{Target: srv.URL, Timeout: 2 * time.Second}, nil)
	count := map[string]int{}
	for _, f := range res.Findings {
		count[f.Rule]++
		if f.Rule == "DJL303" && !strings.Contains(f.Message, "and 991 more") {
			t.Errorf("grouped message %q: want the first names and how many more", f.Message)
		}
	}
	if count["DJL303"] != 1 {
		t.Errorf("got %d DJL303 (SameSite) findings, want 1 grouped: %v", count["DJL303"], count)
	}
	if count["DJL302"] != 1 {
		t.Errorf("got %d DJL302 (HttpOnly) findings for the one session cookie, want 1", count["DJL302"])
	}
}
