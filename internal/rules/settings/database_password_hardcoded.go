package settings

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// DatabasePasswordHardcoded finds database passwords written in settings.
var DatabasePasswordHardcoded = &analysis.Rule{
	ID: "DJS401", Name: "database-password-hardcoded",
	Supersedes: []string{"DJK106", "DJK107"}, // the secrets scanner finds the same literal; this finding says which setting and module
	Severity:   report.High, Confidence: report.HighConfidence,
	CWE: []int{798, 259}, Checklist: []int{3, 4},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A database password is written in the settings",
		What: "Reports a non-empty DATABASES[...][\"PASSWORD\"] that is a literal of the settings, including the " +
			"literal default of an environment lookup and the password inside a default database URL " +
			"(env.db(default=...), dj_database_url.config(default=...)). A database on localhost (or without a HOST) " +
			"is a developer's: its password is medium, and low when it is the fallback of an environment lookup, the user name " +
			"again or a password services ship with (postgres). A fallback that the project's compose files or Dockerfiles give a service " +
			"as its credential (POSTGRES_PASSWORD: the same value) is low: it lets the application reach the stack's own database, which " +
			"is where the value is reported (DJI205).",
		Why: "Whoever reads the repository, its history or a built image gets the database password; it cannot " +
			"be rotated without a code change, and the same value tends to reach every environment.",
		Bad:        "DATABASES = {\"default\": {..., \"PASSWORD\": \"shopfront123\"}}",
		Good:       "DATABASES = {\"default\": env.db(\"DATABASE_URL\")}",
		Fix:        "Read the password (or the whole database URL) from the environment or a secrets manager without a default, and rotate the committed one.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/settings/#password"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			for _, d := range databases(e) {
				if d.sqlite() {
					continue
				}
				c, ok := d.field("PASSWORD")
				if !ok || !c.V.Literal || c.V.S == "" {
					continue
				}
				msg := hardcoded("the password of database \""+d.alias+"\"", c)
				if h, ok := d.field("HOST"); ok && localHost(h.V.S) || d.v.Get("HOST") == nil {
					// The database is on this machine: a fallback for
					// a developer's database is a development password.
					diag := pendingAt(c, msg+" (a database on localhost)")
					diag.Severity = report.Medium
					user, _ := d.field("USER")
					if c.FromEnv() || devPasswords[strings.ToLower(c.V.S)] || user.V != nil && strings.EqualFold(user.V.S, c.V.S) {
						diag.Severity = report.Low
						diag.Message = msg + ", a development default for a database on localhost; do not reuse it in production"
					}
					r.add(diag)
					continue
				}
				if r.stackFallback(pass.Project, c, c.V.S, msg) {
					continue
				}
				r.at(c, msg)
			}
		})
	},
}
