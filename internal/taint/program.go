package taint

import (
	"bytes"
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/djsec/djsec/internal/gcpace"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/pysrc"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
)

// parse is the one place that turns a file into a syntax tree: the
// scan-wide parse, shared with every other rule.
func parse(f *project.File) (*python.Module, error) { return pysrc.Parse(f) }

// Module is one parsed Python file of the project.
type Module struct {
	Name    string // dotted module name from the path: "shop.views"
	File    *project.File
	IsPkg   bool              // an __init__.py
	Imports *python.Resolver  // local names bound by imports; the first import wins
	Err     error             // syntax error, if any (the tree is partial)
	Consts  map[string]string // module-level names bound to string constants
	Defs    map[string]bool   // names of the module's top-level functions and classes

	// ast and src are the syntax tree and the source (Tree, Content).
	ast *python.Module
	src []byte

	indexOnce sync.Once
	index     *Index
}

// Func is a function or method defined in the project.
//
// Besides its definition it keeps what other functions' analyses ask of
// it (its name, size, decorators and parameter names), so that they need
// only the tree of the module they interpret.
type Func struct {
	QName  string // "shop.views.ArticleView.get"
	Name   string // "get"; QName may end in a number (Program.Funcs)
	Module *Module
	Class  *Class // nil for functions
	def    *python.FunctionDef
	// pos and size are where the definition starts and how many bytes
	// of source it spans.
	pos  python.Pos
	size int32
	// bound says a method takes self or cls first (it is neither a
	// staticmethod nor a classmethod), static that it is a staticmethod.
	bound, static bool
	// params are the parameters' names as its summary numbers them
	// (paramsOf): self or cls left out.
	params []string
}

// newFunc makes the Func of definition d in module m.
func newFunc(qname string, d *python.FunctionDef, m *Module, c *Class) *Func {
	f := &Func{QName: qname, Name: d.Name, Module: m, Class: c, def: d, pos: d.Pos(), size: int32(d.End() - d.Pos())}
	f.static = hasDecorator(d, "staticmethod")
	f.bound = c != nil && !f.static && !hasDecorator(d, "classmethod")
	p := paramsOf(f)
	if n := p.len(); n > 0 {
		f.params = make([]string, n)
		for i := range n {
			f.params[i] = p.name(i)
		}
	}
	return f
}

// Def returns the function's definition in its module's tree.
func (f *Func) Def() *python.FunctionDef { return f.def }

// Tree returns the module's syntax tree; partial when Err is set.
func (m *Module) Tree() *python.Module { return m.ast }

// Content returns the module's source; it must not be changed.
func (m *Module) Content() []byte { return m.src }

// paramValue is the taint of parameter i, a, inside the function itself.
// It is made anew for every run of the function rather than kept: origins
// are compared by value, and only the summaries that mention a parameter
// need it after the run, where a table of every parameter of the project
// stayed live for the whole analysis (10 MB on saleor).
func (f *Func) paramValue(i int, a *python.Arg) Value {
	return Value{{Param: i, srcMod: f.Module, srcPos: a.Pos()}}
}

// Class is a class defined in the project.
type Class struct {
	QName   string
	Name    string // the class statement's name
	Module  *Module
	Methods map[string]*Func
	Bases   []string // qualified names of the bases, as written
	def     *python.ClassDef
}

// Def returns the class's definition in its module's tree.
func (c *Class) Def() *python.ClassDef { return c.def }

