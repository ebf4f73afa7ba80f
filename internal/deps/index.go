package deps

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// The index of a database maps each package name to the records that name
// it, so that a scan decodes the few dozen records of the project's packages
// instead of thousands. It lives in the user cache, one file per database
// path, and is keyed by a fingerprint of the database's listing (record
// names, sizes and modification times; for a zip, its entries' names, sizes,
// CRCs and times): a database that changes in any way gets a new index.
//
// The index is untrusted input like any file: it is read with a size bound,
// checked field by field against the listing it claims to describe, and
// ignored and rebuilt on any doubt. It can only point at records the listing
// holds, by position.

// indexFormat names the layout of the index file; a change of layout changes
// it, so that an older djsec's index is rebuilt rather than misread.
const indexFormat = "djsec-osv-index 1"

// maxIndexSize bounds the index file: a full PyPI export gives well under a
// megabyte.
const maxIndexSize = 64 << 20

// minIndexed is the number of records below which a database is decoded
// whole: a few hundred records decode faster than an index is checked.
var minIndexed = 200

// IndexDir is where the indexes of vulnerability databases are kept: index
// under CacheDir.
func IndexDir() (string, error) {
	dir, err := CacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "index"), nil
}

// OpenDB opens the OSV database at path like LoadDB, through its index in
// indexDir: when the index matches the database, only the records of the
// packages asked about are decoded, on first use; otherwise the database is
// decoded whole and the index written for the next time. An empty indexDir
// means no index. A failure to write the index is not an error: it only
// costs time.
func OpenDB(path, indexDir string) (*DB, error) {
	if indexDir == "" {
		return LoadDB(path)
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("opening vulnerability database %s: %w", path, unwrapPath(err))
	}
	var srcs []recordSource
	var fp string
	var zr *zip.ReadCloser
	if info.IsDir() {
		if srcs, fp, err = listDir(path); err != nil {
			return nil, err
		}
	} else {
		if zr, err = zip.OpenReader(path); err != nil {
			return nil, fmt.Errorf("reading vulnerability database %s: %w", path, err)
		}
		srcs, fp = listZip(path, zr)
	}
	if len(srcs) < minIndexed {
		return finish(path, srcs, fp, zr), nil
	}
	file := indexFile(indexDir, path)
	if ix, err := readIndex(file, fp, len(srcs)); err == nil {
		// The zip stays open for the records decoded later; the database
		// lives as long as the scan.
		return ix.db(path, srcs), nil
	}
	db := finish(path, srcs, fp, zr)
	_ = writeIndex(file, db) // best effort: without it the next scan decodes all again
	return db, nil
}

// finish decodes every record and closes the zip, if any.
func finish(path string, srcs []recordSource, fp string, zr *zip.ReadCloser) *DB {
	db := build(path, srcs)
	db.fingerprint = fp
	if zr != nil {
		zr.Close()
	}
	return db
}

// indexFile names the index of the database at path: one per absolute path,
// so that several databases keep their indexes side by side.
func indexFile(indexDir, path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	sum := sha256.Sum256([]byte(path))
	return filepath.Join(indexDir, "pypi-"+hex.EncodeToString(sum[:12])+".json")
}

// listDir lists the records under root in walk order with the fingerprint of
// the listing.
func listDir(root string) ([]recordSource, string, error) {
	var srcs []recordSource
	h := sha256.New()
	err := walkRecords(root, func(p string, size int64, mod time.Time) {
		srcs = append(srcs, recordSource{p, func() ([]byte, error) { return os.ReadFile(p) }})
		rel, _ := filepath.Rel(root, p)
		fmt.Fprintf(h, "%q %d %d\n", filepath.ToSlash(rel), size, mod.UnixNano())
	})
	if err != nil {
		return nil, "", fmt.Errorf("reading vulnerability database %s: %w", root, err)
	}
	return srcs, hex.EncodeToString(h.Sum(nil)), nil
}

// listZip lists the records of an open zip, in archive order, with the
// fingerprint of the listing.
func listZip(path string, zr *zip.ReadCloser) ([]recordSource, string) {
	var srcs []recordSource
	h := sha256.New()
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || !isRecordName(f.Name) {
			continue
		}
		srcs = append(srcs, recordSource{path + "!" + f.Name, func() ([]byte, error) {
			rc, err := f.Open()
			if err != nil {
				return nil, err
			}
			defer rc.Close()
			return io.ReadAll(io.LimitReader(rc, 64<<20))
		}})
		fmt.Fprintf(h, "%q %d %d %08x %d\n", f.Name, f.UncompressedSize64, f.CompressedSize64, f.CRC32, f.Modified.UnixNano())
	}
	return srcs, hex.EncodeToString(h.Sum(nil))
}

