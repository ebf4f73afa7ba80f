package settings

import (
	"fmt"
	"math/big"
	"path"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
)

// maxCallDepth bounds the inlining of functions defined in settings modules.
const maxCallDepth = 8

// maxAlts bounds the alternatives of a MayBe value; beyond it the value is
// Unknown, which keeps evaluation linear on long chains of ifs. Sixteen
// covers a list that four independent ifs each add to (if DEBUG:
// INSTALLED_APPS += ("silk",) and three more), as real settings do.
const maxAlts = 16

// evaluator runs one module's top-level statements.
type evaluator struct {
	l    *loader
	file *project.File
	pf   *python.File
	// dunderFile is what __file__ names: the module's file, also while it
	// runs files it includes with django-split-settings.
	dunderFile *project.File
	ns         *Namespace
	depth      int

	// term is set when the current path of execution stopped: a raise, a
	// failed import, or a return inside a function.
	term     bool
	termKind string // "raise", "import", "return"
	ret      *Value
	// pending holds the returns of branches that returned while the other
	// branch went on, innermost last: the function's result merges them.
	pending    []condReturn
	lostReturn bool
	// envLoop: a loop djsec does not run may return, and it reads the
	// environment (for key in ("APP_" + name, name): ... os.environ ...):
	// the function is a lookup of the variable its first argument names.
	envLoop bool
	// required collects environment variables read without a default
	// since the enclosing try began: reading one that is unset raises.
	required []string
	// optional is set in the body of a try whose handler catches
	// ImportError: a module imported there may be missing on purpose.
	optional bool
	// needed is set in the body of a try whose ImportError handler
	// raises: the servers have the module the tree leaves out (a
	// secret.py made from secret_template.py), so its import is taken as
	// made, the names it gives unknown.
	needed bool
	// missingStar is where a star import stopped the path because its
	// module is not in the tree (from .local_settings import *): inside
	// a try that catches ImportError, a local override the server may
	// have.
	missingStar     Origin
	missingStarName string
	// codeNames holds the names assigned code read from a file
	// (code = compile(fp.read(), path, "exec")), which exec then runs.
	codeNames map[string]bool
	// including holds the files django-split-settings' include() is
	// running, outermost first: a file that includes itself, directly or
	// through others, would run without end.
	including []*project.File
	// inlining holds the functions being inlined, outermost first.
	inlining []*python.FunctionDef
}

// maxIncludeDepth bounds chains of include() that name different files.
const maxIncludeDepth = 16

func (e *evaluator) origin(n python.Node) Origin {
	if n == nil || e.pf == nil {
		return Origin{Path: e.file.Path}
	}
	p := e.pf.Position(n.Pos())
	return Origin{Path: e.file.Path, Line: p.Line, Col: p.Col + 1}
}

func (e *evaluator) execBlock(stmts []python.Stmt) {
	for _, s := range stmts {
		if e.term {
			return
		}
		e.exec(s)
	}
}

func (e *evaluator) exec(s python.Stmt) {
	switch s := s.(type) {
	case *python.Assign:
		for _, t := range s.Targets {
			if _, ok := t.(*python.Subscript); ok && rootName(t) == "" && e.touchesGlobals(s) {
				return // globals()[name] = value
			}
		}
		v := e.here(e.eval(s.Value), s.Value)
		for _, t := range s.Targets {
			e.assign(t, v, s)
			if n, ok := t.(*python.Name); ok && readsCode(s.Value) {
				if e.codeNames == nil {
					e.codeNames = map[string]bool{}
				}
				e.codeNames[n.ID] = true
			}
		}
	case *python.AnnAssign:
		if s.Value != nil {
			e.assign(s.Target, e.eval(s.Value), s)
		}
	case *python.AugAssign:
		cur := e.eval(s.Target)
		e.assign(s.Target, e.augop(s.Op, cur, e.eval(s.Value), e.origin(s)), s)
	case *python.ExprStmt:
		if c, ok := s.Value.(*python.Call); ok {
			e.callStmt(c)
		}
	case *python.If:
		e.execIf(s)
	case *python.Try:
		e.execTry(s)
	case *python.Import:
		e.execImport(s)
	case *python.ImportFrom:
		e.execImportFrom(s)
	case *python.FunctionDef:
		e.ns.set(s.Name, &Value{Kind: Func, S: "<def " + s.Name + ">", Origin: e.origin(s), members: &Namespace{parent: e.ns}, def: s})
	case *python.ClassDef:
		e.execClass(s)
	case *python.Raise:
		e.term, e.termKind = true, "raise"
	case *python.Return:
		e.ret = nil
		if s.Value != nil {
			e.ret = e.eval(s.Value)
		} else {
			e.ret = noneVal(e.origin(s))
		}
		e.term, e.termKind = true, "return"
	case *python.With:
		if e.suppressesImportError(s) {
			e.execSuppressed(s)
			return
		}
		for _, it := range s.Items {
			if it.OptionalVars != nil {
				e.assign(it.OptionalVars, e.withValue(it.ContextExpr), s)
			}
		}
		e.execBlock(s.Body)
	case *python.For:
		if e.touchesGlobals(s) {
			return
		}
		e.clobber(s.Body, s.Target)
		e.clobber(s.Orelse)
		e.loopReturns(s.Body, s.Orelse)
	case *python.While:
		if e.touchesGlobals(s) {
			return
		}
		e.clobber(s.Body)
		e.clobber(s.Orelse)
		e.loopReturns(s.Body, s.Orelse)
	case *python.Match:
		for _, c := range s.Cases {
			e.clobber(c.Body)
		}
	case *python.Delete:
		for _, t := range s.Targets {
			if n, ok := t.(*python.Name); ok {
				e.ns.del(n.ID)
			}
		}
	}
}

// withValue is what `with x as name` binds: for open(...), a file whose
// content the settings read at start (SECRET_KEY = f.read().strip()),
// which is not a literal of the project's.
func (e *evaluator) withValue(x python.Expr) *Value {
	if c, ok := x.(*python.Call); ok {
		if f := e.eval(c.Func); f != nil && f.Kind == Func && (f.S == "open" || f.S == "io.open" || strings.HasSuffix(f.S, ".open")) {
			return Unknownf(e.origin(x), "%s", FileContent)
		}
	}
	return Unknownf(e.origin(x), "bound by a with statement")
}

// FileContent is the reason of a value read from a file when the settings
// are loaded, as the reasons of values computed from it say too.
const FileContent = "a file the settings open when they load"

// loopReturns marks the function being inlined as returning on a path
// djsec does not follow when a loop it does not run may return; when the
// loop reads the environment, the function is an environment lookup (a
// helper that returns the first variable set among several names, for
// key in (prefix + name, name): ... os.environ.get(key) ... return), whose
// default is what it returns after the loop.
func (e *evaluator) loopReturns(blocks ...[]python.Stmt) {
	returns, env := false, false
	for _, b := range blocks {
		python.EachStmt(b, func(s python.Stmt) {
			if _, ok := s.(*python.Return); ok {
				returns = true
			}
			python.Inspect(s, func(n python.Node) bool {
				if a, ok := n.(*python.Attribute); ok && (a.Attr == "environ" || a.Attr == "getenv") {
					env = true
				}
				return !env
			})
		})
	}
	switch {
	case returns && env:
		e.envLoop = true
	case returns:
		e.lostReturn = true
	}
}

// clobber makes every name a loop or match body may set Unknown: djsec does
// not run loops.
func (e *evaluator) clobber(body []python.Stmt, extra ...python.Expr) {
	o := Origin{Path: e.file.Path}
	var mark func(t python.Expr)
	mark = func(t python.Expr) {
		switch t := t.(type) {
		case *python.Name:
			e.ns.set(t.ID, Unknownf(e.origin(t), "set in a loop"))
		case *python.Subscript, *python.Attribute:
			if root := rootName(t); root != "" {
				if _, ok := e.ns.get(root); ok {
					e.ns.set(root, Unknownf(e.origin(t), "changed in a loop"))
				}
			}
		case *python.Tuple:
			for _, x := range t.Elts {
				mark(x)
			}
		case *python.List:
			for _, x := range t.Elts {
				mark(x)
			}
		}
	}
	for _, x := range extra {
		mark(x)
	}
	_ = o
	python.EachStmt(body, func(n python.Stmt) {
		switch n := n.(type) {
		case *python.Assign:
			for _, t := range n.Targets {
				mark(t)
			}
		case *python.AugAssign:
			mark(n.Target)
		case *python.AnnAssign:
			mark(n.Target)
		case *python.ExprStmt:
			if c, ok := n.Value.(*python.Call); ok {
				if a, ok := c.Func.(*python.Attribute); ok && mutators[a.Attr] {
					mark(a.Value)
				}
			}
		case *python.ImportFrom:
			for _, a := range n.Names {
				if a.Asname != "" {
					e.ns.set(a.Asname, Unknownf(e.origin(n), "imported in a loop"))
				} else if a.Name != "*" {
					e.ns.set(a.Name, Unknownf(e.origin(n), "imported in a loop"))
				}
			}
		}
	})
}

