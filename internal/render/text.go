package render

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/djsec/djsec/internal/report"
)

// TextOptions shape the text report.
type TextOptions struct {
	Color bool // ANSI colours, for terminals
	// Quiet prints the findings and nothing else: no problems, notes,
	// grades, summary or checklist.
	Quiet bool
}

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
)

var severityColor = map[report.Severity]string{
	report.Critical: "\x1b[1;35m", report.High: "\x1b[1;31m", report.Medium: "\x1b[33m", report.Low: "\x1b[36m", report.Info: "\x1b[2m",
}

// WriteText writes the report for people: findings grouped by file (or URL),
// each with its fix, then problems, notes, a probe's grades and the summary,
// ending once with the checklist and what is left to a person.
func WriteText(w io.Writer, r *report.Report, opts TextOptions) error {
	tw := &textWriter{w: w, color: opts.Color}
	tw.findings(r.Findings)
	if opts.Quiet {
		return tw.err
	}
	tw.problems(r.Problems)
	tw.notes(r.Notes)
	tw.grades(r.Grades)
	tw.summary(r)
	return tw.err
}

type textWriter struct {
	w     io.Writer
	color bool
	err   error
}

func (t *textWriter) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}

func (t *textWriter) paint(code, s string) string {
	if !t.color || code == "" {
		return s
	}
	return code + s + ansiReset
}

func (t *textWriter) findings(fs []report.Finding) {
	group := "\x00"
	for _, f := range fs {
		where := f.Location.Path
		if f.Location.URL != "" {
			where = f.Location.URL
		}
		if where != group {
			if group != "\x00" {
				t.printf("\n")
			}
			t.printf("%s\n", t.paint(ansiBold, report.Printable(where)))
			group = where
		}
		t.finding(f)
	}
	if len(fs) > 0 {
		t.printf("\n")
	}
}

func (t *textWriter) finding(f report.Finding) {
	pos := ""
	if f.Location.Line > 0 {
		pos = fmt.Sprintf("%d:%d", f.Location.Line, max(f.Location.Column, 1))
	}
	sev := fmt.Sprintf("%-8s", f.Severity)
	t.printf("  %-7s %s %s %s %s\n", pos, t.paint(severityColor[f.Severity], sev), f.Rule, t.paint(ansiDim, f.Name), t.paint(ansiDim, facts(f)))
	t.printf("          %s\n", report.Printable(f.Message))
	if f.Settings != "" {
		t.printf("          settings: %s\n", report.Printable(f.Settings))
	}
	for i, st := range f.Flow {
		t.printf("          %s %s %s\n", t.paint(ansiDim, flowArrow(i)), report.Printable(st.Location.String()), report.Printable(st.Message))
	}
	t.printf("          %s %s\n", t.paint(ansiBold, "fix:"), report.Printable(f.Fix))
}

// facts says how sure the rule is and which weaknesses the finding is, so
// that a finding can be weighed and compared with other tools' output.
func facts(f report.Finding) string {
	parts := []string{f.Confidence.String() + " confidence"}
	for _, c := range f.CWE {
		parts = append(parts, fmt.Sprintf("CWE-%d", c))
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func flowArrow(i int) string {
	if i == 0 {
		return "from"
	}
	return "  ->"
}

func (t *textWriter) problems(ps []report.Problem) {
	if len(ps) == 0 {
		return
	}
	t.printf("%s\n", t.paint(ansiBold, "Not scanned"))
	for _, p := range ps {
		t.printf("  %s: %s\n", report.Printable(p.Location.String()), report.Printable(p.Message))
	}
	t.printf("\n")
}

func (t *textWriter) notes(ns []string) {
	for _, n := range ns {
		t.printf("note: %s\n", report.Printable(n))
	}
	if len(ns) > 0 {
		t.printf("\n")
	}
}

func (t *textWriter) summary(r *report.Report) {
	var parts []string
	for s := report.Critical; s >= report.Info; s-- {
		if n := r.Summary.BySeverity[s.String()]; n > 0 {
			parts = append(parts, t.paint(severityColor[s], fmt.Sprintf("%d %s", n, s)))
		}
	}
	counts := "no findings"
	if len(parts) > 0 {
		counts = fmt.Sprintf("%s (%s)", count(len(r.Findings), "finding"), strings.Join(parts, ", "))
	}
	if r.Summary.Files == 0 && strings.Contains(r.Target, "://") {
		t.printf("%s %s on %s", t.paint(ansiBold, "Summary:"), counts, report.Printable(r.Target))
	} else {
		t.printf("%s %s in %s", t.paint(ansiBold, "Summary:"), counts, count(r.Summary.Files, "file"))
	}
	if r.Summary.Suppressed > 0 {
		t.printf("; %d suppressed", r.Summary.Suppressed)
	}
	t.printf("\n")
	t.checklist(r.Summary.Checklist)
}

// checklist prints one line per section with findings, then what is left to
// a person, so that a clean report never reads as a complete audit.
func (t *textWriter) checklist(cl map[string]report.Section) {
	if len(cl) == 0 {
		return
	}
	keys := make([]int, 0, len(cl))
	for k := range cl {
		n, _ := strconv.Atoi(k)
		keys = append(keys, n)
	}
	sort.Ints(keys)
	t.printf("\nChecklist sections:\n")
	for _, k := range keys {
		s := cl[strconv.Itoa(k)]
		status := fmt.Sprintf("%d rules", s.Rules)
		switch s.Status {
		case "checked", "partial":
			if s.Rules == 1 {
				status = "1 rule"
			}
		case "not-run":
			status = "not run"
		case "manual":
			status = "needs a person"
		}
		line := fmt.Sprintf("  %2d %-36s %-15s %s", k, s.Title, status, findingsWord(s.Findings))
		t.printf("%s\n", strings.TrimRight(line, " "))
	}
	var manual []string
	for _, k := range keys {
		for _, m := range cl[strconv.Itoa(k)].Manual {
			manual = append(manual, fmt.Sprintf("  %2d %s", k, m))
		}
	}
	if len(manual) > 0 {
		t.printf("\nLeft to a person (djsec cannot see these):\n%s\n", strings.Join(manual, "\n"))
	}
}

func findingsWord(n int) string {
	if n == 0 {
		return ""
	}
	return count(n, "finding")
}

// count says "1 finding", "2 findings".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// grades gives a probe's letter grades, each explained, before the summary.
func (t *textWriter) grades(gs []report.Grade) {
	for _, g := range gs {
		score := ""
		if g.Score != nil {
			score = fmt.Sprintf(" (score %d)", *g.Score)
		}
		t.printf("%s %s%s  %s\n", t.paint(ansiBold, fmt.Sprintf("Grade %s:", g.Name)), t.paint(ansiBold, g.Grade), score, t.paint(ansiDim, g.Method))
		for _, r := range g.Reasons {
			t.printf("  %s\n", report.Printable(r))
		}
	}
	if len(gs) > 0 {
		t.printf("\n")
	}
}
