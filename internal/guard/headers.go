package guard

import (
	"bytes"
	"net/http"
	"time"
)

// guardWriter sits between the proxy and the client. It adds the security
// headers and strips the revealing ones as the header is written (for the
// application's answers and the guard's own alike), records the status for
// the metrics, and keeps nginx's send_timeout: each write must make
// progress within the timeout. Unwrap lets http.ResponseController reach
// the connection to flush and to hijack for WebSockets.
type guardWriter struct {
	http.ResponseWriter
	st       *state
	https    bool
	status   int
	send     time.Duration
	extended time.Time
}

func (w *guardWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *guardWriter) WriteHeader(code int) {
	if code >= 200 && w.status == 0 {
		w.status = code
		if hw, ok := w.ResponseWriter.(*h1Writer); ok {
			hw.addSec(secToAdd(hw.Header(), w.st, w.https, hw.secNames), &w.st.values, w.st.cfg.Headers.Force)
		} else {
			applyHeaders(w.Header(), w.st, w.https)
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *guardWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	if w.send > 0 && time.Since(w.extended) >= time.Second {
		w.extend(time.Now())
	}
	return w.ResponseWriter.Write(p)
}

// extend moves the write deadline on; at most once a second, as setting
// it costs more than most writes.
func (w *guardWriter) extend(now time.Time) {
	if w.send <= 0 || now.Sub(w.extended) < time.Second {
		return
	}
	w.extended = now
	_ = http.NewResponseController(w.ResponseWriter).SetWriteDeadline(now.Add(w.send))
}

func applyHeaders(h http.Header, st *state, https bool) {
	add := secToAdd(h, st, https, anySecName)
	for i := range st.values {
		if add&(1<<i) != 0 {
			h[st.values[i].name] = st.values[i].value
		}
	}
}

// secToAdd strips the configured fields from h and says which security
// headers the answer gets (a bit per index of secValues): those the
// config sets, unless the answer has its own and the config does not
// force ours. A name not in present is not in h (the parser of the
// application's answer noted those it has), and is not looked up. The
// fast path writes them from their lines (h1Writer.sec) rather than put
// them in the map, where a dozen fields cost more to store, look up and
// walk than a copy of bytes made once per config.
func secToAdd(h http.Header, st *state, https bool, present nameMask) (add secMask) {
	for _, name := range st.strip {
		delete(h, name)
	}
	c := &st.cfg.Headers
	for i := range st.values {
		f := &st.values[i]
		switch {
		case f.value == nil:
		case i == secHSTS && !https && !c.HSTSOverPlainHTTP:
		// An application that chose its own policy, enforced or not,
		// keeps it unless the config forces ours.
		case i == secCSP && !c.Force && present&f.otherBit != 0 && len(h[f.other]) > 0:
		case c.Force || present&f.bit == 0 || len(h[f.name]) == 0: // canonical names: no lookup by Values
			add |= 1 << i
		}
	}
	return add
}

// secMask is a set of the security headers, a bit per index of
// secValues.
type secMask uint8

// The security headers, in the order of secValues.
const (
	secHSTS = iota
	secCSP
	secFrame
	secContentType
	secReferrer
	secOpener
	secPermissions
	secCount
)

// secNames are the names of the security headers, both CSPs', a bit each
// in a nameMask.
var secNames = [...]string{"Strict-Transport-Security", "Content-Security-Policy", "Content-Security-Policy-Report-Only", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy", "Permissions-Policy"}

// nameMask is a set of secNames: those a head may have.
type nameMask uint8

const anySecName nameMask = 1<<len(secNames) - 1

// secNameBit is name's bit, for a name in secNames.
func secNameBit(name string) nameMask {
	for i, n := range secNames {
		if n == name {
			return 1 << i
		}
	}
	return 0
}

// secValues are the configured security headers, made once per config and
// shared by every answer rather than allocated, or looked up by value, per
// answer: each value as a header value list (capacity one, so an append
// copies) and as the line written on the fast path. A value the config
// leaves empty has no list.
type secValues [secCount]secField

type secField struct {
	name string
	// other is the CSP's other name (report-only or enforced), whose
	// presence in an answer keeps ours out.
	other string
	// bit and otherBit are their bits in a nameMask.
	bit, otherBit nameMask
	value         []string
	// line is "name: value\r\n" as writeField writes it.
	line []byte
}

func newSecValues(c *Headers) secValues {
	csp, other := "Content-Security-Policy", "Content-Security-Policy-Report-Only"
	if c.CSPReportOnly {
		csp, other = other, csp
	}
	var v secValues
	for i, f := range [secCount]struct{ name, value string }{
		secHSTS:        {"Strict-Transport-Security", c.HSTS},
		secCSP:         {csp, c.CSP},
		secFrame:       {"X-Frame-Options", c.FrameOptions},
		secContentType: {"X-Content-Type-Options", c.ContentTypeOptions},
		secReferrer:    {"Referrer-Policy", c.ReferrerPolicy},
		secOpener:      {"Cross-Origin-Opener-Policy", c.CrossOriginOpener},
		secPermissions: {"Permissions-Policy", c.PermissionsPolicy},
	} {
		v[i].name, v[i].bit = f.name, secNameBit(f.name)
		if i == secCSP {
			v[i].other, v[i].otherBit = other, secNameBit(other)
		}
		if f.value == "" {
			continue
		}
		v[i].value = []string{f.value}[:1:1]
		var b bytes.Buffer
		writeField(&b, f.name, f.value)
		v[i].line = b.Bytes()
	}
	return v
}
