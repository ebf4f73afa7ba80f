package guard

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// The HTTP/1.1 fast path.
//
// net/http serves a proxied request with several goroutines and channel
// handoffs (the server's background read, the Transport's read and write
// loops), which on one core cost the guard three quarters of nginx's
// throughput. For plain HTTP (no TLS) the guard reads each connection
// itself, one goroutine per client connection, and forwards the common
// request — plain HTTP/1.1 with keep-alive, a Content-Length body or
// none — over pooled upstream connections written and read in the same
// goroutine (h1upstream.go).
//
// Everything else goes to net/http exactly as before: the parser
// (h1parse.go) accepts only unambiguous requests, and at the first one it
// does not accept — or any head it cannot read whole — the connection,
// with every byte the fast path read and did not use, is handed to the
// http.Server through a listener of its own (handoffListener) and stays
// there. So TLS and HTTP/2, WebSockets, chunked uploads, Expect, HTTP/1.0
// and every malformed request are net/http's, with net/http's answers.
//
// The controls are not the fast path's: a request it accepts becomes an
// *http.Request and goes through Guard.handle, the very function ServeHTTP
// calls, with h1Forward in place of the ReverseProxy as the last step.
//
// Timeouts are the server's: the header timeout from the first byte of a
// request (from the accept for the first one), the idle timeout between
// requests, and the body and send timeouts per read and write, set by the
// shared code through http.ResponseController.

// h1Server serves the guard's plain-HTTP listener.
type h1Server struct {
	g       *Guard
	ln      net.Listener
	handoff *handoffListener
	// header and idle are the [timeouts] in force at start (as for the
	// http.Server, a change takes a restart); limit is max_header_bytes.
	header, idle time.Duration
	limit        int

	mu      sync.Mutex
	conns   map[*h1Conn]struct{}
	closing atomic.Bool
	wg      sync.WaitGroup
}

func newH1Server(g *Guard, ln net.Listener) *h1Server {
	t := g.Config().Timeouts
	return &h1Server{
		g:       g,
		ln:      ln,
		handoff: newHandoffListener(ln.Addr()),
		header:  t.Header.D(),
		idle:    t.Idle.D(),
		limit:   int(t.MaxHeaderBytes),
		conns:   map[*h1Conn]struct{}{},
	}
}

// serve accepts connections until the listener is closed.
func (s *h1Server) serve() error {
	var delay time.Duration
	for {
		nc, err := s.ln.Accept()
		if err != nil {
			if s.closing.Load() {
				return nil
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE) {
				// Out of descriptors, most likely: wait as net/http does.
				delay = min(max(2*delay, 5*time.Millisecond), time.Second)
				time.Sleep(delay)
				continue
			}
			return err
		}
		delay = 0
		c := &h1Conn{s: s, nc: nc, accepted: time.Now()}
		if ra := nc.RemoteAddr(); ra != nil {
			c.remote = ra.String()
		}
		s.mu.Lock()
		if s.closing.Load() {
			s.mu.Unlock()
			nc.Close()
			return nil
		}
		s.conns[c] = struct{}{}
		s.wg.Add(1)
		s.mu.Unlock()
		go c.serve()
	}
}

// shutdown stops accepting, closes idle connections at once and those
// serving a request when it is answered, and waits for them until ctx
// ends.
func (s *h1Server) shutdown(ctx context.Context) {
	s.closing.Store(true)
	s.ln.Close()
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		s.closeIdle()
		select {
		case <-done:
			s.handoff.Close()
			return
		case <-ctx.Done():
			s.mu.Lock()
			for c := range s.conns {
				c.nc.Close()
			}
			s.mu.Unlock()
			s.handoff.Close()
			return
		case <-tick.C:
		}
	}
}

func (s *h1Server) closeIdle() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		if c.idle.Load() {
			c.nc.Close()
		}
	}
}

func (s *h1Server) forget(c *h1Conn) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
	s.wg.Done()
}

