package templates

import (
	"testing"

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
		if got := sanitizingTypes(m); got != c.want {
			t.Errorf("%s\ngot %q, want %q", c.src, got, c.want)
		}
	}
}
