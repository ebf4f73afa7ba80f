package templates

import (
	"bytes"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
)

// django-markupfield stores, beside a MarkupField's text, the HTML its
// renderer made of it when the row was saved, which templates print with
// {{ post.body.rendered|safe }}. Its default renderers (markdown,
// reStructuredText, and html, which is the text itself) keep the markup
// they are given; a project that sets MARKUP_FIELD_TYPES to renderers
// whose output passes through a sanitizer stores sanitized HTML instead.

// markupRenderers returns where the project sets MARKUP_FIELD_TYPES to
// renderers that each pass their HTML through a sanitizer ("pydotorg/
// markup.py"), and the sanitizer; "" when it sets none such.
func markupRenderers(p *project.Project) (path, by string) {
	type found struct{ path, by string }
	r := p.Memo("rules/templates.markupRenderers", func() any {
		// Asked once a scan, after the runner released most files: they
		// are peeked at, and the few that name the setting parsed apart.
		// Every module that sets it must sanitize: which one the
		// settings read is not asked.
		var buf []byte
		var out found
		for _, f := range p.Named(project.Python) {
			data, err := f.Peek(&buf)
			if err != nil || analysis.TestPath(f.Path) || !bytes.Contains(data, []byte("MARKUP_FIELD_TYPES")) {
				continue
			}
			m, _ := python.ParseFile(f.Path, bytes.Clone(data))
			if m == nil {
				continue
			}
			by, sets := sanitizingTypes(m)
			switch {
			case sets && by == "":
				return found{}
			case sets && out.path == "":
				out = found{f.Path, by}
			}
		}
		return out
	}).(found)
	return r.path, r.by
}

// sanitizingTypes returns the sanitizer every renderer of the module's
// MARKUP_FIELD_TYPES passes its output through, "" when one does not:
// [("markdown", clean_markdown), ...], or a comprehension that wraps each
// default renderer, [(name, _sanitizing(render), *rest) for ...]; sets
// says whether the module assigns MARKUP_FIELD_TYPES at all.
func sanitizingTypes(m *python.Module) (by string, sets bool) {
	var value python.Expr
	for _, st := range m.Body {
		if a, ok := st.(*python.Assign); ok && len(a.Targets) == 1 && isName(a.Targets[0], "MARKUP_FIELD_TYPES") {
			value = a.Value
		}
	}
	if value == nil {
		return "", false
	}
	var renderers []python.Expr
	second := func(e python.Expr) {
		if t, ok := e.(*python.Tuple); ok && len(t.Elts) >= 2 {
			renderers = append(renderers, t.Elts[1])
		} else {
			renderers = append(renderers, nil)
		}
	}
	switch v := value.(type) {
	case *python.List:
		for _, e := range v.Elts {
			second(e)
		}
	case *python.Tuple:
		for _, e := range v.Elts {
			second(e)
		}
	case *python.ListComp:
		second(v.Elt)
	}
	for _, r := range renderers {
		s := sanitizingValue(m, nil, r, 0)
		if s == "" {
			return "", true
		}
		by = s
	}
	return by, true
}

// sanitizingValue returns the sanitizer a renderer passes its output
// through: a function of the module (or one fn defines) whose every
// return is a sanitizer's result, or the call of one that returns such a
// function; "" otherwise.
func sanitizingValue(m *python.Module, fn *python.FunctionDef, e python.Expr, depth int) string {
	if depth > 4 {
		return ""
	}
	switch x := e.(type) {
	case *python.Name:
		if d := funcNamed(m, fn, x.ID); d != nil {
			return sanitizingReturns(m, d, depth+1)
		}
	case *python.Call:
		// _sanitizing(render): the function it returns
		if n, ok := x.Func.(*python.Name); ok {
			if d := funcNamed(m, fn, n.ID); d != nil {
				return sanitizingReturns(m, d, depth+1)
			}
		}
	}
	return ""
}

// sanitizingReturns returns the sanitizer whose result every return of
// def is, directly (return nh3.clean(html, ...)), through another
// function of the module (return sanitize(render(text))), or as a
// function def defines and returns (return sanitizing_render).
func sanitizingReturns(m *python.Module, def *python.FunctionDef, depth int) string {
	by := ""
	for _, r := range ownReturns(def) {
		s := ""
		if c, ok := r.Value.(*python.Call); ok && sanitizerCall(c, m) {
			s = funcName(c.Func)
			if a, ok := c.Func.(*python.Attribute); ok {
				if nm, ok := a.Value.(*python.Name); ok {
					s = nm.ID + "." + a.Attr
				}
			}
		} else if r.Value != nil {
			s = sanitizingValue(m, def, r.Value, depth)
		}
		if s == "" {
			return ""
		}
		by = s
	}
	return by
}

// funcNamed returns the function named name that fn defines, or else the
// module's.
func funcNamed(m *python.Module, fn *python.FunctionDef, name string) *python.FunctionDef {
	if d := localDef(fn, name); d != nil {
		return d
	}
	for _, st := range m.Body {
		if d, ok := st.(*python.FunctionDef); ok && d.Name == name {
			return d
		}
	}
	return nil
}

// markupRendered returns the field of a MarkupField's stored HTML that a
// value reads ({{ job.description.rendered }}: description), when every
// model the object may be (the one its name names, else any) that
// declares that field declares a MarkupField that takes its renderers
// from MARKUP_FIELD_TYPES (no markup_choices of its own); "" otherwise.
func markupRendered(p *project.Project, value string) string {
	parts := strings.Split(value, ".")
	if len(parts) < 3 || parts[len(parts)-1] != "rendered" {
		return ""
	}
	field, owner := parts[len(parts)-2], parts[len(parts)-3]
	x := modelFields(p)
	// the models the object names (notice: Notice), else every model
	var models []string
	if scope, _ := x.writersScope(owner, field); scope != nil {
		for _, m := range scope {
			models = append(models, x.lineage(m)...)
		}
	} else {
		for m := range x.fieldClass {
			models = append(models, m)
		}
	}
	declared := false
	for _, m := range models {
		class, ok := x.fieldClass[m][field]
		if !ok {
			continue
		}
		if class != "MarkupField" {
			return ""
		}
		declared = true
	}
	if !declared {
		return ""
	}
	return field
}
