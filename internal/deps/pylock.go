package deps

import (
	"path"

	"github.com/djsec/djsec/internal/lazyre"
)

// PyLock reads pylock.toml and pylock.<name>.toml, the standard lock file of
// PEP 751, whose [[packages]] tables pin every package. An entry without a
// version (a directory or VCS source) is kept unpinned.
type PyLock struct{}

var pylockName = lazyre.New(`^pylock\.([^.]+\.)?toml$`)

// Name implements Extractor.
func (PyLock) Name() string { return "pylock.toml" }

// FileRequired implements Extractor.
func (PyLock) FileRequired(p string) bool { return pylockName().MatchString(path.Base(p)) }

// pylockPackage is a [[packages]] table of pylock.toml.
type pylockPackage struct {
	lockEntry
	VCS       any `toml:"vcs"`
	Directory any `toml:"directory"`
}

// Extract implements Extractor.
func (PyLock) Extract(p string, content []byte) Result {
	return extractTOMLLock(p, content, "pylock.toml", "packages", func(t pylockPackage) (lockEntry, bool) {
		switch {
		case t.VCS != nil:
			t.direct = "vcs"
		case t.Directory != nil:
			t.direct = "directory"
		}
		return t.lockEntry, false
	})
}
