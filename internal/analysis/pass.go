package analysis

import (
	"fmt"
	"time"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// Diagnostic is what a rule reports. Only Location and Message are required;
// the rest falls back to the rule's own values.
type Diagnostic struct {
	Location report.Location
	Message  string
	// Fix overrides the rule's Doc.Fix when the finding calls for a more
	// precise remedy ("upgrade Django to 4.2.16").
	Fix        string
	Severity   report.Severity   // zero: the rule's severity
	Confidence report.Confidence // zero: the rule's confidence
	// Snippet identifies the finding for its fingerprint. Zero: the source
	// line at Location, which is right for nearly every rule.
	Snippet    string
	Settings   string // the settings module a settings finding belongs to
	Flow       []report.Step
	Properties map[string]any
	// Covers lists other lines of the same file that the finding speaks
	// for (one literal given to several services, reported once): the
	// rules it supersedes are dropped there as at its own line.
	Covers []int
}

// Pass is a rule's view of one run: its inputs and its one output. Drivers
// make passes with Run.Pass.
type Pass struct {
	Rule    *Rule
	Project *project.Project
	// File is the file a PerFile rule runs on; nil for other scopes.
	File *project.File
	// Now is the run's date (RunOptions.Now, else the clock): rules that
	// read dated tables (end-of-life releases) use it, so tests give the
	// same answer every day.
	Now time.Time

	// Weigh, when a rule's Run sets it, adjusts every diagnostic the
	// pass reports before it is recorded: what holds for all the
	// findings of a file (a template nothing renders) is said once.
	Weigh func(*Diagnostic)

	run     *Run
	targets map[any]any // see Target
}

// Report records a finding.
func (p *Pass) Report(d Diagnostic) {
	if p.Weigh != nil {
		p.Weigh(&d)
	}
	p.run.report(p.Rule, d)
}

// Reportf records a finding at loc with a formatted message.
func (p *Pass) Reportf(loc report.Location, format string, args ...any) {
	p.Report(Diagnostic{Location: loc, Message: fmt.Sprintf(format, args...)})
}

// At returns the location of line and column in the pass's file.
func (p *Pass) At(line, col int) report.Location {
	return report.Location{Path: p.File.Path, Line: line, Column: col}
}

// Problem records that part of the input could not be analysed (an
// unparseable file). The scan goes on; the report lists each problem once.
func (p *Pass) Problem(loc report.Location, format string, args ...any) {
	p.run.Problem(report.Problem{Location: loc, Message: fmt.Sprintf(format, args...)})
}

// Note records a message for the user about the run as a whole ("no
// vulnerability database; run djsec db update"). Equal notes are shown once.
func (p *Pass) Note(format string, args ...any) { p.run.Note(fmt.Sprintf(format, args...)) }
