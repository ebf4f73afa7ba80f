package deps

import "path"

// PDMLock reads pdm.lock, whose [[package]] tables pin every package; those
// from git or a local path are direct references.
type PDMLock struct{}

// Name implements Extractor.
func (PDMLock) Name() string { return "pdm.lock" }

// FileRequired implements Extractor.
func (PDMLock) FileRequired(p string) bool { return path.Base(p) == "pdm.lock" }

// Extract implements Extractor.
func (PDMLock) Extract(p string, content []byte) Result {
	var r Result
	var lock struct {
		Package []struct {
			lockEntry
			Git  string `toml:"git"`
			Path string `toml:"path"`
		} `toml:"package"`
	}
	if !decodeTOML(&r, p, content, &lock) {
		return r
	}
	entries := make([]lockEntry, len(lock.Package))
	for i, e := range lock.Package {
		entries[i] = e.lockEntry
		switch {
		case e.Git != "":
			entries[i].direct = "git"
		case e.Path != "":
			entries[i].direct = "path"
		}
	}
	lockedPackages(&r, p, "pdm.lock", "package", sourceLines(content), entries, nil)
	return r
}
