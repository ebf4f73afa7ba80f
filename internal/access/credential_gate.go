package access

// The helpers below read a project middleware that lets a request reach
// a view only with a credential no browser holds (a signature of the
// body made with a secret the project's own servers share): a gate for
// every view but those it exempts, which a decorator of the project
// marks (@signature_exempt sets view.signature_exempt = True).

import (
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/taint"
)

// deniedUnlessCredential returns the check by which a middleware method
// refuses every request that a credential check of its class or module
// turns down: if not self._signed(request): return HttpResponseBadRequest().
// The check must read the credential from a header and compare it
// (constant_time_compare, hmac.compare_digest, ==), so that a request
// without one fails it. nil when the method has no such refusal.
func deniedUnlessCredential(prog *taint.Program, cls *taint.Class, f *taint.Func) (python.Node, string) {
	var at python.Node
	what := ""
	python.EachStmt(f.Def().Body, func(s python.Stmt) {
		x, ok := s.(*python.If)
		if !ok || at != nil {
			return
		}
		u, ok := x.Test.(*python.UnaryOp)
		if !ok || u.Op != python.Not {
			return
		}
		c, ok := u.Operand.(*python.Call)
		if !ok {
			return
		}
		check := calledCheck(prog, cls, f.Module, c)
		// a 400 is how a signature that does not match is answered
		if check == nil || !denial(prog, f.Module, x.Body, false) && !badRequest(f.Module, &python.FunctionDef{Body: x.Body}) {
			return
		}
		if cred, w := credentialRead(check.Module, check.Def()); cred != nil && compares(check.Def()) && !passesMissing(check.Def()) {
			at, what = x, "refuses requests whose "+w+" "+check.Name+" does not accept"
		}
	})
	return at, what
}

// passesMissing reports a check that accepts a request without its
// credential: if not offered: return True. Such a check only refuses
// wrong credentials, and lets anonymous requests on.
func passesMissing(def *python.FunctionDef) bool {
	found := false
	python.EachStmt(def.Body, func(s python.Stmt) {
		x, ok := s.(*python.If)
		if !ok || len(x.Body) != 1 {
			return
		}
		u, ok := x.Test.(*python.UnaryOp)
		if !ok || u.Op != python.Not {
			return
		}
		if r, ok := x.Body[0].(*python.Return); ok {
			if c, ok := r.Value.(*python.Constant); ok && c.Value == true {
				found = true
			}
		}
	})
	return found
}

// calledCheck returns the function a call in a method of cls runs: a
// method of the class (self._signed(request)) or a function of the
// project.
func calledCheck(prog *taint.Program, cls *taint.Class, m *taint.Module, c *python.Call) *taint.Func {
	if a, ok := c.Func.(*python.Attribute); ok {
		if n, ok := a.Value.(*python.Name); ok && n.ID == "self" && cls != nil {
			return cls.Methods[a.Attr]
		}
	}
	return lookupFunc(prog, m, m.QualName(c.Func))
}

// compares reports a function that compares what it read with what it
// expects: constant_time_compare, hmac.compare_digest, or ==.
func compares(def *python.FunctionDef) bool {
	found := false
	python.Inspect(def, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.Call:
			switch lastName(dotted(x.Func)) {
			case "constant_time_compare", "compare_digest":
				found = true
			}
		case *python.Compare:
			for _, op := range x.Ops {
				if op == python.Eq || op == python.NotEq {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// exemptMarks returns the attributes a middleware method lets a view
// through by (if getattr(view_func, "signature_exempt", False): return
// None), and the project's decorators that set one of them on what they
// wrap (wrapped.signature_exempt = True): the views they decorate are
// the gate's exemptions.
func exemptMarks(prog *taint.Program, f *taint.Func) map[string]bool {
	attrs := map[string]bool{}
	python.EachStmt(f.Def().Body, func(s python.Stmt) {
		x, ok := s.(*python.If)
		if !ok || len(x.Body) != 1 {
			return
		}
		if r, ok := x.Body[0].(*python.Return); !ok || r.Value != nil && !isNone(r.Value) {
			return
		}
		python.Inspect(x.Test, func(n python.Node) bool {
			if c, ok := n.(*python.Call); ok && dotted(c.Func) == "getattr" && len(c.Args) >= 2 {
				if s, ok := constString(c.Args[1]); ok {
					attrs[s] = true
				}
			}
			return true
		})
	})
	if len(attrs) == 0 {
		return nil
	}
	decorators := map[string]bool{}
	for _, fn := range prog.Funcs {
		python.Inspect(fn.Def(), func(n python.Node) bool {
			if a, ok := n.(*python.Assign); ok {
				for _, t := range a.Targets {
					if at, ok := t.(*python.Attribute); ok && attrs[at.Attr] {
						decorators[fn.Name] = true
					}
				}
			}
			return true
		})
	}
	return decorators
}

func isNone(e python.Expr) bool {
	c, ok := e.(*python.Constant)
	if !ok {
		return false
	}
	_, none := c.Value.(python.None)
	return none
}

// decoratedBy reports a view that one of the decorators names wraps: a
// function view's decorator, or a class view's or its methods', also
// through method_decorator(signature_exempt, name="dispatch").
func decoratedBy(v *View, names map[string]bool) bool {
	if len(names) == 0 {
		return false
	}
	var lists [][]python.Expr
	switch {
	case v.Func != nil:
		lists = append(lists, v.Func.Def().DecoratorList)
	case v.Class != nil:
		lists = append(lists, v.Class.Def().DecoratorList)
		for _, s := range v.Class.Def().Body {
			if d, ok := s.(*python.FunctionDef); ok {
				lists = append(lists, d.DecoratorList)
			}
		}
	}
	for _, list := range lists {
		for _, d := range list {
			if c, ok := d.(*python.Call); ok {
				if lastName(dotted(c.Func)) == "method_decorator" && len(c.Args) > 0 {
					d = c.Args[0]
				} else {
					d = c.Func
				}
			}
			if names[lastName(dotted(d))] {
				return true
			}
		}
	}
	return false
}