func rootName(x python.Expr) string {
	for {
		switch t := x.(type) {
		case *python.Name:
			return t.ID
		case *python.Subscript:
			x = t.Value
		case *python.Attribute:
			x = t.Value
		default:
			return ""
		}
	}
}

// assign binds target to v. A value assigned to a name takes the
// assignment's position unless it is a container, whose elements keep theirs.
func (e *evaluator) assign(t python.Expr, v *Value, stmt python.Node) {
	switch t := t.(type) {
	case *python.Name:
		// Mutating methods and item assignment build values without eval:
		// they are charged and capped here.
		e.ns.set(t.ID, e.bound(v))
	case *python.Tuple:
		e.unpack(t.Elts, v, stmt)
	case *python.List:
		e.unpack(t.Elts, v, stmt)
	case *python.Subscript:
		cur := e.eval(t.Value)
		key := e.eval(t.Slice)
		e.assign(t.Value, setItem(cur, key, v, e.origin(t)), stmt)
	case *python.Attribute:
		// setattr on a module or object: not a settings value djsec follows.
	case *python.Starred:
		e.assign(t.Value, Unknownf(e.origin(t), "starred assignment"), stmt)
	}
}

func (e *evaluator) unpack(targets []python.Expr, v *Value, stmt python.Node) {
	if v.IsSeq() && len(v.Elems) == len(targets) {
		for i, t := range targets {
			e.assign(t, v.Elems[i], stmt)
		}
		return
	}
	for _, t := range targets {
		e.assign(t, Unknownf(e.origin(t), "unpacked from %s", v.Repr()), stmt)
	}
}

// setItem returns container c with c[key] = v.
func setItem(c, key, v *Value, o Origin) *Value {
	switch {
	case c != nil && c.Kind == Dict:
		n := *c
		n.Keys = append([]*Value(nil), c.Keys...)
		n.Elems = append([]*Value(nil), c.Elems...)
		for i, k := range n.Keys {
			if Equal(k, key) == 1 {
				n.Elems[i] = v
				return &n
			}
		}
		n.Keys = append(n.Keys, key)
		n.Elems = append(n.Elems, v)
		if !key.IsKnown() {
			n.Literal = false
		}
		return &n
	case c != nil && c.Kind == List:
		if i, ok := key.Int64(); ok && key.Kind == Int {
			if i < 0 {
				i += int64(len(c.Elems))
			}
			if i >= 0 && i < int64(len(c.Elems)) {
				n := *c
				n.Elems = append([]*Value(nil), c.Elems...)
				n.Elems[i] = v
				return &n
			}
		}
	}
	if c != nil && c.Kind == Unknown {
		return c
	}
	return Unknownf(o, "item assignment djsec cannot follow")
}

// mutators are the list, set and dict methods that change their receiver.
var mutators = map[string]bool{
	"append": true, "extend": true, "insert": true, "remove": true, "update": true,
	"setdefault": true, "pop": true, "clear": true, "add": true, "discard": true,
	"sort": true, "reverse": true,
}

// callStmt runs a call made for its effect: list and dict mutations on
// settings, and reading .env files (which changes nothing djsec sees).
func (e *evaluator) callStmt(c *python.Call) {
	if e.touchesGlobals(c) {
		return
	}
	if e.splitSettings(c) {
		return
	}
	a, ok := c.Func.(*python.Attribute)
	if !ok || !mutators[a.Attr] || rootName(a.Value) == "" {
		e.eval(c)
		return
	}
	recv := e.eval(a.Value)
	if recv.Kind == Func || recv.Kind == Module {
		e.eval(c)
		return
	}
	args := e.args(c)
	o := e.origin(c)
	lifted := recv.Kind == Env || recv.Kind == MayBe
	for _, x := range args {
		lifted = lifted || x != nil && (x.Kind == Env || x.Kind == MayBe)
	}
	if lifted && !slices.Contains(args, nil) {
		vals := append([]*Value{recv}, args...)
		e.assign(a.Value, lift(o, vals, func(vs []*Value) *Value { return mutate(vs[0], a.Attr, vs[1:], c, o) }), c)
		return
	}
	e.assign(a.Value, mutate(recv, a.Attr, args, c, o), c)
}

func mutate(recv *Value, method string, args []*Value, c *python.Call, o Origin) *Value {
	bad := func() *Value {
		if recv.Kind == Unknown {
			return recv
		}
		return Unknownf(o, "changed by .%s() with values djsec cannot follow", method)
	}
	if len(c.Keywords) > 0 && method != "update" {
		return bad()
	}
	for _, x := range args {
		if x == nil {
			return bad()
		}
	}
	n := *recv
	n.Elems = append([]*Value(nil), recv.Elems...)
	n.Keys = append([]*Value(nil), recv.Keys...)
	switch {
	case recv.Kind == List && method == "append" && len(args) == 1:
		n.Elems = append(n.Elems, args[0])
	case (recv.Kind == List || recv.Kind == Set) && method == "extend" && len(args) == 1 && args[0].IsSeq():
		n.Elems = append(n.Elems, args[0].Elems...)
	case recv.Kind == Set && method == "add" && len(args) == 1:
		n.Elems = append(n.Elems, args[0])
	case recv.Kind == List && method == "insert" && len(args) == 2:
		i, ok := args[0].Int64()
		if !ok {
			return bad()
		}
		if i < 0 {
			i += int64(len(n.Elems))
		}
		i = max(0, min(i, int64(len(n.Elems))))
		n.Elems = append(n.Elems[:i], append([]*Value{args[1]}, n.Elems[i:]...)...)
	case (recv.Kind == List || recv.Kind == Set) && (method == "remove" || method == "discard") && len(args) == 1:
		for i, x := range n.Elems {
			switch Equal(x, args[0]) {
			case 1:
				n.Elems = append(n.Elems[:i], n.Elems[i+1:]...)
				return &n
			case -1:
				return bad()
			}
		}
		if method == "remove" {
			return bad() // ValueError at import: djsec cannot say what follows
		}
	case recv.Kind == Dict && method == "update":
		cur := &n
		if len(args) == 1 {
			if args[0].Kind != Dict {
				return bad()
			}
			for i, k := range args[0].Keys {
				cur = setItem(cur, k, args[0].Elems[i], o)
			}
		} else if len(args) > 1 {
			return bad()
		}
		for _, kw := range c.Keywords {
			if kw.Arg == "" {
				return bad()
			}
		}
		return cur
	case recv.Kind == Dict && method == "setdefault" && len(args) >= 1:
		if recv.Get(args[0].S) != nil || args[0].Kind != Str {
			return recv
		}
		d := noneVal(o)
		if len(args) > 1 {
			d = args[1]
		}
		return setItem(recv, args[0], d, o)
	case recv.Kind == Dict && method == "pop" && len(args) >= 1:
		for i, k := range n.Keys {
			if Equal(k, args[0]) == 1 {
				n.Keys = append(n.Keys[:i], n.Keys[i+1:]...)
				n.Elems = append(n.Elems[:i], n.Elems[i+1:]...)
				return &n
			}
		}
	case recv.Kind == List && method == "pop":
		if len(args) == 0 && len(n.Elems) > 0 {
			n.Elems = n.Elems[:len(n.Elems)-1]
			return &n
		}
		return bad()
	case method == "clear" && (recv.Kind == List || recv.Kind == Dict || recv.Kind == Set):
		n.Elems, n.Keys = nil, nil
	default:
		return bad()
	}
	return &n
}

// execIf runs both branches of an if whose test djsec cannot decide and
// merges them; a branch that raises is dropped (Django would not start).
func (e *evaluator) execIf(s *python.If) {
	test := e.eval(s.Test)
	if t := test.Truth(); t >= 0 {
		if t == 1 {
			e.execBlock(s.Body)
		} else {
			e.execBlock(s.Orelse)
		}
		return
	}
	e.branches(test, func(b *evaluator) { b.execBlock(s.Body) }, func(b *evaluator) { b.execBlock(s.Orelse) })
}

// branches runs two alternatives on copies of the namespace and merges the
// outcome. When cond depends on environment variables whose unset value is
// known, the merged values are Env values: what they are when the variables
// are unset is the outcome of the branch taken then.
func (e *evaluator) branches(cond *Value, yes, no func(*evaluator)) {
	a, b := e.fork(), e.fork()
	yes(a)
	no(b)
	e.join(cond, a, b)
}

func (e *evaluator) fork() *evaluator {
	c := *e
	c.ns = e.ns.overlay()
	return &c
}

