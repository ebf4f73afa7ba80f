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
