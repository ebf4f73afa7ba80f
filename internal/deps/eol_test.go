package deps

import (
	"strings"
	"testing"
	"time"
)

var today = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func TestReleaseTables(t *testing.T) {
	for name, table := range map[string][]Release{"django": DjangoReleases, "python": PythonReleases} {
		seen := map[string]bool{}
		for i, r := range table {
			if seen[r.Name()] {
				t.Errorf("%s: %s listed twice", name, r.Name())
			}
			seen[r.Name()] = true
			if i > 0 {
				prev := table[i-1]
				if r.Major < prev.Major || (r.Major == prev.Major && r.Minor <= prev.Minor) {
					t.Errorf("%s: %s listed after %s, want release order", name, r.Name(), prev.Name())
				}
			}
		}
	}
	if EOLChecked.After(today) {
		t.Errorf("EOLChecked is %s, after the day the tests run at", EOLChecked.Format(time.DateOnly))
	}
}

func TestEndOfLife(t *testing.T) {
	tests := []struct {
		table   []Release
		version string
		eol     bool
		end     string
	}{
		{DjangoReleases, "3.2.25", true, "2024-04-01"},
		{DjangoReleases, "4.2.16", true, "2026-04-30"},
		{DjangoReleases, "5.2.8", false, "2028-04-30"},
		{DjangoReleases, "6.0", false, "2027-04-30"},
		{DjangoReleases, "1.2.7", true, "2014-09-02"}, // older than the table: its oldest end
		{PythonReleases, "3.8.10", true, "2024-10-07"},
		{PythonReleases, "3.9", true, "2025-10-31"},
		{PythonReleases, "3.10.15", true, "2026-10-31"},
		{PythonReleases, "3.11", false, "2027-10-31"},
		{PythonReleases, "2.7.18", true, "2020-01-01"},
	}
	for _, tt := range tests {
		r, ok := FindRelease(tt.table, MustParseVersion(tt.version))
		if !ok {
			t.Errorf("FindRelease(%s): not found", tt.version)
			continue
		}
		if got := r.End.Format(time.DateOnly); got != tt.end || r.EndOfLife(today) != tt.eol {
			t.Errorf("%s: got end %s, end of life %v, want %s, %v", tt.version, got, r.EndOfLife(today), tt.end, tt.eol)
		}
	}
	if r, _ := FindRelease(DjangoReleases, MustParseVersion("1.2")); r.EndString() != "on or before 2014-09-02" {
		t.Errorf("Django 1.2: got end %q, want %q", r.EndString(), "on or before 2014-09-02")
	}
	if r, ok := FindRelease(DjangoReleases, MustParseVersion("9.0")); ok {
		t.Errorf("FindRelease(9.0) = %s, want not found: an unknown future release is never reported", r.Name())
	}
	// Support runs through its last day.
	r := rel(3, 8, "2024-10-07")
	if r.EndOfLife(time.Date(2024, 10, 7, 23, 59, 0, 0, time.UTC)) {
		t.Errorf("3.8 is end of life on its last day of support, want not yet")
	}
	if !r.EndOfLife(time.Date(2024, 10, 8, 0, 0, 1, 0, time.UTC)) {
		t.Errorf("3.8 is not end of life the day after, want it to be")
	}
}

func TestAdmittedReleases(t *testing.T) {
	tests := []struct {
		spec string
		want string
	}{
		{">=3.8", "3.8 3.9 3.10 3.11 3.12 3.13 3.14 3.15"},
		{"==3.8.*", "3.8"},
		{"==3.8.10", "3.8"},
		{"~=3.8.5", "3.8"},
		{"~=3.9", "3.9 3.10 3.11 3.12 3.13 3.14 3.15"},
		{">=3.6,<3.9", "3.6 3.7 3.8"},
		{">=2.7,<3 || >=3.6,<3.8", "2.7 3.6 3.7"},
		{"<3", "2.6 2.7"},
		{">=4", ""},
	}
	for _, tt := range tests {
		rs, err := AdmittedReleases(PythonReleases, tt.spec)
		if err != nil {
			t.Fatalf("AdmittedReleases(%q): %v", tt.spec, err)
		}
		var names []string
		for _, r := range rs {
			names = append(names, r.Name())
		}
		if got := strings.Join(names, " "); got != tt.want {
			t.Errorf("AdmittedReleases(%q) = %q, want %q", tt.spec, got, tt.want)
		}
	}
}
