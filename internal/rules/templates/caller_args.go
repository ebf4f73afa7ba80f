package templates

import (
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/pysrc"
	"github.com/djsec/djsec/internal/python"
)

// A parameter of a helper holds what its callers pass: in
//
//	def week_row(tick, counts):
//	    return [tick, sum(counts)]
//
// tick is as safe as every call's first argument. The calls are looked for
// in the project's code outside tests, and the helper's name must be used
// in no way djsec cannot follow (passed as a value, called through a
// module's attribute, imported under another name or by a star import):
// a caller not seen would be a caller not judged.

// maxCallers bounds the calls of a helper whose arguments are judged: a
// helper called from many places is a library of the project's, whose
// callers are better judged at their own render sites.
const maxCallers = 8

// callSite is one call of a project function: the call, the function
// around it (nil at a module's top level) and its module.
type callSite struct {
	call *python.Call
	fn   *python.FunctionDef
	m    *pymod
}

// paramFromCallers reports whether every call of fn, a top-level function
// of m, passes a safe value for its parameter param (or leaves it to a
// safe default).
func paramFromCallers(fn *python.FunctionDef, param string, m *pymod, depth int) bool {
	return everyCallerGives(fn, param, m, depth, safeValue)
}

// everyCallerGives reports whether every call of fn, a top-level function
// of m, gives its parameter param (or leaves it to a default) a value
// that judge accepts where the call stands.
func everyCallerGives(fn *python.FunctionDef, param string, m *pymod, depth int,
	judge func(x python.Expr, fn *python.FunctionDef, m *pymod, depth int) bool) bool {
	if depth > maxValueDepth || m.p == nil || topLevelDef(m.Body, fn.Name) != fn {
		return false
	}
	sites, ok := callersOf(m, fn)
	if !ok || len(sites) == 0 {
		return false
	}
	for _, s := range sites {
		arg, ok := argFor(fn, s.call, param)
		if !ok || !judge(arg, s.fn, s.m, depth+1) {
			return false
		}
	}
	return true
}

// argFor returns the value call passes for fn's parameter param: the
// positional argument at its place, the keyword of its name, or the
// parameter's default. A starred argument or a **mapping may hold it in a
// way not read here.
func argFor(fn *python.FunctionDef, call *python.Call, param string) (python.Expr, bool) {
	for _, a := range call.Args {
		if _, ok := a.(*python.Starred); ok {
			return nil, false
		}
	}
	for _, k := range call.Keywords {
		if k.Arg == "" {
			return nil, false
		}
		if k.Arg == param {
			return k.Value, true
		}
	}
	args := fn.Args
	positional := slices.Concat(args.Posonlyargs, args.Args)
	for i, a := range positional {
		if a.Arg != param {
			continue
		}
		if i < len(call.Args) {
			return call.Args[i], true
		}
		// defaults belong to the last positional parameters
		if d := i - (len(positional) - len(args.Defaults)); d >= 0 {
			return args.Defaults[d], true
		}
		return nil, false
	}
	for i, a := range args.Kwonlyargs {
		if a.Arg == param && i < len(args.KwDefaults) && args.KwDefaults[i] != nil {
			return args.KwDefaults[i], true
		}
	}
	return nil, false
}

// callersOf returns the calls of def, a top-level function of dm, in the
// project's code outside tests and migrations; ok is false when the name
// is used in a way that may hide a call, or when there are more than
// maxCallers.
func callersOf(dm *pymod, def *python.FunctionDef) (sites []callSite, ok bool) {
	for _, f := range filesNaming(dm.p, def.Name) {
		m, _ := pysrc.Parse(f)
		if m == nil {
			return nil, false
		}
		cm := dm.in(m)
		found, ok := callsIn(cm, dm, def)
		if !ok {
			return nil, false
		}
		sites = append(sites, found...)
		if len(sites) > maxCallers {
			return nil, false
		}
	}
	return sites, true
}

