package deps

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
)

// Extractors returns every extractor, in a fixed order.
func Extractors() []Extractor {
	return []Extractor{
		Requirements{}, Pipfile{}, PipfileLock{}, PoetryLock{}, UVLock{}, PDMLock{}, PyLock{},
		PyProject{}, RuntimeTxt{}, PythonVersionFile{}, Dockerfile{},
	}
}

// Required reports whether some extractor reads the file at p.
func Required(p string) bool {
	for _, x := range Extractors() {
		if x.FileRequired(p) {
			return true
		}
	}
	return false
}

// Inventory is everything the extractors found in a project.
type Inventory struct {
	Packages []Package
	Pythons  []PythonVersion
	Errors   []*ParseError
	Files    []string // the files read, sorted
	// constraintsOf maps a requirements file to the constraints files it
	// names with -c.
	constraintsOf map[string][]string

	// byKey indexes Packages by normalized name, built on first use:
	// Covered and its callers ask once per package, and comparing every
	// pair made a requirements file of ten thousand lines take minutes.
	indexOnce sync.Once
	byKey     map[string][]int
	pinsByKey map[string][]int // the pins of lock and constraints files
}

// index makes the indexes of the inventory's entries by package key: all
// of them, and the pins of lock and constraints files (Covered asks for
// those for every unpinned entry, and a file of thousands of entries of
// one package made each question copy them all).
func (inv *Inventory) index() {
	inv.indexOnce.Do(func() {
		inv.byKey = make(map[string][]int, len(inv.Packages))
		inv.pinsByKey = map[string][]int{}
		for i := range inv.Packages {
			p := &inv.Packages[i]
			k := p.Key()
			inv.byKey[k] = append(inv.byKey[k], i)
			if p.Pinned() && (p.Locked || p.Constraint) {
				inv.pinsByKey[k] = append(inv.pinsByKey[k], i)
			}
		}
	})
}

// Named returns the packages whose normalized name is key, in order.
func (inv *Inventory) Named(key string) []Package {
	inv.index()
	idx := inv.byKey[key]
	out := make([]Package, len(idx))
	for j, i := range idx {
		out[j] = inv.Packages[i]
	}
	return out
}

// ReadFunc returns the content of the file at a slash path relative to the
// scanned root. The project's reader bounds file sizes and stays in the tree.
type ReadFunc func(path string) ([]byte, error)

// Collect runs the extractors over the named files (slash paths relative to
// the scanned root), and reads the files that requirements files include
// with -r and -c even when their names are not ones an extractor asks for.
// A file is read once however often it is named.
func Collect(paths []string, read ReadFunc) *Inventory {
	return CollectCanon(paths, read, nil)
}

// CollectCanon is Collect for a tree where several paths can name one file
// (symbolic links inside the tree): canon returns the path the scan knows a
// file by, so an include through a link reads the real file once and its
// packages are reported at the real path.
func CollectCanon(paths []string, read ReadFunc, canon func(string) string) *Inventory {
	if canon == nil {
		canon = func(p string) string { return p }
	}
	c := collector{read: read, canon: canon, inv: &Inventory{constraintsOf: map[string][]string{}}, seen: map[string]bool{}, constraint: map[string]bool{}}
	sorted := append([]string(nil), paths...)
	sort.Strings(sorted)
	for _, p := range sorted {
		for _, x := range Extractors() {
			if x.FileRequired(p) {
				c.run(x, p, nil)
				break
			}
		}
	}
	for i := range c.inv.Packages {
		if c.constraint[c.inv.Packages[i].Location.Path] {
			c.inv.Packages[i].Constraint = true
		}
	}
	sort.Strings(c.inv.Files)
	return c.inv
}

type collector struct {
	read       ReadFunc
	canon      func(string) string
	inv        *Inventory
	seen       map[string]bool
	constraint map[string]bool // files reached through -c
}

