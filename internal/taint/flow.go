package taint

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
)

// fnState interprets one function.
type fnState struct {
	e    *engine
	f    *Func
	m    *Module
	view *View
	// discarded is the call a statement makes for its effect alone,
	// its result thrown away (Call.Discarded), while it is evaluated
	discarded *python.Call

	env      *env
	types    vars[*Class]       // variables holding instances of project classes
	bound    vars[*python.Call] // variables bound to the result of a call, for sinks that look at how a value was built
	computed vars[bool]         // variables holding a clean value the code computed (not a literal)
	requests vars[bool]         // names bound to the request object
	kwargs   string             // name of the **kwargs parameter of a view
	// validated names the validated_data parameter of a DRF serializer's
	// create or update, which save() fills from the request
	validated string

	guards    vars[[2][]fact]   // boolean variables bound to a check: facts when true, when false
	resolved  vars[string]      // variables holding a normalized path (realpath, abspath, resolve()), with the variable it was made from ("" when none)
	inNested  int               // inside a nested def
	responses map[string][4]int // response variables -> ranges of the findings and summary sinks they produced
	callees   []*Func
	selfAttrs map[string]Value // request data this method stores in self attributes
	ret       Value
	// retElems is what each element of the tuples the function returns
	// carries while every return so far returns a tuple of retShape
	// elements; retShape is 0 before the first return, -1 once one
	// returns something else.
	retElems []Value
	retShape int
	// callElems holds, for a call of one function that returns tuples,
	// what each element carries (no elements for a call that may reach
	// more than one function): sql, params = build_query(...) keeps the
	// two apart.
	callElems map[*python.Call]callElems
	sum       Summary
	findings  []Finding
	depth     int

	// work counts the expressions evaluated in this run of the function
	// (maxEvalWork).
	work int
	// fieldCleans holds what fieldClean found for each cleaner name in
	// this run.
	fieldCleans map[string]Kind
	// litDicts holds, once asked, the names the function assigns, true
	// for those it assigns once to a dict display of literal keys
	litDicts map[string]bool
	// formClasses holds, once asked, the project class of each name the
	// function sets once to an instance of one (form = QuarterForm(...)).
	formClasses map[string]*Class

	// sourced says that request data (an origin with Param < 0) appeared
	// in the function, and requested that a name was bound to the request
	// object: see outcome.inert.
	sourced, requested bool

	// envs are the forks of env made for this function, spare those
	// of functions before, emptied (see copyEnv); base is the env the
	// function starts with.
	envs, spare []*env
	base        *env
	lists       [][]slot[Value] // emptied arrays for forks to take

	// tries counts the try bodies being run; raised is what the messages
	// of the exceptions raised in them quote (echoes).
	tries  int
	raised Value

	argStack  []Value      // see evalArgs
	lastCall  *python.Call // the call whose name callQName returned last
	lastQName string

	// params names the function's own parameters by index ("" for the
	// request and URL parameters of a view); vouch says, per parameter, for
	// which sink kinds every truthy return vouches (see noteCheck).
	params []string
	vouch  []Kind
	deny   []Kind
	truthy int
	falsy  int
}

// Summary is what a function does with its parameters: which reach its
// return value and which reach sinks.
type Summary struct {
	Ret Value
	// Elems is what each element of the returned tuple carries, when
	// every return returns a tuple of the same length (Ret is their
	// union).
	Elems []Value
	Sinks []sinkFlow
	// Checks are the parameters the function checks: where it returns a
	// true value, the parameter passed url_has_allowed_host_and_scheme, an
	// allowlist or another guard for the kinds given, so that callers may
	// use it as a guard: if is_safe(url): redirect(url).
	Checks []check
}

type check struct {
	param     int
	kind      Kind
	whenFalse bool // the parameter is safe where the function returned a false value
}

type sinkFlow struct {
	param int
	kind  Kind
	clean Kind
	path  *chain
	loc   report.Location
	sink  string
}

// Finding is tainted data reaching a sink.
type Finding struct {
	Kind     Kind
	Sink     string // "cursor.execute"
	Source   string // "request.GET['q']"
	Location report.Location
	Flow     []report.Step
	// BaseName says the data is an upload's file name (request.FILES
	// read through .name): a name without a folder.
	BaseName bool
}

// baseName reports whether a strand from source, with the sanitizer
// marks clean, is an upload's file name.
func baseName(source string, clean Kind) bool {
	return clean&BaseName != 0 && strings.Contains(source, "FILES")
}

// validated is what a form's cleaned_data or a serializer's
// validated_data is safe for: form fields strip line breaks (logs) and
// hold only the fields the form declares (mass assignment).
const validated = Log | MassAssign | Lookup

var sourceAttrs = map[string]bool{"GET": true, "POST": true, "COOKIES": true, "META": true, "headers": true,
	"body": true, "FILES": true, "data": true, "query_params": true}

var sourceMethods = map[string]bool{"get": true, "getlist": true, "items": true, "dict": true, "values": true,
	"keys": true, "lists": true, "copy": true, "urlencode": true, "pop": true, "read": true}

func (s *fnState) analyze() {
	d := s.f.Def()
	args := d.Args
	all := paramsOf(s.f)
	n := all.len()
	requestIdx := -1
	handler := s.view != nil && (s.f.Class == nil || handlerMethod(d.Name) ||
		s.view.ViewSet && n > 0 && all.arg(0).Arg == "request") // DRF @action methods
	if handler {
		requestIdx = 0
	}
	for i := range n {
		a := all.arg(i)
		switch {
		case a.Arg == "request" || a.Arg == "req" || i == requestIdx:
			s.requests.set(a.Arg, true)
			s.requested = true
		case handler && s.view.Params[a.Arg]:
			s.env.set(a.Arg, Value{s.source(a, "URL path parameter "+a.Arg, s.paramClean(a.Arg))})
		case a.Arg == "validated_data" && s.serializerSave():
			s.validated = a.Arg
			s.env.set(a.Arg, Value{s.source(a, a.Arg, validated)})
		case handler && s.view.ViewSet && a.Arg == "pk":
			s.env.set(a.Arg, Value{s.source(a, "URL path parameter pk", 0)})
		case handler:
			// int/uuid path parameters and parameters with defaults
		default:
			s.env.set(a.Arg, s.f.paramValue(i, a))
			if s.params == nil {
				s.params = make([]string, n)
			}
			s.params[i] = a.Arg
		}
	}
	if args.Kwarg != nil && handler {
		s.kwargs = args.Kwarg.Arg
	}
	if !s.block(d.Body) {
		s.snapshotSelf()
		s.noteCheck(nil) // falling off the end returns None
	}
	if s.truthy > 0 && s.falsy > 0 {
		for i := range s.params {
			if s.params[i] == "" {
				continue
			}
			if k := s.vouch[i]; k != 0 {
				s.sum.Checks = append(s.sum.Checks, check{param: i, kind: k})
			}
			if k := s.deny[i]; k != 0 {
				s.sum.Checks = append(s.sum.Checks, check{param: i, kind: k, whenFalse: true})
			}
		}
	}
}

// noteCheck records what a return statement vouches for: a function whose
// every truthy return comes after (or is) a guard on a parameter is itself
// a guard on that parameter.
//
// The same holds the other way round: a function whose every false return
// comes after a guard (def is_unsafe(url): return not is_safe(url)) guards
// the parameter where its caller tests that it is false.
func (s *fnState) noteCheck(e python.Expr) {
	if s.params == nil || s.inNested > 0 {
		return
	}
	if s.vouch == nil {
		s.vouch = make([]Kind, len(s.params))
		s.deny = make([]Kind, len(s.params))
		for i := range s.vouch {
			s.vouch[i], s.deny[i] = All, All
		}
	}
	var onTrue, onFalse []fact
	if e != nil && !isConst(e) {
		onTrue, onFalse = s.facts(e)
	}
	canTrue, canFalse := !falsy(e), !truthyConst(e)
	if canTrue {
		s.truthy++
	}
	if canFalse {
		s.falsy++
	}
	for i, name := range s.params {
		if name == "" {
			continue
		}
		k := All
		found := false
		for _, o := range s.env.get(name) {
			if o.Param == i {
				k &= o.Clean
				found = true
			}
		}
		if !found {
			// reassigned: what the name holds is not the parameter, but
			// what was known of the parameter when it was may be (if
			// url_has_allowed_host_and_scheme(url, ...): url =
			// urlparse(url); ...; return True)
			for _, o := range s.env.get(paramKey(name)) {
				if o.Param == i {
					k &= o.Clean
					found = true
				}
			}
		}
		if !found {
			k = 0 // the value checked is not the parameter
		}
		if canTrue {
			s.vouch[i] &= k | s.derivedClean(onTrue, name)
		}
		if canFalse {
			s.deny[i] &= k | s.derivedClean(onFalse, name)
		}
	}
}

// paramKey is where keepParam keeps a parameter's value once its name is
// bound to another; no name of the code can be it.
func paramKey(name string) string { return "\x00" + name }

// keepParam keeps the value of the parameter named k, as the checks before
// made it, when the body binds the name to something else for the first
// time on this path: noteCheck asks what a return vouches for about the
// parameter, not about the name.
func (s *fnState) keepParam(k string) {
	if s.params == nil || !slices.Contains(s.params, k) || s.env.get(paramKey(k)) != nil {
		return
	}
	if v := s.env.get(k); v != nil {
		s.env.set(paramKey(k), v)
	}
}

// derivedClean returns the kinds facts vouch for about name or a value
// computed from it.
func (s *fnState) derivedClean(fs []fact, name string) Kind {
	var k Kind
	for _, f := range fs {
		if s.derives(f.key, name, 0) {
			k |= f.clean
		}
	}
	return k
}

func isConst(e python.Expr) bool {
	_, ok := e.(*python.Constant)
	return ok
}

// truthyConst reports whether a returned expression is a literal true
// value.
func truthyConst(e python.Expr) bool {
	c, ok := e.(*python.Constant)
	if !ok {
		return false
	}
	switch v := c.Value.(type) {
	case bool:
		return v
	case string:
		return v != ""
	case int64:
		return v != 0
	}
	return false
}

// falsy reports whether a returned expression is a literal false value.
func falsy(e python.Expr) bool {
	switch x := e.(type) {
	case nil:
		return true
	case *python.Constant:
		switch v := x.Value.(type) {
		case nil:
			return true
		case bool:
			return !v
		case string:
			return v == ""
		case int64:
			return v == 0
		}
	}
	return false
}

// derives reports whether the variable behind key was computed from the
// variable name: parsed = urlparse(url); match = resolve(parsed.path).
func (s *fnState) derives(key, name string, depth int) bool {
	return s.derivesFrom(key, name, depth, map[string]int{})
}

// derivesFrom is derives with the variables already followed and the
// least depth each was followed from (seen): two variables bound to calls
// that name each other many times would make the walk exponential in its
// depth.
func (s *fnState) derivesFrom(key, name string, depth int, seen map[string]int) bool {
	base, _, _ := strings.Cut(key, ".")
	if base == name {
		return true
	}
	c := s.bound.get(base)
	if d, ok := seen[base]; c == nil || depth > 4 || ok && d <= depth {
		return false
	}
	seen[base] = depth
	found := false
	python.Inspect(c, func(n python.Node) bool {
		if found {
			return false
		}
		if x, ok := n.(*python.Name); ok && x.ID != base && s.derivesFrom(x.ID, name, depth+1, seen) {
			found = true
		}
		return !found
	})
	return found
}

