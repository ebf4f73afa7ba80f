package djtemplate

import (
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that parsing and scanning never panic, never loop, and
// keep positions inside the source.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "{{", "{%", "{#", "}}", "{{ a|b:\"c|d\" }}", "{% if %}{% else %}{% endif %}",
		"{% for x in y %}{% empty %}{% endfor %}{% endfor %}", "{% verbatim %}{{ x }}{% endverbatim %}",
		"{% comment %}{% if %}{% endcomment %}", "<form method=post>{% csrf_token %}</form>",
		"<script>{{ x }}</scr{{ y }}ipt></script>", "<a href='{{ u }}' target=_blank>", "<!-- {{ x }} -->",
		"{% block a %}{% block b %}{% endblock a %}", "{% foo %}{% endfoo %}{% endfoo %}",
		"<{{ t }} {{ a }}={{ b }}>", "{{ _('x')|safe }}", "{% with a=b|c:'d e' %}{{ a }}{% endwith %}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		tpl := Parse(src)
		check := func(p Pos) {
			if p.Offset < 0 || p.Offset > len(src) || p.Line < 1 || p.Col < 1 {
				t.Fatalf("position %+v out of range for %d bytes", p, len(src))
			}
		}
		for _, e := range tpl.Errors {
			check(e.Pos)
		}
		Inspect(tpl.Nodes, func(n Node) bool {
			s, e := n.Span()
			check(s)
			check(e)
			if e.Offset < s.Offset {
				t.Fatalf("node ends before it starts: %+v %+v", s, e)
			}
			return true
		})
		tpl.Scan(func(e Event) {
			if e.Offset < 0 || e.Offset > len(src) {
				t.Fatalf("event offset %d out of range", e.Offset)
			}
		})
		// Text and comments cover the source: nothing is lost.
		if utf8.ValidString(src) && len(tpl.Nodes) == 0 && src != "" {
			t.Fatalf("no nodes for %q", src)
		}
	})
}
