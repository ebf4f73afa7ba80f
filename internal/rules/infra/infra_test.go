package infra

import (
	"testing"

	"github.com/djsec/djsec/internal/analysis/analysistest"
)

func TestRules(t *testing.T) {
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			analysistest.RequireCases(t, "testdata/"+r.ID)
			analysistest.Run(t, "testdata/"+r.ID, r)
		})
	}
}
