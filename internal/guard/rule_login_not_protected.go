package guard

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// LoginNotProtected finds a configuration that never bans: no login route.
var LoginNotProtected = &analysis.Rule{
	ID: "DJG004", Name: "login-not-protected",
	Severity: report.Medium, Confidence: report.MediumConfidence,
	CWE: []int{307}, Checklist: []int{5, 13},
	Scope: analysis.Guard,
	Doc: analysis.Doc{
		Title: "The guard has no login route: failed logins never lead to a ban",
		What:  "A configuration where no [[route]] has login = true and never-served paths do not count either (bans.blocked_paths).",
		Why:   "Bans are made from failed logins seen in the application's answers. Without a login route, password guessing is only rate limited.",
		Bad:   "[[route]]\npath = \"/accounts/login/\"\nrate = \"10r/m\"",
		Good:  "[[route]]\npath = \"/accounts/login/\"\nrate = \"10r/m\"\nlogin = true",
		Fix:   "Mark the login form and token endpoints with login = true (djsec guard init finds them in the URLconf).",
		References: []string{
			"https://owasp.org/www-community/controls/Blocking_Brute_Force_Attacks",
		},
	},
	Run: func(p *analysis.Pass) {
		c := configTarget.Of(p)
		if c == nil || c.Bans.BlockedPaths {
			return
		}
		for _, r := range c.Routes {
			if r.Login {
				return
			}
		}
		p.Reportf(report.Location{Path: c.Path, Line: 1, Column: 1}, "no route has login = true: failed logins are never counted and nobody is banned")
	},
}
