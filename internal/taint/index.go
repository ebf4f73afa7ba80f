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
	type frame struct {
		node python.Node
		stmt python.Stmt
		kw   *python.Keyword
		fn   *python.FunctionDef
	}
	stack := []frame{{}}
	python.Inspect(m.AST, func(n python.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		top := stack[len(stack)-1]
		f := frame{node: n, stmt: top.stmt, kw: top.kw, fn: top.fn}
		switch x := n.(type) {
		case *python.Call:
			ix.Calls = append(ix.Calls, Site{Call: x, Q: m.QualName(x.Func), Stmt: top.stmt, Kw: top.kw, Func: top.fn})
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
		case *python.Assert:
			ix.Asserts = append(ix.Asserts, x)
		case *python.FunctionDef:
			ix.Funcs = append(ix.Funcs, x)
			f.fn, f.stmt, f.kw = x, nil, nil
		case *python.ClassDef:
			ix.Classes = append(ix.Classes, x)
		case python.Stmt:
			f.stmt, f.kw = nil, nil
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
