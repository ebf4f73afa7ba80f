package access

import (
	"slices"

	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/taint"
)

// objectViews are Django's generic views whose every handler reaches the
// object through get_object: a check there guards every request.
var objectViews = map[string]bool{
	"UpdateView": true, "DeleteView": true, "DetailView": true,
	"BaseUpdateView": true, "BaseDeleteView": true, "BaseDetailView": true,
}

// objectGetter collects, while a class view's hierarchy is walked, the
// get_object the view runs (the nearest class's) and whether every
// handler reaches the object through it.
type objectGetter struct {
	def      *python.FunctionDef
	mod      *taint.Module
	generic  bool // a base is one of objectViews
	bypassed bool // a handler of the project neither calls super() nor get_object
	// reaches caches, across views, whether a handler calls super() or
	// get_object: the handlers of a base are read for each view built on it.
	reaches map[*python.FunctionDef]bool
}

// method notes a method of a class of the hierarchy, nearest first.
func (o *objectGetter) method(m *taint.Module, def *python.FunctionDef) {
	switch {
	case def.Name == "get_object" && o.def == nil:
		o.def, o.mod = def, m
	case slices.Contains(httpMethods, def.Name) && !o.bypassed:
		reaches, ok := o.reaches[def]
		if !ok {
			reaches = callsAny(def, "get_object", "super")
			o.reaches[def] = reaches
		}
		o.bypassed = !reaches
	}
}

// base notes a library base class.
func (o *objectGetter) base(name string) {
	if objectViews[lastName(name)] {
		o.generic = true
	}
}

// guard returns the check get_object makes of the requesting user, and
// true, when every handler of the view runs it:
//
//	def get_object(self, queryset=None):
//	    obj = super().get_object(queryset=queryset)
//	    if obj.user == self.request.user or self.request.user.has_perm("camps.economy"):
//	        return obj
//	    raise Http404
//
// An update or delete view that works on another user's object is turned
// away before its form is shown or saved.
func (a *analyzer) objectGuard(o *objectGetter) (Guard, bool) {
	if o.def == nil || !o.generic || o.bypassed {
		return Guard{}, false
	}
	m, body := o.mod, o.def.Body
	checks := func(e python.Expr) bool { return a.testKind(m, e, 0) != "" }
	for i, s := range body {
		x, ok := s.(*python.If)
		if !ok {
			continue
		}
		k := a.testKind(m, x.Test, 0)
		if !isGuard(k) {
			continue
		}
		var guarded bool
		if negated(x.Test, checks) {
			guarded = denial(a.prog, m, x.Body, false)
		} else {
			guarded = returns(x.Body) && (denial(a.prog, m, x.Orelse, false) || denial(a.prog, m, body[i+1:], false))
		}
		if guarded {
			return Guard{Kind: k, What: checkWhat(k) + " in get_object", Where: m.Location(x)}, true
		}
	}
	for _, s := range body {
		if _, ok := s.(*python.Return); ok {
			break
		}
		if c := checkerCall(a.prog, m, s); c != nil {
			return Guard{Kind: Permission, What: "get_object passes the requester to " + lastName(m.QualName(c.Func)) +
				", which refuses unless a check lets it by", Where: m.Location(c)}, true
		}
	}
	return Guard{}, false
}

// checkerCall returns the call of statement s when it hands the requester
// to a project function that refuses by default: validate_access(
// self.request.user, obj), whose body lets the request by only through
// an early return (if obj.created_by == user: return) and ends by raising
// Http404 or PermissionDenied.
func checkerCall(prog *taint.Program, m *taint.Module, s python.Stmt) *python.Call {
	e, ok := s.(*python.ExprStmt)
	if !ok {
		return nil
	}
	c, ok := e.Value.(*python.Call)
	if !ok || !passesUser(c) {
		return nil
	}
	f := lookupFunc(prog, m, m.QualName(c.Func))
	if f == nil {
		return nil
	}
	body := f.Def().Body
	if len(body) < 2 {
		return nil
	}
	r, ok := body[len(body)-1].(*python.Raise)
	if !ok || r.Exc == nil {
		return nil
	}
	exc := r.Exc
	if call, ok := exc.(*python.Call); ok {
		exc = call.Func
	}
	switch lastName(f.Module.QualName(exc)) {
	case "Http404", "PermissionDenied", "NotFound":
	default:
		return nil
	}
	for _, st := range body[:len(body)-1] {
		if x, ok := st.(*python.If); ok && returns(x.Body) {
			return c // a way through, which the check decides
		}
	}
	return nil
}

// callsAny reports a function that calls one of the names, as a method
// (self.get_object()) or a function (super()).
func callsAny(def *python.FunctionDef, names ...string) bool {
	found := false
	python.Inspect(def, func(n python.Node) bool {
		if c, ok := n.(*python.Call); ok {
			name := ""
			switch f := c.Func.(type) {
			case *python.Name:
				name = f.ID
			case *python.Attribute:
				name = f.Attr
			}
			if slices.Contains(names, name) {
				found = true
			}
		}
		return !found
	})
	return found
}
