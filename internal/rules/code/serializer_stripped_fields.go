package code

import (
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/taint"
)

// strippedFields returns the fields a serializer's to_internal_value, its
// own or a base's of the project, deletes from the client's data before
// validating it: for field in self.system_generated_fields: del
// data[field], or data.pop("created_by", None). A client cannot set
// them through that serializer, whatever Meta.fields says.
func strippedFields(prog *taint.Program, c *taint.Class) map[string]bool {
	var classes []*taint.Class
	eachAncestor(prog, c, func(k *taint.Class, _ int) { classes = append(classes, k) })

	out := map[string]bool{}
	var attrs []string // class attributes whose names are stripped
	for _, k := range classes {
		for _, s := range k.Def().Body {
			if f, ok := s.(*python.FunctionDef); ok && f.Name == "to_internal_value" {
				for _, name := range deletedKeys(f, &attrs) {
					out[name] = true
				}
			}
		}
	}
	for _, attr := range attrs {
		// the subclass's own value first, as Python looks it up
		for _, k := range classes {
			if vs := classAttrAssigns(k.Def(), attr); len(vs) > 0 {
				for _, name := range constStrings(vs[len(vs)-1]) {
					out[name] = true
				}
				break
			}
		}
	}
	return out
}

// deletedKeys returns the literal keys to_internal_value f deletes from
// its data argument (del data["x"], data.pop("x", None)), and adds to
// attrs the class attributes it loops over to delete their names (for
// field in self.system_fields: del data[field]).
func deletedKeys(f *python.FunctionDef, attrs *[]string) []string {
	params := f.Args.Args
	if len(params) < 2 {
		return nil
	}
	data := params[1].Arg
	isData := func(e python.Expr) bool {
		n, ok := e.(*python.Name)
		return ok && n.ID == data
	}
	// the key a statement deletes from data: del data[k], data.pop(k, ...)
	deleted := func(s python.Node) python.Expr {
		switch x := s.(type) {
		case *python.Delete:
			for _, t := range x.Targets {
				if sub, ok := t.(*python.Subscript); ok && isData(sub.Value) {
					return sub.Slice
				}
			}
		case *python.Call:
			if at, ok := x.Func.(*python.Attribute); ok && at.Attr == "pop" && isData(at.Value) && len(x.Args) > 0 {
				return x.Args[0]
			}
		}
		return nil
	}
	var out []string
	python.Inspect(f, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.For:
			v, ok := x.Target.(*python.Name)
			if !ok {
				return true
			}
			var names []string
			attr := ""
			switch it := x.Iter.(type) {
			case *python.Attribute:
				if s, ok := it.Value.(*python.Name); ok && s.ID == "self" {
					attr = it.Attr
				}
			default:
				names = constStrings(x.Iter)
			}
			loops := false
			python.Inspect(x, func(m python.Node) bool {
				if k, ok := deleted(m).(*python.Name); ok && k.ID == v.ID {
					loops = true
				}
				return !loops
			})
			if loops {
				out = append(out, names...)
				if attr != "" {
					*attrs = append(*attrs, attr)
				}
			}
		default:
			if k := deleted(n); k != nil {
				if s, ok := constStr(k); ok {
					out = append(out, s)
				}
			}
		}
		return true
	})
	return out
}
