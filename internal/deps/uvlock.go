package deps

import "path"

// UVLock reads uv.lock. Its [[package]] tables include the project itself
// (an editable or virtual source), which is not a dependency and is skipped.
type UVLock struct{}

// Name implements Extractor.
func (UVLock) Name() string { return "uv.lock" }

// FileRequired implements Extractor.
func (UVLock) FileRequired(p string) bool { return path.Base(p) == "uv.lock" }

// uvPackage is a [[package]] table of uv.lock.
type uvPackage struct {
	lockEntry
	Source map[string]any `toml:"source"`
}

// Extract implements Extractor.
func (UVLock) Extract(p string, content []byte) Result {
	return extractTOMLLock(p, content, "uv.lock", "package", func(t uvPackage) (lockEntry, bool) {
		for _, kind := range []string{"git", "path", "directory"} {
			if t.Source[kind] != nil {
				t.direct = kind
			}
		}
		project := t.Source["editable"] != nil || t.Source["virtual"] != nil
		return t.lockEntry, project
	})
}
