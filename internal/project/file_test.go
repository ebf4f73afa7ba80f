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
		got, err := readFile(p, false)
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

// TestLoadSkipsBinary checks that Load reads a text file whole, and of a
// binary file only the start that tells it is binary, while Content still
// returns every byte of either.
func TestLoadSkipsBinary(t *testing.T) {
	dir := t.TempDir()
	text := []byte(strings.Repeat("line of text\n", 2000))
	bin := append([]byte("PNG\x00"), make([]byte, 100000)...)
	late := append([]byte(strings.Repeat("x", binaryHead)), 0) // NUL after the head: text, as git decides
	for _, tc := range []struct {
		name   string
		data   []byte
		binary bool
	}{{"a.txt", text, false}, {"b.png", bin, true}, {"c.txt", late, false}} {
		p := filepath.Join(dir, tc.name)
		if err := os.WriteFile(p, tc.data, 0o644); err != nil {
			t.Fatal(err)
		}
		f := &File{Path: tc.name, Abs: p}
		if err := f.Load(); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if f.Binary() != tc.binary || f.loaded == tc.binary || (f.Kind()&Text != 0) == tc.binary {
			t.Errorf("%s: binary %v, loaded %v, kind %v; want binary %v and loaded only if text", tc.name, f.Binary(), f.loaded, f.Kind(), tc.binary)
		}
		got, err := f.Content()
		if err != nil || string(got) != string(tc.data) || cap(got) != len(tc.data) {
			t.Errorf("%s: Content gave %d bytes (cap %d, err %v), want all %d", tc.name, len(got), cap(got), err, len(tc.data))
		}
	}
}

// TestKindAfterRelease checks that a released file keeps its kind without
// being read again, and that its content can still be read.
func TestKindAfterRelease(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "values.yaml")
	if err := os.WriteFile(p, []byte("a: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f := &File{Path: "values.yaml", Abs: p}
	if f.Kind()&Text == 0 {
		t.Fatal("a YAML file is not text")
	}
	f.Release()
	if f.Kind()&Text == 0 {
		t.Error("after Release: the file is no longer text")
	}
	if f.content != nil {
		t.Error("after Release: Kind read the file again")
	}
	if data, err := f.Content(); err != nil || string(data) != "a: 1\n" {
		t.Errorf("after Release: got content %q (%v), want %q", data, err, "a: 1\n")
	}
}

// TestReadFileUnknownSize checks that a file whose size stat does not
// know (Linux's /proc files say 0) is read whole.
func TestReadFileUnknownSize(t *testing.T) {
	want, err := os.ReadFile("/proc/self/cmdline")
	if err != nil || len(want) == 0 {
		t.Skip("no /proc/self/cmdline here")
	}
	got, err := readFile("/proc/self/cmdline", false)
	if err != nil || string(got) != string(want) {
		t.Errorf("got %q (%v), want %q", got, err, want)
	}
}

// TestPeekKeepsNothing checks that Peek reads a released file without
// keeping its content, and returns the content of a loaded one.
func TestPeekKeepsNothing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "test_views.py")
	if err := os.WriteFile(p, []byte("import ratelimit\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f := &File{Path: "test_views.py", Abs: p}
	var buf []byte
	if data, err := f.Peek(&buf); err != nil || string(data) != "import ratelimit\n" {
		t.Errorf("before loading: got %q (%v), want %q", data, err, "import ratelimit\n")
	}
	if f.content != nil {
		t.Error("Peek kept the content of a file that was not loaded")
	}
	f.Load()
	f.Release()
	if data, err := f.Peek(&buf); err != nil || string(data) != "import ratelimit\n" || f.content != nil {
		t.Errorf("after Release: got %q (%v) and content kept %v, want %q and none kept", data, err, f.content != nil, "import ratelimit\n")
	}
	if _, err := f.Content(); err != nil {
		t.Fatal(err)
	}
	if data, _ := f.Peek(&buf); string(data) != "import ratelimit\n" || &data[0] == &buf[:1][0] {
		t.Errorf("once loaded: got %q, want %q from the content, not the buffer", data, "import ratelimit\n")
	}
}
