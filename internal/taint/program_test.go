package taint

import (
	"strings"
	"testing"

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
	m := &Module{Name: "m", AST: mod, Imports: python.NewResolver(mod, "m", python.FirstImportWins)}
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
		m := &Module{Src: []byte(src)}
		if got := m.mentionsRouting(); got != want {
			t.Errorf("%q: got %v, want %v", src, got, want)
		}
	}
}
