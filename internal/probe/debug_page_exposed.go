package probe

import (
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// DebugEnabled finds sites running with DEBUG = True, and sites of other
// frameworks whose debug pages or stack traces are shown to visitors.
var DebugEnabled = &analysis.Rule{
	ID: "DJL401", Name: "debug-page-exposed",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{489, 215}, Checklist: []int{3, 9},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The site shows debug pages: Django's DEBUG = True, or another framework's debugger or stack traces",
		What: "djsec requests a random path and looks for Django's technical 404 page, then requests the home page with a random Host header and looks for " +
			"the DisallowedHost technical page. Both are recognized by their text (\"you have DEBUG = True\", \"Using the URLconf defined in\", " +
			"\"Invalid HTTP_HOST header\"), never by status codes, so custom error pages do not confuse it. In the same answers and the home page it " +
			"also recognizes the debug pages of other frameworks (the Werkzeug debugger, Rails, Symfony, Laravel, ASP.NET) and bare stack traces " +
			"(Python, Java, Node.js, Go, Ruby, PHP), and words the finding for what it saw: a site that is not Django is not told about DEBUG = True.",
		Why: "The technical pages list every URL pattern, settings (with some secrets), local variables of the failing frame and the SQL executed: " +
			"a map of the application and often credentials. DEBUG also keeps every query in memory. Other frameworks' debug pages give away as much, " +
			"and the Werkzeug debugger offers a Python console.",
		Bad:  "DEBUG = True",
		Good: "DEBUG = env.bool(\"DJANGO_DEBUG\", default=False)",
		Fix:  "Set DEBUG = False in production (from the environment, defaulting to False) and list the real host names in ALLOWED_HOSTS.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/settings/#debug",
			"https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#debug",
			"https://cwe.mitre.org/data/definitions/215.html",
		},
	},
	Run: runDebugEnabled,
}

func runDebugEnabled(p *analysis.Pass) {
	s := siteOf(p)
	if s == nil {
		return
	}
	if r := s.Baseline("/x/"); r != nil && debugSentenceRe().Match(r.Body) && technical404Re().Match(r.Body) {
		p.Report(analysis.Diagnostic{Location: at(r.URL), Snippet: "technical 404",
			Message: "a random path answers with Django's technical 404 page (DEBUG = True): it lists the site's URL patterns"})
		return
	}
	if r := s.foreignHost(); r != nil && disallowedRe().Match(r.Body) && debugSentenceRe().Match(r.Body) {
		p.Report(analysis.Diagnostic{Location: at(r.URL), Snippet: "DisallowedHost",
			Message: "a request with an unknown Host header answers with Django's DisallowedHost technical page (DEBUG = True): it shows settings, the environment and a traceback"})
		return
	}
	// Not Django's technical pages: another framework's debug page, or a
	// stack trace, in the answers the probe has.
	for _, pg := range s.seenPages() {
		if pg.r.Status < 400 {
			continue // a page about tracebacks is not a traceback
		}
		dp := findDebugPage(pg.r.Body)
		if dp == nil {
			continue
		}
		d := analysis.Diagnostic{Location: at(pg.r.URL), Snippet: "debug page", Severity: dp.severity, Fix: dp.fix,
			Message: fmt.Sprintf("%s answers with %s: it shows %s", pg.what, dp.what, dp.reveals)}
		if django, _ := s.IsDjango(); django && dp == &debugPages[0] {
			d.Message += "; on a Django site this is runserver_plus (django-extensions) or Werkzeug's run_simple"
			d.Fix = "Serve Django with gunicorn or uWSGI and DEBUG = False, never with runserver_plus or Werkzeug's development server."
		}
		p.Report(d)
		return
	}
}
