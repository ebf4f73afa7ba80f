package settings

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// HSTSWithoutPreload finds a complete HSTS policy that does not ask for
// preloading.
var HSTSWithoutPreload = &analysis.Rule{
	ID: "DJS205", Name: "hsts-without-preload",
	Severity: report.Info, Confidence: report.HighConfidence,
	CWE: []int{319}, Checklist: []int{2},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "HSTS policy is not marked for preloading",
		What: "Reports production settings with HSTS of a year or more covering subdomains but without " +
			"SECURE_HSTS_PRELOAD = True (check --deploy's security.W021). Shorter or partial policies are " +
			"reported by DJS203 and DJS204 instead.",
		Why: "Until a domain is in the browsers' preload list, the very first visit of each browser can still be " +
			"downgraded to HTTP.",
		Bad:        "SECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True",
		Good:       "SECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSECURE_HSTS_PRELOAD = True",
		Fix:        "Set SECURE_HSTS_PRELOAD = True and submit the domain at hstspreload.org.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-preload", "https://hstspreload.org/"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			c, ok := hsts(e)
			if n, _ := c.V.Int64(); !ok || n < oneYear {
				return
			}
			if _, ok := st.Check(e.Value("SECURE_HSTS_INCLUDE_SUBDOMAINS"), isTrue); !ok {
				return
			}
			v, absent := setting(e, "SECURE_HSTS_PRELOAD")
			if absent {
				r.at(c, "HSTS is not marked for preloading: SECURE_HSTS_PRELOAD is not set (security.W021)")
			} else if f, ok := st.Check(v, isFalse); ok {
				r.at(f, "SECURE_HSTS_PRELOAD is "+f.V.Repr()+f.When()+" (security.W021)")
			}
		})
	},
}
