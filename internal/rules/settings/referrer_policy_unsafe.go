package settings

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// ReferrerPolicyUnsafe finds a Referrer-Policy that is off or leaks full URLs.
var ReferrerPolicyUnsafe = &analysis.Rule{
	ID: "DJS210", Name: "referrer-policy-unsafe",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{200}, Checklist: []int{3, 8},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Referrer-Policy is off or sends full URLs to other sites",
		What: "Reports SECURE_REFERRER_POLICY set to None (check --deploy's security.W022) or to \"unsafe-url\" or " +
			"\"no-referrer-when-downgrade\", which send the full URL, query string included, to other sites. " +
			"Leaving it unset keeps Django's default \"same-origin\" and is not reported.",
		Why: "URLs carry tokens, search terms and identifiers (password reset links, invitation codes); a full " +
			"Referer header hands them to every third-party resource and outgoing link.",
		Bad:        "SECURE_REFERRER_POLICY = \"unsafe-url\"",
		Good:       "SECURE_REFERRER_POLICY = \"strict-origin-when-cross-origin\"",
		Fix:        "Leave SECURE_REFERRER_POLICY at its default \"same-origin\" or use \"strict-origin-when-cross-origin\".",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/middleware/#referrer-policy"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			c, ok := st.Check(e.Value("SECURE_REFERRER_POLICY"), func(v *st.Value) bool {
				if v.Kind == st.None {
					return true
				}
				var parts []string
				if v.Kind == st.Str {
					parts = strings.Split(v.S, ",")
				} else if ss, _, all := strList(v); all {
					parts = ss
				}
				for _, p := range parts {
					p = strings.ToLower(strings.TrimSpace(p))
					if p == "unsafe-url" || p == "no-referrer-when-downgrade" {
						return true
					}
				}
				return false
			})
			if !ok {
				return
			}
			if c.V.Kind == st.None {
				r.at(c, "SECURE_REFERRER_POLICY is None"+c.When()+", so no Referrer-Policy header is sent (security.W022)")
				return
			}
			r.at(c, "SECURE_REFERRER_POLICY is "+c.V.Repr()+c.When()+", which sends full URLs to other sites")
		})
	},
}