// snapshotSelf records the request data held in self attributes where the
// method returns, for the class's other methods to read.
func (s *fnState) snapshotSelf() {
	if s.f.Class == nil || s.inNested > 0 {
		return
	}
	keys := make([]string, 0, s.env.len())
	for _, v := range s.env.list {
		keys = append(keys, v.key)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := s.env.get(k)
		attr, ok := strings.CutPrefix(k, "self.")
		if !ok || strings.Contains(attr, ".") {
			continue
		}
		for _, o := range v {
			if o.Param < 0 && o.Clean != All {
				if s.selfAttrs == nil {
					s.selfAttrs = map[string]Value{}
				}
				s.selfAttrs[attr] = s.selfAttrs[attr].add(o)
			}
		}
	}
}

func hasDecorator(d *python.FunctionDef, name string) bool {
	for _, e := range d.DecoratorList {
		if n, ok := e.(*python.Name); ok && n.ID == name {
			return true
		}
	}
	return false
}

func (s *fnState) source(n python.Node, label string, clean Kind) *Origin {
	s.sourced = true
	return &Origin{Param: -1, Source: label, Clean: clean, srcMod: s.m, srcPos: n.Pos(),
		path: (*chain)(nil).push(newStep(s.m, n, "%s read here", label))}
}

func (s *fnState) stepAt(n python.Node, format string, args ...string) step {
	return newStep(s.m, n, format, args...)
}

// stepf is fmt.Sprintf for the messages of flow steps, whose verbs are
// only %s (of strings) and %%: every assignment of tainted data records a
// step, and fmt's generality was a tenth of the cost of one. Any other
// format goes to fmt, which says what is wrong with it.
func stepf(format string, args ...string) string {
	n := len(format)
	for _, a := range args {
		n += len(a)
	}
	b := make([]byte, 0, n)
	next := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b = append(b, c)
			continue
		}
		i++
		switch {
		case i < len(format) && format[i] == 's' && next < len(args):
			b = append(b, args[next]...)
			next++
		case i < len(format) && format[i] == '%':
			b = append(b, '%')
		default:
			return sprintf(format, args)
		}
	}
	if next < len(args) {
		return sprintf(format, args)
	}
	return string(b)
}

func sprintf(format string, args []string) string {
	as := make([]any, len(args))
	for i, a := range args {
		as[i] = a
	}
	return fmt.Sprintf(format, as...)
}

// ---- statements ----

// block runs statements and reports whether the block always leaves
// (return, raise, continue, break).
func (s *fnState) block(stmts []python.Stmt) bool {
	for _, st := range stmts {
		if s.stmt(st) {
			return true
		}
	}
	return false
}

func (s *fnState) stmt(st python.Stmt) bool {
	switch x := st.(type) {
	case *python.Assign:
		before, sinks := len(s.findings), len(s.sum.Sinks)
		if s.assignElems(x) {
			s.raisedFacts(x.Value)
			break
		}
		v := s.eval(x.Value)
		s.noteResponse(x, before, sinks)
		for _, t := range x.Targets {
			s.assign(t, v, x.Value)
		}
		s.raisedFacts(x.Value)
		s.convertedFacts(x.Value, x.Targets...)
	case *python.AnnAssign:
		if x.Value != nil {
			s.assign(x.Target, s.eval(x.Value), x.Value)
		}
	case *python.AugAssign:
		v := s.eval(x.Value)
		if k := s.key(x.Target); k != "" && v != nil {
			if x.Op == python.Add && (!s.env.get(k).live(Redirect) && s.computed.get(k) || startsQuery(x.Value)) {
				// url = reverse(...); url += "?next=" + nxt: the start the
				// code computed pins the host; url += "&error=" + code:
				// a query parameter, whatever url is
				v = v.clean(Redirect | SSRF)
			}
			s.env.set(k, union(s.env.get(k), v.step(s.stepAt(x, "appended to %s", k))))
		}
	case *python.ExprStmt:
		s.discarded, _ = x.Value.(*python.Call)
		s.eval(x.Value)
		s.discarded = nil
		s.raisedFacts(x.Value)
		s.convertedFacts(x.Value)
		s.retypingCall(x.Value)
	case *python.Return:
		defer s.snapshotSelf()
		s.noteCheck(x.Value)
		s.retypingCall(x.Value)
		if t, ok := x.Value.(*python.Tuple); ok && !starred(t.Elts) {
			s.returnTuple(x, t)
			return true
		}
		s.retShape = -1
		if x.Value != nil {
			v := s.eval(x.Value)
			if v != nil {
				s.ret = union(s.ret, v.step(s.stepAt(x, "returned from %s()", s.f.Name)))
			}
		}
		return true
	case *python.Raise:
		if x.Exc != nil {
			s.eval(x.Exc)
		}
		return true
	case *python.Continue, *python.Break:
		return true
	case *python.If:
		return s.ifStmt(x)
	case *python.For:
		cols := s.forColumns(x)
		var v Value
		if cols == nil {
			v = s.eval(x.Iter)
		}
		s.loop(func() {
			if cols != nil {
				for i, t := range python.SeqElts(x.Target) {
					s.assign(t, cols[i], x.Iter)
				}
			} else {
				s.assign(x.Target, v, x.Iter)
			}
			s.block(x.Body)
		})
		s.block(x.Orelse)
	case *python.While:
		s.eval(x.Test)
		s.loop(func() { s.block(x.Body) })
		s.block(x.Orelse)
	case *python.With:
		for _, it := range x.Items {
			v := s.eval(it.ContextExpr)
			if it.OptionalVars != nil {
				s.assign(it.OptionalVars, v, it.ContextExpr)
			}
		}
		return s.block(x.Body)
	case *python.Try:
		if s.env.len() > bigEnv {
			t := s.block(x.Body)
			for _, h := range x.Handlers {
				s.block(h.Body)
			}
			s.block(x.Orelse)
			return s.block(x.Finalbody) || t && len(x.Handlers) == 0
		}
		before := s.copyEnv(s.env)
		outer := s.raised
		s.raised = nil
		s.tries++
		t := s.block(x.Body)
		s.tries--
		raised := s.raised
		s.raised = union(outer, raised) // what no handler here catches goes on
		if !t {
			t = s.block(x.Orelse)
		}
		after := s.env
		all := t
		for _, h := range x.Handlers {
			s.env = s.copyEnv(before)
			if h.Name != "" && raised != nil && catchesValueError(h.Type) {
				// except ValueError as err: str(err) quotes the input
				s.env.set(h.Name, raised.clean(echoSafe).step(s.stepAt(h, "quoted by the error caught as %s", h.Name)))
			}
			ht := s.block(h.Body)
			if !ht {
				if all {
					after = s.env
				} else {
					after = s.mergeEnv(after, s.env)
				}
			}
			all = all && ht
		}
		s.env = after
		if s.block(x.Finalbody) {
			return true
		}
		return all
	case *python.Match:
		v := s.eval(x.Subject)
		if s.env.len() > bigEnv {
			for _, c := range x.Cases {
				s.capture(c.Pattern, v, x.Subject)
				s.block(c.Body)
			}
			return false
		}
		before := s.env
		var out *env
		for _, c := range x.Cases {
			s.env = s.copyEnv(before)
			cv := v
			if literalPattern(c.Pattern) {
				// case "bio" | "website": the subject is one of the
				// code's own values in this case, as after an ==.
				cv = v.clean(All)
				if k := s.key(x.Subject); k != "" {
					s.apply([]fact{{k, All}})
				}
			}
			s.capture(c.Pattern, cv, x.Subject)
			if !s.block(c.Body) {
				out = s.mergeEnv(out, s.env)
			}
		}
		s.env = s.mergeEnv(out, before)
	case *python.Assert:
		s.eval(x.Test)
	case *python.FunctionDef:
		s.nested(x)
	case *python.Delete, *python.ClassDef:
	}
	return false
}

// nested interprets a function defined inside this one (a decorator's
// wrapper, a callback) where it stands, with the variables it captures;
// its returns are its own.
func (s *fnState) nested(d *python.FunctionDef) {
	if s.depth >= 3 {
		return
	}
	savedEnv, savedRet := s.env, s.ret
	savedReq := s.requests.clone()
	s.env = s.copyEnv(savedEnv)
	a := d.Args
	for _, list := range [][]*python.Arg{a.Posonlyargs, a.Args, a.Kwonlyargs, {a.Vararg, a.Kwarg}} {
		for _, p := range list {
			if p == nil {
				continue
			}
			s.env.del(p.Arg)
			s.requests.del(p.Arg)
			if p.Arg == "request" || p.Arg == "req" {
				s.requests.set(p.Arg, true)
				s.requested = true
			}
		}
	}
	s.depth++
	s.inNested++
	s.block(d.Body)
	s.inNested--
	s.depth--
	s.env, s.ret, s.requests = savedEnv, savedRet, savedReq
}

func (s *fnState) loop(body func()) {
	s.depth++
	defer func() { s.depth-- }()
	if s.env.len() > bigEnv {
		body()
		return
	}
	before := s.copyEnv(s.env)
	body()
	s.env = s.mergeEnv(s.env, before)
	if s.depth < 3 {
		body()
		s.env = s.mergeEnv(s.env, before)
	}
}

// bigEnv is the number of live variables beyond which branches and loops
// are interpreted in place, without copying the environment: generated or
// enormous functions would otherwise cost time quadratic in their size. In
// place, a branch's assignments and checks also hold after it: mostly that
// hides findings; it invents one only when a branch that returns assigns
// request data to a variable that a sink after the branch reads.
const bigEnv = 256

func (s *fnState) ifStmt(x *python.If) bool {
	s.eval(x.Test)
	onTrue, onFalse := s.facts(x.Test)
	if s.env.len() > bigEnv {
		s.apply(onTrue)
		tt := s.block(x.Body)
		s.apply(onFalse)
		tf := s.block(x.Orelse)
		return tt && tf
	}
	before := s.env
	s.env = s.copyEnv(before)
	s.apply(onTrue)
	tt := s.block(x.Body)
	envT := s.env
	s.env = before // the false branch may change the original: nothing else reads it
	if len(onFalse) > 0 || len(x.Orelse) > 0 {
		s.env = s.copyEnv(before)
	}
	s.apply(onFalse)
	tf := s.block(x.Orelse)
	envF := s.env
	switch {
	case tt && tf:
		s.env = envF
		return true
	case tt:
		s.env = envF
	case tf:
		s.env = envT
	default:
		s.env = s.mergeEnv(envT, envF)
	}
	return false
}

type fact struct {
	key   string
	clean Kind
}

func intersect(a, b []fact) []fact {
	var out []fact
	for _, x := range a {
		for _, y := range b {
			if x.key == y.key && x.clean&y.clean != 0 {
				out = append(out, fact{x.key, x.clean & y.clean})
			}
		}
	}
	return out
}

