package settings

import (
	"bytes"
	"testing"
)

// TestAnchoredIndex checks the search by a rare byte against bytes.Index.
func TestAnchoredIndex(t *testing.T) {
	srcs := []string{"", "def", "def ", " def f():\n", "class A:\n  def b(self): pass\nclass C(D):\n",
		"from axes import x", "fromaxes from axe from axes", "xxxx", "ratelimi ratelimit", "ddef  def ",
		"import ratelimit", "throttle_classe throttle_classes = []", "django_ratelimit.decorators", "é def x"}
	for _, src := range srcs {
		for _, a := range []anchored{ratelimit, fromAxes, throttleClasses, importRatelimit, fromRatelimit, djangoRatelimit, defKeyword, classKeyword} {
			if got, want := a.index([]byte(src)), bytes.Index([]byte(src), []byte(a.s)); got != want {
				t.Errorf("index of %q in %q: got %d, want %d", a.s, src, got, want)
			}
		}
	}
}
