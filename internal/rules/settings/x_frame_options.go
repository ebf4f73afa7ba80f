package settings

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// XFrameOptionsNotDeny finds X_FRAME_OPTIONS set to something weaker than DENY.
var XFrameOptionsNotDeny = &analysis.Rule{
	ID: "DJS209", Name: "x-frame-options-not-deny",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{1021}, Checklist: []int{8},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "X_FRAME_OPTIONS allows framing",
		What: "When XFrameOptionsMiddleware is listed, reports an X_FRAME_OPTIONS other than \"DENY\" (check --deploy's " +
			"security.W019). \"SAMEORIGIN\" is low severity; values browsers do not understand (\"ALLOWALL\", " +
			"\"ALLOW-FROM ...\") leave pages frameable by anyone and are medium.",
		Why: "A page that can be framed by another site can be overlaid with a decoy so that a user's clicks land on " +
			"its buttons (clickjacking).",
		Bad:        "X_FRAME_OPTIONS = \"ALLOWALL\"",
		Good:       "X_FRAME_OPTIONS = \"DENY\"",
		Fix:        "Leave X_FRAME_OPTIONS at \"DENY\" and allow framing per view with @xframe_options_sameorigin where needed, or use a CSP frame-ancestors directive.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/clickjacking/"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			_, mw, _, ok := middleware(e)
			if !ok || hasMiddleware(mw, func(l string) bool { return l == "XFrameOptionsMiddleware" }) < 0 {
				return
			}
			c, ok := st.Check(e.Value("X_FRAME_OPTIONS"), func(v *st.Value) bool {
				return v.Kind == st.Str && !strings.EqualFold(v.S, "DENY")
			})
			if !ok {
				return
			}
			d := pendingAt(c, "X_FRAME_OPTIONS is "+c.V.Repr()+c.When()+", so pages can be framed (security.W019)")
			if !strings.EqualFold(c.V.S, "SAMEORIGIN") {
				d.Message = "X_FRAME_OPTIONS is " + c.V.Repr() + c.When() + ", which browsers ignore, so any site can frame the pages (security.W019)"
				d.Severity = report.Medium
			}
			r.add(d)
		})
	},
}