// Program is every parsed module of a project with its index.
type Program struct {
	Modules []*Module
	byName  map[string]*Module
	suffix  map[string]*Module // unique dotted suffixes ("shop.views" for "src.shop.views")
	Funcs   map[string]*Func
	Classes map[string]*Class
	// asides holds, for names defined more than once, the next number
	// moveAside tries.
	asides map[string]int
	// memo holds what other packages compute once per program (Memo).
	memo sync.Map
	// project is the project the program was read from, for the rules'
	// sink conditions that need more than the code (Call.Project).
	project *project.Project

	viewsOnce sync.Once
	views     map[string]*View

	sortedOnce  sync.Once
	sorted      []*Func // see sortedFuncs
	methodsOnce sync.Once
	methods     map[string][]*Func // methods by name
	endingOnce  sync.Once
	ending      map[string][]*Class // classes by the last component of their names
	canon       sync.Map            // qualified name -> canonical name
	// roots holds the first component of every name Module knows: a
	// qualified name whose first component is not among them names no
	// project module (django.shortcuts.render), which canonical can tell
	// with one lookup, without its cache.
	roots map[string]bool
	// defRoots holds the first component of every key of Funcs and
	// Classes: a name whose first component is not among them (len,
	// self.save, django.shortcuts.render) is no key of either, which fn
	// and class tell without hashing the whole name into those large
	// tables, where most calls of a project miss.
	defRoots map[string]bool
}

// Load parses and indexes every Python file of p, once per scan.
func Load(p *project.Project) *Program {
	return p.Memo("taint.program", func() any { return load(p) }).(*Program)
}

func load(p *project.Project) *Program {
	// Named, not OfKind: the workers read the files, in parallel, and
	// leave out those OfKind would (unreadable or binary).
	files := p.Named(project.Python)
	out := p.Inputs.LeftOut
	files = slices.DeleteFunc(files, func(f *project.File) bool {
		return project.Migration(f.Path) || out != nil && out(f.Path)
	})
	// The trees built here stay live to the end of the scan: about five
	// times their source, which the scan has read already.
	var size int64
	for _, f := range files {
		size += min(f.Size, pysrc.MaxParse)
	}
	defer gcpace.Build(6 * size)()
	mods := make([]*Module, len(files))
	defs := make([][]moduleDef, len(files))
	order := largestAhead(len(files), func(i int) int { return int(files[i].Size) })
	names := &python.Names{}
	parallel(len(files), func(k int) {
		i := order[k]
		if files[i].Kind()&project.Python == 0 {
			return
		}
		if m := newModule(files[i], names); m != nil {
			mods[i], defs[i] = m, moduleDefs(m)
		}
	})

	// Two tables, built at once: the functions and classes (index, in
	// module order) and the module names. Neither reads the other.
	nfuncs, nclasses := 0, 0
	for _, ds := range defs {
		for _, d := range ds {
			if d.class != nil {
				nclasses++
			}
			nfuncs += 1 + len(d.methods)
		}
	}
	prog := &Program{byName: make(map[string]*Module, len(mods)), suffix: make(map[string]*Module, 2*len(mods)),
		Funcs: make(map[string]*Func, nfuncs), Classes: make(map[string]*Class, nclasses), project: p}
	var wg sync.WaitGroup
	wg.Add(1)
	// defRoots is gathered as the keys are added: a walk of the finished
	// tables afterwards ran alone, on one CPU.
	defRoots := map[string]bool{}
	go func() {
		defer wg.Done()
		for i, m := range mods {
			if m != nil && m.Tree() != nil {
				prog.index(defs[i], defRoots)
			}
		}
	}()
	ambiguous := map[string]bool{}
	for _, m := range mods {
		if m == nil || m.Tree() == nil {
			continue
		}
		prog.Modules = append(prog.Modules, m)
		prog.byName[m.Name] = m
		// every name after a dot: "views" and "shop.views" of "src.shop.views"
		for i := strings.IndexByte(m.Name, '.'); i >= 0; {
			s := m.Name[i+1:]
			if prog.suffix[s] != nil {
				ambiguous[s] = true
			}
			prog.suffix[s] = m
			j := strings.IndexByte(s, '.')
			if j < 0 {
				break
			}
			i += 1 + j
		}
	}
	for s := range ambiguous {
		delete(prog.suffix, s)
	}
	prog.roots = map[string]bool{}
	for _, names := range []map[string]*Module{prog.byName, prog.suffix} {
		for name := range names {
			prog.roots[firstComponent(name)] = true
		}
	}
	wg.Wait()
	prog.defRoots = defRoots
	return prog
}

