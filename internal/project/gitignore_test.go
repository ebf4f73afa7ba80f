package project

import "testing"

func TestIgnore(t *testing.T) {
	tests := []struct {
		base, pattern, path string
		dir, want           bool
	}{
		{"", "*.log", "debug.log", false, true},
		{"", "*.log", "a/b/debug.log", false, true},
		{"", "/build", "build", true, true},
		{"", "/build", "src/build", true, false},
		{"", "build/", "build", false, false},
		{"", "build/", "src/build", true, true},
		{"", "docs/*.md", "docs/a.md", false, true},
		{"", "docs/*.md", "docs/x/a.md", false, false},
		{"", "**/fixtures", "a/b/fixtures", true, true},
		{"", "legacy/**", "legacy/a/b.py", false, true},
		{"", "a/**/z", "a/z", false, true},
		{"", "a/**/z", "a/b/c/z", false, true},
		{"app", "*.pyc", "app/x.pyc", false, true},
		{"app", "*.pyc", "other/x.pyc", false, false},
		{"app", "/local.py", "app/local.py", false, true},
		{"", "\\#notes", "#notes", false, true},
		{"", "# comment", "# comment", false, false},
		{"", "[ab].txt", "b.txt", false, true},
	}
	for _, tt := range tests {
		ig := &Ignore{}
		ig.Add(tt.base, tt.pattern)
		if got := ig.Match(tt.path, tt.dir); got != tt.want {
			t.Errorf("%q under %q matching %q (dir=%v): got %v, want %v", tt.pattern, tt.base, tt.path, tt.dir, got, tt.want)
		}
	}
}

func TestIgnoreNegationAndMatchPath(t *testing.T) {
	ig := ParseIgnore("", []byte("*.env\n!example.env\ntests/\n"))
	for path, want := range map[string]bool{"prod.env": true, "example.env": false, "tests/a/b.py": true, "src/a.py": false} {
		if got := ig.MatchPath(path); got != want {
			t.Errorf("MatchPath(%q): got %v, want %v", path, got, want)
		}
	}
}
