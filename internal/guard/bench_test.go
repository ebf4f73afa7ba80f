package guard

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
)

type cannedTransport struct{}

func (cannedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	return &http.Response{StatusCode: 200, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"text/plain"}, "Server": {"gunicorn"}}, Body: io.NopCloser(strings.NewReader("hello\n")), ContentLength: 6, Request: r}, nil
}

// BenchmarkServe is the guard's own cost per request, without the network:
// the application answers from memory.
func BenchmarkServe(b *testing.B) {
	cfg, err := ParseConfig("b.toml", []byte("upstream = \"http://127.0.0.1:1\"\n[default]\nrate = \"100000r/s\"\nburst = 100000\nnodelay = true\n[events]\noutput = \"off\"\n[[route]]\npath = \"/accounts/login/\"\nlogin = true\n"))
	if err != nil {
		b.Fatal(err)
	}
	g, err := New(cfg, Options{Log: io.Discard})
	if err != nil {
		b.Fatal(err)
	}
	g.cur.Load().proxy.Transport = cannedTransport{}
	req := httptest.NewRequest("GET", "http://shop.example.org/products/42/reviews/", nil)
	req.RemoteAddr = "198.51.100.7:4711"
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		g.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatalf("status %d", w.Code)
		}
	}
}

// BenchmarkWAF is the Core Rule Set's cost per request at paranoia level
// 1, for a GET and for a 10 kB form POST (bench/guard.sh prints it).
func BenchmarkWAF(b *testing.B) {
	cfg, err := ParseConfig("b.toml", []byte("[waf]\nenabled = true\n"))
	if err != nil {
		b.Fatal(err)
	}
	w, err := newWAF(cfg)
	if err != nil {
		b.Fatal(err)
	}
	form := "csrfmiddlewaretoken=abc&title=Spring+sale&body=" + strings.Repeat("Lorem+ipsum+dolor+sit+amet+", 400)
	for _, tc := range []struct {
		name, method, body string
	}{{"GET", "GET", ""}, {"POST-10kB-form", "POST", form[:10240]}} {
		b.Run(tc.name, func(b *testing.B) {
			ri := &reqInfo{client: clientOf(&http.Request{RemoteAddr: "198.51.100.7:4711"}, nil)}
			for b.Loop() {
				r := httptest.NewRequest(tc.method, "http://shop.example.org/blog/2026/spring-sale/?page=2&sort=new", nil)
				r.Header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
				r.Header.Set("Accept", "text/html,application/xhtml+xml")
				r.Header.Set("Cookie", "sessionid=abcdef0123456789; csrftoken=0123456789abcdef")
				if tc.body != "" {
					r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					r.Body = memReader{bytes.NewReader([]byte(tc.body))}
					r.ContentLength = int64(len(tc.body))
				}
				if res := inspect(w, r, ri); res.block || len(res.rules) > 0 {
					msg, _ := wafSummary(res.rules)
					b.Fatalf("a plain request matched: %s", msg)
				}
			}
		})
	}
}

// TestBareProxyBeside loads a bare httputil.ReverseProxy and the guard,
// in one process, on one core, with wrk: what the guard's controls cost
// beyond Go's own reverse proxy. bench/guard.sh runs it
// (DJSEC_GUARD_BARE=1); it needs wrk and taskset.
func TestBareProxyBeside(t *testing.T) {
	if os.Getenv("DJSEC_GUARD_BARE") == "" {
		t.Skip("a measurement, not a test: DJSEC_GUARD_BARE=1 runs it (bench/guard.sh)")
	}
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "hello\n") }))
	defer up.Close()
	u, _ := url.Parse(up.URL)
	rp := httputil.NewSingleHostReverseProxy(u)
	rp.Transport = &http.Transport{MaxIdleConnsPerHost: 256}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go http.Serve(l, rp)
	g := startGuard(t, fmt.Sprintf("upstream = %q\n[default]\nrate = \"100000r/s\"\nburst = 100000\nnodelay = true\n[events]\noutput = \"off\"\n[headers]\nhsts_over_plain_http = true\n", up.URL))
	cpu := os.Getenv("LOADCPU")
	if cpu == "" {
		cpu = "1"
	}
	for _, tc := range []struct{ name, url string }{{"bare httputil proxy", "http://" + l.Addr().String() + "/"}, {"guard", g.url + "/"}} {
		out, err := exec.Command("taskset", "-c", cpu, "wrk", "-t2", "-c64", "-d8s", tc.url).CombinedOutput()
		if err != nil {
			t.Fatalf("wrk: %v: %s", err, out)
		}
		for _, line := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(line, "Requests/sec:") {
				t.Logf("%-20s %s", tc.name, strings.TrimSpace(strings.TrimPrefix(line, "Requests/sec:")))
			}
		}
	}
}
