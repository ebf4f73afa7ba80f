package analysis

import (
	"fmt"
	"maps"
	"runtime/debug"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// RunOptions configure the part of a driver's run that every driver shares.
type RunOptions struct {
	// Severity overrides rule severities by rule id (from .djsec.toml).
	Severity map[string]report.Severity
	// Now is the date rules judge by (Pass.Now); zero means the clock.
	Now time.Time
	// Identity says what a finding is about, besides its rule: the driver's
	// half of its fingerprint (see Fingerprints). Nil means ByPlace.
	Identity Identity
}

// Run is one run of rules by a driver: the scan over a project tree, the
// probe over a live site, the guard over its configuration and traffic. It
// is the one way from what a rule reports to a finding, so that every
// driver fills a finding's blanks from its rule, recovers from a rule's
// panic, collects problems and notes once each, fingerprints and sorts
// alike. A driver makes a Pass per rule (and file) with Pass, calls the
// rule with Call, and takes the outcome with Findings, Problems and Notes.
// Every method is safe for concurrent use.
type Run struct {
	opts RunOptions

	mu       sync.Mutex
	raw      []raw
	problems map[string]report.Problem
	notes    map[string]bool
	targets  map[any]any
}

// raw is a diagnostic with the rule that reported it.
type raw struct {
	rule *Rule
	d    Diagnostic
}

// NewRun starts a run.
func NewRun(opts RunOptions) *Run {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.Identity == nil {
		opts.Identity = ByPlace(nil)
	}
	return &Run{opts: opts, problems: map[string]report.Problem{}, notes: map[string]bool{}, targets: map[any]any{}}
}

// Now is the date the run judges by.
func (r *Run) Now() time.Time { return r.opts.Now }

// Pass makes rule's view of the run: the project (nil for drivers without
// one), the file of a PerFile rule (else nil), the targets set with
// Target.Set, and outputs that feed this run.
func (r *Run) Pass(rule *Rule, proj *project.Project, f *project.File) *Pass {
	r.mu.Lock()
	targets := r.targets
	r.mu.Unlock()
	return &Pass{Rule: rule, Project: proj, File: f, Now: r.opts.Now, run: r, targets: targets}
}

// Call runs the pass's rule. A panic in the rule becomes a problem of the
// run: one broken rule must not lose the rest of it.
func (r *Run) Call(p *Pass) {
	defer func() {
		if e := recover(); e != nil {
			loc, who := report.Location{}, "please report this"
			if p.File != nil {
				loc.Path, who = p.File.Path, "please report this with the file"
			}
			r.Problem(report.Problem{Location: loc, Message: fmt.Sprintf("internal error in rule %s: %v (%s; stack: %s)", p.Rule.ID, e, who, firstFrames(debug.Stack()))})
		}
	}()
	p.Rule.Run(p)
}

func (r *Run) report(rule *Rule, d Diagnostic) {
	r.mu.Lock()
	r.raw = append(r.raw, raw{rule, d})
	r.mu.Unlock()
}

// Problem records that part of the target could not be looked at, once
// however many rules meet it.
func (r *Run) Problem(p report.Problem) {
	key := p.Location.String() + "\x00" + p.Message
	r.mu.Lock()
	r.problems[key] = p
	r.mu.Unlock()
}

// Note records a message about the run as a whole, once.
func (r *Run) Note(n string) {
	r.mu.Lock()
	r.notes[n] = true
	r.mu.Unlock()
}

// Findings turns what the rules reported into findings: each diagnostic's
// blanks filled from its rule and the severity overrides applied, those a
// more specific rule superseded at the same place dropped, one kept of
// those a rule reported twice at one place with one message, sorted and
// fingerprinted. Call it once the rules are done.
func (r *Run) Findings() []report.Finding {
	r.mu.Lock()
	in := dropSuperseded(r.raw)
	r.mu.Unlock()
	fs := make([]report.Finding, len(in))
	for i, rw := range in {
		fs[i] = r.finding(rw)
	}
	fs = dropDuplicates(fs)
	SortFindings(fs) // the rank of identical findings is their order in the report
	r.fingerprint(fs)
	return fs
}

// Fingerprints gives findings that the driver made itself (not reported
// through a Pass) their fingerprints, as Findings does.
func (r *Run) Fingerprints(fs []report.Finding) { r.fingerprint(fs) }

// Result is the run's outcome, for NewReport: its findings, problems and
// notes. Drivers that do more (Scan's suppressions) build their own.
func (r *Run) Result() *Result {
	return &Result{Findings: r.Findings(), Problems: r.Problems(), Notes: r.Notes()}
}

// Problems returns the problems in a stable order.
func (r *Run) Problems() []report.Problem {
	r.mu.Lock()
	out := slices.Collect(maps.Values(r.problems))
	r.mu.Unlock()
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Location, out[j].Location
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if out[i].Message != out[j].Message {
			return out[i].Message < out[j].Message
		}
		return a.String() < b.String()
	})
	return out
}

