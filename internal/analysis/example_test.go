package analysis_test

import (
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// guardConfig stands for the guard's loaded configuration.
type guardConfig struct{ adminAllowlist []string }

// configTarget is declared once by the package that owns the type.
var configTarget = analysis.NewTarget[*guardConfig]("guard.config")

// adminOpen checks the configuration: it has a Run function.
var adminOpen = &analysis.Rule{
	ID: "DJG901", Name: "admin-not-allowlisted", Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{284}, Checklist: []int{5}, Scope: analysis.Guard,
	Doc: analysis.Doc{Fix: "List the addresses that may reach the admin."},
	Run: func(p *analysis.Pass) {
		if cfg := configTarget.Of(p); cfg != nil && len(cfg.adminAllowlist) == 0 {
			p.Reportf(report.Location{URL: "/admin/"}, "the admin is open to every address")
		}
	},
}

// bruteForce is reported by a control as traffic shows it: no Run function.
var bruteForce = &analysis.Rule{
	ID: "DJG902", Name: "login-brute-force", Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{307}, Checklist: []int{9}, Scope: analysis.Guard,
	Doc: analysis.Doc{Fix: "Keep the ban; check the account."},
}

// Example shows a driver other than the scanner, as the guard uses the core:
// a typed target for its rules, a rule that checks the configuration, and
// events of a period reported through a rule's pass.
func Example() {
	run := analysis.NewRun(analysis.RunOptions{})
	configTarget.Set(run, &guardConfig{})

	run.Call(run.Pass(adminOpen, nil, nil))

	events := run.Pass(bruteForce, nil, nil) // kept by the event sink
	events.Report(analysis.Diagnostic{
		Location:   report.Location{URL: "/accounts/login/"},
		Message:    "203.0.113.9 failed 40 logins in a minute and was banned",
		Snippet:    "203.0.113.9",
		Properties: map[string]any{"failures": 40},
	})

	for _, f := range run.Result().Findings { // sorted by place, fingerprinted
		fmt.Println(f.Rule, f.Severity, f.Location, f.Message)
	}
	// Output:
	// DJG902 high /accounts/login/ 203.0.113.9 failed 40 logins in a minute and was banned
	// DJG901 medium /admin/ the admin is open to every address
}
