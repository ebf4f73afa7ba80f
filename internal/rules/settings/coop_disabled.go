package settings

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// COOPDisabled finds a Cross-Origin-Opener-Policy that is turned off.
var COOPDisabled = &analysis.Rule{
	ID: "DJS211", Name: "coop-disabled",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{1021}, Checklist: []int{8},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Cross-Origin-Opener-Policy is turned off",
		What: "Reports SECURE_CROSS_ORIGIN_OPENER_POLICY set to None or \"unsafe-none\". Unset keeps Django's " +
			"default \"same-origin\" and is not reported.",
		Why: "Without COOP a page opened from another site shares a browsing context group with it, which enables " +
			"cross-window attacks (tabnabbing, XS-Leaks) and keeps Spectre-style side channels open.",
		Bad:        "SECURE_CROSS_ORIGIN_OPENER_POLICY = None",
		Good:       "SECURE_CROSS_ORIGIN_OPENER_POLICY = \"same-origin\"",
		Fix:        "Leave SECURE_CROSS_ORIGIN_OPENER_POLICY at \"same-origin\", or use \"same-origin-allow-popups\" when the site opens payment or OAuth pop-ups.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/middleware/#cross-origin-opener-policy"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			if c, ok := st.Check(e.Value("SECURE_CROSS_ORIGIN_OPENER_POLICY"), func(v *st.Value) bool {
				return v.Kind == st.None || v.Kind == st.Str && strings.EqualFold(v.S, "unsafe-none")
			}); ok {
				r.at(c, "SECURE_CROSS_ORIGIN_OPENER_POLICY is "+c.V.Repr()+c.When()+", so other sites can keep a handle on the site's windows")
			}
		})
	},
}
