package taint

import (
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
