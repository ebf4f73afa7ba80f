package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// badRule reports every occurrence of BAD, in any text file.
var badRule = &Rule{
	ID: "DJX900", Name: "bad-word", Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{1}, Checklist: []int{4}, Scope: PerFile, Files: project.Text,
	Doc: Doc{Title: "t", What: "w", Why: "y", Bad: "b", Good: "g", Fix: "Remove BAD."},
	Run: func(p *Pass) {
		data, _ := p.File.Content()
		for n, line := range strings.Split(string(data), "\n") {
			n++
			if i := strings.Index(line, "BAD"); i >= 0 && !strings.HasSuffix(p.File.Path, ".md") {
				p.Reportf(p.At(n, i+1), "BAD here")
			}
		}
	},
}

func scanDir(t *testing.T, opts Options) *Result {
	t.Helper()
	if opts.Rules == nil {
		opts.Rules = []*Rule{badRule, RuleUnusedSuppression, RuleSuppressionNoReason}
	}
	res, err := Scan(opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

type seen struct {
	rule string
	loc  string
}

func summarize(fs []report.Finding) []seen {
	var out []seen
	for _, f := range fs {
		out = append(out, seen{f.Rule, f.Location.String()})
	}
	return out
}

func TestSuppressions(t *testing.T) {
	res := scanDir(t, Options{Root: "testdata/suppress"})
	got := summarize(res.Findings)
	want := []seen{
		{"DJX900", "app.py:2:5"},
		{"DJX002", "app.py:3:10"}, // no reason: the finding is silenced, the comment reported
		{"DJX001", "app.py:4:8"},  // silences nothing
		{"DJX900", "app.py:5:5"},
		{"DJX001", "app.py:5:10"}, // names another rule
	}
	if !equalSeen(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	if res.Suppressed != 4 {
		t.Errorf("suppressed: got %d, want 4", res.Suppressed)
	}
}

func equalSeen(a, b []seen) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestConfigIgnoreExpires(t *testing.T) {
	until := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	ig := []Ignore{{Rule: "DJX900", Path: "app.py", Reason: "r", Until: until}}
	before := scanDir(t, Options{Root: "testdata/suppress", Ignores: ig, Now: until.AddDate(0, 0, -1), Rules: []*Rule{badRule}})
	after := scanDir(t, Options{Root: "testdata/suppress", Ignores: ig, Now: until.AddDate(0, 0, 1), Rules: []*Rule{badRule}})
	if got, want := len(after.Findings)-len(before.Findings), 2; got != want {
		t.Errorf("findings that come back after expiry: got %d, want %d", got, want)
	}
}

func TestBaselineSurvivesMovedLines(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) {
		if err := os.WriteFile(filepath.Join(dir, "a.py"), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a = BAD\nb = BAD\n")
	first := scanDir(t, Options{Root: dir, Rules: []*Rule{badRule}})
	base := map[string]bool{}
	for _, f := range first.Findings {
		base[f.Fingerprint] = true
	}
	write("import os\n\n\na = BAD\nb = BAD\nc = BAD\n")
	second := scanDir(t, Options{Root: dir, Rules: []*Rule{badRule}, Baseline: base})
	if got := summarize(second.Findings); len(got) != 1 || got[0].loc != "a.py:6:5" {
		t.Errorf("got %v, want only the new finding at a.py:6:5", got)
	}
}

func TestRulePanicBecomesProblem(t *testing.T) {
	boom := *badRule
	boom.Run = func(p *Pass) { panic("boom") }
	res := scanDir(t, Options{Root: "testdata/suppress", Rules: []*Rule{&boom}})
	if len(res.Problems) == 0 || !strings.Contains(res.Problems[0].Message, "internal error in rule DJX900: boom") {
		t.Errorf("got problems %v, want the panic reported", res.Problems)
	}
}

func TestSupersedes(t *testing.T) {
	specific := *badRule
	specific.ID, specific.Name, specific.Supersedes = "DJX901", "bad-word-specific", []string{"DJX900"}
	specific.Run = func(p *Pass) {
		if p.File.Path == "app.py" {
			p.Reportf(p.At(2, 1), "the same BAD, with context")
		}
	}
	res := scanDir(t, Options{Root: "testdata/suppress", Rules: []*Rule{badRule, &specific}})
	for _, f := range res.Findings {
		if f.Location.Path == "app.py" && f.Location.Line == 2 && f.Rule == "DJX900" {
			t.Errorf("DJX900 at app.py:2 should give way to DJX901")
		}
	}
	want := []seen{{"DJX901", "app.py:2:1"}, {"DJX900", "app.py:5:5"}} // lines 1 and 3 are suppressed inline
	if got := summarize(res.Findings); !equalSeen(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestSupersedesCoveredLines checks that a finding that speaks for other
// lines of its file (Diagnostic.Covers) drops the superseded rule's
// findings there too.
func TestSupersedesCoveredLines(t *testing.T) {
	specific := *badRule
	specific.ID, specific.Name, specific.Supersedes = "DJX901", "bad-word-specific", []string{"DJX900"}
	specific.Run = func(p *Pass) {
		if p.File.Path == "app.py" {
			p.Report(Diagnostic{Location: p.At(2, 1), Message: "the same BAD, given twice", Covers: []int{5}})
		}
	}
	res := scanDir(t, Options{Root: "testdata/suppress", Rules: []*Rule{badRule, &specific}})
	want := []seen{{"DJX901", "app.py:2:1"}}
	if got := summarize(res.Findings); !equalSeen(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestHasDirective(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"", false},
		{"djsec:", true},
		{"jsec:", false},
		{"x = 1  # djsec: ignore[DJC201] ok", true},
		{"django jj djsec djsec:", true},
		{"django jj djsec", false},
		{"djsec", false},
		{"dj", false},
		{"j", false},
		{"DJSEC:", false},
	} {
		if got := hasDirective([]byte(tc.in)); got != tc.want {
			t.Errorf("hasDirective(%q): got %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestSuppressionsWithoutBuiltins checks that comments silence findings
// when DJX001 and DJX002 are off, and suppressions are only read from the
// files that findings fall in.
func TestSuppressionsWithoutBuiltins(t *testing.T) {
	res := scanDir(t, Options{Root: "testdata/suppress", Rules: []*Rule{badRule}})
	got := summarize(res.Findings)
	want := []seen{
		{"DJX900", "app.py:2:5"},
		{"DJX900", "app.py:5:5"},
	}
	if !equalSeen(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	if res.Suppressed != 4 {
		t.Errorf("suppressed: got %d, want 4", res.Suppressed)
	}
}

// TestLeftOutInputs checks that a scan that leaves out findings in tests
// tells the project rules which files those are, and one that reports
// them does not.
func TestLeftOutInputs(t *testing.T) {
	for _, tc := range []struct {
		tests TestPolicy
		want  map[string]bool
	}{
		{TestsLeftOut, map[string]bool{"shop/tests/test_views.py": true, "shop/views.py": false}},
		{TestsLow, nil},
		{TestsAsIs, nil},
	} {
		var got map[string]bool
		probe := &Rule{
			ID: "DJX901", Name: "left-out-probe", Severity: report.Low, Confidence: report.LowConfidence,
			CWE: []int{1}, Checklist: []int{4}, Scope: PerProject,
			Doc: Doc{Title: "t", What: "w", Why: "y", Bad: "b", Good: "g", Fix: "f"},
			Run: func(p *Pass) {
				if out := p.Project.Inputs.LeftOut; out != nil {
					got = map[string]bool{}
					for _, rel := range []string{"shop/tests/test_views.py", "shop/views.py"} {
						got[rel] = out(rel)
					}
				}
			},
		}
		scanDir(t, Options{Root: t.TempDir(), Rules: []*Rule{probe}, Tests: tc.tests})
		if len(got) != len(tc.want) {
			t.Errorf("policy %d: got left out %v, want %v", tc.tests, got, tc.want)
			continue
		}
		for rel, w := range tc.want {
			if got[rel] != w {
				t.Errorf("policy %d: %s left out %v, want %v", tc.tests, rel, got[rel], w)
			}
		}
	}
}

// TestLinterMarksLower checks that a finding on a line Bandit or Ruff
// was told to pass over (# nosec, # noqa: S…) is lowered to low with the
// mark quoted, and that other noqa codes and the word nosec in code leave
// it as it was.
func TestLinterMarksLower(t *testing.T) {
	res := scanDir(t, Options{Root: "testdata/linter", Rules: []*Rule{badRule}})
	want := map[int]report.Severity{1: report.Low, 2: report.Low, 3: report.Low, 4: report.Medium, 5: report.Medium, 6: report.Medium}
	if len(res.Findings) != len(want) {
		t.Fatalf("got %d findings, want %d", len(res.Findings), len(want))
	}
	for _, f := range res.Findings {
		if f.Severity != want[f.Location.Line] {
			t.Errorf("line %d: %v, want %v (%s)", f.Location.Line, f.Severity, want[f.Location.Line], f.Message)
		}
		if f.Severity == report.Low && !strings.Contains(f.Message, "marked \"# ") {
			t.Errorf("line %d: the mark is not quoted: %s", f.Location.Line, f.Message)
		}
	}
}
