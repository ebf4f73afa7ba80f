package deps

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/deps"
	"github.com/djsec/djsec/internal/report"
)

// PythonEndOfLife reports Python versions past their end of life.
var PythonEndOfLife = &analysis.Rule{
	ID:         "DJD202",
	Name:       "python-end-of-life",
	Severity:   report.High,
	Confidence: report.HighConfidence,
	CWE:        []int{1104},
	Checklist:  []int{1, 11},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Python version past its end of life",
		What: "Reports the Python a project runs on when its release line (3.8, 3.9, ...) no longer " +
			"receives security fixes, with the day support ended. The version comes from " +
			"runtime.txt, .python-version, Pipfile and Pipfile.lock (the lock only where its Pipfile does not say the same), " +
			"pyproject.toml's requires-python and Poetry's python dependency. A range is reported " +
			"only when every release it admits is past its end of life (requires-python = " +
			"\"~=3.8.0\"); \">=3.8\" also admits supported releases and is left alone. A .python-version is low " +
			"when a Dockerfile in its folder or below builds the image on a Python (a supported one, or one DJI304 reports there): it only picks the " +
			"interpreter of developers' machines; so is a line after its first, an interpreter pyenv offers beside the default (for tox). The files of one folder that name one release are one finding, at runtime.txt " +
			"first, then Pipfile or pyproject.toml, then .python-version, naming the others. The dates " +
			"are embedded, from python.org's release status page. A Dockerfile's FROM python:X.Y (or python:${ARG}, whose " +
			"ARG names the version) is DJI304's.",
		Why: "An interpreter past its end of life gets no fixes for vulnerabilities in the " +
			"interpreter and its standard library (ssl, http, email, xml parsers), and new releases " +
			"of Django and other libraries stop supporting it, freezing them too.",
		Bad:  "python-3.8.10  # runtime.txt",
		Good: "python-3.12.7",
		Fix:  "Move the project to a supported Python release (https://devguide.python.org/versions/) and update every place that names the version.",
		References: []string{
			"https://devguide.python.org/versions/",
			"https://www.python.org/downloads/",
		},
	},
	Run: runPythonEndOfLife,
}

func runPythonEndOfLife(pass *analysis.Pass) {
	pys := inventory(pass).Pythons
	// The files of one folder that name one release (runtime.txt and
	// .python-version) are one finding, at the one that decides most
	// (pythonSourceRank), naming the others: they change together.
	var order []string
	byRelease := map[string][]analysis.Diagnostic{}
	group := func(d analysis.Diagnostic, release string) {
		k := release + "\x00" + path.Dir(d.Location.Path) + "\x00" + fmt.Sprint(d.Severity)
		if byRelease[k] == nil {
			order = append(order, k)
		}
		byRelease[k] = append(byRelease[k], d)
	}
	for _, py := range pys {
		if py.Source == "Dockerfile" {
			continue // DJI304 reports FROM python:X.Y on its line (ARGs put in), with the image's fix
		}
		r, ok := eolOf(deps.PythonReleases, py.Specifier, pass.Now)
		if !ok {
			continue
		}
		if py.Source == "Pipfile.lock" && pipfileSays(pys, path.Dir(py.Location.Path), r, pass.Now) {
			continue // the lock repeats its Pipfile, reported at the Pipfile
		}
		d := analysis.Diagnostic{
			Location: location(py.Location),
			Message: fmt.Sprintf("Python %s (%s) is past its end of life: security fixes ended %s",
				r.Name(), py.Source, r.EndString()),
			Properties: map[string]any{
				"release": r.Name(), "end_of_life": r.End.Format("2006-01-02"), "eol_data_checked": deps.EOLChecked.Format("2006-01-02"),
			},
		}
		// pyenv's file picks the interpreter on developers' machines; the
		// image the application ships in says what runs it.
		if py.Source == ".python-version" {
			pyenvNote(&d, py, pys, pass.Now)
		}
		group(d, r.Name())
	}
	for _, k := range order {
		ds := byRelease[k]
		slices.SortStableFunc(ds, func(a, b analysis.Diagnostic) int {
			return cmp.Compare(pythonSourceRank(path.Base(a.Location.Path)), pythonSourceRank(path.Base(b.Location.Path)))
		})
		d := ds[0]
		var others []string
		for _, o := range ds[1:] {
			others = append(others, fmt.Sprintf("%s:%d", o.Location.Path, o.Location.Line))
		}
		if len(others) > 0 {
			d.Message += "; the same release is named at " + strings.Join(others, ", ")
		}
		pass.Report(d)
	}
}

