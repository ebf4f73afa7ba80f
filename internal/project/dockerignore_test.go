package project

import "testing"

func TestDockerIgnore(t *testing.T) {
	ig := parseDockerIgnore(`
# the developers' settings stay out of the image
/shop/settings/dev.py
**/local_settings.py
*.sqlite3
node_modules
docs/**/*.md
!docs/keep/README.md
`)
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"shop/settings/dev.py", true},
		{"shop/settings/prod.py", false},
		{"local_settings.py", true},
		{"shop/local_settings.py", true},
		{"db.sqlite3", true},
		{"shop/db.sqlite3", false}, // a pattern without ** matches at the root only
		{"node_modules/pkg/index.js", true},
		{"shop/node_modules/x.js", false},
		{"docs/a/b/intro.md", true},
		{"docs/keep/README.md", false}, // taken back by !
		{"docs/conf.py", false},
	} {
		if got := ig.ignored(tc.path); got != tc.want {
			t.Errorf("ignored(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
	if parseDockerIgnore("").ignored("anything.py") {
		t.Error("an empty .dockerignore leaves out nothing")
	}
}
