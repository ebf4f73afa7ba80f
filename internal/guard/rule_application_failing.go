package guard

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// ApplicationFailing is reported by the proxy when the application does
// not answer.
var ApplicationFailing = &analysis.Rule{
	ID: "DJG104", Name: "application-failing",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{400}, Checklist: []int{10},
	Scope: analysis.Guard,
	Doc: analysis.Doc{
		Title: "The application behind the guard failed to answer requests",
		What:  "One finding per route on which the application refused connections or timed out since the guard started (502, 504).",
		Why:   "An application that is down or saturated is an outage, or a denial of service under way; it is also the moment attackers look for.",
		Bad:   "502 bad gateway: dial unix /run/gunicorn.sock: connect: connection refused",
		Good:  "every request answered by the application",
		Fix:   "Check the application's processes and logs; raise gunicorn's workers or tighten the rate limits of the costly routes.",
		References: []string{
			"https://docs.gunicorn.org/en/stable/design.html#how-many-workers",
		},
	},
}
