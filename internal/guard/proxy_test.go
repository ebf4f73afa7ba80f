package guard

import (
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestProxyHeaders(t *testing.T) {
	g := startGuard(t, "")
	resp, body := get(t, g.url+"/")
	if resp.StatusCode != 200 || body != "hello from django\n" {
		t.Fatalf("GET /: %d %q, want 200 from Django", resp.StatusCode, body)
	}
	for _, h := range []string{"Server", "X-Powered-By", "Strict-Transport-Security"} {
		if v := resp.Header.Get(h); v != "" {
			t.Errorf("%s: %q, want none (stripped, or HSTS over plain HTTP)", h, v)
		}
	}
	for h, want := range map[string]string{
		"X-Frame-Options":            "DENY",
		"X-Content-Type-Options":     "nosniff",
		"Referrer-Policy":            "same-origin",
		"Cross-Origin-Opener-Policy": "same-origin",
		"Content-Security-Policy":    "default-src 'self'",
		"Permissions-Policy":         "camera=()",
	} {
		if v := resp.Header.Get(h); !strings.Contains(v, want) {
			t.Errorf("%s: %q, want %q", h, v, want)
		}
		if vs := resp.Header.Values(h); len(vs) != 1 {
			t.Errorf("%s: %q, want one value", h, vs)
		}
	}
	// The application's own choices stand...
	resp, _ = get(t, g.url+"/own-headers/")
	if v := resp.Header.Get("X-Frame-Options"); v != "SAMEORIGIN" {
		t.Errorf("application's X-Frame-Options replaced: %q", v)
	}
	if v := resp.Header.Get("Content-Security-Policy"); v != "default-src 'none'" {
		t.Errorf("application's CSP replaced: %q", v)
	}
	// ...unless the config forces its own.
	f := startGuard(t, "[headers]\nforce = true\ncsp = \"default-src 'self'\"\ncsp_report_only = true\nhsts_over_plain_http = true\n")
	resp, _ = get(t, f.url+"/own-headers/")
	if vs := resp.Header.Values("X-Frame-Options"); len(vs) != 1 || vs[0] != "DENY" {
		t.Errorf("forced X-Frame-Options: %q, want DENY alone", vs)
	}
	if vs := resp.Header.Values("Content-Security-Policy-Report-Only"); len(vs) != 1 || vs[0] != "default-src 'self'" {
		t.Errorf("forced report-only CSP: %q", vs)
	}
	if v := resp.Header.Get("Strict-Transport-Security"); v == "" {
		t.Errorf("hsts_over_plain_http: no HSTS")
	}
}

type echoed struct {
	Method, Path, Xff, Proto, Host string
	RemoteAddr                     string `json:"remote_addr"`
	BodyLen                        int    `json:"body_len"`
}

func echo(t *testing.T, body string) echoed {
	t.Helper()
	var e echoed
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatalf("echo answered %q: %v", body, err)
	}
	return e
}

func TestForwardedFor(t *testing.T) {
	// From an untrusted peer, a forged X-Forwarded-For never reaches the
	// application: it sees the peer.
	g := startGuard(t, "")
	_, body := get(t, g.url+"/echo/", "X-Forwarded-For", "6.6.6.6", "X-Forwarded-Proto", "https")
	if e := echo(t, body); e.Xff != "127.0.0.1" || e.Proto != "http" {
		t.Errorf("untrusted peer: application saw X-Forwarded-For %q proto %q, want 127.0.0.1 http", e.Xff, e.Proto)
	}
	// Behind a trusted proxy, the rightmost untrusted hop is the client.
	tr := startGuard(t, "trusted_proxies = [\"127.0.0.0/8\"]\n")
	_, body = get(t, tr.url+"/echo/", "X-Forwarded-For", "6.6.6.6, 203.0.113.5", "X-Forwarded-Proto", "https")
	if e := echo(t, body); e.Xff != "203.0.113.5" || e.Proto != "https" {
		t.Errorf("trusted peer: application saw X-Forwarded-For %q proto %q, want 203.0.113.5 https", e.Xff, e.Proto)
	}
}

