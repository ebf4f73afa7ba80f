package analysis

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/djsec/djsec/internal/gcpace"
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
	// Tests says what becomes of findings in tests, fixtures, examples, CI
	// and dev containers (TestPath).
	Tests TestPolicy
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
	defer gcpace.Scan()()
	files, issues, err := project.Walk(opts.Root, opts.Walk)
	if err != nil {
		return nil, err
	}
	root := opts.Root
	if !isDir(root) {
		root = parentDir(root)
	}
	inputs := opts.Inputs
	if opts.Tests == TestsLeftOut && inputs.LeftOut == nil {
		inputs.LeftOut = TestPath
	}
	proj := project.New(absPath(root), files, inputs)
	s := newScan(opts, proj)
	for _, is := range issues {
		switch {
		case is.Alias != "":
			proj.Alias(is.Path, is.Alias)
		case is.Note:
			s.core.Note(is.Path + ": " + is.Message)
		default:
			s.core.Problem(report.Problem{Location: report.Location{Path: is.Path, Line: is.Line, Column: is.Column}, Message: is.Message})
		}
	}
	s.runFileRules()
	s.runProjectRules()
	return s.finish(), nil
}

// scan is the state of one run: the shared driver core and the
// suppression comments met.
type scan struct {
	opts Options
	proj *project.Project
	core *Run

	mu    sync.Mutex
	supps []*suppression
	// allSupps says that every file's suppression comments are collected
	// as it is scanned, because a builtin rule reports on them (DJX001,
	// DJX002). Otherwise only the files that findings fall in need them,
	// and they are read once the findings are known: most files have
	// none, and searching all of them costs a pass over every byte.
	allSupps bool
}

func newScan(opts Options, proj *project.Project) *scan {
	if opts.Jobs <= 0 {
		opts.Jobs = runtime.GOMAXPROCS(0)
	}
	core := NewRun(RunOptions{Severity: opts.Severity, Now: opts.Now, Identity: ByPlace(proj)})
	s := &scan{opts: opts, proj: proj, core: core}
	s.allSupps = s.enabled(RuleUnusedSuppression.ID) || s.enabled(RuleSuppressionNoReason.ID)
	return s
}

func (s *scan) runFileRules() {
	var perFile []*Rule
	for _, r := range s.opts.Rules {
		if r.Scope == PerFile {
			perFile = append(perFile, r)
		}
	}
	// Workers take the next file by index: no channel hand-off, so no
	// goroutine is woken per file. The largest files go first, so that
	// one long file does not run alone at the end of the stage.
	files := slices.Clone(s.proj.Files)
	slices.SortStableFunc(files, func(a, b *project.File) int { return cmp.Compare(b.Size, a.Size) })
	nd := s.startNeeds(perFile)
	var next, done atomic.Int64
	progress := func() {
		if s.opts.Progress != nil {
			s.opts.Progress("files", int(done.Add(1)), len(s.proj.Files))
		}
	}
	var wg sync.WaitGroup
	for range s.opts.Jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				// The files set aside go first once they may, so that
				// their content is not kept to the end of the stage.
				if f := nd.takeReady(); f != nil {
					s.rest(f, perFile)
					progress()
					continue
				}
				i := int(next.Add(1)) - 1
				if i >= len(files) {
					break
				}
				if s.file(files[i], perFile, nd) {
					progress()
				}
			}
			for f := nd.take(); f != nil; f = nd.take() {
				s.rest(f, perFile)
				progress()
			}
		}()
	}
	wg.Wait()
	// Only the per-file rules read templates, a template's rules its
	// parents and includers too: their content and trees stay until the
	// stage ends, and no longer, so that the syntax trees of the project
	// rules reuse their memory. A project rule that reads a template
	// would read it again.
	for _, f := range s.proj.Files {
		if f.NameKind()&project.Template != 0 {
			f.Release()
		}
	}
}

// needs is what per-file rules read from the whole project (Rule.Needs),
// computed beside the first files. Until it is done, a worker runs the
// other rules on a file and sets it aside for the rules that wait; the
// workers take the files set aside before any other once it is done, or
// wait for it when no other file is left. Without this, the first file
// of every worker would wait for the set of templates, which one of them
// computes alone.
type needs struct {
	mu    sync.Mutex
	done  bool
	ready chan struct{} // closed once done
	aside []*project.File
}

// startNeeds starts computing the Needs of rules, if any.
func (s *scan) startNeeds(rules []*Rule) *needs {
	nd := &needs{ready: make(chan struct{})}
	var fns []func(*project.Project)
	for _, r := range rules {
		if r.Needs != nil {
			fns = append(fns, r.Needs)
		}
	}
	if len(fns) == 0 {
		nd.finish()
		return nd
	}
	go func() {
		defer nd.finish()
		// A Needs that panics leaves its rules to meet the same panic
		// in their own Call, which reports it.
		defer func() { _ = recover() }()
		for _, fn := range fns {
			fn(s.proj)
		}
	}()
	return nd
}

func (nd *needs) finish() {
	nd.mu.Lock()
	nd.done = true
	nd.mu.Unlock()
	close(nd.ready)
}

func (nd *needs) isDone() bool {
	nd.mu.Lock()
	defer nd.mu.Unlock()
	return nd.done
}

// setAside keeps f for the rules that wait, unless they need wait no
// more, which it reports by returning false.
func (nd *needs) setAside(f *project.File) bool {
	nd.mu.Lock()
	defer nd.mu.Unlock()
	if nd.done {
		return false
	}
	nd.aside = append(nd.aside, f)
	return true
}

