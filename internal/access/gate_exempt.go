package access

import (
	"strings"

	"github.com/djsec/djsec/internal/python"
)

// A login middleware of the project's often lets some paths through before
// it asks for a login:
//
//	def process_view(self, request, view_func, view_args, view_kwargs):
//	    if request.user.is_authenticated:
//	        return None
//	    for path in ["/admin", "/accounts", "/api"]:
//	        if request.path.startswith(get_script_prefix().rstrip("/") + path):
//	            return None
//	    return login_required(view_func)(request, *view_args, **view_kwargs)
//
// The routes under those prefixes are not behind the gate (Guard.Except):
// an API that authenticates each request by a key of its own, a sign-in
// page. The prefixes must be string literals; a test djsec cannot read
// leaves the gate on every path, as it was.

// refusalLine returns the line of the statement of def that turns away
// who fails the check found at line: that statement, unless it lets the
// request through (if request.user.is_authenticated: return None), when it
// is the method's last, which refuses whoever is left.
func refusalLine(file *python.File, def *python.FunctionDef, line int) int {
	for _, st := range def.Body {
		if file.Line(st.Pos()) <= line && line <= file.Line(st.End()) {
			if x, ok := st.(*python.If); ok && letsThrough(x.Body) {
				return file.Line(def.Body[len(def.Body)-1].Pos())
			}
			return file.Line(st.Pos())
		}
	}
	return line
}

// exemptPrefixes returns the prefixes of the paths that the statements of
// def let through before the one that refuses who fails the check at
// line (refusalLine): an if whose test asks that the path start
// with literal prefixes and whose body only lets the request go on
// (letsThrough), or a loop over a list of
// literal prefixes whose body is such an if, the loop's name last in what
// the path is asked to start with (script_prefix + path).
func exemptPrefixes(file *python.File, def *python.FunctionDef, line int) []string {
	before := refusalLine(file, def, line)
	paths := pathLocals(def)
	var out []string
	for _, st := range def.Body {
		if file.Line(st.Pos()) >= before {
			break
		}
		switch s := st.(type) {
		case *python.If:
			if prefixes := pathPrefixes(s.Test, paths); prefixes != nil && letsThrough(s.Body) {
				out = append(out, prefixes...)
			}
		case *python.For:
			name, ok := s.Target.(*python.Name)
			if !ok || len(s.Body) != 1 {
				continue
			}
			in, ok := s.Body[0].(*python.If)
			if !ok || !letsThrough(in.Body) || !startsWithName(in.Test, name.ID, paths) {
				continue
			}
			for _, e := range python.SeqElts(s.Iter) {
				if p, ok := constString(e); ok && strings.HasPrefix(p, "/") && len(p) > 1 {
					out = append(out, p)
				}
			}
		}
	}
	return out
}

// letsThrough reports a branch that only lets the request go on to the
// view: process_view's return None, or passesOn's return
// self.get_response(request).
func letsThrough(body []python.Stmt) bool {
	if len(body) == 1 {
		if r, ok := body[0].(*python.Return); ok && (r.Value == nil || isNone(r.Value)) {
			return true
		}
	}
	return passesOn(body)
}

// startsWithName reports path.startswith(x + name) or
// path.startswith(name), for the requested path.
func startsWithName(test python.Expr, name string, paths map[string]bool) bool {
	arg := pathStartsWith(test, paths)
	if b, ok := arg.(*python.BinOp); ok && b.Op == python.Add {
		arg = b.Right // the script prefix, then the listed path
	}
	n, ok := arg.(*python.Name)
	return ok && n.ID == name
}
