// Package gittest makes real git repositories for the tests of code that
// reads what git tracks (the index reader, the rules that tell a committed
// file from a local one). Tests that use it skip when git is not installed.
package gittest

import (
	"github.com/djsec/djsec/internal/testenv"

	"os"
	"os/exec"
	"strings"
	"testing"
)

// Repo makes a repository in a temporary directory with the given files,
// staged with `git add .`, and with `git add -f` for those force lists, or
// skips the test when git is not installed.
func Repo(t testing.TB, files map[string]string, force ...string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		testenv.Missing(t, "git", "apt-get install git")
	}
	dir := testenv.Tree(t, files)
	Git(t, dir, "init", "-q")
	Git(t, dir, "add", ".")
	if len(force) > 0 {
		Git(t, dir, append([]string{"add", "-f"}, force...)...)
	}
	return dir
}

// Git runs git in dir, away from the user's and the system's configuration,
// and fails the test when it fails.
func Git(t testing.TB, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}
