package code

import (
	"fmt"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
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
			"is_superuser, has_perm, or ownership comparisons with the user. Asserts about types (isinstance, is not None, assert self.user), about a class's " +
			"attributes (hasattr(self.Meta, \"permissions\")) and internal " +
			"invariants, and asserts in tests and management commands (which operators run from a shell), are not reported; \"assert request.user.is_authenticated\" in a " +
			"function with type annotations, the django-stubs idiom that narrows the user's type, is reported as low.",
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
		for _, m := range appModules(pass, prog) {
			if managementCommand(m) {
				continue // run by whoever has a shell on the server
			}
			var parents map[python.Node]python.Node
			for _, a := range m.Index().Asserts {
				t := m.Text(a.Test)
				if !authCheck().MatchString(t) || typeNarrowing(a.Test) {
					continue
				}
				if at, ok := a.Test.(*python.Attribute); ok && at.Attr == "is_authenticated" {
					if parents == nil {
						parents = python.Parents(m.Tree())
					}
					if typed(parents, a) {
						pass.Report(analysis.Diagnostic{
							Location:   m.Location(a),
							Severity:   report.Low,
							Confidence: report.LowConfidence,
							Message: fmt.Sprintf("access check %q is an assert, which python -O removes; in annotated code it "+
								"usually narrows the user's type for the type checker: make sure the view is also protected "+
								"by login_required or a mixin", t),
						})
						continue
					}
				}
				pass.Reportf(m.Location(a), "access check %q is an assert, which python -O removes", t)
			}
		}
	},
}

// managementCommand reports a module of a management command
// (app/management/commands/), which operators run from a shell on the
// server: no request reaches it.
func managementCommand(m *taint.Module) bool {
	return strings.Contains("/"+m.File.Path, "/management/commands/")
}

// typeNarrowing reports whether an assert only tells the type checker what
// a value is: isinstance(request.user, User), request.user is not None.
func typeNarrowing(e python.Expr) bool {
	switch x := e.(type) {
	case *python.Name, *python.Attribute:
		// assert self.user: the object is there (not None); an anonymous
		// user is a true value too, so this decides no access
		if a, ok := x.(*python.Attribute); ok && strings.HasPrefix(a.Attr, "is_") {
			return false // assert request.user.is_staff
		}
		return true
	case *python.UnaryOp:
		if x.Op == python.Not {
			switch o := x.Operand.(type) {
			case *python.Name:
				return true
			case *python.Attribute:
				return !strings.HasPrefix(o.Attr, "is_")
			}
		}
	case *python.Call:
		// hasattr(self.Meta, "permissions"): the developer's class has
		// the attribute, which the next line would read anyway
		if n, ok := x.Func.(*python.Name); ok && (n.ID == "isinstance" || n.ID == "issubclass" || n.ID == "hasattr") {
			return true
		}
	case *python.Compare:
		if len(x.Ops) == 1 && (x.Ops[0] == python.Is || x.Ops[0] == python.IsNot) {
			if c, ok := x.Comparators[0].(*python.Constant); ok && c.Value == (python.None{}) {
				return true
			}
		}
	case *python.BoolOp:
		if x.Op == python.And {
			for _, v := range x.Values {
				if !typeNarrowing(v) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// typed reports whether the function around n has type annotations: there
// "assert request.user.is_authenticated" is django-stubs' way to narrow
// the user from AnonymousUser to the project's User.
func typed(parents map[python.Node]python.Node, n python.Node) bool {
	for p := parents[n]; p != nil; p = parents[p] {
		if d, ok := p.(*python.FunctionDef); ok {
			if d.Returns != nil {
				return true
			}
			a := d.Args
			for _, list := range [][]*python.Arg{a.Posonlyargs, a.Args, a.Kwonlyargs} {
				for _, x := range list {
					if x.Annotation != nil {
						return true
					}
				}
			}
			return false
		}
	}
	return false
}

var authCheck = lazyre.New(`\.user\b|is_authenticated|is_staff|is_superuser|has_perm|is_owner|\.owner\b|permission`)
