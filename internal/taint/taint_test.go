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
