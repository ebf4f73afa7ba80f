package taint

import (
	"strings"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
)

// Spec is what one rule tells the engine: the calls where data becomes
// dangerous for its sink kind (sinks), the calls whose result is safe for
// that kind (sanitizers), the checks that make a variable safe for it in
// the branch where they hold (guards), and the library calls that pass
// their arguments' data on to their result (propagators). A rule declares
// its Spec next to its documentation; the engine knows no names.
type Spec struct {
	Kind        Kind
	Sinks       []Sink
	Sanitizers  []Sanitizer
	Guards      []Guard
	Propagators []string // qualified names whose result carries their arguments
	// Passes are propagators whose result carries only some arguments:
	// re.sub(pattern, repl, string) carries repl and string.
	Passes []Pass
	// Relays are calls that call one of their arguments with the others:
	// loop.run_in_executor(None, exec, code) runs exec(code).
	Relays []Relay
}

// Pass is a call whose result carries the data of the arguments Args.
type Pass struct {
	Func string // qualified name
	Args []Arg
}

// Relay is a call that calls its argument at position Fn with the
// positional arguments after it.
type Relay struct {
	Func   string // qualified name, or
	Method string // a method name on any receiver
	Fn     int
}

// Sink is one dangerous call. Func or Method says which calls; Args (or,
// for the few sinks whose data hides inside an argument, Exprs) says which
// parts of the call are dangerous.
type Sink struct {
	// Func is the callee's qualified name after imports
	// ("django.shortcuts.redirect"). A "**" segment matches any number of
	// segments: "django.http.**.HttpResponse" is HttpResponse of
	// django.http and of django.http.response.
	Func string
	// Method is a method name on any receiver ("execute"), for sinks
	// reached through objects the engine cannot type (cursors, loggers).
	Method string
	// Not lists qualified-name patterns of callees that are not the sink
	// although Func or Method matches them.
	Not []string
	// Builtin: Func names a builtin (eval, open) and the module must not
	// import or define that name itself.
	Builtin bool
	// Args are the dangerous arguments.
	Args []Arg
	// Exprs, when set, picks the dangerous expressions instead of Args.
	Exprs func(c *Call) []python.Expr
	// When, when set, must hold for the call to be a sink (a safe loader,
	// a content type that is not HTML).
	When func(c *Call) bool
	// Name labels the sink in messages. Empty means the qualified name for
	// Func sinks and "{recv}.{method}" for Method sinks; "{q}", "{last}"
	// (the last segment of the qualified name), "{recv}" (the receiver's
	// source text) and "{method}" are replaced.
	Name string
}

// Arg is one argument: the keyword with one of the names Kw, else the
// positional argument at Pos (Pos < 0: keyword only).
type Arg struct {
	Pos int
	Kw  []string
}

// A returns the argument at position pos or passed by one of the keywords.
func A(pos int, kw ...string) Arg { return Arg{Pos: pos, Kw: kw} }

// K returns the argument passed by one of the keywords.
func K(kw ...string) Arg { return Arg{Pos: -1, Kw: kw} }

// Sanitizer is a call whose result is safe for the spec's sink kind.
type Sanitizer struct {
	Func string // qualified name
	// Skip is the number of leading positional arguments that do not flow
	// into the result (format_html's format string is a sink of its own).
	Skip int
	// When, if set, says whether a call cleans at all: re.sub cleans a
	// path only with an allow-list pattern.
	When func(c *python.Call) bool
}

// Guard is a check that, where it holds, makes one of its arguments safe
// for the spec's sink kind: if url_has_allowed_host_and_scheme(url): ...
type Guard struct {
	Func string // qualified name; "**" segments as in Sink.Func
	Arg  Arg
	// Raises: the call raises when the check fails (resolve(path) raises
	// Resolver404), so the argument is safe in the code after it.
	Raises bool
}

// Call is a call site as a sink's Exprs and When hooks see it.
type Call struct {
	*python.Call
	Q      string // qualified name of the callee; "" for computed callees
	Method string // attribute name of a method call; "" for plain calls
	s      *fnState
}

// Arg returns the argument passed by one of the keywords, else the
// positional argument at pos, or nil.
func (c *Call) Arg(pos int, kw ...string) python.Expr { return arg(c.Call, pos, kw...) }

// Discarded reports a call made as a statement of its own, whose result
// nothing reads (Model.objects.filter(**params) only to see whether it
// raises FieldError: a queryset never evaluated runs no query).
func (c *Call) Discarded() bool { return c.s.discarded == c.Call }

