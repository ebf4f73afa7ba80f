package python

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse checks that no input makes the parser panic or hang, and that
// what it returns is consistent: an error list when it fails, a tree whose
// node spans nest when it succeeds. The seed corpus is testdata/fuzz/FuzzParse
// plus every grammar and invalid testdata file.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"grammar/*.py", "invalid/*.py", "py312/*.py"} {
		files, _ := filepath.Glob(filepath.Join("testdata", pattern))
		for _, name := range files {
			if src, err := os.ReadFile(name); err == nil {
				f.Add(src)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := ParseFile("fuzz.py", src)
		if m == nil {
			t.Fatal("got nil module, want a (partial) tree")
		}
		if err != nil {
			list, ok := err.(ErrorList)
			if !ok || len(list) == 0 {
				t.Fatalf("got error %T %v, want a non-empty ErrorList", err, err)
			}
			return
		}
		_ = Dump(m)
		checkSpans(t, m)
	})
}

// checkSpans verifies that every node's span is ordered and lies within
// the file.
func checkSpans(t *testing.T, m *Module) {
	t.Helper()
	size := Pos(m.File.Size + 1)
	Inspect(m, func(n Node) bool {
		if n == nil {
			return false
		}
		if n.Pos() > n.End() || n.End() > size {
			t.Fatalf("%T: got span [%d, %d), want ordered within [1, %d]", n, n.Pos(), n.End(), size)
		}
		return true
	})
	for _, c := range m.Comments {
		if c.Pos() > c.End() || c.End() > size || !strings.HasPrefix(c.Text, "#") {
			t.Fatalf("comment %q: got span [%d, %d), want a # comment within [1, %d]", c.Text, c.Pos(), c.End(), size)
		}
	}
}