// Notes returns the notes, sorted.
func (r *Run) Notes() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Sorted(maps.Keys(r.notes))
}

// finding fills a diagnostic's blanks from its rule.
func (r *Run) finding(rw raw) report.Finding {
	rl, d := rw.rule, rw.d
	f := report.Finding{
		Rule: rl.ID, Name: rl.Name,
		Severity: rl.Severity, Confidence: rl.Confidence,
		Message: d.Message, Location: d.Location,
		CWE: rl.CWE, Checklist: rl.Checklist,
		Fix: rl.Doc.Fix, Settings: d.Settings, Flow: d.Flow, Properties: d.Properties,
	}
	if d.Fix != "" {
		f.Fix = d.Fix
	}
	if d.Severity != report.SeverityUnset {
		f.Severity = d.Severity
	}
	if d.Confidence != report.ConfidenceUnset {
		f.Confidence = d.Confidence
	}
	if sev, ok := r.opts.Severity[rl.ID]; ok {
		f.Severity = sev
	}
	if d.Snippet != "" {
		f.Fingerprint = snippetMark + d.Snippet // replaced by fingerprint
	}
	return f
}

// dropSuperseded removes diagnostics that a more specific rule also
// reported at the same place: file and line, or URL (see Rule.Supersedes).
func dropSuperseded(in []raw) []raw {
	type at struct {
		path, url string
		line      int
		rule      string
	}
	gone := map[at]bool{}
	for _, rw := range in {
		for _, id := range rw.rule.Supersedes {
			gone[at{rw.d.Location.Path, rw.d.Location.URL, rw.d.Location.Line, id}] = true
			for _, line := range rw.d.Covers {
				gone[at{rw.d.Location.Path, rw.d.Location.URL, line, id}] = true
			}
		}
	}
	out := make([]raw, 0, len(in))
	for _, rw := range in {
		if !gone[at{rw.d.Location.Path, rw.d.Location.URL, rw.d.Location.Line, rw.rule.ID}] {
			out = append(out, rw)
		}
	}
	return out
}

// SortFindings orders findings by path, URL, line, column, rule and
// message, so that reports are stable from run to run.
func SortFindings(fs []report.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Location.Path != b.Location.Path {
			return a.Location.Path < b.Location.Path
		}
		if a.Location.URL != b.Location.URL {
			return a.Location.URL < b.Location.URL
		}
		if a.Location.Line != b.Location.Line {
			return a.Location.Line < b.Location.Line
		}
		if a.Location.Column != b.Location.Column {
			return a.Location.Column < b.Location.Column
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

// dropDuplicates keeps one finding per rule, place and message: one rule
// reaching a line by two routes (a requirement listed in two dependency
// groups, a template rendered from two parents, a setting seen from two
// entry modules) must not make the user read the same finding twice. The
// most severe one stays. Two different problems a rule finds at one place
// (two middlewares missing from one MIDDLEWARE) differ in their message
// and both stay, as do findings whose snippets differ (two weak TLS
// versions at one URL); until fingerprinting, Fingerprint holds the snippet.
func dropDuplicates(in []report.Finding) []report.Finding {
	type key struct {
		rule, path, url, msg, snippet string
		line, col                     int
	}
	best := map[key]int{}
	out := in[:0]
	for _, f := range in {
		k := key{f.Rule, f.Location.Path, f.Location.URL, f.Message, f.Fingerprint, f.Location.Line, f.Location.Column}
		if i, ok := best[k]; ok {
			if f.Severity > out[i].Severity || f.Severity == out[i].Severity && f.Confidence > out[i].Confidence {
				out[i] = f
			}
			continue
		}
		best[k] = len(out)
		out = append(out, f)
	}
	return out
}
