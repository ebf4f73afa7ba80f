package guard

import (
	"io"
	"net/http"
	"net/http/httptest"
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
