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
