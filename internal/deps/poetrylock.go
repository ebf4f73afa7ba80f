package deps

import "path"

// PoetryLock reads poetry.lock, whose [[package]] tables pin every package of
// the resolved environment.
type PoetryLock struct{}

// Name implements Extractor.
func (PoetryLock) Name() string { return "poetry.lock" }

// FileRequired implements Extractor.
func (PoetryLock) FileRequired(p string) bool { return path.Base(p) == "poetry.lock" }

// Extract implements Extractor.
func (PoetryLock) Extract(p string, content []byte) Result {
	var r Result
	var lock struct {
		Package []lockEntry `toml:"package"`
	}
	if decodeTOML(&r, p, content, &lock) {
		lockedPackages(&r, p, "poetry.lock", "package", sourceLines(content), lock.Package, nil)
	}
	return r
}
