package templates

import (
	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/djtemplate"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
)

// tableHTMLBranches returns the variables of a template inside
// {% if html_renderer %}, the branch of Wagtail's TableBlock template (and
// the projects' copies of it) that prints cells unescaped, when no Python
// code of the project sets a table's renderer to "html": TableBlock's
// renderer is "text" unless table_options say otherwise, so that branch
// never runs.
func tableHTMLBranches(p *project.Project, d *doc) map[*djtemplate.Variable]bool {
	var out map[*djtemplate.Variable]bool
	d.tpl.Inspect(func(n djtemplate.Node) bool {
		t, ok := n.(*djtemplate.Tag)
		if !ok || t.Name != "if" || len(t.Args) != 1 || t.Args[0] != "html_renderer" {
			return true
		}
		if htmlTableRenderer(p) {
			return false
		}
		if out == nil {
			out = map[*djtemplate.Variable]bool{}
		}
		djtemplate.Inspect(t.Body, func(n djtemplate.Node) bool {
			if v, ok := n.(*djtemplate.Variable); ok {
				out[v] = true
			}
			return true
		})
		return true
	})
	return out
}

// htmlRendererRE matches table options that choose the HTML renderer:
// "renderer": "html", renderer="html".
var htmlRendererRE = lazyre.New(`renderer['"]?\s*[:=]\s*['"]html['"]`)

// htmlTableRenderer reports Python code of the project that sets a table
// block's renderer to "html", read once per scan.
func htmlTableRenderer(p *project.Project) bool {
	return p.Memo("rules/templates.htmlTableRenderer", func() any {
		var buf []byte
		for _, f := range p.Named(project.Python) {
			data, err := f.Peek(&buf)
			if err != nil || !bytesearch.Contains(data, "renderer") {
				continue
			}
			if htmlRendererRE().Match(data) {
				return true
			}
		}
		return false
	}).(bool)
}