func TestUnixSocketUpstreamAndStreaming(t *testing.T) {
	_, sock := django(t)
	g := startGuard(t, fmt.Sprintf("upstream = %q\n", "unix:"+sock))
	resp, body := get(t, g.url+"/echo/")
	if resp.StatusCode != 200 || echo(t, body).Path != "/echo/" {
		t.Fatalf("over the Unix socket: %d %q", resp.StatusCode, body)
	}
	resp, body = get(t, g.url+"/stream/")
	if resp.StatusCode != 200 || strings.Count(body, "chunk") != 5 {
		t.Fatalf("streamed response: %d %q, want 5 chunks", resp.StatusCode, body)
	}
}

func TestStreamingFlushes(t *testing.T) {
	// A server-sent-events style response reaches the client chunk by
	// chunk, not when the application is done.
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, "data: one\n\n")
		w.(http.Flusher).Flush()
		time.Sleep(2 * time.Second)
		fmt.Fprint(w, "data: two\n\n")
	}))
	defer up.Close()
	g := startGuard(t, fmt.Sprintf("upstream = %q\n", up.URL))
	resp, err := testClient.Get(g.url + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	start := time.Now()
	line, _ := bufio.NewReader(resp.Body).ReadString('\n')
	if line != "data: one\n" || time.Since(start) > time.Second {
		t.Fatalf("first event %q after %s, want at once", line, time.Since(start))
	}
}

func TestNeverServed(t *testing.T) {
	g := startGuard(t, "")
	for _, p := range []string{"/.env", "/.git/config", "/static/.git/HEAD", "/db.sqlite3", "/media/backup.sql", "/settings.py.bak", "/%2egit/config", "/.ENV", "/static//.env.production", "/dump.sql.gz", "/index.php~"} {
		resp, body := get(t, g.url+p)
		if resp.StatusCode != 404 || body != "404 not found\n" {
			t.Errorf("GET %s: %d %q, want the guard's 404", p, resp.StatusCode, body)
		}
	}
	for _, p := range []string{"/static/../.env", "/./admin/"} {
		req, _ := http.NewRequest("GET", g.url+"/", nil)
		req.URL.Opaque = p
		resp, _ := do(t, req)
		if resp.StatusCode != 400 {
			t.Errorf("GET %s: %d, want 400", p, resp.StatusCode)
		}
	}
	for _, p := range []string{"/", "/.well-known/security.txt", "/static/app.sqlite3.css"} {
		resp, _ := get(t, g.url+p)
		if resp.StatusCode == 400 || resp.StatusCode == 404 && p == "/" {
			t.Errorf("GET %s: %d, a safe path was blocked", p, resp.StatusCode)
		}
	}
	if n := g.ev.count(EventBlockedPath); n == 0 {
		t.Errorf("no blocked_path event")
	}
}

func TestRouteControls(t *testing.T) {
	g := startGuard(t, `
[[route]]
name = "admin"
path = "/admin/"
allow = ["10.0.0.0/8"]
[[route]]
name = "api"
path = "/api/"
allow_methods = ["GET", "POST"]
max_body = "1k"
[[route]]
name = "open-admin"
path = "/stream/"
allow = ["127.0.0.0/8"]
`)
	if resp, _ := get(t, g.url+"/admin/"); resp.StatusCode != 403 {
		t.Errorf("admin from outside the allowlist: %d, want 403", resp.StatusCode)
	}
	if resp, _ := get(t, g.url+"//admin/"); resp.StatusCode != 403 {
		t.Errorf("//admin/ from outside the allowlist: %d, want 403", resp.StatusCode)
	}
	if resp, _ := get(t, g.url+"/stream/"); resp.StatusCode != 200 {
		t.Errorf("allowlisted client: %d, want 200", resp.StatusCode)
	}
	for _, m := range []string{"TRACE", "TRACK"} {
		req, _ := http.NewRequest(m, g.url+"/", nil)
		if resp, _ := do(t, req); resp.StatusCode != 405 {
			t.Errorf("%s: %d, want 405", m, resp.StatusCode)
		}
	}
	req, _ := http.NewRequest("DELETE", g.url+"/api/echo/", nil)
	if resp, _ := do(t, req); resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET, POST" {
		t.Errorf("DELETE on a GET/POST route: %d Allow %q, want 405 GET, POST", resp.StatusCode, resp.Header.Get("Allow"))
	}
	small := strings.Repeat("a", 1000)
	req, _ = http.NewRequest("POST", g.url+"/api/echo/", strings.NewReader(small))
	if resp, body := do(t, req); resp.StatusCode != 200 || echo(t, body).BodyLen != 1000 {
		t.Errorf("POST of 1000 bytes: %d %q", resp.StatusCode, body)
	}
	req, _ = http.NewRequest("POST", g.url+"/api/echo/", strings.NewReader(strings.Repeat("a", 2000)))
	if resp, _ := do(t, req); resp.StatusCode != 413 {
		t.Errorf("POST of 2000 bytes with Content-Length: %d, want 413", resp.StatusCode)
	}
	// A chunked body reaches Django whole, with a Content-Length (WSGI
	// reads a body without one as empty).
	req, _ = http.NewRequest("POST", g.url+"/api/echo/", io.MultiReader(strings.NewReader(strings.Repeat("a", 500))))
	req.ContentLength = -1
	if resp, body := do(t, req); resp.StatusCode != 200 || echo(t, body).BodyLen != 500 {
		t.Errorf("chunked POST of 500 bytes: %d %q, want 200 and body_len 500", resp.StatusCode, body)
	}
	// Chunked, so no Content-Length tells in advance.
	req, _ = http.NewRequest("POST", g.url+"/api/echo/", io.MultiReader(strings.NewReader(strings.Repeat("a", 2000))))
	req.ContentLength = -1
	if resp, _ := do(t, req); resp.StatusCode != 413 {
		t.Errorf("chunked POST of 2000 bytes: %d, want 413", resp.StatusCode)
	}
}

