package settings

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// HSTSWithoutSubdomains finds HSTS that leaves subdomains out.
var HSTSWithoutSubdomains = &analysis.Rule{
	ID: "DJS204", Name: "hsts-without-subdomains",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{319}, Checklist: []int{2},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "HSTS does not cover subdomains",
		What: "Reports production settings that turn HSTS on but leave SECURE_HSTS_INCLUDE_SUBDOMAINS unset or " +
			"false (check --deploy's security.W005). The finding points at SECURE_HSTS_SECONDS.",
		Why: "An attacker on the network can use a plain-HTTP subdomain to set cookies for the parent domain " +
			"(cookie tossing) or to phish under a trusted name.",
		Bad:        "SECURE_HSTS_SECONDS = 31536000",
		Good:       "SECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True",
		Fix:        "Set SECURE_HSTS_INCLUDE_SUBDOMAINS = True once every subdomain serves HTTPS.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-include-subdomains"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			c, ok := hsts(e)
			if !ok {
				return
			}
			v, absent := setting(e, "SECURE_HSTS_INCLUDE_SUBDOMAINS")
			if absent {
				r.at(c, "HSTS is on but SECURE_HSTS_INCLUDE_SUBDOMAINS is not set (security.W005)")
				return
			}
			if f, ok := st.Check(v, isFalse); ok {
				r.at(f, "SECURE_HSTS_INCLUDE_SUBDOMAINS is "+f.V.Repr()+f.When()+" (security.W005)")
			}
		})
	},
}
