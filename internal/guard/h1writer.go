package guard

import (
	"bufio"
	"io"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// h1Writer is the fast path's http.ResponseWriter: the guard's own
// answers (http.Error from the controls) and the application's answers
// (h1Forward) are written through it, wrapped in the same guardWriter as
// on the net/http path, so the security headers, the recorded status and
// the send timeout are the same code on both.
//
// It frames a response as net/http's server does: a Content-Length the
// handler set is kept and enforced; without one, a short answer (up to
// 2 kB, written before the handler is done) gets a Content-Length, a
// longer or flushed one is sent chunked; HEAD, 1xx, 204 and 304 carry no
// body; a missing Date and Content-Type are added (the latter sniffed);
// "Connection: close" from the handler ends the connection after the
// answer, and so does an unread request body over 256 kB.
type h1Writer struct {
	c      *h1Conn
	req    *http.Request
	header http.Header
	// reqBody is the request's body as read from the connection (the
	// controls may have put a buffered copy in req.Body).
	reqBody *h1Body
	// status is the final status once WriteHeader(200..999) was called.
	status int
	// head is whether the final head is written (to the buffer).
	head    bool
	length  int64 // declared Content-Length, -1 when none
	written int64
	chunked bool
	noBody  bool
	// pending holds what was written before the head went out, so that a
	// short answer can carry a Content-Length.
	pending []byte
	// trailers are the names the handler declared in "Trailer".
	trailers []string
	// closeAfter ends the connection once this answer is written.
	closeAfter bool
	// aborted means the answer could not be completed (the application's
	// body broke off): the connection is cut rather than the answer
	// ended as if whole.
	aborted bool
	// sec are the security headers the final head gets, written from
	// secv's lines (guardWriter.WriteHeader).
	sec  secMask
	secv *secValues
	// secNames are the security headers' names the header may have
	// (anySecName unless the application's answer was parsed).
	secNames nameMask
	// plain is whether the header is an answer parseResponseHead read,
	// without its hop-by-hop fields: it has no Trailer, Transfer-Encoding
	// or Connection to look up.
	plain bool
}

// h1Pending is how much a handler may write before the head must go out
// (net/http's bufferBeforeChunkingSize).
const h1Pending = 2048

// h1DiscardMax is how much of an unread request body is read and dropped
// to keep the connection (net/http's maxPostHandlerReadBytes).
const h1DiscardMax = 256 << 10

func (w *h1Writer) Header() http.Header {
	if w.header == nil {
		w.header = make(http.Header)
	}
	return w.header
}

func (w *h1Writer) WriteHeader(code int) {
	if w.status != 0 {
		return
	}
	if code < 100 || code > 999 {
		panic("invalid WriteHeader code " + strconv.Itoa(code))
	}
	if code < 200 {
		// An interim answer (103 Early Hints) goes out at once, with the
		// fields set so far; the final one starts afresh.
		w.writeStatus(code)
		w.writeFields(w.header, nil)
		w.c.bw.WriteString("\r\n")
		w.c.bw.Flush()
		return
	}
	w.status = code
	w.length = -1
	if cl := first(w.header["Content-Length"]); cl != "" {
		if n, err := strconv.ParseInt(strings.TrimSpace(cl), 10, 64); err == nil && n >= 0 {
			w.length = n
		} else {
			delete(w.header, "Content-Length")
		}
	}
}

func (w *h1Writer) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	if w.req.Method == "HEAD" || !bodyAllowed(w.status) {
		if !bodyAllowed(w.status) {
			return 0, http.ErrBodyNotAllowed
		}
		if !w.head {
			w.written += int64(len(p))
		}
		return len(p), nil
	}
	if w.length >= 0 && w.written+int64(len(p)) > w.length {
		return 0, http.ErrContentLength
	}
	if !w.head {
		if w.length < 0 && len(w.pending)+len(p) <= h1Pending {
			w.pending = append(w.pending, p...)
			w.written += int64(len(p))
			return len(p), nil
		}
		w.writeHead(false)
	}
	w.written += int64(len(p))
	return len(p), w.body(p)
}