// mayDefine reports whether q may be a key of Funcs or Classes.
func (p *Program) mayDefine(q string) bool {
	return p.defRoots == nil || p.defRoots[firstComponent(q)]
}

func newModule(f *project.File, names *python.Names) *Module {
	src, err := f.Content()
	if err != nil {
		return nil
	}
	ast, perr := parse(f)
	if ast == nil {
		return nil
	}
	if text := ast.File.Source(); len(text) != len(src) || bytes.IndexByte(src, '\r') >= 0 {
		// The tree's positions are in the decoded text (\r\n made \n, a
		// declared encoding made UTF-8): node text is sliced from that.
		src = []byte(text)
	}
	rel := strings.TrimSuffix(strings.TrimSuffix(f.Path, ".pyi"), ".py")
	isPkg := path.Base(rel) == "__init__"
	if isPkg {
		rel = path.Dir(rel)
	}
	name := strings.ReplaceAll(rel, "/", ".")
	if name == "." {
		name = ""
	}
	m := &Module{Name: name, File: f, ast: ast, src: src, IsPkg: isPkg, Err: perr, Consts: map[string]string{}, Defs: map[string]bool{}}
	eachDef(ast.Body, func(st python.Stmt) {
		switch d := st.(type) {
		case *python.FunctionDef:
			m.Defs[d.Name] = true
		case *python.ClassDef:
			m.Defs[d.Name] = true
		}
	})
	for _, st := range ast.Body {
		if a, ok := st.(*python.Assign); ok && len(a.Targets) == 1 {
			if n, ok := a.Targets[0].(*python.Name); ok {
				if v, ok := constString(a.Value); ok {
					m.Consts[n.ID] = v
				}
			}
		}
	}
	// here, in parallel: it needs no other module
	m.Imports = names.NewResolver(ast, m.resolverName(), python.FirstImportWins)
	return m
}

// ModuleConst returns the string a module-level name of m is bound to, in
// m or in the project module it is imported from
// (from .constants import GITHUB_API_URL).
func (p *Program) ModuleConst(m *Module, name string) (string, bool) {
	if s, ok := m.Consts[name]; ok {
		return s, true
	}
	q, ok := m.Imports.Lookup(name)
	i := strings.LastIndexByte(q, '.')
	if !ok || i < 0 {
		return "", false
	}
	if src := p.Module(q[:i]); src != nil && src != m {
		s, ok := src.Consts[q[i+1:]]
		return s, ok
	}
	return "", false
}

// Module returns the module with the dotted name, matching a unique suffix
// of the path-derived name when the project root sits above sys.path.
func (p *Program) Module(name string) *Module {
	if m := p.byName[name]; m != nil {
		return m
	}
	return p.suffix[name]
}

// canonical maps a qualified name that starts with a project module (under
// any of its names) to the module's path-derived name.
func (p *Program) canonical(q string) string {
	if p.roots != nil && !p.roots[firstComponent(q)] {
		return q
	}
	if v, ok := p.canon.Load(q); ok {
		return v.(string)
	}
	c := p.canonicalSlow(q)
	p.canon.Store(q, c)
	return c
}

// firstComponent returns a dotted name up to its first dot.
func firstComponent(q string) string {
	if i := strings.IndexByte(q, '.'); i >= 0 {
		return q[:i]
	}
	return q
}

func (p *Program) canonicalSlow(q string) string {
	for end := len(q); end > 0; end = strings.LastIndexByte(q[:end], '.') {
		if m := p.Module(q[:end]); m != nil {
			rest := strings.TrimPrefix(q[end:], ".")
			if rest == "" {
				return m.Name
			}
			if m.Name == "" {
				return rest
			}
			return m.Name + "." + rest
		}
	}
	return q
}

// resolverName is the module name in the form python.NewResolver wants,
// so that relative imports resolve against the module's package. Imports
// are read at module level and inside functions (imports inside functions
// are common in Django code and rarely shadow anything); when a name is
// imported twice the first import wins: it is the try branch of the
// "try: from secrets import x / except ImportError: from random import x"
// idiom, the one that runs.
func (m *Module) resolverName() string {
	switch {
	case m.Name == "":
		// any one-part name resolves "from . import x" to the top level
		return "__init__"
	case m.IsPkg:
		return m.Name + ".__init__"
	}
	return m.Name
}

