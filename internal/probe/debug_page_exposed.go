package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
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
