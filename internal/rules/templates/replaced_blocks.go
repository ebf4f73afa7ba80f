package templates

import (
	"path"
	"strings"

	"github.com/djsec/djsec/internal/djtemplate"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/tplsrc"
)

// A base template's block holds what a page shows when the template
// extending it leaves the block alone ({% block content %}{{ content|safe
// }}{% endblock %}). When every template extending it fills the block
// itself, without {{ block.super }}, and nothing renders or includes the
// base on its own, that default is never shown.

// replacedBlock returns the name of a block of template f around pos that
// every template extending f replaces without {{ block.super }}, and how
// many extend f, when no code renders f by a name djsec can see or
// computes one that may be f's, no template includes it and no Python file
// names it; "" otherwise.
func replacedBlock(p *project.Project, f *project.File, tpl *djtemplate.Template, pos djtemplate.Pos) (string, int) {
	kids := tplsrc.Children(p)[f.Path]
	if len(kids) == 0 || renderedLive(p, f) || includers(p)[f.Path] != nil {
		return "", 0
	}
	name := templateName(p, f)
	if name == "" || mentionedInPython(p, path.Base(name)) {
		return "", 0
	}
	for _, d := range templateMentions(p).dynamic {
		if strings.HasPrefix(name, d.prefix) && strings.HasSuffix(name, d.suffix) {
			return "", 0 // "pages/%s.html" % kind
		}
	}
	for _, b := range blocksAround(tpl.Nodes, pos) {
		if replacedByAll(kids, b) {
			return b, len(kids)
		}
	}
	return "", 0
}

// blocksAround returns the names of the {% block %} tags around pos,
// outermost first.
func blocksAround(nodes []djtemplate.Node, pos djtemplate.Pos) []string {
	var out []string
	djtemplate.Inspect(nodes, func(n djtemplate.Node) bool {
		t, ok := n.(*djtemplate.Tag)
		if !ok {
			return true
		}
		if t.Start.Offset > pos.Offset || t.EndTag == nil || t.EndTag.End.Offset <= pos.Offset {
			return false // pos is not inside: nothing under it holds it either
		}
		if t.Name == "block" && len(t.Args) > 0 {
			out = append(out, t.Args[0])
		}
		return true
	})
	return out
}

// replacedByAll reports whether every template in kids has a block named
// name, none of which shows {{ block.super }}.
func replacedByAll(kids []*project.File, name string) bool {
	for _, k := range kids {
		kt := tplsrc.ForFile(k).Template
		if kt == nil {
			return false
		}
		found, super := false, false
		djtemplate.Inspect(kt.Nodes, func(n djtemplate.Node) bool {
			t, ok := n.(*djtemplate.Tag)
			if !ok || t.Name != "block" || len(t.Args) == 0 || t.Args[0] != name {
				return !super
			}
			found = true
			djtemplate.Inspect(t.Body, func(n djtemplate.Node) bool {
				if v, ok := n.(*djtemplate.Variable); ok && v.Expr != nil && v.Expr.Value.Value == "block.super" {
					super = true
				}
				return !super
			})
			return false
		})
		if !found || super {
			return false
		}
	}
	return true
}
