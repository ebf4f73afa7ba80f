package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// PermissionsPolicyMissing finds pages without a Permissions-Policy.
var PermissionsPolicyMissing = &analysis.Rule{
	ID: "DJL209", Name: "permissions-policy-missing",
	Severity: report.Info, Confidence: report.HighConfidence,
	CWE: []int{693}, Checklist: []int{8},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "No Permissions-Policy limits powerful browser features",
		What:  "djsec reports an HTML home page without a Permissions-Policy header.",
		Why:   "Without it, any script or frame on the page may ask for the camera, microphone, geolocation or payment APIs; a policy denies what the site never uses.",
		Bad:   "(no Permissions-Policy header)",
		Good:  "Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=()",
		Fix:   "Send Permissions-Policy denying the features the site does not use (django-permissions-policy, or the proxy).",
		References: []string{
			"https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Permissions-Policy",
		},
	},
	Run: func(p *analysis.Pass) {
		_, home := homePass(p)
		if home == nil || !isHTML(home) {
			return
		}
		if home.Header.Get("Permissions-Policy") == "" {
			p.Report(analysis.Diagnostic{Location: at(home.URL), Snippet: "missing", Message: "no Permissions-Policy header"})
		}
	},
}
