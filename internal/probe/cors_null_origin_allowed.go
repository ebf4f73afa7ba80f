package probe

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

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
