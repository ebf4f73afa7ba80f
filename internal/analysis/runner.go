package analysis

import (
	"fmt"
	"maps"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// Options configure one scan.
type Options struct {
	Root   string  // directory (or file) to scan
	Rules  []*Rule // the enabled rules
	Walk   project.WalkOptions
	Inputs project.Inputs
	Jobs   int // parallel workers; 0 means GOMAXPROCS

	// Severity overrides rule severities by rule id (from .djsec.toml).
	Severity map[string]report.Severity
	// Ignores hide findings by rule and path until a date (from .djsec.toml).
	Ignores []Ignore
	// Baseline holds fingerprints of findings already known; they are not
	// reported again.
	Baseline map[string]bool
	// Now is the date against which Ignore.Until is checked; zero means now.
	Now time.Time
	// Progress, when set, is told how far the scan is: stage "files" or
	// "project rules", done of total. It is called from several goroutines.
	Progress func(stage string, done, total int)
}

// Result is what a scan found, before it is shaped into a report.
type Result struct {
	Files      int
	Findings   []report.Finding
	Problems   []report.Problem
	Notes      []string
	Suppressed int
}

// Scan walks opts.Root, runs every rule and returns the findings in a stable
// order. It fails only when the root cannot be read at all; everything else
// becomes a Problem in the result.
func Scan(opts Options) (*Result, error) {
	files, issues, err := project.Walk(opts.Root, opts.Walk)
	if err != nil {
		return nil, err
	}
	root := opts.Root
	if !isDir(root) {
		root = parentDir(root)
	}
	proj := project.New(absPath(root), files, opts.Inputs)
	s := newScan(opts, proj)
	for _, is := range issues {
		s.addProblem(report.Problem{Location: report.Location{Path: is.Path, Line: is.Line, Column: is.Column}, Message: is.Message})
	}
	s.runFileRules()
	s.runProjectRules()
	return s.finish(), nil
}

// scan is the state of one run: the collected diagnostics and problems.
type scan struct {
	opts Options
	proj *project.Project

	mu       sync.Mutex
	raw      []raw
	problems map[string]report.Problem
	notes    map[string]bool
	supps    []*suppression
	// allSupps says that every file's suppression comments are collected
	// as it is scanned, because a builtin rule reports on them (DJX001,
	// DJX002). Otherwise only the files that findings fall in need them,
	// and they are read once the findings are known: most files have
	// none, and searching all of them costs a pass over every byte.
	allSupps bool
}

// raw is a diagnostic with the rule that reported it.
type raw struct {
	rule *Rule
	d    Diagnostic
}

func newScan(opts Options, proj *project.Project) *scan {
	if opts.Jobs <= 0 {
		opts.Jobs = runtime.GOMAXPROCS(0)
	}
	s := &scan{opts: opts, proj: proj, problems: map[string]report.Problem{}, notes: map[string]bool{}}
	s.allSupps = s.enabled(RuleUnusedSuppression.ID) || s.enabled(RuleSuppressionNoReason.ID)
	return s
}

func (s *scan) pass(r *Rule, f *project.File) *Pass {
	p := NewPass(r, s.proj, f,
		func(d Diagnostic) { s.mu.Lock(); s.raw = append(s.raw, raw{r, d}); s.mu.Unlock() },
		s.addProblem,
		func(n string) { s.mu.Lock(); s.notes[n] = true; s.mu.Unlock() })
	p.Now = s.opts.Now
	if p.Now.IsZero() {
		p.Now = time.Now()
	}
	return p
}

// addProblem records a problem once, however many rules meet it.
func (s *scan) addProblem(p report.Problem) {
	key := p.Location.String() + "\x00" + p.Message
	s.mu.Lock()
	s.problems[key] = p
	s.mu.Unlock()
}

func (s *scan) runFileRules() {
	var perFile []*Rule
	for _, r := range s.opts.Rules {
		if r.Scope == PerFile {
			perFile = append(perFile, r)
		}
	}
	work := make(chan *project.File)
	var wg sync.WaitGroup
	var done atomic.Int64
	for range s.opts.Jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				s.file(f, perFile)
				if s.opts.Progress != nil {
					s.opts.Progress("files", int(done.Add(1)), len(s.proj.Files))
				}
			}
		}()
	}
	for _, f := range s.proj.Files {
		work <- f
	}
	close(work)
	wg.Wait()
}

// file runs the per-file rules on one file and collects its suppression
// comments. It drops the content afterwards unless project rules will want
// the file again (Python and templates), to keep memory flat on big trees.
func (s *scan) file(f *project.File, rules []*Rule) {
	if _, err := f.Content(); err != nil {
		s.addProblem(report.Problem{Location: report.Location{Path: f.Path}, Message: fmt.Sprintf("cannot read file: %v", err)})
		return
	}
	kind := f.Kind()
	if kind&project.Text == 0 {
		f.Release()
		return
	}
	if s.allSupps {
		if sup := findSuppressions(f); len(sup) > 0 {
			s.mu.Lock()
			s.supps = append(s.supps, sup...)
			s.mu.Unlock()
		}
	}
	for _, r := range rules {
		if r.Files&kind == r.Files {
			s.run(r, f)
		}
	}
	if kind&(project.Python|project.Template) == 0 {
		f.Release()
	}
}

