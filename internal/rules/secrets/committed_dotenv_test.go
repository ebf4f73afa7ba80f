package secrets

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/analysis"
)

// gitRepo makes a repository in a temporary directory with the given
// files, staged with `git add -f` when force lists them, or skips the test
// when git is not installed.
func gitRepo(t *testing.T, files map[string]string, force ...string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git(t, dir, "init", "-q")
	git(t, dir, "add", ".")
	if len(force) > 0 {
		git(t, dir, append([]string{"add", "-f"}, force...)...)
	}
	return dir
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// TestCommittedDotenvInRepository checks the messages that depend on git:
// tracked, tracked although ignored (a file the walk never sees), and not
// yet added.
func TestCommittedDotenvInRepository(t *testing.T) {
	dir := gitRepo(t, map[string]string{
		".gitignore":    ".env.local\n",
		".env":          "SECRET_KEY=abc\n",
		".env.local":    "DB_PASSWORD=Zq8vR3nT6wLx\n",
		".env.example":  "SECRET_KEY=changeme\n",
		"deploy/.env.x": "",
	})
	git(t, dir, "add", "-f", ".env.local")
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
