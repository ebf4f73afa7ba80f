package access

import (
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/taint"
)

// capability finds a view reached by an unguessable id: a uuid (or a
// parameter named as a key or token, or one the view looks up by a key
// the model draws at random, see randomKey) in the URL that the view
// looks its object up by, or such a key that the query string carries.
// Whoever knows the URL may act; that is the design of ping URLs and of
// links sent by e-mail.
func (a *analyzer) capability(v *View, params map[string]string) (Guard, bool) {
	var def python.Node
	var m *taint.Module
	switch {
	case v.Func != nil:
		def, m = v.Func.Def(), v.Func.Module
	case v.Class != nil:
		def, m = v.Class.Def(), v.Class.Module
	default:
		return Guard{}, false
	}
	names := make([]string, 0, len(params))
	for n := range params {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		conv := params[name]
		if conv == "int" {
			continue
		}
		// once per view and parameter: a view may have thousands of routes
		at := a.prog.Memo(capabilityKey{def, name, conv}, func() any { return a.unguessableLookup(m, def, name, conv) }).(*python.Keyword)
		if at != nil {
			return Guard{Kind: Capability, What: "the object is looked up by the unguessable <" + conv + ":" + name + "> in the URL", Where: m.Location(at)}, true
		}
	}
	if at := a.prog.Memo(queryCapabilityKey{def}, func() any { return a.queryTokenLookup(m, def) }).(*python.Keyword); at != nil {
		return Guard{Kind: Capability, What: "the object is looked up by the unguessable " + lookupField(at.Arg) + " the query string carries", Where: m.Location(at)}, true
	}
	return Guard{}, false
}

type queryCapabilityKey struct{ def python.Node }

// queryTokenLookup returns the keyword of a lookup in def by a value the
// query string carries (request.GET.get("auth_code"), or a name def binds
// to one) into a field that the model fills with random text. A link
// mailed to a prize winner (?auth_code=...) selects the row by it as a
// URL's token would.
func (a *analyzer) queryTokenLookup(m *taint.Module, def python.Node) *python.Keyword {
	fromQuery := map[string]bool{} // names def binds to a query parameter
	python.Inspect(def, func(n python.Node) bool {
		if as, ok := n.(*python.Assign); ok && len(as.Targets) == 1 && queryParamRead(as.Value) {
			if nm, ok := as.Targets[0].(*python.Name); ok {
				fromQuery[nm.ID] = true
			}
		}
		return true
	})
	var at *python.Keyword
	python.Inspect(def, func(n python.Node) bool {
		if c, ok := n.(*python.Call); ok && at == nil {
			for _, k := range c.Keywords {
				nm, isName := k.Value.(*python.Name)
				if k.Arg == "" || !queryParamRead(k.Value) && !(isName && fromQuery[nm.ID]) {
					continue
				}
				if a.randomKey(m, c, lookupField(k.Arg)) {
					at = k
				}
			}
		}
		return at == nil
	})
	return at
}

// queryParamRead reports a read of one query parameter:
// request.GET.get("code"), request.GET["code"], request.query_params.get(...).
func queryParamRead(e python.Expr) bool {
	var of python.Expr
	switch x := e.(type) {
	case *python.Subscript:
		of = x.Value
	case *python.Call:
		if f, ok := x.Func.(*python.Attribute); ok && f.Attr == "get" && len(x.Args) > 0 {
			of = f.Value
		}
	}
	q, ok := of.(*python.Attribute)
	if !ok || q.Attr != "GET" && q.Attr != "query_params" {
		return false
	}
	r, ok := q.Value.(*python.Name)
	return ok && r.ID == "request" || isSelfAttr(q.Value, "request")
}

// isSelfAttr reports self.name.
func isSelfAttr(e python.Expr, name string) bool {
	a, ok := e.(*python.Attribute)
	if !ok || a.Attr != name {
		return false
	}
	s, ok := a.Value.(*python.Name)
	return ok && s.ID == "self"
}

// lookupField returns the field of a lookup keyword: auth_code for
// auth_code__iexact.
func lookupField(arg string) string {
	for _, suffix := range []string{"__exact", "__iexact"} {
		if f, ok := strings.CutSuffix(arg, suffix); ok {
			return f
		}
	}
	return arg
}

// urlParamRead reports a read of the URL parameter name: the view's
// argument, or self.kwargs["name"] (also kwargs["name"], .get("name")) in
// a class-based view.
func urlParamRead(e python.Expr, name string) bool {
	switch x := e.(type) {
	case *python.Name:
		return x.ID == name
	case *python.Subscript:
		k, ok := x.Slice.(*python.Constant)
		return ok && k.Value == name && kwargsOf(x.Value)
	case *python.Call:
		f, ok := x.Func.(*python.Attribute)
		if !ok || f.Attr != "get" || len(x.Args) == 0 {
			return false
		}
		k, ok := x.Args[0].(*python.Constant)
		return ok && k.Value == name && kwargsOf(f.Value)
	}
	return false
}

// kwargsOf reports self.kwargs or kwargs: a view's URL parameters.
func kwargsOf(e python.Expr) bool {
	if n, ok := e.(*python.Name); ok {
		return n.ID == "kwargs"
	}
	return isSelfAttr(e, "kwargs")
}

type capabilityKey struct {
	def        python.Node
	name, conv string
}

// unguessableLookup returns the keyword of a lookup in def by the URL
// parameter name when that parameter is unguessable (a uuid, a name that
// says token or key) or the field it selects by is (named for a secret:
// secret_id; filled by the model with random text), or nil. The
// parameter is read as the view's argument or from self.kwargs.
func (a *analyzer) unguessableLookup(m *taint.Module, def python.Node, name, conv string) *python.Keyword {
	secret := conv == "uuid" || secretParamRE().MatchString(name)
	var at *python.Keyword
	python.Inspect(def, func(n python.Node) bool {
		if c, ok := n.(*python.Call); ok && at == nil {
			for _, k := range c.Keywords {
				if !urlParamRead(k.Value, name) {
					continue
				}
				if field := lookupField(k.Arg); secret || secretParamRE().MatchString(field) || a.randomKey(m, c, field) {
					at = k
				}
			}
		}
		return at == nil
	})
	return at
}