func (e *evaluator) join(cond *Value, a, b *evaluator) {
	e.required = unionVars(a.required, b.required)
	switch {
	case a.term && b.term:
		e.term, e.termKind = true, a.termKind
		e.lostReturn = e.lostReturn || a.lostReturn || b.lostReturn ||
			len(a.pending) != len(e.pending) || len(b.pending) != len(e.pending)
		e.ns.apply(a.ns)
		if a.termKind == "return" && b.termKind == "return" {
			e.ret = mergeValue(cond, a.ret, b.ret)
		}
		return
	case a.term:
		if a.termKind == "return" {
			e.pending = append(append([]condReturn(nil), b.pending...), condReturn{cond, a.ret, true})
		}
		e.ns.apply(b.ns)
		return
	case b.term:
		if b.termKind == "return" {
			e.pending = append(append([]condReturn(nil), a.pending...), condReturn{cond, b.ret, false})
		}
		e.ns.apply(a.ns)
		return
	}
	if len(a.pending) != len(e.pending) || len(b.pending) != len(e.pending) {
		// A return inside a nested branch on only one side: the function's
		// result depends on more than one condition, which djsec does not
		// track.
		e.lostReturn = true
	}
	e.lostReturn = e.lostReturn || a.lostReturn || b.lostReturn
	merged := map[string]*Value{}
	for k := range a.ns.vars {
		merged[k] = nil
	}
	for k := range b.ns.vars {
		merged[k] = nil
	}
	for k := range merged {
		av, aok := a.ns.lookup(k)
		bv, bok := b.ns.lookup(k)
		switch {
		case !aok && !bok:
			e.ns.del(k)
		case aok && bok && av == bv:
			e.ns.set(k, av)
		default:
			if !aok {
				av = nil
			}
			if !bok {
				bv = nil
			}
			e.ns.set(k, mergeValue(cond, av, bv))
		}
	}
	if a.ns.Opaque != "" {
		e.ns.Opaque = a.ns.Opaque
	}
	if b.ns.Opaque != "" {
		e.ns.Opaque = b.ns.Opaque
	}
	for _, l := range []*LocalImport{a.ns.Local, b.ns.Local} {
		if l != nil {
			e.ns.Local = l
		}
	}
	for _, o := range []string{a.ns.Override, b.ns.Override} {
		if o != "" {
			e.ns.Override = o
		}
	}
}

// mergeValue is the value of a name that is yes when cond holds and no when
// it does not; nil means the name is not bound on that path.
func mergeValue(cond, yes, no *Value) *Value {
	o := Origin{}
	for _, v := range []*Value{yes, no} {
		if v != nil {
			o = v.Origin
			break
		}
	}
	if cond != nil && cond.Kind == Env {
		if t := cond.Default.Truth(); t >= 0 {
			unset := no
			if t == 1 {
				unset = yes
			}
			set := yes
			if t == 1 {
				set = no
			}
			if unset == nil {
				return Unknownf(o, "set only when %s is set", VarList(cond.Vars))
			}
			v := &Value{Kind: Env, Vars: cond.Vars, Default: unset, Origin: unset.Origin, Why: "branch"}
			if set != nil {
				v.Alts = []*Value{set}
			}
			return v
		}
	}
	var alts []*Value
	add := func(v *Value) {
		for _, a := range alts {
			if Equal(a, v) == 1 {
				return // the same value on two paths is one alternative
			}
		}
		alts = append(alts, v)
	}
	for _, v := range []*Value{yes, no} {
		if v == nil {
			v = Unknownf(o, "not set on every path")
		}
		if v.Kind == MayBe {
			for _, a := range v.Alts {
				add(a)
			}
		} else {
			add(v)
		}
	}
	if len(alts) == 1 {
		return alts[0]
	}
	if len(alts) > maxAlts {
		return Unknownf(o, "too many alternatives")
	}
	return &Value{Kind: MayBe, Alts: alts, Origin: o}
}

// handlerCatches reports whether an except clause catches an exception of
// one of the given names.
func handlerCatches(h *python.ExceptHandler, names ...string) bool {
	if h.Type == nil {
		return true
	}
	var types []python.Expr
	if t, ok := h.Type.(*python.Tuple); ok {
		types = t.Elts
	} else {
		types = []python.Expr{h.Type}
	}
	for _, t := range types {
		n := ""
		switch t := t.(type) {
		case *python.Name:
			n = t.ID
		case *python.Attribute:
			n = t.Attr
		}
		if n == "Exception" || n == "BaseException" {
			return true
		}
		for _, want := range names {
			if n == want {
				return true
			}
		}
	}
	return false
}

// execTry models the two exceptions settings modules catch on purpose: an
// ImportError from an optional module of the project (a missing local.py),
// and a KeyError or ImproperlyConfigured from a required environment variable.
func (e *evaluator) execTry(s *python.Try) {
	saved := e.required
	e.required = nil
	body := e.fork()
	for _, h := range s.Handlers {
		if handlerCatches(h, "ImportError", "ModuleNotFoundError") {
			body.optional = true
		}
	}
	body.execBlock(s.Body)
	body.optional = e.optional
	required := body.required
	e.required = unionVars(saved, required)

	switch {
	case body.term && body.termKind == "import":
		made := false // the imports were taken as made: the else runs
		for _, h := range s.Handlers {
			if handlerCatches(h, "ImportError", "ModuleNotFoundError") {
				if endsInRaise(h.Body) {
					// except ImportError: raise RuntimeError("add
					// secret.py"): no server runs without the module
					e.l.note(fmt.Sprintf("%s raises unless the modules it imports at %s are there; they are not in the scanned tree, "+
						"so djsec took them as the servers' own, with values it cannot see", e.file.Path, e.origin(s)))
					body = e.fork()
					body.needed = true
					body.execBlock(s.Body)
					body.needed = e.needed
					made = true
					break
				}
				body.term, body.termKind = false, ""
				if local := body.missingStar; local.Path != "" {
					// try: from .local_settings import * / except
					// ImportError: pass: a local override the server
					// may have, which has the last word on what
					// nothing after it sets again
					body.ns.Local = newLocalImport(body.ns, body.missingStarName, local.String())
				}
				body.execBlock(h.Body)
				break
			}
		}
		e.ns.apply(body.ns)
		e.term, e.termKind, e.ret = body.term, body.termKind, body.ret
		if made && !e.term {
			e.execBlock(s.Orelse)
		}
	case len(required) > 0 && !body.term:
		var handler *python.ExceptHandler
		for _, h := range s.Handlers {
			if handlerCatches(h, "KeyError", "ImproperlyConfigured", "UndefinedValueError", "LookupError") {
				handler = h
				break
			}
		}
		if handler == nil {
			e.ns.apply(body.ns)
			break
		}
		unset := e.fork()
		unset.execBlock(handler.Body)
		cond := &Value{Kind: Env, Vars: required, Default: boolVal(false, Origin{})}
		body.execBlock(s.Orelse)
		e.join(cond, body, unset)
		e.execBlock(s.Finalbody)
		return
	default:
		e.ns.apply(body.ns)
		e.term, e.termKind, e.ret = body.term, body.termKind, body.ret
		if !e.term {
			e.execBlock(s.Orelse)
		}
	}
	if !e.term {
		e.execBlock(s.Finalbody)
	}
}

// endsInRaise reports a block whose last statement raises, or ends the
// process (sys.exit(1) after printing "copy local.py-example to
// local.py"): either way no server runs past it.
func endsInRaise(body []python.Stmt) bool {
	if len(body) == 0 {
		return false
	}
	switch x := body[len(body)-1].(type) {
	case *python.Raise:
		return true
	case *python.ExprStmt:
		c, ok := x.Value.(*python.Call)
		if !ok {
			return false
		}
		switch name, _ := python.DottedName(c.Func); name {
		case "sys.exit", "exit", "quit", "os._exit":
			return true
		}
	}
	return false
}

// suppressesImportError reports with contextlib.suppress(ImportError):,
// the other way settings import an optional local module.
func (e *evaluator) suppressesImportError(s *python.With) bool {
	for _, it := range s.Items {
		c, ok := it.ContextExpr.(*python.Call)
		if !ok {
			continue
		}
		if f := e.eval(c.Func); f.Kind != Func || f.S != "contextlib.suppress" {
			continue
		}
		for _, a := range c.Args {
			if n, ok := a.(*python.Name); ok && (n.ID == "ImportError" || n.ID == "ModuleNotFoundError") {
				return true
			}
		}
	}
	return false
}

// execSuppressed runs the body of a with contextlib.suppress(ImportError)
// as a try whose handler passes: a module of the project that is not there
// ends the body, and what it set before stays.
func (e *evaluator) execSuppressed(s *python.With) {
	body := e.fork()
	body.optional = true
	body.execBlock(s.Body)
	body.optional = e.optional
	if body.term && body.termKind == "import" {
		body.term, body.termKind = false, ""
	}
	e.ns.apply(body.ns)
	e.term, e.termKind, e.ret = body.term, body.termKind, body.ret
}

