package code

import (
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/analysis/analysistest"
)

func TestRules(t *testing.T) {
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			analysistest.RequireCases(t, "testdata/"+r.ID)
			findings := analysistest.Run(t, "testdata/"+r.ID, r)
			if !strings.HasPrefix(r.ID, "DJC1") {
				return
			}
			// Every taint finding shows its path: a source first, the sink
			// last, at the finding's own location.
			for _, f := range findings {
				if len(f.Flow) < 2 {
					t.Errorf("%s: flow has %d steps, want a source and a sink", f.Location, len(f.Flow))
					continue
				}
				first, last := f.Flow[0], f.Flow[len(f.Flow)-1]
				if !strings.HasSuffix(first.Message, "read here") {
					t.Errorf("%s: first step %q, want a source read", f.Location, first.Message)
				}
				if !strings.HasPrefix(last.Message, "reaches ") || last.Location.Line != f.Location.Line || last.Location.Path != f.Location.Path {
					t.Errorf("%s: last step %v %q, want the sink", f.Location, last.Location, last.Message)
				}
			}
		})
	}
}
