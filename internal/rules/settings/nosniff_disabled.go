package settings

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// NosniffDisabled finds SECURE_CONTENT_TYPE_NOSNIFF turned off.
var NosniffDisabled = &analysis.Rule{
	ID: "DJS212", Name: "nosniff-disabled",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{430}, Checklist: []int{7},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "X-Content-Type-Options: nosniff is turned off",
		What: "Reports SECURE_CONTENT_TYPE_NOSNIFF set to a false value (check --deploy's security.W006). Unset keeps " +
			"Django's default True.",
		Why: "Without nosniff, browsers may guess that an uploaded text or image file is HTML or JavaScript and run " +
			"it in the site's origin.",
		Bad:        "SECURE_CONTENT_TYPE_NOSNIFF = False",
		Good:       "SECURE_CONTENT_TYPE_NOSNIFF = True",
		Fix:        "Remove the setting or set SECURE_CONTENT_TYPE_NOSNIFF = True.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/settings/#secure-content-type-nosniff"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			if c, ok := st.Check(e.Value("SECURE_CONTENT_TYPE_NOSNIFF"), isFalse); ok {
				r.at(c, "SECURE_CONTENT_TYPE_NOSNIFF is "+c.V.Repr()+c.When()+", so browsers may run uploaded files as scripts (security.W006)")
			}
		})
	},
}
