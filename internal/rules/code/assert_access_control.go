package code

import (
	"regexp"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// AssertAccessControl finds access checks written as assert statements.
var AssertAccessControl = &analysis.Rule{
	ID:         "DJC211",
	Name:       "assert-access-control",
	Severity:   report.High,
	Confidence: report.HighConfidence,
	CWE:        []int{617, 285},
	Checklist:  []int{5},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "An access check is written as an assert",
		What: "Reports assert statements that test the user: request.user, is_authenticated, is_staff, " +
			"is_superuser, has_perm, or ownership comparisons with the user. Asserts about types and internal " +
			"invariants, and asserts in tests, are not reported.",
		Why: "Python drops assert statements when run with -O (PYTHONOPTIMIZE), which some deployments set: the " +
			"check vanishes and everyone passes.",
		Bad:  "assert request.user.is_staff",
		Good: "if not request.user.is_staff:\n    raise PermissionDenied",
		Fix:  "Raise PermissionDenied (or return 403) in an if statement, or use permission decorators and mixins.",
		References: []string{"https://docs.python.org/3/reference/simple_stmts.html#the-assert-statement",
			"https://cwe.mitre.org/data/definitions/617.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		for _, m := range prog.Modules {
			if inTests(m) {
				continue
			}
			for _, a := range m.Index().Asserts {
				if t := m.Text(a.Test); authCheck.MatchString(t) {
					pass.Reportf(m.Location(a), "access check %q is an assert, which python -O removes", t)
				}
			}
		}
	},
}

var authCheck = regexp.MustCompile(`\.user\b|is_authenticated|is_staff|is_superuser|has_perm|is_owner|\.owner\b|permission`)
