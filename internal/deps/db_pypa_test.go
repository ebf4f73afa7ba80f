package deps

import (
	"sync"
	"testing"

	"github.com/djsec/djsec/internal/testenv"
)

var (
	pypaOnce sync.Once
	pypaDB   *DB
	pypaErr  error
)

func loadPyPA(t testing.TB) *DB {
	t.Helper()
	// A real snapshot of github.com/pypa/advisory-database, read in place.
	dir := testenv.NeedAdvisoryDB(t)
	pypaOnce.Do(func() { pypaDB, pypaErr = LoadDB(dir) })
	if pypaErr != nil {
		t.Fatal(pypaErr)
	}
	return pypaDB
}

func TestPyPALoad(t *testing.T) {
	db := loadPyPA(t)
	if len(db.Errors) > 0 {
		t.Errorf("got %d unreadable records, want 0; first: %v", len(db.Errors), db.Errors[0])
	}
	if db.Records < 2000 {
		t.Errorf("got %d records, want more than 2000", db.Records)
	}
	if db.Withdrawn == 0 {
		t.Errorf("got 0 withdrawn records, want some (the snapshot has ten)")
	}
	t.Logf("%d records, %d withdrawn, %d packages, latest %s", db.Records, db.Withdrawn, db.Packages(), db.Latest)
}

func TestPyPADjango(t *testing.T) {
	db := loadPyPA(t)
	tests := []struct {
		name, version string
		wantIDs       []string // a few that must be among the findings
		wantNone      bool
		wantUpgrade   string
	}{
		// CVE-2021-31542: path traversal in MultiPartParser, fixed in 3.2.1.
		{name: "django", version: "3.2.0", wantIDs: []string{"PYSEC-2021-7", "CVE-2021-31542"}},
		// CVE-2023-36053: EmailValidator ReDoS, fixed in 3.2.20 and 4.1.10.
		{name: "Django", version: "4.1.9", wantIDs: []string{"CVE-2023-36053"}},
		// 5.1.2 (October 2024) had no known vulnerability when the snapshot
		// was taken.
		{name: "django", version: "5.1.2", wantNone: true},
		{name: "DJANGO", version: "5.1.2", wantNone: true},
		{name: "no-such-package", version: "1.0", wantNone: true},
	}
	for _, tt := range tests {
		t.Run(tt.name+"=="+tt.version, func(t *testing.T) {
			rep, err := db.Check(tt.name, tt.version)
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantNone {
				if len(rep.Vulns) != 0 {
					t.Errorf("got %d vulnerabilities (%v), want none", len(rep.Vulns), rep.Vulns[0].IDs)
				}
				return
			}
			ids := map[string]bool{}
			for _, vu := range rep.Vulns {
				for _, id := range vu.IDs {
					if ids[id] {
						t.Errorf("id %s in two vulnerabilities, want aliases merged", id)
					}
					ids[id] = true
				}
			}
			for _, id := range tt.wantIDs {
				if !ids[id] {
					t.Errorf("got no %s among %d vulnerabilities, want it", id, len(rep.Vulns))
				}
			}
			if rep.Upgrade == "" {
				t.Fatalf("got no upgrade, want one")
			}
			after, err := db.Check(tt.name, rep.Upgrade)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(after.Vulns) - after.Unfixed; n != 0 {
				t.Errorf("upgrade %s still has %d fixable vulnerabilities, want 0", rep.Upgrade, n)
			}
			t.Logf("%s %s: %d vulnerabilities, upgrade to %s", tt.name, tt.version, len(rep.Vulns), rep.Upgrade)
		})
	}
}

func BenchmarkLoadPyPA(b *testing.B) {
	loadPyPA(b)
	dir := pypaDB.Source
	for b.Loop() {
		if _, err := LoadDB(dir); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPyPAEveryPackage asks about every package of the snapshot, at an early
// and a late version: matching must not fail on any real record, and every
// upgrade it proposes must be a version that fixes what it found.
func TestPyPAEveryPackage(t *testing.T) {
	db := loadPyPA(t)
	upgrades := 0
	for name := range db.byName {
		for _, v := range []string{"0.1", "1.0", "2.0.0"} {
			rep, err := db.Check(name, v)
			if err != nil {
				t.Fatalf("%s %s: %v", name, v, err)
			}
			if rep.Upgrade == "" {
				continue
			}
			upgrades++
			if MustParseVersion(rep.Upgrade).Compare(MustParseVersion(v)) <= 0 {
				t.Errorf("%s %s: upgrade %s is not newer", name, v, rep.Upgrade)
			}
		}
	}
	if upgrades < 100 {
		t.Errorf("got %d upgrades over the snapshot, want more than 100", upgrades)
	}
}
