package deps

import (
	"path"
	"regexp"
)

// PyLock reads pylock.toml and pylock.<name>.toml, the standard lock file of
// PEP 751, whose [[packages]] tables pin every package. An entry without a
// version (a directory or VCS source) is kept unpinned.
type PyLock struct{}

var pylockName = regexp.MustCompile(`^pylock\.([^.]+\.)?toml$`)

// Name implements Extractor.
func (PyLock) Name() string { return "pylock.toml" }

// FileRequired implements Extractor.
func (PyLock) FileRequired(p string) bool { return pylockName.MatchString(path.Base(p)) }

// Extract implements Extractor.
func (PyLock) Extract(p string, content []byte) Result {
	var r Result
	var lock struct {
		Packages []struct {
			lockEntry
			VCS       any `toml:"vcs"`
			Directory any `toml:"directory"`
		} `toml:"packages"`
	}
	if !decodeTOML(&r, p, content, &lock) {
		return r
	}
	entries := make([]lockEntry, len(lock.Packages))
	for i, e := range lock.Packages {
		entries[i] = e.lockEntry
		switch {
		case e.VCS != nil:
			entries[i].direct = "vcs"
		case e.Directory != nil:
			entries[i].direct = "directory"
		}
	}
	lockedPackages(&r, p, "pylock.toml", "packages", sourceLines(content), entries, nil)
	return r
}
