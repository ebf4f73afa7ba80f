package probe

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// NosniffMissing finds responses without X-Content-Type-Options: nosniff.
var NosniffMissing = &analysis.Rule{
	ID: "DJL207", Name: "content-type-options-missing",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{693}, Checklist: []int{7},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "X-Content-Type-Options: nosniff is not sent",
		What:  "djsec reads the home page's headers; X-Content-Type-Options missing or not nosniff is reported.",
		Why:   "Browsers may sniff an uploaded text file or JSON answer as HTML or script and run it; nosniff makes them trust the Content-Type.",
		Bad:   "SECURE_CONTENT_TYPE_NOSNIFF = False",
		Good:  "SECURE_CONTENT_TYPE_NOSNIFF = True  # the default, with SecurityMiddleware",
		Fix:   "Keep django.middleware.security.SecurityMiddleware with SECURE_CONTENT_TYPE_NOSNIFF = True (the default), or add the header in the proxy.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/middleware/#x-content-type-options-nosniff",
		},
	},
	Run: func(p *analysis.Pass) {
		_, home := homePass(p)
		if home == nil {
			return
		}
		if !strings.EqualFold(strings.TrimSpace(home.Header.Get("X-Content-Type-Options")), "nosniff") {
			p.Report(analysis.Diagnostic{Location: at(home.URL), Snippet: "nosniff", Message: "no X-Content-Type-Options: nosniff: browsers may run content they sniff as script"})
		}
	},
}
