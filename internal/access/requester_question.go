package access

import (
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/python"
)

// questionName matches the names of functions that answer whether
// someone may do something: can_edit, user_can_admin_election,
// voter_may_vote, is_member.
var questionName = lazyre.New(`(?:^|_)(?:is|can|has|may)_\w+$`)

// requesterQuestion reports a test that asks about whoever sent the
// request in the way a project with a login of its own writes it: a
// question named as one (user_can_admin_election, can_edit, is_member)
// given a value the code read from the request (user =
// get_user(request)), not the request itself, which a question may ask
// anything of (has_valid_signature(request)). Such projects keep their
// user in the session rather than in request.user, so nothing of
// Django's is asked; the test is their permission check, which counts
// where its branch only turns the request away (see checkIfs).
func requesterQuestion(before []python.Stmt, test python.Expr) bool {
	if u, ok := test.(*python.UnaryOp); ok && u.Op == python.Not {
		test = u.Operand
	}
	c, ok := test.(*python.Call)
	if !ok || !questionName().MatchString(calleeName(c.Func)) {
		return false
	}
	for _, a := range c.Args {
		if fromRequest(before, a) {
			return true
		}
	}
	for _, k := range c.Keywords {
		if fromRequest(before, k.Value) {
			return true
		}
	}
	return false
}

// fromRequest reports a value read from the request by a call given it
// (get_user(request)), or a name the statements before set once to one.
func fromRequest(before []python.Stmt, e python.Expr) bool {
	if readOfRequest(e) {
		return true
	}
	n, ok := e.(*python.Name)
	if !ok {
		return false
	}
	v := testValue(before, n)
	return v != e && readOfRequest(v)
}

// readOfRequest reports a call of a function given the request (and
// nothing else of the request: get_user(request), get_logged_in_trustee(
// request)) whose result stands for the requester.
func readOfRequest(e python.Expr) bool {
	c, ok := e.(*python.Call)
	if !ok {
		return false
	}
	if _, ok := c.Func.(*python.Name); !ok {
		return false
	}
	return len(c.Args) == 1 && isRequest(c.Args[0]) && len(c.Keywords) == 0
}
