package code

import (
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
	if len(subs) == 0 || usedDirectly(prog, c) {
		return false
	}
	return listsOwnFields(prog, subs, 0)
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
	name := class.Name
	for _, m := range prog.Modules {
		if inTests(m) || !bytesearch.Contains(m.Content(), name) {
			continue
		}
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
		if used {
			return true
		}
	}
	return false
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