func (s *fnState) apply(fs []fact) {
	for _, f := range fs {
		if v := s.env.get(f.key); v != nil {
			s.env.set(f.key, v.clean(f.clean))
		} else if attr, ok := strings.CutPrefix(f.key, "self."); ok && s.f.Class != nil && !strings.Contains(attr, ".") {
			// self.next_path, which another method of the class set:
			// checked here, it is clean from here on
			if v := s.e.attr(s.f.Class, attr); v != nil {
				s.env.set(f.key, v.clean(f.clean))
			}
		}
	}
}

var validators = map[string]bool{"isdigit": true, "isnumeric": true, "isdecimal": true, "isalnum": true, "isidentifier": true, "isalpha": true}

// facts returns what a branch condition proves about variables when it
// holds and when it does not.
func (s *fnState) facts(test python.Expr) (onTrue, onFalse []fact) {
	switch t := test.(type) {
	case *python.UnaryOp:
		if t.Op == python.Not {
			a, b := s.facts(t.Operand)
			return b, a
		}
	case *python.BoolOp:
		// "a and b" is true when both are, false when either is false: the
		// false facts are those every operand's false facts agree on.
		var common []fact
		for i, v := range t.Values {
			a, b := s.facts(v)
			if t.Op == python.And {
				onTrue = append(onTrue, a...)
				a = b
			} else {
				onFalse = append(onFalse, b...)
			}
			if i == 0 {
				common = a
			} else {
				common = intersect(common, a)
			}
		}
		if t.Op == python.And {
			onFalse = common
		} else {
			onTrue = common
		}
		return
	case *python.Name:
		if g, ok := s.guards.lookup(t.ID); ok {
			return g[0], g[1]
		}
		// A false value is empty or None: it carries no attacker text.
		if s.env.get(t.ID) != nil {
			return nil, []fact{{t.ID, All}}
		}
	case *python.Attribute:
		if k := s.key(t); k != "" && s.env.get(k) != nil {
			return nil, []fact{{k, All}}
		}
	case *python.Compare:
		if len(t.Ops) != 1 {
			return
		}
		if f := s.commonPathFacts(t); f != nil {
			if t.Ops[0] == python.Eq {
				return f, nil
			}
			return nil, f
		}
		if (t.Ops[0] == python.Eq || t.Ops[0] == python.NotEq) && s.isResolvedPath(t.Left) && s.isResolvedPath(t.Comparators[0]) {
			// realpath(p) == realpath(root): p is the root itself, the
			// other half of a containment check (startswith(root + sep)
			// or == root)
			if f := s.pathFacts(t.Left); f != nil {
				if t.Ops[0] == python.Eq {
					return f, nil
				}
				return nil, f
			}
		}
		k, clean := s.guardKey(t.Left)
		if k == "" {
			return
		}
		// x in fields: a collection from the function's parameters (a
		// view's list of filterable fields) is the code's; one the
		// request filled is not
		if cmp := s.eval(t.Comparators[0]); cmp != nil && (t.Ops[0] != python.In && t.Ops[0] != python.NotIn || cmp.fromSource()) {
			return
		}
		if c, ok := constString(t.Comparators[0]); ok && c == "" && clean != All {
			// urlparse(u).netloc == "": "/\\evil.example" has no netloc
			// for Python and a host for browsers
			return
		}
		f := []fact{{k, clean}}
		switch t.Ops[0] {
		case python.In, python.Eq, python.Is:
			return f, nil
		case python.NotIn, python.NotEq, python.IsNot:
			return nil, f
		}
	case *python.Call:
		// The name of a method call matters only where a guard or re's
		// match has the method's name (guards are found by it): building
		// it for every call in a condition was most of what facts
		// allocated.
		var q string
		if a, ok := t.Func.(*python.Attribute); !ok || len(s.e.cfg.guards[a.Attr]) > 0 || a.Attr == "fullmatch" || a.Attr == "match" {
			q = s.m.QualName(t.Func)
		}
		if f := s.guardFacts(t, q); f != nil {
			return f, nil
		}
		if t, f := s.checkFacts(t); t != nil || f != nil {
			return t, f
		}
		switch last(q) {
		case "fullmatch", "match":
			if hasPrefix(q, "re") || strings.HasSuffix(q, "RE.match") || strings.HasSuffix(q, "RE.fullmatch") || s.compiledRegex(t.Func) {
				i := 1
				if !strings.HasPrefix(q, "re.") {
					i = 0
				}
				if a := arg(t, i, "string"); a != nil {
					if k := s.key(a); k != "" {
						return []fact{{k, All}}, nil
					}
				}
			}
		}
		if a, ok := t.Func.(*python.Attribute); ok && (a.Attr == "startswith" || a.Attr == "is_relative_to") && s.isResolvedPath(a.Value) {
			// os.path.realpath(p).startswith(ROOT): p stays under ROOT
			if f := s.pathFacts(a.Value); f != nil {
				return f, nil
			}
		}
		if a, ok := t.Func.(*python.Attribute); ok && validators[a.Attr] {
			if k := s.key(a.Value); k != "" {
				return []fact{{k, All}}, nil
			}
		}
		if a, ok := t.Func.(*python.Attribute); ok && a.Attr == "startswith" && len(t.Args) == 1 && pinnedPrefixes(t.Args[0]) {
			// next.startswith("/orders/"): a path of the site, or a URL
			// of the host the literal names
			if k := s.key(a.Value); k != "" {
				return []fact{{k, Redirect}}, nil
			}
		}
	}
	return nil, nil
}

// pinnedRead reports an expression that reads the same request datum a
// test checked to start with a pinned prefix: request.GET["r"] if
// request.GET.get("r", "").startswith("/editor/") else ..., where no key
// names the datum for the test's facts to follow.
func pinnedRead(test, body python.Expr) bool {
	c, ok := test.(*python.Call)
	if !ok || len(c.Args) != 1 || !pinnedPrefixes(c.Args[0]) {
		return false
	}
	a, ok := c.Func.(*python.Attribute)
	if !ok || a.Attr != "startswith" {
		return false
	}
	o1, k1, ok1 := itemRead(a.Value)
	o2, k2, ok2 := itemRead(body)
	return ok1 && ok2 && k1 == k2 && python.Dump(o1) == python.Dump(o2)
}

// lastPathSegment reports x.split("/")[-1] and x.rsplit("/", 1)[-1]: the
// text after the last slash.
func lastPathSegment(x *python.Subscript) bool {
	u, ok := x.Slice.(*python.UnaryOp)
	if !ok || u.Op != python.USub {
		return false
	}
	if n, ok := u.Operand.(*python.Constant); !ok || n.Value != int64(1) {
		return false
	}
	c, ok := x.Value.(*python.Call)
	if !ok || len(c.Args) == 0 {
		return false
	}
	a, ok := c.Func.(*python.Attribute)
	if !ok || a.Attr != "split" && a.Attr != "rsplit" {
		return false
	}
	sep, ok := constString(c.Args[0])
	return ok && sep == "/"
}

// itemRead returns the mapping and the literal key of m[k] or m.get(k, ...).
func itemRead(e python.Expr) (python.Expr, string, bool) {
	switch x := e.(type) {
	case *python.Subscript:
		k, ok := constString(x.Slice)
		return x.Value, k, ok
	case *python.Call:
		if a, ok := x.Func.(*python.Attribute); ok && a.Attr == "get" && len(x.Args) > 0 {
			k, ok := constString(x.Args[0])
			return a.Value, k, ok
		}
	}
	return nil, "", false
}

// pinnedPrefixes reports a literal, or a tuple of literals, each a start
// that keeps a URL on one host (fixedURLRE): a path of at least one
// character after the slash ("/orders/", not "/" alone, after which
// "//evil.example" and "/\\evil.example" leave the site), or a scheme and
// host with the slash after it ("https://shop.example.com/").
func pinnedPrefixes(e python.Expr) bool {
	elts := []python.Expr{e}
	if tu, ok := e.(*python.Tuple); ok {
		elts = tu.Elts
	}
	for _, el := range elts {
		v, ok := constString(el)
		if !ok || !fixedURLRE.MatchString(v) {
			return false
		}
	}
	return len(elts) > 0
}

// compiledRegex reports a method of a pattern the module compiles at its
// top level: MD5_REGEX.match(h) after MD5_REGEX = re.compile(r"^[0-9a-f]{32}$").
func (s *fnState) compiledRegex(fn python.Expr) bool {
	a, ok := fn.(*python.Attribute)
	if !ok {
		return false
	}
	n, ok := a.Value.(*python.Name)
	if !ok {
		return false
	}
	for _, st := range s.m.Tree().Body {
		as, ok := st.(*python.Assign)
		if !ok || len(as.Targets) != 1 {
			continue
		}
		if t, ok := as.Targets[0].(*python.Name); ok && t.ID == n.ID {
			c, ok := as.Value.(*python.Call)
			return ok && s.m.QualName(c.Func) == "re.compile"
		}
	}
	return false
}

// commonPathFacts reads os.path.commonpath([root, p]) == root (or
// commonprefix, either side, == or !=): the resolved paths in the list stay
// under root where the comparison holds, as startswith does for
// realpath(p).startswith(root).
func (s *fnState) commonPathFacts(t *python.Compare) []fact {
	if t.Ops[0] != python.Eq && t.Ops[0] != python.NotEq {
		return nil
	}
	for _, side := range []python.Expr{t.Left, t.Comparators[0]} {
		c, ok := side.(*python.Call)
		if !ok || len(c.Args) != 1 {
			continue
		}
		switch s.m.QualName(c.Func) {
		case "os.path.commonpath", "os.path.commonprefix", "posixpath.commonpath", "posixpath.commonprefix":
		default:
			continue
		}
		var elts []python.Expr
		switch l := c.Args[0].(type) {
		case *python.List:
			elts = l.Elts
		case *python.Tuple:
			elts = l.Elts
		}
		var out []fact
		for _, e := range elts {
			if s.isResolvedPath(e) {
				out = append(out, s.pathFacts(e)...)
			}
		}
		return out
	}
	return nil
}

// literalPattern reports whether a case pattern admits only values the
// code writes: literals, dotted constants, None, True and False, and
// alternatives of those, captured or not.
func literalPattern(p python.Pattern) bool {
	switch x := p.(type) {
	case *python.MatchValue, *python.MatchSingleton:
		return true
	case *python.MatchOr:
		for _, q := range x.Patterns {
			if !literalPattern(q) {
				return false
			}
		}
		return len(x.Patterns) > 0
	case *python.MatchAs:
		return x.Pattern != nil && literalPattern(x.Pattern)
	}
	return false
}

// capture binds the names a case pattern captures (case other:, case
// [first, *rest]:, case {"k": v, **rest}:) to the subject's value v: a
// part of the subject carries what the subject does.
func (s *fnState) capture(p python.Pattern, v Value, subject python.Expr) {
	bind := func(name string, at python.Node) {
		if name != "" {
			s.assign(&python.Name{Span: python.Span{From: at.Pos(), To: at.End()}, ID: name}, v, subject)
		}
	}
	all := func(ps []python.Pattern) {
		for _, q := range ps {
			s.capture(q, v, subject)
		}
	}
	switch x := p.(type) {
	case *python.MatchAs:
		if x.Pattern != nil {
			s.capture(x.Pattern, v, subject)
		}
		bind(x.Name, x)
	case *python.MatchStar:
		bind(x.Name, x)
	case *python.MatchOr:
		all(x.Patterns)
	case *python.MatchSequence:
		all(x.Patterns)
	case *python.MatchMapping:
		all(x.Patterns)
		bind(x.Rest, x)
	case *python.MatchClass:
		all(x.Patterns)
		all(x.KwdPatterns)
	}
}

