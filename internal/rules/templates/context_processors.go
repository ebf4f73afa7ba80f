package templates

import (
	"strings"

	"github.com/djsec/djsec/internal/djtemplate"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/pysrc"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/settings"
)

// Context processors put the same variables in every template's context:
// a site's name, a version, an analytics id, most often read from the
// settings. A variable that the project's own context processors set to
// such a value, and that no view sets otherwise, is configuration, like
// {{ settings.X }}.

// processorVars returns the context variables the project's own context
// processors (TEMPLATES OPTIONS context_processors) set, and whether each
// is safe (renderSite.vars): safe only when every processor that sets it
// returns a literal, a setting or escaped text for it. A processor whose
// returned keys djsec cannot list tells nothing.
func processorVars(p *project.Project) map[string]bool {
	return p.Memo("rules/templates.processorVars", func() any {
		out := map[string]bool{}
		s := settings.Load(p)
		for _, name := range settings.ContextProcessors(p) {
			i := strings.LastIndexByte(name, '.')
			if i < 0 {
				continue
			}
			f := s.ModuleFile(name[:i])
			if f == nil {
				continue // Django's own, or a library's
			}
			for k, safe := range processorReturns(f, name[i+1:]) {
				if old, ok := out[k]; ok {
					safe = safe && old
				}
				out[k] = safe
			}
		}
		return out
	}).(map[string]bool)
}

// processorReturns returns the keys that the top-level function fn of f
// returns in every return statement, and whether each value is safe; nil
// when a return's keys are not all known.
func processorReturns(f *project.File, fn string) map[string]bool {
	m, _ := pysrc.Parse(f)
	if m == nil {
		return nil
	}
	var def *python.FunctionDef
	for _, st := range m.Body {
		if d, ok := st.(*python.FunctionDef); ok && d.Name == fn {
			def = d
		}
	}
	if def == nil {
		return nil
	}
	var out map[string]bool
	for _, r := range ownReturns(def) { // returns of nested functions are theirs
		vars := contextVars(r.Value, def, m, 0)
		if vars == nil {
			return nil
		}
		if out == nil {
			out = map[string]bool{}
		}
		for k, safe := range vars {
			if old, ok := out[k]; ok {
				safe = safe && old
			}
			out[k] = safe
		}
	}
	return out
}

// processorSafe reports whether a context variable comes from the
// project's context processors as a safe value, and no view or helper
// that renders a template sets it to anything unsafe.
func processorSafe(p *project.Project, name string) bool {
	return processorVars(p)[name] && !setUnsafely(p, name)
}

// setUnsafely reports a context key that some view or helper of the
// project sets to a value that may carry markup.
func setUnsafely(p *project.Project, name string) bool {
	vi := views(p)
	if vi.unsafeKeys[name] {
		return true
	}
	for _, sites := range vi.sites {
		for _, s := range sites {
			if safe, ok := s.vars[name]; ok && !safe {
				return true
			}
		}
	}
	return false
}

// A site's configuration kept in a row of its own (django-solo's
// SiteConfiguration.get_solo(), a model's objects.first()) is another
// thing context processors hand every template: "login_text":
// config.login_text. Such a value is a field of that model, to be judged
// as {{ config.login_text }} would be: by who writes it.

// fieldRef names a model's field.
type fieldRef struct{ model, field string }

// processorFields returns the context variables that every one of the
// project's context processors that sets them sets to a field of a row
// it fetched (config.login_text, config = SiteConfiguration.get_solo()),
// with that field.
func processorFields(p *project.Project) map[string]fieldRef {
	return p.Memo("rules/templates.processorFields", func() any {
		out := map[string]fieldRef{}
		other := map[string]bool{}
		s := settings.Load(p)
		for _, name := range settings.ContextProcessors(p) {
			i := strings.LastIndexByte(name, '.')
			if i < 0 {
				continue
			}
			f := s.ModuleFile(name[:i])
			if f == nil {
				continue
			}
			for k, ref := range processorFieldReads(f, name[i+1:]) {
				if old, ok := out[k]; (ok && old != ref) || ref == (fieldRef{}) {
					other[k] = true
				}
				out[k] = ref
			}
		}
		for k := range other {
			delete(out, k)
		}
		return out
	}).(map[string]fieldRef)
}

