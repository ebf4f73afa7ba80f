package project

import (
	"path"
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

// TestIgnoreShapes checks the patterns matched without path.Match (a
// star and a literal) against path.Match itself.
func TestIgnoreShapes(t *testing.T) {
	pats := []string{"*.pyc", "*~", "local_*", ".env*", "*.tar.gz", "*]", "a*", "*", "**", "*.p?c", `*\*`, "*.py[cod]", "[]x]*", "[^]]*", "x.py[", "[ab"}
	names := []string{"x.pyc", ".pyc", "x.pyc.bak", "file~", "local_settings.py", "local", ".env", ".env.prod",
		"a.tar.gz", "x]", "abc", "b", "", "*", "é.pyc", "x.pyd", "]z", "x.py[", "a"}
	for _, pat := range pats {
		for _, name := range names {
			ig := &Ignore{}
			ig.Add("", pat)
			want, err := path.Match(pat, name)
			want = want && err == nil
			for _, rel := range []string{name, "dir/" + name} {
				if got := ig.Match(rel, false); got != want {
					t.Errorf("pattern %q, path %q: got %v, want %v", pat, rel, got, want)
				}
			}
		}
	}
}

// TestIgnoreAnchoredShapes checks anchored patterns decided by their
// literal start against the segment matcher itself.
func TestIgnoreAnchoredShapes(t *testing.T) {
	pats := []string{"/venv", "a/b/c.py", "/a/b", "docs/**/*.md", "a/b*", "a/**", "**/x", "a//b", "ab/c?", `a\*/b`}
	rels := []string{"venv", "a/b/c.py", "a/b", "a/bc", "docs/x/y.md", "docs/y.md", "a", "a/x/y", "q/x", "x",
		"a//b", "ab/cd", "a*/b", "ab", "a/b/c.pyc"}
	for _, pat := range pats {
		ig := &Ignore{}
		ig.Add("", pat)
		p := ig.patterns[0]
		for _, rel := range rels {
			if got, want := ig.Match(rel, false), matchSegs(p.segs, strings.Split(rel, "/")); got != want {
				t.Errorf("pattern %q, path %q: got %v, want %v", pat, rel, got, want)
			}
		}
	}
}

// TestLongestLiteral checks the literal a glob's names must hold.
func TestLongestLiteral(t *testing.T) {
	for _, tc := range []struct{ pat, want string }{
		{"*.py[cod]", ".py"}, {"*.pyc", ".pyc"}, {"[]x]abc", "abc"}, {"[^]]x", "x"}, {"a?bcd*e", "bcd"},
		{"*", ""}, {"[abc", ""}, {"ab[", "ab"}, {"x[a-z]yz", "yz"},
	} {
		if got := longestLiteral(tc.pat); got != tc.want {
			t.Errorf("longestLiteral(%q): got %q, want %q", tc.pat, got, tc.want)
		}
	}
}
