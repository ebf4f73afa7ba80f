package deps

import (
	"fmt"

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
			"runtime.txt, .python-version, a Dockerfile FROM python:X.Y, Pipfile and Pipfile.lock, " +
			"pyproject.toml's requires-python and Poetry's python dependency. A range is reported " +
			"only when every release it admits is past its end of life (requires-python = " +
			"\"~=3.8.0\"); \">=3.8\" also admits supported releases and is left alone. The dates " +
			"are embedded, from python.org's release status page.",
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
	for _, py := range inventory(pass).Pythons {
		r, ok := eolOf(deps.PythonReleases, py.Specifier, pass.Now)
		if !ok {
			continue
		}
		pass.Report(analysis.Diagnostic{
			Location: location(py.Location),
			Message: fmt.Sprintf("Python %s (%s) is past its end of life: security fixes ended %s",
				r.Name(), py.Source, r.EndString()),
			Properties: map[string]any{
				"release": r.Name(), "end_of_life": r.End.Format("2006-01-02"), "eol_data_checked": deps.EOLChecked.Format("2006-01-02"),
			},
		})
	}
}
