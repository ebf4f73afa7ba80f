package deps

import (
	"archive/zip"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"
)

// DB is an in-memory OSV database for the PyPI ecosystem, indexed by PEP 503
// normalized package name.
type DB struct {
	Source    string    // the directory or zip it was read from
	Records   int       // records read, withdrawn ones included
	Withdrawn int       // records skipped because they were withdrawn
	Latest    time.Time // the newest "modified" time: how fresh the data is
	// Errors lists records that could not be read; the rest of the database
	// is still used.
	Errors []error

	byName map[string][]*affectedEntry
	// lazy is set when the database was opened through its index: the
	// entries of a package are read from the index when first asked about.
	lazy *indexReader
	// origin describes what the records were read from, so that an index
	// written from this database can later tell whether it still holds
	// (see index.go); nil when that cannot be told.
	origin *origin
}

// LoadDB reads an OSV database from a directory of JSON or YAML records (a
// checkout of github.com/pypa/advisory-database, an unpacked export) or from
// an OSV zip export such as PyPI's all.zip.
func LoadDB(path string) (*DB, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("opening vulnerability database %s: %w", path, unwrapPath(err))
	}
	if info.IsDir() {
		return loadDir(path)
	}
	return loadZip(path)
}

// recordSource yields the raw bytes of one record.
type recordSource struct {
	name string
	read func() ([]byte, error)
}

func loadDir(root string) (*DB, error) {
	srcs, listing, err := listDir(root)
	if err != nil {
		return nil, err
	}
	db := build(root, srcs)
	db.origin = &origin{dir: listing}
	return db, nil
}

// walkRecords calls dir for each folder under root, root included, and
// file for each record file, in walk order, skipping hidden folders such as
// .git.
func walkRecords(root string, dir, file func(p string) error) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir // .git
			}
			return dir(p)
		}
		if isRecordName(d.Name()) {
			return file(p)
		}
		return nil
	})
}

// loadZip reads the records of an OSV zip export. The archive's sum is taken
// from the same open file as the records, before them, so that an index
// written from this database never pairs one archive's sum with another's
// records.
func loadZip(path string) (*DB, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening vulnerability database %s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("reading vulnerability database %s: %w", path, err)
	}
	sum, sumErr := zipSum(f, info.Size())
	zr, err := zip.NewReader(f, info.Size())
	if err != nil {
		return nil, fmt.Errorf("reading vulnerability database %s: %w", path, err)
	}
	db := build(path, listZip(path, zr))
	if sumErr == nil {
		db.origin = &origin{zip: sum}
	}
	return db, nil
}

func isRecordName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json", ".yaml", ".yml":
		return true
	}
	return false
}

// build decodes the records on every core: YAML decoding dominates the load
// time of a 2,600-record checkout.
func build(source string, srcs []recordSource) *DB {
	recs := make([]*osvRecord, len(srcs))
	errs := make([]error, len(srcs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				recs[i], errs[i] = decodeRecord(srcs[i])
			}
		})
	}
	for i := range srcs {
		next <- i
	}
	close(next)
	wg.Wait()

	db := &DB{Source: source, byName: map[string][]*affectedEntry{}}
	for i, rec := range recs {
		if errs[i] != nil {
			db.Errors = append(db.Errors, errs[i])
			continue
		}
		db.add(rec)
	}
	return db
}

func decodeRecord(src recordSource) (*osvRecord, error) {
	data, err := src.read()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", src.name, err)
	}
	rec := new(osvRecord)
	if strings.HasSuffix(strings.ToLower(src.name), ".json") {
		err = json.Unmarshal(data, rec)
	} else {
		err = yaml.Unmarshal(data, rec)
	}
	if err != nil {
		return nil, fmt.Errorf("decoding %s: %w", src.name, err)
	}
	if rec.ID == "" {
		return nil, fmt.Errorf("decoding %s: record without an id", src.name)
	}
	return rec, nil
}

func (db *DB) add(rec *osvRecord) {
	db.Records++
	if rec.Withdrawn != "" {
		db.Withdrawn++
		return
	}
	adv := advisoryFromRecord(rec)
	if adv.Modified.After(db.Latest) {
		db.Latest = adv.Modified
	}
	for _, a := range rec.Affected {
		if !strings.EqualFold(a.Package.Ecosystem, "PyPI") {
			continue
		}
		key := NormalizeName(a.Package.Name)
		db.byName[key] = append(db.byName[key], &affectedEntry{adv: adv, raw: osvAffected{Ranges: a.Ranges, Versions: a.Versions}})
	}
}

// Packages returns the number of distinct packages with advisories.
func (db *DB) Packages() int {
	if db.lazy != nil {
		return len(db.lazy.pkgs)
	}
	return len(db.byName)
}

// Vulnerability is one vulnerability affecting a package version: the OSV
// records that describe it (a PYSEC and a GHSA record often alias each other)
// merged into one.
type Vulnerability struct {
	IDs      []string // record ids and aliases, sorted: PYSEC, GHSA, CVE, then others
	Summary  string
	Severity string // the highest of the records; "" when none has one
	Score    float64
	Fixed    string // the version that fixes it on this version's line; "" when unknown
}

