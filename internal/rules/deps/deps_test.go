package deps

import (
	"testing"

	"github.com/djsec/djsec/internal/analysis/analysistest"
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