// index is the file's content.
type index struct {
	Format      string           `json:"format"`
	Fingerprint string           `json:"fingerprint"`
	Sources     int              `json:"sources"` // records in the listing
	Records     int              `json:"records"`
	Withdrawn   int              `json:"withdrawn"`
	Latest      time.Time        `json:"latest"`
	Errors      []string         `json:"errors,omitempty"`
	Names       map[string][]int `json:"names"`
}

var errBadIndex = errors.New("index does not match the database")

// readIndex reads and checks the index in file against the listing of n
// records with fingerprint fp.
func readIndex(file, fp string, n int) (*index, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxIndexSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxIndexSize {
		return nil, errBadIndex
	}
	ix := new(index)
	if err := json.Unmarshal(data, ix); err != nil {
		return nil, errBadIndex
	}
	if ix.Format != indexFormat || fp == "" || ix.Fingerprint != fp || ix.Sources != n ||
		ix.Records < 0 || ix.Withdrawn < 0 || ix.Records+len(ix.Errors) != n || ix.Withdrawn > ix.Records {
		return nil, errBadIndex
	}
	for name, ids := range ix.Names {
		if name == "" || NormalizeName(name) != name || len(ids) == 0 {
			return nil, errBadIndex
		}
		for i, id := range ids {
			if id < 0 || id >= n || (i > 0 && id <= ids[i-1]) {
				return nil, errBadIndex
			}
		}
	}
	return ix, nil
}

// writeIndex writes the index of db, through a temporary file so that a
// reader never sees half of one.
func writeIndex(file string, db *DB) error {
	if db.fingerprint == "" || db.names == nil {
		return errBadIndex
	}
	ix := index{
		Format: indexFormat, Fingerprint: db.fingerprint, Sources: db.Records + len(db.Errors),
		Records: db.Records, Withdrawn: db.Withdrawn, Latest: db.Latest, Names: db.names,
	}
	for _, err := range db.Errors {
		ix.Errors = append(ix.Errors, err.Error())
	}
	data, err := json.Marshal(ix)
	if err != nil {
		return err
	}
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, filepath.Base(file)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename this fails harmlessly
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}

// db makes the database the index describes, decoding nothing yet.
func (ix *index) db(path string, srcs []recordSource) *DB {
	db := &DB{
		Source: path, Records: ix.Records, Withdrawn: ix.Withdrawn, Latest: ix.Latest,
		byName: map[string][]*affectedEntry{},
		lazy:   &lazyRecords{srcs: srcs, names: ix.Names, decoded: map[int]*decoded{}},
	}
	for _, e := range ix.Errors {
		db.Errors = append(db.Errors, errors.New(e))
	}
	return db
}

// lazyRecords decodes the records of a package when it is first asked about.
type lazyRecords struct {
	mu      sync.Mutex
	srcs    []recordSource
	names   map[string][]int
	decoded map[int]*decoded // records shared by several packages are decoded once
}

type decoded struct {
	rec *osvRecord
	adv *Advisory
}

// entries returns the affected sections of the package key (normalized), in
// database order, as a whole decode would have them.
func (db *DB) entries(key string) []*affectedEntry {
	l := db.lazy
	if l == nil {
		return db.byName[key]
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if es, ok := db.byName[key]; ok {
		return es
	}
	var es []*affectedEntry
	for _, i := range l.names[key] {
		d := l.decode(i)
		if d == nil {
			continue
		}
		for _, a := range d.rec.Affected {
			if strings.EqualFold(a.Package.Ecosystem, "PyPI") && NormalizeName(a.Package.Name) == key {
				es = append(es, &affectedEntry{adv: d.adv, raw: osvAffected{Ranges: a.Ranges, Versions: a.Versions}})
			}
		}
	}
	db.byName[key] = es
	return es
}

// decode decodes record i, or returns nil when it cannot be read or is
// withdrawn (it was not when the index was built; the fingerprint makes that
// all but impossible).
func (l *lazyRecords) decode(i int) *decoded {
	if d, ok := l.decoded[i]; ok {
		return d
	}
	var d *decoded
	if rec, err := decodeRecord(l.srcs[i]); err == nil && rec.Withdrawn == "" {
		d = &decoded{rec, advisoryFromRecord(rec)}
	}
	l.decoded[i] = d
	return d
}