// isResolvedPath reports whether e is a normalized path: a call of
// os.path.realpath/abspath/normpath or Path.resolve(), or a variable bound
// to one.
func (s *fnState) isResolvedPath(e python.Expr) bool {
	switch x := e.(type) {
	case *python.Name:
		return s.resolved.has(x.ID)
	case *python.Call:
		if a, ok := x.Func.(*python.Attribute); ok {
			switch a.Attr {
			case "resolve":
				return true
			case "realpath", "abspath", "normpath":
			default:
				return false // not one of the names below: no need to build it
			}
		}
		switch s.m.QualName(x.Func) {
		case "os.path.realpath", "os.path.abspath", "os.path.normpath", "posixpath.normpath":
			return true
		}
	}
	return false
}

// pathFacts returns what a containment check of a normalized path proves:
// the variable it stands for stays under the root, and so does the one a
// variable holding it was made from (resolved = realpath(manifest_path);
// resolved.startswith(root) vouches for manifest_path too). nil when the
// expression stands for no variable.
func (s *fnState) pathFacts(e python.Expr) []fact {
	k := s.pathKey(e)
	if k == "" {
		return nil
	}
	out := []fact{{k, Path}}
	if n, ok := e.(*python.Name); ok {
		if from := s.resolved.get(n.ID); from != "" {
			out = append(out, fact{from, Path})
		}
	}
	return out
}

// pathKey returns the variable a normalized-path expression stands for.
func (s *fnState) pathKey(e python.Expr) string {
	switch x := e.(type) {
	case *python.Name:
		return x.ID
	case *python.Call:
		if a, ok := x.Func.(*python.Attribute); ok && a.Attr == "resolve" {
			return s.key(a.Value)
		}
		if len(x.Args) > 0 {
			if k := s.key(x.Args[0]); k != "" {
				return k
			}
			if c, ok := x.Args[0].(*python.Call); ok && s.m.QualName(c.Func) == "os.path.join" && len(c.Args) > 0 {
				return s.key(c.Args[len(c.Args)-1])
			}
		}
	}
	return ""
}

// guardKey returns the variable a membership test constrains: x itself, or
// x for urlparse(x).hostname / .netloc (which only vouches for the host).
func (s *fnState) guardKey(e python.Expr) (string, Kind) {
	if a, ok := e.(*python.Attribute); ok && (a.Attr == "hostname" || a.Attr == "netloc") {
		if c, ok := a.Value.(*python.Call); ok && len(c.Args) > 0 {
			if q := last(s.m.QualName(c.Func)); q == "urlparse" || q == "urlsplit" {
				return s.key(c.Args[0]), Redirect | SSRF
			}
		}
		if n, ok := a.Value.(*python.Name); ok {
			// parsed = urlsplit(url); parsed.netloc not in ALLOWED: the
			// check vouches for the host of url itself
			if c := s.bound.get(n.ID); c != nil && len(c.Args) > 0 {
				if q := last(s.m.QualName(c.Func)); q == "urlparse" || q == "urlsplit" {
					if k := s.key(c.Args[0]); k != "" {
						return k, Redirect | SSRF
					}
				}
			}
		}
		if k := s.key(a.Value); k != "" {
			// parsed = urlparse(url); parsed.hostname in ALLOWED
			return k, Redirect | SSRF
		}
	}
	return s.key(e), All
}

// key names a storage place the environment tracks: a variable or an
// attribute chain on one (self.query).
//
// A chain longer than maxKeyLinks is no place the environment tracks: real
// code names self.form.cleaned_data, not a thousand links, and building
// the name of every prefix of such a chain took time cubic in its length.
func (s *fnState) key(e python.Expr) string {
	var buf [maxKeyLinks]string // the chain, innermost first, without a heap slice
	attrs := buf[:0]
	n := 0
	end := e.End()
	for {
		switch x := e.(type) {
		case *python.Name:
			if len(attrs) == 0 {
				return x.ID
			}
			if w, ok := s.m.written(x, end, x.ID, attrs); ok {
				return w
			}
			var b strings.Builder
			b.Grow(len(x.ID) + n)
			b.WriteString(x.ID)
			for i := len(attrs) - 1; i >= 0; i-- {
				b.WriteByte('.')
				b.WriteString(attrs[i])
			}
			return b.String()
		case *python.Attribute:
			if len(attrs) == maxKeyLinks {
				return ""
			}
			attrs = append(attrs, x.Attr)
			n += 1 + len(x.Attr)
			e = x.Value
		default:
			return ""
		}
	}
}

// maxKeyLinks bounds the attribute chains key names.
const maxKeyLinks = 16

// lookupKey returns the taint of the place key(e) names and whether the
// environment tracks it. Reading an attribute (form.cleaned_data, self.x)
// is the commonest step of the interpretation, and the place it names is
// seldom tracked: the name is built in a buffer on the stack rather than
// as a new string.
func (s *fnState) lookupKey(e python.Expr) (Value, bool) {
	var links [maxKeyLinks]string // innermost first, as in key
	attrs := links[:0]
	for {
		switch x := e.(type) {
		case *python.Name:
			var buf [128]byte
			b := append(buf[:0], x.ID...)
			for i := len(attrs) - 1; i >= 0; i-- {
				b = append(b, '.')
				b = append(b, attrs[i]...)
			}
			if i := s.env.findBytes(b); i >= 0 {
				return s.env.list[i].val, true
			}
			return nil, false
		case *python.Attribute:
			if len(attrs) == maxKeyLinks {
				return nil, false
			}
			attrs = append(attrs, x.Attr)
			e = x.Value
		default:
			return nil, false
		}
	}
}

func (s *fnState) assign(t python.Expr, v Value, value python.Expr) {
	switch x := t.(type) {
	case *python.Name, *python.Attribute:
		k := s.key(x)
		if k == "" {
			return
		}
		s.keepParam(k)
		s.guards.del(k)
		s.resolved.del(k)
		// a normalized path made from k no longer vouches for it
		clearValue(&s.resolved, k)
		if s.isResolvedPath(value) {
			from := s.pathKey(value)
			if from == k {
				from = ""
			}
			s.resolved.set(k, from)
		}
		switch value.(type) {
		case *python.Call, *python.Compare, *python.BoolOp, *python.UnaryOp:
			// ok = is_safe(url), valid = status in CHOICES: a check
			// the code tests later by name
			if a, b := s.facts(value); a != nil || b != nil {
				s.guards.set(k, [2][]fact{a, b})
			}
		}
		if c, ok := value.(*python.Call); ok {
			if cls := s.e.prog.class(s.callQName(c)); cls != nil {
				s.types.set(k, cls)
			}
			s.bound.set(k, c)
		} else if s.bound.get(k) != nil {
			s.bound.del(k)
		}
		if !v.live(Redirect) && s.opaquePrefix(value) {
			s.computed.set(k, true)
		} else if s.computed.get(k) {
			s.computed.del(k)
		}
		if v == nil {
			s.env.del(k)
			if x, ok := x.(*python.Name); ok && s.requests.get(x.ID) {
				s.requests.del(x.ID)
			}
			return
		}
		s.env.set(k, v.step(s.stepAt(t, assignMsg(value), k)))
	case *python.Tuple:
		for _, e := range x.Elts {
			s.assign(e, v, value)
		}
	case *python.List:
		for _, e := range x.Elts {
			s.assign(e, v, value)
		}
	case *python.Starred:
		s.assign(x.Value, v, value)
	case *python.Subscript:
		key := s.eval(x.Slice)
		s.contentType(x, value)
		// d[name] = value: a key of the code's (a literal, a name checked
		// against its own) lets the request choose no field when d is
		// spread into a query or a model; a key the request chose does,
		// whatever the value
		const fields = MassAssign | Lookup
		v = v.clean(fields)
		if key.live(fields) {
			v = union(v, key.clean(All&^fields))
		}
		if k := s.key(x.Value); k != "" && v != nil {
			s.env.set(k, union(s.env.get(k), v.step(s.stepAt(t, "stored in %s", k))))
		}
	}
}

// forColumns gives each target of a loop that unpacks the rows of a
// literal list (for attr, value in [(["type"], type), (["country"],
// code)]) the taint of its own column: the code's field names stay apart
// from the request's values. nil when the loop is of another shape, and
// every target then gets the taint of the whole.
func (s *fnState) forColumns(x *python.For) []Value {
	targets := python.SeqElts(x.Target)
	rows := python.SeqElts(x.Iter)
	if len(targets) < 2 || len(rows) == 0 || starred(targets) {
		return nil
	}
	if _, ok := x.Target.(*python.Tuple); !ok {
		if _, ok := x.Target.(*python.List); !ok {
			return nil
		}
	}
	switch x.Iter.(type) {
	case *python.List, *python.Tuple:
	default:
		return nil
	}
	for _, r := range rows {
		elts := python.SeqElts(r)
		if _, ok := r.(*python.Tuple); !ok {
			if _, ok := r.(*python.List); !ok {
				return nil
			}
		}
		if len(elts) != len(targets) || starred(elts) {
			return nil
		}
	}
	cols := make([]Value, len(targets))
	for _, r := range rows {
		for i, e := range python.SeqElts(r) {
			cols[i] = union(cols[i], s.eval(e))
		}
	}
	return cols
}

// returnTuple records a return of a tuple literal: its elements' taint,
// kept apart while every return gives a tuple of the same length.
func (s *fnState) returnTuple(x *python.Return, t *python.Tuple) {
	elems := make([]Value, len(t.Elts))
	for i, e := range t.Elts {
		if v := s.eval(e); v != nil {
			elems[i] = v.step(s.stepAt(x, "returned from %s()", s.f.Name))
			s.ret = union(s.ret, elems[i])
		}
	}
	switch s.retShape {
	case 0:
		s.retShape, s.retElems = len(elems), elems
	case len(elems):
		for i := range elems {
			s.retElems[i] = union(s.retElems[i], elems[i])
		}
	default:
		s.retShape = -1
	}
}

// assignElems assigns each element of a tuple to its own target where
// both sides say which goes where: a, b = x, y, and sql, params =
// build_query(...) when build_query returns tuples of two. It reports
// whether it did; otherwise every target gets the taint of the whole.
func (s *fnState) assignElems(x *python.Assign) bool {
	if len(x.Targets) != 1 {
		return false
	}
	var targets []python.Expr
	switch t := x.Targets[0].(type) {
	case *python.Tuple:
		targets = t.Elts
	case *python.List:
		targets = t.Elts
	default:
		return false
	}
	if starred(targets) {
		return false
	}
	switch v := x.Value.(type) {
	case *python.Tuple:
		if len(v.Elts) != len(targets) || starred(v.Elts) {
			return false
		}
		vals := make([]Value, len(targets))
		for i, e := range v.Elts {
			vals[i] = s.eval(e)
		}
		for i, t := range targets {
			s.assign(t, vals[i], v.Elts[i])
		}
		return true
	case *python.Call:
		before, sinks := len(s.findings), len(s.sum.Sinks)
		whole := s.eval(v)
		s.noteResponse(x, before, sinks)
		ce, ok := s.callElems[v]
		elems := ce.elems
		if !ok || len(elems) != len(targets) {
			for _, t := range targets {
				s.assign(t, whole, v)
			}
			return true
		}
		for i, t := range targets {
			s.assign(t, elems[i], v)
		}
		return true
	}
	return false
}

