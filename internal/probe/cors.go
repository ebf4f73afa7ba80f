package probe

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// corsAnswer is the answer to a request for u with a foreign Origin.
func (s *Site) corsAnswer(u, origin string) *Response {
	return s.once("cors "+u+" "+origin, func() any {
		r, err := s.Do(Request{URL: u, Header: http.Header{"Origin": {origin}}})
		if err != nil {
			return (*Response)(nil)
		}
		return r
	}).(*Response)
}

// corsTargets are the URLs whose CORS answers matter: the target and, when
// the site has one, /api/ (django-cors-headers is often limited to the API
// with CORS_URLS_REGEX).
func (s *Site) corsTargets() []string {
	out := []string{s.base.String()}
	if r, err := s.Get("/api/"); err == nil && (s.Served("/api/", r) || r.Status == 401 || r.Status == 403) {
		out = append(out, s.URL("/api/"))
	}
	return out
}

func (s *Site) foreignOrigin() string { return "https://djsec-" + s.token + ".example" }

func allowsCredentials(r *Response) bool {
	return strings.EqualFold(strings.TrimSpace(r.Header.Get("Access-Control-Allow-Credentials")), "true")
}

// CORSReflected finds sites echoing any Origin with credentials allowed.
var CORSReflected = &analysis.Rule{
	ID: "DJL304", Name: "cors-origin-reflected-with-credentials",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{942}, Checklist: []int{7},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "CORS reflects any Origin and allows credentials",
		What: "djsec requests the target with Origin: https://djsec-<random>.example. Access-Control-Allow-Origin echoing it together with " +
			"Access-Control-Allow-Credentials: true is reported.",
		Why:  "Any web site the user visits can then read the user's pages and API answers with their cookies: account data, CSRF tokens, everything the session can see.",
		Bad:  "CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True",
		Good: "CORS_ALLOWED_ORIGINS = [\"https://app.example.com\"]\nCORS_ALLOW_CREDENTIALS = True",
		Fix:  "List the origins that may read the site (django-cors-headers CORS_ALLOWED_ORIGINS); never combine a reflected or wildcard origin with credentials.",
		References: []string{
			"https://portswigger.net/web-security/cors",
			"https://github.com/adamchainz/django-cors-headers",
		},
	},
	Run: func(p *analysis.Pass) {
		s := siteOf(p)
		if s == nil {
			return
		}
		o := s.foreignOrigin()
		for _, u := range s.corsTargets() {
			r := s.corsAnswer(u, o)
			if r == nil || r.Header.Get("Access-Control-Allow-Origin") != o || !allowsCredentials(r) {
				continue
			}
			p.Report(analysis.Diagnostic{Location: at(r.URL), Snippet: "reflected",
				Message: fmt.Sprintf("Access-Control-Allow-Origin echoes the foreign origin %s with Access-Control-Allow-Credentials: true: any site can read pages with the user's cookies", o)})
			return // one misconfiguration, reported where it was first seen
		}
	},
}

// CORSNull finds sites trusting the null origin.
var CORSNull = &analysis.Rule{
	ID: "DJL305", Name: "cors-null-origin-allowed",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{942}, Checklist: []int{7},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "CORS accepts the null origin",
		What:  "djsec requests the target with Origin: null; Access-Control-Allow-Origin: null is reported (high with credentials allowed).",
		Why:   "Any page can send Origin: null from a sandboxed iframe or a data: URL, so trusting null trusts everyone.",
		Bad:   "CORS_ALLOWED_ORIGINS = [\"null\", \"https://app.example.com\"]",
		Good:  "CORS_ALLOWED_ORIGINS = [\"https://app.example.com\"]",
		Fix:   "Remove null from the allowed origins.",
		References: []string{
			"https://portswigger.net/web-security/cors#whitelisted-null-origin-value",
		},
	},
	Run: func(p *analysis.Pass) {
		s := siteOf(p)
		if s == nil {
			return
		}
		for _, u := range s.corsTargets() {
			r := s.corsAnswer(u, "null")
			if r == nil || strings.TrimSpace(r.Header.Get("Access-Control-Allow-Origin")) != "null" {
				continue
			}
			d := analysis.Diagnostic{Location: at(r.URL), Snippet: "null", Message: "Access-Control-Allow-Origin: null is sent to Origin: null: sandboxed iframes of any site are trusted"}
			if allowsCredentials(r) {
				d.Severity = report.High
				d.Message += ", with credentials"
			}
			p.Report(d)
			return
		}
	},
}
