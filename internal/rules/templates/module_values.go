package templates

import (
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/pysrc"
	"github.com/djsec/djsec/internal/python"
)

// pymod is a module whose values the template rules judge (safeValue),
// with the project it belongs to, so that a function the module imports
// from another of the project's modules is judged in that module
// (importedDef).
type pymod struct {
	*python.Module
	p *project.Project // nil where no project is known (the module alone)
	// seen is what the judging so far found (judged), shared with the
	// other modules it reads.
	seen valueMemo
}

// in returns m of the same project as mod, in the same judging.
func (mod *pymod) in(m *python.Module) *pymod {
	if mod.seen == nil {
		mod.seen = valueMemo{}
	}
	return &pymod{Module: m, p: mod.p, seen: mod.seen}
}

// importedDef returns the top-level function that mod imports under name
// from another module of the project (from dojo.utils import
// get_punchcard_data; from .charts import week_rows), with that module,
// or nil when mod does not import it so or djsec has no tree of it.
func (mod *pymod) importedDef(name string) (*python.FunctionDef, *pymod) {
	if mod.p == nil || mod.File == nil {
		return nil, nil
	}
	from := mod.p.File(mod.File.Name)
	if from == nil {
		return nil, nil
	}
	for _, st := range mod.Body {
		imp, ok := st.(*python.ImportFrom)
		if !ok {
			continue
		}
		for _, a := range imp.Names {
			local := a.Name
			if a.Asname != "" {
				local = a.Asname
			}
			if local != name {
				continue
			}
			return mod.defIn(mod.p.ImportedFile(from, imp.Module, imp.Level), a.Name, true)
		}
	}
	return nil, nil
}

// defIn returns the top-level function name of the project's module g,
// with that module (lambdas: or the def a name = lambda ... binding
// stands for), or nil when g is nil, unreadable or defines no such
// function.
func (mod *pymod) defIn(g *project.File, name string, lambdas bool) (*python.FunctionDef, *pymod) {
	if g == nil {
		return nil, nil
	}
	m, err := pysrc.Parse(g)
	if m == nil || err != nil {
		return nil, nil
	}
	for _, s := range m.Body {
		if d, ok := s.(*python.FunctionDef); ok && d.Name == name {
			return d, mod.in(m)
		}
	}
	if lambdas {
		if d := lambdaDef(m.Body, name); d != nil {
			return d, mod.in(m)
		}
	}
	return nil, nil
}

// moduleDef returns the top-level function fname of the project module
// that mod imports under alias (from helios_auth import views as
// auth_views; import shop.utils as utils), with that module, or nil when
// alias names no such module or djsec has no tree of it.
func (mod *pymod) moduleDef(alias, fname string) (*python.FunctionDef, *pymod) {
	if mod.p == nil || mod.File == nil {
		return nil, nil
	}
	from := mod.p.File(mod.File.Name)
	if from == nil {
		return nil, nil
	}
	target, level := "", 0
	for _, st := range mod.Body {
		switch imp := st.(type) {
		case *python.ImportFrom:
			for _, a := range imp.Names {
				if a.Asname == alias || a.Asname == "" && a.Name == alias {
					target, level = a.Name, imp.Level
					if imp.Module != "" {
						target = imp.Module + "." + a.Name
					}
				}
			}
		case *python.Import:
			for _, a := range imp.Names {
				if a.Asname == alias {
					target, level = a.Name, 0
				}
			}
		}
	}
	if target == "" {
		return nil, nil
	}
	return mod.defIn(mod.p.ImportedFile(from, target, level), fname, false)
}

// lambdaDef returns the function a module's statement name = lambda ...:
// binds, the only binding of the name at its top level, as a def that
// returns the lambda's body (htmlencode = lambda s: s and escape(s)); nil
// when there is none.
func lambdaDef(body []python.Stmt, name string) *python.FunctionDef {
	var found *python.Lambda
	n := 0
	for _, st := range body {
		a, ok := st.(*python.Assign)
		if !ok {
			continue
		}
		for _, t := range a.Targets {
			if bindsName(t, name) {
				n++
				found, _ = a.Value.(*python.Lambda)
			}
		}
	}
	if n != 1 || found == nil {
		return nil
	}
	return &python.FunctionDef{Span: found.Span, Name: name, Args: found.Args,
		Body: []python.Stmt{&python.Return{Span: found.Span, Value: found.Body}}}
}