// imported returns the qualified name an import binds name to, or "".
func (m *Module) imported(name string) string {
	q, _ := m.Imports.Lookup(name)
	return q
}

// eachDef calls fn for every function and class definition of a module or
// class body, including those made conditionally (under if, try, with),
// in source order.
func eachDef(body []python.Stmt, fn func(python.Stmt)) {
	for _, st := range body {
		switch x := st.(type) {
		case *python.FunctionDef, *python.ClassDef:
			fn(x)
		case *python.If:
			eachDef(x.Body, fn)
			eachDef(x.Orelse, fn)
		case *python.Try:
			eachDef(x.Body, fn)
			for _, h := range x.Handlers {
				eachDef(h.Body, fn)
			}
			eachDef(x.Orelse, fn)
			eachDef(x.Finalbody, fn)
		case *python.With:
			eachDef(x.Body, fn)
		}
	}
}

// index records a module's functions, classes and methods. A name defined
// more than once (conditional definitions, property setters, overloads)
// keeps its last definition under its name, which calls resolve to as the
// interpreter would, and every other one under a numbered key, so that
// every definition is analysed. What needs only the module (walking its
// tree, resolving class bases) is done by moduleDefs, in parallel across
// modules; index adds the result to the program's tables in module order.
//
// roots gets the first component of every key added (Program.defRoots).
// A key moved aside leaves its component behind: a method's key has a dot,
// so its numbered key has the same first component, and a function's key
// is added again at once.
func (p *Program) index(defs []moduleDef, roots map[string]bool) {
	for _, d := range defs {
		if d.class == nil {
			p.addFunc(d.fn, roots)
			continue
		}
		c := d.class
		for _, f := range d.methods {
			p.addFunc(f, roots)
		}
		if old := p.Classes[c.QName]; old != nil {
			// the methods of an earlier definition stay analysed
			for _, f := range old.Methods {
				if c.Methods[f.Name] == nil {
					p.moveAside(f.QName, roots)
				}
			}
		}
		p.Classes[c.QName] = c
		roots[firstComponent(c.QName)] = true
	}
}

// moduleDef is a top-level function, or a class with its methods in
// source order, of one module.
type moduleDef struct {
	fn      *Func
	class   *Class
	methods []*Func
}

// moduleDefs lists the functions and classes a module defines, in source
// order, for index.
func moduleDefs(m *Module) []moduleDef {
	// The lists made here live as long as the trees: they are made at
	// their sizes, counted first, rather than grown.
	defs := 0
	eachDef(m.Tree().Body, func(python.Stmt) { defs++ })
	if defs == 0 {
		return nil
	}
	out := make([]moduleDef, 0, defs)
	prefix := m.Name
	if prefix != "" {
		prefix += "."
	}
	eachDef(m.Tree().Body, func(s python.Stmt) {
		switch d := s.(type) {
		case *python.FunctionDef:
			out = append(out, moduleDef{fn: newFunc(prefix+d.Name, d, m, nil)})
		case *python.ClassDef:
			methods := 0
			eachDef(d.Body, func(cs python.Stmt) {
				if _, ok := cs.(*python.FunctionDef); ok {
					methods++
				}
			})
			// The table of methods is grown, not made at its size: Go
			// gives a map made for n entries more room than one grown
			// to n (2.5 MB more on netbox).
			c := &Class{QName: prefix + d.Name, Name: d.Name, def: d, Module: m, Methods: map[string]*Func{}}
			for _, b := range d.Bases {
				q := m.QualName(b)
				if n, ok := b.(*python.Name); ok && m.Defs[n.ID] && q == n.ID && prefix != "" {
					q = prefix + q // a class of the same module
				}
				if q != "" {
					c.Bases = append(c.Bases, q)
				}
			}
			def := moduleDef{class: c, methods: make([]*Func, 0, methods)}
			eachDef(d.Body, func(cs python.Stmt) {
				if fd, ok := cs.(*python.FunctionDef); ok {
					f := newFunc(c.QName+"."+fd.Name, fd, m, c)
					c.Methods[fd.Name] = f
					def.methods = append(def.methods, f)
				}
			})
			out = append(out, def)
		}
	})
	return out
}

