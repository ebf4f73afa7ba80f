// Package analysistest runs rules over testdata folders and checks the
// findings against annotations written in the files themselves, in the
// manner of golang.org/x/tools/go/analysis/analysistest.
//
// A line that must be reported carries a want annotation in a comment of
// the file's own syntax, with one quoted regular expression per expected
// finding, matched against the finding's message:
//
//	cursor.execute("SELECT " + q)  # want "SQL built from request data"
//	<form method="post">  {# want "no {% csrf_token %}" #}
//
// A finding that no annotation expects fails the test, and so does an
// annotation that nothing matched. Lines holding safe look-alikes carry a
// `safe` marker (`# safe: parameterized`), which documents them and lets the
// registry check that every rule has negative cases; a finding there fails
// like any other unexpected one.
//
// A folder named osv holds OSV records that serve as the vulnerability
// database of the scan, for the dependency rules.
//
// Files that cannot hold comments (JSON lockfiles) take their expectations
// from a file named WANT in the same folder, one per line:
//
//	Pipfile.lock:12 "django 3.2.0 has 5 known vulnerabilities"
package analysistest

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// Now is the date testdata scans run at, so that dates in testdata (ignore
// entries, end-of-life tables, certificates) give the same answer every day.
var Now = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

var (
	wantRE   = regexp.MustCompile(`(?:#|\{#|//|<!--|/\*)\s*want((?:\s+(?:"(?:[^"\\]|\\.)*"|` + "`[^`]*`" + `))+)`)
	quotedRE = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|` + "`[^`]*`")
	safeRE   = regexp.MustCompile(`(?:#|\{#|//|<!--|/\*)\s*safe\b`)
	wantLine = regexp.MustCompile(`^(\S+):(\d+)\s+(.*)$`)
)

type key struct {
	path string
	line int
}

type expectation struct {
	re   *regexp.Regexp
	used bool
}

// Annotations is what a testdata folder expects.
type Annotations struct {
	Want map[key][]*expectation
	Safe int // number of safe markers
}

// Wants returns how many findings the annotations expect.
func (a *Annotations) Wants() int {
	n := 0
	for _, es := range a.Want {
		n += len(es)
	}
	return n
}

// Run scans dir with the given rules and checks the findings against the
// annotations of dir's files. It returns the findings for further checks.
func Run(t testing.TB, dir string, rules ...*analysis.Rule) []report.Finding {
	t.Helper()
	return RunWith(t, analysis.Options{}, dir, rules...)
}

// RunWith is Run with scan options (inputs such as environment values).
func RunWith(t testing.TB, opts analysis.Options, dir string, rules ...*analysis.Rule) []report.Finding {
	t.Helper()
	ann, err := Parse(dir)
	if err != nil {
		t.Fatal(err)
	}
	opts.Root, opts.Rules = dir, rules
	if opts.Inputs.DB == "" {
		// Dependency rules read a vulnerability database: a testdata folder
		// brings its own small one as OSV records in a folder named osv.
		if fi, err := os.Stat(filepath.Join(dir, "osv")); err == nil && fi.IsDir() {
			opts.Inputs.DB = filepath.Join(dir, "osv")
		}
	}
	if opts.Now.IsZero() {
		opts.Now = Now
	}
	res, err := analysis.Scan(opts)
	if err != nil {
		t.Fatalf("scanning %s: %v", dir, err)
	}
	for _, p := range res.Problems {
		t.Logf("%s: problem: %s", p.Location, p.Message)
	}
	Check(t, ann, res.Findings)
	return res.Findings
}

// Check matches findings against annotations, failing t for each surplus
// finding and each unmatched expectation.
func Check(t testing.TB, ann *Annotations, findings []report.Finding) {
	t.Helper()
	for _, f := range findings {
		if !ann.match(f) {
			t.Errorf("%s: unexpected finding %s %s: %s", f.Location, f.Rule, f.Name, f.Message)
		}
	}
	for k, es := range ann.Want {
		for _, e := range es {
			if !e.used {
				t.Errorf("%s:%d: no finding matched want %q", k.path, k.line, e.re)
			}
		}
	}
}

func (a *Annotations) match(f report.Finding) bool {
	for _, e := range a.Want[key{f.Location.Path, f.Location.Line}] {
		if !e.used && (e.re.MatchString(f.Message) || e.re.String() == f.Rule) {
			e.used = true
			return true
		}
	}
	return false
}

// Parse reads the annotations of every file under dir.
func Parse(dir string) (*Annotations, error) {
	files, _, err := project.Walk(dir, project.WalkOptions{})
	if err != nil {
		return nil, err
	}
	ann := &Annotations{Want: map[key][]*expectation{}}
	for _, f := range files {
		data, err := f.Content()
		if err != nil || f.Binary() {
			continue
		}
		if filepath.Base(f.Path) == "WANT" {
			err = ann.parseWantFile(f.Path, data)
		} else {
			err = ann.parseFile(f.Path, data)
		}
		if err != nil {
			return nil, err
		}
	}
	return ann, nil
}

func (a *Annotations) parseFile(path string, data []byte) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), len(data)+1)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if safeRE.MatchString(line) {
			a.Safe++
		}
		m := wantRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if err := a.add(path, n, m[1]); err != nil {
			return err
		}
	}
	return nil
}

func (a *Annotations) parseWantFile(path string, data []byte) error {
	dir := filepath.ToSlash(filepath.Dir(path))
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m := wantLine.FindStringSubmatch(line)
		if m == nil {
			return fmt.Errorf("%s:%d: want FILE:LINE \"regexp\"", path, i+1)
		}
		n, _ := strconv.Atoi(m[2])
		target := m[1]
		if dir != "." {
			target = dir + "/" + target
		}
		if err := a.add(target, n, m[3]); err != nil {
			return err
		}
	}
	return nil
}

func (a *Annotations) add(path string, line int, quoted string) error {
	for _, q := range quotedRE.FindAllString(quoted, -1) {
		pat, err := strconv.Unquote(q)
		if err != nil {
			return fmt.Errorf("%s:%d: bad want %s: %v", path, line, q, err)
		}
		re, err := regexp.Compile(pat)
		if err != nil {
			return fmt.Errorf("%s:%d: bad want regexp %s: %v", path, line, q, err)
		}
		k := key{path, line}
		a.Want[k] = append(a.Want[k], &expectation{re: re})
	}
	return nil
}

// RequireCases fails t unless dir exists and holds at least one want
// annotation and one safe marker: every rule ships positives and look-alikes.
func RequireCases(t testing.TB, dir string) {
	t.Helper()
	if _, err := os.Stat(dir); err != nil {
		t.Errorf("no testdata: %v", err)
		return
	}
	ann, err := Parse(dir)
	if err != nil {
		t.Fatal(err)
	}
	if ann.Wants() == 0 {
		t.Errorf("%s: no want annotation: a rule needs positive cases", dir)
	}
	if ann.Safe == 0 {
		t.Errorf("%s: no safe marker: a rule needs safe look-alikes", dir)
	}
}
