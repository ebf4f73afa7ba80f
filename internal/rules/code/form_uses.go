package code

import (
	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/taint"
)

// searchForm reports whether the project uses a form class only to read
// search parameters: every use of its name outside tests builds it from
// the query string (SearchForm(request.GET), data=self.request.GET), and
// there is at least one. Such a ModelForm is never bound to a POST and
// saved, so the fields it accepts write nothing. Any other use (a view's
// form_class, a subclass, a form built from request.POST or passed on)
// counts as one that may save it.
func searchForm(prog *taint.Program, form *taint.Class) bool {
	searches, others := uses(prog, form)
	return searches > 0 && others == 0
}

// referenced reports whether any module outside tests names the class
// (a view's serializer_class, a call, a subclass, a nested field): one
// that nothing names is not used by any endpoint.
func referenced(prog *taint.Program, class *taint.Class) bool {
	searches, others := uses(prog, class)
	return searches+others > 0
}

// uses counts the places outside tests that name a class: calls that build
// it from the query string (searches), and every other mention (others).
func uses(prog *taint.Program, class *taint.Class) (searches, others int) {
	name := class.Name
	for _, m := range prog.Modules {
		if inTests(m) || !bytesearch.Contains(m.Content(), name) {
			continue
		}
		calls := map[python.Expr]bool{}
		python.Inspect(m.Tree(), func(n python.Node) bool {
			switch x := n.(type) {
			case *python.Call:
				if refersToClass(prog, m, x.Func, class) {
					calls[x.Func] = true
					if fromQuery(formData(x)) {
						searches++
					} else {
						others++
					}
				}
			case *python.Name, *python.Attribute:
				if e := n.(python.Expr); !calls[e] && refersToClass(prog, m, e, class) {
					others++
				}
			}
			return true
		})
	}
	return searches, others
}

// refersToClass reports whether e, as module m writes it, names class: by
// its name (refersTo) and, where the program holds another class of that
// name (two SiteSerializers in two apps), by what the name resolves to. A
// name that resolves to no class of the program may be either.
func refersToClass(prog *taint.Program, m *taint.Module, e python.Expr, class *taint.Class) bool {
	if !refersTo(e, class.Name) {
		return false
	}
	if classesNamed(prog)[class.Name] < 2 {
		return true
	}
	c := access.LookupClass(prog, m, m.QualName(e))
	return c == nil || c == class
}

// classesNamed counts the program's classes by their name.
func classesNamed(prog *taint.Program) map[string]int {
	return prog.Memo("rules/code.classesNamed", func() any {
		out := map[string]int{}
		for _, c := range prog.Classes {
			out[c.Name]++
		}
		return out
	}).(map[string]int)
}

// refersTo reports whether e names a class called name: Name or
// module.Name.
func refersTo(e python.Expr, name string) bool {
	switch x := e.(type) {
	case *python.Name:
		return x.ID == name
	case *python.Attribute:
		return x.Attr == name
	}
	return false
}

// formData returns the data a form is built from: its first positional
// argument or data=.
func formData(c *python.Call) python.Expr {
	if len(c.Args) > 0 {
		return c.Args[0]
	}
	return kw(c, "data")
}

// fromQuery reports whether e is the request's query string:
// request.GET, self.request.GET, or a copy of it.
func fromQuery(e python.Expr) bool {
	if c, ok := e.(*python.Call); ok {
		if a, ok := c.Func.(*python.Attribute); ok && (a.Attr == "copy" || a.Attr == "dict") {
			e = a.Value
		}
	}
	a, ok := e.(*python.Attribute)
	if !ok || a.Attr != "GET" {
		return false
	}
	switch v := a.Value.(type) {
	case *python.Name:
		return v.ID == "request"
	case *python.Attribute:
		return v.Attr == "request"
	}
	return false
}
