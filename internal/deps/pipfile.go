package deps

import (
	"cmp"
	"maps"
	"path"
	"slices"
)

// Pipfile reads pipenv's Pipfile: the [packages] and [dev-packages] tables
// ("*" or a specifier, or a table with "version") and [requires], which names
// the Python version. Pipfile.lock beside it pins what gets installed.
type Pipfile struct{}

// Name implements Extractor.
func (Pipfile) Name() string { return "Pipfile" }

// FileRequired implements Extractor.
func (Pipfile) FileRequired(p string) bool { return path.Base(p) == "Pipfile" }

// Extract implements Extractor.
func (Pipfile) Extract(p string, content []byte) Result {
	var r Result
	var f struct {
		Packages    map[string]any `toml:"packages"`
		DevPackages map[string]any `toml:"dev-packages"`
		Requires    struct {
			PythonVersion     string `toml:"python_version"`
			PythonFullVersion string `toml:"python_full_version"`
		} `toml:"requires"`
	}
	if !decodeTOML(&r, p, content, &f) {
		return r
	}
	lines := sourceLines(content)
	for _, table := range []string{"packages", "dev-packages"} {
		entries := f.Packages
		if table == "dev-packages" {
			entries = f.DevPackages
		}
		header := tableLine(lines, table)
		for _, name := range slices.Sorted(maps.Keys(entries)) {
			loc := Location{p, cmp.Or(keyLineFold(lines, header, name), header)}
			pipfilePackage(&r, name, entries[name], loc)
		}
	}
	req := f.Requires
	if v := cmp.Or(req.PythonFullVersion, req.PythonVersion); v != "" {
		header := tableLine(lines, "requires")
		key := "python_version"
		if req.PythonFullVersion != "" {
			key = "python_full_version"
		}
		loc := Location{p, cmp.Or(keyLine(lines, header, key), header)}
		r.Pythons = append(r.Pythons, PythonVersion{Specifier: exactPython(v), Source: "Pipfile", Location: loc})
	}
	return r
}

// pipfilePackage reads `name = "*"`, `name = "==1.0"` or
// `name = {version = "==1.0", extras = [...]}`; a table with git, path or
// file is a direct reference.
func pipfilePackage(r *Result, name string, v any, loc Location) {
	pkg := Package{Name: name, Format: "Pipfile", Location: loc}
	spec := ""
	switch v := v.(type) {
	case string:
		spec = v
	case map[string]any:
		spec, _ = v["version"].(string)
		pkg.Marker, _ = v["markers"].(string)
		for _, k := range []string{"git", "path", "file"} {
			if s, ok := v[k].(string); ok {
				pkg.URL = s
			}
		}
	}
	if spec == "*" {
		spec = ""
	}
	set, err := ParseSpecifierSet(spec)
	if err != nil {
		r.errorf(loc.Path, loc.Line, "%s: %v", name, err)
		return
	}
	pkg.Specifier = set.String()
	if pkg.URL == "" {
		pkg.Version, _ = set.Pinned()
	}
	r.Packages = append(r.Packages, pkg)
}
