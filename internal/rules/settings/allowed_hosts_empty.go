package settings

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// AllowedHostsEmpty finds an empty ALLOWED_HOSTS in production settings.
var AllowedHostsEmpty = &analysis.Rule{
	ID: "DJS104", Name: "allowed-hosts-empty",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{16}, Checklist: []int{3},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "ALLOWED_HOSTS is empty in production settings",
		What: "Reports production settings whose ALLOWED_HOSTS is empty or not set (check --deploy's security.W020), " +
			"or empty whenever an environment variable is unset.",
		Why: "With DEBUG off, Django rejects every request when ALLOWED_HOSTS is empty, which tempts operators into " +
			"the quick fix of [\"*\"]; when the list really comes from elsewhere, the settings do not say so.",
		Bad:        "ALLOWED_HOSTS = env.list(\"ALLOWED_HOSTS\", default=[])",
		Good:       "ALLOWED_HOSTS = env.list(\"ALLOWED_HOSTS\")",
		Fix:        "Set ALLOWED_HOSTS to the site's domain names, or read it from a required environment variable.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			v, absent := setting(e, "ALLOWED_HOSTS")
			if absent {
				r.missing("ALLOWED_HOSTS is not set, so Django rejects every request when DEBUG is off")
				return
			}
			if c, ok := st.Check(v, func(v *st.Value) bool { return v.IsSeq() && len(v.Elems) == 0 }); ok {
				r.at(c, "ALLOWED_HOSTS is empty"+c.When())
			}
		})
	},
}
