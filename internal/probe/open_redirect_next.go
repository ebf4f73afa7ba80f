package probe

import (
	"fmt"
	"net/url"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

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
