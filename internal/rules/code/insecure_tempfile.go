package code

import (
	"fmt"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
	"strings"
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
		What: "Reports calls of tempfile.mktemp (and os.tempnam/os.tmpnam) outside tests. mkstemp, NamedTemporaryFile, " +
			"TemporaryDirectory and mkdtemp are not reported. A name made in a folder of the application's own (dir= a " +
			"setting or a path of the project, not /tmp or tempfile.gettempdir()) is low: the other users of the " +
			"machine cannot write there.",
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
					if dir := ownDir(m, st); dir != "" {
						pass.Report(analysis.Diagnostic{
							Location: m.Location(st.Call),
							Severity: report.Low,
							Message: fmt.Sprintf("%s returns a file name another process can claim first; it is in %s, "+
								"a folder of the application's own, where only who can write there could", st.Q, dir),
						})
						continue
					}
					pass.Reportf(m.Location(st.Call), "%s returns a file name another process can claim first", st.Q)
				}
			}
		}
	},
}

// ownDir returns the dir= of a mktemp call, as written, when it is a
// folder of the application's own (settings.MEDIA_TMP, a path joined under
// the project): not the machine's shared /tmp, nor what gettempdir()
// returns. It returns "" otherwise.
func ownDir(m *taint.Module, st taint.Site) string {
	dir := st.Call.Arg(2, "dir")
	if dir == nil {
		return ""
	}
	if s, ok := constStr(dir); ok {
		if s == "" || strings.HasPrefix(s, "/tmp") || strings.HasPrefix(s, "/var/tmp") || strings.HasPrefix(s, "/dev/shm") {
			return ""
		}
		return m.Text(dir)
	}
	if c, ok := dir.(*python.Call); ok && lastName(m.QualName(c.Func)) == "gettempdir" {
		return ""
	}
	if _, ok := dir.(*python.Constant); ok {
		return "" // None: the default, the machine's
	}
	return m.Text(dir)
}
