package code

import (
	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/taint"
)

// baseOnly reports a form class the project uses only as a base: it has
// subclasses, every one of them lists its own fields in its Meta (or is
// such a base itself), and no code builds the class or names it as a
// view's form_class. Its Meta.fields = "__all__" is then never the list a
// submitted form is bound with.
func baseOnly(prog *taint.Program, c *taint.Class) bool {
	subs := subclassesOf(prog, c)
	nested := nestedSubclasses(prog, c)
	if len(subs)+len(nested) == 0 || usedDirectly(prog, c) {
		return false
	}
	return listsOwnFields(prog, subs, 0) && nestedListOwnFields(nested, 0)
}

// nestedClass is a class statement inside another class or a function,
// which the program's tables (module-level classes) do not hold: the
// forms of django-smartmin's CRUDL actions (class Create(...): class
// Form(BaseFlowForm): ...).
type nestedClass struct {
	m   *taint.Module
	def *python.ClassDef
}

// nestedSubclasses returns the nested class statements outside tests
// that name c as a base.
func nestedSubclasses(prog *taint.Program, c *taint.Class) []nestedClass {
	var out []nestedClass
	for _, m := range prog.Modules {
		if inTests(m) || !bytesearch.Contains(m.Content(), c.Name) {
			continue
		}
		eachNestedClass(m.Tree().Body, func(d *python.ClassDef) {
			for _, b := range d.Bases {
				if refersTo(b, c.Name) && access.LookupClass(prog, m, m.QualName(b)) == c {
					out = append(out, nestedClass{m, d})
					return
				}
			}
		})
	}
	return out
}

// eachNestedClass calls fn for every class statement that is not at the
// top of its module.
func eachNestedClass(body []python.Stmt, fn func(*python.ClassDef)) {
	var walk func(n python.Node, nested bool) bool
	walk = func(n python.Node, nested bool) bool {
		switch x := n.(type) {
		case *python.ClassDef:
			if nested {
				fn(x)
			}
			for _, s := range x.Body {
				python.Inspect(s, func(n python.Node) bool { return walk(n, true) })
			}
			return false
		case *python.FunctionDef:
			for _, s := range x.Body {
				python.Inspect(s, func(n python.Node) bool { return walk(n, true) })
			}
			return false
		}
		return true
	}
	for _, s := range body {
		python.Inspect(s, func(n python.Node) bool { return walk(n, false) })
	}
}

// nestedListOwnFields is listsOwnFields for nested classes: each lists
// its own fields in its Meta, or is a base only of nested classes of its
// module that do and is not itself built or handed on there.
func nestedListOwnFields(classes []nestedClass, depth int) bool {
	if depth > 4 {
		return false
	}
	for _, n := range classes {
		if v, _ := metaAssign(n.def, "fields"); v != nil {
			if str, ok := constStr(v); !ok || str != "__all__" {
				continue
			}
			return false
		}
		if _, a := metaAssign(n.def, "exclude"); a != nil {
			continue
		}
		var more []nestedClass
		eachNestedClass(n.m.Tree().Body, func(d *python.ClassDef) {
			for _, b := range d.Bases {
				if refersTo(b, n.def.Name) {
					more = append(more, nestedClass{n.m, d})
					return
				}
			}
		})
		if len(more) == 0 || usedIn(n.m, n.def.Name) || !nestedListOwnFields(more, depth+1) {
			return false
		}
	}
	return true
}

// listsOwnFields reports whether every class of subs sets Meta.fields to a
// list (or exclude), or is a base only whose subclasses do, up to a few
// levels down.
func listsOwnFields(prog *taint.Program, subs []*taint.Class, depth int) bool {
	if depth > 4 {
		return false
	}
	for _, s := range subs {
		if v, _ := metaAssign(s.Def(), "fields"); v != nil {
			if str, ok := constStr(v); !ok || str != "__all__" {
				continue
			}
			return false
		}
		if _, a := metaAssign(s.Def(), "exclude"); a != nil {
			continue
		}
		more := subclassesOf(prog, s)
		if len(more) == 0 || usedDirectly(prog, s) || !listsOwnFields(prog, more, depth+1) {
			return false
		}
	}
	return true
}

// subclassesOf returns the project's classes that name c as a base.
func subclassesOf(prog *taint.Program, c *taint.Class) []*taint.Class {
	var out []*taint.Class
	for _, k := range prog.Classes {
		for _, b := range k.Bases {
			if classOf(prog, k.Module, b) == c {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

// usedDirectly reports code outside tests that builds the class (Form(...))
// or hands it on as a value (form_class = Form, get_form_class returning
// it), rather than naming it as a base.
func usedDirectly(prog *taint.Program, class *taint.Class) bool {
	for _, m := range prog.Modules {
		if !inTests(m) && bytesearch.Contains(m.Content(), class.Name) && usedIn(m, class.Name) {
			return true
		}
	}
	return false
}

// usedIn reports code of module m that builds a class of that name or
// hands it on as a value (usedDirectly).
func usedIn(m *taint.Module, name string) bool {
	used := false
	python.Inspect(m.Tree(), func(n python.Node) bool {
		if used {
			return false
		}
		switch x := n.(type) {
		case *python.ClassDef:
			// its bases name the class; its body may use it
			for _, s := range x.Body {
				python.Inspect(s, func(n python.Node) bool {
					used = used || valueUse(n, name)
					return !used
				})
			}
			for _, d := range x.DecoratorList {
				used = used || refersTo(d, name)
			}
			return false
		default:
			used = used || valueUse(n, name)
		}
		return !used
	})
	return used
}

// valueUse reports a node that builds the class or passes it as a value.
func valueUse(n python.Node, name string) bool {
	switch x := n.(type) {
	case *python.Call:
		if refersTo(x.Func, name) {
			return true
		}
		if f, ok := x.Func.(*python.Name); ok && (f.ID == "super" || f.ID == "isinstance" || f.ID == "issubclass") {
			return false // super(Form, self), isinstance(form, Form): no form is built
		}
		for _, a := range x.Args {
			if refersTo(a, name) {
				return true
			}
		}
		for _, k := range x.Keywords {
			if refersTo(k.Value, name) {
				return true
			}
		}
	case *python.Assign:
		return refersTo(x.Value, name)
	case *python.Return:
		return x.Value != nil && refersTo(x.Value, name)
	}
	return false
}
