package python

import (
	"path/filepath"
	"strings"
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
type Resolver struct {
	module   string            // dotted module name, "" if unknown
	bindings map[string]string // local name -> qualified name
	stars    []string          // modules imported with "from m import *"
}

// NewResolver collects the imports of m. module is the module's dotted
// name ("myapp.views"); for a package's __init__.py pass
// "myapp.__init__" so that relative imports resolve against "myapp".
// With module "", relative imports resolve to names with leading dots.
func NewResolver(m *Module, module string) *Resolver {
	r := &Resolver{module: module, bindings: make(map[string]string)}
	Inspect(m, func(n Node) bool {
		switch x := n.(type) {
		case *Import:
			for _, a := range x.Names {
				if a.Asname != "" {
					r.bindings[a.Asname] = a.Name
				} else {
					// "import a.b.c" binds a, which then names module a.
					first, _, _ := strings.Cut(a.Name, ".")
					r.bindings[first] = first
				}
			}
			return false
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
				r.bindings[local] = joinName(from, a.Name)
			}
			return false
		}
		return true
	})
	return r
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
			q, ok := r.bindings[x.ID]
			if !ok {
				return "", false
			}
			for i := len(attrs) - 1; i >= 0; i-- {
				q += "." + attrs[i]
			}
			return q, true
		}
		return "", false
	}
}

// CalleeName is QualifiedName of a call's function.
func (r *Resolver) CalleeName(c *Call) (string, bool) { return r.QualifiedName(c.Func) }

// Lookup returns what a local name is bound to by an import.
func (r *Resolver) Lookup(name string) (string, bool) {
	q, ok := r.bindings[name]
	return q, ok
}

// StarImports returns the modules imported with "from m import *".
func (r *Resolver) StarImports() []string { return r.stars }

// DottedName returns the source spelling of a Name or Attribute chain,
// such as "request.GET.get", without resolving imports.
func DottedName(e Expr) (string, bool) {
	switch x := e.(type) {
	case *Name:
		return x.ID, true
	case *Attribute:
		if s, ok := DottedName(x.Value); ok {
			return s + "." + x.Attr, true
		}
	}
	return "", false
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