// ---- imports ----

func (e *evaluator) execImport(s *python.Import) {
	for _, a := range s.Names {
		o := e.origin(a)
		if a.Asname != "" {
			e.ns.set(a.Asname, e.importModule(a.Name, 0, o))
			continue
		}
		top := strings.SplitN(a.Name, ".", 2)[0]
		e.importModule(a.Name, 0, o) // errors and notes
		e.ns.set(top, e.importModule(top, 0, o))
	}
}

// importModule returns the value of module name (relative to this file when
// level > 0). Modules of the project are evaluated; others are opaque
// references that known libraries (os, environ, decouple) give meaning to.
func (e *evaluator) importModule(name string, level int, o Origin) *Value {
	f, missing := e.l.resolve(e.file, name, level)
	if f != nil && e.optional && e.l.proj.DockerIgnored(f.Path) {
		// try: from .dev import * / except ImportError: from .prod
		// import *, with dev.py left out of the image: the image runs
		// the except branch.
		e.l.note(fmt.Sprintf("the import of %s at %s is left to its except ImportError branch: .dockerignore leaves %s out of the image", name, o, f.Path))
		f, missing = nil, true
	}
	if f != nil {
		ns := e.l.evalFile(f)
		e.l.reach(e.file, f)
		if ns == nil {
			if why, lost := e.l.lostWhy(f); lost {
				return Unknownf(o, "module %s could not be evaluated: %s %s", name, f.Path, why)
			}
			return Unknownf(o, "module %s could not be evaluated", name)
		}
		return &Value{Kind: Module, S: e.l.moduleName(f), members: ns, Origin: o}
	}
	if missing && e.needed {
		return Unknownf(o, "module %s is not in the scanned tree; the servers have it, since the settings raise without it", name)
	}
	if missing {
		e.term, e.termKind = true, "import"
		return nil
	}
	if level > 0 {
		return Unknownf(o, "relative import djsec cannot resolve")
	}
	return &Value{Kind: Func, S: name, Origin: o}
}

func (e *evaluator) execImportFrom(s *python.ImportFrom) {
	o := e.origin(s)
	mod := e.importModule(s.Module, s.Level, o)
	if e.term {
		if e.termKind == "import" && len(s.Names) == 1 && s.Names[0].Name == "*" {
			e.missingStar, e.missingStarName = o, strings.Repeat(".", s.Level)+s.Module
		}
		return
	}
	for _, a := range s.Names {
		if a.Name == "*" {
			e.starImport(mod, s, o)
			continue
		}
		bind := a.Name
		if a.Asname != "" {
			bind = a.Asname
		}
		e.ns.set(bind, e.member(mod, a.Name, s, o))
		if e.term {
			return
		}
	}
}

// member is "from mod import name": a value of mod, or a submodule.
func (e *evaluator) member(mod *Value, name string, s *python.ImportFrom, o Origin) *Value {
	if mod.Kind == Module {
		if v, ok := mod.members.get(name); ok {
			return v
		}
		sub := s.Module
		if sub != "" {
			sub += "."
		}
		if f, _ := e.l.resolve(e.file, sub+name, s.Level); f != nil {
			return e.importModule(sub+name, s.Level, o)
		}
		if mod.members.Opaque != "" {
			return Unknownf(o, "%s", mod.members.Opaque)
		}
		e.term, e.termKind = true, "import"
		return nil
	}
	if mod.Kind == Func {
		if c := externalConst(mod.S+"."+name, o); c != nil {
			return c
		}
		return &Value{Kind: Func, S: mod.S + "." + name, Origin: o}
	}
	return Unknownf(o, "imported from a module djsec cannot evaluate")
}

func (e *evaluator) starImport(mod *Value, s *python.ImportFrom, o Origin) {
	if mod.Kind == Func && e.optional {
		// try: from settings_local import * / except ImportError: a
		// module the tree does not hold, which the settings expect to
		// be missing: the handler runs, as for `from .local import X`.
		e.l.note(fmt.Sprintf("`from %s import *` at %s names a module that is not in the scanned tree; djsec took the except ImportError branch, as if it were missing", s.Module, o))
		e.term, e.termKind = true, "import"
		return
	}
	if mod.Kind != Module {
		what := strings.Repeat(".", s.Level) + s.Module
		why := fmt.Sprintf("`from %s import *` at %s, which djsec cannot follow", what, o)
		if mod.Kind == Unknown && strings.Contains(mod.Why, "could not be evaluated: ") {
			why += " (" + mod.Why + ")"
		}
		e.l.note(why)
		e.ns.Opaque = why
		for _, k := range e.ns.Names() {
			if v, _ := e.ns.get(k); v != nil && (v.Kind == Module || v.Kind == Func) {
				// os, Path, env helpers: a module that exports a name
				// it imported exports the same object, and nothing
				// else rebinds them in settings. Only values may change.
				continue
			}
			e.ns.set(k, Unknownf(o, "may be replaced by %s", why))
		}
		return
	}
	var names []string
	if all, ok := mod.members.lookup("__all__"); ok {
		ss, complete := all.Strings()
		if !complete {
			e.ns.Opaque = "`__all__` of " + mod.S + " is not known"
		}
		names = ss
	} else {
		for _, k := range mod.members.Names() {
			if !strings.HasPrefix(k, "_") {
				names = append(names, k)
			}
		}
	}
	if mod.members.Override != "" {
		e.ns.Override = mod.members.Override
	}
	if mod.members.Local != nil {
		e.ns.Local = mod.members.Local
	}
	copied := map[string]bool{}
	for _, k := range names {
		if v, ok := mod.members.lookup(k); ok {
			e.ns.set(k, v)
			copied[k] = true
		}
	}
	if mod.members.Opaque != "" {
		// the module's own namespace takes names djsec cannot list
		// (vars().update(config_from_yaml)): any value set here before
		// may be replaced, as by a module djsec cannot follow
		e.ns.Opaque = mod.members.Opaque
		for _, k := range e.ns.Names() {
			if structural[k] {
				continue // a config file holds values, not the site's code paths
			}
			if v, _ := e.ns.get(k); v != nil && !copied[k] && v.Kind != Module && v.Kind != Func {
				e.ns.set(k, Unknownf(o, "may be replaced by `from %s import *` at %s: %s", s.Module, o, mod.members.Opaque))
			}
		}
	}
}

// structural are the settings that name the site's code (apps,
// middleware, backends, validators, templates, URLconf): a deployment's
// configuration file, loaded over the settings, sets values such as keys,
// hosts and databases, not these.
var structural = map[string]bool{"INSTALLED_APPS": true, "MIDDLEWARE": true, "MIDDLEWARE_CLASSES": true,
	"AUTHENTICATION_BACKENDS": true, "AUTH_PASSWORD_VALIDATORS": true, "TEMPLATES": true, "ROOT_URLCONF": true,
	"WSGI_APPLICATION": true}

// ---- expressions ----

func (e *evaluator) eval(x python.Expr) *Value {
	v := e.eval1(x)
	if v == nil {
		return Unknownf(e.origin(x), "expression djsec cannot evaluate")
	}
	return e.bound(v)
}

func (e *evaluator) eval1(x python.Expr) *Value {
	o := e.origin(x)
	switch x := x.(type) {
	case *python.Constant:
		return constant(x.Value, o)
	case *python.JoinedStr:
		return e.fstring(x, o)
	case *python.Name:
		switch x.ID {
		case "__file__":
			f := e.file
			if e.dunderFile != nil {
				f = e.dunderFile
			}
			return &Value{Kind: Str, S: e.l.absPath(f), Origin: o, Literal: true}
		case "__name__":
			return strVal(e.l.moduleName(e.file), o)
		}
		if v, ok := e.ns.get(x.ID); ok {
			return v
		}
		if builtins[x.ID] {
			return &Value{Kind: Func, S: "builtins." + x.ID, Origin: o}
		}
		if e.ns.Opaque != "" {
			return Unknownf(o, "%s", e.ns.Opaque)
		}
		return Unknownf(o, "name %s is not defined", x.ID)
	case *python.Attribute:
		return e.attr(e.eval(x.Value), x.Attr, o)
	case *python.Subscript:
		return e.subscript(e.eval(x.Value), e.eval(x.Slice), o)
	case *python.Call:
		return e.call(x, o)
	case *python.BinOp:
		return e.binop(x.Op, e.eval(x.Left), e.eval(x.Right), o)
	case *python.UnaryOp:
		return e.unary(x.Op, e.eval(x.Operand), o)
	case *python.BoolOp:
		return e.boolop(x, o)
	case *python.Compare:
		return e.compare(x, o)
	case *python.IfExp:
		test := e.eval(x.Test)
		switch test.Truth() {
		case 1:
			return e.eval(x.Body)
		case 0:
			return e.eval(x.Orelse)
		}
		return mergeValue(test, e.eval(x.Body), e.eval(x.Orelse))
	case *python.List:
		return e.seq(List, x.Elts, o)
	case *python.Tuple:
		return e.seq(Tuple, x.Elts, o)
	case *python.Set:
		return e.seq(Set, x.Elts, o)
	case *python.Dict:
		return e.dict(x, o)
	case *python.NamedExpr:
		v := e.eval(x.Value)
		e.assign(x.Target, v, x)
		return v
	case *python.ListComp:
		return e.listComp(x, o)
	}
	return Unknownf(o, "%T is not evaluated", x)
}

