package taint

import (
	"strings"
	"sync"

	"github.com/djsec/djsec/internal/python"
)

// Site is one call of a module with its surroundings.
type Site struct {
	Call *python.Call
	Q    string // qualified name of the callee; "" for computed callees
	// Stmt is the nearest enclosing assignment or return whose value holds
	// the call (*python.Assign, *python.AugAssign, *python.AnnAssign or
	// *python.Return), Kw the nearest enclosing keyword argument; nil when
	// there is none.
	Stmt python.Stmt
	Kw   *python.Keyword
	Func *python.FunctionDef // enclosing function; nil at module level
}

// Index lists the nodes of a module that pattern rules look at, collected
// in one walk so that a dozen rules do not walk every tree a dozen times.
type Index struct {
	// Calls are the calls whose callee IndexCallsIn or IndexCallsNamed
	// asked for, in source order.
	Calls    []Site
	Assigns  []*python.Assign
	Keywords []*python.Keyword
	Dicts    []*python.Dict
	Asserts  []*python.Assert
	Funcs    []*python.FunctionDef // every def, nested ones included
	Classes  []*python.ClassDef
}

// The calls an index keeps: those whose callee's qualified name starts
// with a root (random keeps random.choice) or ends in a name (set_cookie
// keeps response.set_cookie), or whose callee is an attribute of that
// name. Nearly every call of a module matters to no rule, and a site for
// each, kept as long as the trees, was a twentieth of a scan's memory.
var (
	callRoots = map[string]bool{}
	callNames = map[string]bool{}
)

// IndexCallsIn asks module indexes to keep the calls of the given
// modules or objects: a qualified name whose first part is one of roots.
// Call it from an init function, before any index is built.
func IndexCallsIn(roots ...string) {
	for _, r := range roots {
		callRoots[r] = true
	}
}

// IndexCallsNamed asks module indexes to keep the calls of functions or
// methods of the given names: a qualified name whose last part is one of
// names, or an attribute of that name (obj.save, f().save). Call it from
// an init function, before any index is built.
func IndexCallsNamed(names ...string) {
	for _, n := range names {
		callNames[n] = true
	}
}

// wanted reports whether the index keeps call c, and then returns the
// qualified name of its callee. It reads the callee's first and last
// names off the tree, so that the name of a call left out, which
// QualName would write into a new string for a method call, is never
// made.
func (m *Module) wanted(c *python.Call) (string, bool) {
	last := ""
	for e := c.Func; ; {
		switch x := e.(type) {
		case *python.Attribute:
			if last == "" {
				last = x.Attr
			}
			e = x.Value
			continue
		case *python.Name:
			root := x.ID
			if imp, ok := m.Imports.Lookup(x.ID); ok {
				root = imp
			}
			first := root
			if i := strings.IndexByte(root, '.'); i >= 0 {
				first = root[:i]
			}
			if last == "" {
				last = root[strings.LastIndexByte(root, '.')+1:]
			}
			if callRoots[first] || callNames[last] {
				return m.QualName(c.Func), true
			}
			return "", false
		}
		// A computed callee (f().save) has no qualified name.
		if callNames[last] {
			return m.QualName(c.Func), true
		}
		return "", false
	}
}

// Index returns the module's index, built on first use.
func (m *Module) Index() *Index {
	m.indexOnce.Do(func() { m.index = buildIndex(m) })
	return m.index
}

// indexScratch holds the lists an index is collected in before they are
// copied out at their exact lengths. Modules are indexed one after another
// by each rule's workers, so the scratch is pooled: lists grown by append
// for every module were a quarter of what a scan allocated after its trees
// were built, all of it garbage.
type indexScratch struct {
	calls    []Site
	assigns  []*python.Assign
	keywords []*python.Keyword
	dicts    []*python.Dict
	asserts  []*python.Assert
	funcs    []*python.FunctionDef
	classes  []*python.ClassDef
	stack    []indexFrame
}

// indexFrame is the surroundings of the nodes below a statement or keyword.
type indexFrame struct {
	stmt python.Stmt
	kw   *python.Keyword
	fn   *python.FunctionDef
}

var indexScratches = sync.Pool{New: func() any { return new(indexScratch) }}

// exactly returns a copy of xs of exactly its length, nil when empty, and
// empties xs for the next module, dropping its pointers into this one's tree.
func exactly[T any](xs *[]T) []T {
	var out []T
	if len(*xs) > 0 {
		out = make([]T, len(*xs))
		copy(out, *xs)
	}
	clear(*xs)
	*xs = (*xs)[:0]
	return out
}

func buildIndex(m *Module) *Index {
	sc := indexScratches.Get().(*indexScratch)
	defer indexScratches.Put(sc)
	// The surroundings of a node (enclosing statement, keyword, function)
	// change only at statements and keywords: a frame is pushed for those
	// alone. A frame per node made the walk write four pointers per node,
	// each behind a write barrier while the collector marks. The walk is
	// its own rather than python.Inspect's, which calls back once more per
	// node to close it, and the index is built for every module a scan
	// reads.
	stack := append(sc.stack[:0], indexFrame{})
	var visit func(n python.Node)
	visit = func(n python.Node) {
		top := stack[len(stack)-1]
		f, changed := top, true
		switch x := n.(type) {
		case *python.Name, *python.Constant:
			// Leaves, half the nodes of a tree: nothing to index.
			return
		case *python.Call:
			if q, ok := m.wanted(x); ok {
				sc.calls = append(sc.calls, Site{Call: x, Q: q, Stmt: top.stmt, Kw: top.kw, Func: top.fn})
			}
			changed = false
		case *python.Assign:
			sc.assigns = append(sc.assigns, x)
			f.stmt, f.kw = x, nil
		case *python.AugAssign, *python.AnnAssign, *python.Return:
			f.stmt, f.kw = x.(python.Stmt), nil
		case *python.Keyword:
			sc.keywords = append(sc.keywords, x)
			f.kw = x
		case *python.Dict:
			sc.dicts = append(sc.dicts, x)
			changed = false
		case *python.Assert:
			sc.asserts = append(sc.asserts, x)
			changed = false
		case *python.FunctionDef:
			sc.funcs = append(sc.funcs, x)
			f.fn, f.stmt, f.kw = x, nil, nil
		case *python.ClassDef:
			sc.classes = append(sc.classes, x)
			changed = false
		case python.Stmt:
			f.stmt, f.kw = nil, nil
		default:
			changed = false
		}
		if !changed {
			python.EachChild(n, visit)
			return
		}
		stack = append(stack, f)
		python.EachChild(n, visit)
		stack = stack[:len(stack)-1]
	}
	visit(m.Tree())
	clear(stack[:cap(stack)])
	sc.stack = stack[:0]
	// The index lives as long as the scan's trees, so its lists are
	// exactly as long as they need to be.
	return &Index{
		Calls:    exactly(&sc.calls),
		Assigns:  exactly(&sc.assigns),
		Keywords: exactly(&sc.keywords),
		Dicts:    exactly(&sc.dicts),
		Asserts:  exactly(&sc.asserts),
		Funcs:    exactly(&sc.funcs),
		Classes:  exactly(&sc.classes),
	}
}
