package probe

import (
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// HSTSMissing finds HTTPS sites without Strict-Transport-Security.
var HSTSMissing = &analysis.Rule{
	ID: "DJL202", Name: "hsts-header-missing",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{319, 523}, Checklist: []int{2, 3},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The HTTPS site sends no Strict-Transport-Security header",
		What:  "djsec reads the headers of the home page (after redirects on the same host) over HTTPS; a missing or unparseable Strict-Transport-Security header is reported.",
		Why:   "Without HSTS, every visit that starts from a typed domain or an http:// link goes over plain HTTP first and can be downgraded (sslstrip), exposing cookies and passwords.",
		Bad:   "SECURE_HSTS_SECONDS = 0",
		Good:  "SECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSECURE_HSTS_PRELOAD = True",
		Fix:   "Send Strict-Transport-Security: max-age=31536000; includeSubDomains (Django: SECURE_HSTS_SECONDS = 31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS = True; or add_header ... always in nginx).",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security",
			"https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security",
		},
	},
	Run: runHSTSMissing,
}

func runHSTSMissing(p *analysis.Pass) {
	s, home := homePass(p)
	if home == nil || !s.HTTPS() {
		return
	}
	h := parseHSTS(home.Header)
	switch {
	case !h.present:
		p.Report(analysis.Diagnostic{Location: at(home.URL), Message: "no Strict-Transport-Security header: browsers will keep trying plain HTTP first", Snippet: "missing"})
	case !h.valid:
		p.Report(analysis.Diagnostic{Location: at(home.URL), Message: fmt.Sprintf("the Strict-Transport-Security header %q has no valid max-age, so browsers ignore it", home.Header.Get("Strict-Transport-Security")), Snippet: "invalid"})
	}
}

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