// Report is the state of one package version.
type Report struct {
	Vulns []Vulnerability
	// Upgrade is the smallest version that fixes every vulnerability in
	// Vulns that has a fix, and is itself affected by no known vulnerability
	// that has one; "" when none has a fix.
	Upgrade string
	// Unfixed counts the vulnerabilities with no known fix.
	Unfixed int
}

// ErrInvalidVersion is returned by Check for a version that is not PEP 440.
var ErrInvalidVersion = errors.New("invalid version")

// Check returns the vulnerabilities that affect version of the package name.
func (db *DB) Check(name, version string) (Report, error) {
	v, err := ParseVersion(version)
	if err != nil {
		return Report{}, fmt.Errorf("%w: %s %s", ErrInvalidVersion, name, version)
	}
	entries := db.entries(NormalizeName(name))
	hits := matchAll(entries, v)
	rep := Report{Vulns: mergeAliases(hits)}
	for _, vu := range rep.Vulns {
		if vu.Fixed == "" {
			rep.Unfixed++
		}
	}
	if len(rep.Vulns) > rep.Unfixed {
		rep.Upgrade = upgrade(entries, rep.Vulns)
	}
	return rep, nil
}

type hit struct {
	adv *Advisory
	fix string
}

func matchAll(entries []*affectedEntry, v Version) []hit {
	var hits []hit
	for _, e := range entries {
		if ok, fix := e.match(v); ok {
			hits = append(hits, hit{e.adv, fix})
		}
	}
	return hits
}

// upgrade starts from the highest fix of the vulnerabilities found and moves
// up while the candidate is itself affected by a fixed vulnerability, so that
// the advice does not lead into another known hole on a newer line.
func upgrade(entries []*affectedEntry, vulns []Vulnerability) string {
	var best Version
	var bestRaw string
	for _, vu := range vulns {
		if vu.Fixed == "" {
			continue
		}
		if fv := MustParseVersion(vu.Fixed); bestRaw == "" || fv.Compare(best) > 0 {
			best, bestRaw = fv, vu.Fixed
		}
	}
	for range 20 {
		moved := false
		for _, h := range matchAll(entries, best) {
			if h.fix == "" {
				return bestRaw // nothing newer helps; the candidate still fixes vulns
			}
			if fv := MustParseVersion(h.fix); fv.Compare(best) > 0 {
				best, bestRaw, moved = fv, h.fix, true
			}
		}
		if !moved {
			break
		}
	}
	return bestRaw
}

// mergeAliases groups records that name each other (directly or through a
// shared alias) into one vulnerability each.
func mergeAliases(hits []hit) []Vulnerability {
	parent := make([]int, len(hits))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	owner := map[string]int{}
	for i, h := range hits {
		for _, id := range append([]string{h.adv.ID}, h.adv.Aliases...) {
			if j, ok := owner[id]; ok {
				parent[find(i)] = find(j)
			} else {
				owner[id] = i
			}
		}
	}
	groups := map[int][]hit{}
	var roots []int
	for i, h := range hits {
		r := find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], h)
	}
	vulns := make([]Vulnerability, 0, len(roots))
	for _, r := range roots {
		vulns = append(vulns, mergeGroup(groups[r]))
	}
	sort.Slice(vulns, func(i, j int) bool { return idLess(vulns[i].IDs[0], vulns[j].IDs[0]) })
	return vulns
}

func mergeGroup(hs []hit) Vulnerability {
	var vu Vulnerability
	seen := map[string]bool{}
	var fix Version
	for _, h := range hs {
		for _, id := range append([]string{h.adv.ID}, h.adv.Aliases...) {
			if !seen[id] {
				seen[id] = true
				vu.IDs = append(vu.IDs, id)
			}
		}
		if vu.Summary == "" {
			vu.Summary = h.adv.Summary
		}
		vu.Score = max(vu.Score, h.adv.Score)
		if severityRank(h.adv.Severity) > severityRank(vu.Severity) {
			vu.Severity = h.adv.Severity
		}
		// Records of one vulnerability may disagree on the fix; the later
		// one satisfies both. A record without a fix is taken as incomplete.
		if h.fix != "" {
			if fv := MustParseVersion(h.fix); vu.Fixed == "" || fv.Compare(fix) > 0 {
				fix, vu.Fixed = fv, h.fix
			}
		}
	}
	sortIDs(vu.IDs)
	return vu
}

func sortIDs(ids []string) {
	sort.Slice(ids, func(i, j int) bool { return idLess(ids[i], ids[j]) })
}

// idLess orders ids so that the database's own (PYSEC, GHSA) come before CVE
// numbers, and numbered ids compare by number (PYSEC-2021-9 < PYSEC-2021-10).
func idLess(a, b string) bool {
	ra, rb := idRank(a), idRank(b)
	if ra != rb {
		return ra < rb
	}
	return naturalLess(a, b)
}

func idRank(id string) int {
	for i, p := range []string{"PYSEC-", "GHSA-", "CVE-"} {
		if strings.HasPrefix(id, p) {
			return i
		}
	}
	return 3
}

// naturalLess compares strings with runs of digits compared as numbers.
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := leadingDigits(a), leadingDigits(b)
		if da != "" && db != "" {
			na, nb := strings.TrimLeft(da, "0"), strings.TrimLeft(db, "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[len(da):], b[len(db):]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

func severityRank(s string) int {
	return map[string]int{"low": 1, "medium": 2, "high": 3, "critical": 4}[s]
}