func TestRateLimit(t *testing.T) {
	g := startGuard(t, `
[[route]]
name = "login"
path = "/accounts/login/"
rate = "6r/m"
burst = 2
nodelay = true
[[route]]
name = "slow"
path = "/echo/"
rate = "10r/s"
burst = 5
`)
	var codes []int
	for range 4 {
		resp, _ := get(t, g.url+"/accounts/login/")
		codes = append(codes, resp.StatusCode)
		if resp.StatusCode == 429 {
			if ra := resp.Header.Get("Retry-After"); ra != "10" {
				t.Errorf("Retry-After %q, want 10", ra)
			}
		}
	}
	if fmt.Sprint(codes) != "[200 200 200 429]" {
		t.Errorf("6r/m burst=2 nodelay: %v, want [200 200 200 429]", codes)
	}
	// Another route has its own allowance; another client too.
	if resp, _ := get(t, g.url+"/"); resp.StatusCode != 200 {
		t.Errorf("default route: %d", resp.StatusCode)
	}
	// Without nodelay, excess requests are held to the rate: the fourth of
	// four at once waits about 3 × 100 ms.
	start := time.Now()
	for range 4 {
		get(t, g.url+"/echo/")
	}
	if el := time.Since(start); el < 250*time.Millisecond {
		t.Errorf("4 requests at 10r/s burst=5 (delayed) took %s, want about 300ms", el)
	}
	if g.g.metrics.limited.get("login") != 1 {
		t.Errorf("metric rate_limited{login} = %d, want 1", g.g.metrics.limited.get("login"))
	}
}

func TestSlowClients(t *testing.T) {
	g := startGuard(t, "[timeouts]\nheader = \"1s\"\nbody = \"1s\"\nmax_header_bytes = \"8k\"\n")
	addr := strings.TrimPrefix(g.url, "http://")
	// Slowloris: headers that never end are cut off.
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprint(c, "GET / HTTP/1.1\r\nHost: x\r\n")
	start := time.Now()
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err = io.ReadAll(c)
	if el := time.Since(start); err != nil || el > 3*time.Second {
		t.Errorf("slow headers: connection kept %s (err %v), want closed after about 1s", el, err)
	}
	// A body that stalls gets 408.
	c2, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	fmt.Fprint(c2, "POST /upload/ HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly part")
	_ = c2.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(c2), nil)
	if err != nil || resp.StatusCode != 408 {
		t.Errorf("stalled body: %v %v, want 408", resp, err)
	}
	// Huge headers are refused.
	req, _ := http.NewRequest("GET", g.url+"/", nil)
	req.Header.Set("X-Big", strings.Repeat("b", 20000))
	if resp, _ := do(t, req); resp.StatusCode != 431 {
		t.Errorf("20 kB header: %d, want 431", resp.StatusCode)
	}
}

