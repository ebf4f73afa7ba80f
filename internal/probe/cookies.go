package probe

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// seenCookie is a cookie with the page that set it.
type seenCookie struct {
	c   *http.Cookie
	url string
}

// Cookies returns the cookies set by the home page, the login page and the
// admin login, the first setting of each name, in name order.
func (s *Site) Cookies() []seenCookie {
	return s.once("cookies", func() any {
		var pages []*Response
		if _, err := s.Home(); err == nil {
			pages = append(pages, s.homeChain()...)
		}
		if _, r := s.LoginPage(); r != nil {
			pages = append(pages, r)
		}
		if _, r := s.AdminLogin(); r != nil {
			pages = append(pages, r)
		}
		seen := map[string]bool{}
		var out []seenCookie
		for _, r := range pages {
			for _, c := range (&http.Response{Header: r.Header}).Cookies() {
				if seen[c.Name] || c.MaxAge < 0 {
					continue // a deletion is not a cookie the browser keeps
				}
				seen[c.Name] = true
				out = append(out, seenCookie{c, r.URL})
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].c.Name < out[j].c.Name })
		return out
	}).([]seenCookie)
}

// isSessionCookie: Django's session cookie and the usual names of others.
func isSessionCookie(name string) bool {
	n := strings.ToLower(name)
	if strings.Contains(n, "csrf") {
		return false
	}
	return n == "sessionid" || strings.Contains(n, "session") || strings.Contains(n, "sess") || n == "sid" || strings.HasSuffix(n, "_sid") ||
		strings.Contains(n, "auth") || n == "jwt" || strings.HasSuffix(n, "_token") && !strings.Contains(n, "csrf")
}

// isSensitiveCookie: cookies whose theft or forgery matters most.
func isSensitiveCookie(name string) bool {
	return isSessionCookie(name) || strings.Contains(strings.ToLower(name), "csrf")
}

// maxCookieFindings is how many cookies a rule reports one by one: a site
// that sets a thousand cookies gets one finding per severity listing them,
// not a thousand findings.
const maxCookieFindings = 5

// reportCookies reports ds, the findings of one rule about cookies (each
// with its cookie's name in Snippet), one by one when they are few and
// grouped by severity when there are more than maxCookieFindings. many
// writes the grouped message from the list of names.
func reportCookies(p *analysis.Pass, ds []analysis.Diagnostic, many func(names string, n int) string) {
	if len(ds) <= maxCookieFindings {
		for _, d := range ds {
			p.Report(d)
		}
		return
	}
	var order []report.Severity
	groups := map[report.Severity][]analysis.Diagnostic{}
	for _, d := range ds {
		if _, ok := groups[d.Severity]; !ok {
			order = append(order, d.Severity)
		}
		groups[d.Severity] = append(groups[d.Severity], d)
	}
	for _, sev := range order {
		g := groups[sev]
		names := make([]string, len(g))
		for i, d := range g {
			names[i] = d.Snippet
		}
		shown := strings.Join(names[:min(len(names), 10)], ", ")
		if len(names) > 10 {
			shown += fmt.Sprintf(" and %d more", len(names)-10)
		}
		p.Report(analysis.Diagnostic{Location: g[0].Location, Severity: sev, Snippet: fmt.Sprintf("%d cookies", len(g)),
			Properties: map[string]any{"cookies": names}, Message: many(shown, len(g))})
	}
}
