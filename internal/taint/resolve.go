package taint

import "strings"

// LookupClass resolves a qualified name to a project class, following
// re-exports: "shop.mixins.Owned" when the code says "shop.Owned" and
// shop/__init__.py imports Owned from .mixins.
func (p *Program) LookupClass(q string) *Class {
	for range 6 {
		if c := p.class(q); c != nil {
			return c
		}
		n, ok := p.reexport(q)
		if !ok {
			return nil
		}
		q = n
	}
	return nil
}

// LookupFunc resolves a qualified name to a project function, following
// re-exports as LookupClass does.
func (p *Program) LookupFunc(q string) *Func {
	for range 6 {
		if f := p.fn(q); f != nil {
			return f
		}
		n, ok := p.reexport(q)
		if !ok {
			return p.starFunc(q)
		}
		q = n
	}
	return nil
}

// starFunc finds module.name among the functions of the modules that
// module star-imports (a package's from .api import *), or nil.
func (p *Program) starFunc(q string) *Func {
	i := strings.LastIndexByte(q, '.')
	if i < 0 {
		return nil
	}
	m := p.Module(q[:i])
	if m == nil {
		return nil
	}
	for _, star := range m.Imports.StarImports() {
		if f := p.fn(star + "." + q[i+1:]); f != nil {
			return f
		}
	}
	return nil
}

// Canonical maps a qualified name that starts with a project module (under
// any of its names) to the module's path-derived name, following one
// re-export by a package __init__.
func (p *Program) Canonical(q string) string {
	if n, ok := p.reexport(q); ok {
		return p.canonical(n)
	}
	return p.canonical(q)
}

// reexport returns what module.name is bound to by an import in module.
func (p *Program) reexport(q string) (string, bool) {
	i := strings.LastIndexByte(q, '.')
	if i < 0 {
		return "", false
	}
	m := p.Module(q[:i])
	if m == nil {
		return "", false
	}
	n, ok := m.Imports.Lookup(q[i+1:])
	if !ok || n == q {
		return "", false
	}
	return n, true
}
