package project

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	for _, want := range []string{"", "x", "line\n", strings.Repeat("abc\n", 100000)} {
		p := filepath.Join(dir, "f")
		if err := os.WriteFile(p, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want || cap(got) != len(want) {
			t.Errorf("readFile of %d bytes: got %d bytes (cap %d), want %d", len(want), len(got), cap(got), len(want))
		}
	}
}

// TestRuleMemo checks the two lifetimes of a file's memoized results:
// EndRules drops what only the per-file rules share and keeps the content
// and the Memo values (syntax trees) that project rules read again;
// Release drops both.
func TestRuleMemo(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.py")
	if err := os.WriteFile(p, []byte("x = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f := &File{Path: "a.py", Abs: p}
	calls := map[string]int{}
	get := func() (any, any) {
		tree := f.Memo("tree", func() any { calls["tree"]++; return calls["tree"] })
		events := f.RuleMemo("events", func() any { calls["events"]++; return calls["events"] })
		return tree, events
	}
	get()
	get()
	if calls["tree"] != 1 || calls["events"] != 1 {
		t.Fatalf("computed tree %d and events %d times, want once each", calls["tree"], calls["events"])
	}
	f.EndRules()
	get()
	if calls["tree"] != 1 || calls["events"] != 2 {
		t.Errorf("after EndRules: computed tree %d and events %d times, want 1 and 2", calls["tree"], calls["events"])
	}
	if _, err := f.Content(); err != nil || !f.loaded {
		t.Errorf("after EndRules the content should stay loaded: loaded %v, err %v", f.loaded, err)
	}
	f.Release()
	get()
	if calls["tree"] != 2 || calls["events"] != 3 {
		t.Errorf("after Release: computed tree %d and events %d times, want 2 and 3", calls["tree"], calls["events"])
	}
}

// TestSniffBinary checks that only files named like binaries are sniffed,
// that the first bytes decide as Binary would, and that nothing is kept.
func TestSniffBinary(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"logo.png":  "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + strings.Repeat("x", 20000),
		"fake.png":  "just text that someone named .png\n",
		"data.py":   "x = 1\x00\n",
		"late.png":  strings.Repeat("a", 9000) + "\x00",
		"UPPER.PNG": "\x00\x01",
	}
	want := map[string]bool{"logo.png": true, "fake.png": false, "data.py": false, "late.png": false, "UPPER.PNG": true, "missing.png": false}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, w := range want {
		f := &File{Path: name, Abs: filepath.Join(dir, name)}
		if got := f.SniffBinary(); got != w {
			t.Errorf("SniffBinary(%s) = %v, want %v", name, got, w)
		}
		if f.loaded {
			t.Errorf("SniffBinary(%s) kept the content", name)
		}
		if _, err := os.Stat(f.Abs); err == nil && f.Binary() != w && name != "data.py" {
			t.Errorf("SniffBinary(%s) disagrees with Binary", name)
		}
	}
}
