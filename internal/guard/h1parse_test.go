package guard

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// parseAll runs the parser over a whole input as one read.
func parseAll(in string, limit int) (h1Result, *h1Head) {
	var sc h1Scan
	res, n := sc.scan([]byte(in), limit)
	if res != h1Accept {
		return res, nil
	}
	h := &h1Head{}
	if !h.parse([]byte(in[:n]), &headStrings{}) {
		return h1Fallback, nil
	}
	return h1Accept, h
}

func TestH1ParseAccepts(t *testing.T) {
	in := "POST /accounts/login/?next=%2Fadmin%2F HTTP/1.1\r\n" +
		"Host: shop.example.org:8080\r\n" +
		"user-agent: Mozilla/5.0 (X11; Linux x86_64)\r\n" +
		"Accept:text/html  \r\n" +
		"Cookie: a=1\r\n" +
		"Cookie: b=2\r\n" +
		"Content-Length: 11\r\n" +
		"Connection: close\r\n" +
		"Pragma: no-cache\r\n" +
		"X-Empty:\r\n" +
		"\r\n" +
		"hello world"
	res, h := parseAll(in, 32<<10)
	if res != h1Accept {
		t.Fatalf("a plain POST: %v, want accepted", res)
	}
	if h.method != "POST" || h.target != "/accounts/login/?next=%2Fadmin%2F" || h.url.Path != "/accounts/login/" || h.host != "shop.example.org:8080" || h.length != 11 || !h.close {
		t.Errorf("head: %+v", h)
	}
	want := http.Header{
		"User-Agent": {"Mozilla/5.0 (X11; Linux x86_64)"}, "Accept": {"text/html"}, "Cookie": {"a=1", "b=2"},
		"Content-Length": {"11"}, "Connection": {"close"}, "Pragma": {"no-cache"}, "Cache-Control": {"no-cache"}, "X-Empty": {""},
	}
	if !reflect.DeepEqual(h.header, want) {
		t.Errorf("header:\n got %v\nwant %v", h.header, want)
	}
	if h.size != len(in)-len("hello world") {
		t.Errorf("size %d, want %d", h.size, len(in)-len("hello world"))
	}
}

