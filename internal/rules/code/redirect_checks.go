package code

import (
	"fmt"

	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// A redirect whose target passed a test of the project's own first is
// still reported when djsec does not count the test as a host check:
//
//	def is_relative_url(url):
//	    return not urlparse(url).netloc and len(url) - len(url.lstrip("/")) <= 1
//
//	if return_url and self.is_relative_url(return_url):
//	    return return_url
//
// "without a host check" would then tell the maintainer something they
// know is false. The message names the test instead, and what it lets
// through: /\evil.example and http:evil.example have no host part for
// urlparse and one leading slash, and browsers follow both off-site.

// notAChecks are calls in a branch's test that say nothing about where a
// target leads.
var notAChecks = map[string]bool{
	"isinstance": true, "len": true, "bool": true, "str": true, "hasattr": true, "getattr": true, "any": true, "all": true,
}

// passedTest returns the call of a function that a step of the flow passes
// in a branch's test, with the place of the test: if
// self.is_relative_url(return_url): return return_url. A method of the
// target itself (return_url.startswith("/")) is a test of its text, which
// the rule's documentation already describes; "" when there is none.
func passedTest(prog *taint.Program, f taint.Finding) (call string, at report.Location) {
	steps := append(append([]report.Step{}, f.Flow...), report.Step{Location: f.Location})
	for _, st := range steps {
		m := moduleAt(prog, st.Location.Path)
		if m == nil {
			continue
		}
		if call, at := testAround(m, st.Location.Line); call != "" {
			return call, at
		}
	}
	return "", report.Location{}
}

// testAround returns the first call of a function of the project's in the
// test of an if whose body holds line, in the function around line.
func testAround(m *taint.Module, line int) (string, report.Location) {
	var found string
	var at report.Location
	file := m.Tree().File
	python.Inspect(m.Tree(), func(n python.Node) bool {
		if found != "" || n == nil || file.Line(n.Pos()) > line || file.Line(n.End()) < line {
			return false // done, or the line is not inside
		}
		if s, ok := n.(*python.If); ok && len(s.Body) > 0 && file.Line(s.Body[0].Pos()) <= line && file.Line(s.Body[len(s.Body)-1].End()) >= line {
			if c := projectTest(s.Test, stmtAt(s.Body, file, line)); c != nil {
				name, _ := python.DottedName(c.Func)
				found, at = name+"(…)", m.Location(c)
			}
		}
		return true
	})
	return found, at
}

// stmtAt returns the innermost statement of body whose lines hold line:
// the one the flow passes through in the branch.
func stmtAt(body []python.Stmt, file *python.File, line int) python.Stmt {
	var at python.Stmt
	python.EachStmt(body, func(st python.Stmt) {
		if file.Line(st.Pos()) <= line && file.Line(st.End()) >= line {
			at = st
		}
	})
	return at
}

// projectTest returns a call in test of a function given a name that the
// statement the flow passes through (at) reads, other than the request:
// is_relative_url(url), self.is_relative_url(url), helpers.is_local(url).
// Builtins, methods of the value itself (url.startswith("/"), a test of
// its text the rule's documentation describes), tests of other values
// (has_perm(request.user, "change_story", story)) and tests the branch
// needs to fail (if not is_local(url)) are left out; nil when there is
// none.
func projectTest(test python.Expr, at python.Stmt) *python.Call {
	if at == nil {
		return nil
	}
	var out *python.Call
	python.Inspect(test, func(n python.Node) bool {
		if u, ok := n.(*python.UnaryOp); ok && u.Op == python.Not {
			return false // the branch runs when that test fails
		}
		c, ok := n.(*python.Call)
		if !ok || out != nil {
			return out == nil
		}
		if _, ok := python.DottedName(c.Func); !ok || notAChecks[c.CalleeName()] {
			return true
		}
		var receiver string
		if a, ok := c.Func.(*python.Attribute); ok {
			v, ok := a.Value.(*python.Name)
			if !ok {
				return true // a method of a value built on the spot
			}
			receiver = v.ID
		}
		for _, arg := range c.Args {
			v, ok := arg.(*python.Name)
			if ok && v.ID != receiver && v.ID != "request" && v.ID != "self" && python.ReadsName(at, v.ID) {
				out = c
				return false
			}
		}
		return true
	})
	return out
}

// testNote is what the message adds about a test the target passed.
func testNote(call string, at report.Location) string {
	return fmt.Sprintf("; it passes %s first (%s:%d), a check of the project's that djsec does not count as a host check: "+
		"only url_has_allowed_host_and_scheme rejects every target browsers follow off-site, such as //evil.example, "+
		"/\\evil.example and http:evil.example", call, at.Path, at.Line)
}
