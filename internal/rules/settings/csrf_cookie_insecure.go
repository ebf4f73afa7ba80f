package settings

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// CSRFCookieInsecure finds a CSRF cookie sent over HTTP or on cross-site
// requests.
var CSRFCookieInsecure = &analysis.Rule{
	ID: "DJS208", Name: "csrf-cookie-insecure",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{614, 1275}, Checklist: []int{7, 12},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "The CSRF cookie is not Secure, or SameSite=None",
		What: "When CsrfViewMiddleware is listed and CSRF_USE_SESSIONS is not True, reports production settings where " +
			"CSRF_COOKIE_SECURE is not True (check --deploy's security.W016; low where SECURE_HSTS_SECONDS turns HSTS on whatever " +
			"the environment holds: a browser that has been to the site over HTTPS sends nothing over plain HTTP) or CSRF_COOKIE_SAMESITE is \"None\" or None.",
		Why: "A CSRF cookie sent over HTTP can be read or overwritten by a network attacker, who can then forge " +
			"requests that pass the CSRF check.",
		Bad:        "CSRF_COOKIE_SECURE = False",
		Good:       "CSRF_COOKIE_SECURE = True",
		Fix:        "Set CSRF_COOKIE_SECURE = True and leave CSRF_COOKIE_SAMESITE at \"Lax\" or \"Strict\".",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/settings/#csrf-cookie-secure"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			_, mw, _, ok := middleware(e)
			if !ok || hasMiddleware(mw, func(l string) bool { return l == "CsrfViewMiddleware" }) < 0 {
				return
			}
			if v, absent := setting(e, "CSRF_USE_SESSIONS"); !absent {
				if _, ok := st.Check(v, isFalse); !ok {
					return
				}
			}
			cookieFlags(e, r, "CSRF", "security.W016", djangoOlderThan(pass, 3, 1))
		})
	},
}
