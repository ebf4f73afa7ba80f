package code

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/analysis/analysistest"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
	"github.com/djsec/djsec/internal/testenv"
)

func TestRules(t *testing.T) {
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			analysistest.RequireCases(t, "testdata/"+r.ID)
			findings := analysistest.Run(t, "testdata/"+r.ID, r)
			if !strings.HasPrefix(r.ID, "DJC1") {
				return
			}
			// Every taint finding shows its path: a source first, the sink
			// last, at the finding's own location.
			for _, f := range findings {
				if len(f.Flow) < 2 {
					t.Errorf("%s: flow has %d steps, want a source and a sink", f.Location, len(f.Flow))
					continue
				}
				first, last := f.Flow[0], f.Flow[len(f.Flow)-1]
				if !strings.HasSuffix(first.Message, "read here") {
					t.Errorf("%s: first step %q, want a source read", f.Location, first.Message)
				}
				if !strings.HasPrefix(last.Message, "reaches ") || last.Location.Line != f.Location.Line || last.Location.Path != f.Location.Path {
					t.Errorf("%s: last step %v %q, want the sink", f.Location, last.Location, last.Message)
				}
			}
		})
	}
}

func analyzeFiles(t *testing.T, files map[string]string) *taint.Result {
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
	return taint.Analyze(project.New(dir, fs, project.Inputs{}), taintSpecs())
}

const header = `import asyncio, base64, os, re, subprocess, shlex, pickle, yaml, requests
from base64 import b64decode
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from urllib.parse import urlparse
ALLOWED = {"a", "b"}
SPACES = re.compile(r"\s+")
`