// callElems is what each element of a call's returned tuple carries, and
// the function it came from; a loop evaluates a call again, which is no
// second function.
type callElems struct {
	f     *Func
	elems []Value
}

// starred reports whether a list of elements has a *rest among them.
func starred(es []python.Expr) bool {
	for _, e := range es {
		if _, ok := e.(*python.Starred); ok {
			return true
		}
	}
	return false
}

// noteResponse remembers which XSS findings the response assigned to a
// variable produced, so that a later resp["Content-Type"] = "text/plain"
// can take them back.
func (s *fnState) noteResponse(a *python.Assign, before, sinks int) {
	if len(s.findings) == before && len(s.sum.Sinks) == sinks || len(a.Targets) != 1 {
		return
	}
	n, ok := a.Targets[0].(*python.Name)
	if !ok {
		return
	}
	if s.responses == nil {
		s.responses = map[string][4]int{}
	}
	s.responses[n.ID] = [4]int{before, len(s.findings), sinks, len(s.sum.Sinks)}
}

// contentType handles resp["Content-Type"] = "..." (and resp.headers[...]).
func (s *fnState) contentType(t *python.Subscript, value python.Expr) {
	h, ok := constString(t.Slice)
	if !ok || !strings.EqualFold(h, "Content-Type") {
		return
	}
	lit, ok := constString(value)
	if !ok || strings.Contains(lit, "html") {
		return
	}
	obj := t.Value
	if a, ok := obj.(*python.Attribute); ok && a.Attr == "headers" {
		obj = a.Value
	}
	n, ok := obj.(*python.Name)
	if !ok {
		return
	}
	r, ok := s.responses[n.ID]
	if !ok {
		return
	}
	for i := r[0]; i < r[1] && i < len(s.findings); i++ {
		if s.findings[i].Kind == XSS {
			s.findings[i].Kind = 0 // retracted: the response is not HTML
		}
	}
	for i := r[2]; i < r[3] && i < len(s.sum.Sinks); i++ {
		if s.sum.Sinks[i].kind == XSS {
			s.sum.Sinks[i].kind = 0
		}
	}
}

// retypingCall handles a response handed to a project function that sets
// its content type (add_cors_headers(response), whose body does
// response["Content-Type"] = "application/json"), as contentType does
// the same assignment in this function.
func (s *fnState) retypingCall(e python.Expr) {
	c, ok := e.(*python.Call)
	if !ok || len(s.responses) == 0 {
		return
	}
	var def *python.FunctionDef
	for i, a := range c.Args {
		n, ok := a.(*python.Name)
		if !ok {
			continue
		}
		if _, noted := s.responses[n.ID]; !noted {
			continue
		}
		if def == nil {
			f := s.resolve(c, s.callQName(c))
			if f == nil || f.Class != nil {
				return // a method's parameters shift by self
			}
			def = f.Def()
		}
		if i >= len(def.Args.Args) {
			continue
		}
		param := def.Args.Args[i].Arg
		for _, as := range s.e.prog.Memo(contentTypeAssignsKey{def}, func() any { return contentTypeAssigns(def) }).([]*python.Assign) {
			t := as.Targets[0].(*python.Subscript)
			if t.Value.(*python.Name).ID == param {
				s.contentType(&python.Subscript{Value: n, Slice: t.Slice}, as.Value)
			}
		}
	}
}

type contentTypeAssignsKey struct{ def *python.FunctionDef }

// contentTypeAssigns returns the statements of a function's body that set the
// content type of a name (response["Content-Type"] = ...), read once per
// function however many calls hand it a response.
func contentTypeAssigns(def *python.FunctionDef) []*python.Assign {
	var out []*python.Assign
	for _, st := range def.Body {
		as, ok := st.(*python.Assign)
		if !ok || len(as.Targets) != 1 {
			continue
		}
		if t, ok := as.Targets[0].(*python.Subscript); ok {
			if _, ok := t.Value.(*python.Name); ok {
				if h, ok := constString(t.Slice); ok && strings.EqualFold(h, "Content-Type") {
					out = append(out, as)
				}
			}
		}
	}
	return out
}

func assignMsg(value python.Expr) string {
	switch v := value.(type) {
	case *python.BinOp:
		switch v.Op {
		case python.Add:
			return "concatenated into %s"
		case python.Mod:
			return "formatted into %s with %%"
		}
	case *python.JoinedStr:
		return "formatted into %s (f-string)"
	case *python.Call:
		if a, ok := v.Func.(*python.Attribute); ok {
			switch a.Attr {
			case "format":
				return "formatted into %s with str.format"
			case "join":
				return "joined into %s"
			}
		}
	}
	return "assigned to %s"
}

// ---- expressions ----

func (s *fnState) isRequest(e python.Expr) bool {
	switch x := e.(type) {
	case *python.Name:
		return s.requests.get(x.ID)
	case *python.Attribute:
		if n, ok := x.Value.(*python.Name); ok && n.ID == "self" && x.Attr == "request" {
			return true
		}
	}
	return false
}

// isSource reports whether e is request.GET and the like. The generic
// names (headers, body, data) count only where the request is surely
// Django's or DRF's: in views and in modules that import them, since
// other libraries name their own request objects "request" too.
func (s *fnState) isSource(e python.Expr) bool {
	a, ok := e.(*python.Attribute)
	if !ok || !sourceAttrs[a.Attr] || !s.isRequest(a.Value) {
		return false
	}
	switch a.Attr {
	case "headers", "body", "data":
		return s.view != nil || s.m.usesDjango()
	}
	return true
}

// serializerSave reports a create or update method of a class deriving
// from a DRF serializer, itself or through the project's classes: DRF's
// save() calls it with the validated data of the request.
func (s *fnState) serializerSave() bool {
	c := s.f.Class
	if c == nil || s.f.Name != "create" && s.f.Name != "update" {
		return false
	}
	return s.e.prog.IsSubclassOf("drf-serializer", c, func(q string) bool {
		return strings.HasPrefix(q, "rest_framework.") && strings.HasSuffix(q, "Serializer")
	})
}

// beforeRouting reports whether the function is a middleware hook that
// sees requests whatever their path, before or without URL resolution
// (process_request, process_response, __call__): there request.path may
// be "//evil.example/", which a redirect to it sends off-site. In views
// the URL patterns matched the path, which rules that out.
func (s *fnState) beforeRouting() bool {
	c := s.f.Class
	if c == nil || s.view != nil {
		return false
	}
	switch s.f.Name {
	case "process_request", "process_response", "__call__":
	default:
		return false
	}
	if strings.Contains(c.Name, "Middleware") {
		return true
	}
	for _, b := range c.Bases {
		if strings.Contains(last(b), "Middleware") {
			return true
		}
	}
	return false
}

// pathSource is request.path read where it may be any path: data for
// redirects only, and only as the code reads it, not once a project
// function rewrote it.
func (s *fnState) pathSource(n python.Node) *Origin {
	o := s.source(n, s.m.Text(n)+" (//evil.example/ when that path is requested)", All&^Redirect)
	o.rawPath = true
	return o
}

func (s *fnState) isKwargs(e python.Expr) bool {
	if s.view == nil {
		return false
	}
	switch x := e.(type) {
	case *python.Name:
		return s.kwargs != "" && x.ID == s.kwargs
	case *python.Attribute:
		n, ok := x.Value.(*python.Name)
		return ok && n.ID == "self" && x.Attr == "kwargs"
	}
	return false
}

// slugSafe is what a slug parameter is safe for: letters, digits, "-" and
// "_" make no scheme, host, "..", markup or line break. wordSafe is what
// one of word characters alone is safe for: without "-" it makes no
// shell option either, and no shell syntax.
const (
	slugSafe = Redirect | Path | XSS | Log
	wordSafe = slugSafe | Command
)

// fieldClean returns what the project's clean_<field> methods (forms) or
// validate_<field> methods (serializers) make a validated field safe for:
// the sink kinds every one of them vouches for in what it returns.
// maxCleaners bounds the project methods of one name (clean_email) a read
// of a form's field consults: more are some generator's, not forms'.
const maxCleaners = 64

// typedFormRead reports form.cleaned_data["name"] where the function sets
// form once to an instance of a project form class that declares name
// with a field of typedFields.
func (s *fnState) typedFormRead(recv, key python.Expr) bool {
	name, ok := constString(key)
	n, isName := recv.(*python.Name)
	if !ok || !isName {
		return false
	}
	if s.formClasses == nil {
		s.formClasses = s.instances()
	}
	c := s.formClasses[n.ID]
	return c != nil && s.e.prog.typedClassField(c, name, 0)
}

// instances returns the project class of each name the function sets
// once, and to a call of the class: read once per function, however many
// fields it reads (a form of thousands of fields would otherwise walk the
// body at each).
func (s *fnState) instances() map[string]*Class {
	count := map[string]int{}
	made := map[string]*python.Call{}
	python.EachStmt(s.f.Def().Body, func(st python.Stmt) {
		a, ok := st.(*python.Assign)
		if !ok || len(a.Targets) != 1 {
			return
		}
		if t, ok := a.Targets[0].(*python.Name); ok {
			count[t.ID]++
			made[t.ID], _ = a.Value.(*python.Call)
		}
	})
	out := map[string]*Class{}
	for name, c := range made {
		if count[name] != 1 || c == nil {
			continue
		}
		q := s.m.QualName(c.Func)
		cls := s.e.prog.LookupClass(s.e.prog.Canonical(q))
		if cls == nil {
			cls = s.e.prog.LookupClass(s.m.Name + "." + q)
		}
		if cls != nil {
			out[name] = cls
		}
	}
	return out
}

func (s *fnState) fieldClean(attr string, key python.Expr) Kind {
	name, ok := constString(key)
	if !ok || name == "" {
		return 0
	}
	if s.e.prog.typedFormField(name) {
		return All // a number, a date, a row, a choice: no text of the client's
	}
	method := "clean_" + name
	if attr == "validated_data" {
		method = "validate_" + name
	}
	if k, ok := s.fieldCleans[method]; ok {
		// read again: its cleaners are among the callees already
		return k
	}
	fs := s.e.prog.methodsNamed(method)
	if len(fs) == 0 || len(fs) > maxCleaners {
		return 0
	}
	if s.fieldCleans == nil {
		s.fieldCleans = map[string]Kind{}
	}
	k := All
	for _, f := range fs {
		if f == s.f {
			k = 0 // the cleaner itself reads the raw field
			break
		}
		s.callees = append(s.callees, f)
		sum := s.e.summary(f)
		if sum == nil {
			k = 0
			break
		}
		for _, o := range sum.Ret {
			k &= o.Clean
		}
	}
	s.fieldCleans[method] = k
	return k
}

func (s *fnState) paramClean(name string) Kind {
	if s.view != nil {
		return s.view.Safe[name]
	}
	return 0
}

func (s *fnState) kwargsSource(n python.Node, key python.Expr) Value {
	name, ok := constString(key)
	if ok {
		if !s.view.Params[name] && !(s.view.ViewSet && name == "pk") {
			return nil
		}
		return Value{s.source(n, "URL path parameter "+name, s.paramClean(name))}
	}
	for _, t := range s.view.Params {
		if t {
			return Value{s.source(n, "URL path parameters", 0)}
		}
	}
	return nil
}

