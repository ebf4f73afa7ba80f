package settings

import (
	"regexp"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/pysrc"
	"github.com/djsec/djsec/internal/python"
	st "github.com/djsec/djsec/internal/settings"
)

// A production settings module may refuse to start with the value a
// fallback gives: assert SECRET_KEY != "CHANGE_ME", if DEBUG: raise
// ImproperlyConfigured(...). The server then never runs with it, however
// the environment is set, and the fallback serves development only. The
// refusal may sit in a module the entry star-imports (staging.py starts
// with from .prod import *, and prod.py refuses).

// maxRefusalImports bounds how many star imports deep a refusal is looked
// for.
const maxRefusalImports = 3

// refusal returns the statement of the entry's module, or of a project
// module it star-imports, that stops Django from starting while setting
// name has the value the pattern describes, "" when there is none: a
// statement, not a comment. A refusal under an if (if ENVIRONMENT !=
// "local": assert ...) counts; the finding says that the environments it
// lets through run with the fallback.
func refusal(p *project.Project, e *st.Entry, re *regexp.Regexp) string {
	stop := ""
	eachStarImported(p, e, func(f *project.File, _ *python.Module) bool {
		if data, err := f.Content(); err == nil {
			stop = strings.TrimSpace(string(re.Find(data)))
		}
		return stop != ""
	})
	return stop
}

// eachStarImported calls fn with the entry's module and the project
// modules it star-imports, nearest first, until fn returns true.
func eachStarImported(p *project.Project, e *st.Entry, fn func(*project.File, *python.Module) bool) {
	if e.File == nil {
		return
	}
	s := st.Load(p)
	seen := map[*project.File]bool{}
	var visit func(f *project.File, name string, depth int) bool
	visit = func(f *project.File, name string, depth int) bool {
		if f == nil || seen[f] || depth > maxRefusalImports {
			return false
		}
		seen[f] = true
		m, _ := pysrc.Parse(f)
		if fn(f, m) {
			return true
		}
		if m == nil {
			return false
		}
		for _, stmt := range m.Body {
			imp, ok := stmt.(*python.ImportFrom)
			if !ok || len(imp.Names) != 1 || imp.Names[0].Name != "*" {
				continue
			}
			abs := absoluteModule(name, strings.HasSuffix(f.Path, "__init__.py"), imp.Module, imp.Level)
			if abs != "" && visit(s.ModuleFile(abs), abs, depth+1) {
				return true
			}
		}
		return false
	}
	visit(e.File, e.Name, 0)
}

// absoluteModule resolves from .prod import * (level dots before module)
// written in the module named from; "" when it climbs above the top.
func absoluteModule(from string, pkg bool, module string, level int) string {
	if level == 0 {
		return module
	}
	parts := strings.Split(from, ".")
	if !pkg {
		parts = parts[:len(parts)-1] // the module's package
	}
	if level-1 > len(parts) {
		return ""
	}
	parts = parts[:len(parts)-(level-1)]
	if module != "" {
		parts = append(parts, module)
	}
	return strings.Join(parts, ".")
}

// refusesLiteral returns the refusal of the literal lit in setting name:
// assert name != "lit", or if name == "lit": raise ... (also with more
// conditions: if name == "lit" and DEBUG is False: raise ...), or an if
// that tests name and raises, against lit or a collection of the module's
// that holds it (if not SECRET_KEY or SECRET_KEY in INSECURE_KEYS: raise
// ImproperlyConfigured(...)).
func refusesLiteral(p *project.Project, e *st.Entry, name, lit string) string {
	q := regexp.QuoteMeta(lit)
	n := regexp.QuoteMeta(name)
	re := regexp.MustCompile(`(?m)^[ \t]*assert\s+` + n + `\s*!=\s*(?:'` + q + `'|"` + q + `")|` +
		`^[ \t]*if\s+` + n + `\s*==\s*(?:'` + q + `'|"` + q + `")[^:\n]*:\s*(?:#[^\n]*)?\n\s*raise\b`)
	if stop := refusal(p, e, re); stop != "" {
		return stop
	}
	stop := ""
	eachStarImported(p, e, func(f *project.File, m *python.Module) bool {
		if m != nil {
			if x := raisesOnLiteral(m, name, lit); x != nil {
				stop = "if " + strings.Join(strings.Fields(m.File.Segment(x.Test)), " ") + ": raise"
			}
		}
		return stop != ""
	})
	return stop
}

