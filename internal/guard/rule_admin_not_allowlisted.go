package guard

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// AdminNotAllowlisted finds admin routes open to every address.
var AdminNotAllowlisted = &analysis.Rule{
	ID: "DJG002", Name: "admin-not-allowlisted",
	Severity: report.Medium, Confidence: report.MediumConfidence,
	CWE: []int{284}, Checklist: []int{14},
	Scope: analysis.Guard,
	Doc: analysis.Doc{
		Title: "An admin route of the guard has no address allowlist",
		What: "A [[route]] whose name or path says admin (\"admin\", \"/admin/\", \"/backstage-admin/\") without an allow list. " +
			"Routes the guard cannot tell are the admin are left alone; `djsec guard init` names the admin route after the URLconf.",
		Why:  "The admin is the most valuable login of the site. Restricting it to the addresses of the staff removes it from every scanner's reach.",
		Bad:  "[[route]]\nname = \"admin\"\npath = \"/admin/\"",
		Good: "[[route]]\nname = \"admin\"\npath = \"/admin/\"\nallow = [\"10.8.0.0/16\"]   # the VPN",
		Fix:  "Add allow = [...] with the office or VPN ranges to the admin route.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/contrib/admin/",
		},
	},
	Run: func(p *analysis.Pass) {
		c := configTarget.Of(p)
		if c == nil {
			return
		}
		for i, r := range c.Routes {
			admin := strings.Contains(strings.ToLower(r.Name), "admin") || strings.Contains(strings.ToLower(r.Path), "admin")
			if admin && len(r.Allow) == 0 && !r.Login {
				p.Reportf(configLoc(c, "path", c.tableLine("route", i)), "route %q reaches the admin from any address", r.Name)
			}
		}
	},
}