// listComp evaluates a list comprehension of one loop over a name and no
// condition, [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "*").split(",")]:
// the element for each item of the sequence, looked through environment
// lookups as every operation is (lift). The loop's name is bound in a
// namespace of its own, as Python 3 keeps it out of the module's.
func (e *evaluator) listComp(x *python.ListComp, o Origin) *Value {
	if len(x.Generators) != 1 {
		return Unknownf(o, "a comprehension of %d loops", len(x.Generators))
	}
	g := x.Generators[0]
	name, ok := g.Target.(*python.Name)
	if !ok || len(g.Ifs) > 0 || g.IsAsync != 0 {
		return Unknownf(o, "a comprehension with a condition or an unpacked name, which djsec does not evaluate")
	}
	it := e.eval(g.Iter)
	if it.Kind == Unknown {
		return Unknownf(o, "a comprehension over a value djsec cannot compute (%s)", it.Why)
	}
	return lift(o, []*Value{it}, func(vs []*Value) *Value {
		seq := vs[0]
		if !seq.IsSeq() {
			return Unknownf(o, "a comprehension over %s", seq.Repr())
		}
		if len(seq.Elems) > maxCompItems {
			return Unknownf(o, "a comprehension over %d items, more than djsec evaluates (%d)", len(seq.Elems), maxCompItems)
		}
		f := e.fork()
		out := make([]*Value, 0, len(seq.Elems))
		for _, el := range seq.Elems {
			// each item's evaluation is charged as a thousand items
			// built: comprehensions nested in the element would
			// otherwise multiply their lengths, and each evaluation
			// reads its expression's position again
			if !e.l.work.add(compItemWork) {
				return Unknownf(o, "settings evaluation stopped: the settings build values larger than djsec evaluates")
			}
			f.assign(name, el, x)
			out = append(out, f.eval(x.Elt))
		}
		return listVal(List, out, o)
	})
}

var builtins = map[string]bool{
	"str": true, "int": true, "bool": true, "float": true, "list": true, "tuple": true,
	"dict": true, "set": true, "frozenset": true, "len": true, "open": true, "print": true,
	"getattr": true, "sorted": true, "repr": true, "abs": true, "min": true, "max": true,
}

func constant(c any, o Origin) *Value {
	switch c := c.(type) {
	case string:
		return strVal(c, o)
	case int64:
		return intVal(c, o)
	case *big.Int:
		return &Value{Kind: Int, I: c, Origin: o, Literal: true}
	case float64:
		return &Value{Kind: Float, F: c, Origin: o, Literal: true}
	case bool:
		return boolVal(c, o)
	case python.None:
		return noneVal(o)
	case []byte:
		return &Value{Kind: Str, S: string(c), Origin: o, Literal: true}
	}
	return Unknownf(o, "constant %T", c)
}

func (e *evaluator) fstring(x *python.JoinedStr, o Origin) *Value {
	parts := make([]*Value, 0, len(x.Values))
	for _, p := range x.Values {
		if fv, ok := p.(*python.FormattedValue); ok {
			if fv.FormatSpec != nil {
				return Unknownf(o, "f-string with a format spec")
			}
			parts = append(parts, lift(o, []*Value{e.eval(fv.Value)}, func(vs []*Value) *Value { return convert("str", vs[0], o) }))
			continue
		}
		parts = append(parts, e.eval(p))
	}
	return lift(o, parts, func(vs []*Value) *Value {
		var b strings.Builder
		lit := true
		for _, v := range vs {
			if v.Kind != Str {
				return Unknownf(o, "f-string with a value djsec does not know")
			}
			lit = lit && v.Literal
			if b.Len()+len(v.S) > maxStrLen {
				return Unknownf(o, "an f-string longer than djsec evaluates (%d bytes)", maxStrLen)
			}
			b.WriteString(v.S)
		}
		return &Value{Kind: Str, S: b.String(), Origin: o, Literal: lit}
	})
}

func (e *evaluator) seq(k Kind, elts []python.Expr, o Origin) *Value {
	if len(elts) > maxElems {
		return Unknownf(o, "a display of %d items, more than djsec evaluates (%d)", len(elts), maxElems)
	}
	var out []*Value
	for _, x := range elts {
		if st, ok := x.(*python.Starred); ok {
			v := e.eval(st.Value)
			switch {
			case v.IsSeq():
				out = append(out, v.Elems...)
			case v.Kind == Unknown:
				out = append(out, unknownItems(v, o))
			default:
				return Unknownf(o, "unpacks %s", v.Repr())
			}
			continue
		}
		out = append(out, e.here(e.eval(x), x))
	}
	return listVal(k, out, o)
}

// here gives a scalar that an element of a container names (a constant
// imported or defined elsewhere) the element's own position, which is where a
// finding about the element belongs.
func (e *evaluator) here(v *Value, x python.Expr) *Value {
	switch x.(type) {
	case *python.Name, *python.Attribute:
	default:
		return v
	}
	switch v.Kind {
	case Str, Int, Float, Bool, None, Path:
		c := *v
		c.Origin = e.origin(x)
		return &c
	}
	return v
}

func (e *evaluator) dict(x *python.Dict, o Origin) *Value {
	if len(x.Keys) > maxDictLit {
		return Unknownf(o, "a dict display of %d keys, more than djsec evaluates (%d)", len(x.Keys), maxDictLit)
	}
	d := &Value{Kind: Dict, Origin: o, Literal: true}
	for i, k := range x.Keys {
		if k == nil {
			spread := e.eval(x.Values[i])
			if spread.Kind != Dict {
				d.Keys = append(d.Keys, Unknownf(o, "**%s", spread.Repr()))
				d.Elems = append(d.Elems, Unknownf(o, "**spread"))
				d.Literal = false
				continue
			}
			for j := range spread.Keys {
				d = setItem(d, spread.Keys[j], spread.Elems[j], o)
			}
			continue
		}
		kv := e.eval(k)
		vv := e.here(e.eval(x.Values[i]), x.Values[i])
		if !vv.Literal {
			d.Literal = false
		}
		d = setItem(d, kv, vv, o)
	}
	return d
}

func (e *evaluator) args(c *python.Call) []*Value {
	out := make([]*Value, 0, len(c.Args))
	for _, a := range c.Args {
		if st, ok := a.(*python.Starred); ok {
			v := e.eval(st.Value)
			if !v.IsSeq() {
				return append(out, nil)
			}
			out = append(out, v.Elems...)
			continue
		}
		out = append(out, e.eval(a))
	}
	return out
}

func (e *evaluator) kwargs(c *python.Call) (map[string]*Value, bool) {
	kw := map[string]*Value{}
	for _, k := range c.Keywords {
		if k.Arg == "" {
			v := e.eval(k.Value)
			if v.Kind != Dict || v.HasUnknownKeys() {
				return kw, false
			}
			for i, key := range v.Keys {
				kw[key.S] = v.Elems[i]
			}
			continue
		}
		kw[k.Arg] = e.eval(k.Value)
	}
	return kw, true
}

// lift applies f to values, looking through Env and MayBe values: the
// result of an operation on an environment lookup is an Env value whose
// default is the operation on the lookup's default.
func lift(o Origin, vals []*Value, f func([]*Value) *Value) *Value {
	for i, v := range vals {
		switch v.Kind {
		case Env:
			if v.Default == nil {
				return &Value{Kind: Env, Vars: v.Vars, Origin: o, Why: v.Why}
			}
			c := append([]*Value(nil), vals...)
			c[i] = v.Default
			r := lift(o, c, f)
			vars := v.Vars
			var inner []*Value // r's values when its own variables are set
			nested := r.Kind == Env
			if nested {
				vars = unionVars(vars, r.Vars)
				inner = r.Alts
				r = r.Default
			}
			out := &Value{Kind: Env, Vars: vars, Default: r, Origin: o, Why: v.Why}
			if len(v.Alts) > 0 && (!nested || len(inner) > 0) {
				// The other branch of an if on the variables goes through
				// the same operation. When the default depends on other
				// variables too, the values it takes when they are set
				// are alternatives as well: with both, every way the
				// variables may be set is covered (INSTALLED_APPS
				// appended to under two ifs on the environment).
				out.Alts = slices.Clone(inner)
				for _, a := range v.Alts {
					c[i] = a
					out.Alts = append(out.Alts, lift(o, c, f))
				}
				if len(out.Alts) > maxAlts {
					// Too many ways to be set: the value holds only
					// whenever the variables are unset.
					out.Alts = nil
				}
			}
			if v.Why == "branch" && r != nil {
				out.Origin = r.Origin
			}
			return out
		case MayBe:
			var alts []*Value
			for _, a := range v.Alts {
				c := append([]*Value(nil), vals...)
				c[i] = a
				alts = append(alts, lift(o, c, f))
			}
			return &Value{Kind: MayBe, Alts: alts, Origin: o}
		case Unknown:
			return Unknownf(o, "%s", v.Why)
		}
	}
	return f(vals)
}

