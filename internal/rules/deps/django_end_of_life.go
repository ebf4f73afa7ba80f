package deps

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/deps"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// DjangoEndOfLife reports Django releases past the end of their security
// support.
var DjangoEndOfLife = &analysis.Rule{
	ID:         "DJD201",
	Name:       "django-end-of-life",
	Severity:   report.High,
	Confidence: report.HighConfidence,
	CWE:        []int{1104},
	Checklist:  []int{11},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Django release past its end of support",
		What: "Reports the Django version a lock file or a == pin installs when its release line " +
			"(3.2, 4.2, ...) no longer receives security fixes, with the day support ended. A " +
			"version range is reported only when every release it admits is past its end of " +
			"support (django>=3.2,<4). A pin in a requirements file that only builds the documentation " +
			"(docs/requirements.txt, requirements-docs.txt) or only installs what the tests run with (requirements-tests.txt) is low. One " +
			"version pinned in several files of one folder (a lock file per environment) is one finding, at the shortest name, naming the others. The dates are embedded, from djangoproject.com's release " +
			"tables (see internal/deps/eol.go for the day they were last checked).",
		Why: "Once a Django release line leaves extended support, vulnerabilities found in it are " +
			"no longer fixed, and most are published with details: every new Django security " +
			"release becomes a map of holes in the old one.",
		Bad:  "Django==3.2.25",
		Good: "Django==5.2.8",
		Fix:  "Upgrade to a supported Django release (https://www.djangoproject.com/download/#supported-versions), preferably the current LTS, reading the release notes of each version in between.",
		References: []string{
			"https://www.djangoproject.com/download/#supported-versions",
			"https://docs.djangoproject.com/en/stable/howto/upgrade-version/",
		},
	},
	Run: runDjangoEndOfLife,
}

func runDjangoEndOfLife(pass *analysis.Pass) {
	inv := inventory(pass)
	// One version pinned in several files of a folder (a lock file per
	// environment, generated from one .in) is one finding, at the first,
	// naming the others: they are upgraded together.
	var order []string
	byVersion := map[string][]analysis.Diagnostic{}
	for _, p := range installed(inv) {
		if p.Key() != "django" {
			continue
		}
		v, err := deps.ParseVersion(p.Version)
		if err != nil {
			continue // DJD101 reports the unreadable version
		}
		if r, ok := deps.FindRelease(deps.DjangoReleases, v); ok && r.EndOfLife(pass.Now) {
			d := forDocs(djangoDiagnostic(p, "Django "+p.Version, r), p)
			k := p.Version + "\x00" + path.Dir(d.Location.Path) + "\x00" + d.Message
			if byVersion[k] == nil {
				order = append(order, k)
			}
			byVersion[k] = append(byVersion[k], d)
		}
	}
	for _, k := range order {
		pass.Report(oneOfPins(byVersion[k]))
	}
	for _, p := range ranged(inv) {
		if p.Key() != "django" || p.Specifier == "" {
			continue
		}
		if r, ok := eolOf(deps.DjangoReleases, p.Specifier, pass.Now); ok {
			pass.Report(forDocs(djangoDiagnostic(p, "Django "+p.Specifier+" (at most "+r.Name()+")", r), p))
		}
	}
}

// oneOfPins returns the finding of the file that installs the site among
// those of one version (production.txt before dev.txt, then the shortest
// name), naming the others.
func oneOfPins(ds []analysis.Diagnostic) analysis.Diagnostic {
	rank := func(d analysis.Diagnostic) int {
		base := strings.ToLower(path.Base(d.Location.Path))
		switch {
		case project.HasNameWord(base, "dev", "local", "e2e", "ci", "test", "tests", "macos", "windows"):
			return 2
		case base == "requirements.txt", project.HasNameWord(base, "prod", "production", "base", "main"):
			return 0
		}
		return 1
	}
	slices.SortStableFunc(ds, func(a, b analysis.Diagnostic) int {
		if c := cmp.Compare(rank(a), rank(b)); c != 0 {
			return c
		}
		if c := cmp.Compare(len(a.Location.Path), len(b.Location.Path)); c != 0 {
			return c
		}
		return cmp.Compare(a.Location.Path, b.Location.Path)
	})
	d := ds[0]
	var others []string
	for _, o := range ds[1:] {
		others = append(others, fmt.Sprintf("%s:%d", o.Location.Path, o.Location.Line))
	}
	if len(others) > 0 {
		d.Message += "; the same version is pinned at " + strings.Join(others, ", ")
	}
	return d
}

func djangoDiagnostic(p deps.Package, what string, r deps.Release) analysis.Diagnostic {
	// The finding names only fixed dates, so that a report of the same tree
	// does not change as time passes.
	return analysis.Diagnostic{
		Location: location(p.Location),
		Message: fmt.Sprintf("%s is past its end of support: Django %s security fixes ended %s",
			what, r.Name(), r.EndString()),
		Properties: map[string]any{
			"release": r.Name(), "end_of_support": r.End.Format("2006-01-02"), "eol_data_checked": deps.EOLChecked.Format("2006-01-02"),
		},
	}
}
