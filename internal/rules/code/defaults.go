package code

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/taint"
)

// The branches a call's defaults decide. A helper written for several
// callers does its optional work under a test of a parameter
// (def ask_for_access_code(self, form=None): if form: ... join_contest()),
// and a caller that leaves the parameter out never runs that branch: a
// write there is not that caller's.

// prunedBody returns the body of f as the call c runs it: every if whose
// test the parameters c leaves at their literal defaults, or passes a
// literal (render_error(request, msg, redirect=False)), decide is
// replaced by the statements of the branch that runs. key names those
// parameters with their values, "" when none decides anything and the
// body is f's own. bound says whether c passes the first parameter itself
// (self.method(...), obj.method(...)). A call that spreads *args or
// **kwargs decides nothing.
// The pruned body is made once per function and parameters left out,
// whichever calls ask.
func prunedBody(prog *taint.Program, f *taint.Func, c *python.Call, bound bool) (body []python.Stmt, key string) {
	def := f.Def()
	env := leftAtDefault(def.Args, c, bound)
	if len(env) == 0 {
		return def.Body, ""
	}
	names := slices.Sorted(maps.Keys(env))
	for i, n := range names {
		names[i] = n + "=" + fmt.Sprintf("%#v", env[n].Value)
	}
	key = strings.Join(names, ",")
	pruned := prog.Memo(prunedKey{f, key}, func() any {
		p := pruner{env: env}
		out := p.block(def.Body)
		if !p.decided {
			return []python.Stmt(nil)
		}
		return out
	}).([]python.Stmt)
	if pruned == nil {
		return def.Body, ""
	}
	return pruned, key
}

// prunedKey names a function's body pruned for the parameters a call
// leaves at their defaults.
type prunedKey struct {
	f      *taint.Func
	params string
}

// leftAtDefault returns the parameters that c does not pass and that
// default to a literal (None, True, False, a number or a string), and
// those it passes such a literal, with that literal.
func leftAtDefault(a *python.Arguments, c *python.Call, bound bool) map[string]*python.Constant {
	if a == nil {
		return nil
	}
	for _, x := range c.Args {
		if _, ok := x.(*python.Starred); ok {
			return nil
		}
	}
	passed := map[string]bool{}
	env := map[string]*python.Constant{}
	params := map[string]bool{}
	for _, p := range slices.Concat(a.Posonlyargs, a.Args, a.Kwonlyargs) {
		params[p.Arg] = true
	}
	given := func(name string, v python.Expr) {
		passed[name] = true
		if k, ok := v.(*python.Constant); ok && literal(k) && params[name] {
			env[name] = k
		}
	}
	for _, k := range c.Keywords {
		if k.Arg == "" {
			return nil // **kwargs
		}
		given(k.Arg, k.Value)
	}
	positional := append(slices.Clip(a.Posonlyargs), a.Args...)
	skip := 0
	if bound {
		skip = 1
	}
	for i, x := range c.Args {
		if i+skip < len(positional) {
			given(positional[i+skip].Arg, x)
		}
	}
	add := func(p *python.Arg, d python.Expr) {
		if k, ok := d.(*python.Constant); ok && !passed[p.Arg] && literal(k) {
			env[p.Arg] = k
		}
	}
	for i, d := range a.Defaults {
		add(positional[len(positional)-len(a.Defaults)+i], d)
	}
	for i, d := range a.KwDefaults {
		if d != nil && i < len(a.Kwonlyargs) {
			add(a.Kwonlyargs[i], d)
		}
	}
	return env
}

// literal reports a constant whose truth and identity a test can decide.
func literal(k *python.Constant) bool {
	switch k.Value.(type) {
	case python.None, bool, int64, string:
		return true
	}
	return false
}

// pruner rewrites a body under what it knows of some names: each
// parameter left at its default, until a statement may bind it again.
type pruner struct {
	env     map[string]*python.Constant
	decided bool // some if was decided
}

// block returns stmts with the ifs env decides replaced by the branch
// that runs, and the blocks of compound statements pruned likewise.
// Trees are shared by every analysis, so a statement that changes is
// copied, never edited.
func (p *pruner) block(stmts []python.Stmt) []python.Stmt {
	var out []python.Stmt
	for i, s := range stmts {
		if len(p.env) == 0 {
			return append(out, stmts[i:]...)
		}
		x, ok := s.(*python.If)
		if !ok {
			out = append(out, p.compound(s))
			continue
		}
		switch truth(x.Test, p.env) {
		case yes:
			p.decided = true
			out = append(out, p.block(x.Body)...)
		case no:
			p.decided = true
			out = append(out, p.block(x.Orelse)...)
		default:
			// each branch runs with what was known before the if; after
			// it, what either may bind is known no more
			c := *x
			c.Body, c.Orelse = p.branch(x.Body), p.branch(x.Orelse)
			p.forget(s)
			out = append(out, &c)
		}
	}
	return out
}

// branch prunes stmts with a copy of what is known, which it leaves as
// it was.
func (p *pruner) branch(stmts []python.Stmt) []python.Stmt {
	saved := maps.Clone(p.env)
	out := p.block(stmts)
	p.env = saved
	return out
}

