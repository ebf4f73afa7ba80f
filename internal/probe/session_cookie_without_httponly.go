package probe

import (
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// SessionCookieNotHTTPOnly finds session cookies readable by scripts.
var SessionCookieNotHTTPOnly = &analysis.Rule{
	ID: "DJL302", Name: "session-cookie-without-httponly",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{1004}, Checklist: []int{12},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "A session cookie is readable by JavaScript (no HttpOnly)",
		What: "djsec reports session cookies (sessionid and names containing session, sess, auth or ending in _token) set without HttpOnly. " +
			"csrftoken is left alone: Django's JavaScript reads it by design and HttpOnly adds nothing there.",
		Why:  "One XSS bug then hands the session itself to the attacker, who can use it from anywhere until it expires.",
		Bad:  "SESSION_COOKIE_HTTPONLY = False",
		Good: "SESSION_COOKIE_HTTPONLY = True  # the default",
		Fix:  "Keep SESSION_COOKIE_HTTPONLY = True (the default) and set httponly=True on your own session-like cookies.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-httponly",
		},
	},
	Run: func(p *analysis.Pass) {
		s := siteOf(p)
		if s == nil {
			return
		}
		var ds []analysis.Diagnostic
		for _, sc := range s.Cookies() {
			if sc.c.HttpOnly || !isSessionCookie(sc.c.Name) {
				continue
			}
			ds = append(ds, analysis.Diagnostic{Location: at(sc.url), Snippet: sc.c.Name, Properties: map[string]any{"cookie": sc.c.Name},
				Message: fmt.Sprintf("session cookie %s is set without HttpOnly: any script on the page can read it", sc.c.Name)})
		}
		reportCookies(p, ds, func(names string, n int) string {
			return fmt.Sprintf("%d session cookies are set without HttpOnly (%s): any script on the page can read them", n, names)
		})
	},
}
