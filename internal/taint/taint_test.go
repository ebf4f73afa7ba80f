package taint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/project"
)

func analyzeFiles(t *testing.T, files map[string]string) *Result {
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
	return Analyze(project.New(dir, fs, project.Inputs{}))
}

const header = `import os, subprocess, shlex, pickle, yaml, requests
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from urllib.parse import urlparse
ALLOWED = {"a", "b"}
`

// TestSanitizers checks, sink kind by sink kind, that flows are found and
// that each sanitizer ends them for the kinds it protects, and only those.
func TestSanitizers(t *testing.T) {
	tests := []struct {
		name string
		body string
		kind Kind
		want int
	}{
		{"concat", `q = request.GET["q"]; connection.cursor().execute("SELECT " + q)`, SQL, 1},
		{"percent", `q = request.GET["q"]; connection.cursor().execute("SELECT %s" % q)`, SQL, 1},
		{"format", `q = request.GET["q"]; connection.cursor().execute("SELECT {}".format(q))`, SQL, 1},
		{"fstring", `q = request.GET["q"]; connection.cursor().execute(f"SELECT {q}")`, SQL, 1},
		{"join", `q = request.GET.getlist("q"); connection.cursor().execute(",".join(q))`, SQL, 1},
		{"container", `d = {"k": request.GET["q"]}; connection.cursor().execute(d["k"])`, SQL, 1},
		{"augassign", `s = "SELECT "; s += request.POST["q"]; connection.cursor().execute(s)`, SQL, 1},
		{"params", `q = request.GET["q"]; connection.cursor().execute("SELECT %s", [q])`, SQL, 0},
		{"int", `q = int(request.GET["q"]); connection.cursor().execute("SELECT %d" % q)`, SQL, 0},
		{"allowlist", "q = request.GET['q']\n    if q in ALLOWED:\n        connection.cursor().execute('SELECT ' + q)", SQL, 0},
		{"allowlist-return", "q = request.GET['q']\n    if q not in ALLOWED:\n        return None\n    connection.cursor().execute('SELECT ' + q)", SQL, 0},
		{"allowlist-else", "q = request.GET['q']\n    if q in ALLOWED:\n        pass\n    connection.cursor().execute('SELECT ' + q)", SQL, 1},
		{"escape-xss", `return HttpResponse(escape(request.GET["q"]))`, XSS, 0},
		{"escape-not-sql", `connection.cursor().execute(escape(request.GET["q"]))`, SQL, 1},
		{"format_html", `return HttpResponse(format_html("<b>{}</b>", request.GET["q"]))`, XSS, 0},
		{"content-type-later", "r = HttpResponse(request.GET['q'])\n    r['Content-Type'] = 'text/csv'\n    return r", XSS, 0},
		{"content-type-html-later", "r = HttpResponse(request.GET['q'])\n    r['Content-Type'] = 'text/html; charset=utf-8'\n    return r", XSS, 1},
		{"content-type-helper", "return export(request.GET['q'])\n\ndef export(data):\n    r = HttpResponse(data)\n    r['Content-Type'] = 'text/csv'\n    return r", XSS, 0},
		{"content-type-computed", "return HttpResponse(request.body, content_type=mime_of(request))", XSS, 0},
		{"plain-text", `return HttpResponse(request.GET["q"], content_type="text/plain")`, XSS, 0},
		{"redirect", `return redirect(request.GET["next"])`, Redirect, 1},
		{"redirect-guard", "n = request.GET['next']\n    if not url_has_allowed_host_and_scheme(n, None):\n        n = '/'\n    return redirect(n)", Redirect, 0},
		{"redirect-guard-return", "n = request.GET['next']\n    if not url_has_allowed_host_and_scheme(n, None):\n        return redirect('/')\n    return redirect(n)", Redirect, 0},
		{"redirect-prefix", `return redirect("/items/" + request.GET["id"])`, Redirect, 0},
		{"redirect-double-slash", `return redirect("/" + request.GET["id"])`, Redirect, 1},
		{"shell", `os.system("ls " + request.GET["d"])`, Command, 1},
		{"shlex", `os.system("ls " + shlex.quote(request.GET["d"]))`, Command, 0},
		{"argv", `subprocess.run(["ls", request.GET["d"]])`, Command, 0},
		{"program", `subprocess.run([request.GET["d"], "-l"])`, Command, 1},
		{"basename", `open(os.path.join("/srv", os.path.basename(request.GET["f"])))`, Path, 0},
		{"path", `open(os.path.join("/srv", request.GET["f"]))`, Path, 1},
		{"ssrf", `requests.get(request.GET["u"])`, SSRF, 1},
		{"ssrf-host", "u = request.GET['u']\n    if urlparse(u).hostname not in ALLOWED:\n        return None\n    requests.get(u)", SSRF, 0},
		{"pickle", `pickle.loads(request.body)`, Deserialize, 1},
		{"yaml-safe", `yaml.load(request.body, Loader=yaml.SafeLoader)`, Deserialize, 0},
		{"eval", `eval(request.GET["e"])`, Code, 1},
		{"not-request", `connection.cursor().execute("SELECT " + other.GET["q"])`, SQL, 0},
		{"self-attr", "self.q = request.GET['q']\n    connection.cursor().execute(self.q)", SQL, 1},
		{"reassigned", "q = request.GET['q']\n    q = 'x'\n    connection.cursor().execute(q)", SQL, 0},
		{"guard-var", "n = request.GET['next']\n    ok = url_has_allowed_host_and_scheme(url=n, allowed_hosts=None)\n    return redirect(n if ok else '/')", Redirect, 0},
		{"and-false", "n = request.GET['next']\n    if n and not url_has_allowed_host_and_scheme(n, None):\n        return None\n    return redirect(n)", Redirect, 0},
		{"query-appended", "u = settings.LOGIN_URL + '?next=' + request.GET['n']\n    return redirect(u)", Redirect, 0},
		{"replace-old", "p = request.path.replace(request.GET['t'], 'x')\n    return redirect(p)", Redirect, 0},
		{"realpath-guard", "p = os.path.realpath(os.path.join('/srv', request.GET['f']))\n    if not p.startswith('/srv/'):\n        return None\n    open(p)", Path, 0},
		{"startswith-unresolved", "p = os.path.join('/srv', request.GET['f'])\n    if not p.startswith('/srv/'):\n        return None\n    open(p)", Path, 1},
		// "/\\evil.com" passes this check and browsers follow it off-site.
		{"local-path", "n = request.GET['next']\n    if n.startswith('/') and not n.startswith('//'):\n        return redirect(n)", Redirect, 1},
		{"slash-only", "n = request.GET['next']\n    if n.startswith('/'):\n        return redirect(n)", Redirect, 1},
		{"nested-wrapper", "def inner(request, *args):\n        return redirect(request.GET['next'])\n    return inner", Redirect, 1},
		{"nested-shadow", "q = request.GET['q']\n    def inner(q):\n        connection.cursor().execute(q)\n    return inner", SQL, 0},
		{"nested-capture", "q = request.GET['q']\n    def inner():\n        connection.cursor().execute(q)\n    return inner", SQL, 1},
		{"isdigit", "q = request.GET['q']\n    if q.isdigit():\n        connection.cursor().execute('SELECT ' + q)", SQL, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := header + "\ndef view(self, request, other=None):\n    " + tt.body + "\n"
			res := analyzeFiles(t, map[string]string{"app/views.py": src})
			if got := len(res.Of(tt.kind)); got != tt.want {
				t.Errorf("got %d findings, want %d: %+v", got, tt.want, res.Findings)
			}
		})
	}
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
urlpatterns = [
    path("<slug:shop>/", include("shop.urls")),
    re_path(r"^legacy/(?P<id>[0-9]+)/$", include("shop.legacy")),
]
`,
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
		"shop/views.py":  "def detail(request, shop, pk): pass\ndef old(request, id): pass\nclass Edit:\n    def get(self, request, shop, key): pass\n",
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
