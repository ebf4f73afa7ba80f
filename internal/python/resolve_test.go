package python

import (
	"slices"
	"testing"
)

func TestResolverQualifiedName(t *testing.T) {
	src := `import os
import os.path
import django.db.models as m
from django.utils.safestring import mark_safe as ms, SafeString
from . import sibling
from .forms import CommentForm
from .. import parent_mod
from ..core.utils import helper as h
from django.db.models import *

def view():
    import subprocess as sp
`
	mod, err := ParseFile("views.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		module, expr, want string
	}{
		{"blog.views", "ms", "django.utils.safestring.mark_safe"},
		{"blog.views", "ms(x)", "django.utils.safestring.mark_safe"},
		{"blog.views", "SafeString", "django.utils.safestring.SafeString"},
		{"blog.views", "m.expressions.RawSQL", "django.db.models.expressions.RawSQL"},
		{"blog.views", "os.path.join", "os.path.join"},
		{"blog.views", "os.system", "os.system"},
		{"blog.views", "sp.Popen", "subprocess.Popen"},
		{"blog.views", "sibling.x", "blog.sibling.x"},
		{"blog.views", "CommentForm", "blog.forms.CommentForm"},
		{"site.blog.views", "parent_mod", "site.parent_mod"},
		{"site.blog.views", "h", "site.core.utils.helper"},
		{"blog.__init__", "CommentForm", "blog.forms.CommentForm"},
		{"", "CommentForm", ".forms.CommentForm"},
		{"blog.views", "unknown", ""},
		{"blog.views", "f().x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.module+" "+tt.expr, func(t *testing.T) {
			r := NewResolver(mod, tt.module)
			e := parseExprForTest(t, tt.expr)
			if c, ok := e.(*Call); ok {
				e = c.Func
			}
			got, _ := r.QualifiedName(e)
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	r := NewResolver(mod, "blog.views")
	if got, want := r.StarImports(), []string{"django.db.models"}; !slices.Equal(got, want) {
		t.Errorf("got star imports %q, want %q", got, want)
	}
}

func parseExprForTest(t *testing.T, src string) Expr {
	t.Helper()
	m, err := ParseFile("expr.py", []byte(src+"\n"))
	if err != nil {
		t.Fatalf("parsing %q: %v", src, err)
	}
	return m.Body[0].(*ExprStmt).Value
}

func TestInspectOrderAndStack(t *testing.T) {
	src := "def f(a=d, *, b=e):\n    return g(a, k=v)\n"
	m, err := ParseFile("w.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	var parentOfV string
	InspectStack(m, func(n Node, stack []Node) bool {
		if x, ok := n.(*Name); ok {
			names = append(names, x.ID)
			if x.ID == "v" {
				parentOfV = Dump(stack[len(stack)-1])
			}
		}
		return true
	})
	if want := []string{"d", "e", "g", "a", "v"}; !slices.Equal(names, want) {
		t.Errorf("got names %q, want %q", names, want)
	}
	if want := "keyword(arg='k', value=Name(id='v', ctx=Load()))"; parentOfV != want {
		t.Errorf("got parent of v %s, want %s", parentOfV, want)
	}
	parents := Parents(m)
	fn := m.Body[0].(*FunctionDef)
	if parents[fn.Body[0]] != Node(fn) {
		t.Errorf("got parent %T of the return, want *FunctionDef", parents[fn.Body[0]])
	}
}

func TestDottedName(t *testing.T) {
	tests := []struct{ src, want string }{
		{"request.GET.get", "request.GET.get"},
		{"x", "x"},
		{"f().x", ""},
	}
	for _, tt := range tests {
		if got, _ := DottedName(parseExprForTest(t, tt.src)); got != tt.want {
			t.Errorf("DottedName(%s): got %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestParseExpr(t *testing.T) {
	tests := []struct {
		src, want string
		ok        bool
	}{
		{"a.b(c)", "Call(func=Attribute(value=Name(id='a', ctx=Load()), attr='b', ctx=Load()), args=[Name(id='c', ctx=Load())], keywords=[])", true},
		{"  1, 2\n", "Tuple(elts=[Constant(value=1), Constant(value=2)], ctx=Load())", true},
		{"x = 1", "", false},
		{"(", "", false},
	}
	for _, tt := range tests {
		e, err := ParseExpr(tt.src)
		if (err == nil) != tt.ok {
			t.Errorf("ParseExpr(%q): got error %v, want ok=%v", tt.src, err, tt.ok)
			continue
		}
		if tt.ok {
			if got := Dump(e); got != tt.want {
				t.Errorf("ParseExpr(%q): got %s, want %s", tt.src, got, tt.want)
			}
		}
	}
}

func TestModuleName(t *testing.T) {
	tests := []struct{ root, path, want string }{
		{"/proj", "/proj/blog/views.py", "blog.views"},
		{"/proj", "/proj/blog/__init__.py", "blog.__init__"},
		{"/proj", "/proj/manage.py", "manage"},
		{"/proj", "/other/x.py", ""},
	}
	for _, tt := range tests {
		if got := ModuleName(tt.root, tt.path); got != tt.want {
			t.Errorf("ModuleName(%q, %q): got %q, want %q", tt.root, tt.path, got, tt.want)
		}
	}
}

func TestResolverFirstImportWins(t *testing.T) {
	src := `try:
    from secrets import token_hex
except ImportError:
    from random import token_hex
import json
import simplejson as json
`
	mod, err := ParseFile("utils.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		opts       []ResolverOption
		expr, want string
	}{
		{"last wins", nil, "token_hex", "random.token_hex"},
		{"last wins", nil, "json.loads", "simplejson.loads"},
		{"first wins", []ResolverOption{FirstImportWins}, "token_hex", "secrets.token_hex"},
		{"first wins", []ResolverOption{FirstImportWins}, "json.loads", "json.loads"},
	}
	for _, tt := range tests {
		t.Run(tt.name+" "+tt.expr, func(t *testing.T) {
			r := NewResolver(mod, "app.utils", tt.opts...)
			if got, _ := r.QualifiedName(parseExprForTest(t, tt.expr)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestResolverBindingsAndAll(t *testing.T) {
	src := `try:
    from secrets import token_hex
except ImportError:
    from random import token_hex
import os.path
from . import *
`
	mod, err := ParseFile("utils.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r := NewResolver(mod, "app.utils", FirstImportWins)
	if got, want := r.Bindings("token_hex"), []string{"secrets.token_hex", "random.token_hex"}; !slices.Equal(got, want) {
		t.Errorf("got bindings %q, want %q", got, want)
	}
	if got := r.Bindings("missing"); len(got) != 0 {
		t.Errorf("got bindings %q for an unbound name, want none", got)
	}
	var got []string
	for local, q := range r.All() {
		got = append(got, local+"="+q)
	}
	if want := []string{"os=os", "token_hex=secrets.token_hex"}; !slices.Equal(got, want) {
		t.Errorf("got All %q, want %q", got, want)
	}
	if got, want := r.StarImports(), []string{"app"}; !slices.Equal(got, want) {
		t.Errorf("got star imports %q, want %q", got, want)
	}
}

// TestResolverNestedImports checks that an import binds its name from any
// block a module nests it in, among blocks that import nothing and so are
// not walked.
func TestResolverNestedImports(t *testing.T) {
	src := `def plain():
    return 1

class C:
    def m(self):
        if x:
            import a1
        else:
            from b import a2
        for i in y:
            pass
        else:
            import a3
    def n(self):
        return 2

while z:
    with open(p) as f:
        import a4
try:
    import a5
except ImportError:
    from c import a6
else:
    import a7
finally:
    import a8
match v:
    case 1:
        import a9
s = "no import here"
`
	mod, err := ParseFile("m.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r := NewResolver(mod, "m")
	for _, name := range []string{"a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9"} {
		if _, ok := r.Lookup(name); !ok {
			t.Errorf("got %s unbound, want it bound", name)
		}
	}
	if q, ok := r.Lookup("a6"); q != "c.a6" || !ok {
		t.Errorf("got a6 = %q, want c.a6", q)
	}
}
