package analysis

import (
	"fmt"

	"github.com/djsec/djsec/internal/checklist"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// Scope says how often a rule runs.
type Scope int

const (
	// PerFile rules run once for each file of the kinds in Rule.Files, in
	// parallel across files.
	PerFile Scope = iota
	// PerProject rules run once per scan and read what they need through
	// Pass.Project (settings modules, lockfiles, the call graph).
	PerProject
	// Live rules check a running site; they are driven by `djsec probe`, not
	// by the scanner, and carry URLs instead of paths.
	Live
	// Builtin rules are reported by the runner itself (suppression misuse).
	Builtin
	// Guard rules are driven by `djsec guard`: a guard control reports
	// through its rule's Pass when traffic shows the problem (a login
	// brute force, an upstream leaking its errors), and a Run function, if
	// the rule has one, checks the guard's configuration when it is loaded.
	// See the package documentation.
	Guard
)

// Doc is a rule's documentation: what `djsec rules explain` prints and what
// SARIF carries as help text.
type Doc struct {
	Title      string   // one line, what the rule finds
	What       string   // what it finds, precisely, and what it leaves alone
	Why        string   // why it matters: the attack it enables
	Bad        string   // an example that is reported
	Good       string   // the same example, fixed
	Fix        string   // how to fix it; also the default fix of findings
	References []string // URLs
}

// Rule is one check: data describing it plus the function that runs it.
// Rules are pure: they read through the Pass and report through it.
type Rule struct {
	ID         string // DJ + area letter + three digits, never renumbered
	Name       string // what the rule finds, kebab-case: "debug-enabled"
	Severity   report.Severity
	Confidence report.Confidence
	CWE        []int
	Checklist  []int // checklist sections, 1-20
	Doc        Doc

	Scope Scope
	Files project.Kind // for PerFile rules: the kinds of file to run on

	// Needs, for a PerFile rule, computes what the rule reads on every
	// file from the whole project (the set of templates, which needs the
	// settings), through Project.Memo. Scan starts it beside the first
	// files and runs the rule on a file once it is done, so that no
	// worker waits for it while others could scan files.
	Needs func(*project.Project)

	// Supersedes lists rules that describe the same problem with less
	// context: when this rule reports on a line, their findings on that line
	// are dropped, so one mistake is reported once. (A hard-coded
	// SECRET_KEY is found by the secrets scanner and by the settings audit;
	// the settings finding also says which module and variable control it.)
	Supersedes []string

	Run func(*Pass)
}

var (
	idPattern   = lazyre.New(`^DJ[SCTKDILGX][0-9]{3}$`)
	namePattern = lazyre.New(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// Validate checks that a rule is complete: the registry test runs it on
// every rule, so that an undocumented rule cannot ship.
func (r *Rule) Validate() error {
	switch {
	case !idPattern().MatchString(r.ID):
		return fmt.Errorf("rule id %q does not look like DJS101", r.ID)
	case !namePattern().MatchString(r.Name):
		return fmt.Errorf("%s: name %q is not kebab-case", r.ID, r.Name)
	case r.Severity == report.SeverityUnset:
		return fmt.Errorf("%s: no severity", r.ID)
	case r.Confidence == report.ConfidenceUnset:
		return fmt.Errorf("%s: no confidence", r.ID)
	case len(r.CWE) == 0:
		return fmt.Errorf("%s: no CWE", r.ID)
	case len(r.Checklist) == 0:
		return fmt.Errorf("%s: no checklist section", r.ID)
	case r.Doc.Title == "" || r.Doc.What == "" || r.Doc.Why == "" || r.Doc.Fix == "":
		return fmt.Errorf("%s: documentation needs a title, what, why and fix", r.ID)
	case r.Doc.Bad == "" || r.Doc.Good == "":
		return fmt.Errorf("%s: documentation needs a bad and a good example", r.ID)
	case r.Run == nil && r.Scope != Builtin && r.Scope != Guard:
		return fmt.Errorf("%s: no Run function", r.ID)
	case r.Scope == PerFile && r.Files == 0:
		return fmt.Errorf("%s: a per-file rule must say which files it reads", r.ID)
	}
	for _, n := range r.Checklist {
		if !checklist.Valid(n) {
			return fmt.Errorf("%s: checklist section %d does not exist", r.ID, n)
		}
	}
	return nil
}

// HelpURI is where a rule's documentation is published.
func (r *Rule) HelpURI() string {
	return "https://github.com/djsec/djsec/blob/main/docs/rules/" + r.ID + ".md"
}
