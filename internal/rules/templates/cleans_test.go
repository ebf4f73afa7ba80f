package templates

import (
	"bytes"
	"testing"
)

// TestCleansHTML checks the one-pass search against a search for each
// word, which is what it stands for.
func TestCleansHTML(t *testing.T) {
	words := []string{"bleach", "nh3", "sanitiz", "Cleaner("}
	for _, w := range cleanCalls {
		words = append(words, w+"(")
	}
	naive := func(src []byte) bool {
		for _, w := range words {
			if bytes.Contains(src, []byte(w)) {
				return true
			}
		}
		return false
	}
	srcs := []string{
		"", "(", "((", "escape(", "(escape(", "x = conditional_escape(v)", "escape (v)", "escape",
		"return format_html_join('', '{}', rows)", "format_htm(", "flatatt(attrs)", "t = get_template('a.html')",
		"select_template(names)", "render_to_string('x')", "highlight(code, lexer)", "highlighted(", "def f(a, b):\n    return a(b)\n",
		"import bleach", "from nh3 import clean", "sanitize(x)", "Cleaner(tags=[])", "cleaner(", "mark_safe(x)",
	}
	for _, s := range srcs {
		if got, want := cleansHTML([]byte(s)), naive([]byte(s)); got != want {
			t.Errorf("cleansHTML(%q) = %v, want %v", s, got, want)
		}
	}
}
