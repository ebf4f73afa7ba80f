package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
)

// SilkExposed finds the django-silk profiler served to outsiders.
var SilkExposed = &analysis.Rule{
	ID: "DJL407", Name: "silk-profiler-exposed",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{200, 489}, Checklist: []int{3, 10},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The django-silk profiler is open to outside visitors",
		What:  "djsec requests /silk/ and recognizes silk's pages by their static files and title; a redirect to a login page is not reported.",
		Why:   "Silk records requests with headers and bodies: session cookies, passwords typed into login forms, API tokens, and the SQL of each request.",
		Bad:   "SILKY_AUTHENTICATION = False",
		Good:  "SILKY_AUTHENTICATION = True\nSILKY_AUTHORISATION = True  # or no silk in production",
		Fix:   "Remove silk from production, or set SILKY_AUTHENTICATION and SILKY_AUTHORISATION to True and restrict /silk/ at the proxy.",
		References: []string{
			"https://github.com/jazzband/django-silk#authenticationauthorisation",
		},
	},
	Run: func(p *analysis.Pass) {
		s := siteOf(p)
		if s == nil {
			return
		}
		checkPaths(p, s, []pathCheck{{path: "/silk/", marker: silkPage(), what: "the django-silk profiler answers at /silk/ without a login: recorded requests, bodies and SQL are public"}})
	},
}

// silkPage is the profiler's own page or its static files.
var silkPage = lazyre.New(`(?i)/static/silk/|<title>\s*silk`)
