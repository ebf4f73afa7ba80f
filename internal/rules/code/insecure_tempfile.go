package code

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

func init() { taint.IndexCallsNamed("mktemp", "tempnam", "tmpnam") }

// InsecureTempfile finds tempfile.mktemp.
var InsecureTempfile = &analysis.Rule{
	ID:         "DJC212",
	Name:       "insecure-temp-file",
	Severity:   report.Medium,
	Confidence: report.HighConfidence,
	CWE:        []int{377},
	Checklist:  []int{6},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "tempfile.mktemp makes a temporary file name that can be raced",
		What:  "Reports calls of tempfile.mktemp (and os.tempnam/os.tmpnam) outside tests. mkstemp, NamedTemporaryFile, TemporaryDirectory and mkdtemp are not reported.",
		Why: "mktemp returns a name without creating the file; another local user can create it (or a symlink " +
			"to a file the server may write) before the application opens it.",
		Bad:        "path = tempfile.mktemp(suffix=\".pdf\")\nwith open(path, \"wb\") as fh: ...",
		Good:       "with tempfile.NamedTemporaryFile(suffix=\".pdf\") as fh: ...",
		Fix:        "Use tempfile.NamedTemporaryFile, mkstemp or TemporaryDirectory, which create the file atomically.",
		References: []string{"https://docs.python.org/3/library/tempfile.html#tempfile.mktemp", "https://cwe.mitre.org/data/definitions/377.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		for _, m := range appModules(pass, prog) {
			for _, st := range m.Index().Calls {
				switch st.Q {
				case "tempfile.mktemp", "os.tempnam", "os.tmpnam":
					pass.Reportf(m.Location(st.Call), "%s returns a file name another process can claim first", st.Q)
				}
			}
		}
	},
}
