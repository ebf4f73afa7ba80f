package settings

import (
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/deps"
	"github.com/djsec/djsec/internal/report"
	depsrules "github.com/djsec/djsec/internal/rules/deps"
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
			"is not visible here, hence medium confidence; the infrastructure rules and `djsec probe` see it. Settings that still " +
			"write the policy in django-csp 3's CSP_* settings (CSP_SCRIPT_SRC) and no CONTENT_SECURITY_POLICY, while the project " +
			"installs django-csp 4 or later (a lock entry or an exact pin), are reported too, at medium severity and high confidence: " +
			"django-csp 4 reads only the new settings, so the middleware sends no policy while the settings read as if it did.",
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
			if c, ok := st.Holds(v, lacks(isCSPMiddleware)); ok {
				r.at(c, "no Content-Security-Policy: "+name+" has no CSP middleware"+c.When())
				return
			}
			if pin, name, c, ok := ignoredCSP(pass, e); ok {
				d := pendingAt(c, fmt.Sprintf("no Content-Security-Policy: the project installs django-csp %s (%s), which no longer "+
					"reads the CSP_* settings such as %s, and the settings set no CONTENT_SECURITY_POLICY: CSPMiddleware sends no "+
					"policy, though the settings read as if it did", pin.Version, pin.Location, name))
				d.Severity, d.Confidence = report.Medium, report.HighConfidence
				d.Fix = "Move the policy to CONTENT_SECURITY_POLICY = {\"DIRECTIVES\": {...}} (python manage.py check prints a " +
					"draft of it), or pin django-csp below 4.0 until you do."
				r.add(d)
			}
		})
	},
}

// ignoredCSP returns the django-csp 4 pin of the project and the first
// CSP_* setting (django-csp 3's format, which version 4 ignores) of an
// entry that sets no CONTENT_SECURITY_POLICY or
// CONTENT_SECURITY_POLICY_REPORT_ONLY; ok is false otherwise.
func ignoredCSP(pass *analysis.Pass, e *st.Entry) (pin deps.Package, name string, c st.Case, ok bool) {
	if e.Value("CONTENT_SECURITY_POLICY") != nil || e.Value("CONTENT_SECURITY_POLICY_REPORT_ONLY") != nil {
		return pin, "", c, false
	}
	for _, n := range oldCSPSettings {
		if oc, found := st.Resolve(e.Value(n)); found {
			name, c = n, oc
			break
		}
	}
	if name == "" {
		return pin, "", c, false
	}
	for _, p := range depsrules.Installed(pass, "django-csp") {
		if v, err := deps.ParseVersion(p.Version); err == nil && v.Major() >= 4 {
			return p, name, c, true
		}
	}
	return pin, "", c, false
}

// oldCSPSettings are django-csp 3's settings of the policy itself.
var oldCSPSettings = []string{"CSP_DEFAULT_SRC", "CSP_SCRIPT_SRC", "CSP_STYLE_SRC", "CSP_IMG_SRC", "CSP_CONNECT_SRC",
	"CSP_FONT_SRC", "CSP_FRAME_SRC", "CSP_FRAME_ANCESTORS", "CSP_OBJECT_SRC", "CSP_MEDIA_SRC", "CSP_WORKER_SRC",
	"CSP_SCRIPT_SRC_ELEM", "CSP_FORM_ACTION", "CSP_BASE_URI", "CSP_REPORT_URI", "CSP_REPORT_ONLY"}