// TestSanitizers checks, sink kind by sink kind, that flows are found and
// that each sanitizer ends them for the kinds it protects, and only those.
func TestSanitizers(t *testing.T) {
	tests := []struct {
		name string
		body string
		kind taint.Kind
		want int
	}{
		{"concat", `q = request.GET["q"]; connection.cursor().execute("SELECT " + q)`, taint.SQL, 1},
		{"percent", `q = request.GET["q"]; connection.cursor().execute("SELECT %s" % q)`, taint.SQL, 1},
		{"format", `q = request.GET["q"]; connection.cursor().execute("SELECT {}".format(q))`, taint.SQL, 1},
		{"fstring", `q = request.GET["q"]; connection.cursor().execute(f"SELECT {q}")`, taint.SQL, 1},
		{"join", `q = request.GET.getlist("q"); connection.cursor().execute(",".join(q))`, taint.SQL, 1},
		{"container", `d = {"k": request.GET["q"]}; connection.cursor().execute(d["k"])`, taint.SQL, 1},
		{"augassign", `s = "SELECT "; s += request.POST["q"]; connection.cursor().execute(s)`, taint.SQL, 1},
		{"params", `q = request.GET["q"]; connection.cursor().execute("SELECT %s", [q])`, taint.SQL, 0},
		{"int", `q = int(request.GET["q"]); connection.cursor().execute("SELECT %d" % q)`, taint.SQL, 0},
		{"allowlist", "q = request.GET['q']\n    if q in ALLOWED:\n        connection.cursor().execute('SELECT ' + q)", taint.SQL, 0},
		{"allowlist-return", "q = request.GET['q']\n    if q not in ALLOWED:\n        return None\n    connection.cursor().execute('SELECT ' + q)", taint.SQL, 0},
		{"allowlist-else", "q = request.GET['q']\n    if q in ALLOWED:\n        pass\n    connection.cursor().execute('SELECT ' + q)", taint.SQL, 1},
		{"escape-xss", `return HttpResponse(escape(request.GET["q"]))`, taint.XSS, 0},
		{"escape-not-sql", `connection.cursor().execute(escape(request.GET["q"]))`, taint.SQL, 1},
		{"format_html", `return HttpResponse(format_html("<b>{}</b>", request.GET["q"]))`, taint.XSS, 0},
		{"content-type-later", "r = HttpResponse(request.GET['q'])\n    r['Content-Type'] = 'text/csv'\n    return r", taint.XSS, 0},
		{"content-type-html-later", "r = HttpResponse(request.GET['q'])\n    r['Content-Type'] = 'text/html; charset=utf-8'\n    return r", taint.XSS, 1},
		{"content-type-helper", "return export(request.GET['q'])\n\ndef export(data):\n    r = HttpResponse(data)\n    r['Content-Type'] = 'text/csv'\n    return r", taint.XSS, 0},
		{"content-type-computed", "return HttpResponse(request.body, content_type=mime_of(request))", taint.XSS, 0},
		{"plain-text", `return HttpResponse(request.GET["q"], content_type="text/plain")`, taint.XSS, 0},
		{"redirect", `return redirect(request.GET["next"])`, taint.Redirect, 1},
		{"redirect-guard", "n = request.GET['next']\n    if not url_has_allowed_host_and_scheme(n, None):\n        n = '/'\n    return redirect(n)", taint.Redirect, 0},
		{"redirect-guard-return", "n = request.GET['next']\n    if not url_has_allowed_host_and_scheme(n, None):\n        return redirect('/')\n    return redirect(n)", taint.Redirect, 0},
		{"redirect-prefix", `return redirect("/items/" + request.GET["id"])`, taint.Redirect, 0},
		{"redirect-double-slash", `return redirect("/" + request.GET["id"])`, taint.Redirect, 1},
		{"shell", `os.system("ls " + request.GET["d"])`, taint.Command, 1},
		{"shlex", `os.system("ls " + shlex.quote(request.GET["d"]))`, taint.Command, 0},
		{"argv", `subprocess.run(["ls", request.GET["d"]])`, taint.Command, 0},
		{"program", `subprocess.run([request.GET["d"], "-l"])`, taint.Command, 1},
		{"basename", `open(os.path.join("/srv", os.path.basename(request.GET["f"])))`, taint.Path, 0},
		{"path", `open(os.path.join("/srv", request.GET["f"]))`, taint.Path, 1},
		{"ssrf", `requests.get(request.GET["u"])`, taint.SSRF, 1},
		{"ssrf-host", "u = request.GET['u']\n    if urlparse(u).hostname not in ALLOWED:\n        return None\n    requests.get(u)", taint.SSRF, 0},
		{"pickle", `pickle.loads(request.body)`, taint.Deserialize, 1},
		{"yaml-safe", `yaml.load(request.body, Loader=yaml.SafeLoader)`, taint.Deserialize, 0},
		{"eval", `eval(request.GET["e"])`, taint.Code, 1},
		{"not-request", `connection.cursor().execute("SELECT " + other.GET["q"])`, taint.SQL, 0},
		{"self-attr", "self.q = request.GET['q']\n    connection.cursor().execute(self.q)", taint.SQL, 1},
		{"reassigned", "q = request.GET['q']\n    q = 'x'\n    connection.cursor().execute(q)", taint.SQL, 0},
		{"guard-var", "n = request.GET['next']\n    ok = url_has_allowed_host_and_scheme(url=n, allowed_hosts=None)\n    return redirect(n if ok else '/')", taint.Redirect, 0},
		{"and-false", "n = request.GET['next']\n    if n and not url_has_allowed_host_and_scheme(n, None):\n        return None\n    return redirect(n)", taint.Redirect, 0},
		{"query-appended", "u = settings.LOGIN_URL + '?next=' + request.GET['n']\n    return redirect(u)", taint.Redirect, 0},
		{"replace-old", "p = request.path.replace(request.GET['t'], 'x')\n    return redirect(p)", taint.Redirect, 0},
		{"realpath-guard", "p = os.path.realpath(os.path.join('/srv', request.GET['f']))\n    if not p.startswith('/srv/'):\n        return None\n    open(p)", taint.Path, 0},
		{"startswith-unresolved", "p = os.path.join('/srv', request.GET['f'])\n    if not p.startswith('/srv/'):\n        return None\n    open(p)", taint.Path, 1},
		// "/\\evil.com" passes this check and browsers follow it off-site.
		{"local-path", "n = request.GET['next']\n    if n.startswith('/') and not n.startswith('//'):\n        return redirect(n)", taint.Redirect, 1},
		{"slash-only", "n = request.GET['next']\n    if n.startswith('/'):\n        return redirect(n)", taint.Redirect, 1},
		{"nested-wrapper", "def inner(request, *args):\n        return redirect(request.GET['next'])\n    return inner", taint.Redirect, 1},
		{"nested-shadow", "q = request.GET['q']\n    def inner(q):\n        connection.cursor().execute(q)\n    return inner", taint.SQL, 0},
		{"nested-capture", "q = request.GET['q']\n    def inner():\n        connection.cursor().execute(q)\n    return inner", taint.SQL, 1},
		{"isdigit", "q = request.GET['q']\n    if q.isdigit():\n        connection.cursor().execute('SELECT ' + q)", taint.SQL, 0},
		{"b64decode", `os.system(base64.b64decode(request.GET["c"]).decode())`, taint.Command, 1},
		{"b64-from-import", `os.system(b64decode(request.GET["c"]).decode("utf-8"))`, taint.Command, 1},
		{"decodebytes", `os.system(base64.decodebytes(request.body).decode())`, taint.Command, 1},
		{"urlsafe", `pickle.loads(base64.urlsafe_b64decode(request.COOKIES["state"]))`, taint.Deserialize, 1},
		{"re-sub", `connection.cursor().execute(re.sub(r"\s+", " ", request.GET["q"]))`, taint.SQL, 1},
		{"re-sub-repl", `connection.cursor().execute(re.sub("X", request.GET["q"], "SELECT X"))`, taint.SQL, 1},
		{"compiled-sub", `connection.cursor().execute(SPACES.sub(" ", request.GET["q"]))`, taint.SQL, 1},
		{"re-sub-pattern-only", `connection.cursor().execute(re.sub(request.GET["q"], "", "SELECT 1"))`, taint.SQL, 0},
		{"str-replace", `connection.cursor().execute("SELECT X".replace("X", request.GET["q"]))`, taint.SQL, 1},
		{"str-replace-unbound", `connection.cursor().execute(str.replace("SELECT X", "X", request.GET["q"]))`, taint.SQL, 1},
		{"replace-receiver", `connection.cursor().execute(request.GET["q"].replace("'", "''"))`, taint.SQL, 1},
		{"executor-exec", `loop.run_in_executor(None, exec, request.POST["code"])`, taint.Code, 1},
		{"executor-safe", `loop.run_in_executor(None, print, request.POST["code"])`, taint.Code, 0},
		{"to-thread", `asyncio.to_thread(os.system, request.POST["cmd"])`, taint.Command, 1},
		{"submit", `pool.submit(os.system, request.POST["cmd"])`, taint.Command, 1},
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

// TestRedirectToRefererIsLow checks that a redirect back to the Referer
// header, or to a target from a request body behind a CSRF check, is
// reported at low severity, and a redirect to a query parameter at the
// rule's own.
func TestRedirectToRefererIsLow(t *testing.T) {
	lowWhen(t, "testdata/DJC103", OpenRedirect, "HTTP_REFERER", "keeps other sites from sending", "unless the site runs for development")
}

// TestUploadNameIsLow checks that a path built from an upload's file name,
// a base name, or from a form's body in a view only superusers reach, or
// in a function @staff_member_required wraps, is reported at low
// severity, and other request data at the rule's own.
func TestUploadNameIsLow(t *testing.T) {
	lowWhen(t, "testdata/DJC107", PathTraversal, "upload's file name", "only superusers reach", "lets only staff reach")
}

// TestStackTraceToStaffIsLow checks that a trace sent back by a view only
// staff reach, or by the admin, is low, and one sent by an open view
// medium.
func TestStackTraceToStaffIsLow(t *testing.T) {
	lowWhen(t, "testdata/DJC228", StackTraceInResponse, "staff")
}

// TestShadowedMixinBehindAnotherGuardIsLow checks that a mixin that never
// runs is low when another class's dispatch still refuses requests before
// the view answers, or every handler turns anonymous users away itself,
// medium on a view that only shows pages, and high otherwise.
func TestShadowedMixinBehindAnotherGuardIsLow(t *testing.T) {
	seen := map[report.Severity]int{}
	for _, f := range analysistest.Run(t, "testdata/DJC224", AccessMixinAfterView) {
		want := report.High
		switch {
		case strings.Contains(f.Message, "still turns requests away"), strings.Contains(f.Message, "turns anonymous users away itself"):
			want = report.Low
		case strings.Contains(f.Message, "it only shows pages"):
			want = report.Medium
		}
		if f.Severity != want {
			t.Errorf("%s: %s at %v, want %v", f.Location, f.Message, f.Severity, want)
		}
		seen[want]++
	}
	if seen[report.Low] == 0 || seen[report.Medium] == 0 || seen[report.High] == 0 {
		t.Errorf("findings by severity %v, want some of each", seen)
	}
}

// TestUnforgeableBodyXSSIsLow checks that markup from a request body is
// low where the CSRF check stops other sites from sending it, and high
// where it does not (an exempt view, an API open to anonymous posts) or
// where it comes from a query string.
func TestUnforgeableBodyXSSIsLow(t *testing.T) {
	lowWhen(t, "testdata/DJC102", XSSInResponse, "keeps other sites from sending", "refuses unless it is JSON")
}

// TestSandboxedTemplateIsLow checks that a template compiled in Jinja's
// sandbox is low, and one compiled by a plain Environment high.
func TestSandboxedTemplateIsLow(t *testing.T) {
	var labels []report.Finding
	for _, f := range analysistest.Run(t, "testdata/DJC106", TemplateInjection) {
		if strings.HasPrefix(f.Location.Path, "pages/labels.py") {
			labels = append(labels, f)
		}
	}
	if sandboxed := severityByMarker(t, labels, "a Jinja sandbox", report.Low, report.High); sandboxed != 3 {
		t.Errorf("%d sandboxed templates, want 3", sandboxed)
	}
}

// TestAnonymousByPurposeIsLow checks that a view that limits its own
// rate, which its authors meant for anonymous callers, a first-run setup,
// which the first visitor completes, and a view that only adds new rows,
// as a public form does, are low.
func TestAnonymousByPurposeIsLow(t *testing.T) {
	want := map[string]int{"limits its own rate": 2, "refuses once any user account exists": 2, "only adds new rows": 7}
	got := map[string]int{}
	for _, f := range analysistest.Run(t, "testdata/DJC213", UnauthenticatedStateChange) {
		for marker := range want {
			if strings.Contains(f.Message, marker) {
				got[marker]++
				if f.Severity != report.Low {
					t.Errorf("%s: %s at %v, want low", f.Location, f.Message, f.Severity)
				}
			}
		}
	}
	for marker, n := range want {
		if got[marker] != n {
			t.Errorf("%d findings saying %q, want %d", got[marker], marker, n)
		}
	}
}

// TestStateChangeUnderUnreadMiddleware checks that DJC213 is low where
// MIDDLEWARE adds to what a library's settings give (a star import djsec
// cannot follow), where a login middleware may hide, and medium where the
// project lists MIDDLEWARE in full.
func TestStateChangeUnderUnreadMiddleware(t *testing.T) {
	for _, tc := range []struct {
		settings string
		want     report.Severity
	}{
		{"from blueapps.conf.default_settings import *  # noqa\nMIDDLEWARE += ('proj.middleware.Extra',)\n", report.Low},
		{"MIDDLEWARE = ['django.middleware.csrf.CsrfViewMiddleware', 'proj.middleware.Extra']\n", report.Medium},
	} {
		dir := testenv.Tree(t, map[string]string{
			"manage.py":         "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n",
			"proj/__init__.py":  "",
			"proj/settings.py":  "DEBUG = False\nROOT_URLCONF = 'proj.urls'\n" + tc.settings,
			"proj/urls.py":      "from django.urls import path\n\nfrom notes import views\n\nurlpatterns = [path('notes/<int:pk>/delete/', views.delete_note)]\n",
			"notes/__init__.py": "",
			"notes/models.py":   "from django.db import models\n\n\nclass Note(models.Model):\n    text = models.TextField()\n",
			"notes/views.py":    "from django.http import HttpResponse\n\nfrom .models import Note\n\n\ndef delete_note(request, pk):\n    Note.objects.filter(pk=pk).delete()\n    return HttpResponse(status=204)\n",
		})
		res, err := analysis.Scan(analysis.Options{Root: dir, Rules: []*analysis.Rule{UnauthenticatedStateChange}})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Findings) != 1 || res.Findings[0].Severity != tc.want {
			t.Errorf("%s: %v, want one finding at %v", tc.settings, res.Findings, tc.want)
		}
	}
}

// severityByMarker checks that the findings whose message holds marker
// have severity marked and the others other, and returns how many hold it.
func severityByMarker(t *testing.T, findings []report.Finding, marker string, marked, other report.Severity) int {
	t.Helper()
	n := 0
	for _, f := range findings {
		want := other
		if strings.Contains(f.Message, marker) {
			want = marked
			n++
		}
		if f.Severity != want {
			t.Errorf("%s: %s at %v, want %v", f.Location, f.Message, f.Severity, want)
		}
	}
	return n
}

// TestGraphQLDocumentIsMedium checks that request data formatted into a
// GraphQL document a schema executes is medium, and SQL critical.
func TestGraphQLDocumentIsMedium(t *testing.T) {
	findings := analysistest.Run(t, "testdata/DJC101", SQLInjection)
	var graph []report.Finding
	for _, f := range findings {
		if strings.HasPrefix(f.Location.Path, "catalog/graph.py") || strings.HasPrefix(f.Location.Path, "catalog/legacy.py") {
			graph = append(graph, f)
		}
	}
	if n := severityByMarker(t, graph, "GraphQL document", report.Medium, report.Critical); n != 1 {
		t.Errorf("%d GraphQL documents, want 1", n)
	}
}

// TestBareFetchIsMedium checks that DJC202 is low for a bare GET whose
// status alone is read, medium for one that sends no credential, and high
// for every other call of testdata/DJC202.
func TestBareFetchIsMedium(t *testing.T) {
	findings := analysistest.Run(t, "testdata/DJC202", TLSVerificationDisabled)
	var rest []report.Finding
	low := 0
	for _, f := range findings {
		if strings.Contains(f.Message, "only the answer's status is read") {
			low++
			if f.Severity != report.Low {
				t.Errorf("%s: %s at %v, want low", f.Location, f.Message, f.Severity)
			}
			continue
		}
		rest = append(rest, f)
	}
	if low != 2 {
		t.Errorf("%d status checks, want 2", low)
	}
	if medium := severityByMarker(t, rest, "it sends no credentials", report.Medium, report.High); medium != 2 {
		t.Errorf("%d bare fetches, want 2", medium)
	}
}

// lowWhen checks that the rule's findings on dir whose message holds
// marker are low, that the others keep the rule's severity, and that
// there are some of each.
func lowWhen(t *testing.T, dir string, rule *analysis.Rule, marker string, more ...string) {
	t.Helper()
	low, other := 0, 0
	for _, f := range analysistest.Run(t, dir, rule) {
		want := rule.Severity
		if slices.ContainsFunc(append([]string{marker}, more...), func(m string) bool { return strings.Contains(f.Message, m) }) {
			want = report.Low
			low++
		} else {
			other++
		}
		if f.Severity != want {
			t.Errorf("%s: %s at %v, want %v", f.Location, f.Message, f.Severity, want)
		}
	}
	if low == 0 || other == 0 {
		t.Errorf("%d findings with %q and %d others, want some of each", low, marker, other)
	}
}

// TestAjaxHeaderUnderOpenCORS checks that DJC201 trusts an X-Requested-With
// check only while CORS keeps other sites from sending credentialed
// requests with headers: with every origin allowed and credentials on, the
// AJAX-only views of testdata/DJC201 are reported too.
func TestAjaxHeaderUnderOpenCORS(t *testing.T) {
	dir := withSettings(t, "testdata/DJC201", "INSTALLED_APPS = ['corsheaders', 'shop']\nCORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n")
	res, err := analysis.Scan(analysis.Options{Root: dir, Rules: []*analysis.Rule{CSRFExemptStateChange}})
	if err != nil {
		t.Fatal(err)
	}
	reported := map[int]bool{}
	for _, f := range res.Findings {
		if f.Location.Path == "shop/views.py" {
			reported[f.Location.Line] = true
		}
	}
	src, err := os.ReadFile("testdata/DJC201/shop/views.py")
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(line, "def flag_item(") || strings.HasPrefix(line, "def unflag_item(") {
			if !reported[i+1] {
				t.Errorf("shop/views.py:%d not reported under open CORS with credentials", i+1)
			}
		}
	}
}

