package deps

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/djsec/djsec/internal/testenv"
)

// writeIndexedDB writes a small OSV database: one record per package pkg0..,
// each affecting versions before 1.<i>, a record naming two packages (one in
// another spelling), a withdrawn record and an unreadable one.
func writeIndexedDB(t testing.TB, dir string, n int) map[string]string {
	t.Helper()
	files := map[string]string{}
	for i := range n {
		files[fmt.Sprintf("pkg%d/PYSEC-2024-%d.json", i, i)] = fmt.Sprintf(`{"id": "PYSEC-2024-%d", "summary": "flaw %d",
 "modified": "2024-0%d-01T00:00:00Z", "aliases": ["CVE-2024-%d"],
 "affected": [{"package": {"name": "Pkg%d", "ecosystem": "PyPI"},
  "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.%d"}]}]}]}`, i, i, 1+i%9, 1000+i, i, i)
	}
	files["shared/GHSA-aaaa-bbbb-cccc.yaml"] = `id: GHSA-aaaa-bbbb-cccc
summary: shared flaw
aliases: [CVE-2024-1000]
modified: "2025-02-01T00:00:00Z"
affected:
  - package: {name: pkg0, ecosystem: PyPI}
    versions: ["1.0.1"]
    ranges: [{type: ECOSYSTEM, events: [{introduced: "0"}, {fixed: "2.0"}]}]
  - package: {name: Some_Lib, ecosystem: PyPI}
    ranges: [{type: ECOSYSTEM, events: [{introduced: "1.0"}, {fixed: "1.5"}]}]
  - package: {name: some-lib, ecosystem: npm}
`
	files["withdrawn/PYSEC-2020-1.yaml"] = "id: PYSEC-2020-1\nwithdrawn: \"2021-01-01T00:00:00Z\"\naffected:\n  - package: {name: pkg1, ecosystem: PyPI}\n"
	files["broken/PYSEC-2020-2.json"] = "{not json"
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// sameDB checks that got answers as want, a whole decode, does.
func sameDB(t *testing.T, got, want *DB) {
	t.Helper()
	if got.Records != want.Records || got.Withdrawn != want.Withdrawn || !got.Latest.Equal(want.Latest) ||
		got.Packages() != want.Packages() || len(got.Errors) != len(want.Errors) || got.Source != want.Source {
		t.Errorf("got %d records, %d withdrawn, latest %s, %d packages, %d errors, source %s; want %d, %d, %s, %d, %d, %s",
			got.Records, got.Withdrawn, got.Latest, got.Packages(), len(got.Errors), got.Source,
			want.Records, want.Withdrawn, want.Latest, want.Packages(), len(want.Errors), want.Source)
	}
	for _, name := range []string{"pkg0", "PKG0", "pkg1", "pkg7", "some-lib", "Some.Lib", "django", "requests", "pillow", "jinja2", "urllib3", "cryptography", "no-such"} {
		for _, v := range []string{"0.9", "1.0.1", "1.2", "1.4", "3.2.0", "4.1.9", "2.25.0", "9.0"} {
			g, gerr := got.Check(name, v)
			w, werr := want.Check(name, v)
			if !reflect.DeepEqual(g, w) || (gerr == nil) != (werr == nil) {
				t.Errorf("Check(%s, %s) = %+v, %v; want %+v, %v", name, v, g, gerr, w, werr)
			}
		}
	}
}

// indexTest makes small databases worth an index, and shortens the window
// in which a database is too freshly written to be indexed; settle waits it
// out.
func indexTest(t *testing.T) {
	oldMin, oldRacy := minIndexed, racyWindow
	minIndexed, racyWindow = 1, 50*time.Millisecond
	t.Cleanup(func() { minIndexed, racyWindow = oldMin, oldRacy })
}

func settle() { time.Sleep(racyWindow + 20*time.Millisecond) }

// openDB opens the database at db through the index in idx and checks that
// it answers as a whole decode and went through the index or not.
func openDB(t *testing.T, db, idx string, wantLazy bool) {
	t.Helper()
	want, err := LoadDB(db)
	if err != nil {
		t.Fatal(err)
	}
	got, err := OpenDB(db, idx)
	if err != nil {
		t.Fatal(err)
	}
	if (got.lazy != nil) != wantLazy {
		t.Fatalf("opened through the index: %v, want %v", got.lazy != nil, wantLazy)
	}
	sameDB(t, got, want)
}

// reindex opens the database until its index is written again, and checks
// that it then answers through it.
func reindex(t *testing.T, db, idx string) {
	t.Helper()
	settle()
	openDB(t, db, idx, false)
	openDB(t, db, idx, true)
}

func TestIndexDir(t *testing.T) {
	indexTest(t)
	db, idx := t.TempDir(), t.TempDir()
	writeIndexedDB(t, db, 12)
	settle()
	openDB(t, db, idx, false) // builds the index
	openDB(t, db, idx, true)  // uses it
	openDB(t, db, idx, true)
	if _, err := os.Stat(indexFile(idx, db)); err != nil {
		t.Fatalf("no index where expected: %v", err)
	}
}

// TestIndexOldFormatRemoved: the JSON index earlier builds kept for the
// same database goes once the new index is written; others stay.
func TestIndexOldFormatRemoved(t *testing.T) {
	indexTest(t)
	db, idx := t.TempDir(), t.TempDir()
	writeIndexedDB(t, db, 12)
	settle()
	old := strings.TrimSuffix(indexFile(idx, db), ".idx") + ".json"
	other := filepath.Join(idx, "pypi-000000000000000000000000.json")
	for _, f := range []string{old, other} {
		if err := os.WriteFile(f, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	openDB(t, db, idx, false)
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("the old index of this database is still there: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another database's old index went: %v", err)
	}
}

// TestIndexInvalidated: any change to the records of a folder, in place or
// not, makes its index unused until it is rebuilt.
func TestIndexInvalidated(t *testing.T) {
	indexTest(t)
	const rec = "pkg3/PYSEC-2024-3.json"
	edit := func(t *testing.T, db string) {
		// Same size, same file: only the file's own times tell.
		p := filepath.Join(db, rec)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		changed := bytes.Replace(data, []byte(`"fixed": "1.3"`), []byte(`"fixed": "1.9"`), 1)
		if bytes.Equal(changed, data) {
			t.Fatal("the record to edit has no fixed 1.3")
		}
		f, err := os.OpenFile(p, os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteAt(changed, 0); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	tests := []struct {
		name   string
		change func(t *testing.T, db string)
		linux  bool // needs the change time
	}{
		{name: "record edited in place", change: edit},
		{name: "record edited, times put back", linux: true, change: func(t *testing.T, db string) {
			p := filepath.Join(db, rec)
			info, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			edit(t, db)
			if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "record added to a folder", change: func(t *testing.T, db string) {
			write(t, filepath.Join(db, "pkg3/GHSA-new.json"), `{"id": "GHSA-new", "affected": [{"package": {"name": "pkg3", "ecosystem": "PyPI"}, "versions": ["1.0.1"]}]}`)
		}},
		{name: "folder of records added", change: func(t *testing.T, db string) {
			write(t, filepath.Join(db, "newpkg/PYSEC-2025-1.yaml"), "id: PYSEC-2025-1\naffected:\n  - package: {name: newpkg, ecosystem: PyPI}\n    versions: [\"1.0.1\"]\n")
		}},
		{name: "record removed", change: func(t *testing.T, db string) {
			if err := os.Remove(filepath.Join(db, rec)); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "record renamed", change: func(t *testing.T, db string) {
			if err := os.Rename(filepath.Join(db, rec), filepath.Join(db, "pkg3/PYSEC-2024-3.yml.json")); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "record replaced by a copy", change: func(t *testing.T, db string) {
			p := filepath.Join(db, rec)
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			write(t, p+".tmp", string(data))
			if err := os.Rename(p+".tmp", p); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.linux && runtime.GOOS != "linux" {
				t.Skip("the change time is read on Linux only")
			}
			db, idx := t.TempDir(), t.TempDir()
			writeIndexedDB(t, db, 12)
			reindex(t, db, idx)
			dirBefore, err := lstamp(filepath.Join(db, "pkg3"))
			if err != nil {
				t.Fatal(err)
			}
			tt.change(t, db)
			if dirAfter, _ := lstamp(filepath.Join(db, "pkg3")); tt.name == "record edited in place" && dirAfter != dirBefore {
				t.Fatalf("editing a record in place changed its folder's stamp: the test shows nothing")
			}
			openDB(t, db, idx, false)
			reindex(t, db, idx)
		})
	}
}

func write(t *testing.T, p, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestIndexRacy: a database written so recently that a further write might
// keep its stamps is not indexed.
func TestIndexRacy(t *testing.T) {
	indexTest(t)
	racyWindow = time.Hour
	db, idx := t.TempDir(), t.TempDir()
	writeIndexedDB(t, db, 5)
	openDB(t, db, idx, false)
	openDB(t, db, idx, false)
	if _, err := os.Stat(indexFile(idx, db)); err == nil {
		t.Fatal("a racy database was indexed")
	}
}

// TestIndexUntrusted: a damaged index, wherever the damage, is never
// trusted: the database answers as decoded whole, and the index is rebuilt.
func TestIndexUntrusted(t *testing.T) {
	indexTest(t)
	db, idx := t.TempDir(), t.TempDir()
	writeIndexedDB(t, db, 9)
	reindex(t, db, idx)
	file := indexFile(idx, db)
	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	bad := map[string][]byte{
		"garbage":        []byte("\x00\xffnot an index"),
		"empty":          nil,
		"format only":    []byte(indexFormat),
		"older format":   append([]byte("djsec-osv-index 1\n"), good[len(indexFormat):]...),
		"header cut":     good[:len(indexFormat)+20],
		"entries cut":    good[:len(good)-10],
		"trailing bytes": append(append([]byte(nil), good...), 0),
	}
	// A byte changed anywhere: the magic, the header's length and sum, the
	// header, any package's entries.
	for i := 0; i < len(good); i += 1 + len(good)/300 {
		b := append([]byte(nil), good...)
		b[i] ^= 0x5a
		bad[fmt.Sprintf("byte %d changed", i)] = b
	}
	for name, body := range bad {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(file, body, 0o644); err != nil {
				t.Fatal(err)
			}
			want, err := LoadDB(db)
			if err != nil {
				t.Fatal(err)
			}
			got, err := OpenDB(db, idx)
			if err != nil {
				t.Fatal(err)
			}
			sameDB(t, got, want)
			// ... and replaced by a good one.
			openDB(t, db, idx, true)
		})
	}
	// A sound index of another database is ignored too.
	other, otherIdx := t.TempDir(), t.TempDir()
	writeIndexedDB(t, other, 3)
	reindex(t, other, otherIdx)
	data, err := os.ReadFile(indexFile(otherIdx, other))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	openDB(t, db, idx, false)
}

func writeZip(t *testing.T, zpath string, files map[string]string, comment string) {
	t.Helper()
	f, err := os.Create(zpath)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		w, err := zw.Create(filepath.Base(name))
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(files[name]))
	}
	if err := zw.SetComment(comment); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestIndexZip(t *testing.T) {
	indexTest(t)
	src, idx := t.TempDir(), t.TempDir()
	files := writeIndexedDB(t, src, 7)
	zpath := filepath.Join(t.TempDir(), "all.zip")
	writeZip(t, zpath, files, "an export")
	// An archive is recognized by its content: no wait.
	openDB(t, zpath, idx, false)
	openDB(t, zpath, idx, true)
	openDB(t, zpath, idx, true)

	// A new export replaces the old one: the index is rebuilt.
	files["pkg9/PYSEC-2024-9.json"] = `{"id": "PYSEC-2024-9", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": {"name": "pkg9", "ecosystem": "PyPI"}, "versions": ["1.0"]}]}`
	writeZip(t, zpath, files, "an export")
	openDB(t, zpath, idx, false)
	openDB(t, zpath, idx, true)

	// One record changed in place, same size, same names, same time.
	files["pkg2/PYSEC-2024-2.json"] = strings.Replace(files["pkg2/PYSEC-2024-2.json"], `"fixed": "1.2"`, `"fixed": "1.8"`, 1)
	writeZip(t, zpath, files, "an export")
	openDB(t, zpath, idx, false)
	openDB(t, zpath, idx, true)
}

// TestZipSum: the sum of an archive changes with any entry, and its comment.
func TestZipSum(t *testing.T) {
	files := map[string]string{"a.json": "{}", "b.json": `{"id": "b"}`}
	dir := t.TempDir()
	sum := func(files map[string]string, comment string) string {
		t.Helper()
		p := filepath.Join(dir, "x.zip")
		writeZip(t, p, files, comment)
		s, err := zipSumFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(s)
	}
	base := sum(files, "")
	if again := sum(files, ""); again != base {
		t.Fatal("the same archive has two sums")
	}
	for name, other := range map[string]map[string]string{
		"content":     {"a.json": "{}", "b.json": `{"id": "c"}`},
		"entry added": {"a.json": "{}", "b.json": `{"id": "b"}`, "c.json": "{}"},
		"renamed":     {"a.json": "{}", "c.json": `{"id": "b"}`},
	} {
		if sum(other, "") == base {
			t.Errorf("%s: the sum did not change", name)
		}
	}
	if sum(files, "comment") == base {
		t.Errorf("comment: the sum did not change")
	}
	p := filepath.Join(dir, "not.zip")
	write(t, p, "not a zip at all, though long enough to hold an end record")
	if _, err := zipSumFile(p); err == nil {
		t.Error("a file that is no zip has a sum")
	}
}

// TestZipSum64: archives of more than 65,535 entries end in zip64 records.
func TestZipSum64(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a zip of 70,000 entries")
	}
	files := map[string]string{}
	for i := range 70000 {
		files[fmt.Sprintf("%d.json", i)] = ""
	}
	p := filepath.Join(t.TempDir(), "big.zip")
	writeZip(t, p, files, "")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, _ := f.Stat()
	start, err := zipDirStart(f, info.Size())
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(f, info.Size())
	if err != nil {
		t.Fatal(err)
	}
	first, _ := zr.File[0].DataOffset()
	if start <= first || start >= info.Size() {
		t.Fatalf("central directory found at %d, want after the first entry's data at %d", start, first)
	}
}

// TestIndexUpdate: `djsec db update` leaves the index of the new database,
// so that the first scan after it is already fast.
func TestIndexUpdate(t *testing.T) {
	indexTest(t)
	src := t.TempDir()
	files := writeIndexedDB(t, src, 6)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(filepath.Base(name))
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(buf.Bytes()) }))
	defer srv.Close()
	dir := t.TempDir()
	if _, err := Update(context.Background(), srv.Client(), srv.URL, dir, time.Now()); err != nil {
		t.Fatal(err)
	}
	path, ok := CachedDB(dir)
	if !ok {
		t.Fatal("no database after the update")
	}
	want, err := LoadDB(path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := OpenDB(path, filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	if got.lazy == nil {
		t.Fatal("the first open after an update decoded the database whole")
	}
	sameDB(t, got, want)
}

// TestIndexPyPA: through its index, the real database answers exactly as
// decoded whole.
func TestIndexPyPA(t *testing.T) {
	want := loadPyPA(t)
	dir := testenv.NeedAdvisoryDB(t)
	idx := t.TempDir()
	for _, lazy := range []bool{false, true} {
		got, err := OpenDB(dir, idx)
		if err != nil {
			t.Fatal(err)
		}
		if (got.lazy != nil) != lazy {
			t.Fatalf("opened through the index: %v, want %v", got.lazy != nil, lazy)
		}
		sameDB(t, got, want)
		// Every package, as a whole decode answers.
		for name := range want.byName {
			for _, v := range []string{"0.1", "1.0", "2.0", "3.2.0"} {
				g, _ := got.Check(name, v)
				w, _ := want.Check(name, v)
				if !reflect.DeepEqual(g, w) {
					t.Errorf("Check(%s, %s) = %+v; want %+v", name, v, g, w)
				}
			}
		}
	}
}
