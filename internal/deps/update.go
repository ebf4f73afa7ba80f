package deps

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// DefaultURL is OSV's export of every PyPI record as one zip of JSON files.
const DefaultURL = "https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip"

// maxDownload bounds the export's size; it is tens of megabytes today.
const maxDownload = 1 << 30

const (
	dbFile   = "PyPI-all.zip"
	metaFile = "meta.json"
)

// CacheDir is where `djsec db update` keeps the database: djsec/osv under the
// user cache directory (os.UserCacheDir: $XDG_CACHE_HOME or ~/.cache on
// Linux, ~/Library/Caches on macOS, %LocalAppData% on Windows), or osv under
// $DJSEC_CACHE_DIR when that is set.
func CacheDir() (string, error) {
	if dir := os.Getenv("DJSEC_CACHE_DIR"); dir != "" {
		return filepath.Join(dir, "osv"), nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("finding the user cache directory: %w", err)
	}
	return filepath.Join(dir, "djsec", "osv"), nil
}

// CachedDB returns the path of the database in dir when one was downloaded.
func CachedDB(dir string) (string, bool) {
	p := filepath.Join(dir, dbFile)
	_, err := os.Stat(p)
	return p, err == nil
}

// Meta records where and when the cached database was fetched.
type Meta struct {
	Source       string    `json:"source"`
	Fetched      time.Time `json:"fetched"`
	Checked      time.Time `json:"checked"` // last time the source was asked, changed or not
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Records      int       `json:"records"`
}

// ReadMeta reads the metadata kept beside a cached database.
func ReadMeta(dir string) (*Meta, error) {
	data, err := os.ReadFile(filepath.Join(dir, metaFile))
	if err != nil {
		return nil, err
	}
	m := new(Meta)
	if err := json.Unmarshal(data, m); err != nil {
		return nil, fmt.Errorf("reading %s: %w", filepath.Join(dir, metaFile), err)
	}
	return m, nil
}

// Update downloads the OSV export at url into dir. The download goes to a
// temporary file and replaces the database only once it has been read back
// successfully, so an interrupted or corrupt download never leaves the user
// without the previous database. A server answering 304 Not Modified to the
// conditional request leaves the database as it is.
func Update(ctx context.Context, client *http.Client, url, dir string, now time.Time) (*Meta, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", dir, err)
	}
	old, _ := ReadMeta(dir)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("downloading %s: %w", url, err)
	}
	req.Header.Set("User-Agent", "djsec (https://github.com/djsec/djsec)")
	_, haveDB := CachedDB(dir)
	if old != nil && old.Source == url && haveDB {
		if old.ETag != "" {
			req.Header.Set("If-None-Match", old.ETag)
		}
		if old.LastModified != "" {
			req.Header.Set("If-Modified-Since", old.LastModified)
		}
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("downloading %s: %w", url, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified && old != nil:
		old.Checked = now
		return old, writeMeta(dir, old)
	case resp.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("downloading %s: %s", url, resp.Status)
	}
	db, err := saveZip(dir, resp.Body)
	if err != nil {
		return nil, fmt.Errorf("downloading %s: %w", url, err)
	}
	m := &Meta{
		Source: url, Fetched: now, Checked: now,
		ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"),
		Records: db.Records,
	}
	return m, writeMeta(dir, m)
}

// saveZip writes body to a temporary file in dir, checks that it is an OSV
// database, and moves it into place.
func saveZip(dir string, body io.Reader) (*DB, error) {
	tmp, err := os.CreateTemp(dir, dbFile+".*.tmp")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name()) // after a successful rename this fails harmlessly
	n, err := io.Copy(tmp, io.LimitReader(body, maxDownload+1))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	if n > maxDownload {
		return nil, fmt.Errorf("larger than %d bytes", maxDownload)
	}
	db, err := LoadDB(tmp.Name())
	if err != nil {
		return nil, fmt.Errorf("not an OSV zip: %w", unwrapPath(err))
	}
	if db.Records == 0 {
		return nil, errors.New("the archive holds no OSV records")
	}
	final := filepath.Join(dir, dbFile)
	if err := os.Rename(tmp.Name(), final); err != nil {
		return nil, err
	}
	// The index of the new database, so that the next scan need not decode
	// it whole; a scan rebuilds it if this fails.
	_ = writeIndex(indexFile(filepath.Join(dir, "index"), final), db)
	return db, nil
}

func writeMeta(dir string, m *Meta) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, metaFile+".tmp")
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", tmp, err)
	}
	return os.Rename(tmp, filepath.Join(dir, metaFile))
}

// Status describes a database for `djsec db status`.
type Status struct {
	Path      string
	Source    string    // where it came from: the download URL, or the path given
	Records   int       // records read, withdrawn included
	Withdrawn int       // records ignored as withdrawn
	Packages  int       // packages with at least one advisory
	Fetched   time.Time // when it was downloaded; zero for a local directory or zip
	Latest    time.Time // the newest record's modification time
	Errors    int       // records that could not be read
}

// ReadStatus loads the database at path and describes it; dir is the cache
// directory whose metadata applies when path is the cached database.
func ReadStatus(path, dir string) (*Status, error) {
	db, err := OpenDB(path, filepath.Join(dir, "index"))
	if err != nil {
		return nil, err
	}
	st := &Status{
		Path: path, Source: path, Records: db.Records, Withdrawn: db.Withdrawn,
		Packages: db.Packages(), Latest: db.Latest, Errors: len(db.Errors),
	}
	if cached, ok := CachedDB(dir); ok && sameFile(cached, path) {
		if m, err := ReadMeta(dir); err == nil {
			st.Source, st.Fetched = m.Source, m.Fetched
		}
	}
	return st, nil
}

func sameFile(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}
