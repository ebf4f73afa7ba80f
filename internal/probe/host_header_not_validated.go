package probe

import (
	"bytes"
	"net/url"
	"strings"

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
			"DisallowedHost page), ALLOWED_HOSTS accepts anything and no proxy in front rejects unknown hosts; when the page's links, or the home page's " +
			"redirect, carry the random host, the finding says so. On a site that does not look like Django (no csrftoken or sessionid cookie, no " +
			"csrfmiddlewaretoken field, none of Django's error pages) it speaks of the server, not of ALLOWED_HOSTS.",
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
	Run: runHostNotValidated,
}

// hostFixElsewhere is the fix for a site that does not look like Django.
const hostFixElsewhere = "Answer only the site's own host names: give the proxy a default server that rejects unknown Host headers " +
	"(nginx: a default_server that returns 444), and build absolute links and redirects from configuration, not from the Host header."

func runHostNotValidated(p *analysis.Pass) {
	s, home := homePass(p)
	if home == nil {
		return
	}
	r := s.foreignHost()
	if r == nil || r.Truncated {
		return
	}
	foreign := s.foreignHostName()
	accepts, fix := "ALLOWED_HOSTS (or the proxy) accepts any host", ""
	if django, _ := s.IsDjango(); !django {
		accepts, fix = "the server (and any proxy in front of it) accepts any host", hostFixElsewhere
	}
	// Links built from the Host header differ from the home page's only by
	// the host: compare with the real host put back.
	reflected := bytes.Contains(bytes.ToLower(r.Body), []byte(foreign))
	same := *r
	if reflected {
		same.Body = bytes.ReplaceAll(bytes.ToLower(r.Body), []byte(foreign), []byte(strings.ToLower(s.base.Host)))
		home = &Response{URL: home.URL, Status: home.Status, Body: bytes.ToLower(home.Body), Truncated: home.Truncated}
	}
	if home.Status == 200 && r.Status == 200 && !home.Truncated && !disallowedRe().Match(r.Body) && similarBodies(home, &same) {
		msg := "the home page is served for the Host header " + foreign + ": " + accepts
		if reflected {
			msg += ", and builds its links from it (" + foreign + " appears in the page): poisoned caches and password-reset links can point to another site"
		}
		p.Report(analysis.Diagnostic{Location: at(r.URL), Snippet: "any host", Message: msg, Fix: fix})
		return
	}
	// A site whose home page redirects, and which redirects to whatever
	// Host it is sent.
	if chain := s.homeChain(); len(chain) > 0 && chain[0].IsRedirect() && r.IsRedirect() {
		if u, err := url.Parse(r.Location()); err == nil && strings.EqualFold(u.Hostname(), foreign) {
			p.Report(analysis.Diagnostic{Location: at(r.URL), Snippet: "host in redirect", Fix: fix,
				Message: "a request for the home page with the Host header " + foreign + " is redirected to " + r.Location() +
					": the site builds its redirects from whatever Host it is sent, so poisoned caches and links can send visitors to another site; " + accepts})
		}
	}
}
