package cli

import (
	"archive/zip"
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestMain points the user cache at an empty folder, so that a database the
// developer downloaded never changes what the tests see.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "djsec-cache")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	os.Setenv("HOME", dir)
	os.Unsetenv("DJSEC_CACHE_DIR")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// osvZip builds an OSV export with one Django advisory.
func osvZip(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("PYSEC-2022-190.json")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(`{"id": "PYSEC-2022-190", "modified": "2022-08-01T00:00:00Z", "aliases": ["CVE-2022-36359"],
		"affected": [{"package": {"name": "django", "ecosystem": "PyPI"},
		"ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "3.2"}, {"fixed": "3.2.15"}]}]}]}`))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDBUpdateAndStatus downloads a database from a server on the loopback
// interface, asks again (the server answers 304), and describes the result.
func TestDBUpdateAndStatus(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	body := osvZip(t)
	var gets, notModified atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gets.Add(1)
		if r.Header.Get("If-None-Match") == `"v1"` {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write(body)
	}))
	defer srv.Close()

	code, out, stderr := run(t, "db", "update", "--url", srv.URL+"/PyPI/all.zip")
	if code != 0 {
		t.Fatalf("db update: got status %d, want 0; stderr: %s", code, stderr)
	}
	if !strings.Contains(out, "1 records from "+srv.URL) {
		t.Errorf("db update printed %q, want the record count and source", out)
	}
	if code, _, stderr := run(t, "db", "update", "--url", srv.URL+"/PyPI/all.zip"); code != 0 {
		t.Fatalf("second db update: got status %d, want 0; stderr: %s", code, stderr)
	}
	if gets.Load() != 2 || notModified.Load() != 1 {
		t.Errorf("got %d requests with %d answered 304, want 2 with 1", gets.Load(), notModified.Load())
	}

	code, out, stderr = run(t, "db", "status")
	if code != 0 {
		t.Fatalf("db status: got status %d, want 0; stderr: %s", code, stderr)
	}
	for _, want := range []string{"source:    " + srv.URL, "records:   1 (0 withdrawn, ignored), 1 packages", "fetched:", "newest:    2022-08-01"} {
		if !strings.Contains(out, want) {
			t.Errorf("db status printed\n%s\nwant a line with %q", out, want)
		}
	}

	// The scan uses the cached database when --db is not given.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "requirements.txt"), []byte("django==3.2.14\n"), 0o644)
	_, out, _ = run(t, "scan", dir, "--rule", "DJD101")
	if !strings.Contains(out, "django 3.2.14 has 1 known vulnerability (PYSEC-2022-190); upgrade to 3.2.15") {
		t.Errorf("scan with the cached database printed\n%s\nwant the PYSEC-2022-190 finding", out)
	}
	if strings.Contains(out, "fetched") {
		t.Errorf("scan with a fresh database printed\n%s\nwant no note on its age", out)
	}

	// A database fetched a month ago is still used, with a note.
	cache, _ := os.UserCacheDir()
	meta := filepath.Join(cache, "djsec", "osv", "meta.json")
	m, err := os.ReadFile(meta)
	if err != nil {
		t.Fatal(err)
	}
	old := time.Now().AddDate(0, 0, -30).UTC().Format(time.RFC3339)
	m = regexp.MustCompile(`"fetched": "[^"]*"`).ReplaceAll(m, []byte(`"fetched": "`+old+`"`))
	os.WriteFile(meta, m, 0o644)
	_, out, _ = run(t, "scan", dir, "--rule", "DJD101")
	if !strings.Contains(out, "PYSEC-2022-190") || !strings.Contains(out, "was fetched 30 days ago") {
		t.Errorf("scan with a month-old database printed\n%s\nwant the finding and a note on its age", out)
	}
}

