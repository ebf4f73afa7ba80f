package probe

import (
	"fmt"
	"net"
	"net/url"
	"strconv"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// HTTPNotRedirected finds sites reachable over plain HTTP without a
// redirect to HTTPS.
var HTTPNotRedirected = &analysis.Rule{
	ID: "DJL201", Name: "http-not-redirected-to-https",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{319}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "Plain HTTP does not redirect to HTTPS on the same host",
		What: "djsec requests the target path on the plain-HTTP port (--http-port, default 80) of the same host. A page served there instead of a redirect is medium; " +
			"a redirect to plain HTTP or to another host first is low (HSTS for the host can then never be set from HTTP). " +
			"A closed port is fine. A target given as http:// is itself reported as high.",
		Why: "Users type the bare domain; the first request goes over HTTP, where anyone on the network can read session cookies or rewrite the page (sslstrip). " +
			"An immediate redirect to https://same-host, with HSTS, closes that window.",
		Bad:  "server { listen 80; location / { proxy_pass http://app; } }",
		Good: "server { listen 80; return 301 https://$host$request_uri; }",
		Fix:  "Answer every plain-HTTP request with a 301 to https:// on the same host (nginx: return 301 https://$host$request_uri;), or set SECURE_SSL_REDIRECT = True in Django.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect",
			"https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring",
		},
	},
	Run: runHTTPNotRedirected,
}

func runHTTPNotRedirected(p *analysis.Pass) {
	s := siteOf(p)
	if s == nil {
		return
	}
	if !s.HTTPS() {
		p.Report(analysis.Diagnostic{
			Location: at(s.base.String()), Severity: report.High,
			Message: "the site is probed over plain HTTP: cookies, passwords and pages cross the network in clear text",
			Snippet: "plain http",
		})
		return
	}
	r, u, err := s.plainHTTP()
	if err != nil {
		p.Note("nothing answered on plain HTTP port %d (%v): no redirect to check", s.opts.HTTPPort, err)
		return
	}
	if !r.IsRedirect() {
		p.Report(analysis.Diagnostic{
			Location: at(u),
			Message:  fmt.Sprintf("plain HTTP answers %d without redirecting to HTTPS", r.Status),
			Snippet:  "no redirect",
		})
		return
	}
	next, perr := url.Parse(r.Location())
	switch {
	case perr != nil || next.Scheme != "https":
		p.Report(analysis.Diagnostic{Location: at(u), Message: fmt.Sprintf("plain HTTP redirects to %s, which is not HTTPS", r.Location()), Snippet: "redirect not https"})
	case next.Hostname() != s.host:
		p.Report(analysis.Diagnostic{Location: at(u), Severity: report.Low,
			Message: fmt.Sprintf("plain HTTP redirects to another host first (%s): HSTS for %s is never set", next.Host, s.host), Snippet: "off-host"})
	}
}

// plainHTTP fetches the target path on the plain-HTTP port, once.
func (s *Site) plainHTTP() (*Response, string, error) {
	u := *s.base
	u.Scheme = "http"
	u.Host = s.host
	if s.opts.HTTPPort != 80 {
		u.Host = net.JoinHostPort(s.host, strconv.Itoa(s.opts.HTTPPort))
	} else if net.ParseIP(s.host) != nil && net.ParseIP(s.host).To4() == nil {
		u.Host = "[" + s.host + "]"
	}
	r, err := s.Get(u.String())
	return r, u.String(), err
}
