package probe

import (
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// noAuthRule makes the rule of a data store that answers without
// credentials: the two differ only in the service and its documentation.
func noAuthRule(id, name, svc, display, title, bad, good, fix, ref string) *analysis.Rule {
	return &analysis.Rule{
		ID: id, Name: name,
		Severity: report.Critical, Confidence: report.HighConfidence,
		CWE: []int{306}, Checklist: []int{1, 5},
		Scope: analysis.Live,
		Doc: analysis.Doc{
			Title: title,
			What: "Only with --services: djsec connects to " + display + " on the site's host with the official client library and runs a read-only command " +
				"without credentials; success is reported.",
			Why:        "Anyone who can reach the port can read and change every record: sessions, cached pages, user data. Unauthenticated instances are scanned for and wiped or ransomed within hours.",
			Bad:        bad,
			Good:       good,
			Fix:        fix,
			References: []string{ref},
		},
		Run: func(p *analysis.Pass) {
			s := siteOf(p)
			if s == nil || !s.opts.Services {
				return
			}
			for _, o := range s.Services() {
				if o.svc.name != svc || !o.noAuth {
					continue
				}
				p.Report(analysis.Diagnostic{Location: at(svc + "://" + o.addr), Snippet: o.addr,
					Message: fmt.Sprintf("%s on %s answers without authentication: %s", display, o.addr, o.detail)})
			}
		},
	}
}
