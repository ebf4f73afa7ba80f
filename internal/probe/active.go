package probe

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// maxLoginAttempts bounds the brute-force check: enough for any sane
// limiter to have reacted, few enough to be polite.
const maxLoginAttempts = 20

var (
	csrfInputRe = regexp.MustCompile(`name=["']csrfmiddlewaretoken["']\s+value=["']([^"']+)["']|value=["']([^"']+)["']\s+name=["']csrfmiddlewaretoken["']`)
	lockedRe    = regexp.MustCompile(`(?i)too many|locked|lockout|try again later|rate limit|captcha`)
	loginFailRe = regexp.MustCompile(`(?i)correct username and password|errornote|invalid (username|login|credentials)|please enter a correct`)
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
		if i == 0 && !loginFailRe.Match(r.Body) && r.Status != 200 {
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

// protectedAnswer recognizes a limiter's answer.
func protectedAnswer(r *Response) bool {
	if r.Status == http.StatusTooManyRequests || r.Status == http.StatusServiceUnavailable {
		return true
	}
	if r.Status == 403 && !strings.Contains(string(r.Body), "CSRF") {
		return true
	}
	return lockedRe.Match(r.Body) && !loginFailRe.Match(r.Body)
}

// slowedDown: the last three answers took three times the median of the
// first five, and at least half a second more.
func slowedDown(ts []time.Duration) bool {
	if len(ts) < 8 {
		return false
	}
	first := append([]time.Duration(nil), ts[:5]...)
	sort.Slice(first, func(i, j int) bool { return first[i] < first[j] })
	med := first[2]
	for _, t := range ts[len(ts)-3:] {
		if t < 3*med || t < med+500*time.Millisecond {
			return false
		}
	}
	return true
}

// csrfOf returns the form's CSRF token and the Cookie header to send with it.
func csrfOf(r *Response) (token, cookie string) {
	if m := csrfInputRe.FindSubmatch(r.Body); m != nil {
		token = string(m[1]) + string(m[2])
	}
	var parts []string
	for _, c := range (&http.Response{Header: r.Header}).Cookies() {
		parts = append(parts, c.Name+"="+c.Value)
	}
	return token, strings.Join(parts, "; ")
}

// OpenRedirect finds views that redirect to any URL given in ?next=.
var OpenRedirect = &analysis.Rule{
	ID: "DJL502", Name: "open-redirect-next",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{601}, Checklist: []int{4, 5},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "A view redirects to any site given in ?next=",
		What: "Only with --active: djsec requests the home page, the login and logout URLs and the admin login with ?next= set to an external URL " +
			"(https://djsec-<random>.example/ and //djsec-<random>.example/) and reports a redirect whose Location leads to that host.",
		Why:  "Phishing links on your own domain: https://shop.example.com/logout/?next=https://evil.example/ looks trustworthy and lands on the attacker's copy of the login page.",
		Bad:  "return redirect(request.GET.get(\"next\", \"/\"))",
		Good: "nxt = request.GET.get(\"next\")\nif not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()):\n    nxt = \"/\"\nreturn redirect(nxt)",
		Fix:  "Validate every redirect target with django.utils.http.url_has_allowed_host_and_scheme (Django's LoginView and LogoutView already do).",
		References: []string{
			"https://docs.djangoproject.com/en/stable/topics/auth/default/#django.contrib.auth.views.LoginView",
			"https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html",
		},
	},
	Run: func(p *analysis.Pass) {
		s := siteOf(p)
		if s == nil || !s.opts.Active {
			return
		}
		evilHost := "djsec-" + s.token + ".example"
		paths := []string{s.base.Path, "/accounts/login/", "/accounts/logout/", "/login/", "/logout/"}
		for _, ap := range s.AdminPaths() {
			paths = append(paths, ap+"login/", ap+"logout/")
		}
		for _, path := range paths {
			for _, target := range []string{"https://" + evilHost + "/", "//" + evilHost + "/"} {
				u := s.URL(path) + "?next=" + url.QueryEscape(target)
				r, err := s.Do(Request{URL: u})
				if err != nil || !r.IsRedirect() {
					continue
				}
				loc, err := url.Parse(r.Location())
				if err != nil || loc.Hostname() != evilHost {
					continue
				}
				p.Report(analysis.Diagnostic{Location: at(u), Snippet: path,
					Message: fmt.Sprintf("%s redirects to the external URL given in ?next= (%s)", path, target)})
				break
			}
		}
	},
}