// withSettings copies a testdata tree into a folder of the test's own and
// adds a Django project whose settings module (proj.settings) holds
// settings, named by manage.py.
func withSettings(t *testing.T, src, settings string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"manage.py":        "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n",
		"proj/__init__.py": "",
		"proj/settings.py": settings,
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestHostCheckedByCommonMiddleware checks that DJC226 is low where
// CommonMiddleware checks every Host against a list of names before the
// view runs, and keeps its severity when the list holds "*", when
// USE_X_FORWARDED_HOST makes Django check another header, or without the
// middleware.
func TestHostCheckedByCommonMiddleware(t *testing.T) {
	const mw = "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware', 'django.middleware.common.CommonMiddleware']\n"
	for _, tc := range []struct {
		name, settings string
		low            bool
	}{
		{"a list of names", mw + "ALLOWED_HOSTS = ['talks.example.org']\n", true},
		{"any host", mw + "ALLOWED_HOSTS = ['*']\n", false},
		{"X-Forwarded-Host checked instead", mw + "ALLOWED_HOSTS = ['talks.example.org']\nUSE_X_FORWARDED_HOST = True\n", false},
		{"no CommonMiddleware", "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\nALLOWED_HOSTS = ['talks.example.org']\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := withSettings(t, "testdata/DJC226", tc.settings)
			res, err := analysis.Scan(analysis.Options{Root: dir, Rules: []*analysis.Rule{RawHostHeader}})
			if err != nil {
				t.Fatal(err)
			}
			hostReads := 0
			for _, f := range res.Findings {
				if strings.Contains(strings.ToLower(f.Message), "forwarded") {
					// another header, which CommonMiddleware does not check
					if f.Severity == report.Low {
						t.Errorf("%s: low, want the rule's severity: %q", f.Location, f.Message)
					}
					continue
				}
				hostReads++
				if low := f.Severity == report.Low && strings.Contains(f.Message, "CommonMiddleware checked it"); low != tc.low {
					t.Errorf("%s: %s %q, want low: %v", f.Location, f.Severity, f.Message, tc.low)
				}
			}
			if hostReads == 0 {
				t.Error("no finding on a Host header read")
			}
		})
	}
}

