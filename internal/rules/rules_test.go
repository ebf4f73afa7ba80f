package rules

import (
	"testing"

	"github.com/djsec/djsec/internal/analysis/analysistest"
)

// TestRegistry checks what every rule must have: a unique id and name,
// complete documentation, and testdata with positive and safe cases that the
// rule gets exactly right.
func TestRegistry(t *testing.T) {
	ids, names := map[string]bool{}, map[string]bool{}
	for _, r := range All() {
		if err := r.Validate(); err != nil {
			t.Error(err)
		}
		if ids[r.ID] {
			t.Errorf("duplicate rule id %s", r.ID)
		}
		if names[r.Name] {
			t.Errorf("duplicate rule name %s", r.Name)
		}
		ids[r.ID], names[r.Name] = true, true
	}
	for _, r := range All() {
		for _, id := range r.Supersedes {
			if !ids[id] {
				t.Errorf("%s supersedes unknown rule %s", r.ID, id)
			}
		}
	}
}

func TestEveryRuleOnItsTestdata(t *testing.T) {
	for _, r := range All() {
		dir := TestdataDir(r)
		if dir == "" {
			continue
		}
		t.Run(r.ID, func(t *testing.T) {
			analysistest.RequireCases(t, dir)
			analysistest.Run(t, dir, r)
		})
	}
}