// TestH1ParseLeavesToNetHTTP lists the forms request smuggling and
// desync attacks use, and the features the fast path does not implement:
// each must go to net/http, never be read by the fast path.
func TestH1ParseLeavesToNetHTTP(t *testing.T) {
	const ok = "GET / HTTP/1.1\r\nHost: x\r\n"
	for name, in := range map[string]string{
		"CL and TE":             "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n",
		"TE and CL":             "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 6\r\n\r\n",
		"chunked upload":        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
		"TE in capitals":        "POST / HTTP/1.1\r\nHost: x\r\nTRANSFER-ENCODING: chunked\r\n\r\n",
		"xchunked":              "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n",
		"two CL":                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 40\r\n\r\n",
		"two equal CL":          "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 4\r\n\r\n",
		"CL list":               "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4, 4\r\n\r\n",
		"CL sign":               "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +4\r\n\r\n",
		"CL negative":           "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
		"CL leading zero":       "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 04\r\n\r\n",
		"CL hex":                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0x4\r\n\r\n",
		"CL huge":               "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
		"CL empty":              "POST / HTTP/1.1\r\nHost: x\r\nContent-Length:\r\n\r\n",
		"space before colon":    "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n",
		"tab before colon":      "POST / HTTP/1.1\r\nHost: x\r\nContent-Length\t: 4\r\n\r\n",
		"obs-fold":              ok + "X-A: 1\r\n chunked\r\n\r\n",
		"obs-fold tab":          ok + "X-A: 1\r\n\tchunked\r\n\r\n",
		"bare LF line":          "GET / HTTP/1.1\nHost: x\n\n",
		"bare LF header":        ok + "X-A: 1\n\r\n",
		"bare CR in value":      ok + "X-A: 1\rX-B: 2\r\n\r\n",
		"NUL in value":          ok + "X-A: a\x00b\r\n\r\n",
		"DEL in value":          ok + "X-A: a\x7fb\r\n\r\n",
		"control in value":      ok + "X-A: a\x01b\r\n\r\n",
		"empty name":            ok + ": x\r\n\r\n",
		"bad name":              ok + "X(A): x\r\n\r\n",
		"no colon":              ok + "X-A x\r\n\r\n",
		"no Host":               "GET / HTTP/1.1\r\n\r\n",
		"two Hosts":             ok + "Host: y\r\n\r\n",
		"empty Host":            "GET / HTTP/1.1\r\nHost:\r\n\r\n",
		"Host with slash":       "GET / HTTP/1.1\r\nHost: x/y\r\n\r\n",
		"Host with at":          "GET / HTTP/1.1\r\nHost: user@x\r\n\r\n",
		"HTTP/1.0":              "GET / HTTP/1.0\r\nHost: x\r\n\r\n",
		"HTTP/2 preface":        "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
		"lower-case version":    "GET / http/1.1\r\nHost: x\r\n\r\n",
		"absolute form":         "GET http://x/ HTTP/1.1\r\nHost: x\r\n\r\n",
		"asterisk":              "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
		"CONNECT":               "CONNECT x:443 HTTP/1.1\r\nHost: x\r\n\r\n",
		"TRACE":                 "TRACE / HTTP/1.1\r\nHost: x\r\n\r\n",
		"lower-case method":     "get / HTTP/1.1\r\nHost: x\r\n\r\n",
		"two spaces":            "GET  / HTTP/1.1\r\nHost: x\r\n\r\n",
		"tab separator":         "GET\t/ HTTP/1.1\r\nHost: x\r\n\r\n",
		"trailing space":        "GET / HTTP/1.1 \r\nHost: x\r\n\r\n",
		"fragment":              "GET /a#b HTTP/1.1\r\nHost: x\r\n\r\n",
		"raw UTF-8 target":      "GET /caf\xc3\xa9 HTTP/1.1\r\nHost: x\r\n\r\n",
		"bad escape in path":    "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
		"semicolon in query":    "GET /?a=1;b=2 HTTP/1.1\r\nHost: x\r\n\r\n",
		"bad escape in query":   "GET /?a=%zz HTTP/1.1\r\nHost: x\r\n\r\n",
		"WebSocket":             ok + "Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
		"h2c upgrade":           ok + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\nConnection: Upgrade, HTTP2-Settings\r\n\r\n",
		"Expect":                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n",
		"TE trailers":           ok + "TE: trailers\r\n\r\n",
		"Trailer":               ok + "Trailer: X-A\r\n\r\n",
		"Keep-Alive":            ok + "Keep-Alive: timeout=5\r\n\r\n",
		"Proxy-Connection":      ok + "Proxy-Connection: keep-alive\r\n\r\n",
		"Proxy-Authorization":   ok + "Proxy-Authorization: Basic eDp5\r\n\r\n",
		"Connection list":       ok + "Connection: keep-alive, X-Secret\r\n\r\n",
		"Connection hop header": ok + "Connection: X-Forwarded-For\r\n\r\n",
		"two Connection":        ok + "Connection: keep-alive\r\nConnection: close\r\n\r\n",
		"head over limit":       ok + "X-Big: " + strings.Repeat("b", 2000) + "\r\n\r\n",
		"too many fields":       ok + strings.Repeat("X-A: 1\r\n", h1MaxFields+1) + "\r\n",
	} {
		if res, _ := parseAll(in, 1024); res != h1Fallback {
			t.Errorf("%s: %v, want it left to net/http", name, res)
		}
	}
}

// TestH1ParseGivesUpEarly: a head that cannot be the fast path's is given
// to net/http as soon as its first bad line arrives, not after the whole
// head, so net/http answers such a client as promptly as before.
func TestH1ParseGivesUpEarly(t *testing.T) {
	for _, in := range []string{"GET / HTTP/1.0\r\n", "GET / HTTP/1.1\nHost", "GARBAGE\r\n", "GET / HTTP/1.1\r\nHost x\r\n"} {
		if res, _ := parseAll(in, 1024); res != h1Fallback {
			t.Errorf("%q: %v, want it left to net/http at once", in, res)
		}
	}
	for _, in := range []string{"", "GET / HT", "GET / HTTP/1.1\r\nHost: x\r\n", "GET / HTTP/1.1\r\nHost: x\r\n\r"} {
		if res, _ := parseAll(in, 1024); res != h1More {
			t.Errorf("%q: %v, want more", in, res)
		}
	}
	// A head that trickles in byte by byte is accepted once whole.
	in := "GET /a HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n"
	var sc h1Scan
	for i := 1; i <= len(in); i++ {
		res, n := sc.scan([]byte(in[:i]), 1024)
		if i < len(in) && res != h1More || i == len(in) && (res != h1Accept || n != len(in)) {
			t.Fatalf("after %d bytes: %v %d", i, res, n)
		}
	}
}

