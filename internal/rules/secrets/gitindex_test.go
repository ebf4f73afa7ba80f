package secrets

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
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

func TestParseGitIndexVersions(t *testing.T) {
	files := map[string]string{
		".gitignore":            ".env.local\n",
		".env":                  "A=1\n",
		".env.local":            "B=2\n",
		"manage.py":             "",
		"shop/settings/base.py": "",
		"shop/settings/prod.py": "",
		"shop/templates/a.html": "",
	}
	want := []string{".env", ".env.local", ".gitignore", "manage.py", "shop/settings/base.py", "shop/settings/prod.py", "shop/templates/a.html"}
	for _, version := range []string{"2", "3", "4"} {
		t.Run("v"+version, func(t *testing.T) {
			dir := gitRepo(t, files, ".env.local")
			git(t, dir, "update-index", "--index-version", version)
			if version == "3" {
				// Intent-to-add entries carry extended flags, which
				// only version 3 and later have.
				os.WriteFile(filepath.Join(dir, "later.py"), nil, 0o644)
				git(t, dir, "add", "-N", "later.py")
			}
			tracked, err := gitTracked(dir, false)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for p := range tracked {
				got = append(got, p)
			}
			slices.Sort(got)
			w := want
			if version == "3" {
				w = append(slices.Clone(want), "later.py")
				slices.Sort(w)
			}
			if !slices.Equal(got, w) {
				t.Errorf("got %q, want %q", got, w)
			}
		})
	}
}

func TestParseGitIndexErrors(t *testing.T) {
	for _, data := range []string{"", "DIRC", "XXXX\x00\x00\x00\x02\x00\x00\x00\x01", "DIRC\x00\x00\x00\x09\x00\x00\x00\x00", "DIRC\x00\x00\x00\x02\x00\x00\x00\x05"} {
		if _, err := parseGitIndex([]byte(data), 20); err == nil {
			t.Errorf("parseGitIndex(%q): got no error, want one", data)
		}
	}
}

func TestGitTrackedWithoutRepository(t *testing.T) {
	tracked, err := gitTracked(t.TempDir(), false)
	if tracked != nil || err != nil {
		t.Errorf("got %v, %v; want nil, nil", tracked, err)
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

// TestGitTrackedThroughGitFile reads the index of a worktree or submodule,
// whose .git is a file naming the git directory, when the user allows
// reading outside the tree.
func TestGitTrackedThroughGitFile(t *testing.T) {
	repo := gitRepo(t, map[string]string{".env": "A=1\n"})
	top := t.TempDir()
	if err := os.WriteFile(filepath.Join(top, ".git"), []byte("gitdir: "+filepath.Join(repo, ".git")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := gitTracked(top, false); err == nil || !strings.Contains(err.Error(), "outside the scanned tree") {
		t.Errorf("got error %v, want one saying the git directory is outside the tree", err)
	}
	tracked, err := gitTracked(top, true)
	if err != nil {
		t.Fatal(err)
	}
	if !tracked[".env"] {
		t.Errorf("got %v, want .env tracked", tracked)
	}
}

func TestGitTrackedSHA256(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	cmd := exec.Command("git", "init", "-q", "--object-format=sha256")
	cmd.Dir = dir
	if err := cmd.Run(); err != nil {
		t.Skipf("git cannot make a sha256 repository: %v", err)
	}
	os.WriteFile(filepath.Join(dir, ".env"), []byte("A=1\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "manage.py"), nil, 0o644)
	git(t, dir, "add", ".")
	tracked, err := gitTracked(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if !tracked[".env"] || !tracked["manage.py"] || len(tracked) != 2 {
		t.Errorf("got %v, want .env and manage.py", tracked)
	}
}