// TestFormatHTMLInAdminIsLow checks that format_html given a formatted
// string in the admin is low, and elsewhere medium.
func TestFormatHTMLInAdminIsLow(t *testing.T) {
	lowWhen(t, "testdata/DJC229", FormatHTMLWithoutArgs, "the admin")
}

// TestStaffOnlyModelTextIsLow checks that model text marked safe is low
// when no user of the project writes the field, and medium otherwise.
func TestStaffOnlyModelTextIsLow(t *testing.T) {
	lowWhen(t, "testdata/DJC230", ModelTextMarkedSafe, "no form, serializer or request handler")
}

// TestAssertOutsideRequestIsLow checks that an assert of the user in a
// function given no request, or one that restates an earlier check, is
// low, and one in a view keeps the rule's severity (or the type-narrowing
// idiom's low).
func TestAssertOutsideRequestIsLow(t *testing.T) {
	low := 0
	for _, f := range analysistest.Run(t, "testdata/DJC211", AssertAccessControl) {
		if strings.Contains(f.Message, "takes no request") || strings.Contains(f.Message, "the assert only restates it") {
			low++
			if f.Severity != report.Low {
				t.Errorf("%s: %s at %v, want low", f.Location, f.Message, f.Severity)
			}
		} else if f.Severity == report.Low && !strings.Contains(f.Message, "narrows the user's type") {
			t.Errorf("%s: %s at low", f.Location, f.Message)
		}
	}
	if low == 0 {
		t.Error("no assert outside a request handler was reported low")
	}
}