// pythonSourceRank orders the files that name a Python: what a platform
// runs first (runtime.txt), then the environments' files, then
// pyenv's, which only picks developers' interpreters.
func pythonSourceRank(base string) int {
	switch base {
	case "runtime.txt":
		return 0
	case "Pipfile", "Pipfile.lock", "pyproject.toml":
		return 1
	case ".python-version":
		return 3
	}
	return 2
}

// pipfileSays reports a Pipfile in folder dir whose Python is release r,
// out of support too: the Pipfile.lock beside it only repeats it.
func pipfileSays(pys []deps.PythonVersion, dir string, r deps.Release, now time.Time) bool {
	for _, py := range pys {
		if py.Source != "Pipfile" || path.Dir(py.Location.Path) != dir {
			continue
		}
		if pr, ok := eolOf(deps.PythonReleases, py.Specifier, now); ok && pr.Name() == r.Name() {
			return true
		}
	}
	return false
}

// pyenvNote makes the finding d on a line of a .python-version low when
// something else says what runs the application: a Dockerfile in its
// folder or below that builds the image on a Python (a supported one, or
// one DJI304 reports), or, for a line after the first, pyenv itself,
// which makes the first line's interpreter the default and only offers
// the others beside it (for tox and the like).
func pyenvNote(d *analysis.Diagnostic, py deps.PythonVersion, pys []deps.PythonVersion, now time.Time) {
	dir := path.Dir(py.Location.Path)
	if image, ok := imagePython(pys, dir, now, true); ok {
		d.Severity = report.Low
		d.Message += fmt.Sprintf("; the Dockerfile builds the application's image on a supported Python (%s:%d), so "+
			"this picks only the interpreter of developers' machines", image.Location.Path, image.Location.Line)
		return
	}
	if image, ok := imagePython(pys, dir, now, false); ok {
		r, _ := eolOf(deps.PythonReleases, image.Specifier, now) // out of support, or the call above had returned it
		d.Severity = report.Low
		d.Message += fmt.Sprintf("; the Dockerfile builds the application's image on Python %s (%s:%d, reported there), so "+
			"this picks only the interpreter of developers' machines", r.Name(), image.Location.Path, image.Location.Line)
		return
	}
	if py.Location.Line > 1 {
		d.Severity = report.Low
		d.Message += "; pyenv runs the interpreter of the file's first line, and only offers this one beside it (for tox and the like)"
	}
}

// imagePython returns the Python of the final stage of a Dockerfile in
// folder dir or below (its last FROM of a python image), when that Python
// is supported or supported is false.
func imagePython(pys []deps.PythonVersion, dir string, now time.Time, supported bool) (deps.PythonVersion, bool) {
	last := map[string]deps.PythonVersion{}
	var paths []string
	for _, py := range pys {
		if py.Source != "Dockerfile" || dir != "." && !strings.HasPrefix(py.Location.Path, dir+"/") {
			continue
		}
		prev, seen := last[py.Location.Path]
		if !seen {
			paths = append(paths, py.Location.Path)
		}
		if !seen || py.Location.Line > prev.Location.Line {
			last[py.Location.Path] = py
		}
	}
	for _, p := range paths {
		if _, eol := eolOf(deps.PythonReleases, last[p].Specifier, now); !eol || !supported {
			return last[p], true
		}
	}
	return deps.PythonVersion{}, false
}