// processorFieldReads returns the keys of the dicts that function fn of
// f returns, each with the field of a fetched row it is set to, or the
// zero fieldRef when it is set to anything else.
func processorFieldReads(f *project.File, fn string) map[string]fieldRef {
	m, _ := pysrc.Parse(f)
	if m == nil {
		return nil
	}
	var def *python.FunctionDef
	for _, st := range m.Body {
		if d, ok := st.(*python.FunctionDef); ok && d.Name == fn {
			def = d
		}
	}
	if def == nil {
		return nil
	}
	rows := fetchedRows(def)
	out := map[string]fieldRef{}
	for _, r := range ownReturns(def) {
		d, ok := r.Value.(*python.Dict)
		if n, isName := r.Value.(*python.Name); !ok && isName {
			d = assignedDict(def, n.ID)
			for _, k := range keysSet(def, n.ID) {
				out[k] = fieldRef{} // context["login_text"] = ...: set otherwise too
			}
		}
		if d == nil {
			continue
		}
		for i, k := range d.Keys {
			ks, ok := strConst(k)
			if k == nil || !ok {
				continue
			}
			ref := fieldRef{}
			if a, ok := d.Values[i].(*python.Attribute); ok {
				if n, ok := a.Value.(*python.Name); ok && rows[n.ID] != "" {
					ref = fieldRef{model: rows[n.ID], field: a.Attr}
				}
			}
			if old, ok := out[ks]; ok && old != ref {
				ref = fieldRef{}
			}
			out[ks] = ref
		}
	}
	return out
}

// fetchedRows returns the names def assigns once, to a row a class's
// method fetches: config = SiteConfiguration.get_solo(), site =
// Site.objects.get_current(), with the class's name.
func fetchedRows(def *python.FunctionDef) map[string]string {
	rows := map[string]string{}
	count := map[string]int{}
	python.EachStmt(def.Body, func(s python.Stmt) {
		a, ok := s.(*python.Assign)
		if !ok || len(a.Targets) != 1 {
			return
		}
		n, ok := a.Targets[0].(*python.Name)
		if !ok {
			return
		}
		count[n.ID]++
		if c, ok := a.Value.(*python.Call); ok {
			if cls := classOfCall(c); cls != "" {
				rows[n.ID] = cls
			}
		}
	})
	for n, c := range count {
		if c > 1 {
			delete(rows, n)
		}
	}
	return rows
}

// classOfCall returns the class whose method a call chain starts from
// (SiteConfiguration.get_solo(), Config.objects.first()), by a name
// starting with a capital; "" for a plain call.
func classOfCall(c *python.Call) string {
	f := c.Func
	methods := 0
	for {
		switch x := f.(type) {
		case *python.Attribute:
			f = x.Value
			methods++
			continue
		case *python.Call:
			f = x.Func
			continue
		case *python.Name:
			if methods > 0 && x.ID != "" && x.ID[0] >= 'A' && x.ID[0] <= 'Z' {
				return x.ID
			}
		}
		return ""
	}
}

// assignedDict returns the dict display def assigns name once, or nil.
func assignedDict(def *python.FunctionDef, name string) *python.Dict {
	var d *python.Dict
	n := 0
	python.EachStmt(def.Body, func(s python.Stmt) {
		if a, ok := s.(*python.Assign); ok && len(a.Targets) == 1 {
			if t, ok := a.Targets[0].(*python.Name); ok && t.ID == name {
				n++
				d, _ = a.Value.(*python.Dict)
			}
		}
	})
	if n != 1 {
		return nil
	}
	return d
}

// keysSet returns the literal keys def sets in the dict name by
// subscript (context["banner"] = ...).
func keysSet(def *python.FunctionDef, name string) []string {
	var keys []string
	python.EachStmt(def.Body, func(s python.Stmt) {
		a, ok := s.(*python.Assign)
		if !ok {
			return
		}
		for _, t := range a.Targets {
			if sub, ok := t.(*python.Subscript); ok {
				if n, ok := sub.Value.(*python.Name); ok && n.ID == name {
					if k, ok := strConst(sub.Slice); ok {
						keys = append(keys, k)
					}
				}
			}
		}
	})
	return keys
}

// processorStaffField returns the field a template variable holds when
// the project's context processors set it to a field of a fetched row
// ({{ login_text }}, "login_text": config.login_text) that no form,
// serializer or request handler outside the admin writes, and no view
// sets the variable to anything that may carry markup.
func processorStaffField(p *project.Project, e *djtemplate.FilterExpr) (string, bool) {
	if e.Value.Kind != djtemplate.OperandVariable || strings.Contains(e.Value.Value, ".") {
		return "", false
	}
	ref, ok := processorFields(p)[e.Value.Value]
	if !ok || setUnsafely(p, e.Value.Value) {
		return "", false
	}
	x := modelFields(p)
	models, what := x.writersScope(ref.model, ref.field)
	if models == nil {
		return "", false
	}
	return what, !x.userWritableOn(ref.model, ref.field)
}