// TestAssertWhereDeploymentOptimizes checks that an assert of the user in
// a view is medium when no deployment file runs Python with -O, and high,
// naming the file, when one sets PYTHONOPTIMIZE (a development file's
// does not count).
func TestAssertWhereDeploymentOptimizes(t *testing.T) {
	for _, tc := range []struct {
		name, file, content string
		want                report.Severity
	}{
		{"nothing optimizes", "", "", report.Medium},
		{"the image sets PYTHONOPTIMIZE", "Dockerfile", "FROM python:3.12-slim\nENV PYTHONOPTIMIZE=1\nCMD [\"gunicorn\", \"shop.wsgi\"]\n", report.High},
		{"the image switches it off", "Dockerfile", "FROM python:3.12-slim\nENV PYTHONOPTIMIZE=0\n", report.Medium},
		{"a development image sets it", "Dockerfile.dev", "FROM python:3.12-slim\nENV PYTHONOPTIMIZE=1\n", report.Medium},
		{"the compose file runs python -O", "docker-compose.yml", "services:\n  web:\n    build: .\n    command: python -O -m gunicorn shop.wsgi\n", report.High},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS("testdata/DJC211")); err != nil {
				t.Fatal(err)
			}
			if tc.file != "" {
				if err := os.WriteFile(filepath.Join(dir, tc.file), []byte(tc.content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			res, err := analysis.Scan(analysis.Options{Root: dir, Rules: []*analysis.Rule{AssertAccessControl}})
			if err != nil {
				t.Fatal(err)
			}
			seen := false
			for _, f := range res.Findings {
				if f.Location.Path != "reports/views.py" || f.Location.Line != 9 {
					continue
				}
				seen = true
				if f.Severity != tc.want || (tc.want == report.High) != (tc.file != "" && strings.Contains(f.Message, tc.file)) {
					t.Errorf("%s %q, want %s (naming %s when high)", f.Severity, f.Message, tc.want, tc.file)
				}
			}
			if !seen {
				t.Fatal("no finding at reports/views.py:9")
			}
		})
	}
}