// TestParseTarget: the fast path's reading of a request target is
// url.ParseRequestURI's, field by field.
func TestParseTarget(t *testing.T) {
	for _, target := range []string{
		"/", "/a/b/", "/a?", "/a??", "/a?b?", "/?x=1&y=2", "/a%2Fb", "/%41", "/a b", "/it's", "/(a)!*",
		"/a\"b", "/a^b", "/a|b", "/{x}", "/a:b@c;d=e,f+g$h&i~j", "//x", "///x", "/a?q=%zz", "/caf\xc3\xa9",
	} {
		var got url.URL
		want, err := url.ParseRequestURI(target)
		if ok := parseTarget(target, &got); ok != (err == nil) || ok && got != *want {
			t.Errorf("%q: got %#v (%v), want %#v (%v)", target, got, ok, want, err)
		}
	}
}

// FuzzH1Parse is the parser's proof of conservatism: whatever it accepts,
// net/http's parser accepts too and reads the same way.
func FuzzH1Parse(f *testing.F) {
	for _, s := range []string{
		"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
		"POST /a/b?c=d HTTP/1.1\r\nHost: shop.example.org\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\nabc",
		"GET /x HTTP/1.1\r\nHost: [::1]:80\r\nuser-agent: a\r\nX-A: 1\r\nX-A: 2\r\nPragma: no-cache\r\n\r\n",
		"HEAD /%41 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: a=\xe2\x82\xac\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n b\r\n\r\n",
		"DELETE /a//b/../c HTTP/1.1\r\nHost: x\r\nwww-authenticate: x\r\nX-a_B: 1\r\n\r\n",
		"GET /a?? HTTP/1.1\r\nHost: x\r\n\r\nGET /b? HTTP/1.1\r\nHost: x\r\n\r\n",
		"GET /it's/(a)!*\"x\"?q=1?2 HTTP/1.1\r\nHost: x\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: x\r\nx-forwarded-for: 1.2.3.4\r\nForwarded: for=1.2.3.4\r\n\r\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		res, h := parseAll(in, 4096)
		if res != h1Accept {
			return
		}
		req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(in)))
		if err != nil {
			t.Fatalf("accepted what net/http refuses (%v): %q", err, in)
		}
		switch {
		case req.Method != h.method || req.RequestURI != h.target || *req.URL != *h.url:
			t.Fatalf("request line read differently: net/http %s %s (%q), fast %s %s (%q)", req.Method, req.RequestURI, req.URL.Path, h.method, h.target, h.url.Path)
		case req.Host != h.host:
			t.Fatalf("Host: net/http %q, fast %q", req.Host, h.host)
		case !reflect.DeepEqual(req.Header, h.header):
			t.Fatalf("fields: net/http %q, fast %q", req.Header, h.header)
		case req.ContentLength != h.length && !(req.ContentLength == 0 && h.length == 0):
			t.Fatalf("Content-Length: net/http %d, fast %d", req.ContentLength, h.length)
		case req.Close != h.close:
			t.Fatalf("Close: net/http %v, fast %v", req.Close, h.close)
		case len(req.TransferEncoding) > 0:
			t.Fatalf("accepted a Transfer-Encoding: %q", in)
		}
		// h1Forward removes these only when the parser saw one.
		if !h.proxied {
			for _, k := range []string{"Connection", "Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto"} {
				if _, ok := h.header[k]; ok {
					t.Fatalf("%s, not noted: %q", k, in)
				}
			}
		}
		// The body is where both say it is.
		body := make([]byte, h.length)
		n, _ := req.Body.Read(body)
		if n > 0 && !bytes.Equal(body[:n], []byte(in[h.size:h.size+n])) {
			t.Fatalf("the body starts elsewhere: %q", in)
		}
	})
}

