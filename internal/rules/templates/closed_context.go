package templates

import (
	"strings"

	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
)

// closedClassContext reports a class-based view whose context djsec can
// list in full, so that a name it does not set renders empty: every base
// is one of Django's own views or mixins (which set only the keys
// genericKeys names, the model's, and the URL's captures, see
// urlContextNames), and its get_context_data, if it has one, writes only
// literal keys into the dict it returns:
//
//	class SiteView(TemplateView):
//	    template_name = "site.html"
//	    def get_context_data(self, **kwargs):
//	        context = super().get_context_data(**kwargs)
//	        context["years"] = ...
//	        return context
func closedClassContext(c *python.ClassDef, gcd *python.FunctionDef, res *python.Resolver) bool {
	if len(c.Bases) == 0 || len(c.Keywords) > 0 {
		return false
	}
	for _, b := range c.Bases {
		q, ok := res.QualifiedName(b)
		if !ok || !djangoViewClass(q) {
			return false
		}
	}
	for _, st := range c.Body {
		if fn, ok := st.(*python.FunctionDef); ok && fn != gcd && addsContext(fn) {
			return false
		}
	}
	return gcd == nil || closedContextFunc(gcd)
}

// addsContext reports a method that may give the template keys of its
// own: it overrides get_context_object_name, passes keywords to
// get_context_data (self.get_context_data(form=form, step=2)), or renders
// a response itself.
func addsContext(fn *python.FunctionDef) bool {
	if fn.Name == "get_context_object_name" {
		return true
	}
	found := false
	python.Inspect(fn, func(n python.Node) bool {
		c, ok := n.(*python.Call)
		if !ok || found {
			return !found
		}
		switch funcName(c.Func) {
		case "get_context_data":
			for _, k := range c.Keywords {
				found = found || k.Arg != ""
			}
		case "render_to_response", "render", "TemplateResponse", "render_to_string":
			found = true
		}
		return !found
	})
	return found
}

// djangoViewClass reports a class of Django's views and access mixins.
func djangoViewClass(q string) bool {
	for _, p := range []string{"django.views.", "django.contrib.auth.mixins."} {
		if strings.HasPrefix(q, p) {
			return true
		}
	}
	return false
}

// closedContextFunc reports a get_context_data that binds one name to the
// bases' context (super().get_context_data(**kwargs)) or a dict literal,
// uses it only to set, read or update literal keys, and returns it.
func closedContextFunc(fn *python.FunctionDef) bool {
	ctx := ""
	for _, s := range fn.Body {
		as, ok := s.(*python.Assign)
		if !ok || len(as.Targets) != 1 {
			continue
		}
		n, ok := as.Targets[0].(*python.Name)
		if ok && (superContext(as.Value) || isDict(as.Value)) {
			ctx = n.ID
			break
		}
	}
	if ctx == "" {
		return false
	}
	closed, returned := true, false
	var visit func(n python.Node) bool
	visit = func(n python.Node) bool {
		if !closed {
			return false
		}
		switch x := n.(type) {
		case *python.FunctionDef, *python.Lambda, *python.ClassDef:
			// a nested function may take the dict anywhere
			closed = !python.ReadsName(x, ctx)
			return false
		case *python.Return:
			if nm, ok := x.Value.(*python.Name); ok && nm.ID == ctx {
				returned = true
				return false
			}
		case *python.Assign:
			if len(x.Targets) == 1 {
				if nm, ok := x.Targets[0].(*python.Name); ok && nm.ID == ctx {
					// bound once, at the start
					closed = superContext(x.Value) || isDict(x.Value)
					return false
				}
			}
		case *python.Subscript:
			if nm, ok := x.Value.(*python.Name); ok && nm.ID == ctx {
				if _, lit := strConst(x.Slice); !lit {
					closed = false
				}
				python.Inspect(x.Slice, visit)
				return false
			}
		case *python.Call:
			if a, ok := x.Func.(*python.Attribute); ok {
				if nm, ok := a.Value.(*python.Name); ok && nm.ID == ctx {
					closed = closedMethodCall(a.Attr, x)
					for _, e := range x.Args {
						python.Inspect(e, visit)
					}
					for _, k := range x.Keywords {
						python.Inspect(k.Value, visit)
					}
					return false
				}
			}
		case *python.Name:
			// any other use: passed to a helper, spread, aliased
			if x.ID == ctx {
				closed = false
			}
		}
		return true
	}
	for _, s := range fn.Body {
		python.Inspect(s, visit)
	}
	return closed && returned
}

// closedMethodCall reports a method call of the context dict that sets
// or reads literal keys only: get("k"), setdefault("k", v), update(k=v),
// update({"k": v}).
func closedMethodCall(method string, c *python.Call) bool {
	switch method {
	case "get", "setdefault", "pop":
		if len(c.Args) == 0 {
			return false
		}
		_, ok := strConst(c.Args[0])
		return ok
	case "update":
		for _, k := range c.Keywords {
			if k.Arg == "" {
				return false // **extra
			}
		}
		for _, a := range c.Args {
			d, ok := a.(*python.Dict)
			if !ok {
				return false
			}
			for _, k := range d.Keys {
				if _, ok := strConst(k); !ok {
					return false
				}
			}
		}
		return true
	}
	return false
}

// superContext reports super().get_context_data(**kwargs), or with the
// class named: super(SiteView, self).get_context_data(**kwargs).
func superContext(e python.Expr) bool {
	c, ok := e.(*python.Call)
	if !ok {
		return false
	}
	a, ok := c.Func.(*python.Attribute)
	if !ok || a.Attr != "get_context_data" {
		return false
	}
	s, ok := a.Value.(*python.Call)
	return ok && funcName(s.Func) == "super"
}

func isDict(e python.Expr) bool {
	d, ok := e.(*python.Dict)
	if !ok {
		return false
	}
	for _, k := range d.Keys {
		if _, ok := strConst(k); !ok {
			return false // {**base}: keys djsec cannot list
		}
	}
	return true
}

// urlContextNames returns the names the URLconf may put in a class-based
// view's context: what its patterns capture (<slug:name>, (?P<name>...))
// and the keys of the dicts it passes (path(..., {"name": ...}),
// as_view(extra_context={"name": ...})). A TemplateView hands its URL
// keyword arguments to the template.
func urlContextNames(p *project.Project) map[string]bool {
	return p.Memo("rules/templates.urlContextNames", func() any {
		out := map[string]bool{}
		for _, f := range p.Named(project.Python) {
			data, err := f.Content()
			if err != nil || !strings.Contains(string(data), "urlpatterns") {
				continue
			}
			for _, re := range []lazyre.Regexp{urlCaptureRE, urlDictKeyRE} {
				for _, m := range re().FindAllSubmatch(data, -1) {
					out[string(m[1])] = true
				}
			}
		}
		return out
	}).(map[string]bool)
}

var (
	urlCaptureRE = lazyre.New(`<(?:\w+:)?(\w+)>`)
	urlDictKeyRE = lazyre.New(`["'](\w+)["']\s*:`)
)