// TestPatchOnlyUnderSafeCORSMethods checks that a csrf_exempt view that
// answers only PATCH stays unreported under credentialed CORS for every
// origin when CORS_ALLOW_METHODS lets other origins send only GET, and is
// reported when it lets them send PATCH.
func TestPatchOnlyUnderSafeCORSMethods(t *testing.T) {
	const open = "INSTALLED_APPS = ['corsheaders', 'shop']\nCORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n"
	line := lineOf(t, "testdata/DJC201/shop/views.py", "def rename_cart(")
	for _, tc := range []struct {
		methods string
		want    bool
	}{
		{"CORS_ALLOW_METHODS = ('GET',)\n", false},
		{"CORS_ALLOW_METHODS = ['GET', 'PATCH']\n", true},
		{"", true},
	} {
		dir := withSettings(t, "testdata/DJC201", open+tc.methods)
		res, err := analysis.Scan(analysis.Options{Root: dir, Rules: []*analysis.Rule{CSRFExemptStateChange}})
		if err != nil {
			t.Fatal(err)
		}
		got := false
		for _, f := range res.Findings {
			got = got || f.Location.Path == "shop/views.py" && strings.Contains(f.Message, "CartItem.objects.filter(pk=pk, user=request.user).update") && f.Location.Line == line
		}
		if got != tc.want {
			t.Errorf("with %q: rename_cart reported %v, want %v", tc.methods, got, tc.want)
		}
	}
}

