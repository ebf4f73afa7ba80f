package deps

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/djsec/djsec/internal/testenv"
)

// writeIndexedDB writes a small OSV database: one record per package pkg0..,
// each affecting versions before 1.<i>, a record naming two packages (one in
// another spelling), a withdrawn record and an unreadable one.
func writeIndexedDB(t *testing.T, dir string, n int) map[string]string {
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

func lowerMinIndexed(t *testing.T) {
	old := minIndexed
	minIndexed = 1
	t.Cleanup(func() { minIndexed = old })
}

func TestIndexDir(t *testing.T) {
	lowerMinIndexed(t)
	db, idx := t.TempDir(), t.TempDir()
	writeIndexedDB(t, db, 12)
	want, err := LoadDB(db)
	if err != nil {
		t.Fatal(err)
	}
	open := func(wantLazy bool) {
		t.Helper()
		got, err := OpenDB(db, idx)
		if err != nil {
			t.Fatal(err)
		}
		if (got.lazy != nil) != wantLazy {
			t.Fatalf("opened through the index: %v, want %v", got.lazy != nil, wantLazy)
		}
		sameDB(t, got, want)
	}
	open(false) // builds the index
	open(true)  // uses it
	open(true)

	// A database that changes gets a new index.
	writeIndexedDB(t, db, 13)
	touch := filepath.Join(db, "pkg3/PYSEC-2024-3.json")
	if err := os.Chtimes(touch, time.Now(), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if want, err = LoadDB(db); err != nil {
		t.Fatal(err)
	}
	if want.Packages() != 14 {
		t.Fatalf("got %d packages after the change, want 14", want.Packages())
	}
	open(false)
	open(true)
}

func TestIndexUntrusted(t *testing.T) {
	lowerMinIndexed(t)
	db, idx := t.TempDir(), t.TempDir()
	writeIndexedDB(t, db, 5)
	want, err := LoadDB(db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := OpenDB(db, idx); err != nil {
		t.Fatal(err)
	}
	file := indexFile(idx, db)
	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := readIndex(file, want.fingerprint, want.Records+len(want.Errors))
	if err != nil {
		t.Fatalf("the index just written does not read back: %v", err)
	}
	forge := func(f func(ix *index)) string {
		c := *ix
		c.Names = map[string][]int{}
		for k, v := range ix.Names {
			c.Names[k] = append([]int(nil), v...)
		}
		f(&c)
		data, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	n := ix.Sources
	bad := map[string]string{
		"garbage":          "\x00\xffnot an index",
		"empty":            "",
		"truncated":        string(good[:len(good)/2]),
		"other format":     forge(func(ix *index) { ix.Format = "djsec-osv-index 0" }),
		"other database":   forge(func(ix *index) { ix.Fingerprint = "00" }),
		"record past end":  forge(func(ix *index) { ix.Names["pkg0"] = []int{n} }),
		"negative record":  forge(func(ix *index) { ix.Names["pkg0"] = []int{-1} }),
		"unsorted records": forge(func(ix *index) { ix.Names["pkg0"] = []int{2, 1} }),
		"unnormalized":     forge(func(ix *index) { ix.Names["Some_Lib"] = ix.Names["some-lib"] }),
		"counts":           forge(func(ix *index) { ix.Records += 3 }),
		"withdrawn":        forge(func(ix *index) { ix.Withdrawn = ix.Records + 1 }),
	}
	for name, body := range bad {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := OpenDB(db, idx)
			if err != nil {
				t.Fatal(err)
			}
			if got.lazy != nil {
				t.Fatalf("a bad index was used")
			}
			sameDB(t, got, want)
			// ... and replaced by a good one.
			got, err = OpenDB(db, idx)
			if err != nil {
				t.Fatal(err)
			}
			if got.lazy == nil {
				t.Fatalf("the bad index was not rebuilt")
			}
			sameDB(t, got, want)
		})
	}
	// An index of another database is ignored too.
	other := t.TempDir()
	writeIndexedDB(t, other, 3)
	otherDB, err := OpenDB(other, idx)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeIndex(file, otherDB); err != nil {
		t.Fatal(err)
	}
	if got, err := OpenDB(db, idx); err != nil || got.lazy != nil {
		t.Fatalf("the index of another database was used (err %v)", err)
	}
}

func TestIndexZip(t *testing.T) {
	lowerMinIndexed(t)
	src, idx := t.TempDir(), t.TempDir()
	files := writeIndexedDB(t, src, 7)
	zpath := filepath.Join(t.TempDir(), "all.zip")
	writeZip := func() {
		f, err := os.Create(zpath)
		if err != nil {
			t.Fatal(err)
		}
		zw := zip.NewWriter(f)
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
		f.Close()
	}
	writeZip()
	want, err := LoadDB(zpath)
	if err != nil {
		t.Fatal(err)
	}
	for _, lazy := range []bool{false, true} {
		got, err := OpenDB(zpath, idx)
		if err != nil {
			t.Fatal(err)
		}
		if (got.lazy != nil) != lazy {
			t.Fatalf("opened through the index: %v, want %v", got.lazy != nil, lazy)
		}
		sameDB(t, got, want)
	}
	// A new export replaces the old one: the index is rebuilt.
	files["pkg9/PYSEC-2024-9.json"] = `{"id": "PYSEC-2024-9", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": {"name": "pkg9", "ecosystem": "PyPI"}, "versions": ["1.0"]}]}`
	writeZip()
	if want, err = LoadDB(zpath); err != nil {
		t.Fatal(err)
	}
	got, err := OpenDB(zpath, idx)
	if err != nil {
		t.Fatal(err)
	}
	if got.lazy != nil {
		t.Fatal("the index of the old export was used")
	}
	sameDB(t, got, want)
}

// TestIndexUpdate: `djsec db update` leaves the index of the new database,
// so that the first scan after it is already fast.
func TestIndexUpdate(t *testing.T) {
	lowerMinIndexed(t)
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
