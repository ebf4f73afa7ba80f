package code

import (
	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// devOnlyNote ends the documentation of every taint rule (lowerForDevOnly).
const devOnlyNote = " A flow in a function that first turns every request away outside development " +
	"(if not settings.DEBUG: raise Http404) is low: a production site never runs the rest."

// lowerForDevOnly lowers a taint finding whose source is read in a
// function that refuses to run outside development: a view that logs in
// sample users, an e-mail previewer, which the project guards with
// if not settings.DEBUG: raise Http404 before anything else.
func lowerForDevOnly(prog *taint.Program, f taint.Finding, d *analysis.Diagnostic) {
	if d.Severity != report.SeverityUnset && d.Severity <= report.Low {
		return
	}
	src := sourceOf(f)
	m := moduleAt(prog, src.Path)
	if m == nil {
		return
	}
	if fn := funcAt(m, src.Line); fn != nil && devOnlyFunc(fn) {
		d.Severity = report.Low
		d.Message += "; " + fn.Name + " turns every request away unless the site runs for development (settings.DEBUG)"
	}
}

// devOnlyFunc reports a function whose first statement after its
// docstring leaves when the site does not run for development: if not
// settings.DEBUG: raise Http404 (or return).
func devOnlyFunc(fn *python.FunctionDef) bool {
	for i, st := range fn.Body {
		switch st := st.(type) {
		case *python.ExprStmt:
			if _, doc := st.Value.(*python.Constant); doc && i == 0 {
				continue
			}
		case *python.If:
			if access.DevTest(st.Test) == -1 && len(st.Orelse) == 0 && ends(st.Body) {
				return true
			}
		}
		return false
	}
	return false
}
