package settings

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// CSPMissing finds production settings that send no Content-Security-Policy.
var CSPMissing = &analysis.Rule{
	ID: "DJS213", Name: "csp-missing",
	Severity: report.Low, Confidence: report.MediumConfidence,
	CWE: []int{1021, 79}, Checklist: []int{7, 8},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "No Content-Security-Policy is configured",
		What: "Reports production settings whose MIDDLEWARE has neither django-csp's CSPMiddleware nor Django 6's " +
			"ContentSecurityPolicyMiddleware. The finding points at MIDDLEWARE. A policy added by the web server " +
			"is not visible here, hence medium confidence; the infrastructure rules and `djsec probe` see it.",
		Why: "A Content-Security-Policy is the second line of defence against XSS (it stops injected inline " +
			"scripts) and, with frame-ancestors, against clickjacking.",
		Bad:  "MIDDLEWARE = [\"django.middleware.security.SecurityMiddleware\", ...]",
		Good: "MIDDLEWARE = [..., \"django.middleware.csp.ContentSecurityPolicyMiddleware\"]\nSECURE_CSP = {\"default-src\": [CSP.SELF], \"script-src\": [CSP.SELF, CSP.NONCE]}",
		Fix:  "Add a Content-Security-Policy: SECURE_CSP with ContentSecurityPolicyMiddleware on Django 6, or django-csp before that; start with a report-only policy.",
		References: []string{
			"https://docs.djangoproject.com/en/dev/ref/csp/",
			"https://django-csp.readthedocs.io/",
		},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			name, v, absent := middlewareSetting(e)
			if absent {
				r.missing("no Content-Security-Policy: MIDDLEWARE has no CSP middleware")
				return
			}
			if c, ok := st.Holds(v, lacks(func(l string) bool {
				return l == "CSPMiddleware" || l == "ContentSecurityPolicyMiddleware"
			})); ok {
				r.at(c, "no Content-Security-Policy: "+name+" has no CSP middleware"+c.When())
			}
		})
	},
}
