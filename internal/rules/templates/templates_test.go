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

// TestAloneInStringIsLow checks that DJT103 reports a value alone in a
// quoted JavaScript string at low severity, even from the request, and
// every other value in a script at medium (high from the request).
func TestAloneInStringIsLow(t *testing.T) {
	low, other := 0, 0
	for _, f := range analysistest.Run(t, "testdata/DJT103", UnescapedVariableInScript) {
		if !strings.HasSuffix(f.Location.Path, "strings.html") {
			continue
		}
		want := report.Medium
		if strings.Contains(f.Message, "request.GET.page") {
			want = report.High // read from the request, and bare
		}
		if strings.Contains(f.Message, "it sits in a quoted string") {
			want = report.Low
			low++
		} else {
			other++
		}
		if f.Severity != want {
			t.Errorf("%s: %s at %v, want %v", f.Location, f.Message, f.Severity, want)
		}
	}
	if low == 0 || other == 0 {
		t.Errorf("%d values alone in a string and %d others, want some of each", low, other)
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

// TestFormCSRFWithMiddleware checks that with CsrfViewMiddleware certainly
// in place a form without a token is low: Django refuses its POST unless
// the view is csrf_exempt.
func TestFormCSRFWithMiddleware(t *testing.T) {
	for _, f := range analysistest.Run(t, "testdata/csrf-middleware-present", FormWithoutCSRFToken) {
		if f.Severity != report.Low {
			t.Errorf("got severity %s, want low", f.Severity)
		}
	}
}

// TestTargetBlankSeverity checks that a link relying on the browsers'
// implied noopener is information only, and an explicit rel="opener" low.
func TestTargetBlankSeverity(t *testing.T) {
	for _, f := range analysistest.Run(t, "testdata/DJT104", TargetBlankWithoutNoopener) {
		want := report.Info
		if f.Confidence == report.HighConfidence {
			want = report.Low
		}
		if f.Severity != want {
			t.Errorf("%s: got severity %s, want %s", f.Location, f.Severity, want)
		}
	}
}
