package deps

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/analysis/analysistest"
	"github.com/djsec/djsec/internal/project"
)

func TestRules(t *testing.T) {
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			dir := "testdata/" + r.ID
			analysistest.RequireCases(t, dir)
			analysistest.Run(t, dir, r)
		})
	}
}

// pypaDirs are where a real snapshot of the PyPA advisory database sits,
// read in place: shared/ beside a clone (CI), or beside the worktrees.
var pypaDirs = []string{"../../../../shared/advisories/pypa", "../../../../../shared/advisories/pypa"}

// TestProject is the acceptance test of the dependency checks: a project with
// every lock format, a vulnerable Django and end-of-life Pythons gets one
// finding per problem, each with the upgrade that fixes it; the same project
// on current releases gets none. It runs on the small test database and, when
// present, on the real PyPA snapshot.
func TestProject(t *testing.T) {
	dbs := map[string]string{"small": "testdata/DJD101/osv"}
	for _, d := range pypaDirs {
		if _, err := os.Stat(filepath.Join(d, "vulns")); err == nil {
			dbs["pypa"] = d
			break
		}
	}
	if dbs["pypa"] == "" {
		t.Logf("no PyPA snapshot in %v: testing with the small database only", pypaDirs)
	}
	for name, db := range dbs {
		for _, dir := range []string{"vulnerable", "current"} {
			t.Run(name+"/"+dir, func(t *testing.T) {
				opts := analysis.Options{Inputs: project.Inputs{DB: db}}
				findings := analysistest.RunWith(t, opts, "testdata/project/"+dir, Rules()...)
				if dir == "current" && len(findings) != 0 {
					t.Errorf("got %d findings on current releases, want none", len(findings))
				}
			})
		}
	}
}
