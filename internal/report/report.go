// Package report holds the Finding model that every djsec driver produces:
// Finding, Location, Severity, Confidence, Problem, Summary and Report, and
// RuleInfo, what an output format needs to know about a rule.
//
// It is only the model: it renders nothing and imports no djsec package, so
// every rule package can import it. The renderers (text, JSON, SARIF, HTML)
// live in package render, which only the command line imports. The JSON
// form (schema djsec/report/v1) is the contract: text, SARIF and HTML are
// rendered from the same Report value, so a field that is missing from JSON
// cannot appear elsewhere.
package report

import (
	"fmt"
	"strings"
)

// Schema is the value of Report.Schema for this version of the contract.
const Schema = "djsec/report/v1"

// Severity ranks how bad a finding is. The zero value is invalid so that a
// rule that forgets to set one is caught by the registry test.
type Severity int

// Severities from least to most severe.
const (
	SeverityUnset Severity = iota
	Info
	Low
	Medium
	High
	Critical
)

var severityNames = [...]string{"", "info", "low", "medium", "high", "critical"}

func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads a severity name as written by users (any case).
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if n != "" && strings.EqualFold(s, n) {
			return Severity(i), nil
		}
	}
	return SeverityUnset, fmt.Errorf("unknown severity %q (want one of critical, high, medium, low, info)", s)
}

// MarshalText writes the severity's name, so JSON carries "high", not 4.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// Confidence says how sure a rule is that a finding is real.
type Confidence int

// Confidence levels from least to most sure.
const (
	ConfidenceUnset Confidence = iota
	LowConfidence
	MediumConfidence
	HighConfidence
)

var confidenceNames = [...]string{"", "low", "medium", "high"}

func (c Confidence) String() string {
	if c < 0 || int(c) >= len(confidenceNames) {
		return fmt.Sprintf("confidence(%d)", int(c))
	}
	return confidenceNames[c]
}

// MarshalText writes the confidence's name.
func (c Confidence) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads a confidence name.
func (c *Confidence) UnmarshalText(b []byte) error {
	for i, n := range confidenceNames {
		if n != "" && strings.EqualFold(string(b), n) {
			*c = Confidence(i)
			return nil
		}
	}
	return fmt.Errorf("unknown confidence %q", b)
}

// Location says where a finding is: a file position for scans, a URL for
// live checks. Lines and columns are 1-based; Path is relative to the scanned
// root with forward slashes.
type Location struct {
	Path      string `json:"path,omitempty"`
	Line      int    `json:"line,omitempty"`
	Column    int    `json:"column,omitempty"`
	EndLine   int    `json:"end_line,omitempty"`
	EndColumn int    `json:"end_column,omitempty"`
	URL       string `json:"url,omitempty"`
}

func (l Location) String() string {
	if l.URL != "" {
		return l.URL
	}
	switch {
	case l.Line == 0:
		return l.Path
	case l.Column == 0:
		return fmt.Sprintf("%s:%d", l.Path, l.Line)
	}
	return fmt.Sprintf("%s:%d:%d", l.Path, l.Line, l.Column)
}

// Step is one hop of the path that data took from a source to a sink, shown
// in text output and as a SARIF codeFlow.
type Step struct {
	Location Location `json:"location"`
	Message  string   `json:"message"`
}

// Finding is one problem found by one rule at one place.
type Finding struct {
	Rule        string     `json:"rule"`
	Name        string     `json:"name"`
	Severity    Severity   `json:"severity"`
	Confidence  Confidence `json:"confidence"`
	Message     string     `json:"message"`
	Location    Location   `json:"location"`
	CWE         []int      `json:"cwe"`
	Checklist   []int      `json:"checklist"`
	Fix         string     `json:"fix"`
	Fingerprint string     `json:"fingerprint"`
	// Settings names the settings module a settings finding belongs to
	// (for example "shop.settings.production").
	Settings string `json:"settings,omitempty"`
	// Flow is the source-to-sink path of a data-flow finding.
	Flow []Step `json:"flow,omitempty"`
	// Properties carries rule-specific facts (advisory ids, fixed versions)
	// for machines; the message already says them for people.
	Properties map[string]any `json:"properties,omitempty"`
}

// Problem is something that kept djsec from looking at part of the target:
// an unparseable file, an unreadable directory, a symlink loop. Problems are
// not findings: they say what was not checked.
type Problem struct {
	Location Location `json:"location"`
	Message  string   `json:"message"`
}

// Tool names the program that wrote a report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Section is the summary of one checklist section: what djsec checked and
// what is left to a person.
type Section struct {
	Title string `json:"title"`
	// Status is "checked" (rules of this run cover the whole section),
	// "partial" (rules cover it, and part of it needs a person), "not-run"
	// (djsec has rules for it, but none ran: they belong to the other
	// command, scan or probe, or were left out with --rule or disable) or
	// "manual" (only a person can check it).
	Status   string   `json:"status"`
	Rules    int      `json:"rules"`
	Findings int      `json:"findings"`
	Manual   []string `json:"manual,omitempty"`
}

// Summary counts what a scan looked at and found.
type Summary struct {
	Files      int                `json:"files"`
	BySeverity map[string]int     `json:"by_severity"`
	Checklist  map[string]Section `json:"checklist"`
	// Suppressed counts findings hidden by inline comments, configuration
	// ignores or a baseline, so that a quiet report is never mistaken for a
	// clean one.
	Suppressed int `json:"suppressed,omitempty"`
}

// Report is the whole result of one run.
type Report struct {
	Schema   string    `json:"schema"`
	Tool     Tool      `json:"tool"`
	Target   string    `json:"target"`
	Findings []Finding `json:"findings"`
	Problems []Problem `json:"problems,omitempty"`
	Notes    []string  `json:"notes,omitempty"`
	Summary  Summary   `json:"summary"`
	// Grades are the letter grades of a live probe (headers, TLS); scans
	// have none.
	Grades []Grade `json:"grades,omitempty"`
}

// Grade is a letter grade for one aspect of a live site, with the reasons
// that produced it, so that a grade is never a bare letter.
type Grade struct {
	Name    string   `json:"name"`            // "headers", "tls"
	Grade   string   `json:"grade"`           // "A+" ... "F", "T" (trust), "-" (not graded)
	Score   *int     `json:"score,omitempty"` // for scored grades (headers: 0-100+)
	Method  string   `json:"method"`          // how it was computed
	Reasons []string `json:"reasons"`         // each penalty, cap or bonus, in order
}

// Max returns the highest severity among the findings, or SeverityUnset.
func (r *Report) Max() Severity {
	m := SeverityUnset
	for _, f := range r.Findings {
		m = max(m, f.Severity)
	}
	return m
}