func (s *fnState) evalAll(es []python.Expr) Value {
	var v Value
	for _, e := range es {
		v = union(v, s.eval(e))
	}
	return v
}

// maxEvalWork bounds the expressions one run of a function evaluates. The
// most in any function of netbox, saleor, awx and DefectDojo was 1402
// (netbox's CableTraceSVG.render), measured when the bound was set.
const maxEvalWork = 1 << 16

func (s *fnState) eval(e python.Expr) Value {
	if s.work++; s.work > maxEvalWork {
		// Some expressions are evaluated more than once (a test, then
		// the facts it gives), which nested in themselves doubles at
		// each level: a crafted function stops here, its values
		// unknown, rather than running for hours.
		return nil
	}
	switch x := e.(type) {
	case nil:
		return nil
	case *python.Name:
		return s.env.get(x.ID)
	case *python.Attribute:
		if s.isSource(x) {
			return Value{s.source(x, s.m.Text(x), 0)}
		}
		if (x.Attr == "path" || x.Attr == "path_info") && s.beforeRouting() && s.isRequest(x.Value) {
			return Value{s.pathSource(x)}
		}
		if x.Attr == "cleaned_data" || x.Attr == "validated_data" {
			// Validated input is still attacker text for injection sinks;
			// form fields strip line breaks, so logs are spared.
			return Value{s.source(x, s.m.Text(x), validated)}
		}
		if v, ok := s.lookupKey(x); ok {
			return v
		}
		if n, ok := x.Value.(*python.Name); ok && n.ID == "self" && s.f.Class != nil {
			if v := s.e.attr(s.f.Class, x.Attr); v != nil {
				return v.step(s.stepAt(x, "read from self.%s", x.Attr))
			}
		}
		if x.Attr == "name" {
			return s.eval(x.Value).clean(BaseName)
		}
		return s.eval(x.Value)
	case *python.Subscript:
		if s.isSource(x.Value) {
			s.eval(x.Slice)
			return Value{s.source(x, s.m.Text(x), 0)}
		}
		if s.isKwargs(x.Value) {
			return s.kwargsSource(x, x.Slice)
		}
		if n, ok := x.Value.(*python.Name); ok && s.validated != "" && n.ID == s.validated {
			// validated_data["url"] in a serializer's create: a field the
			// client sent, as self.validated_data["url"] is
			return Value{s.source(x, s.m.Text(x), validated|s.fieldClean("validated_data", x.Slice))}
		}
		if a, ok := x.Value.(*python.Attribute); ok && (a.Attr == "cleaned_data" || a.Attr == "validated_data") {
			if s.typedFormRead(a.Value, x.Slice) {
				// form = PickForm(request.POST); form.cleaned_data["year"]
				// of an IntegerField: a number, whatever was sent
				return Value{s.source(x, s.m.Text(x), All)}
			}
			return Value{s.source(x, s.m.Text(x), validated|s.fieldClean(a.Attr, x.Slice))}
		}
		if lastPathSegment(x) {
			// url.split("/")[-1]: what follows the last slash, a name
			// without a folder, as os.path.basename gives
			return s.eval(x.Value).clean(Path)
		}
		s.eval(x.Slice)
		return s.eval(x.Value)
	case *python.Call:
		return s.call(x)
	case *python.BinOp:
		l, r := s.eval(x.Left), s.eval(x.Right)
		if x.Op == python.Add && !l.live(Redirect) && s.startsURL(x.Left) {
			r = r.afterStart()
		}
		if x.Op == python.Add && (endsInQuery(x.Left) || startsQuery(x.Right)) {
			// url + "?" + params, url + "&" + message: what follows the
			// query's start chooses no host or path; url's own data stays
			r = r.clean(Redirect | SSRF)
		}
		if x.Op == python.Mod {
			r = s.afterFormatStart(x, r)
		}
		v := union(l, r)
		if (x.Op == python.Add || x.Op == python.Mod) && s.fixedPrefix(x.Left) {
			v = v.clean(Redirect | SSRF)
		}
		if x.Op == python.Add && !l.live(Redirect) && !l.live(SSRF) && s.opaquePrefix(x.Left) {
			// url + "&" + params, where url = reverse(...) + "?ea=" + pk:
			// a start the code computed, request data only after it
			v = v.clean(Redirect | SSRF)
		}
		if x.Op == python.Mod && s.cleanFirstPlaceholder(x) {
			v = v.clean(Redirect | SSRF)
		}
		return v
	case *python.JoinedStr:
		var v Value
		query := false
		started := false // a start the code chose comes before
		pathOfFirst := false
		for i, p := range x.Values {
			if f, ok := p.(*python.FormattedValue); ok {
				fv := s.eval(f.Value)
				if started {
					fv = fv.afterStart()
				}
				started = started || !fv.live(Redirect) && s.opaquePrefix(f.Value)
				if query {
					// f"{url}?{params.urlencode()}": what comes after
					// the query's start chooses no host or path
					fv = fv.clean(Redirect | SSRF)
				}
				if pathOfFirst {
					fv = fv.clean(SSRF)
				}
				v = union(v, fv)
			} else if c, ok := constString(p); ok {
				query = query || strings.ContainsAny(c, "?#")
				started = started || c != ""
				// f"{server.url}/assets/{asset_id}": whatever the first
				// value holds names the server, and what follows its
				// slash is a path there, for a fetch (the first value's
				// own data stays). Not for redirects: an empty first
				// value leaves "/" + "/evil.example", another site.
				pathOfFirst = pathOfFirst || i == 1 && s.opaqueFirst(x) && strings.HasPrefix(c, "/") && !strings.HasPrefix(c, "//")
			}
		}
		if len(x.Values) > 0 && s.fixedPrefix(x.Values[0]) {
			v = v.clean(Redirect | SSRF)
		}
		if len(x.Values) > 0 {
			// f"{url}&{params}": a start the code computed, request data
			// only after it (as url + "&" + params)
			if f, ok := x.Values[0].(*python.FormattedValue); ok && s.opaquePrefix(f.Value) {
				if fv := s.eval(f.Value); !fv.live(Redirect) && !fv.live(SSRF) {
					v = v.clean(Redirect | SSRF)
				}
			}
		}
		if len(x.Values) > 1 {
			// f"/{lang}{path}": a slash and a computed segment the request
			// does not choose (a language code, a slug) pin the path
			c, isConst := constString(x.Values[0])
			f, ok := x.Values[1].(*python.FormattedValue)
			if isConst && c == "/" && ok && s.eval(f.Value) == nil && s.opaquePrefix(f.Value) {
				v = v.clean(Redirect | SSRF)
			}
		}
		return v
	case *python.FormattedValue:
		return s.eval(x.Value)
	case *python.BoolOp:
		return s.evalAll(x.Values)
	case *python.IfExp:
		s.eval(x.Test)
		if s.env.len() > bigEnv {
			return union(s.eval(x.Body), s.eval(x.Orelse))
		}
		onTrue, onFalse := s.facts(x.Test)
		saved := s.env
		s.env = s.copyEnv(saved)
		s.apply(onTrue)
		b := s.eval(x.Body)
		if pinnedRead(x.Test, x.Body) {
			b = b.clean(Redirect)
		}
		s.env = s.copyEnv(saved)
		s.apply(onFalse)
		o := s.eval(x.Orelse)
		s.env = saved
		return union(b, o)
	case *python.Compare:
		s.eval(x.Left)
		s.evalAll(x.Comparators)
		return nil
	case *python.UnaryOp:
		v := s.eval(x.Operand)
		if x.Op == python.Not {
			return nil
		}
		return v
	case *python.List:
		return s.evalAll(x.Elts)
	case *python.Tuple:
		return s.evalAll(x.Elts)
	case *python.Set:
		return s.evalAll(x.Elts)
	case *python.Dict:
		// Spread into a model (Log.objects.create(**data)) or a query,
		// a dictionary chooses fields by its keys: its values fill them
		// and choose none ({"path": request.path}, {field + "__icontains":
		// term} with a field of the code's), unless a value is itself
		// spread ({**request.GET}).
		var keys, vals Value
		for i, k := range x.Keys {
			if k == nil {
				keys = union(keys, s.eval(x.Values[i]))
				continue
			}
			keys = union(keys, s.eval(k))
			vals = union(vals, s.eval(x.Values[i]))
		}
		return union(keys, vals.clean(MassAssign|Lookup))
	case *python.ListComp:
		return s.comp(x.Generators, x.Elt)
	case *python.SetComp:
		return s.comp(x.Generators, x.Elt)
	case *python.GeneratorExp:
		return s.comp(x.Generators, x.Elt)
	case *python.DictComp:
		// as a display: the keys choose the fields, the values do not
		// ({k: row[k] for k in ("start", "end")})
		keys := s.comp(x.Generators, x.Key)
		return union(keys, s.comp(x.Generators, x.Value).clean(MassAssign|Lookup))
	case *python.Starred:
		return s.eval(x.Value)
	case *python.Await:
		return s.eval(x.Value)
	case *python.NamedExpr:
		v := s.eval(x.Value)
		s.assign(x.Target, v, x.Value)
		return v
	case *python.Yield:
		return s.eval(x.Value)
	case *python.YieldFrom:
		return s.eval(x.Value)
	}
	return nil
}

func (s *fnState) comp(gens []*python.Comprehension, elt python.Expr) Value {
	if s.env.len() > bigEnv {
		for _, g := range gens {
			s.assign(g.Target, s.eval(g.Iter), g.Iter)
		}
		return s.eval(elt)
	}
	saved := s.env
	s.env = s.copyEnv(saved)
	for _, g := range gens {
		s.assign(g.Target, s.eval(g.Iter), g.Iter)
		for _, c := range g.Ifs {
			s.eval(c)
			t, _ := s.facts(c)
			s.apply(t)
		}
	}
	v := s.eval(elt)
	s.env = saved
	return v
}

var fixedURLRE = regexp.MustCompile(`^(?:https?://[^/?#]+[/?#]|/[^/\\]|[?#]|[A-Za-z0-9_.~-]+/)`)

// fixedPrefix reports whether e is a string constant that pins the host of
// any URL it starts ("/orders/", "https://api.example.com/"), or makes it
// a query or fragment of the current page ("?next=", "#step-"), or a path
// relative to a base the code chose ("events/", joined by urljoin(base,
// ...) or appended to it): with no scheme before its first slash, what
// follows cannot name another host.
func (s *fnState) fixedPrefix(e python.Expr) bool {
	switch x := e.(type) {
	case *python.BinOp:
		return s.fixedPrefix(x.Left)
	case *python.JoinedStr:
		return len(x.Values) > 0 && s.fixedPrefix(x.Values[0])
	case *python.FormattedValue:
		return s.fixedPrefix(x.Value)
	case *python.Name:
		if !s.env.has(x.ID) {
			c, ok := s.e.prog.ModuleConst(s.m, x.ID)
			return ok && fixedURLRE.MatchString(c)
		}
		return false
	}
	c, ok := constString(e)
	return ok && fixedURLRE.MatchString(c)
}

