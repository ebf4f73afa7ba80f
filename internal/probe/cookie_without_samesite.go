package probe

import (
	"fmt"
	"net/http"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// CookieSameSite finds cookies with no SameSite or SameSite=None.
var CookieSameSite = &analysis.Rule{
	ID: "DJL303", Name: "cookie-without-samesite",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{1275}, Checklist: []int{7, 12},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "A cookie is sent on cross-site requests (SameSite missing or None)",
		What: "djsec reports cookies set without SameSite, or with SameSite=None, among those of the home page, the login page and the admin login. " +
			"Django sets Lax on its cookies by default, so a missing attribute means the setting was turned off.",
		Why:  "SameSite=Lax keeps the browser from attaching the cookie to cross-site POSTs: a second barrier against CSRF and against cross-site leaks.",
		Bad:  "SESSION_COOKIE_SAMESITE = None",
		Good: "SESSION_COOKIE_SAMESITE = \"Lax\"\nCSRF_COOKIE_SAMESITE = \"Lax\"",
		Fix:  "Set SESSION_COOKIE_SAMESITE and CSRF_COOKIE_SAMESITE to \"Lax\" (Django's default) or \"Strict\".",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-samesite",
		},
	},
	Run: func(p *analysis.Pass) {
		s := siteOf(p)
		if s == nil {
			return
		}
		var ds []analysis.Diagnostic
		for _, sc := range s.Cookies() {
			var why string
			switch sc.c.SameSite {
			case http.SameSiteLaxMode, http.SameSiteStrictMode:
				continue
			case http.SameSiteNoneMode:
				why = "SameSite=None"
			default:
				why = "no SameSite attribute"
			}
			ds = append(ds, analysis.Diagnostic{Location: at(sc.url), Snippet: sc.c.Name, Properties: map[string]any{"cookie": sc.c.Name},
				Message: fmt.Sprintf("cookie %s has %s: browsers attach it to cross-site requests", sc.c.Name, why)})
		}
		reportCookies(p, ds, func(names string, n int) string {
			return fmt.Sprintf("%d cookies have SameSite=None or no SameSite attribute (%s): browsers attach them to cross-site requests", n, names)
		})
	},
}