// run extracts one file; from is the include line that named it, if any.
func (c *collector) run(x Extractor, p string, from *Include) {
	p = c.canon(p)
	if from != nil && from.Constraint {
		c.constraint[p] = true
	}
	if c.seen[p] {
		return
	}
	c.seen[p] = true
	content, err := c.read(p)
	if err != nil {
		loc := Location{Path: p}
		if from != nil {
			loc = from.Location
		}
		c.inv.Errors = append(c.inv.Errors, &ParseError{loc, fmt.Errorf("reading %s: %w", p, unwrapPath(err))})
		return
	}
	if err := tooLarge(x, content); err != nil {
		c.inv.Errors = append(c.inv.Errors, &ParseError{Location{Path: p}, err})
		return
	}
	c.inv.Files = append(c.inv.Files, p)
	r := x.Extract(p, content)
	c.inv.Packages = append(c.inv.Packages, distinct(r.Packages)...)
	c.inv.Pythons = append(c.inv.Pythons, r.Pythons...)
	c.inv.Errors = append(c.inv.Errors, firstError(r.Errors)...)
	for i, in := range r.Includes {
		if in.Constraint {
			c.inv.constraintsOf[p] = append(c.inv.constraintsOf[p], in.Path)
		}
		c.run(Requirements{}, in.Path, &r.Includes[i])
	}
}

// Bounds on a dependency file. Real ones list hundreds of packages (a
// large uv.lock is a few hundred kilobytes); a file beyond these is data
// or written to exhaust the scan, and is reported instead of read.
const (
	maxDepFile  = 8 << 20 // bytes
	maxDepLines = 50000   // lines of a requirements file
)

// tooLarge says why content is too large for x to extract, or nil.
func tooLarge(x Extractor, content []byte) error {
	if len(content) > maxDepFile {
		return fmt.Errorf("not read: larger than %d MB", maxDepFile>>20)
	}
	if _, ok := x.(Requirements); ok && bytes.Count(content, []byte("\n")) > maxDepLines {
		return fmt.Errorf("not read: more than %d lines", maxDepLines)
	}
	return nil
}

// unwrapPath drops the *fs.PathError wrapper, whose path the message already
// names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Covered reports whether the version of a manifest entry is fixed by
// something else in the project: a lock file in the same directory that lists
// the package, or a "==" pin of it in a constraints file that applies.
func (inv *Inventory) Covered(p Package) bool {
	dir := path.Dir(p.Location.Path)
	inv.index()
	for _, i := range inv.pinsByKey[p.Key()] {
		q := &inv.Packages[i]
		if (q.Locked && path.Dir(q.Location.Path) == dir) || (q.Constraint && inv.Constrains(q.Location.Path, p.Location.Path)) {
			return true
		}
	}
	return false
}

// Constrains reports whether the constraints file c applies to the
// requirements file r: r names it with -c, or it sits in r's folder (as
// constraints.txt does beside requirements.txt, for PIP_CONSTRAINT).
func (inv *Inventory) Constrains(c, r string) bool {
	if path.Dir(c) == path.Dir(r) {
		return true
	}
	for _, x := range inv.constraintsOf[r] {
		if x == c {
			return true
		}
	}
	return false
}

// distinct returns the packages of one file with repeated entries left
// out: the same name, version, specifier, extras, marker and reference as
// an earlier entry, which installs nothing more. The first is kept, with
// its line. A file that lists one pin thousands of times made as many
// findings.
func distinct(pkgs []Package) []Package {
	if len(pkgs) < 2 {
		return pkgs
	}
	type entry struct{ key, version, specifier, extras, marker, url string }
	seen := make(map[entry]bool, len(pkgs))
	out := pkgs[:0:0]
	for _, p := range pkgs {
		e := entry{p.Key(), p.Version, p.Specifier, strings.Join(p.Extras, ","), p.Marker, p.URL}
		if seen[e] {
			continue
		}
		seen[e] = true
		out = append(out, p)
	}
	return out
}

// firstError keeps a file's first error, with the count of the others: a
// text named like a requirements file that is prose (docs/requirements.txt
// holding the documentation's chapter on requirements) fails on most of
// its lines, and one problem a line would bury every other.
func firstError(errs []*ParseError) []*ParseError {
	if len(errs) < 2 {
		return errs
	}
	first := *errs[0]
	first.Err = fmt.Errorf("%w (and %d more errors)", first.Err, len(errs)-1)
	return []*ParseError{&first}
}
