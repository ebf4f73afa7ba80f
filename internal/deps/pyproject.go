package deps

import (
	"cmp"
	"maps"
	"path"
	"slices"
)

// PyProject reads pyproject.toml: the PEP 621 [project] table (dependencies,
// optional-dependencies, requires-python), PEP 735 [dependency-groups], and
// Poetry's [tool.poetry] dependency tables, whose "python" entry says which
// Python the project runs on.
type PyProject struct{}

// Name implements Extractor.
func (PyProject) Name() string { return "pyproject.toml" }

// FileRequired implements Extractor.
func (PyProject) FileRequired(p string) bool { return path.Base(p) == "pyproject.toml" }

type pyprojectFile struct {
	Project struct {
		RequiresPython       string              `toml:"requires-python"`
		Dependencies         []string            `toml:"dependencies"`
		OptionalDependencies map[string][]string `toml:"optional-dependencies"`
	} `toml:"project"`
	DependencyGroups map[string][]any `toml:"dependency-groups"`
	Tool             struct {
		Poetry struct {
			Dependencies    map[string]any `toml:"dependencies"`
			DevDependencies map[string]any `toml:"dev-dependencies"`
			Group           map[string]struct {
				Dependencies map[string]any `toml:"dependencies"`
			} `toml:"group"`
		} `toml:"poetry"`
	} `toml:"tool"`
}

// Extract implements Extractor.
func (PyProject) Extract(p string, content []byte) Result {
	var r Result
	var f pyprojectFile
	if !decodeTOML(&r, p, content, &f) {
		return r
	}
	x := pyprojectReader{r: &r, path: p, lines: sourceLines(content)}
	x.pep621(f)
	x.poetry(f)
	return r
}

type pyprojectReader struct {
	r     *Result
	path  string
	lines []string
}

func (x pyprojectReader) pep621(f pyprojectFile) {
	project := tableLine(x.lines, "project")
	if rp := f.Project.RequiresPython; rp != "" {
		line := cmp.Or(keyLine(x.lines, project, "requires-python"), project)
		x.r.Pythons = append(x.r.Pythons, PythonVersion{Specifier: rp, Source: "requires-python", Location: Location{x.path, line}})
	}
	x.strings(f.Project.Dependencies, project)
	extras := cmp.Or(tableLine(x.lines, "project.optional-dependencies"), project)
	for _, name := range slices.Sorted(maps.Keys(f.Project.OptionalDependencies)) {
		x.strings(f.Project.OptionalDependencies[name], extras)
	}
	groups := tableLine(x.lines, "dependency-groups")
	for _, name := range slices.Sorted(maps.Keys(f.DependencyGroups)) {
		var reqs []string
		for _, item := range f.DependencyGroups[name] {
			if s, ok := item.(string); ok { // {include-group = "..."} adds nothing new
				reqs = append(reqs, s)
			}
		}
		x.strings(reqs, groups)
	}
}

// strings adds PEP 508 requirement strings, found in the text after from.
func (x pyprojectReader) strings(reqs []string, from int) {
	for _, s := range reqs {
		line := cmp.Or(stringLine(x.lines, from, s), from)
		req, err := ParseRequirement(s)
		if err != nil {
			x.r.errorf(x.path, line, "%v", err)
			continue
		}
		x.r.Packages = append(x.r.Packages, packageFromRequirement(req, "pyproject.toml", Location{x.path, line}))
	}
}

func (x pyprojectReader) poetry(f pyprojectFile) {
	pt := f.Tool.Poetry
	x.poetryTable("tool.poetry.dependencies", pt.Dependencies)
	x.poetryTable("tool.poetry.dev-dependencies", pt.DevDependencies)
	for _, name := range slices.Sorted(maps.Keys(pt.Group)) {
		x.poetryTable("tool.poetry.group."+name+".dependencies", pt.Group[name].Dependencies)
	}
}

// poetryTable reads one table of name = constraint entries, where a
// constraint is a string, a table with "version", or a list of such tables.
func (x pyprojectReader) poetryTable(table string, deps map[string]any) {
	header := tableLine(x.lines, table)
	for _, name := range slices.Sorted(maps.Keys(deps)) {
		line := cmp.Or(keyLineFold(x.lines, header, name), header)
		for _, c := range poetryConstraints(deps[name]) {
			x.poetryEntry(name, c, Location{x.path, line})
		}
	}
}

type poetryDep struct {
	version string
	url     bool // git, path or url: the version is not from the index
	extras  []string
	markers string
}

func poetryConstraints(v any) []poetryDep {
	switch v := v.(type) {
	case string:
		return []poetryDep{{version: v}}
	case map[string]any:
		d := poetryDep{}
		d.version, _ = v["version"].(string)
		d.markers, _ = v["markers"].(string)
		d.url = v["git"] != nil || v["path"] != nil || v["url"] != nil
		if ex, ok := v["extras"].([]any); ok {
			for _, e := range ex {
				if s, ok := e.(string); ok {
					d.extras = append(d.extras, s)
				}
			}
		}
		return []poetryDep{d}
	case []map[string]any:
		var out []poetryDep
		for _, m := range v {
			out = append(out, poetryConstraints(m)...)
		}
		return out
	case []any:
		var out []poetryDep
		for _, m := range v {
			out = append(out, poetryConstraints(m)...)
		}
		return out
	}
	return nil
}

func (x pyprojectReader) poetryEntry(name string, d poetryDep, loc Location) {
	spec, err := PoetryConstraint(d.version)
	if err != nil {
		x.r.errorf(loc.Path, loc.Line, "%s: %v", name, err)
		return
	}
	if NormalizeName(name) == "python" {
		x.r.Pythons = append(x.r.Pythons, PythonVersion{Specifier: spec, Source: "tool.poetry.dependencies.python", Location: loc})
		return
	}
	p := Package{Name: name, Specifier: spec, Extras: d.extras, Marker: d.markers, Format: "pyproject.toml", Location: loc}
	if d.url {
		p.URL = "poetry source"
	} else if set, err := ParseSpecifierSet(spec); err == nil {
		p.Version, _ = set.Pinned()
	}
	x.r.Packages = append(x.r.Packages, p)
}
