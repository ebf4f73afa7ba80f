package access

import (
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/taint"
)

// classDecorator reads a decorator written as a class. Its __call__, its
// own or a base's, calls the function it wraps when a method of the
// decorator says yes, and answers by itself otherwise; the method is found
// from the decorator's own class, so that each subclass's check counts:
//
//	class BasePermissionDecorator:
//	    def __init__(self, func):
//	        self.func = func
//	    def __call__(self, *args, **kwargs):
//	        self.request = args[1]
//	        if self.check_permission():
//	            return self.func(*args, **kwargs)
//	        return self.error("Please login first")
//
//	class super_admin_required(BasePermissionDecorator):
//	    def check_permission(self):
//	        return self.request.user.is_authenticated and self.request.user.is_super_admin()
//
// Whatever the answer's status, the view does not run for those turned
// away.
func (a *analyzer) classDecorator(c *taint.Class) (Guard, bool) {
	call, init := a.method(c, "__call__"), a.method(c, "__init__")
	if call == nil || init == nil {
		return Guard{}, false
	}
	wrapped := wrappedAttrs(init.Def())
	if len(wrapped) == 0 {
		return Guard{}, false
	}
	body := call.Def().Body
	for i, s := range body {
		x, ok := s.(*python.If)
		if !ok {
			continue
		}
		name, neg := selfPredicate(x.Test)
		if name == "" {
			continue
		}
		check := a.method(c, name)
		if check == nil {
			continue
		}
		k := a.calleeKind(check, 0)
		if !isGuard(k) {
			continue
		}
		pass, fail := x.Body, x.Orelse
		if neg {
			pass, fail = fail, pass
		}
		if len(pass) == 0 {
			pass = body[i+1:]
		}
		if len(fail) == 0 {
			fail = body[i+1:]
		}
		if !callsWrapped(pass, wrapped) || callsWrapped(fail, wrapped) || !returns(fail) && !raises(fail) {
			continue
		}
		return Guard{Kind: k, What: lastName(c.QName) + ": " + checkWhat(k) + " in " + name + "()",
			Where: defLocation(check.Module, check.Def())}, true
	}
	return Guard{}, false
}

// selfPredicate returns the method a test asks (self.check_permission(),
// or not self.check_permission(), then neg is true), or "".
func selfPredicate(test python.Expr) (name string, neg bool) {
	if u, ok := test.(*python.UnaryOp); ok && u.Op == python.Not {
		test, neg = u.Operand, true
	}
	c, ok := test.(*python.Call)
	if !ok {
		return "", false
	}
	f, ok := c.Func.(*python.Attribute)
	if !ok || dotted(f.Value) != "self" {
		return "", false
	}
	return f.Attr, neg
}

// wrappedAttrs returns the attributes of self that __init__ sets to one
// of its parameters (self.func = func): the function the decorator wraps.
func wrappedAttrs(init *python.FunctionDef) map[string]bool {
	params := map[string]bool{}
	for _, p := range init.Args.Args {
		if p.Arg != "self" {
			params[p.Arg] = true
		}
	}
	out := map[string]bool{}
	for _, s := range init.Body {
		as, ok := s.(*python.Assign)
		if !ok || len(as.Targets) != 1 {
			continue
		}
		t, ok := as.Targets[0].(*python.Attribute)
		if !ok || dotted(t.Value) != "self" {
			continue
		}
		if n, ok := as.Value.(*python.Name); ok && params[n.ID] {
			out[t.Attr] = true
		}
	}
	return out
}

// callsWrapped reports statements that call the wrapped function
// (self.func(*args, **kwargs)).
func callsWrapped(stmts []python.Stmt, wrapped map[string]bool) bool {
	found := false
	for _, s := range stmts {
		python.Inspect(s, func(n python.Node) bool {
			if c, ok := n.(*python.Call); ok {
				if f, ok := c.Func.(*python.Attribute); ok && dotted(f.Value) == "self" && wrapped[f.Attr] {
					found = true
				}
			}
			return !found
		})
	}
	return found
}
