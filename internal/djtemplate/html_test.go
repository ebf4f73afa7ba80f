package djtemplate

import (
	"fmt"
	"strings"
	"testing"
)

var stateNames = map[State]string{InData: "data", InTag: "tag", InAttrValue: "attr", InRawText: "raw", InComment: "comment"}

func events(src string) string {
	var out []string
	Parse(src).Scan(func(e Event) {
		switch e.Kind {
		case StartTag:
			var attrs []string
			for _, a := range e.Element.Attrs {
				s := a.Name
				if a.HasValue {
					s += "=" + a.Text
				}
				if a.Dynamic {
					s += "*"
				}
				attrs = append(attrs, s)
			}
			out = append(out, fmt.Sprintf("<%s %s>", e.Element.Name, strings.Join(attrs, " ")))
		case EndTag:
			out = append(out, "</"+e.Name+">")
		case VarEvent:
			c := e.Context
			s := "{{" + e.Var.Raw + "}}:" + stateNames[c.State]
			if c.Element != nil {
				s += ":" + c.Element.Name
			}
			if c.Attr != nil {
				s += ":" + c.Attr.Name + ":" + c.Prefix
			}
			out = append(out, s)
		case TagEvent:
			out = append(out, "{%"+e.Tag.Name+"%}:"+stateNames[e.Context.State])
		}
	})
	return strings.Join(out, " ")
}

func TestScan(t *testing.T) {
	tests := []struct{ src, want string }{
		{`<p>{{ x }}</p>`, `<p > {{x}}:data </p>`},
		{"<FORM\n  class=\"f\"\n  Method=POST\n>{% csrf_token %}</Form>", `<form class=f method=POST> {%csrf_token%}:data </form>`},
		{`<a href="/p/{{ slug }}/" target=_blank>`, `{{slug}}:attr:a:href:/p/ <a href=/p//* target=_blank>`},
		{`<a href={{ url }} rel='noopener'>`, `{{url}}:attr:a:href: <a href=* rel=noopener>`},
		{`<button onclick="go('{{ name }}')">`, `{{name}}:attr:button:onclick:go(' <button onclick=go('')*>`},
		{`<script>var a = "{{ a }}";</script><p>{{ b }}</p>`, `<script > {{a}}:raw:script </script> <p > {{b}}:data </p>`},
		{`<script>if (a </scriptx> b) {{ c }}</SCRIPT >{{ d }}`, `<script > {{c}}:raw:script </script> {{d}}:data`},
		{`<!-- <form method="post"> {{ x }} -->{{ y }}`, `{{x}}:comment {{y}}:data`},
		{`<!DOCTYPE html><html>`, `<html >`},
		{`<form method="{% if p %}post{% endif %}">`, `{%if%}:attr <form method=post*>`},
		{`<input {{ attrs }} value="{{ v }}" />`, `{{attrs}}:tag:input {{v}}:attr:input:value: <input value=*>`},
		{`{% verbatim %}<script>{{ x }}</script>{% endverbatim %}`, `<script > </script>`},
		{`a < b {{ c }}`, `{{c}}:data`},
		{`<textarea name="a"><form method="post">{{ v }}</textarea><title>{{ t }}</title>`, `<textarea name=a> {{v}}:data </textarea> <title > {{t}}:data </title>`},
		{`<style>p{}</style><script type="text/template">{{ t }}</script>`, `<style > </style> <script type=text/template> {{t}}:raw:script </script>`},
	}
	for _, tt := range tests {
		if got := events(tt.src); got != tt.want {
			t.Errorf("Scan(%q):\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}
