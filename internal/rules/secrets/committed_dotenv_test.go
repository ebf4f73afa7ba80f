package secrets

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/project/gittest"
	"github.com/djsec/djsec/internal/report"
)

// TestCommittedDotenvInRepository checks the messages that depend on git:
// tracked, tracked although ignored (a file the walk never sees), and not
// yet added.
func TestCommittedDotenvInRepository(t *testing.T) {
	dir := gittest.Repo(t, map[string]string{
		".gitignore":    ".env.local\n",
		".env":          "SECRET_KEY=abc\n",
		".env.local":    "DB_PASSWORD=Zq8vR3nT6wLx\n",
		".env.example":  "SECRET_KEY=changeme\n",
		"deploy/.env.x": "",
	})
	gittest.Git(t, dir, "add", "-f", ".env.local")
	os.WriteFile(filepath.Join(dir, ".env.production"), []byte("API_TOKEN=abc\n"), 0o644)
	res, err := analysis.Scan(analysis.Options{Root: dir, Rules: []*analysis.Rule{CommittedDotenvFile}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range res.Findings {
		got[f.Location.Path] = f.Message
	}
	want := map[string]string{
		".env":            `^\.env is tracked by git: its passwords`,
		".env.local":      `^\.env\.local is tracked by git although \.gitignore ignores it`,
		".env.production": "^\\.env\\.production is not ignored by \\.gitignore, so the next `git add \\.` commits it",
	}
	for path, re := range want {
		if !regexp.MustCompile(re).MatchString(got[path]) {
			t.Errorf("%s: got message %q, want one matching %q", path, got[path], re)
		}
		delete(got, path)
	}
	for path, msg := range got {
		t.Errorf("%s: unexpected finding %q", path, msg)
	}
}

// TestCommittedDotenvForTests checks that environment files named for test
// runs (.env.test, an end-to-end suite's .env.e2e, .env.ci) are low and a
// production one is not.
func TestCommittedDotenvForTests(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		".env.test":       "DB_PASSWORD=Zq8vR3nT6wLx\n",
		".env.e2e":        "DB_PASSWORD=Zq8vR3nT6wLx\n",
		"ci/.env.ci":      "DB_PASSWORD=Zq8vR3nT6wLx\n",
		".env.production": "DB_PASSWORD=Zq8vR3nT6wLx\n",
	} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := analysis.Scan(analysis.Options{Root: dir, Rules: []*analysis.Rule{CommittedDotenvFile}})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, f := range res.Findings {
		seen++
		if low := f.Severity == report.Low; low != (f.Location.Path != ".env.production") {
			t.Errorf("%s: severity %s: %s", f.Location.Path, f.Severity, f.Message)
		}
	}
	if seen != 4 {
		t.Errorf("%d findings, want 4", seen)
	}
}