// run calls one rule, turning a panic into a problem: one broken rule must not
// lose the rest of the scan.
func (s *scan) run(r *Rule, f *project.File) {
	defer func() {
		if e := recover(); e != nil {
			loc := report.Location{}
			if f != nil {
				loc.Path = f.Path
			}
			s.addProblem(report.Problem{Location: loc, Message: fmt.Sprintf("internal error in rule %s: %v (please report this with the file; stack: %s)", r.ID, e, firstFrames(debug.Stack()))})
		}
	}()
	r.Run(s.pass(r, f))
}

func (s *scan) runProjectRules() {
	sem := make(chan struct{}, s.opts.Jobs)
	var wg sync.WaitGroup
	total := 0
	for _, r := range s.opts.Rules {
		if r.Scope == PerProject {
			total++
		}
	}
	var done atomic.Int64
	if s.opts.Progress != nil {
		s.opts.Progress("project rules", 0, total)
	}
	for _, r := range s.opts.Rules {
		if r.Scope != PerProject {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			s.run(r, nil)
			if s.opts.Progress != nil {
				s.opts.Progress("project rules", int(done.Add(1)), total)
			}
		}()
	}
	wg.Wait()
}

// finish turns diagnostics into findings, applies suppressions, ignores and
// the baseline, and sorts everything.
func (s *scan) finish() *Result {
	res := &Result{Files: len(s.proj.Files)}
	findings := make([]report.Finding, 0, len(s.raw))
	for _, rw := range dropSuperseded(s.raw) {
		findings = append(findings, s.finding(rw))
	}
	SortFindings(findings) // fingerprints rank identical lines in order
	assignFingerprints(findings, s.proj)
	if !s.allSupps {
		s.collectSuppressions(findings)
	}
	findings = s.dropSuppressed(findings, res)
	extra := s.suppressionFindings()
	assignFingerprints(extra, s.proj)
	findings = s.dropIgnored(append(findings, extra...), res)
	SortFindings(findings)
	res.Findings = findings
	for _, p := range s.problems {
		res.Problems = append(res.Problems, p)
	}
	sort.Slice(res.Problems, func(i, j int) bool {
		a, b := res.Problems[i].Location, res.Problems[j].Location
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return res.Problems[i].Message < res.Problems[j].Message
	})
	res.Notes = slices.Sorted(maps.Keys(s.notes))
	return res
}

// collectSuppressions reads the suppression comments of the files that
// findings fall in, when they were not collected during the scan. A file
// counts as it would have then: one of the project's, readable and text.
func (s *scan) collectSuppressions(findings []report.Finding) {
	done := map[string]bool{}
	for _, fd := range findings {
		p := fd.Location.Path
		if p == "" || done[p] {
			continue
		}
		done[p] = true
		f := s.proj.File(p)
		if f == nil || f.Kind()&project.Text == 0 {
			continue
		}
		s.supps = append(s.supps, findSuppressions(f)...)
	}
}

// finding fills a diagnostic's blanks from its rule.
func (s *scan) finding(rw raw) report.Finding {
	r, d := rw.rule, rw.d
	f := report.Finding{
		Rule: r.ID, Name: r.Name,
		Severity: r.Severity, Confidence: r.Confidence,
		Message: d.Message, Location: d.Location,
		CWE: r.CWE, Checklist: r.Checklist,
		Fix: r.Doc.Fix, Settings: d.Settings, Flow: d.Flow, Properties: d.Properties,
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
	if sev, ok := s.opts.Severity[r.ID]; ok {
		f.Severity = sev
	}
	if d.Snippet != "" {
		f.Fingerprint = "snippet:" + d.Snippet // replaced by assignFingerprints
	}
	return f
}

// dropSuppressed drops findings that an inline comment silences, marking
// the comments used.
func (s *scan) dropSuppressed(in []report.Finding, res *Result) []report.Finding {
	byLine := map[lineKey][]*suppression{}
	for _, sp := range s.supps {
		k := lineKey{sp.path, sp.line}
		byLine[k] = append(byLine[k], sp)
	}
	out := in[:0]
	for _, f := range in {
		if suppressed(byLine[lineKey{f.Location.Path, f.Location.Line}], f) {
			res.Suppressed++
			continue
		}
		out = append(out, f)
	}
	return out
}

// dropIgnored drops findings that a config ignore or the baseline hides.
func (s *scan) dropIgnored(in []report.Finding, res *Result) []report.Finding {
	now := s.opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	out := in[:0]
	for _, f := range in {
		if matchIgnore(s.opts.Ignores, f, now) || s.opts.Baseline[f.Fingerprint] {
			res.Suppressed++
			continue
		}
		out = append(out, f)
	}
	return out
}

// dropSuperseded removes diagnostics that a more specific rule also
// reported on the same line (see Rule.Supersedes).
func dropSuperseded(in []raw) []raw {
	type at struct {
		path string
		line int
		rule string
	}
	gone := map[at]bool{}
	for _, rw := range in {
		for _, id := range rw.rule.Supersedes {
			gone[at{rw.d.Location.Path, rw.d.Location.Line, id}] = true
		}
	}
	if len(gone) == 0 {
		return in
	}
	out := make([]raw, 0, len(in))
	for _, rw := range in {
		if !gone[at{rw.d.Location.Path, rw.d.Location.Line, rw.rule.ID}] {
			out = append(out, rw)
		}
	}
	return out
}

// SortFindings orders findings by path, line, column and rule, so that
// reports are stable from run to run.
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
