package settings

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// DebugEnabled finds DEBUG = True in production settings, or DEBUG that is
// True whenever an environment variable is unset.
var DebugEnabled = &analysis.Rule{
	ID: "DJS101", Name: "debug-enabled",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{489, 215}, Checklist: []int{3, 9},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "DEBUG is enabled in production settings",
		What: "Reports DEBUG when a production settings module sets it to a true value, or when it reads an " +
			"environment variable whose default makes it true (`os.environ.get(\"DJANGO_DEBUG\", \"True\") == \"True\"`, " +
			"`env.bool(\"DEBUG\", default=True)`, `config(\"DEBUG\", default=True, cast=bool)`). Local, dev and test " +
			"settings modules are left alone. This is check --deploy's security.W018, with the file and line.",
		Why: "With DEBUG on, every error page shows the settings (with secrets partly masked), the SQL run, local " +
			"variables and the source around the failing line; Django keeps every SQL query in memory; and static " +
			"error pages turn into a map of the application for an attacker.",
		Bad:  "DEBUG = os.environ.get(\"DJANGO_DEBUG\", \"True\") == \"True\"",
		Good: "DEBUG = os.environ.get(\"DJANGO_DEBUG\", \"False\") == \"True\"",
		Fix:  "Default DEBUG to False and enable it only in local settings or through an environment variable set on developer machines.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#debug",
			"https://docs.djangoproject.com/en/stable/ref/settings/#debug",
		},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			if c, ok := st.Holds(e.Value("DEBUG"), isTrue); ok {
				r.at(c, "DEBUG is "+c.V.Repr()+c.When())
			}
		})
	},
}
