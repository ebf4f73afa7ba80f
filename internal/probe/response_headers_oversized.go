package probe

import (
	"errors"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// HeadersOversized finds sites whose home page answers with more response
// headers than clients read.
var HeadersOversized = &analysis.Rule{
	ID: "DJL212", Name: "response-headers-oversized",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{400}, Checklist: []int{1},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The site answers with more than 64 KiB of response headers",
		What: "djsec reads at most 64 KiB of response headers, as browsers and proxies bound them too, and reports a home page whose headers " +
			"exceed that. The other checks go on; those that need the page's headers cannot decide.",
		Why: "Proxies and browsers reject responses with headers this large (nginx's proxy buffers hold 4 to 8 KiB by default), so the page fails " +
			"for some visitors; headers that grow with each request (a cookie appended on every visit) are a way to lock users out and a sign of a bug.",
		Bad:  "response.set_cookie(f\"pref_{n}\", value)   # a new cookie on every request",
		Good: "response.set_cookie(\"prefs\", json.dumps(prefs))   # one cookie, bounded",
		Fix:  "Find what adds the headers (usually cookies set on every request, or a header echoing request data) and bound it.",
		References: []string{
			"https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_buffer_size",
			"https://cwe.mitre.org/data/definitions/400.html",
		},
	},
	Run: func(p *analysis.Pass) {
		s := siteOf(p)
		if s == nil {
			return
		}
		if _, err := s.Home(); errors.Is(err, ErrHeadersTooLarge) {
			p.Report(analysis.Diagnostic{Location: at(s.base.String()), Snippet: "headers",
				Message: "the home page answers with more than 64 KiB of response headers: browsers and proxies reject such responses, and djsec could not read them"})
		}
	},
}