// filesNaming returns the project's Python files outside tests and
// migrations whose text holds name, found in one pass over the code for
// each name asked.
func filesNaming(p *project.Project, name string) []*project.File {
	return p.Memo("rules/templates.filesNaming:"+name, func() any {
		var out []*project.File
		eachCodeFile(p, func(f *project.File, data []byte) {
			if !project.Migration(f.Path) && bytesearch.Contains(data, name) {
				out = append(out, f)
			}
		})
		return out
	}).([]*project.File)
}

// callsIn returns the calls of def (defined in dm) in module cm. In dm
// itself every call of the name that no function rebinds is one; another
// module calls it through a plain from-import of it. Any other use of the
// name where it is def's (a value, an attribute of a module, an alias) makes
// ok false.
func callsIn(cm, dm *pymod, def *python.FunctionDef) (sites []callSite, ok bool) {
	name := def.Name
	if cm.Module != dm.Module {
		for _, st := range cm.Body {
			imp, isFrom := st.(*python.ImportFrom)
			if !isFrom {
				continue
			}
			for _, a := range imp.Names {
				if a.Name == "*" || a.Name == name && a.Asname != "" && a.Asname != name {
					return nil, false // calls under another name, or none named
				}
			}
		}
		if d, _ := cm.importedDef(name); d != def {
			// the name is something else here, unless a module
			// imported whole calls it: helpers.week_row(...)
			return nil, !attrCallsByModule(cm, name)
		}
	}
	ok = true
	var visit func(n python.Node, fn *python.FunctionDef)
	visit = func(n python.Node, fn *python.FunctionDef) {
		handled := map[*python.Name]bool{}
		python.Inspect(n, func(nd python.Node) bool {
			if !ok {
				return false
			}
			switch x := nd.(type) {
			case *python.FunctionDef:
				if x != fn {
					visit(x, x) // its calls run with its own names
					return false
				}
			case *python.Call:
				if f, isName := x.Func.(*python.Name); isName && f.ID == name {
					if fn != nil && rebinds(fn, name) {
						return true // a local of the same name
					}
					handled[f] = true
					sites = append(sites, callSite{call: x, fn: fn, m: cm})
				}
			case *python.Name:
				if x.ID == name && !handled[x] && (fn == nil || !rebinds(fn, name)) {
					ok = false // passed as a value: called where djsec does not look
				}
			case *python.Attribute:
				if x.Attr == name && attrOfImport(cm, x.Value) {
					ok = false
				}
			}
			return ok
		})
	}
	for _, st := range cm.Body {
		if d, ok := st.(*python.FunctionDef); ok {
			visit(d, d)
		} else {
			visit(st, nil)
		}
	}
	return sites, ok
}

// rebinds reports whether fn binds name itself: a parameter, or a name its
// statements assign, loop over or take from a with (bindsIn).
func rebinds(fn *python.FunctionDef, name string) bool {
	return slices.Contains(fnParams(fn), name) || slices.ContainsFunc(fn.Body, func(st python.Stmt) bool { return bindsIn(st, name) })
}

// attrCallsByModule reports whether m reads name as an attribute of a name
// an import binds (utils.week_row).
func attrCallsByModule(m *pymod, name string) bool {
	found := false
	python.Inspect(m.Module, func(n python.Node) bool {
		if a, ok := n.(*python.Attribute); ok && a.Attr == name && attrOfImport(m, a.Value) {
			found = true
		}
		return !found
	})
	return found
}

// attrOfImport reports a name that an import of module m binds: a module,
// or something else imported, whose attributes may be functions.
func attrOfImport(m *pymod, e python.Expr) bool {
	n, ok := e.(*python.Name)
	if !ok {
		return false
	}
	for _, st := range m.Body {
		switch imp := st.(type) {
		case *python.Import:
			for _, a := range imp.Names {
				bound := a.Asname
				if bound == "" {
					bound, _, _ = strings.Cut(a.Name, ".")
				}
				if bound == n.ID {
					return true
				}
			}
		case *python.ImportFrom:
			for _, a := range imp.Names {
				if a.Asname == n.ID || a.Asname == "" && a.Name == n.ID {
					return true
				}
			}
		}
	}
	return false
}
