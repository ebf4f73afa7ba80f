package templates

import (
	"bytes"
	"sync"

	"github.com/djsec/djsec/internal/djtemplate"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
)

// django-crispy-forms renders a form's layout objects (Tab, TabHolder,
// AccordionGroup, Fieldset, Div, Alert) with templates, and a project may
// give one its own: TabHolder(..., template="tab.html"). Crispy fills such
// a template's context itself: fields is the HTML of the fields it
// rendered (each value escaped by the widgets), links the tabs' links it
// built from their names, and content what it rendered inside, or for an
// Alert the text the project's code passed. Its own templates output them
// with |safe.

// crispyLayoutClasses are the layout objects of crispy_forms.layout and
// crispy_forms.bootstrap that take a template.
var crispyLayoutClasses = map[string]bool{
	"Layout": true, "Div": true, "Row": true, "Column": true, "Fieldset": true, "MultiField": true, "Container": true,
	"ButtonHolder": true, "FormActions": true, "Tab": true, "TabHolder": true, "Accordion": true, "AccordionGroup": true,
	"Alert": true, "Modal": true, "Pill": true, "PillHolder": true, "InlineField": true,
}

// crispyFilledVars are the context variables crispy fills with what it
// rendered itself.
var crispyFilledVars = map[string]bool{"fields": true, "links": true, "content": true}

// crispyUse is what the project's code does with a template it names as a
// layout object's: whether every such object is crispy's, and whether
// every Alert among them is given literal text.
type crispyUse struct {
	layout       bool // named only as a crispy layout object's template
	literalAlert bool // every Alert naming it passes literal content
}

// crispyTemplates returns, by template name, how the project's modules
// that import crispy_forms name templates as layout objects' (template=
// "tab.html"). A template named by any other call is left out.
func crispyTemplates(p *project.Project) map[string]crispyUse {
	return p.Memo("rules/templates.crispy", func() any {
		out := map[string]crispyUse{}
		var mu sync.Mutex
		keep := func(data []byte) bool {
			return bytes.Contains(data, []byte("crispy_forms")) && bytes.Contains(data, []byte("template="))
		}
		eachParsed(p.Files, keep, func(_ int, _ *project.File, m *python.Module) {
			python.Inspect(m, func(n python.Node) bool {
				c, ok := n.(*python.Call)
				if !ok {
					return true
				}
				name, ok := strConst(c.Arg(-1, "template"))
				if !ok {
					return true
				}
				class := funcName(c.Func)
				mu.Lock()
				u, seen := out[name]
				if !seen {
					u = crispyUse{layout: true, literalAlert: true}
				}
				u.layout = u.layout && crispyLayoutClasses[class]
				if class == "Alert" {
					content := c.Arg(0, "content")
					_, lit := content.(*python.Constant)
					u.literalAlert = u.literalAlert && (lit || translatedLiteral(content))
				}
				out[name] = u
				mu.Unlock()
				return true
			})
		})
		return out
	}).(map[string]crispyUse)
}

// translatedLiteral reports _("text"): the project's own words.
func translatedLiteral(e python.Expr) bool {
	c, ok := e.(*python.Call)
	if !ok || !gettextCalls[funcName(c.Func)] || len(c.Args) != 1 {
		return false
	}
	_, ok = c.Args[0].(*python.Constant)
	return ok
}

// crispyFilled reports a variable that crispy fills with what it
// rendered, in a template the project names only as its layout objects'
// and renders nowhere itself: {{ fields|safe }} in the template of a Tab.
// An Alert's content is what the code passes, which must be literal.
func crispyFilled(p *project.Project, f *project.File, e *djtemplate.FilterExpr) bool {
	if e.Value.Kind != djtemplate.OperandVariable || !crispyFilledVars[e.Value.Value] {
		return false
	}
	name := templateName(p, f)
	if name == "" || len(renderSites(p)[f.Path]) > 0 {
		return false
	}
	u, ok := crispyTemplates(p)[name]
	return ok && u.layout && (e.Value.Value != "content" || u.literalAlert)
}
