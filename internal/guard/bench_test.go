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
			ri := &reqInfo{client: clientOf(&http.Request{RemoteAddr: "198.51.100.7:4711"}, nil, nil)}
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

// rawUpstream is an application that allocates nothing: it answers every
// request head with the same small answer, so that a benchmark's
// allocations are the guard's own.
func rawUpstream(b *testing.B) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { l.Close() })
	answer := []byte("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nServer: bench\r\nContent-Length: 6\r\n\r\nhello\n")
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				buf := make([]byte, 4096)
				n := 0
				for {
					m, err := c.Read(buf[n:])
					if err != nil {
						return
					}
					n += m
					if bytes.HasSuffix(buf[:n], []byte("\r\n\r\n")) {
						n = 0
						if _, err := c.Write(answer); err != nil {
							return
						}
					} else if n == len(buf) {
						return
					}
				}
			}()
		}
	}()
	return "http://" + l.Addr().String()
}

// BenchmarkFastPath is one request through the HTTP/1.1 fast path over
// loopback, client and application allocating nothing: its allocs/op
// are the guard's own per request.
func BenchmarkFastPath(b *testing.B) {
	g := startGuard(b, fmt.Sprintf("upstream = %q\n[default]\nrate = \"100000r/s\"\nburst = 100000\nnodelay = true\n[events]\noutput = \"off\"\n[headers]\nhsts_over_plain_http = true\n", rawUpstream(b)))
	addr := strings.TrimPrefix(g.url, "http://")
	c, err := net.Dial("tcp", addr)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	// The same request over and over, as wrk sends it, and requests that
	// differ (each head's strings are new).
	for _, tc := range []struct {
		name string
		n    int
	}{{"same", 1}, {"varied", 64}} {
		var reqs [][]byte
		for i := range tc.n {
			reqs = append(reqs, fmt.Appendf(nil, "GET /products/%d/reviews/?page=%d HTTP/1.1\r\nHost: %s\r\nUser-Agent: bench\r\nAccept: */*\r\nCookie: sessionid=%032d\r\n\r\n", i, i%7, addr, i))
		}
		b.Run(tc.name, func(b *testing.B) { benchRequests(b, c, reqs) })
	}
}

func benchRequests(b *testing.B, c net.Conn, reqs [][]byte) {
	buf := make([]byte, 4096)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		req := reqs[i%len(reqs)]
		i++
		if _, err := c.Write(req); err != nil {
			b.Fatal(err)
		}
		n := 0
		for !bytes.HasSuffix(buf[:n], []byte("\r\n\r\nhello\n")) {
			m, err := c.Read(buf[n:])
			if err != nil {
				b.Fatal(err)
			}
			n += m
		}
	}
	if !bytes.Contains(buf, []byte("X-Frame-Options: DENY")) {
		b.Fatalf("the answer lacks the headers: %q", buf)
	}
}
