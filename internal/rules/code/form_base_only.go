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
	return listsOwnFields(prog, subs, 0) && nestedListOwnFields(prog, nested, map[*taint.Module]map[string][]nestedClass{}, 0)
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

// nestedByBase returns a module's nested classes by the last name of
// each of their bases.
func nestedByBase(m *taint.Module) map[string][]nestedClass {
	out := map[string][]nestedClass{}
	eachNestedClass(m.Tree().Body, func(d *python.ClassDef) {
		for _, b := range d.Bases {
			if n := lastName(access.Dotted(b)); n != "" {
				out[n] = append(out[n], nestedClass{m, d})
			}
		}
	})
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
// module that do and is not itself built or handed on there. byBase keeps
// each module's nested classes by the names of their bases, found once.
func nestedListOwnFields(prog *taint.Program, classes []nestedClass, byBase map[*taint.Module]map[string][]nestedClass, depth int) bool {
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
		if byBase[n.m] == nil {
			byBase[n.m] = nestedByBase(n.m)
		}
		more := byBase[n.m][n.def.Name]
		if len(more) == 0 || usedIn(prog, n.m, n.def.Name) || !nestedListOwnFields(prog, more, byBase, depth+1) {
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
		if !inTests(m) && bytesearch.Contains(m.Content(), class.Name) && usedIn(prog, m, class.Name) {
			return true
		}
	}
	return false
}

// usedIn reports code of module m that builds a class of that name or
// hands it on as a value (usedDirectly).
func usedIn(prog *taint.Program, m *taint.Module, name string) bool { return valueNames(prog, m)[name] }

type valueNamesKey struct{ m *taint.Module }

// valueNames returns the names module m uses as values: what
// it calls, passes, assigns or returns, and the decorators of its
// classes, but not their bases. Found once per module: every form class
// asked it of the modules that name it.
func valueNames(prog *taint.Program, m *taint.Module) map[string]bool {
	return prog.Memo(valueNamesKey{m}, func() any {
		out := map[string]bool{}
		add := func(e python.Expr) {
			switch x := e.(type) {
			case *python.Name:
				out[x.ID] = true
			case *python.Attribute:
				out[x.Attr] = true
			}
		}
		python.Inspect(m.Tree(), func(n python.Node) bool {
			switch x := n.(type) {
			case *python.ClassDef:
				for _, d := range x.DecoratorList {
					add(d)
				}
			case *python.Call:
				add(x.Func)
				if f, ok := x.Func.(*python.Name); ok && (f.ID == "super" || f.ID == "isinstance" || f.ID == "issubclass") {
					break // super(Form, self), isinstance(form, Form): no form is built
				}
				for _, a := range x.Args {
					add(a)
				}
				for _, k := range x.Keywords {
					add(k.Value)
				}
			case *python.Assign:
				add(x.Value)
			case *python.Return:
				if x.Value != nil {
					add(x.Value)
				}
			}
			return true
		})
		return out
	}).(map[string]bool)
}
