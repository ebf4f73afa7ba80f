package python

import (
	"iter"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"unique"
)

// Resolver answers which fully qualified name an expression refers to
// through the module's imports: after
//
//	from django.utils.safestring import mark_safe as ms
//	import django.db.models as m
//
// ms resolves to "django.utils.safestring.mark_safe" and
// m.expressions.RawSQL to "django.db.models.expressions.RawSQL".
//
// It is deliberately flow-insensitive: every import in the file, at any
// depth (including inside functions and try/except blocks), binds its name
// for the whole file, and a later import of the same name wins. That is
// what rules want for typical Django code, where a name is imported once;
// a name that is also assigned locally still resolves to its import.
// With the FirstImportWins option the first import of a name wins instead
// (see there); Bindings returns every import of a name either way.
type Resolver struct {
	module string // dotted module name, "" if unknown
	// binds holds every import, sorted by local name, the imports of one
	// name in source order. A module imports a few dozen names, so a
	// binary search costs what a map lookup does, in a third of the
	// memory: every module of a project keeps its resolver for the scan.
	binds []binding
	// bound has the bit nameBit(local) set for every local name an import
	// binds: most names looked up are bound by none (self, request, local
	// variables), and one test answers those without the search.
	bound     [4]uint64
	firstWins bool
	stars     []string // modules imported with "from m import *"
}

// binding is one import of a local name.
type binding struct{ local, qname string }

// A ResolverOption changes how NewResolver binds names.
type ResolverOption int

const (
	// FirstImportWins makes the first import of a name in source order
	// the one it resolves to, rather than the last. That is the import
	// that runs in the fallback idiom
	//
	//	try:
	//	    from secrets import token_hex
	//	except ImportError:
	//	    from random import token_hex
	//
	// and the right choice for analyses that follow what the code
	// normally does, such as the flow of request data.
	FirstImportWins ResolverOption = iota + 1
)

// NewResolver collects the imports of m. module is the module's dotted
// name ("myapp.views"); for a package's __init__.py pass
// "myapp.__init__" so that relative imports resolve against "myapp".
// With module "", relative imports resolve to names with leading dots.
func NewResolver(m *Module, module string, opts ...ResolverOption) *Resolver {
	return newResolver(m, module, nil, opts)
}

// Names keeps one copy of each qualified name the resolvers made with it
// bind: the same names are imported all over a project
// (django.db.models.Q), and one copy serves every module. NewResolver
// keeps the process's canonical copy (unique.Make) instead, which costs
// several times a map lookup: on saleor, 37 ms of a scan's CPU. A Names
// is safe for concurrent use, and may be dropped once its resolvers are
// made.
type Names struct {
	mu sync.Mutex
	m  map[string]map[string]string // module -> name imported from it -> qualified name
}

// NewResolver is python.NewResolver, with the qualified names kept in ns.
func (ns *Names) NewResolver(m *Module, module string, opts ...ResolverOption) *Resolver {
	return newResolver(m, module, ns, opts)
}

// qualified returns from.name, one copy for every module that imports it.
// The keys are copies: the names of a tree are slices of its source.
func (ns *Names) qualified(from, name string) string {
	if ns == nil {
		return unique.Make(joinName(from, name)).Value()
	}
	ns.mu.Lock()
	defer ns.mu.Unlock()
	byName := ns.m[from]
	if byName == nil {
		if ns.m == nil {
			ns.m = map[string]map[string]string{}
		}
		byName = map[string]string{}
		ns.m[strings.Clone(from)] = byName
	}
	q, ok := byName[name]
	if !ok {
		q = joinName(from, name)
		byName[strings.Clone(name)] = q
	}
	return q
}

