package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// HostNotValidated finds sites that serve pages for any Host header.
var HostNotValidated = &analysis.Rule{
	ID: "DJL402", Name: "host-header-not-validated",
	Severity: report.Low, Confidence: report.MediumConfidence,
	CWE: []int{644}, Checklist: []int{3},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The site serves its pages for any Host header",
		What: "djsec requests the home page with Host: djsec-<random>.invalid. When it gets the same page as with the real host (not an error, not the " +
			"DisallowedHost page), ALLOWED_HOSTS accepts anything and no proxy in front rejects unknown hosts.",
		Why: "Django builds absolute URLs (password-reset links, redirects) from the Host header: with any host accepted, an attacker can poison reset emails " +
			"and caches to point at their own server.",
		Bad:  "ALLOWED_HOSTS = [\"*\"]",
		Good: "ALLOWED_HOSTS = [\"shop.example.com\"]\n# nginx: a default_server that returns 444 for unknown hosts",
		Fix:  "List the site's real host names in ALLOWED_HOSTS and give the proxy a default server that rejects unknown Host headers.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts",
			"https://portswigger.net/web-security/host-header/exploiting/password-reset-poisoning",
		},
	},
	Run: func(p *analysis.Pass) {
		s, home := homePass(p)
		if home == nil || home.Status != 200 {
			return
		}
		r := s.foreignHost()
		if r == nil || r.Status != 200 || r.Truncated || home.Truncated || disallowedRe.Match(r.Body) {
			return
		}
		if !similarBodies(home, r) {
			return
		}
		p.Report(analysis.Diagnostic{Location: at(r.URL), Snippet: "any host",
			Message: "the home page is served for the Host header djsec-" + s.token + ".invalid: ALLOWED_HOSTS (or the proxy) accepts any host"})
	},
}
