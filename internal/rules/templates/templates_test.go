package templates

import (
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/analysis/analysistest"
	"github.com/djsec/djsec/internal/report"
)

func TestRules(t *testing.T) {
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			analysistest.RequireCases(t, "testdata/"+r.ID)
			analysistest.Run(t, "testdata/"+r.ID, r)
		})
	}
}

// TestFormCSRFWithoutMiddleware checks that a form without a token in a
// project whose production settings lack CsrfViewMiddleware is reported as
// certain, with the fix that installs the middleware.
func TestFormCSRFWithoutMiddleware(t *testing.T) {
	for _, f := range analysistest.Run(t, "testdata/csrf-middleware", FormWithoutCSRFToken) {
		if f.Confidence != report.HighConfidence || !strings.Contains(f.Fix, "Add django.middleware.csrf.CsrfViewMiddleware") {
			t.Errorf("got confidence %s and fix %q, want high and the middleware fix", f.Confidence, f.Fix)
		}
	}
}
