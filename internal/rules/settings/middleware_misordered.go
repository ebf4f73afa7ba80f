package settings

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// MiddlewareMisordered finds middleware in an order that disables or weakens
// a defence.
var MiddlewareMisordered = &analysis.Rule{
	ID: "DJS202", Name: "middleware-misordered",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{696}, Checklist: []int{3, 5},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Middleware is in an order that weakens it",
		What: "Reports AuthenticationMiddleware placed before SessionMiddleware (the user cannot be loaded from the " +
			"session), SecurityMiddleware placed after middleware that answers requests itself (CommonMiddleware, " +
			"SessionMiddleware, CsrfViewMiddleware; CommonMiddleware only when it can answer: APPEND_SLASH, PREPEND_WWW or " +
			"DISALLOWED_USER_AGENTS is set), and django-cors-headers' CorsMiddleware placed after " +
			"CommonMiddleware, whose responses then lack CORS headers. Only the first is medium: the others concern only the few " +
			"responses the earlier middleware gives itself (a redirect adding a slash, a refusal), and are low.",
		Why: "Middleware runs in list order on the way in: a response produced before SecurityMiddleware runs goes " +
			"out without HSTS or the SSL redirect, and authentication that runs before sessions sees no user.",
		Bad:        "MIDDLEWARE = [\n    \"django.middleware.common.CommonMiddleware\",\n    \"django.middleware.security.SecurityMiddleware\",\n]",
		Good:       "MIDDLEWARE = [\n    \"django.middleware.security.SecurityMiddleware\",\n    \"django.middleware.common.CommonMiddleware\",\n]",
		Fix:        "Order MIDDLEWARE as Django documents it: SecurityMiddleware first, SessionMiddleware before AuthenticationMiddleware, CorsMiddleware before CommonMiddleware.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/middleware/#middleware-ordering"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			c, mw, elems, ok := middleware(e)
			if !ok || c.V == nil {
				return
			}
			idx := func(name string) int {
				return hasMiddleware(mw, func(l string) bool { return l == name })
			}
			report := func(i int, msg, lowWhy string) {
				at := c
				if !c.FromEnv() && i < len(elems) {
					at.At = elems[i].Origin
				}
				rr := r
				if lowWhy != "" {
					rr = r.lowering(lowWhy)
				}
				rr.at(at, msg+c.When())
			}
			sess, auth := idx("SessionMiddleware"), idx("AuthenticationMiddleware")
			if sess >= 0 && auth >= 0 && auth < sess {
				report(auth, "AuthenticationMiddleware comes before SessionMiddleware, so it cannot load the user from the session", "")
			}
			if sec := idx("SecurityMiddleware"); sec >= 0 && strings.HasPrefix(mw[sec], "django.") {
				for _, early := range []string{"CommonMiddleware", "SessionMiddleware", "CsrfViewMiddleware"} {
					if early == "CommonMiddleware" && !commonAnswers(e) {
						continue
					}
					if i := idx(early); i >= 0 && i < sec {
						// only the few responses that middleware gives itself
						// (a redirect adding a slash, a CSRF refusal) lack
						// them: reviewers found it of little consequence
						report(sec, "SecurityMiddleware comes after "+early+", whose responses then go out without the security headers and SSL redirect",
							"; only the responses "+early+" gives itself (a redirect, a refusal) are concerned, not the pages")
						break
					}
				}
			}
			if cors, common := idx("CorsMiddleware"), idx("CommonMiddleware"); cors >= 0 && common >= 0 && cors > common {
				report(cors, "CorsMiddleware comes after CommonMiddleware, whose responses (redirects) then lack CORS headers",
					"; a missing CORS header makes browsers refuse a cross-origin read, which opens nothing")
			}
		})
	},
}

// commonAnswers reports whether CommonMiddleware may answer a request
// itself: the slash and www redirects (APPEND_SLASH, on by default, and
// PREPEND_WWW) and the 403 for DISALLOWED_USER_AGENTS. With all three off
// it passes every request on, and its place before SecurityMiddleware
// costs nothing.
func commonAnswers(e *st.Entry) bool {
	if v, absent := setting(e, "APPEND_SLASH"); absent || !isFalse(v) {
		return true
	}
	if v, absent := setting(e, "PREPEND_WWW"); !absent && !isFalse(v) {
		return true
	}
	if v, absent := setting(e, "DISALLOWED_USER_AGENTS"); !absent && !(v.IsSeq() && len(v.Elems) == 0) {
		return true
	}
	return false
}
