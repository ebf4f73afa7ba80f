package taint

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
)

// TestCanonicalShortcut checks that the lookup canonical skips for names
// outside the project's modules gives what the full search gives.
func TestCanonicalShortcut(t *testing.T) {
	res := analyzeFiles(t, map[string]string{
		"src/shop/__init__.py": "",
		"src/shop/views.py":    "def v(request):\n    pass\n",
		"src/blog/models.py":   "class Post:\n    pass\n",
		"__init__.py":          "",
	})
	p := res.Program
	for _, q := range []string{
		"django.shortcuts.render", "shop.views.v", "src.shop.views.v", "views.v", "blog.models.Post",
		"models.Post.objects", "shop", "src", "x", "", ".", "shop.", "os.path.join",
	} {
		if got, want := p.canonical(q), p.canonicalSlow(q); got != want {
			t.Errorf("canonical(%q) = %q, want %q", q, got, want)
		}
	}
}

// TestQualName checks the dotted names of expressions through imports.
func TestQualName(t *testing.T) {
	src := "from django import shortcuts as sc\nimport os.path\nsc.render\nos.path.join\nx\nsc\nf().a\na.b.c.d.e.f.g.h.i.j\n"
	mod, err := python.ParseFile("m.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m := &Module{Name: "m", ast: mod, Imports: python.NewResolver(mod, "m", python.FirstImportWins)}
	want := []string{"django.shortcuts.render", "os.path.join", "x", "django.shortcuts", "", "a.b.c.d.e.f.g.h.i.j"}
	for i, st := range mod.Body[2:] {
		if got := m.QualName(st.(*python.ExprStmt).Value); got != want[i] {
			t.Errorf("QualName(line %d) = %q, want %q", i+3, got, want[i])
		}
	}
}

// TestClassesEndingIn checks the lookup of classes by a partial dotted
// name: every class whose name ends in it, in name order.
func TestClassesEndingIn(t *testing.T) {
	res := analyzeFiles(t, map[string]string{
		"shop/forms.py":    "class OrderForm:\n    pass\n",
		"blog/forms.py":    "class OrderForm:\n    pass\nclass PostForm:\n    pass\n",
		"blog/__init__.py": "",
	})
	names := func(q string) string {
		var out []string
		for _, c := range res.Program.ClassesEndingIn(q) {
			out = append(out, c.QName)
		}
		return strings.Join(out, ",")
	}
	for q, want := range map[string]string{
		"OrderForm":           "blog.forms.OrderForm,shop.forms.OrderForm",
		"forms.OrderForm":     "blog.forms.OrderForm,shop.forms.OrderForm",
		"blog.forms.PostForm": "blog.forms.PostForm",
		"rderForm":            "",
		"":                    "",
		"Missing":             "",
	} {
		if got := names(q); got != want {
			t.Errorf("ClassesEndingIn(%q) = %s, want %s", q, got, want)
		}
	}
}

func TestMentionsRouting(t *testing.T) {
	for src, want := range map[string]bool{
		"urlpatterns = [path('a/', v)]":    true,
		"re_path(r'^a$', v)":               true,
		"url (x)":                          false,
		"x = url(y)":                       true,
		"router.register('a', V)":          true,
		"register(x); paths = (1, 2)":      false,
		"":                                 false,
		"(path":                            false,
		"def f(request): return render(x)": false,
	} {
		m := &Module{src: []byte(src)}
		if got := m.mentionsRouting(); got != want {
			t.Errorf("%q: got %v, want %v", src, got, want)
		}
	}
}

func init() {
	IndexCallsNamed("g", "h", "k", "m", "n", "p", "q", "r", "t")
	IndexCallsIn("asked")
}

// TestIndexKeepsCallsAskedFor checks that the index keeps the calls asked
// for by their callee's first or last name, and those only.
func TestIndexKeepsCallsAskedFor(t *testing.T) {
	res := analyzeFiles(t, map[string]string{"app/m.py": `import asked as a
from other import g as renamed

def f(obj):
    a.run()
    asked.x.y()
    obj.build().g()
    renamed()
    obj.left_out()
    left_out()
    other.asked()
`})
	var got []string
	for _, m := range res.Program.Modules {
		if m.File.Path != "app/m.py" {
			continue
		}
		for _, s := range m.Index().Calls {
			got = append(got, m.Text(s.Call.Func)+"="+s.Q)
		}
	}
	want := []string{"a.run=asked.run", "asked.x.y=asked.x.y", "obj.build().g=", "renamed=other.g"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestIndexSurroundings checks the statement, keyword and function the
// index records around each call.
func TestIndexSurroundings(t *testing.T) {
	res := analyzeFiles(t, map[string]string{"app/m.py": `def f():
    x = g(a=h(1))
    return k()

class C:
    y = m()
    def meth(self):
        for i in n(o=p()):
            pass

assert q()
r(s=t())
`})
	var mod *Module
	for _, m := range res.Program.Modules {
		if m.File.Path == "app/m.py" {
			mod = m
		}
	}
	if mod == nil {
		t.Fatal("app/m.py not loaded")
	}
	got := map[string]string{}
	for _, s := range mod.Index().Calls {
		desc := "stmt=none"
		switch st := s.Stmt.(type) {
		case *python.Assign:
			desc = "stmt=assign"
		case *python.Return:
			desc = "stmt=return"
		case nil:
		default:
			desc = fmt.Sprintf("stmt=%T", st)
		}
		if s.Kw != nil {
			desc += " kw=" + s.Kw.Arg
		}
		if s.Func != nil {
			desc += " func=" + s.Func.Name
		}
		got[s.Q] = desc
	}
	want := map[string]string{
		"g": "stmt=assign func=f",
		"h": "stmt=assign kw=a func=f",
		"k": "stmt=return func=f",
		"m": "stmt=assign",
		"n": "stmt=none func=meth",
		"p": "stmt=none kw=o func=meth",
		"q": "stmt=none",
		"r": "stmt=none",
		"t": "stmt=none kw=s",
	}
	for q, w := range want {
		if got[q] != w {
			t.Errorf("%s: got %q, want %q", q, got[q], w)
		}
	}
}

// TestClassesEndingInTails checks partial names that end inside or past a
// component, and classes of one name at several depths.
func TestClassesEndingInTails(t *testing.T) {
	p := &Program{Classes: map[string]*Class{}}
	for _, q := range []string{"a.b.C", "x.C", "C", "a.b.D", "b.C"} {
		p.Classes[q] = &Class{QName: q}
	}
	tests := []struct {
		q    string
		want []string
	}{
		{"C", []string{"C", "a.b.C", "b.C", "x.C"}},
		{"b.C", []string{"a.b.C", "b.C"}},
		{"a.b.C", []string{"a.b.C"}},
		{"x.C", []string{"x.C"}},
		{"b.D", []string{"a.b.D"}},
		{".C", nil},
		{"C.", nil},
		{"", nil},
		{"Z", nil},
		{"y.x.C", nil},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			var got []string
			for _, c := range p.ClassesEndingIn(tt.q) {
				got = append(got, c.QName)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestLeftOutModules checks that the program holds no module of a file
// whose findings the scan leaves out, and the others as before.
func TestLeftOutModules(t *testing.T) {
	dir, fs := writeTree(t, map[string]string{
		"shop/views.py":       "def index(request):\n    pass\n",
		"shop/tests/tests.py": "def test_index():\n    pass\n",
	})
	inTests := func(rel string) bool { return strings.Contains(rel, "/tests/") }
	for _, tc := range []struct {
		leftOut func(string) bool
		want    []string
	}{
		{nil, []string{"shop.tests.tests", "shop.views"}},
		{inTests, []string{"shop.views"}},
	} {
		prog := Load(project.New(dir, fs, project.Inputs{LeftOut: tc.leftOut}))
		var got []string
		for _, m := range prog.Modules {
			got = append(got, m.Name)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("left out %v: got modules %v, want %v", tc.leftOut != nil, got, tc.want)
		}
	}
}

// TestDefRoots checks that the first components gathered while the tables
// are built are those of their keys once built, with definitions moved
// aside (a function defined twice, at the top of a module without a dotted
// name, and a class defined again without one of its methods).
func TestDefRoots(t *testing.T) {
	res := analyzeFiles(t, map[string]string{
		"top.py":                 "def f():\n    pass\n",
		"shop/__init__.py":       "",
		"shop/views.py":          "def v(request):\n    pass\ndef v(request):\n    pass\n",
		"shop/models.py":         "class A:\n    def m(self):\n        pass\n    def n(self):\n        pass\nclass A:\n    def m(self):\n        pass\n",
		"__init__.py":            "def g():\n    pass\ndef g():\n    pass\n",
		"blog/models.py":         "class Post:\n    pass\n",
		"blog/__init__.py":       "",
		"blog/tests/x.py":        "def t():\n    pass\n",
		"blog/tests/__init__.py": "",
	})
	p := res.Program
	want := map[string]bool{}
	for q := range p.Funcs {
		want[firstComponent(q)] = true
	}
	for q := range p.Classes {
		want[firstComponent(q)] = true
	}
	if fmt.Sprint(p.defRoots) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", p.defRoots, want)
	}
	if len(p.Funcs) < 7 {
		t.Errorf("got %d functions, want the ones moved aside too: %v", len(p.Funcs), p.Funcs)
	}
}

// TestTextOfDecodedSource checks that a node's text comes from the text
// the tree was parsed from: a file with Windows line breaks, or in a
// declared encoding, has its positions in the decoded source, and slicing
// the bytes on disk with them showed the wrong text.
func TestTextOfDecodedSource(t *testing.T) {
	res := analyzeFiles(t, map[string]string{
		"crlf.py":   "import os\r\n\r\n# a comment\r\nname = os.environ[\"NAME\"]\r\n",
		"latin1.py": "# -*- coding: latin-1 -*-\n# caf\xe9\nname = os.environ[\"NAME\"]\n",
	})
	for _, mod := range []string{"crlf", "latin1"} {
		m := res.Program.Module(mod)
		if m == nil {
			t.Fatalf("no module %s", mod)
		}
		last := m.Tree().Body[len(m.Tree().Body)-1].(*python.Assign)
		if got := m.Text(last.Value); got != `os.environ["NAME"]` {
			t.Errorf("%s: Text = %q, want os.environ[\"NAME\"]", mod, got)
		}
	}
}
