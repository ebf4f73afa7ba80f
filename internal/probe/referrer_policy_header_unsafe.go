package probe

import (
	"fmt"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// unsafeReferrer: policies that send the full URL (with its query) to
// other sites.
var unsafeReferrer = map[string]bool{"unsafe-url": true, "no-referrer-when-downgrade": true}

// ReferrerPolicyUnsafe finds missing or leaky Referrer-Policy headers.
var ReferrerPolicyUnsafe = &analysis.Rule{
	ID: "DJL208", Name: "referrer-policy-header-unsafe",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{200}, Checklist: []int{7},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "Referrer-Policy is missing or sends full URLs to other sites",
		What:  "djsec reads Referrer-Policy on the home page: unsafe-url and no-referrer-when-downgrade are low; a missing header is info (browsers default to strict-origin-when-cross-origin).",
		Why:   "Full URLs leak tokens and personal data in paths and query strings (password-reset links, search terms) to every third party the page links to or loads from.",
		Bad:   "SECURE_REFERRER_POLICY = \"unsafe-url\"",
		Good:  "SECURE_REFERRER_POLICY = \"strict-origin-when-cross-origin\"  # Django's default",
		Fix:   "Set SECURE_REFERRER_POLICY = \"strict-origin-when-cross-origin\" (or same-origin) with SecurityMiddleware.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/middleware/#referrer-policy",
		},
	},
	Run: func(p *analysis.Pass) {
		_, home := homePass(p)
		if home == nil {
			return
		}
		v := home.Header.Get("Referrer-Policy")
		if v == "" {
			p.Report(analysis.Diagnostic{Location: at(home.URL), Severity: report.Info, Snippet: "missing", Message: "no Referrer-Policy header: the browser's default applies"})
			return
		}
		// The last policy a browser understands wins.
		parts := strings.Split(v, ",")
		last := strings.ToLower(strings.TrimSpace(parts[len(parts)-1]))
		if unsafeReferrer[last] {
			p.Report(analysis.Diagnostic{Location: at(home.URL), Snippet: last, Message: fmt.Sprintf("Referrer-Policy is %s: full URLs, query strings included, go to other sites", last)})
		}
	},
}
