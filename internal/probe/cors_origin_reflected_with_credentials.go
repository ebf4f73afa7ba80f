package probe

import (
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

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