func (p *Program) addFunc(f *Func, roots map[string]bool) {
	p.moveAside(f.QName, roots)
	p.Funcs[f.QName] = f
	roots[firstComponent(f.QName)] = true
}

// moveAside keeps the function under key at a numbered key of its own.
func (p *Program) moveAside(key string, roots map[string]bool) {
	old := p.Funcs[key]
	if old == nil {
		return
	}
	// The next number to try for each name, so that a name defined n
	// times over costs n probes rather than n²/2.
	if p.asides == nil {
		p.asides = map[string]int{}
	}
	for n := max(p.asides[key], 2); ; n++ {
		k := fmt.Sprintf("%s#%d", key, n)
		if p.Funcs[k] == nil {
			p.asides[key] = n + 1
			p.Funcs[k] = old
			roots[firstComponent(k)] = true
			delete(p.Funcs, key)
			return
		}
	}
}

// QualName returns the dotted name an expression refers to through the
// module's imports ("django.shortcuts.redirect" for redirect after
// "from django.shortcuts import redirect"), a local top-level name prefixed
// with the module, or "" when it is not a plain dotted name.
func (m *Module) QualName(e python.Expr) string {
	if e == nil {
		return "" // an optional field left out: a bare raise, a return
	}
	// python.Chain, without its allocations: this runs for every call the
	// engine meets, in every round.
	var buf [8]string
	attrs := buf[:0]
	n := 0
	end := e.End()
	for {
		switch x := e.(type) {
		case *python.Name:
			q := x.ID
			if imp, ok := m.Imports.Lookup(x.ID); ok {
				q = imp
			}
			if len(attrs) == 0 {
				return q
			}
			if q == x.ID {
				if w, ok := m.written(x, end, q, attrs); ok {
					return w
				}
			}
			var b strings.Builder
			b.Grow(len(q) + n)
			b.WriteString(q)
			for i := len(attrs) - 1; i >= 0; i-- {
				b.WriteByte('.')
				b.WriteString(attrs[i])
			}
			return b.String()
		case *python.Attribute:
			attrs = append(attrs, x.Attr)
			n += 1 + len(x.Attr)
			e = x.Value
		default:
			return ""
		}
	}
}

// written returns the dotted name q.attrs[n-1]...attrs[0] as the module's
// text spells it from name to end, when it is spelled exactly so (no
// spaces, parentheses or comments): a piece of the source, which the
// engine then needs no new string for.
func (m *Module) written(name *python.Name, end python.Pos, q string, attrs []string) (string, bool) {
	src := m.Tree().File.Source()
	from, to := int(name.Pos())-1, int(end)-1
	if from < 0 || to > len(src) || from > to {
		return "", false
	}
	w := src[from:to]
	if len(w) < len(q) || w[:len(q)] != q {
		return "", false
	}
	k := len(q)
	for i := len(attrs) - 1; i >= 0; i-- {
		a := attrs[i]
		if k+1+len(a) > len(w) || w[k] != '.' || w[k+1:k+1+len(a)] != a {
			return "", false
		}
		k += 1 + len(a)
	}
	return w, k == len(w)
}

// Location returns the report location of a node of the module.
func (m *Module) Location(n python.Node) report.Location { return m.locationAt(n.Pos()) }

func (m *Module) locationAt(p python.Pos) report.Location {
	pos := m.Tree().File.Position(p)
	return report.Location{Path: m.File.Path, Line: pos.Line, Column: pos.Col + 1}
}

// Line returns the 1-based line of a node.
func (m *Module) Line(n python.Node) int { return m.Tree().File.Line(n.Pos()) }

