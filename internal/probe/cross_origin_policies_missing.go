package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// CrossOriginIsolationMissing finds pages without COOP and CORP.
var CrossOriginIsolationMissing = &analysis.Rule{
	ID: "DJL210", Name: "cross-origin-policies-missing",
	Severity: report.Info, Confidence: report.HighConfidence,
	CWE: []int{1021}, Checklist: []int{8},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "Cross-Origin-Opener-Policy or Cross-Origin-Resource-Policy is not set",
		What:  "djsec reports a home page without Cross-Origin-Opener-Policy (Django sets same-origin by default since 4.0) or without Cross-Origin-Resource-Policy.",
		Why:   "Without COOP a page opened by an attacker's window keeps a handle to it (tabnabbing, XS-Leaks); without CORP other sites can embed its resources and probe them with side channels (Spectre).",
		Bad:   "SECURE_CROSS_ORIGIN_OPENER_POLICY = None",
		Good:  "SECURE_CROSS_ORIGIN_OPENER_POLICY = \"same-origin\"\n# proxy: add_header Cross-Origin-Resource-Policy same-origin always;",
		Fix:   "Keep SECURE_CROSS_ORIGIN_OPENER_POLICY = \"same-origin\" and send Cross-Origin-Resource-Policy: same-origin (or same-site) from the proxy.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/middleware/#cross-origin-opener-policy",
			"https://developer.mozilla.org/en-US/docs/Web/HTTP/Cross-Origin_Resource_Policy",
		},
	},
	Run: func(p *analysis.Pass) {
		_, home := homePass(p)
		if home == nil || !isHTML(home) {
			return
		}
		for _, h := range []string{"Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy"} {
			if home.Header.Get(h) == "" {
				p.Report(analysis.Diagnostic{Location: at(home.URL), Snippet: h, Message: "no " + h + " header"})
			}
		}
	},
}
