package taint

import (
	"sync"
	"sync/atomic"

	"github.com/djsec/djsec/internal/pysrc"
	"github.com/djsec/djsec/internal/python"
)

// moduleTree is a module's syntax tree, which may be released and parsed
// again.
//
// A scan's trees are most of its memory, and most analyses that read one
// read it once, in a pass over every module (sweep). Such a pass reads a
// tree without pinning it and may release it when it leaves the module.
// Any other reader may keep nodes for as long as it likes, and could not
// tell them apart from those of a tree parsed again: Tree, Def and Index
// pin the tree, which is then never released. A released tree is parsed
// again from the same source when next read, and parsing is deterministic,
// so the definitions of the module's functions and classes are found
// again at their positions.
type moduleTree struct {
	mu     sync.Mutex
	ast    atomic.Pointer[python.Module] // nil once released
	index  atomic.Pointer[Index]         // built from ast on first use
	pinned atomic.Bool
	// funcs and classes are the module's definitions in the program's
	// tables, whose nodes go and come back with the tree.
	funcs   []*Func
	classes []*Class
}

// Tree returns the module's syntax tree, partial when Err is set, and pins
// it: the caller may keep its nodes.
func (m *Module) Tree() *python.Module {
	if m.tree.pinned.Load() {
		if t := m.tree.ast.Load(); t != nil {
			return t
		}
	}
	m.tree.mu.Lock()
	defer m.tree.mu.Unlock()
	m.tree.pinned.Store(true)
	return m.current()
}

// Def returns the function's definition in its module's tree, which it
// pins (Module.Tree).
func (f *Func) Def() *python.FunctionDef {
	f.Module.Tree()
	return f.def.Load()
}

// Def returns the class's definition in its module's tree, which it pins
// (Module.Tree).
func (c *Class) Def() *python.ClassDef {
	c.Module.Tree()
	return c.def.Load()
}

// unpinned returns the module's tree for a pass that keeps none of its
// nodes once it leaves the module, parsing it again if it was released.
func (m *Module) unpinned() *python.Module {
	if t := m.tree.ast.Load(); t != nil {
		return t
	}
	m.tree.mu.Lock()
	defer m.tree.mu.Unlock()
	return m.current()
}

// current returns the tree, parsing it again if it was released; m.tree.mu
// is held.
func (m *Module) current() *python.Module {
	if t := m.tree.ast.Load(); t != nil {
		return t
	}
	t, _ := parse(m.File)
	if t == nil {
		// The source was read and parsed once; only a file changed or
		// removed since can fail now. The module is then empty.
		t = &python.Module{File: m.file}
	}
	m.refind(t)
	m.tree.ast.Store(t)
	return t
}

// refind points the module's functions and classes at their definitions in
// t, a tree parsed again.
func (m *Module) refind(t *python.Module) {
	funcs := make(map[python.Pos]*python.FunctionDef, len(m.tree.funcs))
	classes := make(map[python.Pos]*python.ClassDef, len(m.tree.classes))
	eachDef(t.Body, func(s python.Stmt) {
		switch d := s.(type) {
		case *python.FunctionDef:
			funcs[d.Pos()] = d
		case *python.ClassDef:
			classes[d.Pos()] = d
			eachDef(d.Body, func(cs python.Stmt) {
				if fd, ok := cs.(*python.FunctionDef); ok {
					funcs[fd.Pos()] = fd
				}
			})
		}
	})
	for _, f := range m.tree.funcs {
		f.def.Store(funcs[f.pos])
	}
	for _, c := range m.tree.classes {
		c.def.Store(classes[c.pos])
	}
}

// release drops the module's tree unless it is pinned, with its index and
// the definitions in it, so that the memory goes back to the heap; the
// caller keeps none of its nodes.
func (m *Module) release() {
	m.tree.mu.Lock()
	defer m.tree.mu.Unlock()
	if m.tree.pinned.Load() || m.tree.ast.Load() == nil {
		return
	}
	m.tree.ast.Store(nil)
	m.tree.index.Store(nil)
	for _, f := range m.tree.funcs {
		f.def.Store(nil)
	}
	for _, c := range m.tree.classes {
		c.def.Store(nil)
	}
	pysrc.Forget(m.File)
}
