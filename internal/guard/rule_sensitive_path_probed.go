package guard

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// SensitivePathProbed is reported by the never-served paths control.
var SensitivePathProbed = &analysis.Rule{
	ID: "DJG102", Name: "sensitive-path-probed",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{538}, Checklist: []int{6, 10},
	Scope: analysis.Guard,
	Doc: analysis.Doc{
		Title: "A client asked for paths that must never be served (.env, .git, backups)",
		What:  "One finding per client that requested a path of [block] paths since the guard started; the guard answered 404.",
		Why:   "Scanners look for deployment secrets and source left in served directories. The guard refused them; the client is a scanner.",
		Bad:   "GET /.env, GET /.git/config, GET /db.sqlite3",
		Good:  "404 from the guard; with bans.blocked_paths = true, a ban after maxretry of them",
		Fix:   "Nothing to fix in the guard; set bans.blocked_paths = true to ban such clients, and keep secrets out of served directories.",
		References: []string{
			"https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/04-Review_Old_Backup_and_Unreferenced_Files_for_Sensitive_Information",
		},
	},
}
