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
	v := &st.values
	set := func(name string, value []string) {
		if value == nil {
			return
		}
		if c.Force || len(h[name]) == 0 { // canonical names: no lookup by Values
			h[name] = value
		}
	}
	if https || c.HSTSOverPlainHTTP {
		set("Strict-Transport-Security", v.hsts)
	}
	if c.CSP != "" {
		name, other := "Content-Security-Policy", "Content-Security-Policy-Report-Only"
		if c.CSPReportOnly {
			name, other = other, name
		}
		// An application that chose its own policy, enforced or not,
		// keeps it unless the config forces ours.
		if c.Force || len(h[other]) == 0 {
			set(name, v.csp)
		}
	}
	set("X-Frame-Options", v.frame)
	set("X-Content-Type-Options", v.contentType)
	set("Referrer-Policy", v.referrer)
	set("Cross-Origin-Opener-Policy", v.opener)
	set("Permissions-Policy", v.permissions)
}

// secValues are the configured values of the security headers as header
// value lists, made once per config and shared by every answer (capacity
// one, so an append copies) rather than allocated, or looked up by value,
// per answer. A value the config leaves empty has no list.
type secValues struct {
	hsts, csp, frame, contentType, referrer, opener, permissions []string
}

func newSecValues(c *Headers) secValues {
	list := func(v string) []string {
		if v == "" {
			return nil
		}
		return []string{v}[:1:1]
	}
	return secValues{
		hsts:        list(c.HSTS),
		csp:         list(c.CSP),
		frame:       list(c.FrameOptions),
		contentType: list(c.ContentTypeOptions),
		referrer:    list(c.ReferrerPolicy),
		opener:      list(c.CrossOriginOpener),
		permissions: list(c.PermissionsPolicy),
	}
}