// Keyword returns the value of a keyword argument, or nil.
func (c *Call) Keyword(name string) python.Expr { return keyword(c.Call, name) }

// Receiver returns the object of a method call, or nil.
func (c *Call) Receiver() python.Expr {
	if a, ok := c.Func.(*python.Attribute); ok {
		return a.Value
	}
	return nil
}

// QualName returns the qualified name an expression refers to.
func (c *Call) QualName(e python.Expr) string { return c.s.m.QualName(e) }

// Imported returns the qualified name the module's imports bind name to.
func (c *Call) Imported(name string) string { return c.s.m.imported(name) }

// Imports reports whether the module imports the package or module
// prefix or something under it.
func (c *Call) Imports(prefix string) bool { return c.s.imports(prefix) }

// Tainted reports whether an expression of the call carries request data.
func (c *Call) Tainted(e python.Expr) bool { return c.s.eval(e) != nil }

// Init returns the __init__ of the project class the call builds (its own
// or a project base's), or nil when the callee is no project class or
// none of them defines one.
func (c *Call) Init() *python.FunctionDef {
	// the callee itself: a sink a project class inherits is matched
	// under its library base's name (Q)
	cls := c.s.e.prog.class(c.s.callQName(c.Call))
	if cls == nil {
		return nil
	}
	if f := c.s.e.prog.method(cls, "__init__"); f != nil {
		return f.Def()
	}
	return nil
}

// Bound returns the call that built the value of e: e itself when it is a
// call, else the call last assigned to the variable e in this function or,
// failing that, at module level; nil when there is none.
func (c *Call) Bound(e python.Expr) *python.Call {
	switch x := e.(type) {
	case *python.Call:
		return x
	case *python.Name:
		if b := c.s.bound.get(x.ID); b != nil {
			return b
		}
		if c.s.env.has(x.ID) {
			return nil
		}
		var out *python.Call
		for _, st := range c.s.m.Tree().Body {
			if a, ok := st.(*python.Assign); ok {
				if v, ok := a.Value.(*python.Call); ok {
					for _, t := range a.Targets {
						if n, ok := t.(*python.Name); ok && n.ID == x.ID {
							out = v
						}
					}
				}
			}
		}
		return out
	}
	return nil
}

// Built returns the qualified name of what was called to build the value
// of e (a class, for an object): that of the call Bound finds, else, for
// a name imported from a project module, of the call that module last
// assigns to it at module level. "" when unknown.
func (c *Call) Built(e python.Expr) string {
	if b := c.Bound(e); b != nil {
		q := c.QualName(b.Func)
		if c.s.m.Defs[q] {
			q = c.s.m.Name + "." + q // a class of this module
		}
		return q
	}
	n, ok := e.(*python.Name)
	if !ok {
		return ""
	}
	q := c.s.m.imported(n.ID)
	i := strings.LastIndexByte(q, '.')
	if i < 0 {
		return ""
	}
	m := c.s.e.prog.Module(q[:i])
	if m == nil || m == c.s.m {
		return ""
	}
	out := ""
	for _, st := range m.Tree().Body {
		a, ok := st.(*python.Assign)
		if !ok {
			continue
		}
		v, ok := a.Value.(*python.Call)
		if !ok {
			continue
		}
		for _, t := range a.Targets {
			if tn, ok := t.(*python.Name); ok && tn.ID == q[i+1:] {
				out = m.QualName(v.Func)
				if m.Defs[out] {
					out = m.Name + "." + out // a class of that module
				}
			}
		}
	}
	return out
}

// Derives reports whether the qualified name q is a class match accepts,
// or a project class deriving from one.
func (c *Call) Derives(q string, match func(q string) bool) bool {
	if q == "" {
		return false
	}
	if match(q) {
		return true
	}
	cl := c.s.e.prog.LookupClass(q)
	return cl != nil && c.s.e.prog.IsSubclass(cl, match)
}

// Source returns the whole source text of an expression of the module.
func (c *Call) Source(e python.Expr) string { return c.s.m.Source(e) }

// Callee returns the definition of the project function a call in the
// same function invokes (a function, self.method()), or nil.
func (c *Call) Callee(e *python.Call) *python.FunctionDef {
	if f := c.s.resolve(e, c.s.callQNameOf(e)); f != nil {
		return f.Def()
	}
	return nil
}

// FuncDef returns the definition of the project function a qualified
// name names (c.QualName of a decorator, say), or nil.
func (c *Call) FuncDef(q string) *python.FunctionDef {
	if f := c.s.e.prog.LookupFunc(q); f != nil {
		return f.Def()
	}
	return nil
}

