package access

import (
	"strings"

	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/taint"
)

// A path gate is a project middleware that keeps the paths under some
// prefixes to users who pass a check, and lets every other path through:
//
//	path = request.path_info
//	if path.startswith("/admin/") or path.startswith("/api/admin/"):
//	    if not (request.user.is_authenticated and request.user.is_admin_role()):
//	        return JSONResponse.response({"error": "login-required"})
//
// Whatever the answer's status (often a 200 carrying an error in JSON),
// the view does not run for those turned away. The guard holds only for
// routes whose pattern starts with one of the prefixes (Guard.Paths).

// pathGate returns the check a middleware method makes for some paths,
// and true, or false when it makes none that djsec can read: the prefixes
// must be string literals.
func (a *analyzer) pathGate(f *taint.Func) (Guard, bool) {
	def, m := f.Def(), f.Module
	paths := pathLocals(def)
	checks := func(e python.Expr) bool { return a.testKind(m, e, 0) != "" }
	guard := func(at *python.If, test python.Expr, prefixes []string) (Guard, bool) {
		k := a.testKind(m, test, 0)
		if userPredicate(test) && (k == "" || stronger(Permission, k)) {
			k = Permission // is_authenticated and is_admin_role()
		}
		if !isGuard(k) || !negated(test, checks) || !answers(m, at.Body) {
			return Guard{}, false
		}
		return Guard{Kind: k, What: "turns away users who fail its check, on paths under " + strings.Join(prefixes, " and "), Where: m.Location(at), Paths: prefixes}, true
	}
	for _, s := range def.Body {
		x, ok := s.(*python.If)
		if !ok {
			continue
		}
		// if path.startswith("/admin/") and not request.user.is_staff:
		if b, ok := x.Test.(*python.BoolOp); ok && b.Op == python.And && len(b.Values) == 2 {
			if prefixes := pathPrefixes(b.Values[0], paths); prefixes != nil {
				if g, ok := guard(x, b.Values[1], prefixes); ok {
					return g, true
				}
			}
		}
		prefixes := pathPrefixes(x.Test, paths)
		if prefixes == nil {
			continue
		}
		for _, st := range x.Body {
			if y, ok := st.(*python.If); ok {
				if g, ok := guard(y, y.Test, prefixes); ok {
					return g, true
				}
			}
		}
	}
	return Guard{}, false
}

// pathLocals returns the names a function sets to the requested path
// (path = request.path_info).
func pathLocals(def *python.FunctionDef) map[string]bool {
	names := map[string]bool{}
	for _, s := range def.Body {
		as, ok := s.(*python.Assign)
		if !ok || len(as.Targets) != 1 {
			continue
		}
		if n, ok := as.Targets[0].(*python.Name); ok && requestPath(as.Value) {
			names[n.ID] = true
		}
	}
	return names
}

// requestPath reports request.path, request.path_info or
// request.get_full_path().
func requestPath(e python.Expr) bool {
	if c, ok := e.(*python.Call); ok && len(c.Args) == 0 {
		e = c.Func
	}
	a, ok := e.(*python.Attribute)
	if !ok || dotted(a.Value) != "request" {
		return false
	}
	return a.Attr == "path" || a.Attr == "path_info" || a.Attr == "get_full_path"
}

// pathPrefixes returns the prefixes a test asks the requested path to
// start with: path.startswith("/admin/"), several of those joined by or,
// or startswith of a tuple of literals. It returns nil when any part is
// another test, or a prefix that is not a literal path.
func pathPrefixes(test python.Expr, paths map[string]bool) []string {
	if b, ok := test.(*python.BoolOp); ok && b.Op == python.Or {
		var all []string
		for _, v := range b.Values {
			p := pathPrefixes(v, paths)
			if p == nil {
				return nil
			}
			all = append(all, p...)
		}
		return all
	}
	arg := pathStartsWith(test, paths)
	if arg == nil {
		return nil
	}
	lits := []python.Expr{arg}
	if t, ok := arg.(*python.Tuple); ok {
		lits = t.Elts
	}
	var out []string
	for _, l := range lits {
		s, ok := constString(l)
		if !ok || !strings.HasPrefix(s, "/") || len(s) < 2 {
			return nil
		}
		out = append(out, s)
	}
	return out
}

// pathStartsWith returns what test asks the requested path to start with
// (request.path.startswith(x), or path.startswith(x) of a name set to the
// path): x; nil for any other test.
func pathStartsWith(test python.Expr, paths map[string]bool) python.Expr {
	c, ok := test.(*python.Call)
	if !ok || len(c.Args) != 1 {
		return nil
	}
	f, ok := c.Func.(*python.Attribute)
	if !ok || f.Attr != "startswith" {
		return nil
	}
	if n, ok := f.Value.(*python.Name); !(ok && paths[n.ID]) && !requestPath(f.Value) {
		return nil
	}
	return c.Args[0]
}

// answers reports a branch that answers the request itself: it returns
// a response, or turns the request away as denial knows, rather than
// handing it on (return None, return self.get_response(request)).
func answers(m *taint.Module, body []python.Stmt) bool {
	if denial(nil, m, body, false) {
		return true
	}
	if len(body) == 0 {
		return false
	}
	r, ok := body[len(body)-1].(*python.Return)
	if !ok || r.Value == nil || passesThrough(m, body) {
		return false
	}
	if c, ok := r.Value.(*python.Call); ok && strings.Contains(lastName(m.QualName(c.Func)), "get_response") {
		return false
	}
	return true
}

// onPath reports whether a route's pattern ("/api/admin/contest/?")
// starts with one of a path gate's prefixes.
func onPath(pattern string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(pattern, p) {
			return true
		}
	}
	return false
}
