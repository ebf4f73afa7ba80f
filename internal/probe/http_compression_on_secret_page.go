package probe

import (
	"bytes"
	"net/http"
	"strings"
	"sync"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
)

// BREACH finds pages that carry a secret and are compressed over HTTPS.
var BREACH = &analysis.Rule{
	ID: "DJL127", Name: "http-compression-on-secret-page",
	Severity: report.Low, Confidence: report.MediumConfidence,
	CWE: []int{200}, Checklist: []int{2, 7, 12},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "Pages carrying secrets are compressed over HTTPS (BREACH)",
		What: "djsec looks at the pages it already fetched that carry a secret: the home page, the login page and the admin login, when their " +
			"body holds a CSRF token (csrfmiddlewaretoken, a csrf meta tag) or their answer sets a session or CSRF cookie. It asks each once more " +
			"with Accept-Encoding: gzip, deflate, br and reports the ones served with a Content-Encoding. At most three more requests. " +
			"testssl.sh flags any compressed page at /; djsec only the pages with something to steal.",
		Why: "BREACH (CVE-2013-3587) recovers a secret from a compressed HTTPS page by watching its size while the page reflects attacker-chosen " +
			"text. Django masks its CSRF token on every response, which defeats the attack for that token, but the same page compressed also " +
			"leaks whatever else it shows (personal data, API keys, a token a view prints unmasked).",
		Bad:  "gzip on;\nlocation / { proxy_pass http://django; }",
		Good: "gzip on;   # for static files\nlocation / { gzip off; proxy_pass http://django; }\nlocation /static/ { alias /srv/app/static/; }",
		Fix: "Turn compression off for the pages Django renders (gzip off; in the nginx location that proxies to Django, and remove " +
			"django.middleware.gzip.GZipMiddleware); keep it for static files, which carry no secrets.",
		References: []string{
			"https://www.breachattack.com/",
			"https://docs.djangoproject.com/en/stable/ref/csrf/#breach",
			"https://docs.djangoproject.com/en/stable/ref/middleware/#module-django.middleware.gzip",
		},
	},
	Run: runBREACH,
}

var csrfInPage = lazyre.New(`(?i)name=["']?csrfmiddlewaretoken|<meta[^>]+name=["']?csrf|name=["']?_?csrf_?token`)

// pageSecret says what secret a page carries ("" when none).
func pageSecret(r *Response) string {
	var what []string
	if csrfInPage().Match(r.Body) {
		what = append(what, "carries a CSRF token in its body")
	}
	for _, c := range (&http.Response{Header: r.Header}).Cookies() {
		n := strings.ToLower(c.Name)
		if strings.Contains(n, "session") || strings.Contains(n, "csrf") {
			what = append(what, "sets the "+c.Name+" cookie")
			break
		}
	}
	return strings.Join(what, " and ")
}

// runBREACH asks for each page compressed as soon as the page is known, all
// at once: the home page need not wait for the login pages, which wait for
// their baselines.
func runBREACH(p *analysis.Pass) {
	s, home := homePass(p)
	if home == nil || !s.HTTPS() {
		return
	}
	var mu sync.Mutex
	seen := map[string]bool{}
	check := func(u string, r *Response) {
		mu.Lock()
		dup := seen[u]
		seen[u] = true
		mu.Unlock()
		if !dup && strings.HasPrefix(u, "https://") {
			checkBREACH(p, s, u, r)
		}
	}
	var wg sync.WaitGroup
	wg.Go(func() { check(home.URL, home) })
	wg.Go(func() {
		if u, r := s.LoginPage(); r != nil {
			check(u, r)
		}
	})
	wg.Go(func() {
		if u, r := s.AdminLogin(); r != nil {
			check(u, r)
		}
	})
	wg.Wait()
}

// checkBREACH reports the page at u, whose answer was page, if it carries a
// secret and is served compressed.
func checkBREACH(p *analysis.Pass, s *Site, u string, page *Response) {
	secret := pageSecret(page)
	if secret == "" || !isHTML(page) {
		return
	}
	r, err := s.Do(Request{URL: u, Header: http.Header{"Accept-Encoding": {"gzip, deflate, br"}}})
	if err != nil {
		return
	}
	enc := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding")))
	if enc == "" || enc == "identity" {
		return
	}
	msg := "the page " + secret + ", and is served compressed (Content-Encoding: " + enc + "): " +
		"BREACH can read secrets in a compressed page from its size"
	if bytes.Contains(page.Body, []byte("csrfmiddlewaretoken")) {
		msg += " (Django masks its CSRF token per response, so the exposure is what else the page shows)"
	}
	p.Report(analysis.Diagnostic{
		Location:   at(u),
		Message:    msg,
		Snippet:    "compression",
		Properties: map[string]any{"content_encoding": enc},
	})
}