// h1Conn is one client connection on the fast path.
type h1Conn struct {
	s        *h1Server
	nc       net.Conn
	rd, wr   io.ReadWriter // nc's reads and writes (h1sys_*.go)
	remote   string
	accepted time.Time
	// buf[r:w] is read and not yet used.
	buf  []byte
	r, w int
	bw   *h1Out
	// idle is set while waiting for the next request, when a shutdown
	// may close the connection.
	idle atomic.Bool
	// rdl and wdl are the deadlines set on nc.
	rdl, wdl deadline
	// x is what each request needs, reused from one to the next.
	x *h1State
}

// h1State is the memory a request needs on the fast path, kept by the
// connection so that a request allocates little: its head and header,
// the *http.Request, the writer, the guard's own record of it, the
// request passed on and the application's answer.
type h1State struct {
	head     h1Head
	req      http.Request
	w        h1Writer
	body     h1Body
	rs       reqState
	out      http.Request
	outURL   url.URL
	resp     http.Response
	respHdr  http.Header
	respVals []string
	// respSeen is what readResponse noted of the answer's fields.
	respSeen headSeen
	fixed    fixedBody
	pr       httputil.ProxyRequest
	fwd      [4]string
	// reqStrs and respStrs make the strings of the requests' heads and
	// of the answers'.
	reqStrs, respStrs headStrings
}

var h1States = sync.Pool{New: func() any { return &h1State{respHdr: make(http.Header, 8)} }}

// deadline is the deadline last set on one side of a connection. Setting
// one within a second of it is skipped: a timer change per request costs
// more than the timeouts' precision is worth (the http.Server's own
// guardWriter extends the send deadline at most once a second too).
type deadline struct{ t time.Time }

// setAfter sets the deadline to d from now, or none when d is not
// positive. A deadline within a second of the last is found so by the
// monotonic clock alone (time.Since), which costs half of time.Now: the
// fast path sets its deadlines so for every request.
func (d *deadline) setAfter(nc net.Conn, read bool, after time.Duration) error {
	if after <= 0 {
		return d.set(nc, read, time.Time{})
	}
	if !d.t.IsZero() {
		if e := time.Since(d.t) + after; e < time.Second && e > -time.Second {
			return nil
		}
	}
	return d.set(nc, read, time.Now().Add(after))
}

func (d *deadline) set(nc net.Conn, read bool, t time.Time) error {
	if t.IsZero() == d.t.IsZero() && (t.IsZero() || t.Sub(d.t) < time.Second && d.t.Sub(t) < time.Second) {
		return nil
	}
	d.t = t
	if read {
		return nc.SetReadDeadline(t)
	}
	return nc.SetWriteDeadline(t)
}

const h1BufSize = 4 << 10

var (
	h1ReadBufs  = sync.Pool{New: func() any { b := make([]byte, h1BufSize); return &b }}
	h1WriteBufs = sync.Pool{New: func() any { return newH1Out(h1BufSize) }}
)

func (c *h1Conn) serve() {
	handedOff := false
	defer func() {
		if !handedOff {
			c.nc.Close()
		}
		c.release()
		c.s.forget(c)
	}()
	c.x = h1States.Get().(*h1State)
	bp := h1ReadBufs.Get().(*[]byte)
	c.buf = *bp
	rd, wr := newConnIO(c.nc), newConnIO(c.nc)
	c.rd, c.wr = rd, wr
	c.bw = h1WriteBufs.Get().(*h1Out)
	c.bw.Reset(wr)
	// The first request's head must arrive within the header timeout of
	// the accept, as with net/http.
	c.setReadDeadline(c.accepted, c.s.header)
	for first := true; ; first = false {
		if c.r == c.w {
			c.r, c.w = 0, 0
			if !first {
				if c.s.closing.Load() {
					return
				}
				c.idle.Store(true)
				if c.s.closing.Load() {
					return
				}
				_ = c.rdl.setAfter(c.nc, true, c.s.idle)
				// The client sends its next request once it has read this
				// answer, which it has not yet. A read now would find
				// nothing (EAGAIN: a system call for nothing) and wait;
				// the other connections' work first gives the client the
				// time to send it, and the read then finds it. (The
				// poller forgets a socket's readiness before each read,
				// so waiting without reading first could miss a request
				// that already came.)
				runtime.Gosched()
				n, _ := c.rd.Read(c.buf)
				c.idle.Store(false)
				if n == 0 {
					return
				}
				c.w = n
			}
		}
		// The header timeout runs from the first byte of a request; a head
		// that came whole with it needs no deadline of its own.
		head, ok := c.readHead(!first)
		if head == nil {
			if ok {
				handedOff = true
				c.handOff()
			}
			return
		}
		if !c.serveRequest(head) {
			c.closeAfterAnswer()
			return
		}
	}
}