func TestConflictingLengths(t *testing.T) {
	// Content-Length and Transfer-Encoding together: the request is either
	// refused or read by its chunks; the request hidden in the body never
	// reaches the application as a request of its own.
	g := startGuard(t, "[[route]]\nname = \"admin\"\npath = \"/admin/\"\nallow = [\"10.0.0.0/8\"]\n")
	addr := strings.TrimPrefix(g.url, "http://")
	smuggled := "GET /admin/smuggled/ HTTP/1.1\r\nHost: x\r\n\r\n"
	for _, raw := range []string{
		"POST /upload/ HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled,
		fmt.Sprintf("POST /upload/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n%x\r\n%s\r\n0\r\n\r\n", len(smuggled), smuggled),
		"POST /upload/ HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 40\r\n\r\nabcd" + smuggled,
		"POST /upload/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n" + smuggled,
		// The forms a lenient parser reads one way and a strict one
		// another: the fast path leaves them all to net/http.
		"POST /upload/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n" + smuggled,
		"POST /upload/ HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n" + smuggled,
		"POST /upload/ HTTP/1.1\r\nHost: x\r\nContent-Length: 4, 40\r\n\r\nabcd" + smuggled,
		"POST /upload/ HTTP/1.1\r\nHost: x\r\nContent-Length: +4\r\n\r\nabcd" + smuggled,
		"POST /upload/ HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 4\r\nTransfer-Encoding: chunked, identity\r\n\r\nabcd" + smuggled,
	} {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprint(c, raw)
		_ = c.SetReadDeadline(time.Now().Add(3 * time.Second))
		_, _ = io.ReadAll(c)
		c.Close()
	}
	time.Sleep(100 * time.Millisecond)
	if djangoSaw("GET", "/admin/smuggled/") {
		t.Errorf("a request hidden in a body reached the application past the admin allowlist")
	}
	if !djangoSaw("POST", "/upload/") {
		t.Errorf("the application saw none of the outer requests: the test proves nothing")
	}
}

func TestWebSocketPassesThrough(t *testing.T) {
	// A minimal upgrade: the upstream switches protocols and echoes bytes.
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upgrade") != "websocket" {
			http.Error(w, "want an upgrade", 400)
			return
		}
		c, brw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		defer c.Close()
		fmt.Fprint(brw, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
		brw.Flush()
		_, _ = io.Copy(c, brw)
	}))
	defer up.Close()
	g := startGuard(t, fmt.Sprintf("upstream = %q\n[timeouts]\nbody = \"1s\"\nsend = \"1s\"\n", up.URL))
	c, err := net.Dial("tcp", strings.TrimPrefix(g.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprint(c, "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil || resp.StatusCode != 101 {
		t.Fatalf("upgrade: %v %v, want 101", resp, err)
	}
	// Quiet for longer than the slow-client timeouts: the socket lives on.
	time.Sleep(1500 * time.Millisecond)
	fmt.Fprint(c, "ping")
	buf := make([]byte, 4)
	_ = c.SetReadDeadline(time.Now().Add(3 * time.Second))
	if _, err := io.ReadFull(br, buf); err != nil || string(buf) != "ping" {
		t.Fatalf("echo over the upgraded connection: %q %v", buf, err)
	}
}

// selfSigned writes a certificate and key for 127.0.0.1 into dir.
func selfSigned(t *testing.T, dir string) (string, string) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(key)
	cert, keyf := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyf, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	return cert, keyf
}

func TestTLSAndHTTP2(t *testing.T) {
	cert, key := selfSigned(t, t.TempDir())
	g := startGuard(t, fmt.Sprintf("[tls]\ncert = %q\nkey = %q\n", cert, key))
	c := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		TLSClientConfig:   &tls.Config{InsecureSkipVerify: true},
		ForceAttemptHTTP2: true,
	}}
	resp, err := c.Get(g.url + "/echo/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.ProtoMajor != 2 {
		t.Errorf("protocol %s, want HTTP/2", resp.Proto)
	}
	if e := echo(t, string(body)); e.Proto != "https" {
		t.Errorf("application saw proto %q, want https", e.Proto)
	}
	if resp.Header.Get("Strict-Transport-Security") == "" {
		t.Errorf("no HSTS over TLS")
	}
	// A body over HTTP/2 (no Content-Length needed) reaches Django whole.
	resp, err = c.Post(g.url+"/upload/", "application/octet-stream", io.MultiReader(strings.NewReader(strings.Repeat("b", 70000))))
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if e := echo(t, string(body)); resp.ProtoMajor != 2 || e.BodyLen != 70000 {
		t.Errorf("POST over HTTP/2: %s, body_len %d, want HTTP/2 and 70000", resp.Proto, e.BodyLen)
	}
}

