package probe

import (
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// BruteForceUnprotected finds admin logins that take unlimited guesses.
var BruteForceUnprotected = &analysis.Rule{
	ID: "DJL501", Name: "login-brute-force-unprotected",
	Severity: report.Medium, Confidence: report.MediumConfidence,
	CWE: []int{307}, Checklist: []int{5, 13},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The admin login takes unlimited password guesses",
		What: "Only with --active: djsec submits up to 20 failed logins (a random user name that cannot exist, a random password) to the admin login, " +
			"with a fresh CSRF token each time. It stops at the first sign of protection: a 429 or 403, a lockout or captcha message, or answers slowing " +
			"down to three times the first ones. None after 20 attempts is reported.",
		Why:  "Without a limit, an attacker tries leaked passwords against staff accounts (credential stuffing) as fast as the server answers. Django does not limit login attempts by itself.",
		Bad:  "path(\"admin/\", admin.site.urls)  # no django-axes, no proxy rate limit",
		Good: "INSTALLED_APPS += [\"axes\"]  # AXES_FAILURE_LIMIT = 5\n# or nginx: limit_req zone=login burst=5 on the login location",
		Fix:  "Limit failed logins per account and per address: django-axes or django-ratelimit on the login views, or limit_req at the proxy; add 2FA for staff.",
		References: []string{
			"https://django-axes.readthedocs.io/",
			"https://owasp.org/www-community/controls/Blocking_Brute_Force_Attacks",
		},
	},
	Run: runBruteForce,
}

func runBruteForce(p *analysis.Pass) {
	s := siteOf(p)
	if s == nil || !s.opts.Active {
		return
	}
	loginURL, _ := s.AdminLogin()
	if loginURL == "" {
		p.Note("--active: no admin login found, the brute-force check did not run")
		return
	}
	user := "djsec-probe-" + s.token
	var times []time.Duration
	for i := 0; i < maxLoginAttempts; i++ {
		page, err := s.Do(Request{URL: loginURL})
		if err != nil {
			p.Problem(at(loginURL), "brute-force check stopped: %v", err)
			return
		}
		if protectedAnswer(page) {
			return // the GET itself is now refused: a lockout
		}
		token, cookie := csrfOf(page)
		if token == "" {
			p.Problem(at(loginURL), "brute-force check: no CSRF token in the admin login form")
			return
		}
		form := url.Values{"username": {user}, "password": {"djsec-" + randomToken()}, "csrfmiddlewaretoken": {token}, "next": {"/"}}
		h := http.Header{
			"Content-Type": {"application/x-www-form-urlencoded"},
			"Referer":      {loginURL},
			"Origin":       {s.Origin()},
		}
		if cookie != "" {
			h.Set("Cookie", cookie)
		}
		r, err := s.Do(Request{Method: http.MethodPost, URL: loginURL, Header: h, Body: form.Encode()})
		if err != nil {
			p.Problem(at(loginURL), "brute-force check stopped: %v", err)
			return
		}
		if protectedAnswer(r) {
			return
		}
		if r.Status == 403 {
			p.Problem(at(loginURL), "brute-force check: the login refused the form (403, CSRF?), cannot tell whether attempts are limited")
			return
		}
		if i == 0 && !loginFailRe().Match(r.Body) && r.Status != 200 {
			p.Problem(at(loginURL), "brute-force check: the first failed login answered %d, not the login form: stopped", r.Status)
			return
		}
		times = append(times, r.Elapsed)
		if slowedDown(times) {
			return
		}
	}
	p.Report(analysis.Diagnostic{Location: at(loginURL), Snippet: "admin login",
		Message: fmt.Sprintf("%d failed admin logins in a row met no limit: no 429, no lockout, no slowdown", maxLoginAttempts)})
}