// FuzzH1Response: whatever the fast path's reader of the application's
// answers accepts, http.ReadResponse reads the same way, and the body
// ends where it says.
func FuzzH1Response(f *testing.F) {
	for _, s := range []string{
		"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello",
		"HTTP/1.1 302 Found\r\nLocation: /accounts/login/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
		"HTTP/1.1 204 No Content\r\nPragma: no-cache\r\n\r\n",
		"HTTP/1.1 200\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\nuntil close",
		"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
		"HTTP/1.1 200 OK\r\nConnection: keep-alive, X-A\r\nKeep-Alive: timeout=5\r\nX-A: 1\r\nUpgrade: h2c\r\nte: x\r\nContent-Length: 0\r\n\r\n",
		"HTTP/1.1 200 OK\r\nProxy-Connection: close\r\nProxy-Authenticate: Basic\r\nProxy-Authorization: x\r\nContent-Length: 0\r\n\r\n",
		"HTTP/1.1 200 OK\r\nx-frame-options: SAMEORIGIN\r\nContent-Security-Policy-Report-Only: default-src 'none'\r\nStrict-Transport-Security: max-age=1\r\nReferrer-Policy: no-referrer\r\nContent-Length: 0\r\n\r\n",
	} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, in string, head bool) {
		method := "GET"
		if head {
			method = "HEAD"
		}
		req := &http.Request{Method: method}
		x := &h1State{respHdr: http.Header{}}
		i := strings.Index(in, "\r\n\r\n")
		if i < 0 || !parseOK([]byte(in[:i+4]), x) {
			return
		}
		resp, err := readResponse(bufio.NewReader(strings.NewReader(in)), req, x)
		if err != nil {
			t.Fatalf("accepted head, then %v: %q", err, in)
		}
		want, err := http.ReadResponse(bufio.NewReader(strings.NewReader(in)), req)
		if err != nil {
			t.Fatalf("accepted what net/http refuses (%v): %q", err, in)
		}
		if resp.StatusCode != want.StatusCode || !reflect.DeepEqual(resp.Header, want.Header) || resp.Close != want.Close ||
			resp.ContentLength != want.ContentLength && bodyAllowed(resp.StatusCode) || len(resp.TransferEncoding) != len(want.TransferEncoding) {
			t.Fatalf("read differently:\n fast %d %v close %v length %d te %v\n  net %d %v close %v length %d te %v\n%q",
				resp.StatusCode, resp.Header, resp.Close, resp.ContentLength, resp.TransferEncoding,
				want.StatusCode, want.Header, want.Close, want.ContentLength, want.TransferEncoding, in)
		}
		// Removing the hop-by-hop fields the parser noted removes them all.
		a, b := resp.Header.Clone(), resp.Header.Clone()
		removeHopFields(a, x.respSeen.hop)
		removeHopByHop(b)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("hop-by-hop fields noted %b: left %v, want %v: %q", x.respSeen.hop, a, b, in)
		}
		// What writeHead need not look up in an answer read here.
		for _, k := range []string{"Trailer", "Transfer-Encoding", "Connection"} {
			if _, ok := a[k]; ok && x.respSeen.parsed {
				t.Fatalf("%s left in a parsed answer: %q", k, in)
			}
		}
		// So are the security headers' names.
		for i, name := range secNames {
			if _, ok := resp.Header[name]; ok && x.respSeen.sec&(1<<i) == 0 {
				t.Fatalf("%s, not noted: %q", name, in)
			}
		}
		got, gerr := io.ReadAll(resp.Body)
		exp, werr := io.ReadAll(want.Body)
		if (gerr == nil) != (werr == nil) || gerr == nil && !bytes.Equal(got, exp) {
			t.Fatalf("bodies differ: fast %q (%v), net/http %q (%v): %q", got, gerr, exp, werr, in)
		}
	})
}

func parseOK(b []byte, x *h1State) bool {
	_, ok := parseResponseHead(b, x.respHdr, &x.resp, &x.respVals, nil)
	return ok
}

