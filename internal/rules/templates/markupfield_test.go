package templates

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
)

// TestSanitizingMarkupTypes checks which MARKUP_FIELD_TYPES make every
// renderer's output pass through a sanitizer.
func TestSanitizingMarkupTypes(t *testing.T) {
	for _, c := range []struct {
		src, want string
	}{
		{`
import bleach, markdown

def clean_markdown(text):
    return bleach.clean(markdown.markdown(text), tags=["p", "em"])

MARKUP_FIELD_TYPES = [("markdown", clean_markdown)]
`, "bleach.clean"},
		{`
from nh3 import clean
from markupfield.markup import DEFAULT_MARKUP_TYPES

def wrap(render):
    def rendered(text):
        return clean(render(text))
    return rendered

MARKUP_FIELD_TYPES = [(name, wrap(render)) for name, render in DEFAULT_MARKUP_TYPES]
`, "clean"},
		// one renderer keeps raw HTML
		{`
import bleach, markdown

def clean_markdown(text):
    return bleach.clean(markdown.markdown(text))

MARKUP_FIELD_TYPES = [("markdown", clean_markdown), ("html", lambda text: text)]
`, ""},
		// markdown alone keeps the HTML it is given
		{`
import markdown

MARKUP_FIELD_TYPES = [("markdown", markdown.markdown)]
`, ""},
		// a renderer that sanitizes on one branch only
		{`
import nh3

def maybe_clean(text, trusted=False):
    if trusted:
        return text
    return nh3.clean(text)

MARKUP_FIELD_TYPES = [("html", maybe_clean)]
`, ""},
	} {
		m, err := python.ParseFile("markup.py", []byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := sanitizingTypes(m); got != c.want {
			t.Errorf("%s\ngot %q, want %q", c.src, got, c.want)
		}
	}
}

// TestMarkupRenderersOfEveryModule checks that MARKUP_FIELD_TYPES counts
// as sanitizing only when every module that sets it sanitizes.
func TestMarkupRenderersOfEveryModule(t *testing.T) {
	clean := "import nh3\n\ndef render(text):\n    return nh3.clean(text)\n\nMARKUP_FIELD_TYPES = [(\"html\", render)]\n"
	raw := "import markdown\n\nMARKUP_FIELD_TYPES = [(\"markdown\", markdown.markdown)]\n"
	for _, c := range []struct {
		files map[string]string
		want  string
	}{
		{map[string]string{"site/markup.py": clean}, "site/markup.py"},
		{map[string]string{"site/markup.py": clean, "site/settings_local.py": raw}, ""},
	} {
		dir := t.TempDir()
		for name, body := range c.files {
			if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		files, _, err := project.Walk(dir, project.WalkOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := markupRenderers(project.New(dir, files, project.Inputs{})); got != c.want {
			t.Errorf("%v: got %q, want %q", c.files, got, c.want)
		}
	}
}
