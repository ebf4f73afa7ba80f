package rules

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/rules from the rules' documentation")

const docsDir = "../../docs/rules"

// TestDocsUpToDate keeps docs/rules/ in step with the documentation in the
// code: the code is the source, the folder is what the web shows. Run
// `go test ./internal/rules -update` after changing a rule's Doc.
func TestDocsUpToDate(t *testing.T) {
	files := map[string]string{"README.md": index()}
	for _, r := range All() {
		files[r.ID+".md"] = r.Markdown()
	}
	if *update {
		os.RemoveAll(docsDir)
		if err := os.MkdirAll(docsDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, text := range files {
			if err := os.WriteFile(filepath.Join(docsDir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	entries, _ := os.ReadDir(docsDir)
	for _, e := range entries {
		if _, ok := files[e.Name()]; !ok {
			t.Errorf("docs/rules/%s belongs to no rule (run go test ./internal/rules -update)", e.Name())
		}
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(docsDir, name))
		if err != nil || string(got) != want {
			t.Errorf("docs/rules/%s is out of date (run go test ./internal/rules -update)", name)
		}
	}
}

func index() string {
	var b strings.Builder
	b.WriteString("# djsec rules\n\nGenerated from the rules' documentation by `go test ./internal/rules -update`.\n\n")
	b.WriteString("| id | name | severity | CWE | checklist |\n| --- | --- | --- | --- | --- |\n")
	for _, r := range All() {
		fmt.Fprintf(&b, "| [%s](%s.md) | %s | %s | %s | %s |\n", r.ID, r.ID, r.Name, r.Severity, joinInts(r.CWE), joinInts(r.Checklist))
	}
	return b.String()
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, ", ")
}
