package templates

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/djsec/djsec/internal/djtemplate"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/pysrc"
	"github.com/djsec/djsec/internal/python"
)

// Search engines mark the words a query matched in the text they return
// (<em>word</em>), and templates show those fragments with |safe to keep
// the marks. Elasticsearch and OpenSearch copy the indexed text into the
// fragment as it is, markup included, unless the query asks for the
// "html" encoder, which escapes the text before the marks go in. A
// project that asks for it everywhere it sets an encoder shows its
// visitors' text escaped.

// highlightShown reports a value a template reads from a search hit's
// highlights: a key or attribute named highlight, highlights or
// highlighted on the way to it ({{ result.highlights.title.0 }}),
// followed through the {% for %} and {% with %} tags around its use
// ({% for fragment in hit.highlight.body %}{{ fragment }}) and a context
// variable named so ({{ highlighted.title.0 }}).
func highlightShown(d *doc, v *djtemplate.Variable) bool {
	if v.Expr.Value.Kind != djtemplate.OperandVariable {
		return false
	}
	return readsHighlight(v.Expr.Value.Value, tagsAround(d.tpl.Nodes, v, "for", "with"))
}

// readsHighlight is highlightShown for a dotted path with the tags that
// may bind its first name, innermost first.
func readsHighlight(path string, around []*djtemplate.Tag) bool {
	parts := strings.Split(path, ".")
	for _, s := range parts[1:] {
		if highlightWord(s) {
			return true
		}
	}
	for i, t := range around {
		from, ok := loopBinds(t, parts[0])
		if t.Name == "with" {
			from, ok = withBinds(t, parts[0])
		}
		if ok {
			e := djtemplate.ParseFilterExpr(from)
			return e.Err == "" && e.Value.Kind == djtemplate.OperandVariable && readsHighlight(e.Value.Value, around[i+1:])
		}
	}
	return highlightWord(parts[0])
}

// highlightWord reports the names search libraries give a hit's
// highlights (Elasticsearch DSL's hit.meta.highlight, a serializer's
// highlights, a view's highlighted).
func highlightWord(s string) bool {
	return s == "highlight" || s == "highlights" || s == "highlighted"
}

// withBinds returns the expression a {% with %} tag binds name to, in
// either spelling ({% with a=b %}, {% with b as a %}).
func withBinds(t *djtemplate.Tag, name string) (string, bool) {
	if len(t.Args) == 3 && t.Args[1] == "as" {
		return t.Args[0], t.Args[2] == name
	}
	for _, a := range t.Args {
		if n, val, ok := strings.Cut(a, "="); ok && n == name {
			return val, true
		}
	}
	return "", false
}

// htmlEncodedHighlights returns where the project's code asks the search
// engine for highlights with the "html" encoder ({"encoder": "html"} or
// encoder="html", outside tests and migrations), when it asks for no
// other encoder anywhere; "" otherwise.
func htmlEncodedHighlights(p *project.Project) string {
	return p.Memo("rules/templates.htmlEncodedHighlights", func() any {
		where, other := "", false
		eachCodeFile(p, func(f *project.File, data []byte) {
			if other || project.Migration(f.Path) || !bytes.Contains(data, []byte("encoder")) {
				return
			}
			m, _ := pysrc.Parse(f)
			if m == nil {
				return
			}
			note := func(n python.Node, value python.Expr) {
				s, ok := strConst(value)
				if !ok {
					return // encoder=DjangoJSONEncoder: a class, not a highlighter's
				}
				if s != "html" {
					other = true
				} else if where == "" {
					where = fmt.Sprintf("%s:%d", f.Path, m.File.Position(n.Pos()).Line)
				}
			}
			python.Inspect(m, func(n python.Node) bool {
				switch n := n.(type) {
				case *python.Dict:
					for i, k := range n.Keys {
						if s, ok := strConst(k); ok && s == "encoder" {
							note(k, n.Values[i])
						}
					}
				case *python.Call:
					for _, kw := range n.Keywords {
						if kw.Arg == "encoder" {
							note(kw.Value, kw.Value)
						}
					}
				}
				return true
			})
		})
		if other {
			return ""
		}
		return where
	}).(string)
}
