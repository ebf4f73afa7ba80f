package deps

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The index of a database holds, for each package name, the affected
// sections of the advisories that name it, already decoded and with their
// versions parsed: a scan reads the few dozen packages of the project and
// decodes no record. It lives in the user cache, one file per database
// path, with what the database was read from (its origin): every folder and
// record file with its size, modification and change times, or the sum of a
// zip's central directory. The index is used only while the database still
// matches its origin.
//
// The index is untrusted input like any file: it is read with size bounds
// and checksums, decoded with every count and index checked, and ignored
// and rebuilt on any doubt, even once a scan has begun to use it.

// indexFormat names the layout of the index file; a change of layout changes
// it, so that an older djsec's index is rebuilt rather than misread.
const indexFormat = "djsec-osv-index 2\n"

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
// indexDir: when the index matches the database, the packages asked about
// are read from it, on first use; otherwise the database is decoded whole
// and the index written for the next time. An empty indexDir means no
// index. A failure to write the index is not an error: it only costs time.
func OpenDB(path, indexDir string) (*DB, error) {
	if indexDir == "" {
		return LoadDB(path)
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("opening vulnerability database %s: %w", path, unwrapPath(err))
	}
	file := indexFile(indexDir, path)
	if db, err := openIndexed(file, path, info.IsDir()); err == nil {
		return db, nil
	}
	db, err := LoadDB(path)
	if err != nil {
		return nil, err
	}
	if db.Records+len(db.Errors) >= minIndexed {
		// best effort: without it the next scan decodes all again
		if writeIndex(file, db) == nil {
			// Earlier builds kept the same database's index as JSON
			// beside it; nothing reads that file any more.
			_ = os.Remove(strings.TrimSuffix(file, ".idx") + ".json")
		}
	}
	return db, nil
}

// indexFile names the index of the database at path: one per absolute path,
// so that several databases keep their indexes side by side.
func indexFile(indexDir, path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	sum := sha256.Sum256([]byte(path))
	return filepath.Join(indexDir, "pypi-"+hex.EncodeToString(sum[:12])+".idx")
}

// origin is what a database was read from: a folder's listing or a zip's
// sum.
type origin struct {
	dir *dirListing
	zip []byte
}

// dirListing is the state of a folder of records when it was read: each
// folder walked (root first) and each record file, in walk order, with
// their stamps, taken before any record was read.
type dirListing struct {
	taken time.Time // when the first stamp was taken
	dirs  []listedDir
	files []listedFile
}

type listedDir struct {
	rel   string // "." for the root
	stamp stamp
}

type listedFile struct {
	dir   int // index in dirs
	name  string
	stamp stamp
}

// listDir lists the records under root in walk order, with the stamps of
// the folders and record files.
func listDir(root string) ([]recordSource, *dirListing, error) {
	var srcs []recordSource
	l := &dirListing{taken: time.Now()}
	err := walkRecords(root, func(p string) error {
		st, err := lstamp(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		l.dirs = append(l.dirs, listedDir{rel, st})
		return nil
	}, func(p string) error {
		st, err := lstamp(p)
		if err != nil {
			return err
		}
		srcs = append(srcs, recordSource{p, func() ([]byte, error) { return os.ReadFile(p) }})
		l.files = append(l.files, listedFile{len(l.dirs) - 1, filepath.Base(p), st})
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("reading vulnerability database %s: %w", root, err)
	}
	return srcs, l, nil
}

// racyWindow is how recent a stamp may be and still be trusted to change
// with the next write: file systems keep times in ticks (a jiffy on Linux
// without fine-grained timestamps, two seconds on FAT), and a record written
// again within the tick in which it was stamped, at the same size, would
// keep its stamp. A database whose newest stamp is this close to the
// listing is not indexed; the next scan indexes it.
var racyWindow = 2 * time.Second

// racy reports whether some stamp of the listing is too recent to tell a
// later write.
func (l *dirListing) racy() bool {
	limit := l.taken.Add(-racyWindow).UnixNano()
	for _, d := range l.dirs {
		if d.stamp.newest() >= limit {
			return true
		}
	}
	for _, f := range l.files {
		if f.stamp.newest() >= limit {
			return true
		}
	}
	return false
}

// current reports whether the folder at root is as listed: each folder and
// record file has its stamp. A folder's times change when an entry is
// added to it, removed or renamed, so the stamps of the folders stand for
// their listings, and those of the files for their content.
func (l *dirListing) current(root string) bool {
	paths := make([]string, len(l.dirs))
	for i, d := range l.dirs {
		paths[i] = filepath.Join(root, d.rel)
		if st, err := lstamp(paths[i]); err != nil || st != d.stamp || !st.isDir() {
			return false
		}
	}
	for _, f := range l.files {
		if st, err := lstamp(paths[f.dir] + string(filepath.Separator) + f.name); err != nil || st != f.stamp {
			return false
		}
	}
	return true
}

// listZip lists the records of an open zip, in archive order.
func listZip(path string, zr *zip.Reader) []recordSource {
	var srcs []recordSource
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
	}
	return srcs
}

var errBadIndex = errors.New("index does not match the database")

// openIndexed opens the database at path through the index in file, or
// fails when the index is missing, unreadable or does not match.
func openIndexed(file, path string, isDir bool) (*DB, error) {
	r, h, err := openIndex(file)
	if err != nil {
		return nil, err
	}
	if !h.matches(path, isDir) {
		r.f.Close()
		return nil, errBadIndex
	}
	db := &DB{
		Source: path, Records: h.records, Withdrawn: h.withdrawn, Latest: h.latest,
		byName: map[string][]*affectedEntry{}, lazy: r,
	}
	for _, e := range h.errors {
		db.Errors = append(db.Errors, errors.New(e))
	}
	// The index file stays open for the packages read later; the database
	// lives as long as the scan.
	return db, nil
}

// matches reports whether the database at path is the one the index was
// written from.
func (h *indexHeader) matches(path string, isDir bool) bool {
	switch {
	case isDir && h.origin.dir != nil:
		return h.origin.dir.current(path)
	case !isDir && h.origin.zip != nil:
		sum, err := zipSumFile(path)
		return err == nil && string(sum) == string(h.origin.zip)
	}
	return false
}

// entries returns the affected sections of the package key (normalized), in
// database order, as a whole decode would have them.
func (db *DB) entries(key string) []*affectedEntry {
	r := db.lazy
	if r == nil {
		return db.byName[key]
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if es, ok := db.byName[key]; ok {
		return es
	}
	var es []*affectedEntry
	if r.full != nil {
		es = r.full.byName[key]
	} else if ref, ok := r.pkgs[key]; ok {
		var err error
		if es, err = r.read(ref); err != nil {
			// The index was damaged after its header was checked: answer
			// from the database itself from now on.
			r.full = r.fallback(db.Source)
			es = r.full.byName[key]
		}
	}
	db.byName[key] = es
	return es
}

// fallback decodes the database whole, to answer in place of an index found
// damaged, and rewrites the index.
func (r *indexReader) fallback(path string) *DB {
	full, err := LoadDB(path)
	if err != nil {
		return &DB{byName: map[string][]*affectedEntry{}}
	}
	_ = writeIndex(r.file, full)
	return full
}