func (e *evaluator) binop(op python.Operator, l, r *Value, o Origin) *Value {
	if v := openConcat(op, l, r, o); v != nil {
		return v
	}
	return lift(o, []*Value{l, r}, func(vs []*Value) *Value {
		v := binop(op, vs[0], vs[1], o)
		if v.Kind != Unknown {
			v.Literal = vs[0].Literal && vs[1].Literal
		}
		return v
	})
}

// augop is binop for an augmented assignment, x op= y: a list extended in
// place takes the items of a tuple or a set too (INSTALLED_APPS +=
// ("corsheaders",)), where list + tuple raises.
func (e *evaluator) augop(op python.Operator, l, r *Value, o Origin) *Value {
	if op != python.Add {
		return e.binop(op, l, r, o)
	}
	if v := openConcat(op, l, r, o); v != nil {
		return v
	}
	return lift(o, []*Value{l, r}, func(vs []*Value) *Value {
		a, b := vs[0], vs[1]
		if a.Kind == List && (b.Kind == Tuple || b.Kind == Set) {
			b = &Value{Kind: List, Elems: b.Elems, Origin: b.Origin, Literal: b.Literal}
		}
		return e.binop(op, a, b, o)
	})
}

// openConcat is a list or tuple added to one djsec does not know
// (MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware"] + MIDDLEWARE,
// after a star import from a package outside the project): the known
// items stay, and one Unknown item stands for the rest, so that a rule
// sees what the project itself lists but never that the list is whole.
// Nil when op and its operands are not that.
func openConcat(op python.Operator, l, r *Value, o Origin) *Value {
	switch {
	case op != python.Add:
		return nil
	case l.Kind == Unknown && (r.Kind == List || r.Kind == Tuple):
		return &Value{Kind: r.Kind, Elems: append([]*Value{unknownItems(l, o)}, r.Elems...), Origin: o}
	case r.Kind == Unknown && (l.Kind == List || l.Kind == Tuple):
		return &Value{Kind: l.Kind, Elems: append(slices.Clone(l.Elems), unknownItems(r, o)), Origin: l.Origin}
	}
	return nil
}

// unknownItems is the Unknown item that stands for the items of the unknown
// sequence v inside a list djsec otherwise knows.
func unknownItems(v *Value, o Origin) *Value {
	return Unknownf(o, "items djsec does not know (%s)", v.Why)
}

func binop(op python.Operator, l, r *Value, o Origin) *Value {
	unknown := func() *Value { return Unknownf(o, "operation on %s and %s", l.Repr(), r.Repr()) }
	switch {
	case l.Kind == Path && op == python.Div && r.IsString():
		p, _ := joinPaths([]*Value{strVal(l.S, o), r})
		return &Value{Kind: Path, S: p, Origin: o}
	case l.Kind == Str && r.Kind == Str && op == python.Add:
		return &Value{Kind: Str, S: l.S + r.S, Origin: o}
	case l.Kind == Str && op == python.Mod:
		return percentFormat(l, r, o)
	case l.Kind == Str && r.Kind == Int && op == python.Mult:
		n, ok := r.Int64()
		if !ok || n > 1<<16 || n > 0 && int64(len(l.S))*n > maxStrLen {
			return unknown()
		}
		return &Value{Kind: Str, S: strings.Repeat(l.S, int(max(n, 0))), Origin: o}
	case (l.Kind == List || l.Kind == Tuple) && l.Kind == r.Kind && op == python.Add:
		return &Value{Kind: l.Kind, Elems: append(append([]*Value(nil), l.Elems...), r.Elems...), Origin: l.Origin}
	case l.Kind == Dict && r.Kind == Dict && op == python.BitOr:
		d := l
		for i := range r.Keys {
			d = setItem(d, r.Keys[i], r.Elems[i], o)
		}
		return d
	case l.Kind == Set && r.Kind == Set && op == python.BitOr:
		return &Value{Kind: Set, Elems: append(append([]*Value(nil), l.Elems...), r.Elems...), Origin: l.Origin}
	case (l.Kind == Int || l.Kind == Bool) && (r.Kind == Int || r.Kind == Bool):
		a, b := toBig(l), toBig(r)
		z := new(big.Int)
		switch op {
		case python.Add:
			z.Add(a, b)
		case python.Sub:
			z.Sub(a, b)
		case python.Mult:
			if bigTooLarge("mul", a, b) {
				return unknown()
			}
			z.Mul(a, b)
		case python.FloorDiv:
			if b.Sign() == 0 {
				return unknown()
			}
			z.Div(a, b) // Euclidean; equal to floor division for b > 0
			if b.Sign() < 0 {
				return unknown()
			}
		case python.Mod:
			if b.Sign() <= 0 {
				return unknown()
			}
			z.Mod(a, b)
		case python.Pow:
			if b.Sign() < 0 || b.BitLen() > 16 || bigTooLarge("pow", a, b) {
				return unknown()
			}
			z.Exp(a, b, nil)
		case python.BitOr:
			z.Or(a, b)
		case python.BitAnd:
			z.And(a, b)
		case python.BitXor:
			z.Xor(a, b)
		case python.LShift:
			if !b.IsInt64() || b.Int64() > 256 || b.Sign() < 0 {
				return unknown()
			}
			z.Lsh(a, uint(b.Int64()))
		case python.RShift:
			if !b.IsInt64() || b.Sign() < 0 {
				return unknown()
			}
			z.Rsh(a, uint(min(b.Int64(), 1<<20)))
		case python.Div:
			fa, _ := new(big.Float).SetInt(a).Float64()
			fb, _ := new(big.Float).SetInt(b).Float64()
			if fb == 0 {
				return unknown()
			}
			return &Value{Kind: Float, F: fa / fb, Origin: o}
		default:
			return unknown()
		}
		return &Value{Kind: Int, I: z, Origin: o}
	case (l.Kind == Float || l.Kind == Int) && (r.Kind == Float || r.Kind == Int):
		a, b := toFloat(l), toFloat(r)
		switch op {
		case python.Add:
			return &Value{Kind: Float, F: a + b, Origin: o}
		case python.Sub:
			return &Value{Kind: Float, F: a - b, Origin: o}
		case python.Mult:
			return &Value{Kind: Float, F: a * b, Origin: o}
		case python.Div:
			if b != 0 {
				return &Value{Kind: Float, F: a / b, Origin: o}
			}
		}
	}
	return unknown()
}

func toBig(v *Value) *big.Int {
	if v.Kind == Bool {
		if v.B {
			return big.NewInt(1)
		}
		return big.NewInt(0)
	}
	return v.I
}

func toFloat(v *Value) float64 {
	if v.Kind == Float {
		return v.F
	}
	f, _ := new(big.Float).SetInt(v.I).Float64()
	return f
}

// percentFormat handles "%s" and "%d" formatting with known arguments.
func percentFormat(f, args *Value, o Origin) *Value {
	var vals []*Value
	if args.Kind == Tuple {
		vals = args.Elems
	} else {
		vals = []*Value{args}
	}
	var b strings.Builder
	s := f.S
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 >= len(s) {
			return Unknownf(o, "bad format")
		}
		i++
		switch s[i] {
		case '%':
			b.WriteByte('%')
		case 's', 'd', 'i':
			if len(vals) == 0 {
				return Unknownf(o, "bad format")
			}
			sv := strOf(vals[0])
			if sv == nil {
				return Unknownf(o, "format of a value djsec does not know")
			}
			if b.Len()+len(sv.S) > maxStrLen {
				return Unknownf(o, "a formatted string longer than djsec evaluates (%d bytes)", maxStrLen)
			}
			b.WriteString(sv.S)
			vals = vals[1:]
		default:
			return Unknownf(o, "format %%%c", s[i])
		}
	}
	return &Value{Kind: Str, S: b.String(), Origin: o}
}