// Memo returns the value the program keeps under key (Program.Memo),
// computing it with f the first time: a fact about a function that a
// sink's check asks for at each of its calls is worked out once.
func (c *Call) Memo(key any, f func() any) any { return c.s.e.prog.Memo(key, f) }

// Project returns the project the call's program was read from (nil for
// a program built without one, in tests).
func (c *Call) Project() *project.Project { return c.s.e.prog.project }

// Function returns the definition of the function the call is in.
func (c *Call) Function() *python.FunctionDef { return c.s.f.Def() }

// Class returns the project class the callee names, or nil.
func (c *Call) Class() *python.ClassDef {
	if c.Q == "" || c.Method != "" {
		return nil
	}
	if cls := c.s.e.prog.class(c.Q); cls != nil {
		return cls.Def()
	}
	return nil
}

// ConstString returns the value of a string literal.
func ConstString(e python.Expr) (string, bool) { return constString(e) }

// IsTrue reports whether e is the literal True.
func IsTrue(e python.Expr) bool { return isTrue(e) }

// IsFalse reports whether e is the literal False.
func IsFalse(e python.Expr) bool { return isFalse(e) }

// Config is the compiled form of the specs of every rule of a scan.
type Config struct {
	sinks      map[string][]*sinkEntry // by the last segment of Func, or by Method
	sanitizers map[string]sanitizer
	propagate  map[string]bool
	passes     map[string][]Arg
	relays     map[string][]Relay      // by Func
	relaysM    map[string][]Relay      // by Method
	guards     map[string][]guardEntry // by the last segment of Func
}

type sinkEntry struct {
	Sink
	kind Kind
	pat  []string
	not  [][]string
}

type sanitizer struct {
	kind Kind
	skip int
	// when are the kinds a call cleans only when its check holds
	// (Sanitizer.When).
	when []conditional
}

type conditional struct {
	kind Kind
	fn   func(c *python.Call) bool
}

// kindAt returns the kinds call c cleans.
func (s sanitizer) kindAt(c *python.Call) Kind {
	k := s.kind
	for _, w := range s.when {
		if k&w.kind != w.kind && w.fn(c) {
			k |= w.kind
		}
	}
	return k
}

type guardEntry struct {
	pat    []string
	arg    Arg
	kind   Kind
	raises bool
}

// NewConfig compiles specs, together with the Library (what Python and
// Django's helpers do with data), into the engine's configuration.
func NewConfig(specs ...*Spec) *Config {
	cfg := &Config{sinks: map[string][]*sinkEntry{}, sanitizers: map[string]sanitizer{},
		propagate: map[string]bool{}, guards: map[string][]guardEntry{}, passes: map[string][]Arg{},
		relays: map[string][]Relay{}, relaysM: map[string][]Relay{}}
	for _, sp := range append([]*Spec{Library}, specs...) {
		for _, sk := range sp.Sinks {
			e := &sinkEntry{Sink: sk, kind: sp.Kind}
			key := sk.Method
			if sk.Func != "" {
				e.pat = strings.Split(sk.Func, ".")
				key = e.pat[len(e.pat)-1]
			}
			for _, n := range sk.Not {
				e.not = append(e.not, strings.Split(n, "."))
			}
			cfg.sinks[key] = append(cfg.sinks[key], e)
		}
		for _, s := range sp.Sanitizers {
			san := cfg.sanitizers[s.Func]
			san.skip = max(san.skip, s.Skip)
			if s.When != nil {
				san.when = append(san.when, conditional{sp.Kind, s.When})
			} else {
				san.kind |= sp.Kind
			}
			cfg.sanitizers[s.Func] = san
		}
		for _, p := range sp.Propagators {
			cfg.propagate[p] = true
		}
		for _, p := range sp.Passes {
			cfg.passes[p.Func] = p.Args
		}
		for _, r := range sp.Relays {
			if r.Func != "" {
				cfg.relays[r.Func] = append(cfg.relays[r.Func], r)
			} else {
				cfg.relaysM[r.Method] = append(cfg.relaysM[r.Method], r)
			}
		}
		for _, g := range sp.Guards {
			pat := strings.Split(g.Func, ".")
			key := pat[len(pat)-1]
			cfg.guards[key] = append(cfg.guards[key], guardEntry{pat: pat, arg: g.Arg, kind: sp.Kind, raises: g.Raises})
		}
	}
	return cfg
}