// Text returns the source text of a node, shortened for messages.
func (m *Module) Text(n python.Node) string {
	src := m.Content()
	from, to := int(n.Pos())-1, int(n.End())-1
	if from < 0 || to > len(src) || from >= to {
		return ""
	}
	s := string(src[from:to])
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + "…"
	}
	if len(s) > 60 {
		s = s[:57] + "…"
	}
	return s
}

// class resolves a qualified class name to a project class.
func (p *Program) class(q string) *Class {
	if p.mayDefine(q) {
		if c := p.Classes[q]; c != nil {
			return c
		}
	}
	if c := p.canonical(q); c != q {
		return p.Classes[c]
	}
	return nil // q was looked up already
}

// fn resolves a qualified function name to a project function.
func (p *Program) fn(q string) *Func {
	if p.mayDefine(q) {
		if f := p.Funcs[q]; f != nil {
			return f
		}
	}
	if c := p.canonical(q); c != q {
		return p.Funcs[c]
	}
	return nil // q was looked up already
}

// Memo returns the value stored under key, computing it with f the first
// time: facts about the program's functions and classes that analyses ask
// for again and again live as long as the program. Concurrent first calls
// may both run f; one answer is kept.
func (p *Program) Memo(key any, f func() any) any {
	if v, ok := p.memo.Load(key); ok {
		return v
	}
	v, _ := p.memo.LoadOrStore(key, f())
	return v
}

// Method finds a method by name on a class or its project bases, depth
// first in the order of the bases; nil when none defines it.
func (p *Program) Method(c *Class, name string) *Func { return p.method(c, name) }

// method finds a method by name on a class or its project bases, depth
// first in the order of the bases.
func (p *Program) method(c *Class, name string) *Func {
	var seen Classes
	return p.methodIn(c, name, 0, &seen)
}

// methodIn is method below depth, each class looked at once: bases that
// name each other (a crafted tree; Python refuses such classes) would
// otherwise make the walk exponential in its depth.
func (p *Program) methodIn(c *Class, name string, depth int, seen *Classes) *Func {
	if c == nil || depth > 8 || seen.Len() >= MaxMRO || !seen.Add(c) {
		return nil
	}
	if f := c.Methods[name]; f != nil {
		return f
	}
	for _, b := range c.Bases {
		if f := p.methodIn(p.class(b), name, depth+1, seen); f != nil {
			return f
		}
	}
	return nil
}

// Classes is a set of classes for walks through bases: a few classes
// most often, kept in a list that needs no allocation, and a map beyond
// eight (a crafted class with thousands of bases made the list quadratic).
type Classes struct {
	first [8]*Class
	n     int
	more  map[*Class]bool
}

// MaxMRO bounds the classes a walk through bases looks at: real method
// resolution orders hold a few dozen at most, and a crafted class with
// thousands of bases would make every method lookup on it that long.
const MaxMRO = 256

// Len returns the number of classes in the set.
func (s *Classes) Len() int { return s.n + len(s.more) }

// Add adds c and reports whether it was not in the set already.
func (s *Classes) Add(c *Class) bool {
	for _, x := range s.first[:min(s.n, len(s.first))] {
		if x == c {
			return false
		}
	}
	if s.n < len(s.first) {
		s.first[s.n] = c
		s.n++
		return true
	}
	if s.more[c] {
		return false
	}
	if s.more == nil {
		s.more = map[*Class]bool{}
	}
	s.more[c] = true
	return true
}

// IsSubclass reports whether class c derives, through project classes, from
// a class whose qualified name or last component satisfies match.
func (p *Program) IsSubclass(c *Class, match func(q string) bool) bool {
	seen := map[*Class]bool{}
	var walk func(c *Class) bool
	walk = func(c *Class) bool {
		if c == nil || seen[c] {
			return false
		}
		seen[c] = true
		for _, b := range c.Bases {
			if match(b) {
				return true
			}
			if walk(p.class(b)) {
				return true
			}
		}
		return false
	}
	return walk(c)
}

