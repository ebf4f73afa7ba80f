package probe

import (
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// HSTSWeak finds HSTS headers that protect too little.
var HSTSWeak = &analysis.Rule{
	ID: "DJL203", Name: "hsts-weak",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{319, 523}, Checklist: []int{2, 3},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The HSTS header is short-lived, leaves out subdomains or is not preload-ready",
		What: "djsec parses Strict-Transport-Security: a max-age under one year is low (medium under six months, the Observatory's threshold), " +
			"no includeSubDomains is low, and a header that otherwise qualifies but lacks preload, or a preload that the hstspreload.org rules would refuse, is info.",
		Why:  "A short max-age lapses between visits; without includeSubDomains an attacker can set cookies for the domain from a plain-HTTP subdomain; only preloading protects the very first visit.",
		Bad:  "Strict-Transport-Security: max-age=3600",
		Good: "Strict-Transport-Security: max-age=63072000; includeSubDomains; preload",
		Fix:  "Raise max-age to at least 31536000, add includeSubDomains once every subdomain serves HTTPS, then add preload and submit the domain to hstspreload.org.",
		References: []string{
			"https://hstspreload.org/",
			"https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-seconds",
		},
	},
	Run: runHSTSWeak,
}

func runHSTSWeak(p *analysis.Pass) {
	s, home := homePass(p)
	if home == nil || !s.HTTPS() {
		return
	}
	h := parseHSTS(home.Header)
	if !h.valid {
		return
	}
	loc := at(home.URL)
	switch {
	case h.maxAge < year/2:
		p.Report(analysis.Diagnostic{Location: loc, Severity: report.Medium, Snippet: "max-age",
			Message: fmt.Sprintf("HSTS max-age is %d seconds, under six months: protection lapses between visits", h.maxAge)})
	case h.maxAge < year:
		p.Report(analysis.Diagnostic{Location: loc, Snippet: "max-age",
			Message: fmt.Sprintf("HSTS max-age is %d seconds, under one year", h.maxAge)})
	}
	if !h.includeSubDomains {
		p.Report(analysis.Diagnostic{Location: loc, Snippet: "includeSubDomains",
			Message: "HSTS leaves out subdomains (no includeSubDomains): a plain-HTTP subdomain can set cookies for this site"})
	}
	if h.maxAge >= year && h.includeSubDomains && !h.preload {
		p.Report(analysis.Diagnostic{Location: loc, Severity: report.Info, Snippet: "preload",
			Message: "HSTS is not preload-ready (no preload directive): the first visit is unprotected"})
	}
	if h.preload && (h.maxAge < year || !h.includeSubDomains) {
		p.Report(analysis.Diagnostic{Location: loc, Severity: report.Info, Snippet: "preload-invalid",
			Message: "HSTS asks for preload, but hstspreload.org requires max-age of a year or more and includeSubDomains"})
	}
}