// match reports whether a dotted name matches a pattern whose "**"
// segments stand for any number of segments (at least one at the end:
// "os.**" is everything under os).
func match(pat []string, q string) bool {
	if len(pat) == 0 {
		return false
	}
	if pat[0] == "**" {
		if len(pat) == 1 {
			return q != "" // a trailing "**" is the rest of the name
		}
		if match(pat[1:], q) {
			return true
		}
		i := strings.IndexByte(q, '.')
		return i >= 0 && match(pat, q[i+1:])
	}
	seg, rest, more := strings.Cut(q, ".")
	if seg != pat[0] {
		return false
	}
	if len(pat) == 1 {
		return !more
	}
	return more && match(pat[1:], rest)
}

// sinksOf returns the sinks a call is, with the expressions each makes
// dangerous and its label.
func (s *fnState) sinksOf(c *python.Call, q, method string) []sinkUse {
	key := method
	if key == "" {
		if q == "" {
			return nil
		}
		key = last(q)
	}
	entries := s.e.cfg.sinks[key]
	if len(entries) == 0 {
		if l := last(q); method == "" && l != "" && l[0] >= 'A' && l[0] <= 'Z' {
			return s.inheritedSinks(c, q) // a class, by Python's naming habit
		}
		return nil
	}
	var out []sinkUse
	var cs *Call
	for _, e := range entries {
		switch {
		case e.pat != nil:
			if q == "" || !match(e.pat, q) {
				continue
			}
			if e.Builtin && s.shadowed(q) {
				continue
			}
		case e.Method != method:
			continue
		case s.ownMethod(c, method):
			// client.execute(...) of client = MCPClient(...): the
			// project's own method, which the call's summary follows
			continue
		}
		excluded := false
		for _, n := range e.not {
			if q != "" && match(n, q) {
				excluded = true
				break
			}
		}
		if excluded {
			continue
		}
		if cs == nil {
			cs = &Call{Call: c, Q: q, Method: method, s: s}
		}
		if e.When != nil && !e.When(cs) {
			continue
		}
		var exprs []python.Expr
		if e.Exprs != nil {
			exprs = e.Exprs(cs)
		} else {
			for _, a := range e.Args {
				if x := arg(c, a.Pos, a.Kw...); x != nil {
					exprs = append(exprs, x)
				}
			}
		}
		if len(exprs) == 0 {
			continue
		}
		out = append(out, sinkUse{entry: e, exprs: exprs})
	}
	return out
}

// ownMethod reports a method call on a name the function has typed as an
// instance of a project class that defines or inherits the method: the
// engine reads that method as a call, so a method sink named alike (a DB
// cursor's execute) is not it.
func (s *fnState) ownMethod(c *python.Call, method string) bool {
	a, ok := c.Func.(*python.Attribute)
	if !ok {
		return false
	}
	n, ok := a.Value.(*python.Name)
	if !ok {
		return false
	}
	cls := s.types.get(n.ID)
	return cls != nil && s.e.prog.method(cls, method) != nil
}

type sinkUse struct {
	entry *sinkEntry
	exprs []python.Expr
}

// label returns the name of a sink in messages.
func (s *fnState) label(e *sinkEntry, c *python.Call, q, method string) string {
	n := e.Name
	if n == "" {
		if e.Func != "" {
			return q
		}
		n = "{recv}.{method}"
	}
	if !strings.Contains(n, "{") {
		return n
	}
	return strings.NewReplacer("{q}", q, "{last}", last(q), "{recv}", s.recvText(c), "{method}", method).Replace(n)
}

// guardFacts returns what a guard call proves when it holds.
func (s *fnState) guardFacts(c *python.Call, q string) []fact {
	return s.guardFactsOf(c, q, false)
}

// raisedFacts applies what a statement's raising guard call proves to the
// code after it: resolve(path) returned, so path resolved.
func (s *fnState) raisedFacts(e python.Expr) {
	c, ok := e.(*python.Call)
	if !ok || len(s.e.cfg.guards[calleeName(c)]) == 0 {
		return
	}
	s.apply(s.guardFactsOf(c, s.m.QualName(c.Func), true))
}

