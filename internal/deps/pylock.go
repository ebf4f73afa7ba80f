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
		Packages []lockEntry `toml:"packages"`
	}
	if decodeTOML(&r, p, content, &lock) {
		lockedPackages(&r, p, "pylock.toml", "packages", sourceLines(content), lock.Packages, nil)
	}
	return r
}