// lineOf returns the number of the first line of file that holds text.
func lineOf(t *testing.T, file, text string) int {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, text) {
			return i + 1
		}
	}
	t.Fatalf("%s holds no %q", file, text)
	return 0
}

// TestDeleteBranchWithoutProductionSettings checks that a function view's
// DELETE branch, which no form sends, is left alone where no settings
// module tells the production CORS policy but nothing in the project
// could send credentialed CORS answers; once the requirements name
// django-cors-headers, it is reported.
func TestDeleteBranchWithoutProductionSettings(t *testing.T) {
	files := map[string]string{
		"notes/urls.py": "from django.urls import path\n\nfrom . import views\n\nurlpatterns = [path(\"notes/<int:pk>/\", views.note_api)]\n",
		"notes/views.py": "from django.http import JsonResponse\nfrom django.views.decorators.csrf import csrf_exempt\n\nfrom .models import Note\n\n\n" +
			"@csrf_exempt\ndef note_api(request, pk):\n    if request.method == \"DELETE\":\n" +
			"        Note.objects.filter(pk=pk, owner=request.user).delete()\n    return JsonResponse({\"ok\": True})\n",
	}
	for _, c := range []struct {
		requirements string
		want         int
	}{{"Django==5.2.8\n", 0}, {"Django==5.2.8\ndjango-cors-headers==4.9.0\n", 1}} {
		files["requirements.txt"] = c.requirements
		res, err := analysis.Scan(analysis.Options{Root: testenv.Tree(t, files), Rules: []*analysis.Rule{CSRFExemptStateChange}})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Findings) != c.want {
			t.Errorf("requirements %q: %d findings %v, want %d", c.requirements, len(res.Findings), res.Findings, c.want)
		}
	}
}

