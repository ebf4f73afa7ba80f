package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestDump(t *testing.T) {
	dir := writeFiles(t, map[string]string{"ok.py": "x = 1\n", "bad.py": "print 'x'\n"})
	ok, bad := filepath.Join(dir, "ok.py"), filepath.Join(dir, "bad.py")
	var out strings.Builder
	if status := dumpFiles(&out, []string{ok, bad}, false); status != 0 {
		t.Errorf("got status %d, want 0", status)
	}
	want := "== " + ok + "\n" +
		"Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], type_ignores=[])\n" +
		"== " + bad + "\nERROR\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

func TestQuiet(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.py":       "x = 1\n",
		"pkg/b.py":   "def f(): pass\n",
		"pkg/c.py":   "exec 'x'\n",
		"notes.txt":  "not python",
		"pkg/d.pyi":  "x: int\n",
		"pkg/e/f.py": "",
	})
	var out strings.Builder
	parseTrees(&out, []string{dir}, false, false)
	if got, want := out.String(), "files=4 ok=3 errors=1 bytes=29\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
