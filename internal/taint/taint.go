package taint

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/djsec/djsec/internal/project"
)

// Result is the outcome of the analysis of one project.
type Result struct {
	Program  *Program
	Views    map[string]*View
	Findings []Finding
}

// Of returns the findings of the given kinds.
func (r *Result) Of(k Kind) []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Kind&k != 0 {
			out = append(out, f)
		}
	}
	return out
}

// Analyze runs the analysis over a project once per scan, with the sinks,
// sanitizers, guards and propagators of cfg. Every rule of a scan must pass
// the same configuration: the first call computes the result the others
// share.
func Analyze(p *project.Project, cfg *Config) *Result {
	return p.Memo("taint.result", func() any { return analyze(Load(p), cfg) }).(*Result)
}

type engine struct {
	cfg   *Config
	prog  *Program
	views map[string]*View
	// prev holds each function's summary as of the last round, by its
	// index in index (the order of Program.sortedFuncs); next is where a
	// round writes the summaries it makes, in parallel, and becomes prev
	// when the round ends.
	prev, next []*Summary
	index      map[*Func]int
	// attrs holds, per class, the request data its methods store in self
	// attributes (self.query = request.GET["q"]), as of the last round, so
	// that the other methods reading self.query see it. It is made from
	// fnAttrs, what each method stored the last time it ran: a method
	// that stores a value its first run saw unchecked (the checking
	// helper's summary was not made yet) stores it checked when it runs
	// again, and only that run counts.
	attrs   map[*Class]map[string]Value
	fnAttrs map[int]map[string]Value
	// checkers counts, by name, the functions whose summary checks a
	// parameter, as of the last round: a cheap filter before resolving a
	// call. It is kept up to date from the functions each round ran, not
	// made again from every summary.
	checkers map[string]int
	// echoes holds, per function, the parameters it hands to a parser
	// that quotes them in its error (echoParams); rounds run functions in
	// parallel, hence the lock.
	echoMu sync.Mutex
	echoes map[*Func][]int
}

// attr returns the request data stored in self.name by the methods of c
// or of its project bases.
func (e *engine) attr(c *Class, name string) Value {
	for depth := 0; c != nil && depth < 8; depth++ {
		if v := e.attrs[c][name]; v != nil {
			return v
		}
		if len(c.Bases) == 0 {
			return nil
		}
		c = e.prog.class(c.Bases[0])
	}
	return nil
}

// hasAttrs reports whether the methods of c or of its project bases store
// request data in self attributes, as attr reads them.
func (e *engine) hasAttrs(c *Class) bool {
	for depth := 0; c != nil && depth < 8; depth++ {
		if len(e.attrs[c]) > 0 {
			return true
		}
		if len(c.Bases) == 0 {
			return false
		}
		c = e.prog.class(c.Bases[0])
	}
	return false
}

func (e *engine) summary(f *Func) *Summary {
	if i, ok := e.index[f]; ok {
		return e.prev[i]
	}
	return nil
}

// maxRounds bounds the fixpoint: each round lets taint cross one more level
// of calls, and real projects rarely nest helpers deeper.
const maxRounds = 6

