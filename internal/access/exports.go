package access

import (
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
