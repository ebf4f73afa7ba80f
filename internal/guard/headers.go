package guard

import (
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
		applyHeaders(w.Header(), w.st, w.https)
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *guardWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	if w.send > 0 {
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
	for _, name := range st.strip {
		delete(h, name)
	}
	c := &st.cfg.Headers
	set := func(name, value string) {
		if value == "" {
			return
		}
		if c.Force || len(h[name]) == 0 { // canonical names: no lookup by Values
			h[name] = st.fieldValue(value)
		}
	}
	if https || c.HSTSOverPlainHTTP {
		set("Strict-Transport-Security", c.HSTS)
	}
	if c.CSP != "" {
		name, other := "Content-Security-Policy", "Content-Security-Policy-Report-Only"
		if c.CSPReportOnly {
			name, other = other, name
		}
		// An application that chose its own policy, enforced or not,
		// keeps it unless the config forces ours.
		if c.Force || len(h[other]) == 0 {
			set(name, c.CSP)
		}
	}
	set("X-Frame-Options", c.FrameOptions)
	set("X-Content-Type-Options", c.ContentTypeOptions)
	set("Referrer-Policy", c.ReferrerPolicy)
	set("Cross-Origin-Opener-Policy", c.CrossOriginOpener)
	set("Permissions-Policy", c.PermissionsPolicy)
}

// fieldValue is value as a header's value list. The lists of the
// configured values are made once per config and shared by every answer
// (capacity one, so an append copies), not allocated per answer.
func (st *state) fieldValue(value string) []string {
	if v, ok := st.values[value]; ok {
		return v
	}
	return []string{value}
}
