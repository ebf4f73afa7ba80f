package guard

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// rawConn opens a connection to the guard for requests written by hand.
func rawConn(t *testing.T, g *running) (net.Conn, *bufio.Reader) {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(g.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	return c, bufio.NewReader(c)
}

func readAnswer(t *testing.T, br *bufio.Reader, method string) (*http.Response, string) {
	t.Helper()
	resp, err := http.ReadResponse(br, &http.Request{Method: method})
	if err != nil {
		t.Fatalf("reading the answer: %v", err)
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatalf("reading the body: %v", err)
	}
	return resp, string(b)
}

// countingUpstream answers "ok PATH" and counts the connections opened to
// it.
func countingUpstream(t *testing.T, h http.HandlerFunc, idle ...time.Duration) (*httptest.Server, *atomic.Int64) {
	var conns atomic.Int64
	if h == nil {
		h = func(w http.ResponseWriter, r *http.Request) { fmt.Fprintf(w, "ok %s", r.URL.Path) }
	}
	up := httptest.NewUnstartedServer(h)
	if len(idle) > 0 {
		up.Config.IdleTimeout = idle[0]
	}
	up.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	up.Start()
	t.Cleanup(up.Close)
	return up, &conns
}

func TestFastPathKeepAliveAndPipelining(t *testing.T) {
	up, conns := countingUpstream(t, nil)
	g := startGuard(t, fmt.Sprintf("upstream = %q\n", up.URL))
	c, br := rawConn(t, g)
	// Three requests in one write: each answered in order, on one
	// connection, the guard's own refusal among them.
	fmt.Fprint(c, "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /.env HTTP/1.1\r\nHost: x\r\n\r\nHEAD /b HTTP/1.1\r\nHost: x\r\n\r\n")
	if resp, body := readAnswer(t, br, "GET"); resp.StatusCode != 200 || body != "ok /a" || resp.Header.Get("X-Frame-Options") != "DENY" {
		t.Errorf("first: %d %q %v", resp.StatusCode, body, resp.Header)
	}
	if resp, body := readAnswer(t, br, "GET"); resp.StatusCode != 404 || body != "404 not found\n" || resp.Header.Get("X-Frame-Options") != "DENY" {
		t.Errorf("second (never served): %d %q", resp.StatusCode, body)
	}
	if resp, body := readAnswer(t, br, "HEAD"); resp.StatusCode != 200 || body != "" || resp.ContentLength != 5 {
		t.Errorf("third (HEAD): %d %q length %d", resp.StatusCode, body, resp.ContentLength)
	}
	// Sequential requests reuse one upstream connection.
	for i := range 20 {
		fmt.Fprintf(c, "GET /n%d HTTP/1.1\r\nHost: x\r\n\r\n", i)
		if resp, body := readAnswer(t, br, "GET"); resp.StatusCode != 200 || body != fmt.Sprintf("ok /n%d", i) {
			t.Fatalf("request %d: %d %q", i, resp.StatusCode, body)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d upstream connections for 23 sequential requests, want 1", n)
	}
	// Counted by status, though one connection's answers alternate.
	if n := g.g.metrics.requests.get("default", "200"); n != 22 {
		t.Errorf("requests_total{default,200} = %d, want 22", n)
	}
	if n := g.g.metrics.requests.get("default", "404"); n != 1 {
		t.Errorf("requests_total{default,404} = %d, want 1", n)
	}
	var w strings.Builder
	g.g.metrics.write(&w)
	if want := `djsec_guard_request_duration_seconds_count{route="default"} 23`; !strings.Contains(w.String(), want) {
		t.Errorf("metrics lack %q", want)
	}
}

func TestFastPathHandsOverToNetHTTP(t *testing.T) {
	g := startGuard(t, "")
	c, br := rawConn(t, g)
	// A plain request on the fast path, then a chunked upload (net/http's),
	// then a plain one again: the connection stays with net/http and every
	// answer is right.
	fmt.Fprint(c, "GET /echo/ HTTP/1.1\r\nHost: x\r\n\r\n")
	if resp, body := readAnswer(t, br, "GET"); resp.StatusCode != 200 || echo(t, body).Path != "/echo/" {
		t.Fatalf("fast: %d %q", resp.StatusCode, body)
	}
	fmt.Fprint(c, "POST /upload/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
	if resp, body := readAnswer(t, br, "POST"); resp.StatusCode != 200 || echo(t, body).BodyLen != 5 {
		t.Fatalf("chunked upload after a fast request: %d %q", resp.StatusCode, body)
	}
	fmt.Fprint(c, "GET /echo/?again=1 HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 6.6.6.6\r\n\r\n")
	if resp, body := readAnswer(t, br, "GET"); resp.StatusCode != 200 || echo(t, body).Xff != "127.0.0.1" {
		t.Fatalf("after the handover: %d %q", resp.StatusCode, body)
	}
	// A malformed head gets net/http's answer, as before.
	c2, br2 := rawConn(t, g)
	fmt.Fprint(c2, "GET / HTTP/1.1\r\nHost: x\r\nBad Header: x\r\n\r\n")
	if resp, _ := readAnswer(t, br2, "GET"); resp.StatusCode != 400 {
		t.Errorf("a field name with a space: %d, want net/http's 400", resp.StatusCode)
	}
}

func TestFastPathBodies(t *testing.T) {
	g := startGuard(t, "[[route]]\nname = \"small\"\npath = \"/small/\"\nmax_body = \"10\"\n")
	c, br := rawConn(t, g)
	fmt.Fprint(c, "POST /upload/ HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\nContent-Type: text/plain\r\n\r\nhello world")
	if resp, body := readAnswer(t, br, "POST"); resp.StatusCode != 200 || echo(t, body).BodyLen != 11 {
		t.Fatalf("POST with a body: %d %q", resp.StatusCode, body)
	}
	// The connection goes on after it.
	fmt.Fprint(c, "GET /echo/ HTTP/1.1\r\nHost: x\r\n\r\n")
	if resp, _ := readAnswer(t, br, "GET"); resp.StatusCode != 200 {
		t.Fatalf("after the POST: %d", resp.StatusCode)
	}
	// Over max_body: 413 and the connection closed.
	fmt.Fprint(c, "POST /small/ HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n01234567890123456789")
	if resp, _ := readAnswer(t, br, "POST"); resp.StatusCode != 413 || !resp.Close {
		t.Fatalf("over max_body: %d close %v, want 413 and close", resp.StatusCode, resp.Close)
	}
	// A refused request's small body is read and dropped; the connection
	// goes on.
	c2, br2 := rawConn(t, g)
	fmt.Fprint(c2, "POST /.env HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET /echo/ HTTP/1.1\r\nHost: x\r\n\r\n")
	if resp, _ := readAnswer(t, br2, "POST"); resp.StatusCode != 404 {
		t.Fatalf("POST to a never-served path: %d", resp.StatusCode)
	}
	if resp, body := readAnswer(t, br2, "GET"); resp.StatusCode != 200 || echo(t, body).Path != "/echo/" {
		t.Fatalf("the request after a refused body: %d %q", resp.StatusCode, body)
	}
}

func TestFastPathUpstreamClosesIdle(t *testing.T) {
	// An application that drops idle keep-alive connections (gunicorn
	// does after 2 s): a pooled connection it closed is noticed, and no
	// request fails for it.
	up, conns := countingUpstream(t, nil, 50*time.Millisecond)
	g := startGuard(t, fmt.Sprintf("upstream = %q\n", up.URL))
	for i := range 3 {
		if resp, body := get(t, g.url+"/x"); resp.StatusCode != 200 || body != "ok /x" {
			t.Fatalf("request %d: %d %q", i, resp.StatusCode, body)
		}
		req, _ := http.NewRequest("POST", g.url+"/p", strings.NewReader("data"))
		if resp, body := do(t, req); resp.StatusCode != 200 || body != "ok /p" {
			t.Fatalf("POST %d: %d %q", i, resp.StatusCode, body)
		}
		time.Sleep(700 * time.Millisecond)
	}
	if n := conns.Load(); n < 3 {
		t.Errorf("%d upstream connections: the application's closes went unseen?", n)
	}
	// Closed sooner than the guard checks idle connections by itself: a
	// GET is sent again on a new connection, a POST's connection is
	// checked before use.
	quick, _ := countingUpstream(t, nil, 10*time.Millisecond)
	g = startGuard(t, fmt.Sprintf("upstream = %q\n", quick.URL))
	for i := range 3 {
		time.Sleep(100 * time.Millisecond)
		if resp, body := get(t, g.url+"/y"); resp.StatusCode != 200 || body != "ok /y" {
			t.Fatalf("GET %d after a quick close: %d %q", i, resp.StatusCode, body)
		}
		time.Sleep(100 * time.Millisecond)
		req, _ := http.NewRequest("POST", g.url+"/q", strings.NewReader("data"))
		if resp, body := do(t, req); resp.StatusCode != 200 || body != "ok /q" {
			t.Fatalf("POST %d after a quick close: %d %q", i, resp.StatusCode, body)
		}
	}
}

func TestFastPathBrokenAnswer(t *testing.T) {
	// An application that promises 100 bytes and sends 10: the client must
	// not take the answer for whole.
	up, _ := countingUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		c, brw, _ := http.NewResponseController(w).Hijack()
		fmt.Fprint(brw, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
		brw.Flush()
		c.Close()
	})
	g := startGuard(t, fmt.Sprintf("upstream = %q\n", up.URL))
	c, br := rawConn(t, g)
	fmt.Fprint(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		return // cut before the head: fine
	}
	if _, err := io.ReadAll(resp.Body); err == nil {
		t.Errorf("a truncated answer was passed on as whole")
	}
}

func TestFastPathChunkedAnswerAndTrailerless(t *testing.T) {
	up, _ := countingUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		for i := range 3 {
			fmt.Fprintf(w, "part %d;", i)
			w.(http.Flusher).Flush()
		}
	})
	g := startGuard(t, fmt.Sprintf("upstream = %q\n", up.URL))
	c, br := rawConn(t, g)
	for range 2 {
		fmt.Fprint(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
		resp, body := readAnswer(t, br, "GET")
		if resp.StatusCode != 200 || body != "part 0;part 1;part 2;" || len(resp.TransferEncoding) == 0 {
			t.Fatalf("chunked answer: %d %q %v", resp.StatusCode, body, resp.TransferEncoding)
		}
	}
}

func TestFastPathShutdown(t *testing.T) {
	g := startGuard(t, "")
	c, br := rawConn(t, g)
	fmt.Fprint(c, "GET /echo/ HTTP/1.1\r\nHost: x\r\n\r\n")
	readAnswer(t, br, "GET")
	start := time.Now()
	g.stop()
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("shutdown with an idle keep-alive connection took %s", el)
	}
	if _, err := br.ReadByte(); err == nil {
		t.Errorf("the idle connection is still open after shutdown")
	}
}

