package guard

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// LoginBruteForce is reported by the ban control: a client banned for
// failed logins.
var LoginBruteForce = &analysis.Rule{
	ID: "DJG101", Name: "login-brute-force",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{307}, Checklist: []int{5, 10, 13},
	Scope: analysis.Guard,
	Doc: analysis.Doc{
		Title: "A client failed enough logins to be banned",
		What:  "One finding per client and login route that the guard banned since it started, with the number of bans; the latest ban says until when.",
		Why:   "Repeated failed logins are password guessing or credential stuffing. The ban stops this client; the accounts it tried may need attention.",
		Bad:   "203.0.113.9 POST /accounts/login/ → 200 (the form again) × 5 within 10 minutes",
		Good:  "the client is banned; repeated bans last longer (factor), up to max_bantime",
		Fix:   "Keep the ban. Look at the accounts the client tried (the application's logs); require a second factor for staff.",
		References: []string{
			"https://owasp.org/www-community/attacks/Credential_stuffing",
		},
	},
}
