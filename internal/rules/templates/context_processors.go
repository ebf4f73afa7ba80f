package templates

import (
	"strings"

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
			keys, _ := processorReturns(p, f, name[i+1:]) // the keys written are known even beside a spread
			for k, safe := range keys {
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
// when a return's keys cannot be listed. complete is false when a return
// spreads a mapping whose keys djsec does not follow before the keys it
// writes out ({**{f"PAGE_{k}": v for ...}, "SITE": ...}): the keys
// written are known and win, others may be there too.
func processorReturns(p *project.Project, f *project.File, fn string) (keys map[string]bool, complete bool) {
	m, _ := pysrc.Parse(f)
	if m == nil {
		return nil, false
	}
	def := topLevelDef(m.Body, fn)
	if def == nil {
		return nil, false
	}
	vars := returnedContext(def, &pymod{Module: m, p: p}, 0, spreadMemo{})
	if vars == nil {
		return nil, false
	}
	_, open := vars[spreadKey]
	delete(vars, spreadKey)
	return vars, !open
}

// maxContextReturns bounds the returns of a function whose dicts are a
// template's context that are read: each value may send the reading
// through the whole function again, and real context processors and
// inclusion tags return a few dicts.
const maxContextReturns = 64

// returnedContext returns the keys every return of def (not of the
// functions nested in it) gives its dict, with whether each value is
// safe and spreadKey when one spreads a mapping djsec does not follow;
// nil when a return's keys cannot be listed, or when def returns more
// than maxContextReturns times.
func returnedContext(def *python.FunctionDef, mod *pymod, depth int, spreads spreadMemo) map[string]bool {
	returns := ownReturns(def)
	if len(returns) > maxContextReturns {
		return nil
	}
	var out map[string]bool
	for _, r := range returns {
		vars := contextVarsIn(r.Value, def, mod, depth, nil, spreads)
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

// spreadMemo holds the context each function spread into a context
// processor's dict returns, so that a function spread many times, or
// spreading others that do, is read once.
type spreadMemo map[*python.FunctionDef]map[string]bool

// call returns the context a call spread into a dict gives
// ({**site_context(request), ...}, **Analytics().context(request)): the
// keys every return of that function or method of the same module
// gives, as returnedContext; nil when it is no such call, or when the
// memo is nil (a view's context).
func (sm spreadMemo) call(e python.Expr, mod *pymod, depth int) map[string]bool {
	m := mod.Module
	c, ok := e.(*python.Call)
	if sm == nil || !ok {
		return nil
	}
	var def *python.FunctionDef
	switch f := c.Func.(type) {
	case *python.Name:
		def = topLevelDef(m.Body, f.ID)
	case *python.Attribute:
		// Analytics().context(request): a method of a class of the module
		inst, ok := f.Value.(*python.Call)
		if !ok {
			return nil
		}
		cls, ok := inst.Func.(*python.Name)
		if !ok {
			return nil
		}
		for _, st := range m.Body {
			if cd, ok := st.(*python.ClassDef); ok && cd.Name == cls.ID {
				def = topLevelDef(cd.Body, f.Attr)
			}
		}
	}
	if def == nil {
		return nil
	}
	if vars, ok := sm[def]; ok {
		return vars
	}
	sm[def] = nil // a function that spreads itself tells nothing
	vars := returnedContext(def, mod, depth+1, sm)
	sm[def] = vars
	return vars
}

// topLevelDef returns the function of body named name, or nil.
func topLevelDef(body []python.Stmt, name string) *python.FunctionDef {
	var def *python.FunctionDef
	for _, st := range body {
		if d, ok := st.(*python.FunctionDef); ok && d.Name == name {
			def = d
		}
	}
	return def
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
