package analysis

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/djsec/djsec/internal/checklist"
	"github.com/djsec/djsec/internal/report"
)

// NewReport shapes a scan result into the report contract. ran are the
// rules that ran, all every rule djsec has: the checklist summary counts the
// first per section and uses the second to tell a section that another djsec
// command checks from one that only a person can.
func NewReport(target, version string, ran, all []*Rule, res *Result) *report.Report {
	r := &report.Report{
		Schema:   report.Schema,
		Tool:     report.Tool{Name: "djsec", Version: version},
		Target:   target,
		Findings: res.Findings,
		Problems: res.Problems,
		Notes:    res.Notes,
		Summary: report.Summary{
			Files:      res.Files,
			BySeverity: map[string]int{},
			Checklist:  ChecklistSummary(ran, all, res.Findings),
			Suppressed: res.Suppressed,
		},
	}
	for _, f := range res.Findings {
		r.Summary.BySeverity[f.Severity.String()]++
	}
	return r
}

// ChecklistSummary says, for each of the twenty sections, how many rules
// checked it, how many findings it has and what only a person can check.
func ChecklistSummary(ran, all []*Rule, findings []report.Finding) map[string]report.Section {
	out := map[string]report.Section{}
	for _, sec := range checklist.Sections {
		s := report.Section{Title: sec.Title, Manual: sec.Manual}
		s.Rules = countCovering(ran, sec.Number)
		for _, f := range findings {
			if slices.Contains(f.Checklist, sec.Number) {
				s.Findings++
			}
		}
		switch {
		case s.Rules == 0 && countCovering(all, sec.Number) > 0:
			s.Status = "not-run" // the other command checks it, or its rules were left out
		case s.Rules == 0:
			s.Status = "manual"
		case len(s.Manual) > 0:
			s.Status = "partial"
		default:
			s.Status = "checked"
		}
		out[strconv.Itoa(sec.Number)] = s
	}
	return out
}

// countCovering counts the rules that check a section.
func countCovering(rules []*Rule, section int) int {
	n := 0
	for _, r := range rules {
		if r.Scope != Builtin && slices.Contains(r.Checklist, section) {
			n++
		}
	}
	return n
}

// Info describes the rule for output formats.
func (r *Rule) Info() report.RuleInfo {
	return report.RuleInfo{
		ID: r.ID, Name: r.Name, Title: r.Doc.Title, Help: r.Markdown(), HelpURI: r.HelpURI(),
		Severity: r.Severity, Confidence: r.Confidence, CWE: r.CWE, Checklist: r.Checklist,
	}
}

// Markdown renders the rule's documentation; `docs/rules/` and SARIF help
// come from it.
func (r *Rule) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s %s: %s\n\n", r.ID, r.Name, r.Doc.Title)
	fmt.Fprintf(&b, "Severity: %s. Confidence: %s. CWE: %s. Checklist: %s.\n\n",
		r.Severity, r.Confidence, joinInts(r.CWE, "CWE-"), joinInts(r.Checklist, "§"))
	fmt.Fprintf(&b, "## What it finds\n\n%s\n\n## Why it matters\n\n%s\n\n", r.Doc.What, r.Doc.Why)
	fmt.Fprintf(&b, "## Reported\n\n```\n%s\n```\n\n## Fixed\n\n```\n%s\n```\n\n", strings.TrimRight(r.Doc.Bad, "\n"), strings.TrimRight(r.Doc.Good, "\n"))
	fmt.Fprintf(&b, "## How to fix\n\n%s\n", r.Doc.Fix)
	if len(r.Doc.References) > 0 {
		b.WriteString("\n## References\n\n")
		for _, ref := range r.Doc.References {
			fmt.Fprintf(&b, "- %s\n", ref)
		}
	}
	return b.String()
}

func joinInts(xs []int, prefix string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = prefix + strconv.Itoa(x)
	}
	return strings.Join(parts, ", ")
}
