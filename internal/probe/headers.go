package probe

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/djsec/djsec/internal/lazyre"
)

// csp is a parsed Content-Security-Policy: directive name to its sources,
// lower-cased. Several policies (headers or meta tags) all apply, so the
// checks ask whether any of them restricts a directive.
type csp struct {
	raw        string
	directives map[string][]string
}

func parseCSP(v string) *csp {
	c := &csp{raw: v, directives: map[string][]string{}}
	for _, part := range strings.Split(v, ";") {
		f := strings.Fields(strings.ToLower(part))
		if len(f) == 0 {
			continue
		}
		if _, dup := c.directives[f[0]]; dup {
			continue // browsers ignore a repeated directive
		}
		c.directives[f[0]] = f[1:]
	}
	return c
}

// sources returns the sources governing directive d, falling back to
// default-src for fetch directives; ok is false when nothing restricts it.
func (c *csp) sources(d string) (src []string, ok bool) {
	if s, ok := c.directives[d]; ok {
		return s, true
	}
	switch d {
	case "base-uri", "frame-ancestors", "form-action":
		return nil, false // no fallback to default-src
	}
	if d == "script-src-elem" || d == "script-src-attr" {
		if s, ok := c.directives["script-src"]; ok {
			return s, true
		}
	}
	s, ok := c.directives["default-src"]
	return s, ok
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func hasPrefix(xs []string, prefix string) bool {
	for _, v := range xs {
		if strings.HasPrefix(v, prefix) {
			return true
		}
	}
	return false
}

var metaCSPRe = lazyre.New(`(?is)<meta\s+[^>]*http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>`)
var metaContentRe = lazyre.New(`(?is)content\s*=\s*("([^"]*)"|'([^']*)')`)

// policies returns the enforced policies of a response (headers and meta
// tags) and whether a report-only policy was seen.
func policies(r *Response) (enforced []*csp, reportOnly bool) {
	for _, v := range r.Header.Values("Content-Security-Policy") {
		if strings.TrimSpace(v) != "" {
			enforced = append(enforced, parseCSP(v))
		}
	}
	for _, tag := range metaCSPRe().FindAll(r.Body, 4) {
		if m := metaContentRe().FindSubmatch(tag); m != nil {
			v := string(m[2]) + string(m[3])
			enforced = append(enforced, parseCSP(v))
		}
	}
	return enforced, len(r.Header.Values("Content-Security-Policy-Report-Only")) > 0
}

// hsts is a parsed Strict-Transport-Security header.
type hsts struct {
	present           bool
	valid             bool
	maxAge            int64
	includeSubDomains bool
	preload           bool
}

func parseHSTS(h http.Header) hsts {
	v := h.Get("Strict-Transport-Security")
	if v == "" {
		return hsts{}
	}
	out := hsts{present: true}
	for _, part := range strings.Split(v, ";") {
		k, val, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "max-age":
			n, err := strconv.ParseInt(strings.Trim(strings.TrimSpace(val), `"`), 10, 64)
			if err == nil && n >= 0 {
				out.maxAge, out.valid = n, true
			}
		case "includesubdomains":
			out.includeSubDomains = true
		case "preload":
			out.preload = true
		}
	}
	return out
}

const year = 31536000

// versionRe finds a version number in a Server or X-Powered-By value.
var versionRe = lazyre.New(`[0-9]+\.[0-9]+`)
