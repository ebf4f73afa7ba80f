package probe

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TraceEnabled finds servers that echo TRACE requests.
var TraceEnabled = &analysis.Rule{
	ID: "DJL410", Name: "trace-method-enabled",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{693}, Checklist: []int{1},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server answers TRACE by echoing the request",
		What:  "djsec sends TRACE with a random header value and reports a 200 answer that echoes it back.",
		Why:   "TRACE echoes request headers, including cookies and proxy-added credentials, to whatever script can issue it (cross-site tracing) and reveals headers the proxies add.",
		Bad:   "TraceEnable On",
		Good:  "TraceEnable Off   # nginx refuses TRACE by default (405)",
		Fix:   "Disable TRACE at the web server or proxy.",
		References: []string{
			"https://owasp.org/www-community/attacks/Cross_Site_Tracing",
		},
	},
	Run: func(p *analysis.Pass) {
		s := siteOf(p)
		if s == nil {
			return
		}
		mark := "djsec-trace-" + s.token
		r, err := s.Do(Request{Method: "TRACE", URL: s.base.String(), Header: map[string][]string{"X-Djsec-Trace": {mark}}})
		if err != nil || r.Status != 200 || !strings.Contains(string(r.Body), mark) {
			return
		}
		p.Report(analysis.Diagnostic{Location: at(r.URL), Snippet: "TRACE", Message: "TRACE is answered with the request echoed back (cross-site tracing)"})
	},
}
