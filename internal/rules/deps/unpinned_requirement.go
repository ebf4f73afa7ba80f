package deps

import (
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// UnpinnedRequirement reports requirements whose installed version nothing
// in the project fixes.
var UnpinnedRequirement = &analysis.Rule{
	ID:         "DJD102",
	Name:       "unpinned-requirement",
	Severity:   report.Low,
	Confidence: report.HighConfidence,
	CWE:        []int{1357},
	Checklist:  []int{11},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A requirement does not pin one version",
		What: "Reports entries of requirements files, pyproject.toml and Pipfile that allow more than one " +
			"version (>=, ~=, ==X.*, no version at all) when no lock file in the same folder " +
			"(Pipfile.lock, poetry.lock, uv.lock, pdm.lock, pylock.toml) lists the package and no " +
			"constraints file pins it. Direct references (VCS, paths, URLs) and constraints files " +
			"are left alone.",
		Why: "An unpinned dependency installs whatever release is newest on the day of the build: " +
			"builds stop being reproducible, an audit of today's versions says nothing about " +
			"tomorrow's deploy, and a compromised or broken release goes straight to production.",
		Bad:  "django>=4.2",
		Good: "django==4.2.16  # or keep the range and commit a lock file",
		Fix:  "Pin the exact version with ==, or commit a lock file (uv lock, poetry lock, pip-compile) and install from it.",
		References: []string{
			"https://pip.pypa.io/en/stable/topics/repeatable-installs/",
			"https://packaging.python.org/en/latest/specifications/pylock-toml/",
		},
	},
	Run: runUnpinnedRequirement,
}

func runUnpinnedRequirement(pass *analysis.Pass) {
	for _, p := range ranged(inventory(pass)) {
		what := p.Name + p.Specifier
		if p.Specifier == "" {
			what = p.Name + " (no version)"
		}
		pass.Report(analysis.Diagnostic{
			Location: location(p.Location),
			Message:  fmt.Sprintf("%s is not pinned to one version and no lock file fixes it", what),
		})
	}
}
