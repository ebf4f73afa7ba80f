package templates

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/analysis/analysistest"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

func TestRules(t *testing.T) {
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			analysistest.RequireCases(t, "testdata/"+r.ID)
			analysistest.Run(t, "testdata/"+r.ID, r)
		})
	}
}

// TestAloneInStringIsLow checks that DJT103 reports a value alone in a
// quoted JavaScript string at low severity, even from the request, and
// every other value in a script at medium (high from the request).
func TestAloneInStringIsLow(t *testing.T) {
	low, other := 0, 0
	for _, f := range analysistest.Run(t, "testdata/DJT103", UnescapedVariableInScript) {
		if !strings.HasSuffix(f.Location.Path, "strings.html") {
			continue
		}
		want := report.Medium
		if strings.Contains(f.Message, "request.GET.page") {
			want = report.High // read from the request, and bare
		}
		if strings.Contains(f.Message, "it sits in a quoted string") {
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
		t.Errorf("%d values alone in a string and %d others, want some of each", low, other)
	}
}

// TestUnknownSourceIsLow checks that DJT103 reports a value at low when
// nothing says it holds text people write (a bare name a view sets, an
// attribute no model declares as text), and keeps the others at their
// severity: request data, a model's text field, a message, a form's value.
func TestUnknownSourceIsLow(t *testing.T) {
	want := map[int]report.Severity{3: report.Low, 4: report.Low, 5: report.Medium, 6: report.Medium, 7: report.High,
		8: report.Low, 10: report.Low, 11: report.High, 12: report.High, 13: report.High}
	n := 0
	for _, f := range analysistest.Run(t, "testdata/DJT103", UnescapedVariableInScript) {
		if !strings.HasSuffix(f.Location.Path, "sources.html") {
			continue
		}
		n++
		if w, ok := want[f.Location.Line]; !ok || f.Severity != w {
			t.Errorf("%s: %s at %v, want %v", f.Location, f.Message, f.Severity, w)
		}
	}
	if n != len(want) {
		t.Errorf("%d findings in sources.html, want %d", n, len(want))
	}
}

// TestFormCSRFWithoutMiddleware checks that a form without a token in a
// project whose production settings lack CsrfViewMiddleware is reported as
// certain, with the fix that installs the middleware.
func TestFormCSRFWithoutMiddleware(t *testing.T) {
	for _, f := range analysistest.Run(t, "testdata/csrf-middleware", FormWithoutCSRFToken) {
		if f.Confidence != report.HighConfidence || !strings.Contains(f.Fix, "Add django.middleware.csrf.CsrfViewMiddleware") {
			t.Errorf("got confidence %s and fix %q, want high and the middleware fix", f.Confidence, f.Fix)
		}
	}
}

// TestFormCSRFWithMiddleware checks that with CsrfViewMiddleware certainly
// in place a form without a token is low: Django refuses its POST unless
// the view is csrf_exempt.
func TestFormCSRFWithMiddleware(t *testing.T) {
	for _, f := range analysistest.Run(t, "testdata/csrf-middleware-present", FormWithoutCSRFToken) {
		if f.Severity != report.Low {
			t.Errorf("got severity %s, want low", f.Severity)
		}
	}
}

// TestFormCSRFWithAssembledMiddleware checks that a form without a token
// is low when djsec cannot read MIDDLEWARE (assembled from parts and
// finished in a local module the tree does not hold) but the settings
// folder names CsrfViewMiddleware; with its line commented out, the
// severity stays the rule's.
func TestFormCSRFWithAssembledMiddleware(t *testing.T) {
	for _, f := range analysistest.Run(t, "testdata/csrf-middleware-assembled", FormWithoutCSRFToken) {
		if f.Severity != report.Low || !strings.Contains(f.Message, "site/base_settings.py:8 names CsrfViewMiddleware") {
			t.Errorf("got %s %q, want low, naming base_settings.py:8", f.Severity, f.Message)
		}
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/csrf-middleware-assembled")); err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(dir, "site", "base_settings.py")
	data, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte(`    (1050, "django.middleware.csrf`), []byte(`    # (1050, "django.middleware.csrf`), 1)
	if err := os.WriteFile(base, data, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := analysis.Scan(analysis.Options{Root: dir, Rules: []*analysis.Rule{FormWithoutCSRFToken}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || res.Findings[0].Severity != report.High {
		t.Errorf("with the middleware commented out: %+v, want one high finding", res.Findings)
	}
}

// TestFormCSRFWithMiddlewareInEverySettingsModule checks that a tree with
// no production settings, whose every settings module lists
// CsrfViewMiddleware, counts as having it (low), and that one module
// without it leaves the severity as it was.
func TestFormCSRFWithMiddlewareInEverySettingsModule(t *testing.T) {
	for _, f := range analysistest.Run(t, "testdata/csrf-middleware-dev-only", FormWithoutCSRFToken) {
		if f.Severity != report.Low {
			t.Errorf("got severity %s, want low", f.Severity)
		}
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/csrf-middleware-dev-only")); err != nil {
		t.Fatal(err)
	}
	test := "from .settings_common import *  # noqa: F403\n\nMIDDLEWARE = [\"django.contrib.sessions.middleware.SessionMiddleware\"]\n"
	if err := os.WriteFile(filepath.Join(dir, "site", "settings_test.py"), []byte(test), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range analysistest.Run(t, dir, FormWithoutCSRFToken) {
		if f.Severity != report.High {
			t.Errorf("with a settings module that lacks the middleware: got severity %s, want high", f.Severity)
		}
	}
}

// TestSafeMessages checks that {{ message|safe }} over the messages
// framework is low while every message the project adds is safe, and is
// reported as it was once one interpolates what a user sent, or a
// SuccessMessageMixin formats the form's data into its message.
func TestSafeMessages(t *testing.T) {
	for _, f := range analysistest.Run(t, "testdata/messages", AutoescapeDisabledOnVariable) {
		if f.Severity != report.Low {
			t.Errorf("all messages safe: got %s %q, want low", f.Severity, f.Message)
		}
	}
	for name, code := range map[string]string{
		"a message with the request's text":      "from django.contrib import messages\n\n\ndef find(request):\n    messages.error(request, f\"No user named {request.GET['u']}\")\n",
		"a success message with the form's data": "class NoteCreate(SuccessMessageMixin, CreateView):\n    success_message = \"%(note)s was saved\"\n",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS("testdata/messages")); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "shop", "search.py"), []byte(code), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := analysis.Scan(analysis.Options{Root: dir, Rules: []*analysis.Rule{AutoescapeDisabledOnVariable}})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Findings) != 1 || res.Findings[0].Severity != report.Medium {
				t.Errorf("got %v, want one medium finding", res.Findings)
			}
		})
	}
}