func TestFastPathOff(t *testing.T) {
	up, conns := countingUpstream(t, nil)
	g := startGuard(t, fmt.Sprintf("upstream = %q\nfast_path = false\n", up.URL))
	c, br := rawConn(t, g)
	fmt.Fprint(c, "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /.env HTTP/1.1\r\nHost: x\r\n\r\n")
	if resp, body := readAnswer(t, br, "GET"); resp.StatusCode != 200 || body != "ok /a" || resp.Header.Get("X-Frame-Options") != "DENY" {
		t.Errorf("fast_path = false: %d %q", resp.StatusCode, body)
	}
	if resp, _ := readAnswer(t, br, "GET"); resp.StatusCode != 404 {
		t.Errorf("fast_path = false, never-served path: %d", resp.StatusCode)
	}
	if conns.Load() != 1 {
		t.Errorf("%d upstream connections", conns.Load())
	}
}

// TestFastPathWaitsForAnswers: the request's last write to the
// application waits for its answer without reading first (connIO.Write);
// every way an application can take its time or go away still ends in an
// answer, never in a hang.
func TestFastPathWaitsForAnswers(t *testing.T) {
	up, _ := countingUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/slow":
			time.Sleep(300 * time.Millisecond)
		case "/never":
			<-r.Context().Done()
			return
		case "/hangup":
			c, _, _ := http.NewResponseController(w).Hijack()
			c.Close()
			return
		}
		n, _ := io.Copy(io.Discard, r.Body)
		fmt.Fprintf(w, "ok %s %d", r.URL.Path, n)
	})
	g := startGuard(t, fmt.Sprintf("upstream = %q\n[timeouts]\nupstream = \"1s\"\n", up.URL))
	c, br := rawConn(t, g)
	big := strings.Repeat("x", 4<<20) // past the socket buffers
	for _, tc := range []struct {
		req, method string
		status      int
		body        string
	}{
		{"GET /fast HTTP/1.1\r\nHost: x\r\n\r\n", "GET", 200, "ok /fast 0"},
		{"GET /slow HTTP/1.1\r\nHost: x\r\n\r\n", "GET", 200, "ok /slow 0"},
		{"POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 4194304\r\n\r\n" + big, "POST", 200, "ok /big 4194304"},
		{"POST /small HTTP/1.1\r\nHost: x\r\nContent-Length: 3000\r\n\r\n" + big[:3000], "POST", 200, "ok /small 3000"},
		{"GET /hangup HTTP/1.1\r\nHost: x\r\n\r\n", "GET", 502, ""},
		{"GET /after HTTP/1.1\r\nHost: x\r\n\r\n", "GET", 200, "ok /after 0"},
		{"GET /never HTTP/1.1\r\nHost: x\r\n\r\n", "GET", 504, ""},
		{"GET /again HTTP/1.1\r\nHost: x\r\n\r\n", "GET", 200, "ok /again 0"},
	} {
		start := time.Now()
		if _, err := io.WriteString(c, tc.req); err != nil {
			t.Fatal(err)
		}
		resp, body := readAnswer(t, br, tc.method)
		if resp.StatusCode != tc.status || tc.body != "" && body != tc.body {
			t.Errorf("%.20q: %d %q, want %d %q", tc.req, resp.StatusCode, body, tc.status, tc.body)
		}
		if el := time.Since(start); el > 3*time.Second {
			t.Errorf("%.20q took %s", tc.req, el)
		}
	}
}

// TestFastPathLingeringClose: an application that shuts down its side of
// an idle keep-alive connection and goes on reading without answering (a
// lingering close) costs the next request nothing: it is sent again on a
// new connection at once.
func TestFastPathLingeringClose(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				br := bufio.NewReader(c)
				req, err := http.ReadRequest(br)
				if err != nil {
					return
				}
				fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\nok %s", 3+len(req.URL.Path), req.URL.Path)
				time.Sleep(20 * time.Millisecond)
				c.(*net.TCPConn).CloseWrite()
				_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
				io.Copy(io.Discard, c)
			}()
		}
	}()
	g := startGuard(t, fmt.Sprintf("upstream = \"http://%s\"\n", l.Addr()))
	c, br := rawConn(t, g)
	for i := range 3 {
		start := time.Now()
		fmt.Fprintf(c, "GET /n%d HTTP/1.1\r\nHost: x\r\n\r\n", i)
		if resp, body := readAnswer(t, br, "GET"); resp.StatusCode != 200 || body != fmt.Sprintf("ok /n%d", i) {
			t.Fatalf("request %d: %d %q", i, resp.StatusCode, body)
		}
		if el := time.Since(start); el > time.Second {
			t.Errorf("request %d took %s", i, el)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
