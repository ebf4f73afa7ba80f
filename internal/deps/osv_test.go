package deps

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMatchRange(t *testing.T) {
	type ev = map[string]string
	tests := []struct {
		name     string
		events   []ev
		version  string
		affected bool
		fix      string
	}{
		{"introduced 0", []ev{{"introduced": "0"}, {"fixed": "1.5"}}, "0.1", true, "1.5"},
		{"at the fix", []ev{{"introduced": "0"}, {"fixed": "1.5"}}, "1.5", false, ""},
		{"pre-release of the fix", []ev{{"introduced": "0"}, {"fixed": "1.5"}}, "1.5rc1", true, "1.5"},
		{"several lines", []ev{{"introduced": "3.2"}, {"fixed": "3.2.20"}, {"introduced": "4.0"}, {"fixed": "4.1.10"}}, "4.0.5", true, "4.1.10"},
		{"between lines", []ev{{"introduced": "3.2"}, {"fixed": "3.2.20"}, {"introduced": "4.0"}, {"fixed": "4.1.10"}}, "3.2.25", false, ""},
		{"unsorted events", []ev{{"fixed": "4.1.10"}, {"introduced": "4.0"}, {"fixed": "3.2.20"}, {"introduced": "3.2"}}, "3.2.1", true, "3.2.20"},
		{"numeric order, not text", []ev{{"introduced": "1.9"}, {"fixed": "1.10"}}, "1.9.5", true, "1.10"},
		{"last_affected includes", []ev{{"introduced": "1.0"}, {"last_affected": "1.4"}}, "1.4", true, ""},
		{"last_affected excludes above", []ev{{"introduced": "1.0"}, {"last_affected": "1.4"}}, "1.4.1", false, ""},
		{"no upper bound", []ev{{"introduced": "2.0"}}, "9.0", true, ""},
		{"below introduced", []ev{{"introduced": "2.0"}}, "1.9", false, ""},
		{"limit", []ev{{"introduced": "0"}, {"limit": "2.0"}}, "2.1", false, ""},
		{"epoch", []ev{{"introduced": "0"}, {"fixed": "1!1.0"}}, "5.0", true, "1!1.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, ok := parseEvents(tt.events)
			if !ok {
				t.Fatal("parseEvents failed")
			}
			affected, fix := matchRange(evs, MustParseVersion(tt.version))
			if affected != tt.affected || fix != tt.fix {
				t.Errorf("%s in %v: got %v, %q, want %v, %q", tt.version, tt.events, affected, fix, tt.affected, tt.fix)
			}
		})
	}
	if _, ok := parseEvents([]map[string]string{{"introduced": "0"}, {"fixed": "not a version"}}); ok {
		t.Errorf("parseEvents with an invalid fixed version: got ok, want the range dropped")
	}
}

func TestCVSS3BaseScore(t *testing.T) {
	tests := []struct {
		vector string
		want   float64
		sev    string
	}{
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "critical"},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", 7.5, "high"},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, "medium"},
		{"CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8, "high"},
		{"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", 5.9, "medium"},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, "critical"},
		{"CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.8, "low"},
		{"CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N", 0, "info"},
	}
	for _, tt := range tests {
		got, err := CVSS3BaseScore(tt.vector)
		if err != nil || got != tt.want || SeverityOf(got) != tt.sev {
			t.Errorf("CVSS3BaseScore(%s) = %v (%s), %v, want %v (%s)", tt.vector, got, SeverityOf(got), err, tt.want, tt.sev)
		}
	}
	for _, bad := range []string{"", "CVSS:2.0/AV:N", "CVSS:3.1/AV:N/AC:L", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"} {
		if _, err := CVSS3BaseScore(bad); err == nil {
			t.Errorf("CVSS3BaseScore(%q): got no error, want one", bad)
		}
	}
}

