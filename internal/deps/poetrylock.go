package deps

import "path"

// PoetryLock reads poetry.lock, whose [[package]] tables pin every package of
// the resolved environment.
type PoetryLock struct{}

// Name implements Extractor.
func (PoetryLock) Name() string { return "poetry.lock" }

// FileRequired implements Extractor.
func (PoetryLock) FileRequired(p string) bool { return path.Base(p) == "poetry.lock" }

// poetryPackage is a [[package]] table of poetry.lock.
type poetryPackage struct {
	lockEntry
	Source struct {
		Type string `toml:"type"`
	} `toml:"source"`
}

// Extract implements Extractor.
func (PoetryLock) Extract(p string, content []byte) Result {
	return extractTOMLLock(p, content, "poetry.lock", "package", func(t poetryPackage) (lockEntry, bool) {
		switch s := t.Source.Type; s {
		case "git", "directory", "file":
			t.direct = s
		}
		return t.lockEntry, false
	})
}