func TestDBUpdateKeepsOldDatabaseOnBadDownload(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	good := osvZip(t)
	bad := false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if bad {
			w.Write([]byte("<html>captive portal</html>"))
			return
		}
		w.Write(good)
	}))
	defer srv.Close()
	if code, _, stderr := run(t, "db", "update", "--url", srv.URL); code != 0 {
		t.Fatalf("db update: got status %d, want 0; stderr: %s", code, stderr)
	}
	bad = true
	code, _, stderr := run(t, "db", "update", "--url", srv.URL)
	if code != 2 || !strings.Contains(stderr, "not an OSV zip") {
		t.Errorf("db update of a bad download: got status %d, stderr %q; want 2 and a one-line reason", code, stderr)
	}
	if code, out, _ := run(t, "db", "status"); code != 0 || !strings.Contains(out, "records:   1 ") {
		t.Errorf("after a failed update, db status: got status %d, output %q; want the old database", code, out)
	}
}

func TestDBErrors(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"db"}, "db needs a subcommand"},
		{[]string{"db", "frobnicate"}, `unknown db subcommand "frobnicate"`},
		{[]string{"db", "status", "--db", "/nonexistent/osv"}, "opening vulnerability database"},
		{[]string{"db", "update", "--url", "http://127.0.0.1:1/all.zip"}, "downloading http://127.0.0.1:1/all.zip"},
	}
	for _, tt := range tests {
		code, _, stderr := run(t, tt.args...)
		if code != 2 || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("djsec %s: got status %d, stderr %q; want 2 and one line with %q", strings.Join(tt.args, " "), code, stderr, tt.want)
		}
	}
}

// TestDBStatusWithoutDatabase: having no database is a state, not an
// error: db status exits 0 and says how to get one.
func TestDBStatusWithoutDatabase(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	code, out, stderr := run(t, "db", "status")
	if code != 0 || stderr != "" || !strings.Contains(out, "no vulnerability database in ") || !strings.Contains(out, "djsec db update downloads one") {
		t.Errorf("db status without a database: got status %d, stdout %q, stderr %q; want 0 and how to get one", code, out, stderr)
	}
}

// TestScanWithEmptyDatabase: a --db that holds no records is said, not
// taken for a clean bill of health.
func TestScanWithEmptyDatabase(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "requirements.txt"), []byte("django==5.2.8\n"), 0o644)
	_, out, _ := run(t, "scan", dir, "--db", t.TempDir(), "--format", "text")
	if !strings.Contains(out, "holds no OSV records") {
		t.Errorf("scan with an empty database printed\n%s\nwant a problem saying it is empty", out)
	}
}

// TestScanWithoutDatabase: the scan says once how to get a database and goes
// on with the other checks.
func TestScanWithoutDatabase(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "requirements.txt"), []byte("django==3.2.14\nrequests==2.0.0\n"), 0o644)
	code, out, stderr := run(t, "scan", dir, "--format", "text")
	if code != 1 {
		t.Errorf("got status %d, want 1 (the end-of-life finding); stderr: %s", code, stderr)
	}
	all := out + stderr
	if n := strings.Count(all, "no vulnerability database"); n != 1 {
		t.Errorf("got the no-database note %d times, want once:\n%s", n, all)
	}
	if !strings.Contains(out, "DJD201") {
		t.Errorf("got no DJD201 finding without a database, want the other checks to go on:\n%s", out)
	}
}

// TestDBStatusStale: db status says when a --db database is more than a
// week old.
func TestDBStatusStale(t *testing.T) {
	code, out, _ := run(t, "db", "status", "--db", "../rules/deps/testdata/DJD101/osv")
	if code != 0 || !strings.Contains(out, "stale:     its newest record is more than a week old") {
		t.Errorf("db status of an old database: got %d\n%s", code, out)
	}
}

// TestStaleDatabaseNoted: a --db whose newest record is more than a week
// old is used, and the report says it may miss recent advisories.
func TestStaleDatabaseNoted(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "requirements.txt"), []byte("django==5.2.8\n"), 0o644)
	_, out, _ := run(t, "scan", dir, "--db", "../rules/deps/testdata/DJD101/osv")
	if !strings.Contains(out, "note: the newest record in the vulnerability database ../rules/deps/testdata/DJD101/osv is ") || !strings.Contains(out, "days old (2024-") {
		t.Errorf("no note on the stale database:\n%s", out)
	}
}