// release returns the buffers to their pools.
func (c *h1Conn) release() {
	if c.buf != nil && cap(c.buf) == h1BufSize {
		b := c.buf[:h1BufSize]
		h1ReadBufs.Put(&b)
	}
	c.buf = nil
	if c.bw != nil {
		c.bw.Reset(nil)
		h1WriteBufs.Put(c.bw)
		c.bw = nil
	}
	if c.x != nil {
		x := c.x
		c.x = nil
		// Nothing of one connection's requests may outlive it in the pool.
		hdr, vals, pending, rvals := x.head.header, x.head.vals, x.w.pending, x.respVals
		clear(hdr)
		clear(vals)
		clear(x.respHdr)
		clear(rvals)
		*x = h1State{respHdr: x.respHdr, reqStrs: x.reqStrs, respStrs: x.respStrs}
		x.head.header, x.head.vals, x.w.pending, x.respVals = hdr, vals[:0], pending[:0], rvals[:0]
		h1States.Put(x)
	}
}

// flushYield is called before an answer to a client, or a request to the
// application, is written: the other goroutines ready to run go first, so
// that those the poller woke together each prepare their answer or
// request, and the writes then follow one another, as nginx's event loop
// makes them. A client woken by one answer finds the next ones there
// without sleeping again in between, and the application, once its share
// of the core is used up, takes the requests that came meanwhile in one
// go: on one core, fewer context switches and fewer wake-ups of the other
// core, each of which costs more than the yield (bench/GUARD.md). With
// nothing else ready, the yield returns at once.
func flushYield() { runtime.Gosched() }

func (c *h1Conn) setReadDeadline(from time.Time, d time.Duration) {
	if d > 0 {
		_ = c.rdl.set(c.nc, true, from.Add(d))
	} else {
		_ = c.rdl.set(c.nc, true, time.Time{})
	}
}

// readHead reads until the parser accepts a head or gives it up. It
// returns the head, or nil and whether the connection should go to
// net/http (false: it failed or timed out, and is closed).
func (c *h1Conn) readHead(deadline bool) (*h1Head, bool) {
	var sc h1Scan
	for {
		res, n := sc.scan(c.buf[c.r:c.w], c.s.limit)
		switch res {
		case h1Accept:
			head := &c.x.head
			if !head.parse(c.buf[c.r:c.r+n], &c.x.reqStrs) {
				return nil, true
			}
			c.r += n
			return head, true
		case h1Fallback:
			return nil, true
		}
		if c.w == len(c.buf) {
			if c.r > 0 {
				copy(c.buf, c.buf[c.r:c.w])
				c.w -= c.r
				c.r = 0
			} else {
				// A head larger than the buffer: grow it, up to the
				// limit (scan gives up past it).
				nb := make([]byte, min(2*len(c.buf), c.s.limit+1))
				copy(nb, c.buf[:c.w])
				c.buf = nb
			}
		}
		if deadline {
			_ = c.rdl.setAfter(c.nc, true, c.s.header)
			deadline = false
		}
		n, err := c.rd.Read(c.buf[c.w:])
		c.w += n
		if err != nil && n == 0 {
			// A client that stopped half-way through a head, or timed out
			// (slow headers): net/http closes such a connection without
			// an answer, and so does the fast path.
			return nil, false
		}
	}
}

// handOff gives the connection, with what was read and not used, to the
// http.Server.
func (c *h1Conn) handOff() {
	_ = c.nc.SetDeadline(time.Time{})
	pre := append([]byte(nil), c.buf[c.r:c.w]...)
	c.s.handoff.give(&prefixConn{Conn: c.nc, pre: pre})
}