func (e *evaluator) unary(op python.UnaryOpKind, v *Value, o Origin) *Value {
	return lift(o, []*Value{v}, func(vs []*Value) *Value {
		v := vs[0]
		switch op {
		case python.Not:
			if t := v.Truth(); t >= 0 {
				return &Value{Kind: Bool, B: t == 0, Origin: o, Literal: v.Literal}
			}
		case python.USub:
			if v.Kind == Int {
				return &Value{Kind: Int, I: new(big.Int).Neg(v.I), Origin: o, Literal: v.Literal}
			}
			if v.Kind == Float {
				return &Value{Kind: Float, F: -v.F, Origin: o, Literal: v.Literal}
			}
		case python.UAdd:
			if v.Kind == Int || v.Kind == Float {
				return v
			}
		case python.Invert:
			if v.Kind == Int {
				return &Value{Kind: Int, I: new(big.Int).Not(v.I), Origin: o, Literal: v.Literal}
			}
		}
		return Unknownf(o, "unary operation on %s", v.Repr())
	})
}

// boolop evaluates "a or b" and "a and b" with Python's short-circuit
// values, looking through environment lookups.
func (e *evaluator) boolop(x *python.BoolOp, o Origin) *Value {
	vals := make([]*Value, len(x.Values))
	for i, v := range x.Values {
		vals[i] = e.eval(v)
	}
	return lift(o, vals, func(vs []*Value) *Value {
		for i, v := range vs {
			t := v.Truth()
			if t < 0 {
				return Unknownf(o, "truth of %s", v.Repr())
			}
			last := i == len(vs)-1
			if last || (x.Op == python.Or && t == 1) || (x.Op == python.And && t == 0) {
				return v
			}
		}
		return Unknownf(o, "empty bool operation")
	})
}

// argvCommands are management commands that never serve a request: a
// settings module that tests sys.argv for one of them ("test" in
// sys.argv, sys.argv[1] == "collectstatic") takes the other branch in
// the server process djsec audits.
var argvCommands = map[string]bool{"test": true, "pytest": true, "py.test": true, "testserver": true, "jenkins": true,
	"collectstatic": true, "compilemessages": true, "makemessages": true, "makemigrations": true, "migrate": true,
	"loaddata": true, "dumpdata": true, "shell": true, "check": true, "spectacular": true}

// argvTest evaluates a test of the command line against a management
// command that serves nothing: "test" in sys.argv is False, "test" not in
// sys.argv True, sys.argv[1] == "test" False. It returns nil for any
// other comparison.
func (e *evaluator) argvTest(x *python.Compare, o Origin) *Value {
	if len(x.Ops) != 1 {
		return nil
	}
	argv := func(ex python.Expr) bool {
		if s, ok := ex.(*python.Subscript); ok {
			ex = s.Value
		}
		r := e.eval(ex)
		return r.Kind == Func && r.S == "sys.argv"
	}
	cmd := func(ex python.Expr) bool {
		c, ok := ex.(*python.Constant)
		if !ok {
			return false
		}
		s, isStr := c.Value.(string)
		return isStr && argvCommands[s]
	}
	if (x.Ops[0] == python.In || x.Ops[0] == python.NotIn) && cmd(x.Left) && argv(x.Comparators[0]) {
		return boolVal(x.Ops[0] == python.NotIn, o)
	}
	if _, sub := x.Left.(*python.Subscript); sub && (x.Ops[0] == python.Eq || x.Ops[0] == python.NotEq) {
		if argv(x.Left) && cmd(x.Comparators[0]) {
			return boolVal(x.Ops[0] == python.NotEq, o)
		}
	}
	return nil
}

func (e *evaluator) compare(x *python.Compare, o Origin) *Value {
	if len(x.Ops) == 1 && (x.Ops[0] == python.In || x.Ops[0] == python.NotIn) {
		// "K" in os.environ: whether the variable is set.
		if r := e.eval(x.Comparators[0]); r.Kind == Func && r.S == "os.environ" {
			k := e.eval(x.Left)
			if k.Kind != Str {
				return Unknownf(o, "environment lookup of a name djsec does not know")
			}
			in := x.Ops[0] == python.In
			if _, set := e.l.env[k.S]; set {
				return boolVal(in, o)
			}
			return &Value{Kind: Env, Vars: []string{k.S}, Default: boolVal(!in, o), Origin: o, Why: "os.environ"}
		}
	}
	if v := e.argvTest(x, o); v != nil {
		return v
	}
	vals := []*Value{e.eval(x.Left)}
	for _, c := range x.Comparators {
		vals = append(vals, e.eval(c))
	}
	return lift(o, vals, func(vs []*Value) *Value {
		for i, op := range x.Ops {
			r := compare1(op, vs[i], vs[i+1])
			if r < 0 {
				return Unknownf(o, "comparison of %s and %s", vs[i].Repr(), vs[i+1].Repr())
			}
			if r == 0 {
				return boolVal(false, o)
			}
		}
		return boolVal(true, o)
	})
}

func compare1(op python.CmpOp, l, r *Value) int {
	switch op {
	case python.Eq:
		return Equal(l, r)
	case python.NotEq:
		if eq := Equal(l, r); eq >= 0 {
			return 1 - eq
		}
	case python.Is, python.IsNot:
		same := -1
		switch {
		case l.Kind == None || r.Kind == None:
			// Anything djsec holds as a value, a function or a module is
			// None only if it is the None constant.
			same = b2i(l.Kind == r.Kind)
		case l.Kind == Bool && r.Kind == Bool:
			same = Equal(l, r)
		}
		if same >= 0 && op == python.IsNot {
			return 1 - same
		}
		return same
	case python.In, python.NotIn:
		in := contains(r, l)
		if in >= 0 && op == python.NotIn {
			return 1 - in
		}
		return in
	case python.Lt, python.LtE, python.Gt, python.GtE:
		if (l.Kind == Int || l.Kind == Float || l.Kind == Bool) && (r.Kind == Int || r.Kind == Float || r.Kind == Bool) {
			a, b := toFloat(numOf(l)), toFloat(numOf(r))
			switch op {
			case python.Lt:
				return b2i(a < b)
			case python.LtE:
				return b2i(a <= b)
			case python.Gt:
				return b2i(a > b)
			default:
				return b2i(a >= b)
			}
		}
	}
	return -1
}

func numOf(v *Value) *Value {
	if v.Kind == Bool {
		return &Value{Kind: Int, I: toBig(v)}
	}
	return v
}

func contains(container, x *Value) int {
	switch {
	case container.Kind == Str && x.Kind == Str:
		return b2i(strings.Contains(container.S, x.S))
	case container.IsSeq():
		for _, e := range container.Elems {
			switch Equal(e, x) {
			case 1:
				return 1
			case -1:
				return -1
			}
		}
		return 0
	case container.Kind == Dict:
		for _, k := range container.Keys {
			switch Equal(k, x) {
			case 1:
				return 1
			case -1:
				return -1
			}
		}
		return 0
	}
	return -1
}

func (e *evaluator) subscript(c, k *Value, o Origin) *Value {
	if c.Kind == Func && c.S == "os.environ" {
		return e.envLookup(k, nil, "os.environ[...]", nil, o)
	}
	return lift(o, []*Value{c, k}, func(vs []*Value) *Value {
		c, k := vs[0], vs[1]
		switch {
		case c.Kind == Dict:
			for i := len(c.Keys) - 1; i >= 0; i-- {
				if Equal(c.Keys[i], k) == 1 {
					return c.Elems[i]
				}
			}
			return Unknownf(o, "key %s not found", k.Repr())
		case c.IsSeq() || c.Kind == Str:
			i, ok := k.Int64()
			n := int64(len(c.Elems))
			if c.Kind == Str {
				n = int64(len(c.S))
			}
			if !ok || k.Kind != Int {
				return Unknownf(o, "slice")
			}
			if i < 0 {
				i += n
			}
			if i < 0 || i >= n {
				return Unknownf(o, "index out of range")
			}
			if c.Kind == Str {
				return &Value{Kind: Str, S: c.S[i : i+1], Origin: o, Literal: c.Literal}
			}
			return c.Elems[i]
		}
		return Unknownf(o, "subscript of %s", c.Repr())
	})
}

func (e *evaluator) attr(v *Value, name string, o Origin) *Value {
	switch v.Kind {
	case Module:
		if m, ok := v.members.get(name); ok {
			return m
		}
		if f, _ := e.l.resolveAbs(v.S + "." + name); f != nil {
			return e.importModule(v.S+"."+name, 0, o)
		}
		return Unknownf(o, "%s has no attribute %s that djsec sees", v.S, name)
	case Func:
		if c := externalConst(v.S+"."+name, o); c != nil {
			return c
		}
		return &Value{Kind: Func, S: v.S + "." + name, Origin: o, bound: v.bound, members: v.members}
	case Path:
		switch name {
		case "parent":
			return &Value{Kind: Path, S: path.Dir(v.S), Origin: o}
		case "name":
			return &Value{Kind: Str, S: path.Base(v.S), Origin: o}
		}
	case Env, MayBe:
		return lift(o, []*Value{v}, func(vs []*Value) *Value { return e.attr(vs[0], name, o) })
	case Unknown:
		return v
	}
	return &Value{Kind: Func, S: "method." + name, bound: v, Origin: o}
}

