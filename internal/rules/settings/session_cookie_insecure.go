package settings

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// SessionCookieInsecure finds session cookies sent over HTTP, readable by
// JavaScript or sent on cross-site requests.
var SessionCookieInsecure = &analysis.Rule{
	ID: "DJS207", Name: "session-cookie-insecure",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{614, 1004, 1275}, Checklist: []int{2, 12},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "The session cookie is not Secure, not HttpOnly, or SameSite=None",
		What: "When sessions are in use (django.contrib.sessions installed or SessionMiddleware listed, and MIDDLEWARE not known to lack every session middleware: without one no session cookie is set), reports " +
			"production settings where SESSION_COOKIE_SECURE is not True (check --deploy's security.W010-W012; low where " +
			"SECURE_HSTS_SECONDS turns HSTS on whatever the environment holds: a browser that has been to the site over HTTPS sends " +
			"nothing over plain HTTP), " +
			"SESSION_COOKIE_HTTPONLY is False (W013-W015), or SESSION_COOKIE_SAMESITE is \"None\" or None. None is low where the project installs Django older than 3.1, which writes no " +
			"SameSite attribute for it: Chromium-based browsers then treat the cookie as Lax.",
		Why: "A session cookie without Secure is sent over plain HTTP, where anyone on the network can take over the " +
			"session; without HttpOnly any XSS can steal it; with SameSite=None it rides along on cross-site requests.",
		Bad:  "SESSION_COOKIE_SECURE = False",
		Good: "SESSION_COOKIE_SECURE = True",
		Fix:  "Set SESSION_COOKIE_SECURE = True, leave SESSION_COOKIE_HTTPONLY at True and SESSION_COOKIE_SAMESITE at \"Lax\" (or \"Strict\").",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure",
			"https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-samesite",
		},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			_, mw, _, _ := middleware(e)
			if installed(e, "django.contrib.sessions") != 1 && hasMiddleware(mw, func(l string) bool { return l == "SessionMiddleware" }) < 0 {
				return
			}
			if _, v, absent := middlewareSetting(e); !absent {
				// MIDDLEWARE certainly without a session middleware (of
				// Django's or the project's): no session cookie is set,
				// whatever INSTALLED_APPS holds
				if c, ok := st.Holds(v, lacks(func(l string) bool { return strings.Contains(l, "Session") })); ok && len(c.Vars) == 0 {
					return
				}
			}
			cookieFlags(e, r, "SESSION", "security.W012", djangoOlderThan(pass, 3, 1))
		})
	},
}

// cookieFlags checks the Secure, HttpOnly and SameSite settings of the
// session or CSRF cookie. before31 is the Django version the project
// installs when it is older than 3.1, whose SAMESITE = None writes no
// attribute at all.
func cookieFlags(e *st.Entry, r *reporter, prefix, secureCheck, before31 string) {
	name := prefix + "_COOKIE_SECURE"
	v, absent := setting(e, name)
	sr := r
	if c, ok := hsts(e); ok && len(c.Vars) == 0 && r.lower == "" {
		// a browser that has visited over HTTPS sends no request, and so
		// no cookie, over plain HTTP while HSTS lasts
		sr = r.lowering("; but SECURE_HSTS_SECONDS turns HSTS on: once a browser has been to the site over HTTPS it sends no " +
			"request, and so no cookie, over plain HTTP")
	}
	if absent {
		sr.missing(name + " is not set, so the cookie is also sent over plain HTTP (" + secureCheck + ")")
	} else if c, ok := st.Check(v, isFalse); ok {
		sr.at(c, name+" is "+c.V.Repr()+c.When()+", so the cookie is also sent over plain HTTP ("+secureCheck+")")
	}
	if prefix == "SESSION" {
		if c, ok := st.Check(e.Value("SESSION_COOKIE_HTTPONLY"), isFalse); ok {
			r.at(c, "SESSION_COOKIE_HTTPONLY is "+c.V.Repr()+c.When()+", so scripts can read the session cookie (security.W015)")
		}
	}
	same := prefix + "_COOKIE_SAMESITE"
	if c, ok := st.Check(e.Value(same), func(v *st.Value) bool {
		return v.Kind == st.None || v.Kind == st.Str && strings.EqualFold(v.S, "none")
	}); ok {
		if c.V.Kind == st.None && before31 != "" {
			// Django before 3.1 leaves the attribute out for None:
			// Chromium's browsers then treat the cookie as Lax
			r.lowering("; Django "+before31+" (before 3.1) writes no SameSite attribute for None, which Chromium-based browsers treat as Lax and "+
				"Firefox and Safari as None").at(c, same+" is "+c.V.Repr()+c.When()+", so the cookie is sent on cross-site requests")
			return
		}
		r.at(c, same+" is "+c.V.Repr()+c.When()+", so the cookie is sent on cross-site requests")
	}
}
