package code

import (
	"fmt"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/rules/infra"
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
			"invariants, asserts that the user lacks a privilege (assert not request.user.is_authenticated after logout()), and asserts in tests and management commands (which operators run from a shell), are not reported; \"assert request.user.is_authenticated\" in a " +
			"function with type annotations, the django-stubs idiom that narrows the user's type, is reported as low. So is an " +
			"assert in a function given no request (a billing session's constructor, a helper), where the views that call it " +
			"decide access, and one that restates a check made before it: an earlier if of the function that returns or raises when the " +
			"same test fails, or when the user lacks a privilege (if not request.user.is_staff, has_perm(...), or a method of the user " +
			"asking its role: if not request.user.is_administrator_or_moderator(): raise PermissionDenied), the same refusal in the has_permission of a permission class whose has_object_permission asserts it " +
			"(DRF runs has_permission first), or a login that every route of the view requires through a decorator, a mixin or a " +
			"permission class. Names and constants that only say \"permission\" (assert setting in PERMISSION_SETTINGS) and keys of a " +
			"dict the code builds are invariants, not checks.",
		Why: "Python drops assert statements when run with -O (PYTHONOPTIMIZE), which some deployments set: the " +
			"check vanishes and everyone passes. The finding is high where a deployment file of the project sets it, medium where none does.",
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
				if !readsAccess(a.Test) || typeNarrowing(a.Test) || demandsLess(a.Test) {
					continue
				}
				if parents == nil {
					parents = python.Parents(m.Tree())
				}
				if at, ok := a.Test.(*python.Attribute); ok && at.Attr == "is_authenticated" {
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
				if why := redundantAssert(pass, m, parents, a); why != "" {
					pass.Report(analysis.Diagnostic{
						Location: m.Location(a),
						Severity: report.Low,
						Message:  fmt.Sprintf("access check %q is an assert, which python -O removes; %s, so the assert only restates it", t, why),
					})
					continue
				}
				if fn := enclosingFunc(parents, a); fn != nil && !handlesRequest(fn) && !strings.Contains(t, "request") {
					pass.Report(analysis.Diagnostic{
						Location: m.Location(a),
						Severity: report.Low,
						Message: fmt.Sprintf("access check %q is an assert, which python -O removes; %s takes no request, so "+
							"the views that call it decide access: make sure each of them checks with an if", t, fn.Name),
					})
					continue
				}
				d := analysis.Diagnostic{Location: m.Location(a), Message: fmt.Sprintf("access check %q is an assert, which python -O removes", t)}
				if where, ok := infra.OptimizedPython(pass.Project); ok {
					d.Message += fmt.Sprintf(", and %s runs Python so: the check is gone and everyone passes", access.Where(where))
				} else {
					// latent: the check holds until someone sets
					// PYTHONOPTIMIZE, which one line of any deployment does
					d.Severity = report.Medium
					d.Message += "; no deployment file of the project runs Python with -O or PYTHONOPTIMIZE today, but one setting anywhere removes the check"
				}
				pass.Report(d)
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

// demandsLess reports an assert that the user lacks a privilege: assert
// not request.user.is_authenticated after logout(), assert not
// user.is_staff. Without it only users with more privilege pass too, so
// python -O lets no one in who was kept out. not is_anonymous is the
// login check itself and stays reported.
func demandsLess(e python.Expr) bool {
	u, ok := e.(*python.UnaryOp)
	if !ok || u.Op != python.Not {
		return false
	}
	a, ok := u.Operand.(*python.Attribute)
	return ok && (a.Attr == "is_authenticated" || a.Attr == "is_staff" || a.Attr == "is_superuser")
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

// readsAccess reports a test that reads an access decision: .is_staff,
// .is_authenticated, .owner, a comparison with a user (obj.user ==
// request.user), or a call of has_perm, has_permission, is_superuser. A name or a
// constant that merely says "permission" (permission_setting in
// GROUP_PERMISSION_SETTINGS) or a key of a dict the code builds
// (state["is_owner"]) is an invariant of the code, not a check of anyone.
func readsAccess(test python.Expr) bool {
	found := false
	python.Inspect(test, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.Attribute:
			found = found || accessAttrs[x.Attr]
		case *python.Compare:
			// obj.user == request.user, obj.user_id != request.user.id;
			// request.user.tos_version == ... reads a field, not who
			for _, side := range append([]python.Expr{x.Left}, x.Comparators...) {
				if a, ok := side.(*python.Attribute); ok && (a.Attr == "id" || a.Attr == "pk") {
					side = a.Value
				}
				if a, ok := side.(*python.Attribute); ok && (a.Attr == "user" || a.Attr == "user_id") {
					found = true
				}
			}
		case *python.Call:
			name := ""
			switch f := x.Func.(type) {
			case *python.Attribute:
				name = f.Attr
			case *python.Name:
				name = f.ID
			}
			switch {
			case strings.HasPrefix(name, "has_perm"), strings.Contains(name, "permission"),
				name == "is_superuser", name == "is_staff", name == "is_admin", name == "is_owner":
				found = true
			case name == "getattr" && len(x.Args) > 1:
				// getattr(request.user, "is_superuser", False)
				attr, _ := constStr(x.Args[1])
				found = found || accessAttrs[attr]
			}
		}
		return !found
	})
	return found
}

// accessAttrs are the attributes that say who the user is or what they
// may do.
var accessAttrs = map[string]bool{"is_authenticated": true, "is_anonymous": true, "is_staff": true, "is_superuser": true,
	"is_owner": true, "owner": true}

// enclosingFunc returns the function whose body holds n, or nil.
func enclosingFunc(parents map[python.Node]python.Node, n python.Node) *python.FunctionDef {
	for p := parents[n]; p != nil; p = parents[p] {
		if d, ok := p.(*python.FunctionDef); ok {
			return d
		}
	}
	return nil
}

// handlesRequest reports a function that is given the request, or a
// method of a class (a view, a permission class) that may read
// self.request.
func handlesRequest(fn *python.FunctionDef) bool {
	a := fn.Args
	for _, list := range [][]*python.Arg{a.Posonlyargs, a.Args, a.Kwonlyargs} {
		for _, x := range list {
			if x.Arg == "request" || x.Arg == "req" {
				return true
			}
		}
	}
	found := false
	python.Inspect(fn, func(n python.Node) bool {
		if at, ok := n.(*python.Attribute); ok && at.Attr == "request" {
			found = true
		}
		return !found
	})
	return found
}

// redundantAssert says what already refuses every request the assert
// would stop, or returns "": an earlier if of the same function that
// returns or raises when the test fails; for a permission class's
// has_object_permission, the same refusal in its has_permission, which
// DRF runs first; for an assert of the login in a view, a login that
// every route of the view requires by other means (a decorator, a mixin,
// a permission class).
func redundantAssert(pass *analysis.Pass, m *taint.Module, parents map[python.Node]python.Node, a *python.Assert) string {
	fn := enclosingFunc(parents, a)
	if fn == nil {
		return ""
	}
	t := m.Text(a.Test)
	for _, s := range fn.Body {
		if s.Pos() >= a.Pos() {
			break
		}
		if refusesUnlessText(m, s, t) {
			return fmt.Sprintf("line %d refuses the request first when it fails", m.Line(s))
		}
		if refusesUnprivileged(s) {
			// if not request.user.is_administrator_or_moderator(): raise
			// PermissionDenied, then assert request.user not in editors:
			// what the assert adds is checked among the privileged
			return fmt.Sprintf("line %d refuses every user without the privilege first", m.Line(s))
		}
	}
	if fn.Name == "has_object_permission" {
		if c, ok := parents[fn].(*python.ClassDef); ok {
			for _, st := range c.Body {
				if d, ok := st.(*python.FunctionDef); ok && d.Name == "has_permission" && slices.ContainsFunc(d.Body, func(s python.Stmt) bool {
					return refusesUnlessText(m, s, t)
				}) {
					return "has_permission, which DRF runs before it, refuses the request when it fails"
				}
			}
		}
	}
	if !strings.Contains(t, "is_authenticated") {
		return ""
	}
	routes := routesTo(access.Analyze(pass.Project), m, fn)
	at := m.Location(a)
	for _, r := range routes {
		switch access.Kind(r.Auth.Value) {
		case access.Login, access.Staff, access.Superuser, access.Permission:
		default:
			return ""
		}
		if r.Auth.Where.Path == at.Path && r.Auth.Where.Line == at.Line {
			return "" // the assert is the route's only login check
		}
	}
	if len(routes) == 0 {
		return ""
	}
	return "every route of the view requires a login already (" + routes[0].Auth.Detail + ")"
}

// refusesUnprivileged reports an if that raises or returns unless the
// requesting user holds a privilege: if not request.user.is_staff,
// if not request.user.has_perm(...), if not
// request.user.is_administrator_or_moderator() (a method of the user
// named as a question of its role).
func refusesUnprivileged(s python.Stmt) bool {
	test := access.ExitTest(s)
	u, ok := test.(*python.UnaryOp)
	if !ok || u.Op != python.Not {
		return false
	}
	switch access.UserCheck(u.Operand) {
	case access.Staff, access.Superuser, access.Permission:
		return true
	}
	c, ok := u.Operand.(*python.Call)
	if !ok {
		return false
	}
	a, ok := c.Func.(*python.Attribute)
	return ok && access.Dotted(a.Value) == "request.user" && roleQuestion().MatchString(a.Attr)
}

// roleQuestion matches a user's method that asks its role:
// is_administrator_or_moderator, is_admin, can_moderate, has_role.
var roleQuestion = lazyre.New(`^(is|can|has)_\w*(admin|moderat|staff|manag|editor|owner|superuser|role|privileg)\w*$`)

// refusesUnlessText reports an if whose test is not t (t the text of a
// test) and whose body ends by returning or raising: if not (user and
// user.is_authenticated): return False.
func refusesUnlessText(m *taint.Module, s python.Stmt, t string) bool {
	x, ok := s.(*python.If)
	if !ok || len(x.Body) == 0 {
		return false
	}
	switch x.Body[len(x.Body)-1].(type) {
	case *python.Return, *python.Raise:
	default:
		return false
	}
	u, ok := x.Test.(*python.UnaryOp)
	return ok && u.Op == python.Not && strings.Trim(m.Text(u.Operand), "() ") == t
}