// addSec takes the security headers the answer gets, to be written with
// its head. With force, the answer's own fields of those names go.
func (w *h1Writer) addSec(add secMask, v *secValues, force bool) {
	w.sec, w.secv = add, v
	if force {
		for i := range v {
			if add&(1<<i) != 0 {
				delete(w.header, v[i].name)
			}
		}
	}
}

// body writes p after the head, as a chunk when the answer is chunked.
func (w *h1Writer) body(p []byte) error {
	if len(p) == 0 {
		return nil
	}
	bw := w.c.bw
	if w.chunked {
		bw.WriteString(strconv.FormatInt(int64(len(p)), 16))
		bw.WriteString("\r\n")
		bw.Write(p)
		_, err := bw.WriteString("\r\n")
		return err
	}
	_, err := bw.Write(p)
	return err
}

// Flush sends what is written so far; the answer is then chunked unless
// it declared its length.
func (w *h1Writer) Flush() {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	if !w.head {
		w.writeHead(false)
	}
	w.c.bw.Flush()
}

// SetReadDeadline and SetWriteDeadline serve http.ResponseController:
// the body timeout (idleBody) and the send timeout (guardWriter).
func (w *h1Writer) SetReadDeadline(t time.Time) error  { return w.c.rdl.set(w.c.nc, true, t) }
func (w *h1Writer) SetWriteDeadline(t time.Time) error { return w.c.wdl.set(w.c.nc, false, t) }

// finish completes the answer once the handler returned, and reports
// whether the connection may serve another request.
func (w *h1Writer) finish() bool {
	if w.aborted {
		return false
	}
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	if !w.head {
		w.writeHead(true)
	}
	bw := w.c.bw
	if w.chunked {
		bw.WriteString("0\r\n")
		for _, k := range w.trailers {
			for _, v := range w.header[k] {
				writeField(bw, k, v)
			}
		}
		bw.WriteString("\r\n")
	}
	flushYield()
	if err := bw.Flush(); err != nil {
		return false
	}
	if w.length >= 0 && w.written != w.length && w.req.Method != "HEAD" && bodyAllowed(w.status) {
		return false // a short answer: the client would wait for the rest
	}
	return !w.closeAfter
}

// writeHead writes the status line and fields of the final answer, and
// the body held back so far. done says the handler has returned, so a
// held-back body is all there is.
func (w *h1Writer) writeHead(done bool) {
	w.head = true
	h := w.header
	isHEAD := w.req.Method == "HEAD"
	var extra [4][2]string
	n := 0
	add := func(k, v string) { extra[n] = [2]string{k, v}; n++ }
	te := ""
	if !w.plain {
		for _, v := range h["Trailer"] {
			for k := range strings.SplitSeq(v, ",") {
				if k = textproto.TrimString(k); k != "" {
					w.trailers = append(w.trailers, http.CanonicalHeaderKey(k))
				}
			}
		}
		te = first(h["Transfer-Encoding"])
	}
	if done && len(w.trailers) == 0 && te == "" && bodyAllowed(w.status) && w.length < 0 && (!isHEAD || w.written > 0) {
		w.length = w.written
		add("Content-Length", strconv.FormatInt(w.written, 10))
	}
	if !w.plain && first(h["Connection"]) == "close" {
		w.closeAfter = true
	}
	if !w.closeAfter && w.req.ContentLength != 0 && !w.discardBody() {
		delete(h, "Connection")
		add("Connection", "close")
		w.closeAfter = true
	}
	if bodyAllowed(w.status) {
		_, haveType := h["Content-Type"]
		if !haveType && te == "" && first(h["Content-Encoding"]) == "" && len(w.pending) > 0 {
			add("Content-Type", http.DetectContentType(w.pending))
		}
	} else {
		delete(h, "Content-Length")
		delete(h, "Transfer-Encoding")
		if w.status == http.StatusNotModified {
			delete(h, "Content-Type")
		}
		w.length = -1
	}
	if _, ok := h["Date"]; !ok {
		add("Date", httpDate())
	}
	if !w.plain {
		delete(h, "Transfer-Encoding")
	}
	switch {
	case isHEAD || !bodyAllowed(w.status) || w.status == http.StatusNoContent:
		w.noBody = true
	case w.length >= 0:
	default:
		w.chunked = true
		delete(h, "Content-Length")
		add("Transfer-Encoding", "chunked")
	}
	if w.sec != 0 && len(w.trailers) > 0 {
		// A declared trailer may name one of them: the map decides, as
		// on the net/http path.
		for i := range w.secv {
			if w.sec&(1<<i) != 0 {
				h[w.secv[i].name] = w.secv[i].value
			}
		}
		w.sec = 0
	}
	w.writeStatus(w.status)
	w.writeFields(h, w.trailers)
	for _, kv := range extra[:n] {
		writeField(w.c.bw, kv[0], kv[1])
	}
	for i := 0; w.sec != 0 && i < len(w.secv); i++ {
		if w.sec&(1<<i) != 0 {
			w.c.bw.Write(w.secv[i].line)
		}
	}
	w.c.bw.WriteString("\r\n")
	if len(w.pending) > 0 && !w.noBody {
		w.body(w.pending)
	}
	w.pending = w.pending[:0]
}