func newResolver(m *Module, module string, ns *Names, opts []ResolverOption) *Resolver {
	r := &Resolver{module: module}
	for _, o := range opts {
		if o == FirstImportWins {
			r.firstWins = true
		}
	}
	scratch := bindScratch.Get().(*[]binding)
	binds := (*scratch)[:0]
	bind := func(local, q string) { binds = append(binds, binding{local, q}) }
	src := ""
	if m.File != nil {
		src = m.File.Source()
	}
	eachImport(src, m.Body, func(s Stmt) {
		switch x := s.(type) {
		case *Import:
			for _, a := range x.Names {
				if a.Asname != "" {
					bind(a.Asname, a.Name)
				} else {
					// "import a.b.c" binds a, which then names module a.
					first, _, _ := strings.Cut(a.Name, ".")
					bind(first, first)
				}
			}
		case *ImportFrom:
			from := r.absolute(x.Module, x.Level)
			for _, a := range x.Names {
				if a.Name == "*" {
					r.stars = append(r.stars, from)
					continue
				}
				local := a.Name
				if a.Asname != "" {
					local = a.Asname
				}
				bind(local, ns.qualified(from, a.Name))
			}
		}
	})
	slices.SortStableFunc(binds, func(a, b binding) int { return strings.Compare(a.local, b.local) })
	if len(binds) > 0 {
		r.binds = make([]binding, len(binds))
		copy(r.binds, binds)
	}
	clear(binds)
	*scratch = binds[:0]
	bindScratch.Put(scratch)
	for _, b := range r.binds {
		bit := nameBit(b.local)
		r.bound[bit/64] |= 1 << (bit % 64)
	}
	return r
}

// bindScratch holds the lists NewResolver collects imports in before it
// copies them out at their length: the resolver lives as long as the
// module's tree, and a list grown by append kept up to twice its room.
var bindScratch = sync.Pool{New: func() any { return new([]binding) }}

// nameBit is a cheap hash of a local name onto the 256 bits of
// Resolver.bound, from its length and its first and last bytes.
func nameBit(name string) uint {
	if name == "" {
		return 0
	}
	return (uint(len(name))*131 + uint(name[0])*31 + uint(name[len(name)-1])) % 256
}

// eachImport calls f for each import statement in body and the blocks
// nested in it, definitions included, in source order. Imports are
// statements, so expressions, most of a tree, need no visit; and a
// statement whose text, in src, does not hold the word import holds no
// import statement, so its blocks need none either: most functions and
// classes of a module import nothing, and walking their statements was
// most of the cost of a resolver.
func eachImport(src string, body []Stmt, f func(Stmt)) {
	for _, s := range body {
		switch s := s.(type) {
		case *Import, *ImportFrom:
			f(s)
			continue
		}
		if !mayImport(src, s) {
			continue
		}
		switch s := s.(type) {
		case *FunctionDef:
			eachImport(src, s.Body, f)
		case *ClassDef:
			eachImport(src, s.Body, f)
		case *If:
			eachImport(src, s.Body, f)
			eachImport(src, s.Orelse, f)
		case *For:
			eachImport(src, s.Body, f)
			eachImport(src, s.Orelse, f)
		case *While:
			eachImport(src, s.Body, f)
			eachImport(src, s.Orelse, f)
		case *With:
			eachImport(src, s.Body, f)
		case *Try:
			eachImport(src, s.Body, f)
			for _, h := range s.Handlers {
				eachImport(src, h.Body, f)
			}
			eachImport(src, s.Orelse, f)
			eachImport(src, s.Finalbody, f)
		case *Match:
			for _, c := range s.Cases {
				eachImport(src, c.Body, f)
			}
		}
	}
}

// mayImport reports whether statement s may hold an import statement:
// whether its text holds the word import. Without a text for its span
// it may.
func mayImport(src string, s Stmt) bool {
	from, to := int(s.Pos())-1, int(s.End())-1
	if from < 0 || to > len(src) || from >= to {
		return true
	}
	return strings.Contains(src[from:to], "import")
}

// absolute resolves "from ..pkg import" against the module's package.
func (r *Resolver) absolute(module string, level int) string {
	if level == 0 {
		return module
	}
	if r.module == "" {
		return strings.Repeat(".", level) + module
	}
	parts := strings.Split(r.module, ".")
	// the module's own package is parts[:len-1]; each extra dot goes up one
	keep := len(parts) - level
	if keep < 0 {
		keep = 0
	}
	return joinName(strings.Join(parts[:keep], "."), module)
}

