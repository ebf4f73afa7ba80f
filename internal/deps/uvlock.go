package deps

import "path"

// UVLock reads uv.lock. Its [[package]] tables include the project itself
// (an editable or virtual source), which is not a dependency and is skipped.
type UVLock struct{}

// Name implements Extractor.
func (UVLock) Name() string { return "uv.lock" }

// FileRequired implements Extractor.
func (UVLock) FileRequired(p string) bool { return path.Base(p) == "uv.lock" }

// Extract implements Extractor.
func (UVLock) Extract(p string, content []byte) Result {
	var r Result
	var lock struct {
		Package []struct {
			lockEntry
			Source map[string]any `toml:"source"`
		} `toml:"package"`
	}
	if !decodeTOML(&r, p, content, &lock) {
		return r
	}
	entries := make([]lockEntry, len(lock.Package))
	for i, e := range lock.Package {
		entries[i] = e.lockEntry
		for _, kind := range []string{"git", "path", "directory"} {
			if e.Source[kind] != nil {
				entries[i].direct = kind
			}
		}
	}
	local := func(i int) bool {
		src := lock.Package[i].Source
		return src["editable"] != nil || src["virtual"] != nil
	}
	lockedPackages(&r, p, "uv.lock", "package", sourceLines(content), entries, local)
	return r
}
