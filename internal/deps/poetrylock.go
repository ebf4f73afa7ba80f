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
		Package []struct {
			lockEntry
			Source struct {
				Type string `toml:"type"`
			} `toml:"source"`
		} `toml:"package"`
	}
	if !decodeTOML(&r, p, content, &lock) {
		return r
	}
	entries := make([]lockEntry, len(lock.Package))
	for i, e := range lock.Package {
		entries[i] = e.lockEntry
		switch t := e.Source.Type; t {
		case "git", "directory", "file":
			entries[i].direct = t
		}
	}
	lockedPackages(&r, p, "poetry.lock", "package", sourceLines(content), entries, nil)
	return r
}