// managerClass returns the project class of the manager a model class
// sets as attribute name (objects = ImageManager()), in its own body or a
// base's, or nil. The answer is kept per model and name: every call of a
// manager method asks it.
func (p *Program) managerClass(model *Class, name string) *Class {
	return p.Memo(managerKey{model, name}, func() any {
		c := model
		for depth := 0; c != nil && depth < 8; depth++ {
			for _, st := range c.def.Body {
				a, ok := st.(*python.Assign)
				if !ok || len(a.Targets) != 1 {
					continue
				}
				if t, ok := a.Targets[0].(*python.Name); !ok || t.ID != name {
					continue
				}
				call, ok := a.Value.(*python.Call)
				if !ok {
					return (*Class)(nil)
				}
				q := c.Module.QualName(call.Func)
				if mc := p.LookupClass(p.Canonical(q)); mc != nil {
					return mc
				}
				return p.LookupClass(c.Module.Name + "." + q)
			}
			if len(c.Bases) == 0 {
				break
			}
			c = p.class(c.Bases[0])
		}
		return (*Class)(nil)
	}).(*Class)
}

type managerKey struct {
	model *Class
	name  string
}

// IsSubclassOf is IsSubclass for a question asked of many classes: the
// answers are kept per class under key, which names match (one key, one
// match), for the rest of the scan. Rules that ask it of every class of
// the project walked a chain of classes deriving one from the next once
// from every class, which was quadratic.
func (p *Program) IsSubclassOf(key string, c *Class, match func(q string) bool) bool {
	sm := p.Memo(subclassKey{key}, func() any { return &subclassMemo{known: map[*Class]bool{}} }).(*subclassMemo)
	sm.mu.Lock()
	defer sm.mu.Unlock()
	seen := map[*Class]bool{}
	// walk returns the answer for c and whether it is final: false is not
	// when the walk met a class it is still inside (a cycle of bases),
	// whose answer is not known yet. A class reached again by another
	// path was answered when the first walk left it.
	var walk func(c *Class) (bool, bool)
	walk = func(c *Class) (bool, bool) {
		if c == nil {
			return false, true
		}
		if v, ok := sm.known[c]; ok {
			return v, true
		}
		if seen[c] {
			return false, false
		}
		seen[c] = true
		final := true
		for _, b := range c.Bases {
			if match(b) {
				sm.known[c] = true
				return true, true
			}
			v, f := walk(p.class(b))
			if v {
				sm.known[c] = true
				return true, true
			}
			final = final && f
		}
		if final {
			sm.known[c] = false
		}
		return false, final
	}
	v, _ := walk(c)
	return v
}

type subclassKey struct{ key string }

// subclassMemo holds the answers of one IsSubclassOf question.
type subclassMemo struct {
	mu    sync.Mutex
	known map[*Class]bool
}

// sortedFuncs returns the functions in a stable order; the list is
// shared, and must not be changed.
func (p *Program) sortedFuncs() []*Func {
	p.sortedOnce.Do(func() { p.sorted = p.sortFuncs() })
	return p.sorted
}

// sortFuncs lists the functions in sortedFuncs' order. The analysis and
// the table of methods by name both want it, and sorting every function
// of the project by name took a hundredth of a scan of saleor.
func (p *Program) sortFuncs() []*Func {
	out := make([]*Func, 0, len(p.Funcs))
	for _, f := range p.Funcs {
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b *Func) int {
		if c := strings.Compare(a.QName, b.QName); c != 0 {
			return c
		}
		return cmp.Compare(a.pos, b.pos)
	})
	return out
}

// Bytes returns the source bytes of a node without copying them.
func (m *Module) Bytes(n python.Node) []byte {
	src := m.Content()
	from, to := int(n.Pos())-1, int(n.End())-1
	if from < 0 || to > len(src) || from >= to {
		return nil
	}
	return src[from:to]
}

// Source returns the whole source text of a node.
func (m *Module) Source(n python.Node) string {
	src := m.Content()
	from, to := int(n.Pos())-1, int(n.End())-1
	if from < 0 || to > len(src) || from >= to {
		return ""
	}
	return string(src[from:to])
}

