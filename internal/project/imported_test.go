package project

import "testing"

// TestImportedFile checks how an import names a file of the tree: relative
// imports from the importing file's folder, absolute ones from that folder
// or any above it (a src/ root), a package by its __init__.py, and nothing
// for a module the tree does not hold.
func TestImportedFile(t *testing.T) {
	var files []*File
	for _, p := range []string{"src/shop/views.py", "src/shop/utils.py", "src/shop/api/__init__.py",
		"src/shop/api/checks.py", "src/core/helpers.py"} {
		files = append(files, &File{Path: p})
	}
	p := New("/nowhere", files, Inputs{})
	from := p.File("src/shop/views.py")
	for _, tc := range []struct {
		name  string
		level int
		want  string
	}{
		{"utils", 1, "src/shop/utils.py"},
		{"api", 1, "src/shop/api/__init__.py"},
		{"api.checks", 1, "src/shop/api/checks.py"},
		{"core.helpers", 2, "src/core/helpers.py"},
		{"shop.utils", 0, "src/shop/utils.py"},
		{"core.helpers", 0, "src/core/helpers.py"},
		{"django.conf", 0, ""},
		{"helpers", 1, ""},
	} {
		got := ""
		if f := p.ImportedFile(from, tc.name, tc.level); f != nil {
			got = f.Path
		}
		if got != tc.want {
			t.Errorf("import of %q at level %d from %s: %q, want %q", tc.name, tc.level, from.Path, got, tc.want)
		}
	}
}
