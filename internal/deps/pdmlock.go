package deps

import "path"

// PDMLock reads pdm.lock, whose [[package]] tables pin every package.
type PDMLock struct{}

// Name implements Extractor.
func (PDMLock) Name() string { return "pdm.lock" }

// FileRequired implements Extractor.
func (PDMLock) FileRequired(p string) bool { return path.Base(p) == "pdm.lock" }

// Extract implements Extractor.
func (PDMLock) Extract(p string, content []byte) Result {
	var r Result
	var lock struct {
		Package []lockEntry `toml:"package"`
	}
	if decodeTOML(&r, p, content, &lock) {
		lockedPackages(&r, p, "pdm.lock", "package", sourceLines(content), lock.Package, nil)
	}
	return r
}