// TestWriteRequestURI: the request line's target is url.URL.RequestURI's.
func TestWriteRequestURI(t *testing.T) {
	for _, s := range []string{"/", "/a/b", "/a?", "/a?b=c", "/a%2Fb?x=%20", "/it's", "", "http://h/p?q", "mailto:x"} {
		u, err := url.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		bw := bufio.NewWriter(&b)
		writeRequestURI(bw, u)
		bw.Flush()
		if got, want := b.String(), u.RequestURI(); got != want {
			t.Errorf("%q: wrote %q, want %q", s, got, want)
		}
	}
}

// TestSecNamesCovered: every security header the config can add, and
// the CSP's other name, has its bit, or an answer's own would be missed.
func TestSecNamesCovered(t *testing.T) {
	for _, ro := range []bool{false, true} {
		v := newSecValues(&Headers{HSTS: "a", CSP: "b", CSPReportOnly: ro, FrameOptions: "c", ContentTypeOptions: "d", ReferrerPolicy: "e", CrossOriginOpener: "f", PermissionsPolicy: "g"})
		for i, f := range v {
			if f.bit == 0 || i == secCSP && f.otherBit == 0 || f.value == nil {
				t.Errorf("report-only %v: %s (other %q): bits %b %b", ro, f.name, f.other, f.bit, f.otherBit)
			}
		}
	}
}

// TestCutLine: strings.Cut(s, "\r\n") for lines ended by CRLF; a bare LF
// is refused.
func TestCutLine(t *testing.T) {
	for _, s := range []string{"", "\r\n", "a: b\r\n\r\n", "a\r\nb", "abc", "a\rb\r\nc", "a\r\r\nb"} {
		line, rest, ok := cutLine(s)
		wl, wr, _ := strings.Cut(s, "\r\n")
		if !ok || line != wl || rest != wr {
			t.Errorf("cutLine(%q) = %q, %q, %v; want %q, %q", s, line, rest, ok, wl, wr)
		}
	}
	for _, s := range []string{"\n", "a\nb\r\n", "a: b\n\r\n"} {
		if _, _, ok := cutLine(s); ok {
			t.Errorf("cutLine(%q) took a bare LF", s)
		}
	}
}

// TestValueOK: the word at a time check agrees with the byte table on
// every byte at every place in a word.
func TestValueOK(t *testing.T) {
	base := []byte("text/html; charset=utf-8 \xe2\x82\xac")
	for c := 0; c < 256; c++ {
		for at := range base {
			v := bytes.Clone(base)
			v[at] = byte(c)
			if got, want := valueOK(v), valueBytes[c]; got != want {
				t.Fatalf("%q: %v, want %v", v, got, want)
			}
			if got := valueOK(string(v)); got != valueBytes[c] {
				t.Fatalf("%q as a string: %v", v, got)
			}
		}
	}
}

// TestManyFields: a name repeated among more fields than fieldNames has
// room for is read as net/http reads it, in a request and in an answer.
func TestManyFields(t *testing.T) {
	var b strings.Builder
	for i := range 20 {
		fmt.Fprintf(&b, "X-F%d: %d\r\n", i, i)
	}
	fields := b.String() + "X-F1: again\r\nX-F18: again\r\nx-f19: again\r\n"
	req := "GET / HTTP/1.1\r\nHost: x\r\n" + fields + "\r\n"
	res, h := parseAll(req, 4096)
	if res != h1Accept {
		t.Fatalf("request refused: %v", res)
	}
	want, err := http.ReadRequest(bufio.NewReader(strings.NewReader(req)))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(h.header, want.Header) {
		t.Errorf("request fields:\n got %v\nwant %v", h.header, want.Header)
	}
	answer := "HTTP/1.1 200 OK\r\n" + fields + "Content-Length: 0\r\n\r\n"
	x := &h1State{respHdr: http.Header{}}
	resp, err := readResponse(bufio.NewReader(strings.NewReader(answer)), &http.Request{Method: "GET"}, x)
	if err != nil {
		t.Fatal(err)
	}
	wantResp, err := http.ReadResponse(bufio.NewReader(strings.NewReader(answer)), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(resp.Header, wantResp.Header) {
		t.Errorf("answer's fields:\n got %v\nwant %v", resp.Header, wantResp.Header)
	}
}
