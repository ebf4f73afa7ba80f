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
// request in a way a project with an authentication of its own writes
// it: a question named as one (user_can_admin_election, can_edit,
// is_member) given the request, or a value the code read from it, and a
// comparison of a row with such a value (trustee ==
// get_logged_in_trustee(request)). Such projects keep their user in the
// session (user = get_user(request)) rather than in request.user, so
// nothing of Django's is asked; the test is their permission check,
// which counts where its branch only turns the request away (see
// checkIfs).
func requesterQuestion(before []python.Stmt, test python.Expr) bool {
	if u, ok := test.(*python.UnaryOp); ok && u.Op == python.Not {
		test = u.Operand
	}
	switch x := test.(type) {
	case *python.Call:
		if !questionName().MatchString(calleeName(x.Func)) {
			return false
		}
		for _, a := range x.Args {
			if fromRequest(before, a) {
				return true
			}
		}
		for _, k := range x.Keywords {
			if fromRequest(before, k.Value) {
				return true
			}
		}
	case *python.Compare:
		if len(x.Ops) != 1 {
			return false
		}
		switch x.Ops[0] {
		case python.Eq, python.NotEq, python.Is, python.IsNot:
			return readOfRequest(x.Left) != readOfRequest(x.Comparators[0]) &&
				(fromRequest(before, x.Left) || fromRequest(before, x.Comparators[0]))
		}
	}
	return false
}

// fromRequest reports the request, a value read from it by a call given
// it (get_user(request)), or a name the statements before set once to
// one of those.
func fromRequest(before []python.Stmt, e python.Expr) bool {
	if isRequest(e) || readOfRequest(e) {
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
