package pysrc

import (
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
)

// TestSyntaxErrorReportedOnce runs two rules that both read a Python 2 file:
// the scan reports the syntax error once, with its line, and both rules still
// see the statements around it.
func TestSyntaxErrorReportedOnce(t *testing.T) {
	var assigns [2]int
	mk := func(i int, id string) *analysis.Rule {
		return &analysis.Rule{ID: id, Name: "r" + id, Severity: report.Low, Confidence: report.HighConfidence,
			CWE: []int{1}, Checklist: []int{4}, Scope: analysis.PerFile, Files: project.Python,
			Run: func(p *analysis.Pass) {
				m := Module(p, p.File)
				python.Inspect(m, func(n python.Node) bool {
					if _, ok := n.(*python.Assign); ok {
						assigns[i]++
					}
					return true
				})
			}}
	}
	res, err := analysis.Scan(analysis.Options{Root: "testdata", Rules: []*analysis.Rule{mk(0, "DJC901"), mk(1, "DJC902")}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 {
		t.Fatalf("got %d problems, want 1: %+v", len(res.Problems), res.Problems)
	}
	p := res.Problems[0]
	if p.Location.Path != "py2.py" || p.Location.Line != 2 || !strings.Contains(p.Message, "not valid Python 3") {
		t.Errorf("got %+v, want a syntax error at py2.py:2", p)
	}
	if assigns[0] != 2 || assigns[1] != 2 {
		t.Errorf("assignments seen by the rules: got %v, want [2 2] (the partial tree)", assigns)
	}
}