// convertedFacts applies what a statement's int(x) proves to the code
// after it: int() raises unless x is a number's digits, so the statement
// finished only for such an x (Workflow.objects.get(id=int(wid)), then
// open(f"rollback_{wid}.sql")). Calls that may not run (after and, or,
// inside a conditional expression, a lambda or a comprehension) prove
// nothing, nor does it prove anything of a name the statement assigns
// (assigned, the targets of an assignment).
func (s *fnState) convertedFacts(e python.Expr, assigned ...python.Expr) {
	skip := map[string]bool{}
	for _, t := range assigned {
		python.Inspect(t, func(n python.Node) bool {
			if x, ok := n.(python.Expr); ok {
				if k := s.key(x); k != "" {
					skip[k] = true
				}
			}
			return true
		})
	}
	var fs []fact
	var visit func(n python.Node) bool
	visit = func(n python.Node) bool {
		switch x := n.(type) {
		case *python.BoolOp, *python.IfExp, *python.Lambda, *python.ListComp, *python.SetComp, *python.DictComp, *python.GeneratorExp:
			return false
		case *python.Call:
			if nm, ok := x.Func.(*python.Name); ok && nm.ID == "int" && len(x.Args) >= 1 && len(x.Keywords) == 0 {
				if k := s.key(x.Args[0]); k != "" && !skip[k] {
					fs = append(fs, fact{k, All})
				}
			}
		case *python.Subscript:
			// SUFFIXES[lang] raises KeyError unless lang is one of the
			// dict's literal keys
			if d, ok := x.Value.(*python.Name); ok && s.literalDict(d.ID) {
				if k := s.key(x.Slice); k != "" && !skip[k] {
					fs = append(fs, fact{k, All})
				}
			}
		}
		return true
	}
	python.Inspect(e, visit)
	s.apply(fs)
}

// literalDict reports a name bound to a dict display whose every key is a
// literal (suffixes = {"python": "py", "go": "go"}): once in the function,
// or, when the function binds it nowhere, once in the module.
func (s *fnState) literalDict(name string) bool {
	if s.litDicts == nil {
		s.litDicts = literalDictNames(s.f.Def().Body)
	}
	if v, ok := s.litDicts[name]; ok {
		return v
	}
	mod := s.e.prog.Memo(litDictsKey{s.m}, func() any { return literalDictNames(s.m.Tree().Body) }).(map[string]bool)
	return mod[name]
}

type litDictsKey struct{ m *Module }

// literalDictNames returns the names body assigns, anywhere in it, with
// true for those assigned once, to a dict display of literal keys, and
// never changed item by item (d[k] = v).
func literalDictNames(body []python.Stmt) map[string]bool {
	out := map[string]bool{}
	python.EachStmt(body, func(st python.Stmt) {
		a, ok := st.(*python.Assign)
		if !ok {
			return
		}
		for _, t := range a.Targets {
			switch t := t.(type) {
			case *python.Name:
				_, seen := out[t.ID]
				d, isDict := a.Value.(*python.Dict)
				out[t.ID] = !seen && isDict && len(a.Targets) == 1 && literalKeys(d)
			case *python.Subscript:
				if n, ok := t.Value.(*python.Name); ok {
					out[n.ID] = false
				}
			}
		}
	})
	return out
}

// literalKeys reports a dict display whose every key is a constant (no
// **other spread into it).
func literalKeys(d *python.Dict) bool {
	for _, k := range d.Keys {
		if _, ok := k.(*python.Constant); !ok {
			return false
		}
	}
	return len(d.Keys) > 0
}

func (s *fnState) guardFactsOf(c *python.Call, q string, raising bool) []fact {
	if q == "" {
		// get_adapter().is_safe_url(url): a method of an object the
		// engine cannot type matches the guards written "**.name"
		q = calleeName(c)
		if q == "" {
			return nil
		}
	}
	var out []fact
	for _, g := range s.e.cfg.guards[last(q)] {
		if !match(g.pat, q) || raising && !g.raises {
			continue
		}
		if a := arg(c, g.arg.Pos, g.arg.Kw...); a != nil {
			if ne, ok := a.(*python.NamedExpr); ok {
				a = ne.Target // is_valid_path(url := ...)
			}
			if k := s.key(a); k != "" {
				out = append(out, fact{k, g.kind})
			}
		}
	}
	// one fact per variable, with every kind the guards vouch for
	if len(out) > 1 {
		merged := out[:1]
		for _, f := range out[1:] {
			found := false
			for i := range merged {
				if merged[i].key == f.key {
					merged[i].clean |= f.clean
					found = true
				}
			}
			if !found {
				merged = append(merged, f)
			}
		}
		out = merged
	}
	return out
}

