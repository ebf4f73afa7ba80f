package access

import (
	"slices"

	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/taint"
)

// Denies reports whether statements turn the request away: a 401, 403 or
// 404 answer, PermissionDenied, handle_no_permission(), a redirect to the
// login page, a project helper that does one of those (and `return False`
// when returnsFalse, the answer of
// has_permission and test_func).
func Denies(prog *taint.Program, m *taint.Module, stmts []python.Stmt, returnsFalse bool) bool {
	return denial(prog, m, stmts, returnsFalse)
}

// UserCheck returns the kind of check of the user an expression makes
// (is_authenticated, is_staff, has_perm, obj.owner == request.user), or "".
func UserCheck(e python.Expr) Kind { return userCheck(e) }

// Dotted returns the dotted name of an expression ("request.user.id"), or "".
func Dotted(e python.Expr) string { return dotted(e) }

// CalleeName returns the last name of what a call calls: set_password of
// self.user.set_password(...) or of set_password(...).
func CalleeName(e python.Expr) string { return calleeName(e) }

// DevTest reports what an if's test says of the site (devTest): 1 when it
// holds only in development or tests (settings.DEBUG), -1 when only
// outside them (not settings.DEBUG), 0 when it says neither.
func DevTest(e python.Expr) int { return devTest(e) }

// LookupFunc resolves a name, as module m writes it (a function of m's
// own included), to a project function, following re-exports and star
// imports.
func LookupFunc(prog *taint.Program, m *taint.Module, q string) *taint.Func {
	return lookupFunc(prog, m, q)
}

// LookupClass resolves a qualified name, as module m writes it, to a
// project class, following re-exports and star imports.
func LookupClass(prog *taint.Program, m *taint.Module, q string) *taint.Class {
	return lookupClass(prog, m, q)
}

// GuardedBranch reports whether the statements an if with this test runs
// run only for a logged-in user (if request.user.is_authenticated:, if not
// request.user.is_anonymous:) or only for whoever holds a secret the
// request carries: what they change is not anyone's to change.
func GuardedBranch(test python.Expr) bool { return requiresUser(test) || secretLookup(test) }

// PrivilegedTest reports a condition that holds only for a requester
// with more than a login: staff, a superuser, a permission, or a role the
// project keeps on the user (request.user.is_org_faculty,
// request.user.profile.is_editor).
func PrivilegedTest(e python.Expr) bool {
	switch userCheck(e) {
	case Staff, Superuser, Permission:
		return true
	}
	return userRole(nil, e)
}

// PrivilegedBranch reports whether the body of an if with this test runs
// only for a privileged requester (PrivilegedTest): if
// request.user.is_staff:, if user.is_staff is True and obj:, but not if
// not request.user.is_staff: nor if request.user.is_staff or obj.public:.
func PrivilegedBranch(test python.Expr) bool {
	switch x := test.(type) {
	case *python.UnaryOp:
		return false
	case *python.BoolOp:
		if x.Op == python.And {
			return slices.ContainsFunc(x.Values, PrivilegedBranch)
		}
		for _, v := range x.Values {
			if !PrivilegedBranch(v) {
				return false
			}
		}
		return len(x.Values) > 0
	case *python.Compare:
		if b, ok := boolCompare(x); ok {
			return b && PrivilegedBranch(x.Left)
		}
		return false
	}
	return PrivilegedTest(test)
}

// PrivilegedExit reports an if without else whose body returns or raises
// and whose test fails only for a privileged requester (if not
// request.user.is_staff or request.method != "GET": return ...): the
// statements after it run for such requesters alone.
func PrivilegedExit(s python.Stmt) bool {
	x, ok := s.(*python.If)
	if !ok || len(x.Orelse) > 0 || len(x.Body) == 0 {
		return false
	}
	switch x.Body[len(x.Body)-1].(type) {
	case *python.Return, *python.Raise:
	default:
		return false
	}
	return deniesUnprivileged(x.Test)
}

// deniesUnprivileged reports a test that holds for every requester
// without the privilege: not P, P is False, or an or with such an operand.
func deniesUnprivileged(test python.Expr) bool {
	switch x := test.(type) {
	case *python.UnaryOp:
		return x.Op == python.Not && PrivilegedBranch(x.Operand)
	case *python.BoolOp:
		return x.Op == python.Or && slices.ContainsFunc(x.Values, deniesUnprivileged)
	case *python.Compare:
		if b, ok := boolCompare(x); ok {
			return !b && PrivilegedBranch(x.Left)
		}
	}
	return false
}

// boolCompare returns what a comparison with a boolean literal asks the
// left side to be: x is True and x == True give true, x is False and x !=
// True give false; ok is false for any other comparison.
func boolCompare(x *python.Compare) (want, ok bool) {
	if len(x.Ops) != 1 {
		return false, false
	}
	c, isConst := x.Comparators[0].(*python.Constant)
	if !isConst {
		return false, false
	}
	b, isBool := c.Value.(bool)
	if !isBool {
		return false, false
	}
	switch x.Ops[0] {
	case python.Eq, python.Is:
		return b, true
	case python.NotEq, python.IsNot:
		return !b, true
	}
	return false, false
}

// AnonymousExit reports a statement that returns or raises for anonymous
// visitors (if not request.user.is_authenticated: return ...): what
// follows it runs for logged-in users only.
func AnonymousExit(s python.Stmt) bool { return anonymousExit(s) }

// ExitTest returns the test of an if without else whose branch ends by
// returning or raising (exitTest), or nil: what follows the if runs only
// when the test fails.
func ExitTest(s python.Stmt) python.Expr { return exitTest(s) }

// RequesterAssigned reports a statement that sets an attribute of a row
// to the requesting user (form.instance.owner = request.user): Django
// refuses an AnonymousUser there, so what follows runs for a logged-in
// user only.
func RequesterAssigned(s python.Stmt) bool { return requesterAssigned(s) }

// LogRow reports a row added to a model that logs what visitors did
// (DownloadLog.objects.create(...)) or to a model of an app that counts
// them (stats.models.Record): a record of the request, not a change a
// visitor makes to the site's data.
func LogRow(m *taint.Module, c *python.Call) bool { return logRow(m, c) }
