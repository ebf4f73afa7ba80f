package taint

import (
	"sync"

	"github.com/djsec/djsec/internal/python"
)

// The module pass: one walk over the program's modules, in parallel, that
// runs on each every analysis registered for it (OnModule) and then
// releases the module's tree (tree.go), unless a reader outside the pass
// pinned it. Analyses that read every module once (the pattern rules'
// indexes) cost one tree at a time per CPU this way, where each reading
// every module in its own order kept every tree alive for the whole scan.

// Visit is one module met by the module pass, with its tree, which stays
// current while the visit lasts.
type Visit struct {
	*Module
	Tree *python.Module
}

// Index returns the index of the visited tree (Module.Index), without
// pinning it.
func (v Visit) Index() *Index { return v.Module.indexOf(v.Tree) }

// sweep is the state of a program's module pass.
type sweep struct {
	mu       sync.Mutex
	visitors []func(Visit)
	started  bool
	once     sync.Once
}

// OnModule registers fn to run on every module in the module pass. Call it
// from a rule's Prepare (analysis.Rule.Prepare), before the pass starts:
// fn runs on several modules at once, keeps no node of the visited tree
// once it returns, and must not wait for an analysis. Registered after the
// pass started (outside a scan's rules), fn runs at once on every module,
// whose trees it then pins.
func (p *Program) OnModule(fn func(Visit)) {
	p.sweep.mu.Lock()
	late := p.sweep.started
	if !late {
		p.sweep.visitors = append(p.sweep.visitors, fn)
	}
	p.sweep.mu.Unlock()
	if late {
		for _, m := range p.Modules {
			fn(Visit{m, m.Tree()})
		}
	}
}

// Sweep runs the module pass, once every project rule has prepared
// (project.Project.WaitPrepared), and returns when it is done; a later
// call returns once the first one's pass is done.
func (p *Program) Sweep() {
	p.sweep.once.Do(func() {
		if p.proj != nil {
			p.proj.WaitPrepared()
		}
		p.sweep.mu.Lock()
		p.sweep.started = true
		visitors := p.sweep.visitors
		p.sweep.visitors = nil
		p.sweep.mu.Unlock()
		if len(visitors) == 0 {
			return
		}
		mods := p.Modules
		order := largestAhead(len(mods), func(i int) int { return int(min(mods[i].File.Size, 1<<30)) })
		parallel(len(mods), func(k int) {
			m := mods[order[k]]
			v := Visit{m, m.unpinned()}
			for _, fn := range visitors {
				fn(v)
			}
			m.release()
		})
	})
}

// Funcs returns the functions and methods the module defines (those of
// Program.Funcs), in source order.
func (m *Module) Funcs() []*Func { return m.tree.funcs }

// Classes returns the classes the module defines (those of
// Program.Classes), in source order.
func (m *Module) Classes() []*Class { return m.tree.classes }

// FuncDef returns the definition of f, a function of the visited module,
// in the visited tree (Func.Def, without pinning it).
func (v Visit) FuncDef(f *Func) *python.FunctionDef { return f.def.Load() }

// ClassDef returns the definition of c, a class of the visited module, in
// the visited tree (Class.Def, without pinning it).
func (v Visit) ClassDef(c *Class) *python.ClassDef { return c.def.Load() }
