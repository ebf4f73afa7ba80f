package probe

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// seenCookie is a cookie with the page that set it.
type seenCookie struct {
	c   *http.Cookie
	url string
}

// Cookies returns the cookies set by the home page, the login page and the
// admin login, the first setting of each name, in name order.
func (s *Site) Cookies() []seenCookie {
	return s.once("cookies", func() any {
		var pages []*Response
		if _, err := s.Home(); err == nil {
			pages = append(pages, s.homeChain()...)
		}
		if _, r := s.LoginPage(); r != nil {
			pages = append(pages, r)
		}
		if _, r := s.AdminLogin(); r != nil {
			pages = append(pages, r)
		}
		seen := map[string]bool{}
		var out []seenCookie
		for _, r := range pages {
			for _, c := range (&http.Response{Header: r.Header}).Cookies() {
				if seen[c.Name] || c.MaxAge < 0 {
					continue // a deletion is not a cookie the browser keeps
				}
				seen[c.Name] = true
				out = append(out, seenCookie{c, r.URL})
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].c.Name < out[j].c.Name })
		return out
	}).([]seenCookie)
}

// isSessionCookie: Django's session cookie and the usual names of others.
func isSessionCookie(name string) bool {
	n := strings.ToLower(name)
	if strings.Contains(n, "csrf") {
		return false
	}
	return n == "sessionid" || strings.Contains(n, "session") || strings.Contains(n, "sess") || n == "sid" || strings.HasSuffix(n, "_sid") ||
		strings.Contains(n, "auth") || n == "jwt" || strings.HasSuffix(n, "_token") && !strings.Contains(n, "csrf")
}

// isSensitiveCookie: cookies whose theft or forgery matters most.
func isSensitiveCookie(name string) bool {
	return isSessionCookie(name) || strings.Contains(strings.ToLower(name), "csrf")
}

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
		for _, sc := range s.Cookies() {
			if sc.c.Secure {
				continue
			}
			d := analysis.Diagnostic{Location: at(sc.url), Snippet: sc.c.Name, Properties: map[string]any{"cookie": sc.c.Name},
				Message: fmt.Sprintf("cookie %s is set without Secure: browsers also send it over plain HTTP", sc.c.Name)}
			if !isSensitiveCookie(sc.c.Name) {
				d.Severity = report.Low
			}
			p.Report(d)
		}
	},
}

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
		for _, sc := range s.Cookies() {
			if sc.c.HttpOnly || !isSessionCookie(sc.c.Name) {
				continue
			}
			p.Report(analysis.Diagnostic{Location: at(sc.url), Snippet: sc.c.Name, Properties: map[string]any{"cookie": sc.c.Name},
				Message: fmt.Sprintf("session cookie %s is set without HttpOnly: any script on the page can read it", sc.c.Name)})
		}
	},
}

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
			p.Report(analysis.Diagnostic{Location: at(sc.url), Snippet: sc.c.Name, Properties: map[string]any{"cookie": sc.c.Name},
				Message: fmt.Sprintf("cookie %s has %s: browsers attach it to cross-site requests", sc.c.Name, why)})
		}
	},
}
