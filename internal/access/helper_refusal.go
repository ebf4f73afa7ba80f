package access

import (
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/taint"
)

// accessHelperName matches the names of helpers that decide whether the
// requester may go on and hand back the page that turns them away, or
// None: set_access, check_access, require_login, ensure_permission,
// check_user_rights. A name must both say what it does (check, require)
// and what it checks (access, permission, login): do_login and
// set_title hand back other things.
var accessHelperName = lazyre.New(`^_?(?:set|check|require|ensure|verify|enforce|assert|validate|test)_(?:\w+_)?(?:access|perms?|permissions?|login|auth|authori[sz]ation|rights|roles?|staff|admin)(?:_\w+)?$`)

// accessQuestionName matches the names of questions an object bound to the
// request answers about the requester's access: is_allowed,
// has_permission, can_access, is_user_allowed. is_valid, has_changed and
// the like ask about data, not the requester.
var accessQuestionName = lazyre.New(`^_?(?:is|has|can|may)_(?:\w+_)?(?:allowed|permitted|authori[sz]ed|access|perms?|permissions?|rights|staff|admin)$`)

// helperRefusal finds, among a view's statements, the refusal a project
// helper hands back for the view to return before anything else: data =
// page.set_access(STAFF) then if data is not None: return data, or
// response = check_access(request) then if response: return response.
// The helper is given the request, itself or through an object built with
// it (page = ViewPage(request)), and named for the check it makes
// (accessHelperName). It returns the if, and the helper's name.
func helperRefusal(body []python.Stmt) (*python.If, string) {
	for i, s := range body {
		x, ok := s.(*python.If)
		if !ok || len(x.Orelse) != 0 || len(x.Body) != 1 {
			continue
		}
		n := presenceTested(x.Test)
		r, ok := x.Body[0].(*python.Return)
		if n == nil || !ok || !isNamed(r.Value, n.ID) {
			continue
		}
		c, ok := testValue(body[:i], n).(*python.Call)
		if !ok {
			continue
		}
		if name := calleeName(c.Func); accessHelperName().MatchString(name) && givenRequest(body[:i], c) && !opensToAll(c) {
			return x, name
		}
	}
	return nil, ""
}

// presenceTested returns the name a test asks is set: x is not None, or x.
func presenceTested(e python.Expr) *python.Name {
	if c, ok := e.(*python.Compare); ok && len(c.Ops) == 1 && c.Ops[0] == python.IsNot && isNone(c.Comparators[0]) {
		e = c.Left
	}
	n, _ := e.(*python.Name)
	return n
}

// givenRequest reports a call given the request (check_access(request)),
// or a method called on an object built with it (page.set_access(STAFF)
// after page = ViewPage(request)).
func givenRequest(before []python.Stmt, c *python.Call) bool {
	for _, a := range c.Args {
		if isRequest(a) {
			return true
		}
	}
	if at, ok := c.Func.(*python.Attribute); ok {
		if n, ok := at.Value.(*python.Name); ok {
			return builtWithRequest(before, n)
		}
	}
	return false
}

// builtWithRequest reports a name the statements before set once to an
// object built with the request as its first argument: page =
// ViewPage(request), p = SimpleViewPage(request, ACCESS_TYPE_STAFF).
func builtWithRequest(before []python.Stmt, n *python.Name) bool {
	v := testValue(before, n)
	c, ok := v.(*python.Call)
	if v == python.Expr(n) || !ok || len(c.Args) == 0 || !isRequest(c.Args[0]) {
		return false
	}
	_, plain := c.Func.(*python.Name)
	return plain && !opensToAll(c)
}

// openLevel matches the last name of an access level that lets everyone
// in: ACCESS_TYPE_ALL, Access.PUBLIC, LEVEL_ANONYMOUS.
var openLevel = lazyre.New(`(?i)(?:^|_)(?:all|any|anyone|everyone|public|anonymous|open|none)$`)

// opensToAll reports a helper asked for an access level that lets
// everyone in (page.set_access(ACCESS_TYPE_ALL)): it turns no one away.
func opensToAll(c *python.Call) bool {
	for _, a := range c.Args {
		if last := lastName(dotted(a)); last != "" && openLevel().MatchString(last) {
			return true
		}
	}
	return false
}

// boundAccessQuestion reports a test that asks an object bound to the
// request whether the requester may go on: if not p.is_allowed() after p
// = SimpleViewPage(request, ACCESS_TYPE_STAFF). Like requesterQuestion,
// it is the project's permission check where its branch only turns the
// request away.
func boundAccessQuestion(before []python.Stmt, test python.Expr) bool {
	if u, ok := test.(*python.UnaryOp); ok && u.Op == python.Not {
		test = u.Operand
	}
	c, ok := test.(*python.Call)
	if !ok {
		return false
	}
	at, ok := c.Func.(*python.Attribute)
	if !ok || !accessQuestionName().MatchString(at.Attr) {
		return false
	}
	n, ok := at.Value.(*python.Name)
	return ok && builtWithRequest(before, n)
}

// helperRefusalGuard is helperRefusal as the guard of a view.
func helperRefusalGuard(m *taint.Module, def *python.FunctionDef) (Guard, bool) {
	x, name := helperRefusal(def.Body)
	if x == nil {
		return Guard{}, false
	}
	return Guard{Kind: Permission, What: "returns the refusal " + name + " hands back", Where: m.Location(x)}, true
}
