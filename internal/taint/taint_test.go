package taint

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/project"
)

// testConfig is a small sink table: the engine's tests are about flows,
// the rules' tests about their sinks.
var testConfig = NewConfig(&Spec{Kind: SQL, Sinks: []Sink{{Method: "execute", Args: []Arg{A(0, "sql")}}}})

func analyzeFiles(t *testing.T, files map[string]string) *Result {
	t.Helper()
	dir, fs := writeTree(t, files)
	return Analyze(project.New(dir, fs, project.Inputs{}), testConfig)
}

// writeTree writes files (path to source) into a new directory and walks
// it.
func writeTree(t *testing.T, files map[string]string) (string, []*project.File) {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fs, _, err := project.Walk(dir, project.WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return dir, fs
}

// TestAcrossModules follows data from a view into a helper module and back
// through a return value, and checks the recorded path.
func TestAcrossModules(t *testing.T) {
	res := analyzeFiles(t, map[string]string{
		"shop/urls.py":  "from django.urls import path\nfrom . import views\nurlpatterns = [path('<slug:s>/', views.v)]\n",
		"shop/util.py":  "def wrap(x):\n    return 'SELECT ' + x\n",
		"shop/db.py":    "from django.db import connection\nfrom .util import wrap\n\ndef run(sql):\n    connection.cursor().execute(wrap(sql))\n",
		"shop/views.py": "from shop import db\n\ndef v(request, s):\n    db.run(s)\n",
	})
	fs := res.Of(SQL)
	if len(fs) != 1 {
		t.Fatalf("got %d SQL findings, want 1: %+v", len(fs), res.Findings)
	}
	f := fs[0]
	if f.Location.Path != "shop/db.py" || f.Location.Line != 5 {
		t.Errorf("got location %v, want shop/db.py:5", f.Location)
	}
	var msgs []string
	for _, s := range f.Flow {
		msgs = append(msgs, s.Location.Path+": "+s.Message)
	}
	got := strings.Join(msgs, " | ")
	for _, want := range []string{"shop/views.py: URL path parameter s read here", "passed to run() as sql", "passed to wrap() as x", "returned from wrap()", "shop/db.py: reaches connection.cursor().execute"} {
		if !strings.Contains(got, want) {
			t.Errorf("flow %q lacks %q", got, want)
		}
	}
}

// TestSelfAttributes follows request data stored in self by one method of
// a class-based view and read by another.
func TestSelfAttributes(t *testing.T) {
	res := analyzeFiles(t, map[string]string{
		"app/views.py": `from django.db import connection
from django.views.generic import ListView

class Search(ListView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.term = request.GET.get("q", "")
        self.page = int(request.GET.get("page", "1"))

    def get_queryset(self):
        with connection.cursor() as c:
            c.execute("SELECT * FROM t WHERE name = '" + self.term + "'")
            c.execute("SELECT * FROM t LIMIT 10 OFFSET %d" % self.page)
        return []
`,
	})
	fs := res.Of(SQL)
	if len(fs) != 1 || fs[0].Location.Line != 12 {
		t.Fatalf("got %+v, want one SQL finding on line 12", fs)
	}
	var msgs []string
	for _, s := range fs[0].Flow {
		msgs = append(msgs, s.Message)
	}
	if got := strings.Join(msgs, " | "); !strings.Contains(got, "assigned to self.term") || !strings.Contains(got, "read from self.term") {
		t.Errorf("flow %q does not show the attribute", got)
	}
}

func TestRouteParams(t *testing.T) {
	tests := []struct {
		route string
		regex bool
		want  map[string]bool
	}{
		{"<int:pk>/<slug:slug>/<str:name>/<path:rest>/<uuid:id>", false, map[string]bool{"pk": false, "slug": true, "name": true, "rest": true, "id": false}},
		{"<name>/", false, map[string]bool{"name": true}},
		{`^(?P<year>\d{4})/(?P<slug>[-\w]+)/$`, true, map[string]bool{"year": false, "slug": true}},
		{`^(?P<id>[0-9]+)/$`, true, map[string]bool{"id": false}},
	}
	for _, tt := range tests {
		got := routeParams(tt.route, tt.regex)
		if len(got) != len(tt.want) {
			t.Errorf("%s: got %v, want %v", tt.route, got, tt.want)
			continue
		}
		for k, v := range tt.want {
			if got[k] != v {
				t.Errorf("%s: param %s got %v, want %v", tt.route, k, got[k], v)
			}
		}
	}
}

// TestViews reads URL configurations: includes carry their prefix's
// parameters, as_view() names classes, routers register viewsets, and
// wrappers around views are unwrapped and remembered.
func TestViews(t *testing.T) {
	res := analyzeFiles(t, map[string]string{
		"site/urls.py": `from django.urls import include, path, re_path
import shop.help
urlpatterns = [
    path("<slug:shop>/", include("shop.urls")),
    re_path(r"^legacy/(?P<id>[0-9]+)/$", include("shop.legacy")),
    path("help/<int:topic>/", include(shop.help)),
]
`,
		"shop/help.py": "from django.urls import path\nfrom . import views\nurlpatterns = [path('', views.topic)]\n",
		"shop/urls.py": `from django.contrib.auth.decorators import login_required
from django.urls import path
from rest_framework.routers import DefaultRouter
from . import views
from .api import ItemViewSet
router = DefaultRouter()
router.register("items", ItemViewSet)
urlpatterns = [
    path("<int:pk>/", views.detail),
    path("edit/<uuid:key>/", login_required(views.Edit.as_view())),
] + router.urls
`,
		"shop/legacy.py": "from django.urls import path\nfrom . import views\nurlpatterns = [path('', views.old)]\n",
		"shop/views.py":  "def detail(request, shop, pk): pass\ndef old(request, id): pass\ndef topic(request, topic): pass\nclass Edit:\n    def get(self, request, shop, key): pass\n",
		"shop/api.py":    "class ItemViewSet:\n    def retrieve(self, request, pk=None): pass\n",
	})
	tests := []struct {
		view     string
		params   map[string]bool
		class    bool
		viewset  bool
		wrappers int
	}{
		{"shop.views.detail", map[string]bool{"shop": true, "pk": false}, false, false, 0},
		{"shop.views.old", map[string]bool{"id": false}, false, false, 0},
		{"shop.views.topic", map[string]bool{"topic": false}, false, false, 0}, // include(shop.help) after import shop.help
		{"shop.views.Edit", map[string]bool{"shop": true, "key": false}, true, false, 1},
		{"shop.api.ItemViewSet", map[string]bool{"pk": true, "shop": true}, true, true, 0},
	}
	for _, tt := range tests {
		v := res.Views[tt.view]
		if v == nil {
			t.Errorf("%s: not found among views %v", tt.view, res.Views)
			continue
		}
		if v.Class != tt.class || v.ViewSet != tt.viewset || len(v.Wrappers) != tt.wrappers {
			t.Errorf("%s: got class %v viewset %v wrappers %v, want %v %v %d", tt.view, v.Class, v.ViewSet, v.Wrappers, tt.class, tt.viewset, tt.wrappers)
		}
		for k, want := range tt.params {
			if got, ok := v.Params[k]; !ok || got != want {
				t.Errorf("%s: param %s got %v (present %v), want %v", tt.view, k, got, ok, want)
			}
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		pat, q string
		want   bool
	}{
		{"os.system", "os.system", true},
		{"os.system", "os.systemx", false},
		{"os.system", "xos.system", false},
		{"django.http.**.HttpResponse", "django.http.HttpResponse", true},
		{"django.http.**.HttpResponse", "django.http.response.HttpResponse", true},
		{"django.http.**.HttpResponse", "django.HttpResponse", false},
		{"**.RawSQL", "RawSQL", true},
		{"**.RawSQL", "a.b.RawSQL", true},
		{"**.RawSQL", "a.b.RawSQLx", false},
		{"os.**", "os.path.join", true},
		{"os.**", "osx.path", false},
	}
	for _, tt := range tests {
		if got := match(strings.Split(tt.pat, "."), tt.q); got != tt.want {
			t.Errorf("match(%q, %q) = %v, want %v", tt.pat, tt.q, got, tt.want)
		}
	}
}

// TestEveryDefinition analyses each of several definitions of one name:
// conditional ones, and plain redefinitions.
func TestEveryDefinition(t *testing.T) {
	res := analyzeFiles(t, map[string]string{
		"app/views.py": `from django.conf import settings
from django.db import connection

if settings.USE_LEGACY:
    def search(request):
        connection.cursor().execute("SELECT " + request.GET["a"])
else:
    def search(request):
        connection.cursor().execute("SELECT " + request.GET["b"])

try:
    from fast import lookup
except ImportError:
    def lookup(request):
        connection.cursor().execute("SELECT " + request.GET["c"])


def report(request):
    connection.cursor().execute("SELECT " + request.GET["d"])


def report(request):
    connection.cursor().execute("SELECT " + request.GET["e"])


class Export:
    @property
    def query(self):
        return "SELECT 1"

    @query.setter
    def query(self, request):
        connection.cursor().execute("SELECT " + request.GET["f"])
`,
	})
	var lines []int
	for _, f := range res.Of(SQL) {
		lines = append(lines, f.Location.Line)
	}
	want := []int{6, 9, 15, 19, 23, 33}
	if len(lines) != len(want) {
		t.Fatalf("got findings on lines %v, want %v", lines, want)
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("got findings on lines %v, want %v", lines, want)
			break
		}
	}
}

func TestSafeParams(t *testing.T) {
	tests := []struct {
		route string
		regex bool
		want  map[string]Kind
	}{
		{"<slug:s>/<str:name>/<path:rest>/<int:pk>", false, map[string]Kind{"s": slugSafe, "name": 0, "rest": 0, "pk": 0}},
		{`^(?P<slug>[-\w]+)/(?P<x>[^/]+)/(?P<y>[a-zA-Z0-9_-]+)/(?P<n>\w+)/(?P<m>[a-z0-9_]{1,8})$`, true,
			map[string]Kind{"slug": slugSafe, "x": 0, "y": slugSafe, "n": wordSafe, "m": wordSafe}},
	}
	for _, tt := range tests {
		got := safeParams(tt.route, tt.regex)
		for k, v := range tt.want {
			if got[k] != v {
				t.Errorf("%s: param %s got %v, want %v", tt.route, k, got[k], v)
			}
		}
	}
}

// TestChecks follows the project's own check functions: a function whose
// every true (or every false) return comes after a guard on a parameter
// guards that parameter where its caller tests it.
func TestChecks(t *testing.T) {
	dir := t.TempDir()
	src := `from django.db import connection
from safety import is_clean

def checked(q):
    return is_clean(q)

def negative(q):
    return not is_clean(q)

def early(q):
    if not is_clean(q):
        return False
    return True

def unchecked(q):
    return q.startswith("a")

def view(request):
    q = request.GET["q"]
    if checked(q):
        connection.cursor().execute(q)
    if not negative(q):
        connection.cursor().execute(q)
    if early(q):
        connection.cursor().execute(q)
    if unchecked(q):
        connection.cursor().execute(q)
`
	if err := os.WriteFile(filepath.Join(dir, "views.py"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	fs, _, err := project.Walk(dir, project.WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := NewConfig(&Spec{Kind: SQL,
		Sinks:  []Sink{{Method: "execute", Args: []Arg{A(0, "sql")}}},
		Guards: []Guard{{Func: "safety.is_clean", Arg: A(0)}}})
	res := Analyze(project.New(dir, fs, project.Inputs{}), cfg)
	var lines []int
	for _, f := range res.Of(SQL) {
		lines = append(lines, f.Location.Line)
	}
	if len(lines) != 1 || lines[0] != 27 {
		t.Errorf("got findings on lines %v, want only 27 (the unchecked one)", lines)
	}
}

// TestLargestAhead checks that the order the rounds hand work out in puts
// first the same few that a sort of everything by size would, ties in
// index order, then the rest in index order.
func TestLargestAhead(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 63, 64, 65, 200, 1000, 5000} {
		for _, spread := range []int{1, 3, 50, 1 << 20} {
			sizes := make([]int, n)
			for i := range sizes {
				sizes[i] = rng.IntN(spread)
			}
			size := func(i int) int { return sizes[i] }
			k := n / 64
			want := append([]int(nil), largestFirst(n, size)[:k]...)
			big := map[int]bool{}
			for _, i := range want {
				big[i] = true
			}
			for i := range n {
				if !big[i] {
					want = append(want, i)
				}
			}
			if got := largestAhead(n, size); !slices.Equal(got, want) {
				t.Errorf("n=%d spread=%d: got %v, want %v", n, spread, got, want)
			}
		}
	}
}

// TestInertCallerSeesLateSource checks that a function that met no request
// data and that nothing calls is interpreted again when a helper comes to
// return request data whatever its arguments in a later round.
func TestInertCallerSeesLateSource(t *testing.T) {
	res := analyzeFiles(t, map[string]string{
		"app/util.py": `def inner(request):
    return request.GET["q"]

def outer(request):
    return inner(request)

def wrap(x):
    return passthrough(x)

def passthrough(x):
    return x
`,
		"app/jobs.py": `from app.util import outer, wrap

def job(cur, r):
    cur.execute(outer(r))

def other(cur, r):
    cur.execute(wrap(r))
`,
	})
	fs := res.Of(SQL)
	if len(fs) != 1 || fs[0].Location.Path != "app/jobs.py" || fs[0].Location.Line != 4 {
		t.Fatalf("got %+v, want one SQL finding at app/jobs.py:4", fs)
	}
}