func TestReloadKeepsConnections(t *testing.T) {
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(700 * time.Millisecond)
		fmt.Fprint(w, "slow done")
	}))
	defer slow.Close()
	g := startGuard(t, fmt.Sprintf("upstream = %q\n", slow.URL))
	// A keep-alive connection opened before the reload.
	tr := &http.Transport{MaxConnsPerHost: 1}
	c := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	resp, err := c.Get(g.url + "/")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	inflight := make(chan string, 1)
	go func() {
		resp, err := c.Get(g.url + "/in-flight")
		if err != nil {
			inflight <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		inflight <- string(b)
	}()
	time.Sleep(200 * time.Millisecond)
	nc, err := ParseConfig("g.toml", []byte(fmt.Sprintf("listen = %q\nupstream = %q\n[headers]\nframe_options = \"SAMEORIGIN\"\n", g.g.Config().Listen, slow.URL)))
	if err != nil {
		t.Fatal(err)
	}
	if err := g.g.Reload(nc); err != nil {
		t.Fatal(err)
	}
	if got := <-inflight; got != "slow done" {
		t.Fatalf("request in flight during the reload: %q", got)
	}
	var reused bool
	req, _ := http.NewRequest("GET", g.url+"/", nil)
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
		GotConn: func(i httptrace.GotConnInfo) { reused = reused || i.Reused },
	}))
	resp, err = c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if !reused {
		t.Errorf("after reload: the keep-alive connection was not reused")
	}
	if v := resp.Header.Get("X-Frame-Options"); v != "SAMEORIGIN" {
		t.Errorf("after reload: X-Frame-Options %q, want the new SAMEORIGIN", v)
	}
}

func TestHosts(t *testing.T) {
	g := startGuard(t, "hosts = [\"shop.example.org\", \".example.net\", \"127.0.0.1\"]\n")
	for host, want := range map[string]int{
		"shop.example.org": 200, "SHOP.example.org:443": 200, "example.net": 200, "a.b.example.net": 200, "127.0.0.1": 200,
		"evil.example": 400, "example.org": 400, "shop.example.org.evil": 400,
	} {
		req, _ := http.NewRequest("GET", g.url+"/", nil)
		req.Host = host
		if resp, _ := do(t, req); resp.StatusCode != want {
			t.Errorf("Host %s: %d, want %d", host, resp.StatusCode, want)
		}
	}
}

func TestEventsToFile(t *testing.T) {
	g := startGuard(t, "[events]\noutput = \"events.log\"\n")
	get(t, g.url+"/.git/config")
	get(t, g.url+"/.git/HEAD") // the same client and kind within a minute: counted, not written
	g.stop()
	path := filepath.Join(filepath.Dir(g.g.Config().Path), "events.log")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	var e Event
	if len(lines) != 1 || json.Unmarshal([]byte(lines[0]), &e) != nil || e.Kind != EventBlockedPath || e.Path != "/.git/config" {
		t.Errorf("events.log: %q, want one blocked_path line", data)
	}
}

func TestSlowReader(t *testing.T) {
	// A client that stops reading a large response is cut off after
	// send without progress, instead of holding the proxy forever.
	chunk := bytes.Repeat([]byte("x"), 64<<10)
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for range 1024 { // 64 MB at most
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer up.Close()
	g := startGuard(t, fmt.Sprintf("upstream = %q\n[timeouts]\nsend = \"1s\"\n", up.URL))
	c, err := net.Dial("tcp", strings.TrimPrefix(g.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetReadBuffer(64 << 10)
	}
	fmt.Fprint(c, "GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
	time.Sleep(4 * time.Second) // not reading
	_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
	n, err := io.Copy(io.Discard, c)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatalf("the guard kept the connection of a client that stopped reading (%d bytes read)", n)
	}
	if n >= 64<<20 {
		t.Fatalf("the whole response was sent (%d bytes): the test proves nothing", n)
	}
}