// opaqueFirst reports an f-string that starts with a value the code
// computed (opaquePrefix), whatever data it carries.
func (s *fnState) opaqueFirst(x *python.JoinedStr) bool {
	f, ok := x.Values[0].(*python.FormattedValue)
	return ok && s.opaquePrefix(f.Value)
}

// opaquePrefix reports whether e, known to be clean, is a value the code
// computed (a variable, attribute or call) rather than a literal: the start
// of a URL taken from configuration pins its host, so request data appended
// after it cannot redirect elsewhere. Literals are judged by fixedPrefix.
func (s *fnState) opaquePrefix(e python.Expr) bool {
	switch x := e.(type) {
	case *python.Name, *python.Attribute, *python.Call, *python.Subscript:
		return true
	case *python.BinOp:
		return x.Op == python.Add && s.opaquePrefix(x.Left)
	}
	return false
}

// prefixWidened reports x.replace(p, new, 1) whose new value is the name p
// followed by a segment and a slash: "%s%s/" % (p, seg), f"{p}{seg}/" or
// p + seg + "/".
func prefixWidened(c *python.Call) bool {
	old, isName := c.Args[0].(*python.Name)
	count, isConst := c.Args[2].(*python.Constant)
	if !isName || !isConst || count.Value != int64(1) {
		return false
	}
	isOld := func(e python.Expr) bool {
		if f, ok := e.(*python.FormattedValue); ok {
			e = f.Value
		}
		n, ok := e.(*python.Name)
		return ok && n.ID == old.ID
	}
	switch x := c.Args[1].(type) {
	case *python.BinOp:
		if f, ok := constString(x.Left); ok && x.Op == python.Mod && f == "%s%s/" {
			t, ok := x.Right.(*python.Tuple)
			return ok && len(t.Elts) == 2 && isOld(t.Elts[0])
		}
		if end, ok := constString(x.Right); ok && x.Op == python.Add && end == "/" {
			seg, ok := x.Left.(*python.BinOp)
			return ok && seg.Op == python.Add && isOld(seg.Left)
		}
	case *python.JoinedStr:
		if len(x.Values) == 3 && isOld(x.Values[0]) {
			_, seg := x.Values[1].(*python.FormattedValue)
			end, ok := constString(x.Values[2])
			return seg && ok && end == "/"
		}
	}
	return false
}

// cleanFirstPlaceholder reports whether a "%s..." % (a, b) format starts
// with a computed value that request data cannot point elsewhere (it may
// carry other taint, as a URL built from a parameter after a fixed path
// does).
func (s *fnState) cleanFirstPlaceholder(x *python.BinOp) bool {
	f, ok := constString(x.Left)
	if !ok || !strings.HasPrefix(f, "%s") {
		return false
	}
	t, ok := x.Right.(*python.Tuple)
	if !ok || len(t.Elts) == 0 {
		return false
	}
	first := s.eval(t.Elts[0])
	return !first.live(Redirect) && !first.live(SSRF) && s.opaquePrefix(t.Elts[0])
}

// ---- calls ----

var (
	// methods whose result does not carry the receiver's text; pathlib's
	// read_bytes and read_text return the content of the file a path
	// names, not the path (choosing the file is a path rule's concern,
	// and an upload's content is read with read())
	opaqueMethods = map[string]bool{"read_bytes": true, "read_text": true, "startswith": true, "endswith": true, "count": true, "find": true, "index": true,
		"isdigit": true, "isalnum": true, "isalpha": true, "isnumeric": true, "isdecimal": true, "exists": true,
		"is_valid": true, "save": true, "delete": true, "filter": true, "exclude": true, "all": true, "first": true,
		"get_or_create": true, "update_or_create": true, "create": true, "order_by": true, "annotate": true, "aggregate": true,
		"values_list": true, "only": true, "defer": true, "select_related": true, "prefetch_related": true, "using": true,
		"__len__": true, "hexdigest": true, "get_absolute_url": true, "get_redirect_url": true, "get_success_url": true, "digest": true, "size": true, "has_key": true, "is_authenticated": true}
	// methods whose result carries their arguments' text
	argMethods = map[string]bool{"sub": true, "subn": true, "format": true, "join": true, "format_map": true, "replace": true, "get": true,
		"setdefault": true, "append": true, "extend": true, "update": true, "insert": true, "add": true, "encode": true}
)

// callQName returns the canonical qualified name of a call's function.
// It depends on the call alone, and an assignment asks again for the call
// it just evaluated (x = f(...)), so the last answer is kept.
func (s *fnState) callQName(c *python.Call) string {
	if c == s.lastCall {
		return s.lastQName
	}
	q := s.callQNameOf(c)
	s.lastCall, s.lastQName = c, q
	return q
}

func (s *fnState) callQNameOf(c *python.Call) string {
	if n, ok := c.Func.(*python.Name); ok && s.m.Defs[n.ID] {
		if _, imp := s.m.Imports.Lookup(n.ID); !imp {
			if s.m.Name == "" {
				return n.ID
			}
			return s.m.Name + "." + n.ID
		}
	}
	q := s.m.QualName(c.Func)
	if q == "" {
		return ""
	}
	return s.e.prog.canonical(q)
}

func (s *fnState) call(c *python.Call) Value {
	mark := len(s.argStack)
	v := s.callAt(c)
	s.argStack = s.argStack[:mark] // the arguments evalArgs pushed
	return v
}

func (s *fnState) callAt(c *python.Call) Value {
	// sources read through methods: request.GET.get("q")
	var method string
	var recv python.Expr
	if a, ok := c.Func.(*python.Attribute); ok {
		method, recv = a.Attr, a.Value
		if s.isSource(recv) && sourceMethods[method] {
			s.evalArgs(c)
			var clean Kind
			if method == "urlencode" && len(c.Args) == 0 && len(c.Keywords) == 0 {
				// request.GET.urlencode(): every key and value
				// percent-encoded, no <, > or quote left (a safe= set
				// of characters would keep its own)
				clean = XSS
			}
			return Value{s.source(c, s.m.Text(c), clean)}
		}
		if (method == "get_full_path" || method == "get_full_path_info") && s.beforeRouting() && s.isRequest(recv) {
			return Value{s.pathSource(c)}
		}
		if s.isKwargs(recv) && method == "get" && len(c.Args) > 0 {
			return s.kwargsSource(c, c.Args[0])
		}
		if (method == "get" || method == "getlist") && len(c.Args) > 0 {
			if ra, ok := recv.(*python.Attribute); ok && (ra.Attr == "cleaned_data" || ra.Attr == "validated_data") {
				s.evalArgs(c)
				return Value{s.source(c, s.m.Text(c), validated|s.fieldClean(ra.Attr, c.Args[0]))}
			}
		}
	}
	args, kws := s.evalArgs(c)
	q := s.callQName(c)
	if s.tries > 0 {
		s.noteEcho(c, q, args)
	}

	for _, u := range s.sinksOf(c, q, method) {
		var v Value
		for _, e := range u.exprs {
			v = union(v, s.valueOf(c, e, args, kws))
		}
		if v != nil {
			s.sink(c, u.entry.kind, s.label(u.entry, c, q, method), v)
		}
	}

	if len(c.Args) > 1 && (len(s.e.cfg.relays[q]) > 0 || method != "" && len(s.e.cfg.relaysM[method]) > 0) {
		s.relay(c, q, method)
	}

	// project functions
	if f := s.resolve(c, q); f != nil {
		return s.applySummary(c, f, args, kws)
	}
	if q != "" {
		if san, ok := s.e.cfg.sanitizers[q]; ok {
			if kind := san.kindAt(c); kind != 0 {
				if kind == All || len(args) < san.skip {
					return nil
				}
				return union(union(args[san.skip:]...), union(kws...)).clean(kind)
			}
		}
		if s.e.cfg.propagate[q] {
			return union(union(args...), union(kws...))
		}
		if as, ok := s.e.cfg.passes[q]; ok {
			var v Value
			for _, a := range as {
				if e := arg(c, a.Pos, a.Kw...); e != nil {
					v = union(v, s.valueOf(c, e, args, kws))
				}
			}
			return v
		}
	}
	if method != "" {
		if n, ok := recv.(*python.Name); ok {
			if _, mod := s.m.Imports.Lookup(n.ID); mod {
				return nil // a library function: its result is not the caller's data
			}
		}
		rv := s.eval(recv)
		if opaqueMethods[method] {
			return nil
		}
		if method == "temporary_file_path" && len(c.Args)+len(c.Keywords) == 0 {
			// upload.temporary_file_path(): the server's temporary file
			// for an upload, named by tempfile in FILE_UPLOAD_TEMP_DIR; the
			// client chooses only its extension (which may still hold
			// what a shell reads)
			return rv.clean(Path)
		}
		if method == "get" && len(c.Args) == 0 && len(c.Keywords) > 0 && c.Keywords[0].Arg != "" {
			// tickets.get(id=pk): a QuerySet lookup, whose result is a
			// row of the database, not the request's text (a mapping's
			// get takes its key by position)
			return nil
		}
		v := rv
		if method == "replace" && len(args) >= 2 {
			v = union(rv, args[1])
		} else if (method == "get" || method == "pop") && len(args) >= 1 {
			// MAP.get(key, default): a value of the mapping, or the
			// default; the key only chooses which
			v = union(rv, union(args[1:]...), union(kws...))
		} else if argMethods[method] {
			v = union(v, union(args...))
			if method == "append" || method == "extend" || method == "update" || method == "insert" || method == "add" {
				if k := s.key(recv); k != "" && union(args...) != nil {
					s.env.set(k, union(s.env.get(k), union(args...).step(s.stepAt(c, "added to %s", k))))
				}
			}
		}
		if method == "replace" && len(c.Args) > 0 {
			if old, ok := constString(c.Args[0]); ok && strings.ContainsAny(old, "\r\n") {
				v = v.clean(Log)
			}
		}
		if method == "replace" && len(args) == 3 && args[1] == nil && prefixWidened(c) {
			// path.replace(prefix, "%s%s/" % (prefix, language), 1), as
			// Django's LocaleMiddleware writes it: a request's path starts
			// with the script prefix, which now goes on with a segment the
			// code chose, so "//evil.example/" becomes "/en//evil.example/"
			v = v.clean(Redirect)
		}
		if method == "join" || method == "format" {
			if s.fixedPrefix(recv) {
				v = v.clean(Redirect | SSRF)
			}
		}
		if method == "join" && len(c.Args) == 1 {
			// "?".join([url, query]): what follows the first part is a
			// query string or fragment, which cannot move the host
			if sep, ok := constString(recv); ok && sep != "" && strings.ContainsRune("?&#", rune(sep[0])) {
				var first Value
				switch l := c.Args[0].(type) {
				case *python.List:
					if len(l.Elts) > 0 {
						first = s.eval(l.Elts[0])
					}
				case *python.Tuple:
					if len(l.Elts) > 0 {
						first = s.eval(l.Elts[0])
					}
				}
				v = union(first, v.clean(Redirect|SSRF))
			}
		}
		if f, ok := constString(recv); ok && method == "format" && f != "" {
			// "https://{0}{1}".format(request.get_host(), request.path):
			// what follows the start is a path of the same host
			switch {
			case !startsWithFirstArg(f):
				v = v.afterStart()
			case len(args) > 1 && !args[0].live(Redirect) && s.opaquePrefix(c.Args[0]):
				v = union(args[0], union(union(args[1:]...), union(kws...)).afterStart())
			}
		}
		if method == "format" && len(c.Args) > 0 && s.opaquePrefix(c.Args[0]) {
			// "{}?{}".format(reverse("search"), query): what follows a
			// computed start cannot choose the host; the start itself can
			if f, ok := constString(recv); ok && startsWithFirstArg(f) {
				v = union(args[0], union(union(args[1:]...), union(kws...)).clean(Redirect|SSRF))
			}
		}
		return v
	}
	return nil
}