// raisesOnLiteral returns a top-level if of m whose body raises and whose
// test reads the setting and names lit: as a string in the test, or in a
// set, list or tuple the module assigns to a name the test reads.
func raisesOnLiteral(m *python.Module, name, lit string) *python.If {
	for _, stmt := range m.Body {
		x, ok := stmt.(*python.If)
		if !ok || len(x.Body) == 0 {
			continue
		}
		if _, raises := x.Body[len(x.Body)-1].(*python.Raise); !raises {
			continue
		}
		reads, names := false, false
		python.Inspect(x.Test, func(n python.Node) bool {
			switch v := n.(type) {
			case *python.Name:
				reads = reads || v.ID == name
				names = names || holdsLiteral(m, v.ID, lit)
			case *python.Constant:
				s, isStr := v.Value.(string)
				names = names || isStr && s == lit
			}
			return true
		})
		if reads && names {
			return x
		}
	}
	return nil
}

// holdsLiteral reports a name the module assigns lit, or a set, list or
// tuple of strings among which is lit (DEFAULT_SECRET_KEY = "...", then
// if SECRET_KEY == DEFAULT_SECRET_KEY: raise ...).
func holdsLiteral(m *python.Module, id, lit string) bool {
	for _, stmt := range m.Body {
		a, ok := stmt.(*python.Assign)
		if !ok || len(a.Targets) != 1 {
			continue
		}
		if t, ok := a.Targets[0].(*python.Name); !ok || t.ID != id {
			continue
		}
		if c, ok := a.Value.(*python.Constant); ok && c.Value == lit {
			return true
		}
		for _, el := range python.SeqElts(a.Value) {
			if c, ok := el.(*python.Constant); ok && c.Value == lit {
				return true
			}
		}
	}
	return false
}

// refusesDebug matches a refusal of DEBUG: assert not DEBUG, or if DEBUG:
// raise ... .
var refusesDebug = regexp.MustCompile(`(?m)^[ \t]*assert\s+not\s+DEBUG\b|^[ \t]*if\s+DEBUG\s*:\s*(?:#[^\n]*)?\n\s*raise\b`)

// refusesDefault returns the loop of the entry's module, or of a module
// it star-imports, that stops Django from starting while setting name
// keeps the value the module of defaults gives it, "" when there is
// none: the settings read a local module over the defaults, and refuse
// to start when it leaves one of the secrets they list as it was.
//
//	for setting in ("JWT_SECRET", "HASHIDS_SALT"):
//	    assert getattr(local, setting, None) != getattr(defaults, setting, None)
func refusesDefault(p *project.Project, e *st.Entry, name string) string {
	stop := ""
	eachStarImported(p, e, func(f *project.File, m *python.Module) bool {
		if m == nil {
			return false
		}
		python.Inspect(m, func(n python.Node) bool {
			switch x := n.(type) {
			case *python.FunctionDef, *python.ClassDef:
				return false // run when called, if ever
			case *python.For:
				if at := assertsOverride(x, name); at != nil {
					stop = "for " + m.File.Segment(x.Target) + " in (...): assert " + strings.Join(strings.Fields(m.File.Segment(at)), " ")
				}
			}
			return stop == ""
		})
		return stop != ""
	})
	return stop
}

// assertsOverride returns the comparison of a loop over names, name
// among them, whose body asserts that two modules' values of each name
// differ: getattr(local, setting, None) != getattr(defaults, setting, None).
func assertsOverride(x *python.For, name string) *python.Compare {
	v, ok := x.Target.(*python.Name)
	if !ok || !slices.ContainsFunc(python.SeqElts(x.Iter), func(el python.Expr) bool {
		c, ok := el.(*python.Constant)
		return ok && c.Value == name
	}) {
		return nil
	}
	getattrOf := func(e python.Expr) bool {
		c, ok := e.(*python.Call)
		if !ok || len(c.Args) < 2 {
			return false
		}
		f, ok := c.Func.(*python.Name)
		arg, isName := c.Args[1].(*python.Name)
		return ok && f.ID == "getattr" && isName && arg.ID == v.ID
	}
	for _, st := range x.Body {
		a, ok := st.(*python.Assert)
		if !ok {
			continue
		}
		var found *python.Compare
		python.Inspect(a.Test, func(n python.Node) bool {
			if c, ok := n.(*python.Compare); ok && len(c.Ops) == 1 && c.Ops[0] == python.NotEq && getattrOf(c.Left) && getattrOf(c.Comparators[0]) {
				found = c
			}
			return found == nil
		})
		if found != nil {
			return found
		}
	}
	return nil
}
