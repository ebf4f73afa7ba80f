package guard

import (
	"bufio"
	"context"
	"errors"
	"io"
	"mime"
	"net"
	"net/http"
	"net/http/httputil"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The fast path's side towards the application: a pool of keep-alive
// connections, each used by one request at a time and written and read in
// the goroutine of the client connection that borrowed it, with no
// goroutine or channel of its own. Responses are read by net/http's own
// parser (http.ReadResponse), so every framing an application may use —
// Content-Length, chunked, read-until-close, 1xx — is understood as the
// Transport understands it.

// h1Upstream is the pool for one upstream address.
type h1Upstream struct {
	up      upstream
	dialer  *net.Dialer
	timeout time.Duration // the application's time to answer ([timeouts] upstream)

	mu   sync.Mutex
	idle []*upConn // most recently used last
}

// h1MaxIdle bounds the idle connections kept, as the Transport's
// MaxIdleConnsPerHost does on the net/http path.
const h1MaxIdle = 256

// h1IdleTimeout is how long an idle connection is kept (the Transport's
// IdleConnTimeout).
const h1IdleTimeout = 90 * time.Second

// h1UpReadSize is the buffer an application's answers are read into: a
// page of some kB comes in one read, and leaves in one writev (h1Out),
// as nginx reads its upstream with readv into its proxy buffers.
const h1UpReadSize = 16 << 10

// h1AwaitIdle is how long a connection may have been idle for its
// request's last write to wait for the answer without reading first
// (connIO.Write). An application that closes the connection makes that
// wait end (the request it did not read resets the connection), except
// one that only shut down its side and goes on reading without ever
// answering (a lingering close). None does so within 10 ms of
// its last answer; on a connection idle for longer, the read comes
// first and sees the close at once, as before.
const h1AwaitIdle = 10 * time.Millisecond

// h1CheckAfter is how long a connection may sit idle before it is checked
// for a close by the application (gunicorn drops idle keep-alive
// connections after 2 seconds by default) before being used.
const h1CheckAfter = 500 * time.Millisecond

func newH1Upstream(up upstream, timeout time.Duration) *h1Upstream {
	return &h1Upstream{up: up, timeout: timeout, dialer: &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}}
}