func analyze(prog *Program, cfg *Config) *Result {
	// Finding the views ends in following routes one module at a time,
	// and the other rules are mostly done by then: the tables of the
	// rounds are made beside it rather than after, on the other CPU.
	views := startViews(prog)
	funcs := prog.sortedFuncs()
	e := &engine{cfg: cfg, prog: prog, attrs: map[*Class]map[string]Value{}, fnAttrs: map[int]map[string]Value{}, checkers: map[string]int{}}
	e.prev, e.next = make([]*Summary, len(funcs)), make([]*Summary, len(funcs))
	findings := make([][]Finding, len(funcs))
	sigs := make([]string, len(funcs))
	// callers[i] lists the functions seen calling funcs[i], possibly more
	// than once (a caller is added again in each round it is run).
	callers := make([][]int32, len(funcs))
	// next marks the functions the next round runs.
	next := make([]bool, len(funcs))
	var nextList []int
	// inert[i] says that funcs[i] met no request data the last time it
	// was interpreted and is no view and has no request parameter (see
	// outcome.inert); stale[i] that it was not interpreted again after a
	// change it could not tell.
	inert := make([]bool, len(funcs))
	stale := make([]bool, len(funcs))
	mark := func(i int) {
		if !next[i] {
			next[i] = true
			nextList = append(nextList, i)
		}
	}
	index := make(map[*Func]int, len(funcs))
	for i, f := range funcs {
		index[f] = i
	}
	e.index = index
	// Round one interprets every function; later rounds only the callers
	// of functions whose summary changed, until nothing changes.
	dirty := make([]int, len(funcs))
	for i := range funcs {
		dirty[i] = i
	}
	order := largestAhead(len(dirty), func(j int) int { return defSize(funcs[dirty[j]]) })
	e.views = views()
	for round := 0; round < maxRounds && len(dirty) > 0; round++ {
		// Keep only what the round needs of each function's state: the
		// whole state (environments, guards, types) of every function of
		// the project would otherwise stay reachable until the round ends,
		// and through e.prev until the analysis ends.
		states := make([]outcome, len(dirty))
		if round > 0 {
			order = largestAhead(len(dirty), func(j int) int { return defSize(funcs[dirty[j]]) })
		}
		// What concerns one function alone (its findings, summary and
		// signature) is stored by the worker that ran it, in slots of
		// its own; only what links functions is left for after the round.
		copy(e.next, e.prev)
		parallel(len(dirty), func(k int) {
			j := order[k]
			i := dirty[j]
			st := e.run(funcs[i])
			callees := make([]int32, len(st.callees))
			for n, c := range st.callees {
				callees[n] = int32(index[c])
			}
			inert := st.view == nil && !st.sourced && !st.requested
			sum := keep(&st.sum)
			old := e.prev[i]
			changed := false
			if sig := st.sum.signature(); sig != sigs[i] {
				sigs[i], changed = sig, true
			}
			states[j] = outcome{callees, st.selfAttrs, sum, changed, old != nil && len(old.Checks) > 0, inert}
			findings[i], e.next[i] = st.findings, sum
			recycle(st)
		})
		e.prev, e.next = e.next, e.prev
		for j, i := range dirty {
			inert[i], stale[i] = states[j].inert, false
			for _, ci := range states[j].callees {
				if cs := callers[ci]; len(cs) == 0 || cs[len(cs)-1] != int32(i) {
					callers[ci] = append(cs, int32(i))
					if stale[ci] {
						// see below: a function called after all must
						// have the summary of the latest callees
						mark(int(ci))
					}
				}
			}
		}
		for _, c := range e.storeAttrs(funcs, dirty, states) {
			for _, f := range c.Methods {
				mark(index[f])
			}
		}
		for j, i := range dirty {
			st := &states[j]
			if st.checked != (len(st.sum.Checks) > 0) {
				e.countChecker(funcs[i].Name, st.checked)
			}
			if st.changed {
				// An inert caller that nothing calls is told only when
				// the function now returns request data: what it does
				// with its parameters or checks can change that caller's
				// own summary alone, which nobody reads. Thousands of
				// test functions that pass fixtures to a helper are
				// such callers.
				sourced := returnsSource(st.sum)
				for _, c := range callers[i] {
					if sourced || !inert[c] || len(callers[c]) > 0 || funcs[c].Class != nil && e.hasAttrs(funcs[c].Class) {
						mark(int(c))
					} else {
						stale[c] = true
					}
				}
			}
		}
		dirty = append(dirty[:0], nextList...)
		sort.Ints(dirty)
		for _, i := range nextList {
			next[i] = false
		}
		nextList = nextList[:0]
	}
	res := &Result{Program: prog, Views: e.views}
	seen := map[string]bool{}
	for _, fs := range findings {
		for _, f := range fs {
			if f.Kind == 0 {
				continue // retracted
			}
			k := fmt.Sprintf("%d|%s|%d|%d", f.Kind, f.Location.Path, f.Location.Line, f.Location.Column)
			if seen[k] {
				continue
			}
			seen[k] = true
			res.Findings = append(res.Findings, f)
		}
	}
	sort.SliceStable(res.Findings, func(i, j int) bool {
		a, b := res.Findings[i].Location, res.Findings[j].Location
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return res
}

// startViews finds the program's views (Program.Views) on a goroutine of
// its own and returns the function that waits for them. A panic there is
// raised again in the caller, where the rule that asked reports it.
func startViews(prog *Program) func() map[string]*View {
	type result struct {
		views map[string]*View
		panic any
	}
	ch := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				ch <- result{panic: r}
			}
		}()
		ch <- result{views: prog.Views()}
	}()
	return func() map[string]*View {
		r := <-ch
		if r.panic != nil {
			panic(r.panic)
		}
		return r.views
	}
}

