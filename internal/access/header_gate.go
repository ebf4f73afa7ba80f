package access

// The helpers below read a project middleware that authenticates by a
// header (a proxy's, a token's): a gate when it turns away requests that
// send none and sets request.user for the others.

import (
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/taint"
)

// setsRequestUser reports a function that assigns request.user: an
// authentication step, which a middleware that also turns away requests
// without a credential runs for every view. One checking an API key for
// some paths leaves request.user alone.
func setsRequestUser(def *python.FunctionDef) bool {
	found := false
	python.Inspect(def, func(n python.Node) bool {
		if as, ok := n.(*python.Assign); ok && !found {
			for _, t := range as.Targets {
				targets := []python.Expr{t}
				if tu, ok := t.(*python.Tuple); ok {
					targets = tu.Elts // request.user, created = User.objects.get_or_create(...)
				}
				for _, t := range targets {
					if at, ok := t.(*python.Attribute); ok && at.Attr == "user" && dotted(at.Value) == "request" {
						found = true
					}
				}
			}
		}
		return !found
	})
	return found
}

// deniedWithoutHeader returns the test by which a function turns away a
// request that sent no header: `if email is None: return 401` after
// email = request.META.get(settings.AUTH_HEADER), or `if not
// request.headers.get("X-User")`. A middleware that passes such requests
// on (an API token checked only when one is sent) is no gate.
func deniedWithoutHeader(prog *taint.Program, m *taint.Module, def *python.FunctionDef) python.Node {
	fromHeader := map[string]bool{}
	var at python.Node
	python.Inspect(def, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.Assign:
			if t, ok := x.Targets[0].(*python.Name); ok && len(x.Targets) == 1 && headerRead(x.Value) {
				fromHeader[t.ID] = true
			}
		case *python.If:
			if at == nil && missing(x.Test, fromHeader) && denial(prog, m, x.Body, false) {
				at = x
			}
		}
		return at == nil
	})
	return at
}

// headerRead reports a read of a request header, by any name:
// request.META.get(...), request.headers[...].
func headerRead(e python.Expr) bool {
	switch x := e.(type) {
	case *python.Subscript:
		return headerLike(x.Value)
	case *python.Call:
		a, ok := x.Func.(*python.Attribute)
		return ok && a.Attr == "get" && headerLike(a.Value)
	}
	return false
}

// missing reports a test that holds when a header is absent: not x, x is
// None, x == "", for a header read or a name assigned one.
func missing(test python.Expr, fromHeader map[string]bool) bool {
	header := func(e python.Expr) bool {
		n, ok := e.(*python.Name)
		return ok && fromHeader[n.ID] || headerRead(e)
	}
	switch x := test.(type) {
	case *python.UnaryOp:
		return x.Op == python.Not && header(x.Operand)
	case *python.Compare:
		if len(x.Ops) != 1 || !header(x.Left) {
			return false
		}
		c, ok := x.Comparators[0].(*python.Constant)
		if !ok {
			return false
		}
		_, isNone := c.Value.(python.None)
		return x.Ops[0] == python.Is && isNone || x.Ops[0] == python.Eq && c.Value == ""
	}
	return false
}