// TestStrictSessionCookieLowersGetWrites checks that a write on GET is low
// when every production settings module sets SESSION_COOKIE_SAMESITE to
// "Strict", and keeps its severity when the environment may choose
// another value, or when the value is Django's default, Lax, under which
// a followed link carries the session.
func TestStrictSessionCookieLowersGetWrites(t *testing.T) {
	for _, tc := range []struct {
		name, setting string
		want          report.Severity
	}{
		{"Strict", "SESSION_COOKIE_SAMESITE = \"Strict\"\n", report.Low},
		{"Lax", "SESSION_COOKIE_SAMESITE = \"Lax\"\n", report.Medium},
		{"Strict unless the environment says otherwise", "import os\nSESSION_COOKIE_SAMESITE = os.environ.get(\"SAMESITE\", \"Strict\")\n", report.Medium},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS("testdata/DJC227")); err != nil {
				t.Fatal(err)
			}
			f, err := os.OpenFile(filepath.Join(dir, "site_settings.py"), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.WriteString(tc.setting); err != nil {
				t.Fatal(err)
			}
			f.Close()
			res, err := analysis.Scan(analysis.Options{Root: dir, Rules: []*analysis.Rule{StateChangeOnGet}})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Findings) == 0 {
				t.Fatal("no finding")
			}
			for _, f := range res.Findings {
				if strings.Contains(f.Message, "it saves only the requester's own row") {
					continue // low whatever the cookie (TestEveryRuleOnItsTestdata)
				}
				if f.Severity != tc.want || (tc.want == report.Low) != strings.Contains(f.Message, "SESSION_COOKIE_SAMESITE = \"Strict\"") {
					t.Errorf("%s: %s %q, want %s", f.Location, f.Severity, f.Message, tc.want)
				}
			}
		})
	}
}
