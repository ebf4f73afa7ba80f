package taint

import (
	"slices"

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
	Calls    []Site
	Assigns  []*python.Assign
	Keywords []*python.Keyword
	Dicts    []*python.Dict
	Asserts  []*python.Assert
	Funcs    []*python.FunctionDef // every def, nested ones included
	Classes  []*python.ClassDef
}

// Index returns the module's index, built on first use.
func (m *Module) Index() *Index {
	m.indexOnce.Do(func() { m.index = buildIndex(m) })
	return m.index
}

func buildIndex(m *Module) *Index {
	ix := &Index{}
	// The surroundings of a node (enclosing statement, keyword, function)
	// change only at statements and keywords: a frame is pushed for those
	// alone, and opened records, per node open, whether it pushed one. A
	// frame per node made the walk write four pointers per node, each
	// behind a write barrier while the collector marks.
	type frame struct {
		stmt python.Stmt
		kw   *python.Keyword
		fn   *python.FunctionDef
	}
	stack := []frame{{}}
	var opened []bool
	python.Inspect(m.AST, func(n python.Node) bool {
		switch n.(type) {
		case nil:
			if opened[len(opened)-1] {
				stack = stack[:len(stack)-1]
			}
			opened = opened[:len(opened)-1]
			return false
		case *python.Name, *python.Constant:
			// Leaves, half the nodes of a tree: nothing to index, no
			// children, and no f(nil) to close them.
			return false
		}
		top := stack[len(stack)-1]
		f, changed := top, true
		switch x := n.(type) {
		case *python.Call:
			ix.Calls = append(ix.Calls, Site{Call: x, Q: m.QualName(x.Func), Stmt: top.stmt, Kw: top.kw, Func: top.fn})
			changed = false
		case *python.Assign:
			ix.Assigns = append(ix.Assigns, x)
			f.stmt, f.kw = x, nil
		case *python.AugAssign, *python.AnnAssign, *python.Return:
			f.stmt, f.kw = x.(python.Stmt), nil
		case *python.Keyword:
			ix.Keywords = append(ix.Keywords, x)
			f.kw = x
		case *python.Dict:
			ix.Dicts = append(ix.Dicts, x)
			changed = false
		case *python.Assert:
			ix.Asserts = append(ix.Asserts, x)
			changed = false
		case *python.FunctionDef:
			ix.Funcs = append(ix.Funcs, x)
			f.fn, f.stmt, f.kw = x, nil, nil
		case *python.ClassDef:
			ix.Classes = append(ix.Classes, x)
			changed = false
		case python.Stmt:
			f.stmt, f.kw = nil, nil
		default:
			changed = false
		}
		opened = append(opened, changed)
		if !changed {
			return true
		}
		stack = append(stack, f)
		return true
	})
	// The index lives as long as the scan's trees; lists grown by append
	// keep up to twice the room they need.
	ix.Calls = slices.Clone(ix.Calls)
	ix.Assigns = slices.Clone(ix.Assigns)
	ix.Keywords = slices.Clone(ix.Keywords)
	ix.Dicts = slices.Clone(ix.Dicts)
	ix.Asserts = slices.Clone(ix.Asserts)
	ix.Funcs = slices.Clone(ix.Funcs)
	ix.Classes = slices.Clone(ix.Classes)
	return ix
}