// upConn is one connection to the application.
type upConn struct {
	nc   net.Conn
	br   *bufio.Reader
	bw   *bufio.Writer
	wio  *connIO // bw's
	read countingReader
	rdl  deadline
	// used is when it was last returned to the pool; zero for a new one.
	used time.Time
	// recent is whether it came from the pool within h1AwaitIdle of its
	// last answer (get sets it).
	recent bool
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// get lends an idle connection, or dials a new one. A connection idle for
// more than h1CheckAfter is checked for a close by the application first;
// check asks it for any idle time, for a request that could not be sent
// again if the connection turned out closed.
func (u *h1Upstream) get(ctx context.Context, check bool) (*upConn, error) {
	for {
		u.mu.Lock()
		n := len(u.idle)
		if n == 0 {
			u.mu.Unlock()
			break
		}
		uc := u.idle[n-1]
		u.idle[n-1] = nil
		u.idle = u.idle[:n-1]
		u.mu.Unlock()
		idle := time.Since(uc.used)
		if idle > h1IdleTimeout || (check || idle > h1CheckAfter) && !stillOpen(uc.nc) {
			uc.nc.Close()
			continue
		}
		uc.recent = idle < h1AwaitIdle
		return uc, nil
	}
	var nc net.Conn
	var err error
	if u.up.socket != "" {
		nc, err = u.dialer.DialContext(ctx, "unix", u.up.socket)
	} else {
		nc, err = u.dialer.DialContext(ctx, "tcp", u.up.url.Host)
	}
	if err != nil {
		return nil, err
	}
	uc := &upConn{nc: nc}
	uc.read.r = newConnIO(nc)
	uc.br = bufio.NewReaderSize(&uc.read, h1UpReadSize)
	uc.wio = newConnIO(nc)
	uc.bw = bufio.NewWriterSize(uc.wio, h1BufSize)
	return uc, nil
}

// put returns a connection whose answer was read whole.
func (u *h1Upstream) put(uc *upConn) {
	uc.used = time.Now()
	u.mu.Lock()
	if len(u.idle) < h1MaxIdle {
		u.idle = append(u.idle, uc)
		uc = nil
	}
	u.mu.Unlock()
	if uc != nil {
		uc.nc.Close()
	}
}

// closeIdle closes the idle connections (after a reload that changed the
// upstream).
func (u *h1Upstream) closeIdle() {
	u.mu.Lock()
	idle := u.idle
	u.idle = nil
	u.mu.Unlock()
	for _, uc := range idle {
		uc.nc.Close()
	}
}

// h1Forward passes a request the controls admitted to the application
// over a pooled connection and streams the answer back: the fast path's
// replacement for httputil.ReverseProxy, making the same changes to the
// request (rewriteOut) and the answer (hop-by-hop fields, fromUpstream).
func h1Forward(g *Guard, st *state, w *guardWriter, r *http.Request, ri *reqInfo) {
	hw := w.ResponseWriter.(*h1Writer)
	x := hw.c.x
	out := &x.out
	*out = *r
	x.outURL = *r.URL
	out.URL = &x.outURL
	// The parser let through no hop-by-hop field but Connection, and
	// noted whether the client sent any of these.
	if h := out.Header; x.head.proxied {
		delete(h, "Connection")
		delete(h, "Forwarded")
		delete(h, "X-Forwarded-For")
		delete(h, "X-Forwarded-Host")
		delete(h, "X-Forwarded-Proto")
	}
	x.pr = httputil.ProxyRequest{In: r, Out: out}
	rewriteOut(&x.pr, st.h1.up, ri, x.fwd[:])

	replay := r.Body == http.NoBody && (r.Method == "GET" || r.Method == "HEAD" || r.Method == "OPTIONS")
	var resp *http.Response
	var uc *upConn
	for attempt := 0; ; attempt++ {
		var err error
		uc, err = st.h1.get(context.Background(), !replay)
		if err != nil {
			g.upstreamFailed(w, r, ri, err)
			return
		}
		reused := !uc.used.IsZero()
		start := uc.read.n
		resp, err = uc.roundTrip(out, st.h1.timeout, w, x)
		if err == nil {
			break
		}
		uc.nc.Close()
		// A pooled connection the application closed meanwhile fails
		// before any answer arrives: try once more on a new one when the
		// request can be sent again, as the Transport does.
		if reused && uc.read.n == start && replay && attempt == 0 && !isTimeout(err) {
			continue
		}
		g.upstreamFailed(w, r, ri, err)
		return
	}
	done := false
	defer func() {
		if done {
			st.h1.put(uc)
		} else {
			uc.nc.Close()
		}
	}()
	if resp.StatusCode == http.StatusSwitchingProtocols {
		// Only an upgrade request may be answered so, and none comes
		// this way.
		resp.Body.Close()
		g.upstreamFailed(w, r, ri, errors.New("the application switched protocols unasked"))
		return
	}
	removeHopFields(resp.Header, x.respSeen.hop)
	g.fromUpstream(ri, resp)
	// The answer's fields become the writer's, as copyHeader would make
	// them (adding to whatever was set before, which is nothing today).
	if len(hw.header) == 0 {
		hw.secNames = x.respSeen.sec
		hw.plain = x.respSeen.parsed && len(resp.Trailer) == 0
	}
	for k, vs := range hw.header {
		resp.Header[k] = append(resp.Header[k], vs...)
	}
	hw.header = resp.Header
	if len(resp.Trailer) > 0 {
		keys := make([]string, 0, len(resp.Trailer))
		for k := range resp.Trailer {
			keys = append(keys, k)
		}
		hw.header.Add("Trailer", strings.Join(keys, ", "))
	}
	w.WriteHeader(resp.StatusCode)
	// Flushed as it comes, as the ReverseProxy does: a body of unknown
	// length, and server-sent events.
	flush := resp.ContentLength == -1
	if ct := first(resp.Header["Content-Type"]); !flush && len(ct) >= 17 && strings.EqualFold(ct[:17], "text/event-stream") {
		if ct, _, _ := mime.ParseMediaType(ct); ct == "text/event-stream" {
			flush = true
		}
	}
	if !resp.Close && resp.ContentLength >= 0 && int64(uc.br.Buffered()) >= resp.ContentLength {
		// The whole body is here: no deadline can matter.
	} else {
		// The upstream timeout is for the head; a body (a download,
		// server-sent events) may take as long as it takes.
		_ = uc.rdl.set(uc.nc, true, time.Time{})
	}
	bufp := copyBuffers.get()
	defer copyBuffers.put(bufp)
	buf := *bufp
	for {
		n, rerr := resp.Body.Read(buf)
		if n > 0 {
			if _, werr := w.Write(buf[:n]); werr != nil {
				hw.aborted = true
				return
			}
			if flush {
				hw.Flush()
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			// The application broke off: the client must not take what
			// came for the whole answer.
			hw.aborted = true
			return
		}
	}
	resp.Body.Close()
	for k, vs := range resp.Trailer {
		hw.header[k] = vs
	}
	done = !resp.Close
}

// roundTrip writes the request and reads the head of the final answer.
// Interim answers (103 Early Hints) are passed to the client as they
// come, as the ReverseProxy passes them.
func (uc *upConn) roundTrip(out *http.Request, timeout time.Duration, w http.ResponseWriter, x *h1State) (*http.Response, error) {
	if err := writeRequest(uc.bw, out); err != nil {
		return nil, err
	}
	if timeout > 0 {
		_ = uc.rdl.setAfter(uc.nc, true, timeout)
	}
	// The last write of the request waits for the answer (connIO.Write)
	// on a connection that answered a moment ago.
	uc.wio.setAwait(uc.recent)
	uc.recent = false
	flushYield()
	err := uc.bw.Flush()
	uc.wio.setAwait(false)
	if err != nil {
		return nil, err
	}
	for {
		resp, err := readResponse(uc.br, out, x)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode >= 100 && resp.StatusCode < 200 && resp.StatusCode != http.StatusSwitchingProtocols {
			h := w.Header()
			for k, vs := range resp.Header {
				h[k] = append(h[k], vs...)
			}
			w.WriteHeader(resp.StatusCode)
			clear(h)
			continue
		}
		return resp, nil
	}
}

// writeRequest writes the request as the Transport writes it (Request.write),
// leaving its end in bw for the caller to flush:
// the request line with the upstream's URI, Host, the first User-Agent
// when not empty, Content-Length when there is a body or the method
// expects one, then the other fields. The parser validated every name and
// value the client sent, and the guard's own are addresses and host names.
func writeRequest(bw *bufio.Writer, r *http.Request) error {
	bw.WriteString(r.Method)
	bw.WriteByte(' ')
	writeRequestURI(bw, r.URL)
	bw.WriteString(" HTTP/1.1\r\nHost: ")
	bw.WriteString(r.Host)
	bw.WriteString("\r\n")
	if ua := r.Header["User-Agent"]; len(ua) > 0 && ua[0] != "" {
		writeField(bw, "User-Agent", ua[0])
	}
	switch {
	case r.ContentLength > 0:
		writeField(bw, "Content-Length", strconv.FormatInt(r.ContentLength, 10))
	case r.Method == "POST" || r.Method == "PUT" || r.Method == "PATCH":
		bw.WriteString("Content-Length: 0\r\n")
	}
	for k, vs := range r.Header {
		switch k {
		case "Host", "User-Agent", "Content-Length", "Transfer-Encoding", "Trailer":
			continue
		}
		for _, v := range vs {
			writeField(bw, k, v)
		}
	}
	bw.WriteString("\r\n")
	if r.ContentLength > 0 {
		n, err := io.CopyN(bw, r.Body, r.ContentLength)
		if err != nil {
			return err
		}
		if n != r.ContentLength {
			return io.ErrUnexpectedEOF
		}
	}
	return nil
}

// writeRequestURI writes u.RequestURI() without making its string.
func writeRequestURI(bw *bufio.Writer, u *url.URL) {
	if u.Opaque != "" {
		bw.WriteString(u.RequestURI())
		return
	}
	if p := u.EscapedPath(); p != "" {
		bw.WriteString(p)
	} else {
		bw.WriteByte('/')
	}
	if u.ForceQuery || u.RawQuery != "" {
		bw.WriteByte('?')
		bw.WriteString(u.RawQuery)
	}
}

// removeHopByHop removes the fields that concern one connection only, as
// the ReverseProxy does: those named in Connection, and the RFC 2616
// list.
func removeHopByHop(h http.Header) { removeHopFields(h, hopAll) }

// hopFields is RFC 2616's list of hop-by-hop fields, a bit each in a
// hopMask.
var hopFields = [...]string{"Connection", "Proxy-Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Te", "Trailer", "Transfer-Encoding", "Upgrade"}

// hopMask is a set of hopFields: those a head has, as its parser noted
// them, so that the absent ones cost no deletion.
type hopMask uint16

const (
	hopKeepAlive hopMask = 1 << 2
	hopAll       hopMask = 1<<len(hopFields) - 1
)

// hopBit is name's bit, for a name in hopFields.
func hopBit(name string) hopMask {
	for i, f := range hopFields {
		if f == name {
			return 1 << i
		}
	}
	return 0
}

// removeHopFields is removeHopByHop for a header that has, of the RFC
// 2616 list, only the fields in present.
func removeHopFields(h http.Header, present hopMask) {
	if present == 0 {
		return
	}
	// Without Connection, no field is named in it.
	for _, f := range h["Connection"] {
		for f != "" {
			var sf string
			sf, f, _ = strings.Cut(f, ",")
			switch sf = textproto.TrimString(sf); {
			case sf == "":
			case strings.EqualFold(sf, "keep-alive"):
				if present&hopKeepAlive != 0 {
					delete(h, "Keep-Alive") // most often, and no string to make
				}
			case strings.EqualFold(sf, "close"):
				delete(h, "Close")
			case isCanonical(sf):
				delete(h, sf)
			default:
				delete(h, http.CanonicalHeaderKey(sf))
			}
		}
	}
	for i, f := range hopFields {
		if present&(1<<i) != 0 {
			delete(h, f)
		}
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