// closeAfterAnswer ends a connection whose answer said so: the write
// side first, then a pause before the close, so that request bytes still
// in flight do not make the kernel reset the connection before the
// client read the answer (net/http's closeWriteAndWait).
func (c *h1Conn) closeAfterAnswer() {
	if cw, ok := c.nc.(interface{ CloseWrite() error }); ok {
		_ = cw.CloseWrite()
		time.Sleep(500 * time.Millisecond)
	}
}

// serveRequest serves one request through the shared controls; it reports
// whether the connection may carry another.
func (c *h1Conn) serveRequest(head *h1Head) bool {
	x := c.x
	r := &x.req
	*r = http.Request{
		Method:        head.method,
		URL:           head.url,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        head.header,
		Host:          head.host,
		RequestURI:    head.target,
		RemoteAddr:    c.remote,
		ContentLength: head.length,
		Close:         head.close,
		Body:          http.NoBody,
	}
	w := &x.w
	*w = h1Writer{c: c, req: r, length: -1, pending: w.pending[:0], secNames: anySecName}
	if head.length > 0 {
		x.body = h1Body{c: c, n: head.length}
		w.reqBody = &x.body
		r.Body = w.reqBody
	}
	g := c.s.g
	if !c.handle(g, w, r) {
		return false
	}
	ok := w.finish()
	if w.reqBody != nil && w.reqBody.n > 0 {
		ok = false // the rest of the body is on the wire
	}
	return ok && !r.Close && !c.s.closing.Load()
}

// handle runs the shared handler; it reports false when the answer was
// abandoned half-way (http.ErrAbortHandler, as net/http's server takes it).
func (c *h1Conn) handle(g *Guard, w *h1Writer, r *http.Request) (ok bool) {
	defer func() {
		if v := recover(); v != nil {
			if v != http.ErrAbortHandler {
				panic(v)
			}
			ok = false
		}
	}()
	g.handle(g.cur.Load(), &c.x.rs, w, r, h1Forward)
	return true
}

// h1Body is a request body of a known length, read from the connection
// (what the head's read brought along first).
type h1Body struct {
	c   *h1Conn
	n   int64 // left to read
	err error
}

func (b *h1Body) Read(p []byte) (int, error) {
	if b.n <= 0 {
		return 0, io.EOF
	}
	if b.err != nil {
		return 0, b.err
	}
	if int64(len(p)) > b.n {
		p = p[:b.n]
	}
	c := b.c
	var n int
	if c.r < c.w {
		n = copy(p, c.buf[c.r:c.w])
		c.r += n
	} else {
		var err error
		n, err = c.rd.Read(p)
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			if n == 0 {
				b.err = err
				return 0, err
			}
		}
	}
	b.n -= int64(n)
	return n, nil
}

func (b *h1Body) Close() error { return nil }

// prefixConn is a connection handed to net/http: what the fast path read
// and did not use comes first.
type prefixConn struct {
	net.Conn
	pre []byte
}

func (c *prefixConn) Read(p []byte) (int, error) {
	if len(c.pre) > 0 {
		n := copy(p, c.pre)
		c.pre = c.pre[n:]
		return n, nil
	}
	return c.Conn.Read(p)
}

// handoffListener is how connections reach the http.Server: Accept
// returns the ones the fast path gave up.
type handoffListener struct {
	addr   net.Addr
	conns  chan net.Conn
	done   chan struct{}
	closed sync.Once
}

func newHandoffListener(addr net.Addr) *handoffListener {
	return &handoffListener{addr: addr, conns: make(chan net.Conn), done: make(chan struct{})}
}

func (l *handoffListener) give(c net.Conn) {
	select {
	case l.conns <- c:
	case <-l.done:
		c.Close()
	}
}

func (l *handoffListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *handoffListener) Close() error {
	l.closed.Do(func() { close(l.done) })
	return nil
}

func (l *handoffListener) Addr() net.Addr { return l.addr }
