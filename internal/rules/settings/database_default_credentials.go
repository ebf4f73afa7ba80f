package settings

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// superusers are the administrator accounts database servers ship with.
var superusers = map[string]bool{"postgres": true, "root": true, "sa": true, "admin": true, "mysql": true, "system": true, "sys": true}

// DatabaseDefaultCredentials finds the application connecting as the server's
// superuser or with an empty password over the network.
var DatabaseDefaultCredentials = &analysis.Rule{
	ID: "DJS402", Name: "database-default-credentials",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{250, 521}, Checklist: []int{3},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "The database user is a superuser or has no password",
		What: "Reports a DATABASES entry (not SQLite) whose USER is a default administrator account (postgres, " +
			"root, sa, admin, mysql, system), and one whose PASSWORD is empty while HOST is another machine. The administrator account is low " +
			"when it is only the fallback of a variable (USER = env(\"DB_USER\", \"postgres\"), which deployments set) or the database is on " +
			"the same machine (no HOST, localhost): a development setup's default.",
		Why: "A superuser can read every database on the server, run COPY ... TO PROGRAM or LOAD DATA, and turn one " +
			"SQL injection into control of the database server; an empty password lets anyone on the network in.",
		Bad:        "DATABASES = {\"default\": {\"USER\": \"postgres\", ...}}",
		Good:       "DATABASES = {\"default\": {\"USER\": \"shopfront_app\", ...}}",
		Fix:        "Create a dedicated database role that owns only the application's database, give it a strong password, and connect with it.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/settings/#user"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			for _, d := range databases(e) {
				if d.sqlite() {
					continue
				}
				if c, ok := d.field("USER"); ok && superusers[strings.ToLower(c.V.S)] {
					msg := "database \"" + d.alias + "\" connects as the administrator account \"" + c.V.S + "\"" + c.When()
					h, hasHost := d.field("HOST")
					switch {
					case c.FromEnv():
						// USER = env("DB_USER", "postgres"): the deployment
						// names its role; the fallback serves a developer's
						// database
						r.lowering("; it is the fallback of a variable a deployment sets: check that production names a dedicated role").at(c, msg)
					case !hasHost || localHost(h.V.S):
						r.lowering("; on a database of this machine, as a development setup has: check that production connects with a dedicated role").at(c, msg)
					default:
						r.at(c, msg)
					}
				}
				pw, ok := d.field("PASSWORD")
				if !ok || pw.V.S != "" {
					continue
				}
				if h, ok := d.field("HOST"); ok && !localHost(h.V.S) {
					r.at(pw, "database \""+d.alias+"\" on "+h.V.S+" has an empty password"+pw.When())
				}
			}
		})
	},
}
