package deps

import "path"

// PDMLock reads pdm.lock, whose [[package]] tables pin every package; those
// from git or a local path are direct references.
type PDMLock struct{}

// Name implements Extractor.
func (PDMLock) Name() string { return "pdm.lock" }

// FileRequired implements Extractor.
func (PDMLock) FileRequired(p string) bool { return path.Base(p) == "pdm.lock" }

// pdmPackage is a [[package]] table of pdm.lock.
type pdmPackage struct {
	lockEntry
	Git  string `toml:"git"`
	Path string `toml:"path"`
}

// Extract implements Extractor.
func (PDMLock) Extract(p string, content []byte) Result {
	return extractTOMLLock(p, content, "pdm.lock", "package", func(t pdmPackage) (lockEntry, bool) {
		switch {
		case t.Git != "":
			t.direct = "git"
		case t.Path != "":
			t.direct = "path"
		}
		return t.lockEntry, false
	})
}