// storeAttrs records what the functions a round ran (funcs[dirty[j]],
// states[j]) stored in self attributes, makes again the attributes of
// their classes from what each method stored the last time it ran, and
// returns the classes whose attributes changed, in a stable order.
func (e *engine) storeAttrs(funcs []*Func, dirty []int, states []outcome) []*Class {
	var classes []*Class
	seen := map[*Class]bool{}
	for j, i := range dirty {
		c := funcs[i].Class
		if c == nil || len(states[j].selfAttrs) == 0 && e.fnAttrs[i] == nil {
			continue
		}
		if len(states[j].selfAttrs) == 0 {
			delete(e.fnAttrs, i)
		} else {
			e.fnAttrs[i] = states[j].selfAttrs
		}
		if !seen[c] {
			seen[c] = true
			classes = append(classes, c)
		}
	}
	changed := classes[:0]
	for _, c := range classes {
		// the methods in the order of the program's functions, so that
		// the origins of an attribute come in the same order every scan
		var methods []int
		for _, f := range c.Methods {
			if i, ok := e.index[f]; ok && e.fnAttrs[i] != nil {
				methods = append(methods, i)
			}
		}
		sort.Ints(methods)
		m := map[string]Value{}
		for _, i := range methods {
			for k, v := range e.fnAttrs[i] {
				m[k] = union(m[k], v)
			}
		}
		if sameAttrs(e.attrs[c], m) {
			continue
		}
		if len(m) == 0 {
			delete(e.attrs, c)
		} else {
			e.attrs[c] = m
		}
		changed = append(changed, c)
	}
	return changed
}

// sameAttrs reports whether two classes' attributes hold the same origins,
// each as clean as in the other.
func sameAttrs(a, b map[string]Value) bool {
	if len(a) != len(b) {
		return false
	}
	for k, va := range a {
		vb, ok := b[k]
		if !ok || len(va) != len(vb) {
			return false
		}
		for _, o := range va {
			if !slices.ContainsFunc(vb, func(p *Origin) bool { return p.sameSource(o) && p.Clean == o.Clean }) {
				return false
			}
		}
	}
	return true
}

// countChecker counts one function named name fewer among the checkers,
// whose summary checked a parameter and now does not (was), or one more.
func (e *engine) countChecker(name string, was bool) {
	if !was {
		e.checkers[name]++
		return
	}
	if e.checkers[name]--; e.checkers[name] == 0 {
		delete(e.checkers, name)
	}
}

// outcome is what a round keeps of one function's analysis.
type outcome struct {
	callees   []int32 // indices of the functions it calls, made in parallel
	selfAttrs map[string]Value
	sum       *Summary // see keep
	changed   bool     // sum's signature is not the last round's
	checked   bool     // the last round's summary checked a parameter
	// inert says that no request data appeared in the function (no
	// source, no origin from a callee's summary, no name bound to the
	// request) and that it is no view: its findings are none, and what
	// its callees do with their parameters can change only its summary,
	// as long as its class keeps no request data in self attributes
	// (engine.hasAttrs), the one source that needs no syntax of its own.
	inert bool
}

// returnsSource reports whether a summary returns request data whatever
// the arguments (an origin with Param < 0): the one part of it that can
// make request data appear in an inert caller.
func returnsSource(s *Summary) bool {
	for _, o := range s.Ret {
		if o.Param < 0 {
			return true
		}
	}
	return false
}

// noSummary is the summary of every function that returns no request
// data, reaches no sink and checks no parameter: most of them.
var noSummary Summary

// keep returns a summary to keep for the rounds after this one: most are
// empty and share noSummary, so the outcomes of a round, every function
// of the project in the first, hold a pointer rather than the summary.
// A summary kept is never changed.
func keep(s *Summary) *Summary {
	if len(s.Ret) == 0 && len(s.Sinks) == 0 && len(s.Checks) == 0 {
		return &noSummary
	}
	c := *s
	return &c
}

// states holds interpreters done with their function, for the next
// function to reuse their arrays: a round interprets thousands of
// functions, and a new state with its first environment was a tenth of the
// engine's allocations.
var states = sync.Pool{New: func() any {
	e := &env{list: make([]slot[Value], 0, 8)}
	st := &fnState{env: e, base: e}
	e.spare = &st.lists
	return st
}}

