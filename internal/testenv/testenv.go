// Package testenv is what djsec's tests share about the machine they run on:
// the switch for long tests, the path of a real advisory database, the
// one-line skips for optional companions (Django REST framework, FerretDB,
// CPython, Chromium...), and the made-up projects of single cases (Tree).
//
// The README's `go test ./...` must pass on a machine with Go and nothing
// else, in a few minutes. So a test that needs something optional skips
// with one line naming what is missing and how to get it, and long work
// (the full differential parse of Python's standard library, building
// FerretDB) runs only when DJSEC_LONG=1, which .ci/run sets. Every skip
// line reads "WHAT missing: HOW" or "WHAT is long: ...", so that
// `go test -v ./... | grep -E ' missing: | is long: '` lists them.
package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

// Environment variables the tests read. They are documented in the README
// (Development) and set by .ci/run.
const (
	// LongVar turns on long tests: DJSEC_LONG=1.
	LongVar = "DJSEC_LONG"
	// AdvisoryDBVar is the path of a checkout of
	// github.com/pypa/advisory-database (a folder with vulns/ in it).
	AdvisoryDBVar = "DJSEC_ADVISORY_DB"
)

// Long reports whether long tests were asked for with DJSEC_LONG=1 (any
// value but "" and "0").
func Long() bool {
	v := os.Getenv(LongVar)
	return v != "" && v != "0"
}

// Missing skips the test for want of an optional companion, in one line:
// what is missing, and how to get it.
func Missing(t testing.TB, what, how string) {
	t.Helper()
	t.Skipf("%s missing: %s", what, how)
}

// AdvisoryDB returns the path of the real advisory database named by
// DJSEC_ADVISORY_DB, and false when it is unset or holds no vulns/ folder.
func AdvisoryDB() (string, bool) {
	dir := os.Getenv(AdvisoryDBVar)
	if dir == "" {
		return "", false
	}
	if _, err := os.Stat(filepath.Join(dir, "vulns")); err != nil {
		return dir, false
	}
	return dir, true
}

// NeedAdvisoryDB returns the path of the real advisory database or skips
// the test, saying how to get one.
func NeedAdvisoryDB(t testing.TB) string {
	t.Helper()
	dir, ok := AdvisoryDB()
	switch {
	case dir == "":
		Missing(t, "real advisory database", AdvisoryDBHint)
	case !ok:
		t.Skipf("real advisory database missing: %s=%s has no vulns/ folder; %s", AdvisoryDBVar, dir, AdvisoryDBHint)
	}
	return dir
}

// AdvisoryDBHint says how to point the tests at a real advisory database.
const AdvisoryDBHint = "git clone https://github.com/pypa/advisory-database and set " + AdvisoryDBVar + " to it (.ci/run does)"

// Tree writes files, by their slash-separated paths, into a new temporary
// folder of the test, which it returns: a project made up for one case.
func Tree(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