// checkFacts returns what a call of a project function that checks its
// parameters (Summary.Checks) proves when it returns a true value and when
// it returns a false one.
func (s *fnState) checkFacts(c *python.Call) (onTrue, onFalse []fact) {
	if s.e.checkers[calleeName(c)] == 0 {
		return nil, nil // no function of that name checks its parameters
	}
	f := s.resolve(c, s.callQName(c))
	if f == nil {
		return nil, nil
	}
	sum := s.e.summary(f)
	if sum == nil || len(sum.Checks) == 0 {
		return nil, nil
	}
	names := f.params
	for _, ch := range sum.Checks {
		var a python.Expr
		if ch.param < len(c.Args) {
			if _, star := c.Args[ch.param].(*python.Starred); !star {
				a = c.Args[ch.param]
			}
		}
		if ch.param < len(names) {
			if k := keyword(c, names[ch.param]); k != nil {
				a = k
			}
		}
		if a == nil {
			continue
		}
		if k := s.key(s.sameText(a)); k != "" {
			if ch.whenFalse {
				onFalse = append(onFalse, fact{k, ch.kind})
			} else {
				onTrue = append(onTrue, fact{k, ch.kind})
			}
		}
	}
	return onTrue, onFalse
}

// sameText returns x for an expression that only spells x's path as a
// string, str(x), os.fspath(x) or x.as_posix(), and e otherwise: a check
// given the text (is_safe_path(root.as_posix(), file.as_posix())) vouches
// for the path it was made from.
func (s *fnState) sameText(e python.Expr) python.Expr {
	c, ok := e.(*python.Call)
	if !ok || len(c.Keywords) != 0 {
		return e
	}
	if a, ok := c.Func.(*python.Attribute); ok && a.Attr == "as_posix" && len(c.Args) == 0 {
		return a.Value
	}
	if len(c.Args) != 1 {
		return e
	}
	switch s.m.QualName(c.Func) {
	case "str", "os.fspath", "os.fsdecode":
		return c.Args[0]
	}
	return e
}

// relay runs the call a relay makes: run_in_executor(None, exec, code) is
// exec(code) where it stands.
func (s *fnState) relay(c *python.Call, q, method string) {
	rs := s.e.cfg.relays[q]
	if method != "" {
		rs = append(rs[:len(rs):len(rs)], s.e.cfg.relaysM[method]...)
	}
	for _, r := range rs {
		if r.Func == "" && r.Method != method || r.Fn >= len(c.Args) || s.depth > 4 {
			continue
		}
		fn := c.Args[r.Fn]
		if _, star := fn.(*python.Starred); star {
			continue
		}
		inner := &python.Call{Span: c.Span, Func: fn, Args: c.Args[r.Fn+1:]}
		s.depth++
		s.call(inner)
		s.depth--
	}
}

// inheritedSinks returns the sinks of the library bases of a project
// class: a SafeString subclass marks text safe as SafeString does, a model
// class is built from keyword arguments as models.Model is.
func (s *fnState) inheritedSinks(c *python.Call, q string) []sinkUse {
	p := s.e.prog
	cls := p.class(q)
	if cls == nil {
		return nil
	}
	var out []sinkUse
	for _, b := range p.Memo(sinkBasesKey{cls, s.e.cfg}, func() any { return s.sinkBases(cls) }).([]string) {
		out = append(out, s.sinksOf(c, b, "")...)
	}
	return out
}

// sinkBasesKey names sinkBases' answer: it depends on the sinks the
// engine's configuration declares.
type sinkBasesKey struct {
	cls *Class
	cfg *Config
}

// sinkBases returns the library bases of cls and its project bases that
// are sinks, once per class: every call of the class asks.
func (s *fnState) sinkBases(cls *Class) []string {
	p := s.e.prog
	seen := map[*Class]bool{}
	var out []string
	var walk func(cls *Class, depth int)
	walk = func(cls *Class, depth int) {
		if cls == nil || seen[cls] || depth > 8 || len(seen) >= MaxMRO {
			return
		}
		seen[cls] = true
		for _, b := range cls.Bases {
			if bc := p.class(b); bc != nil {
				walk(bc, depth+1)
				continue
			}
			if len(s.e.cfg.sinks[last(b)]) > 0 {
				out = append(out, b)
			}
		}
	}
	walk(cls, 0)
	return out
}

// calleeName is the last name of a call's callee (redirect for
// shortcuts.redirect(...)), without resolving imports.
func calleeName(c *python.Call) string {
	switch x := c.Func.(type) {
	case *python.Name:
		return x.ID
	case *python.Attribute:
		return x.Attr
	}
	return ""
}