// recycle returns st to states. It keeps only the arrays of the function's
// variables and of its argument stack, emptied: what a round keeps of st
// (callees, self attributes, summary, findings) stays with the round.
func recycle(st *fnState) {
	env := st.base
	clear(env.list)
	st.dropEnvs()
	*env = vars[Value]{list: env.list[:0], spare: env.spare}
	clear(st.argStack)
	*st = fnState{
		env:      env,
		base:     env,
		envs:     st.envs,
		spare:    st.spare,
		lists:    st.lists,
		argStack: st.argStack[:0],
		types:    st.types.emptied(),
		bound:    st.bound.emptied(),
		computed: st.computed.emptied(),
		requests: st.requests.emptied(),
		guards:   st.guards.emptied(),
		resolved: st.resolved.emptied(),
	}
	states.Put(st)
}

func (e *engine) run(f *Func) (st *fnState) {
	st = states.Get().(*fnState)
	st.e, st.f, st.m = e, f, f.Module
	if v := e.views[f.QName]; v != nil {
		st.view = v
	} else if f.Class != nil {
		if v := e.views[f.Class.QName]; v != nil {
			st.view = v
		}
	}
	defer func() {
		// A tree the parser could not make sense of must not stop the scan.
		if r := recover(); r != nil {
			st.findings = nil
			st.sum = Summary{}
			st.sourced = true // not inert: where it stopped may vary
		}
	}()
	st.analyze()
	st.sum.Ret = st.ret
	if st.retShape > 0 {
		st.sum.Elems = st.retElems
	}
	return st
}

// handlerMethod reports whether a method of a class-based view receives the
// request and URL parameters.
func handlerMethod(name string) bool {
	switch name {
	case "get", "post", "put", "patch", "delete", "head", "options", "dispatch",
		"list", "create", "retrieve", "update", "partial_update", "destroy":
		return true
	}
	return false
}

func (s *Summary) signature() string {
	var b strings.Builder
	for _, o := range s.Ret {
		fmt.Fprintf(&b, "r%d/%s:%d/%d,", o.Param, o.srcMod.File.Path, o.srcPos, o.Clean)
	}
	for i, e := range s.Elems {
		for _, o := range e {
			fmt.Fprintf(&b, "e%d:%d/%s:%d/%d,", i, o.Param, o.srcMod.File.Path, o.srcPos, o.Clean)
		}
	}
	for _, k := range s.Sinks {
		fmt.Fprintf(&b, "s%d/%d/%d/%v,", k.param, k.kind, k.clean, k.loc)
	}
	for _, c := range s.Checks {
		fmt.Fprintf(&b, "c%d/%d/%v,", c.param, c.kind, c.whenFalse)
	}
	return b.String()
}

// largestFirst returns 0..n-1 ordered by decreasing size (ties in index
// order): handing the largest pieces of work out first keeps one long
// function or file from running alone at the end of a parallel stage.
func largestFirst(n int, size func(i int) int) []int {
	order := make([]int, n)
	sizes := make([]int, n)
	for i := range order {
		order[i], sizes[i] = i, size(i)
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(sizes[b], sizes[a]) })
	return order
}

// largestAhead returns 0..n-1 in index order but for the largest few
// (one in 64), which come first: they would otherwise run alone at the end
// of the stage, while handing everything out by size would give up the
// locality of index order (functions of one module one after the other),
// which is worth a fifth of the engine's time. The few are those
// largestFirst would put first, found without sorting all n: this runs
// before every round, on one CPU.
func largestAhead(n int, size func(i int) int) []int {
	k := n / 64
	sizes := make([]int, n)
	for i := range sizes {
		sizes[i] = size(i)
	}
	out := make([]int, 0, n)
	if k > 0 {
		sorted := slices.Clone(sizes)
		slices.Sort(sorted)
		cut := sorted[n-k] // the k-th largest size
		above := 0
		for _, s := range sizes {
			if s > cut {
				above++
			}
		}
		ties := k - above // sizes equal to cut that make it, first in index order
		for i, s := range sizes {
			if s > cut || s == cut && ties > 0 {
				if s == cut {
					ties--
				}
				out = append(out, i)
			}
		}
		slices.SortStableFunc(out, func(a, b int) int { return cmp.Compare(sizes[b], sizes[a]) })
	}
	big := make([]bool, n)
	for _, i := range out {
		big[i] = true
	}
	for i := range n {
		if !big[i] {
			out = append(out, i)
		}
	}
	return out
}

// defSize is the length of a function's source, a measure of the work of
// interpreting it.
func defSize(f *Func) int { return int(f.size) }

// parallel calls fn(i) for every i below n on as many goroutines as the
// scan may use CPUs (GOMAXPROCS). Workers take the next index from a
// counter, so no goroutine is woken per item; callers write results into
// slots of their own, which keeps the outcome independent of scheduling.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}