// afterFormatStart is r, the values of a "..." % (...) format, with what
// follows a start the code chose placed after it (Value.afterStart): all
// of them when the format starts with literal text ("https://%s%s"), the
// ones after the first when it starts with a clean computed value
// ("%s%s" % (request.get_host(), request.path)), the ones after the
// second when it starts with a scheme and a host that hold no request
// data ("%s://%s%s" % (scheme, settings.HOST, request.path)).
func (s *fnState) afterFormatStart(x *python.BinOp, r Value) Value {
	f, ok := constString(x.Left)
	switch {
	case !ok || f == "":
		return r
	case !strings.HasPrefix(f, "%"):
		return r.afterStart()
	}
	t, ok := x.Right.(*python.Tuple)
	if !ok || len(t.Elts) < 2 || !strings.HasPrefix(f, "%s") {
		return r
	}
	if strings.HasPrefix(f, "%s://%s") && len(t.Elts) >= 3 {
		// "%s://%s%s" % (scheme, settings.HOST, request.get_full_path()):
		// a scheme and a host the code chose make the start
		scheme, host := s.eval(t.Elts[0]), s.eval(t.Elts[1])
		if !scheme.live(Redirect) && !host.live(Redirect) {
			var rest Value
			for _, e := range t.Elts[2:] {
				rest = union(rest, s.eval(e))
			}
			return union(union(scheme, host), rest.afterStart())
		}
	}
	first := s.eval(t.Elts[0])
	if first.live(Redirect) || !s.opaquePrefix(t.Elts[0]) {
		return r
	}
	var rest Value
	for _, e := range t.Elts[1:] {
		rest = union(rest, s.eval(e))
	}
	return union(first, rest.afterStart())
}

// endsInQuery reports a sum whose last part is a literal that holds a
// query's or fragment's start (url + "?", base + "?next="): what is added
// after it is in the query.
func endsInQuery(e python.Expr) bool {
	for {
		b, ok := e.(*python.BinOp)
		if !ok || b.Op != python.Add {
			break
		}
		e = b.Right
	}
	c, ok := constString(e)
	return ok && strings.ContainsAny(c, "?#")
}

// startsQuery reports a value that begins with a literal starting a
// query, a parameter or a fragment ("?" + message, "&page=" + n), or a
// choice between such values.
func startsQuery(e python.Expr) bool {
	switch x := e.(type) {
	case *python.BinOp:
		return x.Op == python.Add && startsQuery(x.Left)
	case *python.IfExp:
		return startsQuery(x.Body) && startsQuery(x.Orelse)
	case *python.JoinedStr:
		return len(x.Values) > 0 && startsQuery(x.Values[0])
	}
	c, ok := constString(e)
	return ok && c != "" && strings.ContainsRune("?&#", rune(c[0]))
}

// startsURL reports an expression that is a start the code chose for a
// URL: a non-empty literal, or a value it computed (a name, attribute or
// call), possibly added to others.
func (s *fnState) startsURL(e python.Expr) bool {
	if c, ok := constString(e); ok {
		return c != ""
	}
	if b, ok := e.(*python.BinOp); ok && b.Op == python.Add {
		return s.startsURL(b.Left)
	}
	return s.opaquePrefix(e)
}

// startsWithFirstArg reports a format string whose text starts with its
// first positional argument: "{}?{}", "{0}?{1}", "{:s}?{:s}", "{!s}...".
func startsWithFirstArg(f string) bool {
	if !strings.HasPrefix(f, "{") || strings.HasPrefix(f, "{{") {
		return false
	}
	end := strings.IndexAny(f, ":!}")
	return end > 0 && (f[1:end] == "" || f[1:end] == "0")
}

// evalArgs returns the taint of a call's positional and keyword
// arguments. They are pushed on argStack, which call pops when the call is
// done, rather than held in two new slices per call: the calls in the
// arguments push and pop their own above them.
func (s *fnState) evalArgs(c *python.Call) ([]Value, []Value) {
	mark := len(s.argStack)
	for _, a := range c.Args {
		v := s.eval(a)
		s.argStack = append(s.argStack, v)
	}
	for _, k := range c.Keywords {
		v := s.eval(k.Value)
		s.argStack = append(s.argStack, v)
	}
	all := s.argStack[mark:len(s.argStack):len(s.argStack)]
	n := len(c.Args)
	return all[:n:n], all[n:]
}

// valueOf returns the taint of e, a call argument or a part of one.
func (s *fnState) valueOf(c *python.Call, e python.Expr, args, kws []Value) Value {
	for i, a := range c.Args {
		if a == e {
			return args[i]
		}
	}
	for i, k := range c.Keywords {
		if k.Value == e {
			return kws[i]
		}
	}
	return s.eval(e)
}

func (s *fnState) sink(c *python.Call, kind Kind, name string, v Value) {
	loc := s.m.Location(c)
	for _, o := range v {
		if o.Clean&kind != 0 {
			continue
		}
		path := o.path.push(newStep(s.m, c, "reaches %s", name))
		if o.Param < 0 {
			s.findings = append(s.findings, Finding{Kind: kind, Sink: name, Source: o.Source, Location: loc, Flow: path.steps(), BaseName: baseName(o.Source, o.Clean)})
			continue
		}
		s.addSink(sinkFlow{param: o.Param, kind: kind, clean: o.Clean, path: path, loc: loc, sink: name})
	}
}

func (s *fnState) addSink(sf sinkFlow) {
	for _, e := range s.sum.Sinks {
		if e.param == sf.param && e.kind == sf.kind && e.loc == sf.loc {
			return
		}
	}
	if len(s.sum.Sinks) < 32 {
		s.sum.Sinks = append(s.sum.Sinks, sf)
	}
}

// resolve finds the project function a call invokes.
func (s *fnState) resolve(c *python.Call, q string) *Func {
	p := s.e.prog
	if a, ok := c.Func.(*python.Attribute); ok {
		if n, ok := a.Value.(*python.Name); ok {
			if (n.ID == "self" || n.ID == "cls") && s.f.Class != nil {
				return p.method(s.f.Class, a.Attr)
			}
			if cls := s.types.get(n.ID); cls != nil {
				return p.method(cls, a.Attr)
			}
		}
		if mgr, ok := a.Value.(*python.Attribute); ok {
			// Image.objects.create_for_url(url): a method of the
			// project's manager class the model sets as objects
			if model := p.LookupClass(p.Canonical(s.m.QualName(mgr.Value))); model != nil {
				if mc := p.managerClass(model, mgr.Attr); mc != nil {
					return p.method(mc, a.Attr)
				}
			}
		}
	}
	if q == "" {
		return nil
	}
	// Celery: task.delay(args) runs task(args) elsewhere, with the same data.
	if a, ok := c.Func.(*python.Attribute); ok && a.Attr == "delay" {
		if f := p.fn(strings.TrimSuffix(q, ".delay")); f != nil && f.Class == nil {
			return f
		}
	}
	if f := p.fn(q); f != nil {
		if f.bound {
			return nil // unbound method call: arguments shift, not worth it
		}
		return f
	}
	return nil
}

func (s *fnState) applySummary(c *python.Call, f *Func, args, kws []Value) Value {
	s.callees = append(s.callees, f)
	sum := s.e.summary(f)
	if sum == nil {
		return nil
	}
	names := f.params
	argOf := func(i int) Value {
		if i < len(args) {
			if _, star := c.Args[i].(*python.Starred); !star {
				return args[i]
			}
		}
		if i < len(names) {
			for j, k := range c.Keywords {
				if k.Arg == names[i] {
					return kws[j]
				}
			}
		}
		return nil
	}
	name := f.Name
	pass := func(i int) step {
		pn := "?"
		if i < len(names) {
			pn = names[i]
		}
		return s.stepAt(c, "passed to %s() as %s", name, pn)
	}
	for _, sf := range sum.Sinks {
		if sf.kind == 0 {
			continue // retracted
		}
		for _, o := range argOf(sf.param) {
			clean := o.Clean | sf.clean
			if clean&sf.kind != 0 {
				continue
			}
			path := appendChain(o.path.push(pass(sf.param)), sf.path)
			if o.Param < 0 {
				s.findings = append(s.findings, Finding{Kind: sf.kind, Sink: sf.sink, Source: o.Source, Location: sf.loc, Flow: path.steps(), BaseName: baseName(o.Source, clean)})
			} else {
				s.addSink(sinkFlow{param: o.Param, kind: sf.kind, clean: clean, path: path, loc: sf.loc, sink: sf.sink})
			}
		}
	}
	subst := func(ret Value) Value {
		var out Value
		for _, r := range ret {
			if r.Param < 0 {
				s.sourced = true
				out = out.add(r)
				continue
			}
			for _, o := range argOf(r.Param) {
				c := *o
				c.Clean |= r.Clean
				if o.rawPath {
					// a project function that rewrites the path (normalises
					// it, adds a language prefix) is trusted to keep it local
					c.Clean |= Redirect
				}
				c.path = appendChain(o.path.push(pass(r.Param)), r.path)
				out = out.add(&c)
			}
		}
		return out
	}
	if sum.Elems != nil {
		if prev, seen := s.callElems[c]; seen && prev.f != f {
			s.callElems[c] = callElems{} // more than one function: elements not known
		} else {
			elems := make([]Value, len(sum.Elems))
			for i, r := range sum.Elems {
				elems[i] = subst(r)
			}
			if s.callElems == nil {
				s.callElems = map[*python.Call]callElems{}
			}
			s.callElems[c] = callElems{f: f, elems: elems}
		}
	}
	return subst(sum.Ret)
}

// params is the parameters of a function as its summary numbers them:
// self or cls left out. It reads the definition in place: applySummary
// asks for a name or two per call, and a slice of them per call was one
// allocation in twenty of the engine's.
type params struct {
	pos, kwonly []*python.Arg // pos: the positional ones, self or cls included
	skip        int           // 1 when the first positional one is self or cls
}

func paramsOf(f *Func) params {
	a := f.Def().Args
	p := params{pos: a.Args, kwonly: a.Kwonlyargs}
	if len(a.Posonlyargs) > 0 {
		p.pos = append(a.Posonlyargs[:len(a.Posonlyargs):len(a.Posonlyargs)], a.Args...)
	}
	if f.Class != nil && !f.static && len(p.pos) > 0 {
		p.skip = 1
	}
	return p
}

func (p params) len() int { return len(p.pos) - p.skip + len(p.kwonly) }

// arg returns parameter i < p.len().
func (p params) arg(i int) *python.Arg {
	if i < len(p.pos)-p.skip {
		return p.pos[i+p.skip]
	}
	return p.kwonly[i-(len(p.pos)-p.skip)]
}

// name returns the name of parameter i < p.len().
func (p params) name(i int) string { return p.arg(i).Arg }