// compound forgets the names s may bind; the blocks of a loop, with or
// try run with what was known before them, less what they bind (a loop
// runs its body again after the body bound a name).
func (p *pruner) compound(s python.Stmt) python.Stmt {
	p.forget(s)
	switch x := s.(type) {
	case *python.For:
		c := *x
		c.Body, c.Orelse = p.block(x.Body), p.block(x.Orelse)
		return &c
	case *python.While:
		c := *x
		c.Body, c.Orelse = p.block(x.Body), p.block(x.Orelse)
		return &c
	case *python.With:
		c := *x
		c.Body = p.block(x.Body)
		return &c
	case *python.Try:
		c := *x
		c.Body, c.Orelse, c.Finalbody = p.block(x.Body), p.block(x.Orelse), p.block(x.Finalbody)
		c.Handlers = make([]*python.ExceptHandler, len(x.Handlers))
		for i, h := range x.Handlers {
			hc := *h
			hc.Body = p.block(h.Body)
			c.Handlers[i] = &hc
		}
		return &c
	}
	return s
}

// forget drops from env every name s may bind: an assignment's, a
// loop's or a with's targets, a walrus, an import, a del, a global or
// nonlocal, and a nested def or class of that name, anywhere inside s.
func (p *pruner) forget(s python.Stmt) {
	drop := func(n string) { delete(p.env, n) }
	python.Inspect(s, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.Assign:
			for _, t := range x.Targets {
				python.EachBoundName(t, drop)
			}
		case *python.AugAssign:
			python.EachBoundName(x.Target, drop)
		case *python.AnnAssign:
			python.EachBoundName(x.Target, drop)
		case *python.For:
			python.EachBoundName(x.Target, drop)
		case *python.With:
			for _, it := range x.Items {
				if it.OptionalVars != nil {
					python.EachBoundName(it.OptionalVars, drop)
				}
			}
		case *python.NamedExpr:
			python.EachBoundName(x.Target, drop)
		case *python.Delete:
			for _, t := range x.Targets {
				python.EachBoundName(t, drop)
			}
		case *python.Global:
			for _, n := range x.Names {
				drop(n)
			}
		case *python.Nonlocal:
			for _, n := range x.Names {
				drop(n)
			}
		case *python.ExceptHandler:
			drop(x.Name)
		case *python.Import:
			for _, a := range x.Names {
				drop(boundBy(a))
			}
		case *python.ImportFrom:
			for _, a := range x.Names {
				drop(boundBy(a))
			}
		case *python.Match:
			clear(p.env) // the names its patterns bind: rare, so all are forgotten
		case *python.FunctionDef:
			drop(x.Name)
			return false
		case *python.ClassDef:
			drop(x.Name)
			return false
		}
		return true
	})
}

// boundBy returns the name an import binds: its as-name, else the first
// part of the module (import a.b binds a).
func boundBy(a *python.Alias) string {
	if a.Asname != "" {
		return a.Asname
	}
	first, _, _ := strings.Cut(a.Name, ".")
	return first
}

// tri is a test's value: decided true, decided false, or unknown.
type tri int

const (
	unknown tri = iota
	yes
	no
)

func (t tri) not() tri {
	switch t {
	case yes:
		return no
	case no:
		return yes
	}
	return unknown
}

// truth decides a test from the names env knows: a name's truth, not,
// and, or, and a name compared with a literal by is, is not, == or !=.
func truth(e python.Expr, env map[string]*python.Constant) tri {
	switch x := e.(type) {
	case *python.Name:
		if k, ok := env[x.ID]; ok {
			return truthOf(k)
		}
	case *python.Constant:
		if literal(x) {
			return truthOf(x)
		}
	case *python.UnaryOp:
		if x.Op == python.Not {
			return truth(x.Operand, env).not()
		}
	case *python.BoolOp:
		stop := no // and: one false part decides it
		if x.Op == python.Or {
			stop = yes // or: one true part
		}
		result := stop.not()
		for _, v := range x.Values {
			switch truth(v, env) {
			case stop:
				return stop
			case unknown:
				result = unknown
			}
		}
		return result
	case *python.Compare:
		if len(x.Ops) == 1 {
			return compared(x.Left, x.Ops[0], x.Comparators[0], env)
		}
	}
	return unknown
}

// compared decides a comparison of a name env knows with a literal.
func compared(l python.Expr, op python.CmpOp, r python.Expr, env map[string]*python.Constant) tri {
	value := func(e python.Expr) (*python.Constant, bool) {
		switch x := e.(type) {
		case *python.Name:
			k, ok := env[x.ID]
			return k, ok
		case *python.Constant:
			return x, literal(x)
		}
		return nil, false
	}
	a, ok1 := value(l)
	b, ok2 := value(r)
	if !ok1 || !ok2 {
		return unknown
	}
	_, aBool := a.Value.(bool)
	_, bBool := b.Value.(bool)
	_, aInt := a.Value.(int64)
	_, bInt := b.Value.(int64)
	if aBool && bInt || aInt && bBool {
		return unknown // 1 == True, but 1 is not True
	}
	same := no
	if a.Value == b.Value {
		same = yes
	}
	switch op {
	case python.Is, python.Eq:
		return same
	case python.IsNot, python.NotEq:
		return same.not()
	}
	return unknown
}

// truthOf is a literal's truth in Python.
func truthOf(k *python.Constant) tri {
	switch v := k.Value.(type) {
	case python.None:
		return no
	case bool:
		if v {
			return yes
		}
		return no
	case int64:
		if v != 0 {
			return yes
		}
		return no
	case string:
		if v != "" {
			return yes
		}
		return no
	}
	return unknown
}