// cspKeywords are the source keywords of Django 6's django.utils.csp.CSP
// and django-csp 4's csp.constants.
var cspKeywords = map[string]string{
	"SELF": "'self'", "NONE": "'none'", "UNSAFE_INLINE": "'unsafe-inline'", "UNSAFE_EVAL": "'unsafe-eval'",
	"UNSAFE_HASHES": "'unsafe-hashes'", "STRICT_DYNAMIC": "'strict-dynamic'", "WASM_UNSAFE_EVAL": "'wasm-unsafe-eval'",
	"REPORT_SAMPLE": "'report-sample'", "NONCE": "'nonce'", "INLINE_SPECULATION_RULES": "'inline-speculation-rules'",
}

// externalConst gives the value of a constant of a library settings use.
func externalConst(qual string, o Origin) *Value {
	for _, prefix := range []string{"django.utils.csp.CSP.", "csp.constants."} {
		if k, ok := strings.CutPrefix(qual, prefix); ok {
			if s, ok := cspKeywords[k]; ok {
				return strVal(s, o)
			}
		}
	}
	return nil
}

// touchesGlobals makes the namespace opaque when a call hands the module's
// namespace to code djsec does not run: django_heroku.settings(locals()),
// globals().update(...), exec(...), Python 2's execfile(path).
func (e *evaluator) touchesGlobals(c python.Node) bool {
	if e.knownHelper(c) {
		return true
	}
	found := ""
	var at *python.Call
	python.Inspect(c, func(n python.Node) bool {
		if call, ok := n.(*python.Call); ok {
			if name, ok := call.Func.(*python.Name); ok {
				switch name.ID {
				case "locals", "globals", "vars", "exec", "execfile":
					if _, shadowed := e.ns.get(name.ID); !shadowed {
						found, at = name.ID+"()", call
					}
				}
			}
		}
		return found == ""
	})
	if found == "" {
		return false
	}
	o := e.origin(c)
	if found == "exec()" && e.runsFile(at) {
		// exec(compile(open(local).read(), local, "exec")): a local
		// settings file the server may have, as with an optional
		// from .local_settings import *, whose absence djsec assumes
		e.l.note(fmt.Sprintf("%s runs a settings file that is not in the tree, when the server has one (a local override); "+
			"djsec reports the settings as they stand without it, at low severity", o))
		e.ns.Override = o.String()
		return true
	}
	why := fmt.Sprintf("a call at %s hands the settings to code djsec does not run (%s)", o, found)
	e.l.note(why)
	e.ns.Opaque = why
	for _, k := range e.ns.Names() {
		if v, _ := e.ns.lookup(k); v.Kind != Module && v.Kind != Func {
			e.ns.set(k, Unknownf(o, "may be changed by %s", why))
		}
	}
	return true
}

// runsFile reports an exec of code read from a file: exec(open(p).read()),
// exec(compile(fp.read(), p, "exec"), globals()), or a name assigned one.
func (e *evaluator) runsFile(c *python.Call) bool {
	if len(c.Args) == 0 {
		return false
	}
	if n, ok := c.Args[0].(*python.Name); ok {
		return e.codeNames[n.ID]
	}
	return readsCode(c.Args[0])
}

// readsCode reports an expression that reads code from a file: a call of
// compile, read or a loader's get_code in it.
func readsCode(x python.Expr) bool {
	found := false
	python.Inspect(x, func(n python.Node) bool {
		if c, ok := n.(*python.Call); ok {
			switch f := c.Func.(type) {
			case *python.Name:
				found = found || f.ID == "compile"
			case *python.Attribute:
				found = found || f.Attr == "read" || f.Attr == "read_text" || f.Attr == "get_code"
			}
		}
		return !found
	})
	return found
}

// helperSets are third-party helpers that receive the settings namespace
// (helper(locals())) and the settings each may set: those become unknown,
// and the rest of the module stays proven.
var helperSets = map[string][]string{
	// django-heroku and its fork django-on-heroku: ALLOWED_HOSTS, the
	// database from DATABASE_URL, static files through WhiteNoise, logging,
	// the test runner, and SECRET_KEY from the environment.
	"django_heroku.settings": {"ALLOWED_HOSTS", "DATABASES", "STATIC_ROOT", "STATIC_URL", "STATICFILES_STORAGE",
		"STORAGES", "MIDDLEWARE", "LOGGING", "TEST_RUNNER", "SECRET_KEY"},
	"django_on_heroku.settings": {"ALLOWED_HOSTS", "DATABASES", "STATIC_ROOT", "STATIC_URL", "STATICFILES_STORAGE",
		"STORAGES", "MIDDLEWARE", "LOGGING", "TEST_RUNNER", "SECRET_KEY"},
	// djp, the plugin system: installed plugins add apps and middleware
	// through its installed_apps() and middleware() hooks.
	"djp.settings": {"INSTALLED_APPS", "MIDDLEWARE"},
}

// knownHelper handles a statement that is a call of a helper in helperSets
// with locals() or globals(): the names it may set become unknown.
func (e *evaluator) knownHelper(c python.Node) bool {
	call, ok := c.(*python.Call)
	if !ok {
		return false
	}
	fn := e.eval(call.Func)
	names, ok := helperSets[fn.S]
	if fn.Kind != Func || !ok || len(call.Args) == 0 {
		return false
	}
	arg, ok := call.Args[0].(*python.Call)
	if !ok {
		return false
	}
	if n, ok := arg.Func.(*python.Name); !ok || n.ID != "locals" && n.ID != "globals" {
		return false
	}
	o := e.origin(c)
	for _, k := range names {
		e.ns.set(k, Unknownf(o, "may be set by %s at %s", fn.S, o))
	}
	e.l.note(fmt.Sprintf("%s at %s may set %s; djsec evaluated the rest of the module", fn.S, o, strings.Join(names, ", ")))
	return true
}

// splitSettings evaluates django-split-settings' include("base.py",
// optional("local.py")) in the including module's namespace, as the library
// does. Glob patterns and computed names are beyond it: they make the
// namespace opaque.
func (e *evaluator) splitSettings(c *python.Call) bool {
	fn := e.eval(c.Func)
	if fn.Kind != Func || fn.S != "split_settings.tools.include" {
		return false
	}
	for _, a := range c.Args {
		optional := false
		if call, ok := a.(*python.Call); ok {
			if f := e.eval(call.Func); f.Kind == Func && f.S == "split_settings.tools.optional" && len(call.Args) == 1 {
				optional, a = true, call.Args[0]
			}
		}
		v := e.eval(a)
		o := e.origin(a)
		if v.Kind != Str || strings.ContainsAny(v.S, "*?[") {
			why := fmt.Sprintf("include() of %s at %s, which djsec cannot follow", v.Repr(), o)
			e.l.note(why)
			e.ns.Opaque = why
			continue
		}
		rel := path.Clean(path.Join(dirOf(e.file.Path), v.S))
		f := e.l.proj.File(rel)
		if f == nil {
			if !optional {
				e.term, e.termKind = true, "import"
				return true
			}
			continue
		}
		if slices.Contains(e.including, f) || f == e.file || len(e.including) >= maxIncludeDepth {
			why := fmt.Sprintf("include() of %s at %s runs a file already being included, which never ends", rel, o)
			e.l.note(why)
			e.ns.Opaque = why
			continue
		}
		m, err := parse(f)
		if err != nil || m == nil {
			e.l.loseModule(f, "does not parse")
			e.l.reach(e.file, f)
			e.l.note(fmt.Sprintf("%s, included at %s, does not parse", rel, o))
			e.ns.Opaque = "included " + rel + " does not parse"
			continue
		}
		sub := *e
		if sub.dunderFile == nil {
			sub.dunderFile = e.file
		}
		sub.file, sub.pf = f, m.File
		sub.including = append(slices.Clip(e.including), e.file)
		sub.execBlock(m.Body)
		e.term, e.termKind, e.required = sub.term, sub.termKind, sub.required
		if e.term {
			return true
		}
	}
	return true
}

// condReturn is a return taken on one branch of an if: when cond holds (yes)
// or when it does not.
type condReturn struct {
	cond *Value
	ret  *Value
	yes  bool
}

// result is what a function returns given the value v of the path that ran
// to the end, merged with the returns taken on the way.
func (e *evaluator) result(v *Value) *Value {
	for i := len(e.pending) - 1; i >= 0; i-- {
		p := e.pending[i]
		if p.yes {
			v = mergeValue(p.cond, p.ret, v)
		} else {
			v = mergeValue(p.cond, v, p.ret)
		}
	}
	return v
}
