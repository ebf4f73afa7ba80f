// Package deps holds the dependency rules (DJD): known vulnerabilities in
// the packages a project installs, requirements that pin nothing, and Django
// and Python releases past their end of support.
//
// The rules run once per project. They share, through Project.Memo, one
// inventory of the dependency files (internal/deps reads every format) and
// one vulnerability database, so a scan reads each lock file and loads the
// database once whatever rules are enabled.
package deps

import (
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/deps"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// Rules returns the dependency rules.
func Rules() []*analysis.Rule {
	return []*analysis.Rule{VulnerableDependency, UnpinnedRequirement, DjangoEndOfLife, PythonEndOfLife}
}

// inventory reads the project's dependency files once per scan and reports
// what could not be read as problems (once each, however many rules ask).
func inventory(pass *analysis.Pass) *deps.Inventory {
	proj := pass.Project
	inv := proj.Memo("deps.inventory", func() any {
		var paths []string
		for _, f := range proj.Files {
			if deps.Required(f.Path) {
				paths = append(paths, f.Path)
			}
		}
		return deps.CollectCanon(paths, projectReader(proj), proj.Resolve)
	}).(*deps.Inventory)
	for _, e := range inv.Errors {
		if analysis.InProjectTemplate(e.Location.Path) {
			// {{ cookiecutter.project_slug }}/pyproject.toml: a
			// template, whose syntax is the generator's until it runs
			continue
		}
		pass.Problem(location(e.Location), "%v", e.Err)
	}
	return inv
}

// projectReader reads the files of the scanned tree only: an include that
// points outside it, or at a file the walk left out, is reported as missing.
func projectReader(proj *project.Project) deps.ReadFunc {
	return func(p string) ([]byte, error) {
		f := proj.File(p)
		if f == nil {
			return nil, fmt.Errorf("no such file in the scanned tree")
		}
		return f.Content()
	}
}

func location(l deps.Location) report.Location {
	return report.Location{Path: l.Path, Line: max(l.Line, 1), Column: 1}
}

// installed returns the packages whose exact installed version the project
// states: lock entries, "==" pins that no lock in their folder overrides, and
// constraint pins of packages required elsewhere in the project.
func installed(inv *deps.Inventory) []deps.Package {
	var out []deps.Package
	for _, p := range inv.Packages {
		switch {
		case !p.Pinned() || p.URL != "":
			// A version from a VCS or a path is not the index release the
			// advisories describe.
		case p.Constraint && !requiredWith(inv, p):
		case !p.Locked && !p.Constraint && inv.Covered(p):
			// The lock beside this manifest is what gets installed; its entry
			// carries the finding.
		default:
			out = append(out, p)
		}
	}
	return out
}

// requiredWith reports whether a requirements file that the constraint c
// applies to requires its package: a constraint alone installs nothing.
func requiredWith(inv *deps.Inventory, c deps.Package) bool {
	for _, p := range inv.Named(c.Key()) {
		if !p.Constraint && inv.Constrains(c.Location.Path, p.Location.Path) {
			return true
		}
	}
	return false
}

// ranged returns manifest entries with a version range that nothing else in
// the project pins: their installed version is unknown.
func ranged(inv *deps.Inventory) []deps.Package {
	var out []deps.Package
	for _, p := range inv.Packages {
		if p.Pinned() || p.Locked || p.Constraint || p.URL != "" || inv.Covered(p) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// eolOf returns the newest of the releases a specifier admits when every one
// of them is past its end of support; ok is false when some admitted release
// is supported, none is admitted, or the specifier cannot be read.
func eolOf(table []deps.Release, spec string, now time.Time) (deps.Release, bool) {
	admitted, err := deps.AdmittedReleases(table, spec)
	if err != nil || len(admitted) == 0 {
		return deps.Release{}, false
	}
	newest := admitted[0]
	for _, r := range admitted {
		if !r.EndOfLife(now) {
			return deps.Release{}, false
		}
		if r.End.After(newest.End) || r.Major > newest.Major || (r.Major == newest.Major && r.Minor > newest.Minor) {
			newest = r
		}
	}
	return newest, true
}

// forDocs lowers a finding on a requirements file that only builds the
// project's documentation (docs/requirements.txt, requirements-docs.txt,
// what Read the Docs installs) or only runs its tests
// (requirements-tests.txt, requirements/test.txt): its packages never run
// the site, and the site's own requirements are reported on their own.
// So is a file of any format in a project template's folder, whose name
// is still a placeholder ({{ cookiecutter.project_slug }}).
func forDocs(d analysis.Diagnostic, p deps.Package) analysis.Diagnostic {
	if strings.Contains(path.Dir(p.Location.Path), "{{") {
		// plugin-boilerplate/{{ cookiecutter.project_slug }}/requirements.txt
		d.Message += "; the file is in a project template (a folder named {{ ... }}), which installs nothing until someone makes a project of it"
		d.Severity = report.Low
		return d
	}
	if p.Format != "requirements" {
		return d
	}
	switch {
	case docsRequirements(p.Location.Path):
		d.Message += "; the file only builds the documentation, whose packages never run the site"
	case testName().MatchString(path.Base(p.Location.Path)):
		d.Message += "; the file only installs what the tests run with, which never runs the site"
	default:
		return d
	}
	d.Severity = report.Low
	return d
}

var testName = lazyre.New(`(?i)(^|[._-])(tests?|testing)([._-]|$)`)

// docsRequirements reports a requirements file in a documentation folder
// or named for one.
func docsRequirements(rel string) bool {
	for _, seg := range strings.Split(path.Dir(rel), "/") {
		switch strings.ToLower(seg) {
		case "docs", "doc", "documentation":
			return true
		}
	}
	return docsName().MatchString(path.Base(rel))
}

var docsName = lazyre.New(`(?i)(^|[._-])(docs?|documentation|sphinx)([._-]|$)`)

// Installed returns the packages of the given name (PEP 503 normalized)
// whose exact installed version the project states (installed), for rules
// of other families that depend on a library's version: the settings
// django-csp 4 no longer reads.
func Installed(pass *analysis.Pass, name string) []deps.Package {
	var out []deps.Package
	for _, p := range installed(inventory(pass)) {
		if p.Key() == deps.NormalizeName(name) {
			out = append(out, p)
		}
	}
	return out
}
