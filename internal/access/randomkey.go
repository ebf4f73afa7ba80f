package access

import (
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/taint"
)

// A URL may select its object by a key the site made unguessable: a
// primary key that is a random uuid4 or a random string the model draws
// when it is first saved (a donor's manage-donations link sent by mail).
// Whoever knows the URL may act on the object, as with a <uuid:...>.

// randomGenerators are the functions whose results cannot be guessed.
var randomGenerators = map[string]bool{
	"uuid4": true, "get_random_string": true, "token_urlsafe": true, "token_hex": true,
	"get_random_secret_key": true, "urandom": true, "make_random_password": true,
}

// randomKey reports whether the keyword field of a lookup call
// (get_object_or_404(Hero, pk=hero), Hero.objects.get(pk=hero)) is a
// field of the project model that the model fills with a random value.
func (a *analyzer) randomKey(m *taint.Module, call *python.Call, field string) bool {
	model := a.lookupModel(m, call)
	if model == nil {
		return false
	}
	// once per model and field: every lookup of every route asks
	return a.prog.Memo(randomKeyKey{model, field}, func() any {
		for _, c := range a.lineage(model) {
			if name, def, ok := keyField(c, field); ok {
				return a.random(c.Module, def, 0) || a.savesRandom(model, name)
			}
		}
		return false
	}).(bool)
}

type randomKeyKey struct {
	model *taint.Class
	field string
}

// lineage returns a class and its project bases, nearest first, at most
// 32 of them: a model's key may come from any of its bases (an abstract
// model behind a mixin).
func (a *analyzer) lineage(c *taint.Class) []*taint.Class {
	if c == nil {
		return nil
	}
	out := []*taint.Class{c}
	seen := map[*taint.Class]bool{c: true}
	for i := 0; i < len(out) && len(out) < 32; i++ {
		for _, b := range out[i].Bases {
			if bc := lookupClass(a.prog, out[i].Module, b); bc != nil && !seen[bc] {
				seen[bc] = true
				out = append(out, bc)
			}
		}
	}
	return out
}

// lookupModel returns the project model a lookup call reads:
// get_object_or_404's first argument, or the class before .objects.
func (a *analyzer) lookupModel(m *taint.Module, call *python.Call) *taint.Class {
	var model python.Expr
	switch lastName(m.QualName(call.Func)) {
	case "get_object_or_404", "get_list_or_404":
		if len(call.Args) > 0 {
			model = call.Args[0]
		}
	case "get", "filter":
		if at, ok := call.Func.(*python.Attribute); ok {
			if objs, ok := at.Value.(*python.Attribute); ok && objs.Attr == "objects" {
				model = objs.Value
			}
		}
	}
	if model == nil {
		return nil
	}
	return lookupClass(a.prog, m, m.QualName(model))
}

// keyField finds the field a lookup keyword names in a class body: pk is
// the field declared primary_key=True, any other name the field of that
// name. It returns the field's name and its default= (nil when none).
func keyField(c *taint.Class, field string) (string, python.Expr, bool) {
	for _, s := range c.Def().Body {
		as, ok := s.(*python.Assign)
		if !ok || len(as.Targets) != 1 {
			continue
		}
		nm, ok := as.Targets[0].(*python.Name)
		decl, ok2 := as.Value.(*python.Call)
		if !ok || !ok2 {
			continue
		}
		var def python.Expr
		primary := false
		for _, k := range decl.Keywords {
			switch k.Arg {
			case "default":
				def = k.Value
			case "primary_key":
				if c, ok := k.Value.(*python.Constant); ok && c.Value == true {
					primary = true
				}
			}
		}
		if nm.ID == field || field == "pk" && primary {
			return nm.ID, def, true
		}
	}
	return "", nil, false
}

// random reports whether an expression is, or calls, a random generator:
// uuid.uuid4, get_random_string(12), or a project function that returns
// one of them.
func (a *analyzer) random(m *taint.Module, e python.Expr, depth int) bool {
	if e == nil || depth > 2 {
		return false
	}
	if c, ok := e.(*python.Call); ok {
		e = c.Func
	}
	q := m.QualName(e)
	if randomGenerators[lastName(q)] {
		return true
	}
	f := lookupFunc(a.prog, m, q)
	if f == nil {
		return false
	}
	found := false
	python.Inspect(f.Def(), func(n python.Node) bool {
		if r, ok := n.(*python.Return); ok && !found {
			found = a.random(f.Module, r.Value, depth+1)
		}
		return !found
	})
	return found
}

// savesRandom reports whether the class's save() gives the field a random
// value: if not self.id: self.id = get_fundraising_id().
func (a *analyzer) savesRandom(model *taint.Class, field string) bool {
	for _, c := range a.lineage(model) {
		save := c.Methods["save"]
		if save == nil {
			continue
		}
		found := false
		python.Inspect(save.Def(), func(n python.Node) bool {
			as, ok := n.(*python.Assign)
			if !ok || found {
				return !found
			}
			for _, t := range as.Targets {
				if at, ok := t.(*python.Attribute); ok && at.Attr == field && dotted(at.Value) == "self" && a.random(c.Module, as.Value, 0) {
					found = true
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}
