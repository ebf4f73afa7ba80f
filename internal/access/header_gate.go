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

// deniedByDefault returns the refusal a function ends with when every
// other way out of it either refuses too or comes after it set
// request.user, or under a test of the requested path (the sign-in's,
// a list of public paths the settings keep): a token middleware whose
// every unauthenticated request gets its 401. nil when a request can
// leave it otherwise, anonymous (a request without a token let through).
func deniedByDefault(prog *taint.Program, m *taint.Module, def *python.FunctionDef) python.Node {
	body := def.Body
	if len(body) == 0 || !endsDenied(prog, m, body) || !passesOnlyKnown(prog, m, body[:len(body)-1], false) {
		return nil
	}
	return body[len(body)-1]
}

// endsDenied reports statements whose last one refuses: it raises
// PermissionDenied, returns a refusing response, or returns a response
// made before it and given a refusing status (response.status_code =
// 401).
func endsDenied(prog *taint.Program, m *taint.Module, body []python.Stmt) bool {
	last := body[len(body)-1]
	if denial(prog, m, []python.Stmt{last}, false) {
		return true
	}
	ret, ok := last.(*python.Return)
	if !ok {
		return false
	}
	name, ok := ret.Value.(*python.Name)
	if !ok {
		return false
	}
	for _, s := range body {
		as, ok := s.(*python.Assign)
		if !ok || len(as.Targets) != 1 {
			continue
		}
		if at, ok := as.Targets[0].(*python.Attribute); ok && at.Attr == "status_code" && dotted(at.Value) == name.ID && statusLiteral(as.Value) {
			return true
		}
	}
	return false
}

// passesOnlyKnown reports statements whose every return that does not
// refuse comes after request.user was set (known is true once it is) or
// under an if that tests the requested path.
func passesOnlyKnown(prog *taint.Program, m *taint.Module, stmts []python.Stmt, known bool) bool {
	for _, s := range stmts {
		switch x := s.(type) {
		case *python.Assign:
			known = known || setsRequestUser(&python.FunctionDef{Body: []python.Stmt{x}})
		case *python.Return:
			if !known && !denial(prog, m, []python.Stmt{x}, false) {
				return false
			}
		case *python.If:
			if !passesOnlyKnown(prog, m, x.Body, known || testsPath(x.Test)) || !passesOnlyKnown(prog, m, x.Orelse, known) {
				return false
			}
		default:
			for _, b := range blocks(x) {
				if !passesOnlyKnown(prog, m, b, known) {
					return false
				}
			}
		}
	}
	return true
}

// blocks returns the statement lists of a compound statement other than
// if (for, while, with, try, match); none for a definition, whose body
// does not run there.
func blocks(s python.Stmt) [][]python.Stmt {
	switch x := s.(type) {
	case *python.For:
		return [][]python.Stmt{x.Body, x.Orelse}
	case *python.While:
		return [][]python.Stmt{x.Body, x.Orelse}
	case *python.With:
		return [][]python.Stmt{x.Body}
	case *python.Try:
		out := [][]python.Stmt{x.Body, x.Orelse, x.Finalbody}
		for _, h := range x.Handlers {
			out = append(out, h.Body)
		}
		return out
	case *python.Match:
		var out [][]python.Stmt
		for _, c := range x.Cases {
			out = append(out, c.Body)
		}
		return out
	}
	return nil
}

// testsPath reports a test that reads the requested path (request.path,
// request.path_info, request.get_full_path()): a middleware's exemption
// of the sign-in page or of paths a setting lists.
func testsPath(test python.Expr) bool {
	found := false
	python.Inspect(test, func(n python.Node) bool {
		if a, ok := n.(*python.Attribute); ok && dotted(a.Value) == "request" {
			switch a.Attr {
			case "path", "path_info", "get_full_path":
				found = true
			}
		}
		return !found
	})
	return found
}
