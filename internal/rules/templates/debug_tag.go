package templates

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/djtemplate"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/tplsrc"
)

// DebugTagInTemplate finds {% debug %} left in a template.
var DebugTagInTemplate = &analysis.Rule{
	ID:         "DJT105",
	Name:       "debug-tag-in-template",
	Severity:   report.Low,
	Confidence: report.HighConfidence,
	CWE:        []int{215},
	Checklist:  []int{9},
	Scope:      analysis.PerFile,
	Files:      project.Text,
	Needs:      tplsrc.Prepare,
	Doc: analysis.Doc{
		Title: "{% debug %} left in a template",
		What: "The built-in `{% debug %}` tag anywhere a template renders it. The tag inside `{% comment %}`, `{# #}` " +
			"or `{% verbatim %}` renders nothing and is not reported. A project that `{% load %}`s its own `debug` " +
			"tag gets the same report: rename the custom tag.",
		Why: "`{% debug %}` writes the whole template context (users, orders, tokens, whatever the view passed) and the " +
			"list of every loaded Python module with its path into the page. Django renders it only while DEBUG is " +
			"True, which is why this is low; but it ships to production with the template, and any server where " +
			"DEBUG is left on (a staging site, a misconfigured deployment) then shows it to every visitor.",
		Bad:  "<footer>{% debug %}</footer>",
		Good: "<footer></footer>\n{# use django-debug-toolbar while developing #}",
		Fix:  "Delete the tag. Inspect context while developing with django-debug-toolbar, which is kept out of production settings.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/templates/builtins/#debug",
			"https://cwe.mitre.org/data/definitions/215.html",
		},
	},
	Run: runDebugTag,
}

func runDebugTag(pass *analysis.Pass) {
	d := load(pass)
	if d == nil {
		return
	}
	d.tpl.Inspect(func(n djtemplate.Node) bool {
		if t, ok := n.(*djtemplate.Tag); ok && t.Name == "debug" && !t.Stray {
			pass.Reportf(at(pass, t.Start), "{%% debug %%} dumps the template context and every loaded module into the page whenever DEBUG is on")
		}
		return true
	})
}
