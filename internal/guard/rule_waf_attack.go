package guard

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// WAFAttack is reported by the WAF control.
var WAFAttack = &analysis.Rule{
	ID: "DJG103", Name: "waf-attack-detected",
	Severity: report.Medium, Confidence: report.MediumConfidence,
	CWE: []int{20}, Checklist: []int{4, 10},
	Scope: analysis.Guard,
	Doc: analysis.Doc{
		Title: "Requests from a client matched OWASP Core Rule Set rules",
		What: "One finding per client and route whose requests matched CRS rules since the guard started, with the rules matched. " +
			"In detect mode the requests reached the application; in block mode those over the anomaly threshold got 403.",
		Why: "CRS rules match SQL injection, XSS, path traversal and scanner signatures. Matches on a route that takes free text may be false " +
			"positives to exclude; matches from one client across routes are an attack.",
		Bad:  "GET /search/?q=1'+UNION+SELECT+password+FROM+auth_user--",
		Good: "mode = \"block\" once the matches seen in detect mode are understood, with waf_exclude on the routes they are false on",
		Fix:  "Check the application's handling of the matched input; then either exclude the rule on the route (waf_exclude) or switch the WAF to block.",
		References: []string{
			"https://coreruleset.org/docs/",
			"https://coraza.io/",
		},
	},
}
