package djtemplate

import (
	"fmt"
	"strings"
	"testing"
)

// dump renders a tree compactly: T"text" V{expr} C{..} X{verbatim}
// tag[body|branch:body]/end, with positions for variables and tags.
func dump(nodes []Node) string {
	var b strings.Builder
	for _, n := range nodes {
		switch n := n.(type) {
		case *Text:
			fmt.Fprintf(&b, "T%q ", n.Value)
		case *Variable:
			fmt.Fprintf(&b, "V@%s{%s} ", n.Start, n.Raw)
		case *Comment:
			fmt.Fprintf(&b, "C{%s} ", strings.TrimSpace(n.Value))
		case *Verbatim:
			fmt.Fprintf(&b, "X{%s} ", n.Content)
		case *Tag:
			if n.Stray {
				b.WriteString("!")
			}
			fmt.Fprintf(&b, "%s@%s", n.Name, n.Start)
			if n.Block {
				b.WriteString("[" + strings.TrimSpace(dump(n.Body)))
				for _, br := range n.Branches {
					b.WriteString("|" + br.Name + ":" + strings.TrimSpace(dump(br.Body)))
				}
				b.WriteString("]")
				if n.EndTag != nil {
					b.WriteString("/" + n.EndTag.Name)
				}
			}
			b.WriteString(" ")
		}
	}
	return strings.TrimSpace(b.String())
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, src, want, errs string
	}{
		{"text", "hello", `T"hello"`, ""},
		{"variable", "a {{ x.y }} b", `T"a " V@1:3{x.y} T" b"`, ""},
		{"positions on later lines", "l1\n  {{ x }}\n{% if y %}z{% endif %}",
			`T"l1\n  " V@2:3{x} T"\n" if@3:1[T"z"]/endif`, ""},
		{"if elif else", "{% if a %}1{% elif b %}2{% else %}3{% endif %}",
			`if@1:1[T"1"|elif:T"2"|else:T"3"]/endif`, ""},
		{"for empty", "{% for x in xs %}{{ x }}{% empty %}none{% endfor %}",
			`for@1:1[V@1:18{x}|empty:T"none"]/endfor`, ""},
		{"nested", "{% block c %}{% with a=b %}{% if a %}{% csrf_token %}{% endif %}{% endwith %}{% endblock c %}",
			`block@1:1[with@1:14[if@1:28[csrf_token@1:38]/endif]/endwith]/endblock`, ""},
		{"generic block", "{% cache 5 x %}{% foo %}a{% endfoo %}{% endcache %}",
			`cache@1:1[foo@1:16[T"a"]/endfoo]/endcache`, ""},
		{"generic block with else", "{% ifusergroup staff %}a{% else %}b{% endifusergroup %}",
			`ifusergroup@1:1[T"a"|else:T"b"]/endifusergroup`, ""},
		{"djblets block tag", "{% code_block \"python\" %}x{% end_code_block %}",
			`code_block@1:1[T"x"]/end_code_block`, ""},
		{"custom tag simple then block", `{% placeholder "a" %}{% placeholder "b" or %}x{% endplaceholder %}`,
			`placeholder@1:1 placeholder@1:22[T"x"]/endplaceholder`, ""},
		{"custom tag block then simple", `{% placeholder "b" or %}x{% endplaceholder %}{% placeholder "a" %}`,
			`placeholder@1:1[T"x"]/endplaceholder placeholder@1:46`, ""},
		{"custom tag nested", "{% box %}{% box %}x{% endbox %}{% endbox %}",
			`box@1:1[box@1:10[T"x"]/endbox]/endbox`, ""},
		{"unknown simple tag", "{% url 'a' %}{% static 'b' %}", `url@1:1 static@1:14`, ""},
		{"comment tag", "a{% comment %}{{ x }} {% csrf_token %}{% endcomment %}b",
			`T"a" C{{{ x }} {% csrf_token %}} T"b"`, ""},
		{"comment tag with note", "{% comment \"why\" %}x{% endcomment %}", `C{x}`, ""},
		{"hash comment", "{# note #}", `C{note}`, ""},
		{"hash comment over lines is text", "{# a\nb #}", `T"{# a\nb #}"`, `1:1: "{#" is not closed on its line`},
		{"verbatim", "{% verbatim %}{{ vue }}{% if %}{% endverbatim %}{{ x }}",
			`X{{{ vue }}{% if %}} V@1:49{x}`, ""},
		{"named verbatim", "{% verbatim v1 %}{% endverbatim %}{% endverbatim v1 %}",
			`X{{% endverbatim %}}`, ""},
		{"variable over lines is text", "{{ a\n}}", `T"{{ a\n}}"`, `1:1: "{{" is not closed on its line`},
		{"unclosed if", "{% if a %}x", `if@1:1[T"x"]`, `1:1: {% if %} is not closed: no {% endif %}`},
		{"stray end", "a{% endif %}b", `T"a" !endif@1:2 T"b"`, `1:2: {% endif %} closes no open block`},
		{"inner unclosed", "{% if a %}{% for x in y %}{% endif %}",
			`if@1:1[for@1:11[]]/endif`, `1:11: {% for %} is not closed: no {% endfor %}`},
		{"else of outer", "{% if a %}{% with b=c %}{% else %}{% endif %}",
			`if@1:1[with@1:11[]|else:]/endif`, `1:11: {% with %} is not closed: no {% endwith %}`},
		{"empty tags", "{{ }}{% %}", `V@1:1{} @1:6`, `1:1: empty variable tag`},
		{"unclosed comment", "{% comment %}x", `C{x}`, `1:1: {% comment %} is not closed`},
		{"unclosed verbatim", "{% verbatim %}x", `X{x}`, `1:1: {% verbatim %} is not closed`},
		{"brace in text", "a { b } {", `T"a { b } {"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tpl := Parse(tt.src)
			if got := dump(tpl.Nodes); got != tt.want {
				t.Errorf("tree: got %s, want %s", got, tt.want)
			}
			got := ""
			if len(tpl.Errors) > 0 {
				got = tpl.Errors[0].Error()
			}
			if !strings.HasPrefix(got, tt.errs) || (tt.errs == "" && got != "") {
				t.Errorf("errors: got %q, want prefix %q", got, tt.errs)
			}
		})
	}
}

func TestFilterExpr(t *testing.T) {
	tests := []struct {
		src  string
		want string // value kind:raw then |name:arg...
		err  bool
	}{
		{"x", "var:x", false},
		{"user.profile.bio|safe", "var:user.profile.bio |safe", false},
		{`x | default:"a|b:c" | upper`, `var:x |default:"a|b:c" |upper`, false},
		{`"lit"|safe`, `str:"lit" |safe`, false},
		{`'it\'s'|safe`, `str:'it\'s' |safe`, false},
		{`_("Hello")|safe`, `tr:_("Hello") |safe`, false},
		{"-1.5|floatformat:2", "num:-1.5 |floatformat:2", false},
		{"d|date:'Y-m-d H:i'", "var:d |date:'Y-m-d H:i'", false},
		{"items|join:sep", "var:items |join:sep", false},
		{"x|", "var:x", true},
		{"x y", "var:x", true},
		{`x|default:"open`, "var:x |default", true},
		{`"open`, "", true},
	}
	kinds := map[OperandKind]string{OperandVariable: "var", OperandString: "str", OperandTranslated: "tr", OperandNumber: "num"}
	for _, tt := range tests {
		e := ParseFilterExpr(tt.src)
		var b strings.Builder
		if e.Value.Raw != "" {
			b.WriteString(kinds[e.Value.Kind] + ":" + e.Value.Raw)
		}
		for _, f := range e.Filters {
			b.WriteString(" |" + f.Name)
			if f.Arg != nil {
				b.WriteString(":" + f.Arg.Raw)
			}
		}
		if got := b.String(); got != tt.want {
			t.Errorf("ParseFilterExpr(%q): got %s, want %s", tt.src, got, tt.want)
		}
		if (e.Err != "") != tt.err {
			t.Errorf("ParseFilterExpr(%q): got error %q, want error %v", tt.src, e.Err, tt.err)
		}
	}
	if v := ParseFilterExpr(`'it\'s'`).Value.Value; v != "it's" {
		t.Errorf("unquoted value: got %q, want %q", v, "it's")
	}
}

func TestSplitContents(t *testing.T) {
	tests := []struct{ src, want string }{
		{`include "a b.html" with x="1 2" only`, `include|"a b.html"|with|x="1 2"|only`},
		{`url 'shop:item' slug=p.slug as u`, `url|'shop:item'|slug=p.slug|as|u`},
		{`  if   a  `, `if|a`},
		{`trans "it\"s"`, `trans|"it\"s"`},
	}
	for _, tt := range tests {
		if got := strings.Join(SplitContents(tt.src), "|"); got != tt.want {
			t.Errorf("SplitContents(%q): got %s, want %s", tt.src, got, tt.want)
		}
	}
}

func TestNestingLimit(t *testing.T) {
	src := strings.Repeat("{% if a %}", MaxDepth+10) + strings.Repeat("{% endif %}", MaxDepth+10)
	tpl := Parse(src)
	if len(tpl.Errors) == 0 {
		t.Fatal("got no error for nesting beyond MaxDepth")
	}
}