// writeRecords writes OSV records into a new directory.
func writeRecords(t *testing.T, records map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range records {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var testRecords = map[string]string{
	// One vulnerability, described by a PYSEC (YAML) and a GHSA (JSON)
	// record that alias each other, with different severities.
	"vulns/django/PYSEC-2023-1.yaml": `
id: PYSEC-2023-1
details: First sentence. Second sentence.
aliases: [CVE-2023-1, GHSA-aaaa-bbbb-cccc]
modified: "2023-01-02T00:00:00Z"
affected:
- package: {name: Django, ecosystem: PyPI}
  ranges:
  - type: ECOSYSTEM
    events: [{introduced: "4.0"}, {fixed: "4.1.5"}]
`,
	"GHSA-aaaa-bbbb-cccc.json": `{"id": "GHSA-aaaa-bbbb-cccc", "aliases": ["CVE-2023-1"], "modified": "2023-03-01T00:00:00Z",
		"summary": "GHSA summary",
		"severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
		"affected": [{"package": {"name": "django", "ecosystem": "PyPI"},
			"ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "4.0"}, {"fixed": "4.1.6"}]}]}]}`,
	// A second vulnerability, with only a qualitative severity.
	"vulns/django/PYSEC-2023-2.yml": `
id: PYSEC-2023-2
details: Another one.
aliases: [CVE-2023-2]
database_specific: {severity: MODERATE}
affected:
- package: {name: django, ecosystem: PyPI}
  ranges:
  - type: ECOSYSTEM
    events: [{introduced: "0"}, {fixed: "4.1.3"}]
`,
	// Introduced in the fix of the first: the upgrade must step over it.
	"vulns/django/PYSEC-2023-3.yaml": `
id: PYSEC-2023-3
details: A regression.
affected:
- package: {name: django, ecosystem: PyPI}
  ranges:
  - type: ECOSYSTEM
    events: [{introduced: "4.1.6"}, {fixed: "4.1.8"}]
`,
	"vulns/django/PYSEC-2023-4.yaml": `
id: PYSEC-2023-4
withdrawn: 2023-05-01T00:00:00Z
affected:
- package: {name: django, ecosystem: PyPI}
  ranges:
  - type: ECOSYSTEM
    events: [{introduced: "0"}]
`,
	// Another ecosystem's package of the same name is no concern.
	"npm-1.json": `{"id": "GHSA-npm", "affected": [{"package": {"name": "django", "ecosystem": "npm"},
		"ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}]}`,
	"broken.yaml": "id: [unclosed\n",
	"README.md":   "not a record",
}

func TestDBCheck(t *testing.T) {
	db, err := LoadDB(writeRecords(t, testRecords))
	if err != nil {
		t.Fatal(err)
	}
	if db.Records != 6 || db.Withdrawn != 1 || len(db.Errors) != 1 {
		t.Errorf("got %d records, %d withdrawn, %d errors, want 6, 1, 1", db.Records, db.Withdrawn, len(db.Errors))
	}
	if got := db.Latest.Format("2006-01-02"); got != "2023-03-01" {
		t.Errorf("got latest %s, want 2023-03-01", got)
	}
	tests := []struct {
		version string
		want    []string // "ids severity fixed" per vulnerability
		upgrade string
	}{
		{"4.0.1", []string{
			"PYSEC-2023-1,GHSA-aaaa-bbbb-cccc,CVE-2023-1 critical 4.1.6",
			"PYSEC-2023-2,CVE-2023-2 medium 4.1.3",
		}, "4.1.8"},
		{"4.1.4", []string{"PYSEC-2023-1,GHSA-aaaa-bbbb-cccc,CVE-2023-1 critical 4.1.6"}, "4.1.8"},
		{"4.1.7", []string{"PYSEC-2023-3 - 4.1.8"}, "4.1.8"},
		{"4.1.8", nil, ""},
		// 4.1.3 fixes the one vulnerability of 3.2 but has two others: the
		// advice steps over them.
		{"3.2", []string{"PYSEC-2023-2,CVE-2023-2 medium 4.1.3"}, "4.1.8"},
	}
	for _, tt := range tests {
		t.Run(tt.version, func(t *testing.T) {
			rep, err := db.Check("DJANGO", tt.version)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, vu := range rep.Vulns {
				got = append(got, strings.Join(vu.IDs, ",")+" "+orDash(vu.Severity)+" "+vu.Fixed)
			}
			compareLists(t, "vulnerabilities", got, tt.want)
			if rep.Upgrade != tt.upgrade {
				t.Errorf("got upgrade %q, want %q", rep.Upgrade, tt.upgrade)
			}
		})
	}
	if _, err := db.Check("django", "not-a-version"); err == nil {
		t.Errorf("Check with an invalid version: got no error, want one")
	}
}

func TestLoadZip(t *testing.T) {
	p := filepath.Join(t.TempDir(), "all.zip")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for name, body := range testRecords {
		if strings.HasSuffix(name, ".json") {
			w, _ := zw.Create(name)
			w.Write([]byte(body))
		}
	}
	zw.Close()
	f.Close()
	db, err := LoadDB(p)
	if err != nil {
		t.Fatal(err)
	}
	if db.Records != 2 || db.Packages() != 1 {
		t.Errorf("got %d records for %d packages, want 2 for 1", db.Records, db.Packages())
	}
	if _, err := LoadDB(filepath.Join(t.TempDir(), "missing.zip")); err == nil {
		t.Errorf("LoadDB of a missing file: got no error, want one")
	}
}

func TestIDOrder(t *testing.T) {
	ids := []string{"CVE-2021-1", "PYSEC-2021-10", "GHSA-x", "PYSEC-2021-9", "OSV-1"}
	got := append([]string(nil), ids...)
	sortIDs(got)
	compareLists(t, "ids", got, []string{"PYSEC-2021-9", "PYSEC-2021-10", "GHSA-x", "CVE-2021-1", "OSV-1"})
}
