package project

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/project/gittest"
	"github.com/djsec/djsec/internal/testenv"
)

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
			dir := gittest.Repo(t, files, ".env.local")
			gittest.Git(t, dir, "update-index", "--index-version", version)
			if version == "3" {
				// Intent-to-add entries carry extended flags, which
				// only version 3 and later have.
				os.WriteFile(filepath.Join(dir, "later.py"), nil, 0o644)
				gittest.Git(t, dir, "add", "-N", "later.py")
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

// TestGitTrackedThroughGitFile reads the index of a worktree or submodule,
// whose .git is a file naming the git directory, when the user allows
// reading outside the tree.
func TestGitTrackedThroughGitFile(t *testing.T) {
	repo := gittest.Repo(t, map[string]string{".env": "A=1\n"})
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
		testenv.Missing(t, "git", "apt-get install git")
	}
	dir := t.TempDir()
	cmd := exec.Command("git", "init", "-q", "--object-format=sha256")
	cmd.Dir = dir
	if err := cmd.Run(); err != nil {
		t.Skipf("git cannot make a sha256 repository: %v", err)
	}
	os.WriteFile(filepath.Join(dir, ".env"), []byte("A=1\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "manage.py"), nil, 0o644)
	gittest.Git(t, dir, "add", ".")
	tracked, err := gitTracked(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if !tracked[".env"] || !tracked["manage.py"] || len(tracked) != 2 {
		t.Errorf("got %v, want .env and manage.py", tracked)
	}
}
