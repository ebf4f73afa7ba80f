package templates

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/tplsrc"
)

// TestBrokenTemplate checks that a template with syntax errors is reported
// once as a problem, with its position, and still analysed.
func TestBrokenTemplate(t *testing.T) {
	res, err := analysis.Scan(analysis.Options{Root: "testdata/scan/broken", Rules: Rules()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 {
		t.Fatalf("got %d problems, want 1: %+v", len(res.Problems), res.Problems)
	}
	p := res.Problems[0]
	if p.Location.Path != "templates/shop/broken.html" || p.Location.Line != 4 || !strings.Contains(p.Message, "{% if %} is not closed") {
		t.Errorf("got problem %s: %s, want templates/shop/broken.html:4 about the unclosed if", p.Location, p.Message)
	}
	got := map[string]int{}
	for _, f := range res.Findings {
		got[f.Rule]++
	}
	if got["DJT102"] != 2 || got["DJT105"] != 1 {
		t.Errorf("got findings %v, want 2 DJT102 and 1 DJT105 from the partial tree", got)
	}
}

func TestTemplateDiscovery(t *testing.T) {
	files, _, err := project.Walk("testdata/scan/dirs", project.WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p := project.New("testdata/scan/dirs", files, project.Inputs{})
	if got, want := strings.Join(tplsrc.Dirs(p), ","), "frontend/html,shop/templates"; got != want {
		t.Errorf("Dirs: got %s, want %s", got, want)
	}
	for path, want := range map[string]bool{
		"frontend/html/pages/home.html":   true, // under a DIRS folder
		"shop/templates/shop/_badge.html": true,
		"shop/templates/shop/icon.svg":    true,  // included by a template
		"shop/snippets/x.html":            false, // a relative name cannot leave the template folder
		"config/settings.py":              false,
	} {
		if got := tplsrc.IsTemplate(p, p.File(path)); got != want {
			t.Errorf("IsTemplate(%s): got %v, want %v", path, got, want)
		}
	}
	if f := tplsrc.Resolve(p, p.File("shop/templates/shop/product.html"), "shop/_badge.html"); f == nil || f.Path != "shop/templates/shop/_badge.html" {
		t.Errorf("Resolve: got %v, want shop/templates/shop/_badge.html", f)
	}
	if f := tplsrc.Resolve(p, p.File("shop/templates/shop/product.html"), "./_badge.html"); f == nil || f.Path != "shop/templates/shop/_badge.html" {
		t.Errorf("Resolve relative: got %v, want shop/templates/shop/_badge.html", f)
	}
}

// TestExtendsShared checks templates that extend one base (whose raw-text
// blocks are worked out once and shared) and templates that extend each
// other in a cycle: the scan finishes, with any number of jobs, and every
// child of the base learns that its script block is JavaScript.
func TestExtendsShared(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"templates/base.html":   "<html><script>{% block page_js %}{% endblock %}</script></html>\n",
		"templates/loop_a.html": "{% extends \"loop_b.html\" %}{% block x %}<p>a</p>{% endblock %}\n",
		"templates/loop_b.html": "{% extends \"loop_a.html\" %}{% block x %}<p>b</p>{% endblock %}\n",
		"templates/self.html":   "{% extends \"self.html\" %}\n",
	}
	for i := range 12 {
		files["templates/child"+strconv.Itoa(i)+".html"] = "{% extends \"base.html\" %}{% block page_js %}var v = \"{{ value }}\";{% endblock %}\n"
	}
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, jobs := range []int{1, 4} {
		res, err := analysis.Scan(analysis.Options{Root: dir, Rules: Rules(), Jobs: jobs})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, f := range res.Findings {
			if strings.HasPrefix(f.Location.Path, "templates/child") {
				seen[f.Location.Path] = true
			}
		}
		if len(seen) != 12 {
			t.Errorf("jobs %d: got findings in %d children of base.html, want 12: %+v", jobs, len(seen), res.Findings)
		}
	}
}

func TestMentionsTemplate(t *testing.T) {
	for src, want := range map[string]bool{
		`render(request, "shop/list.html", ctx)`: true,
		`template_name = 'a.htm'`:                true,
		`"robots.txt"`:                           true,
		`x = "feed.xml"`:                         true,
		`path = "a.html.bak"`:                    false,
		`import os.path`:                         false,
		`name.html`:                              false,
		`"a.xm"`:                                 false,
		`.`:                                      false,
		`".html`:                                 false,
		`.html'`:                                 true,
		``:                                       false,
	} {
		if got := mentionsTemplate([]byte(src)); got != want {
			t.Errorf("mentionsTemplate(%q) = %v, want %v", src, got, want)
		}
	}
}

// TestSharedIncludeAnswersAlike checks that pages including one template
// at once all find its CSRF token: the include walk marks a template while
// it answers, and a page scanned beside it read that mark as "no token",
// reporting by the scheduling (about one scan in ten of these pages).
func TestSharedIncludeAnswersAlike(t *testing.T) {
	for range 20 {
		res, err := analysis.Scan(analysis.Options{Root: "testdata/DJT101", Rules: []*analysis.Rule{FormWithoutCSRFToken}, Jobs: 2})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range res.Findings {
			if strings.Contains(f.Location.Path, "alias_edit_") {
				t.Fatalf("%s: %s; the partial it includes renders the token", f.Location, f.Message)
			}
		}
	}
}