// discardBody reads what the handler left of the request body, up to
// h1DiscardMax, so the connection can serve the next request; it reports
// whether it could.
func (w *h1Writer) discardBody() bool {
	b := w.reqBody
	if b == nil || b.n == 0 {
		return true
	}
	if b.n > h1DiscardMax {
		return false
	}
	_, err := io.Copy(io.Discard, b)
	return err == nil && b.n == 0
}

func (w *h1Writer) writeStatus(code int) {
	bw := w.c.bw
	bw.WriteString("HTTP/1.1 ")
	bw.WriteString(statusText(code))
	bw.WriteByte(' ')
	if text := http.StatusText(code); text != "" {
		bw.WriteString(text)
	} else {
		bw.WriteString("status code ")
		bw.WriteString(statusText(code))
	}
	bw.WriteString("\r\n")
}

// writeFields writes the header, leaving out the declared trailers. The
// names need no check: they are the guard's own, or were read from the
// application by a parser that accepts only tokens.
func (w *h1Writer) writeFields(h http.Header, skip []string) {
	for k, vs := range h {
		if len(skip) > 0 && contains(skip, k) {
			continue
		}
		for _, v := range vs {
			writeField(w.c.bw, k, v)
		}
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// writeField writes "k: v", with CR and LF in v turned to spaces and
// surrounding blanks trimmed, as net/http does, so no value can start a
// field or an answer of its own.
func writeField(bw interface {
	WriteString(string) (int, error)
}, k, v string) {
	if strings.IndexByte(v, '\r') >= 0 || strings.IndexByte(v, '\n') >= 0 {
		v = strings.NewReplacer("\r", " ", "\n", " ").Replace(v)
	}
	v = textproto.TrimString(v)
	switch o := bw.(type) {
	case *h1Out:
		o.field(k, v)
		return
	case *bufio.Writer:
		if o.Available() >= len(k)+len(v)+4 {
			// Appended to the room left in the buffer, written in place.
			b := append(o.AvailableBuffer(), k...)
			b = append(b, ": "...)
			b = append(b, v...)
			o.Write(append(b, "\r\n"...))
			return
		}
	}
	bw.WriteString(k)
	bw.WriteString(": ")
	bw.WriteString(v)
	bw.WriteString("\r\n")
}

// bodyAllowed is whether an answer with this status may have a body.
func bodyAllowed(status int) bool {
	return !(status >= 100 && status < 200 || status == http.StatusNoContent || status == http.StatusNotModified)
}

// httpDate is the Date field, formatted once a second.
func httpDate() string {
	now := time.Now()
	if d := dateCache.Load(); d != nil && d.sec == now.Unix() {
		return d.text
	}
	d := &cachedDate{sec: now.Unix(), text: now.UTC().Format(http.TimeFormat)}
	dateCache.Store(d)
	return d.text
}

type cachedDate struct {
	sec  int64
	text string
}

var dateCache atomic.Pointer[cachedDate]

// first is a field's first value, as Header.Get gives it, for a name
// already canonical (Get would canonicalize it again).
func first(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}