func joinName(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "." + b
}

// QualifiedName returns the dotted name e refers to through an import:
// e must be a Name or a chain of Attributes on a Name, and the Name must
// be bound by an import. Otherwise it returns "" and false.
func (r *Resolver) QualifiedName(e Expr) (string, bool) {
	var attrs []string
	for {
		switch x := e.(type) {
		case *Attribute:
			attrs = append(attrs, x.Attr)
			e = x.Value
			continue
		case *Name:
			q, ok := r.Lookup(x.ID)
			if !ok {
				return "", false
			}
			slices.Reverse(attrs)
			return joinChain(q, attrs), true
		}
		return "", false
	}
}

// CalleeName is QualifiedName of a call's function.
func (r *Resolver) CalleeName(c *Call) (string, bool) { return r.QualifiedName(c.Func) }

// Lookup returns what a local name is bound to by an import: the last
// import of the name, or the first with FirstImportWins.
func (r *Resolver) Lookup(name string) (string, bool) {
	qs := r.imports(name)
	switch {
	case len(qs) == 0:
		return "", false
	case r.firstWins:
		return qs[0].qname, true
	}
	return qs[len(qs)-1].qname, true
}

// imports returns the imports of name, in source order.
func (r *Resolver) imports(name string) []binding {
	if bit := nameBit(name); r.bound[bit/64]&(1<<(bit%64)) == 0 {
		return nil
	}
	i, found := slices.BinarySearchFunc(r.binds, name, func(b binding, name string) int { return strings.Compare(b.local, name) })
	if !found {
		return nil
	}
	j := i + 1
	for j < len(r.binds) && r.binds[j].local == name {
		j++
	}
	return r.binds[i:j]
}

// Bindings returns every qualified name the file's imports bind name to,
// in source order: more than one for conditional imports such as
// try/except ImportError fallbacks.
func (r *Resolver) Bindings(name string) []string {
	qs := r.imports(name)
	if qs == nil {
		return nil
	}
	out := make([]string, len(qs))
	for i, b := range qs {
		out[i] = b.qname
	}
	return out
}

// All yields each imported local name, in sorted order, with what Lookup
// returns for it.
func (r *Resolver) All() iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for i := 0; i < len(r.binds); {
			local := r.binds[i].local
			qs := r.imports(local)
			q := qs[len(qs)-1].qname
			if r.firstWins {
				q = qs[0].qname
			}
			if !yield(local, q) {
				return
			}
			i += len(qs)
		}
	}
}

// StarImports returns the modules imported with "from m import *".
func (r *Resolver) StarImports() []string { return r.stars }

// DottedName returns the source spelling of a Name or Attribute chain,
// such as "request.GET.get", without resolving imports.
func DottedName(e Expr) (string, bool) {
	root, attrs := Chain(e)
	if root == nil {
		return "", false
	}
	return joinChain(root.ID, attrs), true
}

// Chain splits a Name or Attribute chain into its root Name and the
// attributes after it, outermost last; root is nil when e is not such a
// chain. It loops rather than recursing, so the cost of a chain is its
// length, however long.
func Chain(e Expr) (root *Name, attrs []string) {
	for {
		switch x := e.(type) {
		case *Name:
			slices.Reverse(attrs)
			return x, attrs
		case *Attribute:
			attrs = append(attrs, x.Attr)
			e = x.Value
		default:
			return nil, nil
		}
	}
}

func joinChain(root string, attrs []string) string {
	if len(attrs) == 0 {
		return root
	}
	return root + "." + strings.Join(attrs, ".")
}

// ModuleName returns the dotted module name of a .py file relative to the
// directory its top-level package lives in, in the form NewResolver
// expects: root/blog/views.py is "blog.views" and root/blog/__init__.py is
// "blog.__init__". It returns "" if path is not under root.
func ModuleName(root, path string) string {
	rel, err := filepath.Rel(root, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	rel = strings.TrimSuffix(strings.TrimSuffix(rel, ".pyi"), ".py")
	return strings.ReplaceAll(filepath.ToSlash(rel), "/", ".")
}
