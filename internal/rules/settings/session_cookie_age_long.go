package settings

import (
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

const twoWeeks = 1209600

// SessionCookieAgeLong finds sessions that live longer than two weeks.
var SessionCookieAgeLong = &analysis.Rule{
	ID: "DJS508", Name: "session-cookie-age-long",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{613}, Checklist: []int{12},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Sessions last longer than two weeks",
		What:  "Reports SESSION_COOKIE_AGE above 1209600 seconds (two weeks, Django's default).",
		Why: "A stolen session cookie stays usable for as long as the session lives; long sessions also keep " +
			"logins on shared and lost devices.",
		Bad:        "SESSION_COOKIE_AGE = 60 * 60 * 24 * 365",
		Good:       "SESSION_COOKIE_AGE = 60 * 60 * 24 * 7",
		Fix:        "Keep SESSION_COOKIE_AGE at two weeks or less; offer \"remember me\" by extending single sessions with request.session.set_expiry.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-age"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			if c, ok := st.Check(e.Value("SESSION_COOKIE_AGE"), func(v *st.Value) bool {
				n, ok := v.Int64()
				return ok && v.Kind == st.Int && n > twoWeeks
			}); ok {
				n, _ := c.V.Int64()
				r.at(c, fmt.Sprintf("SESSION_COOKIE_AGE is %d seconds (%d days), more than two weeks%s", n, n/86400, c.When()))
			}
		})
	},
}