// DefLocation returns the location of the def or class keyword line of a
// definition, after its decorators (CPython's lineno).
func (m *Module) DefLocation(n python.Node) report.Location {
	var decs []python.Expr
	switch d := n.(type) {
	case *python.FunctionDef:
		decs = d.DecoratorList
	case *python.ClassDef:
		decs = d.DecoratorList
	}
	loc := m.Location(n)
	if len(decs) == 0 {
		return loc
	}
	off := int(decs[len(decs)-1].End()) - 1
	src := m.Content()
	for off < len(src) && off >= 0 {
		nl := strings.IndexByte(string(src[off:]), '\n')
		if nl < 0 {
			break
		}
		off += nl + 1
		line := strings.TrimLeft(string(src[off:min(len(src), off+200)]), " \t")
		if strings.HasPrefix(line, "def ") || strings.HasPrefix(line, "async ") || strings.HasPrefix(line, "class ") {
			return m.Location(&python.Pass{Span: python.Span{From: python.Pos(off + 1 + (len(string(src[off:min(len(src), off+200)])) - len(line))), To: python.Pos(off + 1)}})
		}
	}
	return loc
}

// usesDjango reports whether the module imports Django or DRF.
func (m *Module) usesDjango() bool {
	for _, q := range m.Imports.All() {
		if hasPrefix(q, "django", "rest_framework") {
			return true
		}
	}
	return false
}

// ClassesEndingIn returns the project's classes whose qualified name is q
// or ends in "."+q, sorted by qualified name: the candidates for a class
// named by a partial dotted name, found without a pass over every class
// and in the same order whatever the scan's scheduling.
func (p *Program) ClassesEndingIn(q string) []*Class {
	p.endingOnce.Do(p.indexEndings)
	if q == "" {
		return nil
	}
	named := p.ending[lastComponent(q)]
	if strings.IndexByte(q, '.') < 0 {
		return named // every class of that name ends in "."+q or is q
	}
	ends := func(c *Class) bool {
		return c.QName == q || strings.HasSuffix(c.QName, q) && c.QName[len(c.QName)-len(q)-1] == '.'
	}
	n := 0
	for _, c := range named {
		if ends(c) {
			n++
		}
	}
	if n == len(named) {
		return named
	}
	out := make([]*Class, 0, n)
	for _, c := range named {
		if ends(c) {
			out = append(out, c)
		}
	}
	return out
}

// indexEndings builds the table of ClassesEndingIn: the classes by the
// last component of their names, each list sorted by qualified name and
// a window of one array. A list for every dotted tail of every name
// (shop.models.Order, models.Order, Order) was four times the entries,
// 2 MB on netbox, built while the analyses run and live to the end.
func (p *Program) indexEndings() {
	all := make([]*Class, 0, len(p.Classes))
	for _, c := range p.Classes {
		all = append(all, c)
	}
	// Qualified names are unique (the keys of Classes), so the order is
	// total and does not depend on the map's.
	slices.SortFunc(all, func(a, b *Class) int {
		if c := strings.Compare(lastComponent(a.QName), lastComponent(b.QName)); c != 0 {
			return c
		}
		return strings.Compare(a.QName, b.QName)
	})
	names := 0
	for i := range all {
		if i == 0 || lastComponent(all[i].QName) != lastComponent(all[i-1].QName) {
			names++
		}
	}
	p.ending = make(map[string][]*Class, names)
	for i := 0; i < len(all); {
		name := lastComponent(all[i].QName)
		j := i + 1
		for j < len(all) && lastComponent(all[j].QName) == name {
			j++
		}
		p.ending[name] = all[i:j:j]
		i = j
	}
}

// lastComponent is the part of a dotted name after its last dot.
func lastComponent(q string) string { return q[strings.LastIndexByte(q, '.')+1:] }

// methodsNamed returns the methods of the project's classes with a name.
func (p *Program) methodsNamed(name string) []*Func {
	p.methodsOnce.Do(func() {
		p.methods = map[string][]*Func{}
		for _, f := range p.sortedFuncs() {
			if f.Class != nil {
				p.methods[f.Name] = append(p.methods[f.Name], f)
			}
		}
	})
	return p.methods[name]
}