// take returns a file set aside, once the needs are done, or nil.
func (nd *needs) take() *project.File {
	<-nd.ready
	return nd.takeReady()
}

// takeReady returns a file set aside if the needs are done, or nil.
func (nd *needs) takeReady() *project.File {
	nd.mu.Lock()
	defer nd.mu.Unlock()
	if !nd.done || len(nd.aside) == 0 {
		return nil
	}
	f := nd.aside[0]
	nd.aside[0] = nil
	nd.aside = nd.aside[1:]
	return f
}

// file runs the per-file rules on one file and collects its suppression
// comments. It drops the content afterwards unless project rules will want
// the file again (Python they read and templates), to keep memory flat on
// big trees. While the rules' Needs are being computed, the rules that wait
// for them are left for later (rest) and file returns false.
func (s *scan) file(f *project.File, rules []*Rule, nd *needs) bool {
	if err := f.Load(); err != nil {
		s.core.Problem(report.Problem{Location: report.Location{Path: f.Path}, Message: fmt.Sprintf("cannot read file: %v", err)})
		return true
	}
	kind := f.Kind()
	if kind&project.Text == 0 {
		f.Release()
		return true
	}
	if s.allSupps {
		if sup := findSuppressions(f); len(sup) > 0 {
			s.mu.Lock()
			s.supps = append(s.supps, sup...)
			s.mu.Unlock()
		}
	}
	ready, waits := nd.isDone(), false
	for _, r := range rules {
		if r.Files&kind == r.Files {
			if r.Needs != nil && !ready {
				waits = true
				continue
			}
			s.run(r, f)
		}
	}
	if waits && nd.setAside(f) {
		return false
	}
	if waits {
		s.rest(f, rules)
		return true
	}
	s.done(f, kind)
	return true
}

// rest runs on f the rules that wait for Needs, left for later by file.
func (s *scan) rest(f *project.File, rules []*Rule) {
	kind := f.Kind()
	for _, r := range rules {
		if r.Needs != nil && r.Files&kind == r.Files {
			s.run(r, f)
		}
	}
	s.done(f, kind)
}

// done ends the per-file rules' work on f.
func (s *scan) done(f *project.File, kind project.Kind) {
	if kind&(project.Python|project.Template) == 0 || s.leftOut(f, kind) {
		f.Release()
	} else {
		f.EndRules()
	}
}

// leftOut reports whether f is Python code that the project rules do not
// read, since its findings are left out (project.Inputs.LeftOut). A rule
// that still asks for its content reads it again.
func (s *scan) leftOut(f *project.File, kind project.Kind) bool {
	out := s.proj.Inputs.LeftOut
	return kind&project.Template == 0 && (project.Migration(f.Path) || out != nil && out(f.Path))
}

// run calls one rule through the driver core, which turns a panic into a
// problem: one broken rule must not lose the rest of the scan.
func (s *scan) run(r *Rule, f *project.File) { s.core.Call(s.core.Pass(r, s.proj, f)) }

// runProjectRules starts every project rule at once. Most of them wait
// for a shared analysis (the taint engine, the settings evaluator) that
// the first to ask computes in parallel; the others run meanwhile, so no
// CPU idles while a rule waits. How many run at a time is bounded by the
// CPUs the scan may use (GOMAXPROCS, which --jobs sets), not by a count of
// rules: a rule blocked on a shared result holds no CPU.
func (s *scan) runProjectRules() {
	var rules []*Rule
	for _, r := range s.opts.Rules {
		if r.Scope == PerProject {
			rules = append(rules, r)
		}
	}
	var done atomic.Int64
	if s.opts.Progress != nil {
		s.opts.Progress("project rules", 0, len(rules))
	}
	var wg sync.WaitGroup
	for _, r := range rules {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.run(r, nil)
			if s.opts.Progress != nil {
				s.opts.Progress("project rules", int(done.Add(1)), len(rules))
			}
		}()
	}
	wg.Wait()
}

// finish takes the findings from the driver core and applies
// suppressions, ignores and the baseline.
func (s *scan) finish() *Result {
	res := &Result{Files: len(s.proj.Files)}
	findings := s.applyTestPolicy(s.core.Findings())
	if !s.allSupps {
		s.collectSuppressions(findings)
	}
	findings = s.dropSuppressed(findings, res)
	s.lowerLinterMarked(findings)
	extra := s.suppressionFindings()
	s.core.Fingerprints(extra)
	findings = s.dropIgnored(append(findings, extra...), res)
	SortFindings(findings)
	res.Findings = findings
	res.Problems = s.core.Problems()
	res.Notes = s.core.Notes()
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
	now := s.core.Now()
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

// applyTestPolicy leaves out, or lowers, findings in code that never runs
// in production.
func (s *scan) applyTestPolicy(in []report.Finding) []report.Finding {
	if s.opts.Tests == TestsAsIs {
		return in
	}
	out, left := in[:0], 0
	for _, f := range in {
		if f.Location.Path == "" || !TestPath(f.Location.Path) {
			out = append(out, f)
			continue
		}
		if s.opts.Tests == TestsLeftOut {
			left++
			continue
		}
		if f.Severity > report.Low {
			f.Severity = report.Low
		}
		out = append(out, f)
	}
	switch {
	case left == 1:
		s.core.Note("1 finding in tests, fixtures, examples, CI or dev containers was left out; --include-tests reports such findings at low severity")
	case left > 1:
		s.core.Note(fmt.Sprintf("%d findings in tests, fixtures, examples, CI and dev containers were left out; --include-tests reports them at low severity", left))
	}
	return out
}
