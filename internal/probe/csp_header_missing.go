package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// CSPMissing finds pages without an enforced Content-Security-Policy.
var CSPMissing = &analysis.Rule{
	ID: "DJL204", Name: "csp-header-missing",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{693, 1021}, Checklist: []int{7, 8},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The site enforces no Content-Security-Policy",
		What: "djsec reads Content-Security-Policy headers and <meta http-equiv> policies of the home page. None at all is reported; " +
			"so is a Content-Security-Policy-Report-Only header alone, which reports violations but blocks nothing.",
		Why: "A CSP is the second line of defence against cross-site scripting: with script sources restricted, an injected <script> does not run. " +
			"Django escapes templates, but |safe, mark_safe and third-party widgets slip through.",
		Bad:  "MIDDLEWARE = [...]  # no django-csp, no CSP header from the proxy",
		Good: "Content-Security-Policy: default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
		Fix:  "Send a Content-Security-Policy header (django-csp, or Django 6's ContentSecurityPolicyMiddleware, or the proxy), starting from default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'.",
		References: []string{
			"https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring",
			"https://django-csp.readthedocs.io/",
			"https://developer.mozilla.org/en-US/docs/Web/HTTP/CSP",
		},
	},
	Run: runCSPMissing,
}

func runCSPMissing(p *analysis.Pass) {
	_, home := homePass(p)
	if home == nil || !isHTML(home) {
		return
	}
	enforced, reportOnly := policies(home)
	switch {
	case len(enforced) > 0:
	case reportOnly:
		p.Report(analysis.Diagnostic{Location: at(home.URL), Snippet: "report-only",
			Message: "only Content-Security-Policy-Report-Only is sent: it reports violations but enforces nothing"})
	default:
		p.Report(analysis.Diagnostic{Location: at(home.URL), Snippet: "missing",
			Message: "no Content-Security-Policy: injected scripts run with the page's full privileges"})
	}
}
