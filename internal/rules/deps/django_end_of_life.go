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
			"(docs/requirements.txt, requirements-docs.txt) or only installs what the tests run with (requirements-tests.txt) is low, as is any file in a project " +
			"template's folder whose name is still a placeholder ({{ cookiecutter.project_slug }}/requirements.txt). One " +
			"release line pinned in several files of one folder (a lock file per environment), or twice in one file (Pipfile.lock's default and develop sections), is one finding, at the shortest name, naming the others. " +
			"An old line in a lock file that also pins a supported Django (uv.lock resolving Django 4.2 for Python 3.9 and 5.2 for the rest) is low: it serves only the environments its markers name. So is an old pin in a file of a folder where the file named for production (production.txt, base.txt, requirements.txt) " +
			"pins a supported Django (requirements/django.txt for a tox environment beside production.txt). The dates are embedded, from djangoproject.com's release " +
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
	// Pins of one release line in several files of a folder (a lock file
	// per environment, generated from one .in), or twice in one lock file
	// (Pipfile.lock's default and develop sections), are one finding, at
	// the first, naming the others: they are upgraded together.
	var order []string
	byLine := map[string][]pin{}
	supported := map[string]bool{}  // files that also pin a supported Django
	prodPins := map[string]string{} // by folder, a file named for production that pins a supported Django
	for _, p := range installed(inv) {
		if p.Key() != "django" {
			continue
		}
		v, err := deps.ParseVersion(p.Version)
		if err != nil {
			continue // DJD101 reports the unreadable version
		}
		r, ok := deps.FindRelease(deps.DjangoReleases, v)
		if !ok || !r.EndOfLife(pass.Now) {
			supported[p.Location.Path] = true
			if dir := path.Dir(p.Location.Path); pinRank(p.Location.Path) == 0 && prodPins[dir] == "" {
				prodPins[dir] = fmt.Sprintf("%s:%d pins Django %s", p.Location.Path, p.Location.Line, p.Version)
			}
			continue
		}
		d := forDocs(djangoDiagnostic(p, "Django "+p.Version, r), p)
		k := r.Name() + "\x00" + path.Dir(d.Location.Path) + "\x00" + fmt.Sprint(d.Severity)
		if byLine[k] == nil {
			order = append(order, k)
		}
		byLine[k] = append(byLine[k], pin{d, p.Version})
	}
	for _, k := range order {
		d := oneOfPins(byLine[k])
		if supported[d.Location.Path] {
			// uv.lock resolving Django 4.2 for Python 3.9 beside 5.2 for
			// the rest: the old line serves only the environments its
			// markers name, which the project keeps for compatibility.
			d.Severity = report.Low
			d.Message += "; the same file also pins a supported Django, for the other environments it resolves"
		} else if prod := prodPins[path.Dir(d.Location.Path)]; prod != "" && pinRank(d.Location.Path) > 0 {
			// requirements/django.txt for a tox environment beside
			// requirements/production.txt, which deploys a supported
			// Django: the old pin installs another environment
			d.Severity = report.Low
			d.Message += "; " + prod + ", supported, in the file named for production: this one installs another environment (a tox or local target)"
		}
		pass.Report(d)
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

// pinRank orders the files that pin Django by how likely they install
// the site: 0 for requirements.txt and names of production (prod,
// production, base, main), 2 for names of development and tests, 1 for
// the rest.
func pinRank(rel string) int {
	base := strings.ToLower(path.Base(rel))
	switch {
	case project.HasNameWord(base, "dev", "local", "e2e", "ci", "test", "tests", "macos", "windows"):
		return 2
	case base == "requirements.txt", project.HasNameWord(base, "prod", "production", "base", "main"):
		return 0
	}
	return 1
}

// pin is a finding on one pinned version.
type pin struct {
	d       analysis.Diagnostic
	version string
}

// oneOfPins returns the finding of the file that installs the site among
// those of one release line (production.txt before dev.txt, then the
// shortest name, then the first in the file), naming the others.
func oneOfPins(ps []pin) analysis.Diagnostic {
	slices.SortStableFunc(ps, func(a, b pin) int {
		if c := cmp.Compare(pinRank(a.d.Location.Path), pinRank(b.d.Location.Path)); c != 0 {
			return c
		}
		if c := cmp.Compare(len(a.d.Location.Path), len(b.d.Location.Path)); c != 0 {
			return c
		}
		return cmp.Compare(a.d.Location.Path, b.d.Location.Path)
	})
	d := ps[0].d
	var same, other []string
	for _, o := range ps[1:] {
		at := fmt.Sprintf("%s:%d", o.d.Location.Path, o.d.Location.Line)
		if o.version == ps[0].version {
			same = append(same, at)
		} else {
			other = append(other, "Django "+o.version+" at "+at)
		}
	}
	if len(same) > 0 {
		d.Message += "; the same version is pinned at " + strings.Join(same, ", ")
	}
	if len(other) > 0 {
		d.Message += "; the same release line is also pinned as " + strings.Join(other, ", ")
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
