package rules

import (
	"testing"

	"github.com/djsec/djsec/internal/analysis"
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

// TestProviderKeyInSettingsReportedOnce checks that a cloud provider's key
// written in the settings is one finding, the one that names the provider
// (DJK101), not also the settings rule's "literal in the source" (DJS405).
func TestProviderKeyInSettingsReportedOnce(t *testing.T) {
	res, err := analysis.Scan(analysis.Options{Root: "testdata/supersede", Rules: All(), Now: analysistest.Now})
	if err != nil {
		t.Fatal(err)
	}
	var at []string
	for _, f := range res.Findings {
		if f.Location.Path == "shop/settings.py" && f.Location.Line == 10 {
			at = append(at, f.Rule)
		}
	}
	if len(at) != 1 || at[0] != "DJK101" {
		t.Errorf("findings at shop/settings.py:10: %v, want only DJK101", at)
	}
}
