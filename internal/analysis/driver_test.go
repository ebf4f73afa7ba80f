package analysis

import (
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/report"
)

type endpoint struct{ url string }

var endpointTarget = NewTarget[*endpoint]("endpoint")

func liveRule(id string, run func(*Pass)) *Rule {
	return &Rule{ID: id, Name: "r" + strings.ToLower(id), Severity: report.Medium, Confidence: report.HighConfidence,
		CWE: []int{1}, Checklist: []int{9}, Scope: Live, Doc: Doc{Fix: "Fix it."}, Run: run}
}

// TestRunWithoutProject drives rules the way the probe and the guard do: no
// project, a typed target, a rule that panics, and a guard rule with no Run
// that is reported through its pass.
func TestRunWithoutProject(t *testing.T) {
	run := NewRun(RunOptions{})
	endpointTarget.Set(run, &endpoint{"https://shop.example/"})
	reads := liveRule("DJL901", func(p *Pass) {
		e := endpointTarget.Of(p)
		if e == nil {
			t.Error("the target did not reach the pass")
			return
		}
		p.Report(Diagnostic{Location: report.Location{URL: e.url}, Message: "weak", Snippet: "TLS 1.0"})
		p.Report(Diagnostic{Location: report.Location{URL: e.url}, Message: "weak", Snippet: "TLS 1.1"})
	})
	panics := liveRule("DJL902", func(p *Pass) { panic("boom") })
	guard := &Rule{ID: "DJG901", Name: "login-brute-force", Severity: report.High, Confidence: report.HighConfidence,
		CWE: []int{307}, Checklist: []int{9}, Scope: Guard,
		Doc: Doc{Title: "t", What: "w", Why: "y", Bad: "b", Good: "g", Fix: "Ban sooner."}}
	if err := guard.Validate(); err != nil {
		t.Errorf("a guard rule reported by its control needs no Run: %v", err)
	}
	run.Call(run.Pass(reads, nil, nil))
	run.Call(run.Pass(panics, nil, nil))
	events := run.Pass(guard, nil, nil)
	events.Report(Diagnostic{Location: report.Location{URL: "/accounts/login/"}, Message: "40 failed logins from 203.0.113.9", Snippet: "203.0.113.9"})

	res := run.Result()
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Rule+" "+f.Location.String()+" "+f.Fix)
	}
	want := []string{"DJG901 /accounts/login/ Ban sooner.", "DJL901 https://shop.example/ Fix it.", "DJL901 https://shop.example/ Fix it."}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\ngot  %q\nwant %q", got, want)
	}
	if fs := res.Findings; fs[1].Fingerprint == fs[2].Fingerprint || fs[1].Fingerprint == "" {
		t.Errorf("findings with different snippets share a fingerprint: %s", fs[1].Fingerprint)
	}
	if len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Message, "internal error in rule DJL902: boom (please report this;") {
		t.Errorf("problems: got %+v, want the panic of DJL902", res.Problems)
	}
	if s := endpointTarget.Of(NewRun(RunOptions{}).Pass(reads, nil, nil)); s != nil {
		t.Errorf("a run that set no target gives its rules %v, want nil", s)
	}
}

// TestFingerprintsIgnoreReportOrder: rules run in parallel, so the order in
// which they report must not change any fingerprint.
func TestFingerprintsIgnoreReportOrder(t *testing.T) {
	r := liveRule("DJL903", nil)
	prints := func(order []int) map[string]bool {
		run := NewRun(RunOptions{})
		p := run.Pass(r, nil, nil)
		for _, i := range order {
			p.Report(Diagnostic{Location: report.Location{URL: "https://shop.example/" + string(rune('a'+i))}, Message: "m"})
		}
		out := map[string]bool{}
		for _, f := range run.Findings() {
			out[f.Fingerprint] = true
		}
		return out
	}
	a, b := prints([]int{0, 1, 2}), prints([]int{2, 0, 1})
	if len(a) != 3 {
		t.Fatalf("got %d distinct fingerprints, want 3", len(a))
	}
	for k := range a {
		if !b[k] {
			t.Errorf("fingerprint %s depends on the order of reports", k)
		}
	}
}