// TestSafeTaggedMessages checks that {% if "safe" in message.tags %}
// {{ message|safe }} weighs only the messages added with the extra tag
// "safe": none added so, the branch never runs; all of them safe, low;
// one formatted with what a user sent, medium. A message added without
// the tag never reaches the branch, however unsafe.
func TestSafeTaggedMessages(t *testing.T) {
	if fs := analysistest.Run(t, "testdata/messagetags", AutoescapeDisabledOnVariable); len(fs) != 0 {
		t.Errorf("no message tagged safe: got %v, want no finding", fs)
	}
	for name, tc := range map[string]struct {
		code string
		want report.Severity
	}{
		"a tagged message of literals and a reversed URL": {
			"from django.contrib import messages\nfrom django.urls import reverse\n\n\ndef welcome(request):\n" +
				"    messages.info(request, \"Set up <a href='\" + reverse(\"otp\") + \"'>two factors</a>.\", extra_tags=\"safe banner\")\n",
			report.Low,
		},
		"a tagged message with the request's text": {
			"from django.contrib import messages\n\n\ndef joined(request):\n" +
				"    messages.info(request, f\"<b>Joined {request.GET['team']}</b>\", extra_tags=\"safe\")\n",
			report.Medium,
		},
		"extra tags djsec cannot read": {
			"from django.contrib import messages\n\n\ndef joined(request, tags):\n" +
				"    messages.info(request, f\"<b>Joined {request.GET['team']}</b>\", extra_tags=tags)\n",
			report.Medium,
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS("testdata/messagetags")); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "desk", "welcome.py"), []byte(tc.code), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := analysis.Scan(analysis.Options{Root: dir, Rules: []*analysis.Rule{AutoescapeDisabledOnVariable}})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Findings) != 1 || res.Findings[0].Severity != tc.want {
				t.Errorf("got %v, want one %s finding", res.Findings, tc.want)
			}
		})
	}
}

