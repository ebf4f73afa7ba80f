package probe

import (
	"regexp"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

var (
	// Django's technical pages, 1.x to 5.x: the sentence both the 404 and
	// the 500 page end with, and each page's own heading.
	debugSentenceRe = regexp.MustCompile(`seeing this error because you have <code>DEBUG = True</code>`)
	technical404Re  = regexp.MustCompile(`Using the URLconf defined in|The current path, <code>|<title>Page not found at `)
	disallowedRe    = regexp.MustCompile(`<title>DisallowedHost at |Invalid HTTP_HOST header`)
)

// DebugEnabled finds sites running with DEBUG = True.
var DebugEnabled = &analysis.Rule{
	ID: "DJL401", Name: "debug-page-exposed",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{489, 215}, Checklist: []int{3, 9},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The site runs with DEBUG = True (Django's technical error pages are served)",
		What: "djsec requests a random path and looks for Django's technical 404 page, then requests the home page with a random Host header and looks for " +
			"the DisallowedHost technical page. Both are recognized by their text (\"you have DEBUG = True\", \"Using the URLconf defined in\", " +
			"\"Invalid HTTP_HOST header\"), never by status codes, so custom error pages do not confuse it.",
		Why: "The technical pages list every URL pattern, settings (with some secrets), local variables of the failing frame and the SQL executed: " +
			"a map of the application and often credentials. DEBUG also keeps every query in memory.",
		Bad:  "DEBUG = True",
		Good: "DEBUG = env.bool(\"DJANGO_DEBUG\", default=False)",
		Fix:  "Set DEBUG = False in production (from the environment, defaulting to False) and list the real host names in ALLOWED_HOSTS.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/settings/#debug",
			"https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#debug",
		},
	},
	Run: runDebugEnabled,
}

func runDebugEnabled(p *analysis.Pass) {
	s := siteOf(p)
	if s == nil {
		return
	}
	if r := s.Baseline("/x/"); r != nil && debugSentenceRe.Match(r.Body) && technical404Re.Match(r.Body) {
		p.Report(analysis.Diagnostic{Location: at(r.URL), Snippet: "technical 404",
			Message: "a random path answers with Django's technical 404 page (DEBUG = True): it lists the site's URL patterns"})
		return
	}
	if r := s.foreignHost(); r != nil && disallowedRe.Match(r.Body) && debugSentenceRe.Match(r.Body) {
		p.Report(analysis.Diagnostic{Location: at(r.URL), Snippet: "DisallowedHost",
			Message: "a request with an unknown Host header answers with Django's DisallowedHost technical page (DEBUG = True): it shows settings, the environment and a traceback"})
	}
}

// foreignHost is the home page requested with a Host header the site
// cannot know.
func (s *Site) foreignHost() *Response {
	return s.once("foreign host", func() any {
		r, err := s.Do(Request{URL: s.base.String(), Host: "djsec-" + s.token + ".invalid"})
		if err != nil {
			return (*Response)(nil)
		}
		return r
	}).(*Response)
}

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
