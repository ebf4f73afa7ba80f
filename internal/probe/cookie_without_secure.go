package probe

import (
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// CookieNotSecure finds cookies an HTTPS site sets without Secure.
var CookieNotSecure = &analysis.Rule{
	ID: "DJL301", Name: "cookie-without-secure",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{614}, Checklist: []int{12},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "A cookie is set without the Secure attribute",
		What: "djsec collects the cookies set by the home page, the login page and the admin login of an HTTPS site. sessionid, csrftoken and other session " +
			"or CSRF cookies without Secure are medium; other cookies low.",
		Why:  "A cookie without Secure is also sent over plain HTTP: one http:// request (an image, a typed URL before HSTS) hands the session to anyone on the network.",
		Bad:  "SESSION_COOKIE_SECURE = False\nCSRF_COOKIE_SECURE = False",
		Good: "SESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True",
		Fix:  "Set SESSION_COOKIE_SECURE = True and CSRF_COOKIE_SECURE = True (and secure=True on set_cookie for your own cookies).",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure",
			"https://docs.djangoproject.com/en/stable/howto/deployment/checklist/",
		},
	},
	Run: func(p *analysis.Pass) {
		s := siteOf(p)
		if s == nil || !s.HTTPS() {
			return
		}
		var ds []analysis.Diagnostic
		for _, sc := range s.Cookies() {
			if sc.c.Secure {
				continue
			}
			d := analysis.Diagnostic{Location: at(sc.url), Snippet: sc.c.Name, Properties: map[string]any{"cookie": sc.c.Name},
				Message: fmt.Sprintf("cookie %s is set without Secure: browsers also send it over plain HTTP", sc.c.Name)}
			if !isSensitiveCookie(sc.c.Name) {
				d.Severity = report.Low
			}
			ds = append(ds, d)
		}
		reportCookies(p, ds, func(names string, n int) string {
			return fmt.Sprintf("%d cookies are set without Secure (%s): browsers also send them over plain HTTP", n, names)
		})
	},
}