// TestTableBlockHTMLBranch checks that the unescaped branch of a copy of
// Wagtail's TableBlock template ({% if html_renderer %}) is left alone
// while no code of the project chooses the HTML renderer, and reported
// once some does.
func TestTableBlockHTMLBranch(t *testing.T) {
	if fs := analysistest.Run(t, "testdata/tableblock", AutoescapeDisabledOnVariable); len(fs) != 0 {
		t.Errorf("text renderer only: got %v, want no finding", fs)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/tableblock")); err != nil {
		t.Fatal(err)
	}
	code := "from .blocks import DataTable\n\nprices = DataTable(table_options={\"renderer\": \"html\"})\n"
	if err := os.WriteFile(filepath.Join(dir, "pages", "models.py"), []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := analysis.Scan(analysis.Options{Root: dir, Rules: []*analysis.Rule{AutoescapeDisabledOnVariable}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 {
		t.Errorf("HTML renderer chosen: got %v, want one finding", res.Findings)
	}
}

// TestTargetBlankSeverity checks that a link relying on the browsers'
// implied noopener is information only, and an explicit rel="opener" low.
func TestTargetBlankSeverity(t *testing.T) {
	for _, f := range analysistest.Run(t, "testdata/DJT104", TargetBlankWithoutNoopener) {
		want := report.Info
		if f.Confidence == report.HighConfidence {
			want = report.Low
		}
		if f.Severity != want {
			t.Errorf("%s: got severity %s, want %s", f.Location, f.Severity, want)
		}
	}
}

// TestUnusedTemplateIsLow checks that a finding in a template nothing
// renders, includes, extends or names is low with a note, and that the
// templates a name computed from a class, a generic view's convention, a
// name built with a placeholder or a library's folder may reach keep the
// rule's severity.
func TestUnusedTemplateIsLow(t *testing.T) {
	want := map[string]report.Severity{
		"blog/templates/blog/post.html":         report.Medium, // rendered
		"blog/templates/blog/old_post.html":     report.Low,    // nothing uses it
		"blog/templates/blog/_old_sidebar.html": report.Low,    // only old_post.html includes it
		"blog/templates/blog/_post_meta.html":   report.Medium, // post.html includes it too
		// post.html includes them only in comments
		"blog/templates/blog/_retired_card.html": report.Low,
		"blog/templates/blog/_retired_box.html":  report.Low,
		"blog/templates/blog/_live_card.html":    report.Medium, // included after a comment on its line
		"blog/templates/blog/_teaser.html":       report.Medium, // post.html calls {% teaser %}
		"blog/templates/blog/_badge.html":        report.Medium, // post.html calls the tag by its name=
		"blog/templates/blog/_promo.html":        report.Low,    // no template calls {% promo %}
		"blog/templates/blog/entry_list.html":    report.Medium, // a ListView's default name
		// a generic view's stem, but in a folder below the app's, where none looks
		"blog/templates/blog/partials/entry_detail.html": report.Low,
		"blog/templates/blog/_entry_form.html":           report.Low,    // a partial, not a generic view's name
		"blog/templates/blog/home_page.html":             report.Medium, // HomePage's template
		"blog/templates/blog/post_share.html":            report.Medium, // a CRUD library's post + action
		"blog/templates/blog/legal/terms.html":           report.Medium, // "blog/legal/%s.html" % kind
		// named for tests, and named only by them
		"blog/templates/blog/legal/clause_test.html": report.Low,
		// named for tests, but by an app named test (the tests a site's users run)
		"blog/templates/blog/legal/run_test.html": report.Medium,
		// named only by tests, but not for them: "blog/legal/%s.html" may reach it
		"blog/templates/blog/legal/privacy.html": report.Medium,
		"blog/templates/graphene/graphiql.html":  report.Medium, // a library's template, replaced
		// a library the code imports renders it by its convention
		"blog/templates/blog/mailkit/welcome/body.html": report.Medium,
		// the project's own app, held under src/: nothing uses it
		"src/apps/news/templates/news/old_feed.html": report.Low,
		// rendered only into a PDF, and also as a page
		"blog/templates/blog/post_pdf.html":   report.Low,
		"blog/templates/blog/post_print.html": report.Medium,
	}
	seen := map[string]bool{}
	for _, f := range analysistest.Run(t, "testdata/unused", AutoescapeDisabledOnVariable) {
		seen[f.Location.Path] = true
		if w, ok := want[f.Location.Path]; !ok || f.Severity != w {
			t.Errorf("%s: %v (%s), want %v", f.Location.Path, f.Severity, f.Message, w)
		}
		name := strings.TrimPrefix(strings.TrimPrefix(f.Location.Path, "blog/templates/"), "src/apps/news/templates/")
		note := "nothing in the project renders, includes or extends " + name
		if strings.HasSuffix(name, "_old_sidebar.html") {
			note = "nothing in the project renders " + name + ", and only templates that nothing uses include"
		}
		if strings.HasSuffix(name, "post_pdf.html") {
			note = "only code that turns it into a PDF with xhtml2pdf renders this template"
		}
		if strings.HasSuffix(name, "_promo.html") {
			note = "only the inclusion tag promo renders blog/_promo.html, and no template calls that tag"
		}
		if strings.HasSuffix(name, "_test.html") {
			note = "it is named for tests, and only the project's tests render or name it"
		}
		if (f.Severity == report.Low) != strings.Contains(f.Message, note) {
			t.Errorf("%s: note %q", f.Location.Path, f.Message)
		}
	}
	for p := range want {
		if !seen[p] {
			t.Errorf("%s: no finding", p)
		}
	}
}

// TestTemplateTokens checks how template names are read from code: whole
// names, and the literal ends of names computed with %, format or +.
func TestTemplateTokens(t *testing.T) {
	src := `render(request, "blog/post.html")
name = "misago/%s.html" % kind
other = f"{app}/{model}_list.html"
third = "cards/" + kind + ".txt"
plain = "readme.md"
`
	var toks []string
	var dyn []dynamicName
	eachTemplateToken([]byte(src), func(tok string, d *dynamicName) {
		toks = append(toks, tok)
		if d != nil {
			dyn = append(dyn, *d)
		}
	})
	if got, want := strings.Join(toks, " "), "post.html .html _list.html .txt"; got != want {
		t.Errorf("tokens %q, want %q", got, want)
	}
	wantDyn := []dynamicName{{"misago/", ".html"}, {"", "_list.html"}, {"", ".txt"}}
	if len(dyn) != len(wantDyn) {
		t.Fatalf("computed names %v, want %v", dyn, wantDyn)
	}
	for i := range dyn {
		if dyn[i] != wantDyn[i] {
			t.Errorf("computed name %d: %+v, want %+v", i, dyn[i], wantDyn[i])
		}
	}
}

// TestVueRuntimeOnlyIsLow checks that values in Vue's attributes are low
// in a project that bundles Vue's runtime-only build from npm (nothing
// compiles the page's markup), stay high where a bundler alias asks for
// the build with the compiler, and that Alpine.js's own attributes stay
// high in both.
func TestVueRuntimeOnlyIsLow(t *testing.T) {
	for dir, vue := range map[string]report.Severity{"testdata/vue-runtime": report.Low, "testdata/vue-compiler": report.High} {
		n := 0
		for _, f := range analysistest.Run(t, dir, UnescapedVariableInScript) {
			n++
			want := vue
			if strings.Contains(f.Message, "x-data") {
				want = report.High
			}
			if f.Severity != want {
				t.Errorf("%s: %s: %v (%s), want %v", dir, f.Location, f.Severity, f.Message, want)
			}
		}
		if n != 3 {
			t.Errorf("%s: %d findings, want 3", dir, n)
		}
	}
}

// TestAlpineCSPBuildIsLow checks that values in Alpine.js's attributes are
// low where the pages load only its CSP build, which runs no JavaScript
// written in attributes.
func TestAlpineCSPBuildIsLow(t *testing.T) {
	n := 0
	for _, f := range analysistest.Run(t, "testdata/alpine-csp", UnescapedVariableInScript) {
		n++
		if f.Severity != report.Low || !strings.Contains(f.Message, "CSP build") {
			t.Errorf("%s: %s at %v, want low with the CSP build named", f.Location, f.Message, f.Severity)
		}
	}
	if n == 0 {
		t.Error("no finding")
	}
}

// TestDerivedTemplateNames checks that a template named for a class and
// an action counts as named only where smartmin or MapEntity build such
// names.
func TestDerivedTemplateNames(t *testing.T) {
	m := &mentions{classes: map[string]bool{"project": true, "home_page": true}, libraries: map[string]bool{}}
	if !m.derived("home_page") || m.derived("project_main") {
		t.Errorf("without smartmin: home_page %v, project_main %v; want true, false", m.derived("home_page"), m.derived("project_main"))
	}
	m.libraries["smartmin"] = true
	if !m.derived("project_main") {
		t.Error("with smartmin: project_main not derived from Project")
	}
}

// TestSingularOf checks the names a loop's collection gives its items.
func TestSingularOf(t *testing.T) {
	for in, want := range map[string]string{
		"news_items": "news_item", "article.publisher_notes.all": "publisher_note", "request.journal.licence_set.all": "licence",
		"entries": "entry", "boxes": "box", "classes": "class", "object_list": "object", "status": "status", "address": "address",
	} {
		if got := singularOf(in); got != want {
			t.Errorf("singularOf(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestUserOwnerIsAuthUserModel checks that {{ user.x }} reads a field of
// the project's AUTH_USER_MODEL.
func TestUserOwnerIsAuthUserModel(t *testing.T) {
	dir := t.TempDir()
	write := treeWriter(t, dir)
	write("manage.py", "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site.settings\")\n")
	write("site/__init__.py", "")
	write("site/settings.py", "AUTH_USER_MODEL = \"people.Account\"\nSECRET_KEY = \"x\"\n")
	write("site/wsgi.py", "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site.settings\")\n")
	write("people/__init__.py", "")
	write("people/models.py", "from django.db import models\n\n\nclass Account(models.Model):\n    bio = models.TextField()\n")
	files, _, err := project.Walk(dir, project.WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p := project.New(dir, files, project.Inputs{})
	if got := modelFields(p).ownerName(p, "user", nil); got != "Account" {
		t.Errorf("ownerName(user) = %q, want Account", got)
	}
}

// TestUnsetVariableIsLow checks that a variable marked safe that no view
// rendering the template (or one extending it) passes and no context
// processor sets is low, that one a view passes keeps the rule's severity,
// and that a context processor whose keys djsec cannot list keeps it too.
func TestUnsetVariableIsLow(t *testing.T) {
	const empty = "so it renders empty"
	check := func(dir string, want map[string]report.Severity) {
		t.Helper()
		got := map[string]report.Severity{}
		res, err := analysis.Scan(analysis.Options{Root: dir, Rules: []*analysis.Rule{AutoescapeDisabledOnVariable}, Now: analysistest.Now})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range res.Findings {
			at := fmt.Sprintf("%s:%d", path.Base(f.Location.Path), f.Location.Line)
			got[at] = f.Severity
			if (f.Severity == report.Low) != strings.Contains(f.Message, empty) {
				t.Errorf("%s: %v %q", at, f.Severity, f.Message)
			}
		}
		if !maps.Equal(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
	}
	check("testdata/unset", map[string]report.Severity{
		"base.html:3": report.Low, "story.html:3": report.Medium, "story.html:4": report.Medium, "story.html:5": report.Low,
		// a constant no Python file names renders empty, whatever the view passes;
		// so does a lower-case name, unless a generic view may set it from a model
		"feed.html:2": report.Low, "feed.html:3": report.Medium, "feed.html:4": report.Low, "feed.html:5": report.Medium,
		// a class view on Django's bases alone sets what its get_context_data
		// does, its object, and the URL's captures; one on a mixin of the
		// project may set more
		"digest.html:1": report.Medium, "digest.html:2": report.Low, "digest.html:3": report.Medium,
		"digest_mixed.html:1": report.Medium, "digest_mixed.html:2": report.Medium, "digest_mixed.html:3": report.Medium,
		"entry.html:1": report.Medium, "entry.html:2": report.Low})

	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/unset")); err != nil {
		t.Fatal(err)
	}
	settings := filepath.Join(dir, "site", "settings.py")
	data, err := os.ReadFile(settings)
	if err != nil {
		t.Fatal(err)
	}
	data = []byte(strings.Replace(string(data), `"site.context_processors.branding",`,
		`"site.context_processors.branding",`+"\n                \"widgets.context_processors.extras\",", 1))
	if err := os.WriteFile(settings, data, 0o644); err != nil {
		t.Fatal(err)
	}
	check(dir, map[string]report.Severity{
		"base.html:3": report.Medium, "story.html:3": report.Medium, "story.html:4": report.Medium, "story.html:5": report.Medium,
		"feed.html:2": report.Medium, "feed.html:3": report.Medium, "feed.html:4": report.Medium, "feed.html:5": report.Medium,
		"digest.html:1": report.Medium, "digest.html:2": report.Medium, "digest.html:3": report.Medium,
		"digest_mixed.html:1": report.Medium, "digest_mixed.html:2": report.Medium, "digest_mixed.html:3": report.Medium,
		"entry.html:1": report.Medium, "entry.html:2": report.Medium})
}

// TestLibraryMailContext checks that django-rest-registration's
// verification_url, in a mail template REST_REGISTRATION names, is safe
// (the library percent-encodes the data it appends to the settings' URL),
// and that it is not when a VERIFICATION_URL_BUILDER of the project
// builds it.
func TestLibraryMailContext(t *testing.T) {
	analysistest.Run(t, "testdata/mails", AutoescapeDisabledOnVariable)

	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/mails")); err != nil {
		t.Fatal(err)
	}
	settings := filepath.Join(dir, "site", "settings.py")
	data, err := os.ReadFile(settings)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("REST_REGISTRATION = {\n"), []byte("REST_REGISTRATION = {\n    \"VERIFICATION_URL_BUILDER\": \"accounts.urls.build_url\",\n"), 1)
	if err := os.WriteFile(settings, data, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := analysis.Scan(analysis.Options{Root: dir, Rules: []*analysis.Rule{AutoescapeDisabledOnVariable}, Now: analysistest.Now})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, strings.SplitN(f.Message, " ", 3)[1])
	}
	if want := []string{"email|safe", "verification_url|safe"}; !slices.Equal(got, want) {
		t.Errorf("with a builder of the project: findings on %v, want %v", got, want)
	}
}

// TestComputedNameWrites checks which writes by a computed attribute name
// make every model field writable: a handler that sets what the client
// posted does; one that copies another row's values (getattr), one that
// reads no request data, and an HttpResponse's body (response.content)
// do not.
func TestComputedNameWrites(t *testing.T) {
	const models = "from django.db import models\n\n\nclass Memo(models.Model):\n    content = models.TextField()\n"
	for _, tc := range []struct {
		name, view string
		writable   bool
	}{
		{"posted names", "def save(request, memo):\n    for key, value in request.POST.items():\n        setattr(memo, key, value)\n", true},
		{"a row copied", "def merge(request, keep, drop):\n    for f in request.POST.getlist(\"fields\"):\n        setattr(keep, f, getattr(drop, f))\n", false},
		{"no request data", "def stats(request):\n    for key, value in read_socket():\n        setattr(stats_obj, key, value)\n", false},
		{"a response's body", "def export(request):\n    response = HttpResponse()\n    response.content = build(request.GET)\n    return response\n", false},
		{"a view's own forms", "class Detail(DetailView):\n    def dispatch(self, request):\n        if request.POST:\n            setattr(self, request.POST[\"form\"], None)\n", false},
		{"a helper's object", "class Importer:\n    def load(self, request):\n        for key, value in request.POST.items():\n            setattr(self, key, value)\n", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range map[string]string{"memos/__init__.py": "", "memos/models.py": models, "memos/views.py": tc.view} {
				p := filepath.Join(dir, name)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			files, _, err := project.Walk(dir, project.WalkOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := modelFields(project.New(dir, files, project.Inputs{})).userWritableOn("Memo", "content"); got != tc.writable {
				t.Errorf("Memo.content writable: %v, want %v", got, tc.writable)
			}
		})
	}
}

// TestTextPluginUncleaned checks that the body of djangocms-text-ckeditor's
// TextPlugin template is reported where the settings turn the plugin's
// cleaning off (TEXT_HTML_SANITIZE = False).
func TestTextPluginUncleaned(t *testing.T) {
	dir := t.TempDir()
	write := treeWriter(t, dir)
	write("manage.py", "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site.settings\")\n")
	write("site/__init__.py", "")
	write("site/settings.py", "SECRET_KEY = \"x\"\nDEBUG = False\nTEXT_HTML_SANITIZE = False\n")
	write("site/templates/cms/plugins/text.html", "{{ body|safe }}{# want \"marks body safe\" #}\n")
	analysistest.Run(t, dir, AutoescapeDisabledOnVariable)
}

// treeWriter returns a function that writes a file of a test's tree at
// name (a slash path) under dir, making its folders.
func treeWriter(t *testing.T, dir string) func(name, body string) {
	return func(name, body string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSearchHighlights checks that a search hit's highlight marked safe is
// low while the project asks for highlights with the "html" encoder, and
// medium once it asks for none, or for another encoder somewhere.
func TestSearchHighlights(t *testing.T) {
	analysistest.Run(t, "testdata/highlights", AutoescapeDisabledOnVariable)
	for name, code := range map[string]string{
		"no encoder":      "def highlight(search):\n    return search.highlight(\"title\", \"body\")\n",
		"another encoder": "OPTIONS = {\"encoder\": \"html\"}\n\n\ndef highlight(search):\n    return search.highlight_options(encoder=\"default\")\n",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS("testdata/highlights")); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "search", "engine.py"), []byte(code), 0o644); err != nil {
				t.Fatal(err)
			}
			got := severities(t, dir)
			want := map[string]report.Severity{"results.html:4": report.Medium, "results.html:5": report.Medium, "results.html:6": report.Medium, "results.html:7": report.Medium}
			if !maps.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

// TestServerFiles checks that the text of a file of the server's own
// configuration folder is the operators' (a context processor's helper
// given a constant path, a view's with open(...)), and that a file the
// project writes, one the request names and an upload are not.
func TestServerFiles(t *testing.T) {
	analysistest.Run(t, "testdata/serverfiles", AutoescapeDisabledOnVariable)
}
