package internal_test

import (
	"go/build"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/djsec/djsec/"

// graph maps each djsec package (by its path below the module, such as
// "internal/python") to the djsec packages its non-test files import, and
// std to the standard packages they import.
func graph(t *testing.T) (g, std map[string][]string) {
	t.Helper()
	g, std = map[string][]string{}, map[string][]string{}
	err := filepath.WalkDir("..", func(dir string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if name := d.Name(); name == "testdata" || (strings.HasPrefix(name, ".") && name != "..") {
			return filepath.SkipDir
		}
		pkg, err := build.Default.ImportDir(dir, 0)
		if err != nil || dir == ".." {
			return nil // no Go files here, or only tests
		}
		rel := filepath.ToSlash(strings.TrimPrefix(dir, "../"))
		for _, imp := range pkg.Imports {
			if strings.HasPrefix(imp, module) {
				g[rel] = append(g[rel], strings.TrimPrefix(imp, module))
			} else {
				std[rel] = append(std[rel], imp)
			}
		}
		if g[rel] == nil {
			g[rel] = []string{}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return g, std
}

// deps returns every djsec package that pkg depends on, directly or not.
func deps(g map[string][]string, pkg string) []string {
	seen := map[string]bool{}
	work := slices.Clone(g[pkg])
	for len(work) > 0 {
		p := work[len(work)-1]
		work = work[:len(work)-1]
		if !seen[p] {
			seen[p] = true
			work = append(work, g[p]...)
		}
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// TestLayers keeps the layers of the house (see the package doc): parsers
// are leaves, the evaluators do not reach the rule framework, nothing that
// reports findings can reach a renderer, and scan rules read the tree only
// through their Pass.
func TestLayers(t *testing.T) {
	if _, err := os.Stat("../go.mod"); err != nil {
		t.Fatalf("the test must run in internal/ below the module root: %v", err)
	}
	g, std := graph(t)
	for _, must := range []string{"internal/python", "internal/djtemplate", "internal/infra", "internal/analysis", "internal/render", "internal/rules"} {
		if _, ok := g[must]; !ok {
			t.Fatalf("package %s not found; the walk is broken", must)
		}
	}
	type rule struct {
		pkgs   func(string) bool // the packages the rule is about
		bans   func(string) bool // the dependencies they must not have
		reason string
	}
	is := func(names ...string) func(string) bool {
		return func(p string) bool { return slices.Contains(names, p) }
	}
	under := func(dir string) func(string) bool {
		return func(p string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }
	}
	anything := func(string) bool { return true }
	rules := []rule{
		{is("internal/python", "internal/djtemplate", "internal/report", "internal/project", "internal/checklist", "internal/nesting", "internal/lazyre", "internal/tlsraw", "internal/editdist"), anything,
			"is a leaf: it imports no djsec package"},
		// The extractors (lockfiles, deployment files) share the nesting
		// bound with every other reader of data files, and the lazily
		// compiled expressions with every package; both are leaves.
		{is("internal/deps", "internal/infra"), func(p string) bool { return p != "internal/nesting" && p != "internal/lazyre" },
			"is an extractor: it imports no djsec package but the nesting bound and lazyre"},
		{is("internal/settings", "internal/taint", "internal/access", "internal/deps", "internal/pysrc", "internal/tplsrc"),
			is("internal/analysis"), "is read by rules and must not depend on the rule framework"},
		{func(p string) bool { return !under("internal/cli")(p) && !under("cmd")(p) }, under("internal/render"),
			"reports findings or models them; only the command line renders"},
	}
	for pkg := range g {
		for _, r := range rules {
			if !r.pkgs(pkg) {
				continue
			}
			for _, d := range deps(g, pkg) {
				if d != pkg && r.bans(d) {
					t.Errorf("%s depends on %s: it %s", pkg, d, r.reason)
				}
			}
		}
	}
	for pkg, imps := range std {
		if !strings.HasPrefix(pkg, "internal/rules/") {
			continue
		}
		for _, imp := range imps {
			if imp == "os" || imp == "io/fs" || imp == "os/exec" || imp == "net/http" {
				t.Errorf("%s imports %s: scan rules read files through their Pass (project.File, Project.Tracked), never by path", pkg, imp)
			}
		}
	}
}
