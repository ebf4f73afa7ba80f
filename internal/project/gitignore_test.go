package project

import (
	"strings"
	"testing"
)

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

// TestIgnoreHostile checks patterns written to exhaust the matcher: many
// "**" against a deep path, and "**" alternating with names, which
// backtracking matches in exponential time.
func TestIgnoreHostile(t *testing.T) {
	deep := strings.Repeat("x/", 60) + "y"
	tests := []struct {
		pat, rel string
		want     bool
	}{
		{"a/" + strings.Repeat("**/", 1000) + "b", "a/" + deep + "/b", true},
		{strings.Repeat("**/x/", 40) + "z", deep, false},
		{strings.Repeat("**/x/", 20) + "**/y", deep, true},
		{"**/y", deep, true},
		{"x/**", deep, true},
		{"x/**/z", deep, false},
	}
	for _, tt := range tests {
		ig := &Ignore{}
		ig.Add("", tt.pat)
		if got := ig.Match(tt.rel, false); got != tt.want {
			t.Errorf("%.40s against %.40s: got %v, want %v", tt.pat, tt.rel, got, tt.want)
		}
	}
}

// TestIgnoreChain checks that merged ignores keep git's order: a nested
// .gitignore overrides its parent, and later lines override earlier ones.
func TestIgnoreChain(t *testing.T) {
	root := ParseIgnore("", []byte("*.log\n!keep.log\n"))
	sub := root.Merge(ParseIgnore("sub", []byte("keep.log\n!debug.log\n")))
	tests := []struct {
		ig   *Ignore
		rel  string
		want bool
	}{
		{root, "a.log", true},
		{root, "keep.log", false},
		{sub, "sub/keep.log", true},
		{sub, "sub/debug.log", false},
		{sub, "sub/other.log", true},
		{sub, "keep.log", false},
		{(&Ignore{}).Merge(sub), "sub/keep.log", true},
	}
	for _, tt := range tests {
		if got := tt.ig.Match(tt.rel, false); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.rel, got, tt.want)
		}
	}
}
