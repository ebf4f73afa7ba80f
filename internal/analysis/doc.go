// Package analysis is djsec's rule framework, modelled on
// golang.org/x/tools/go/analysis.
//
// A Rule is data (id, name, severity, confidence, CWE, checklist sections,
// documentation) plus a Run function. Run receives a *Pass holding every
// input and one output, Report. Rules print nothing and hold no globals; the
// scanner (Scan), the probe, the guard and the tests are drivers around them.
//
// # Scopes
//
// A PerFile rule names the kinds of file it reads (project.Python,
// project.Template, project.Text) and runs once per such file, in parallel
// across files; Pass.File is the file. A PerProject rule runs once and reads
// Pass.Project: its files, the user's Inputs, and Project.Memo, through which
// whole-project results (settings evaluation, the vulnerability database,
// the call graph) are computed once and shared by every rule that needs
// them. Parsers memoize per file the same way with File.Memo, so a template
// is parsed once however many rules read it. A PerFile rule that reads a
// whole-project result on every file (the template rules read the set of
// templates) names it in Rule.Needs: Scan computes it beside the first
// files, runs the other rules meanwhile, and the rule on the files it
// skipped once it is done. Live rules check a running site
// and are driven by `djsec probe`, not by Scan; Guard rules are driven by
// `djsec guard`; Builtin rules are reported by the runner itself.
//
// # One driver core
//
// Drivers hold no analysis logic. Scan (the project tree), the probe (a
// live site) and the guard (its configuration and traffic) each make a Run
// and go through it: Run.Pass makes a rule's Pass, Run.Call calls the rule
// with a panic turned into a Problem (the run goes on), and Run.Findings
// turns what rules reported into findings the same way for every driver:
// blanks filled from the rule (fix, severity, confidence), severity
// overrides applied, findings that a more specific rule reported at the
// same place dropped (Rule.Supersedes), one kept of a rule's identical
// findings at one place, sorted, and fingerprinted. A fingerprint is a
// hash of the rule and the driver's Identity of the finding (ByPlace for
// files: path and normalized source line, so it survives lines moving; the
// probe's byURL: URL and subject), ranked among identical ones. Problems (unreadable or unparseable files, a site that
// does not answer) and notes are kept once each, whatever number of rules
// met them.
//
// What a driver gives its rules besides the project travels as a Target:
// declared once, typed, by the package that owns the value (the probe's
// *Site), set on the Run by the driver and read from the Pass by the rules,
// as go/analysis passes results through Pass.ResultOf.
//
// On top of the core, Scan applies its policy for findings in tests and
// examples, hides findings silenced by an inline `djsec: ignore[ID] reason`
// comment, an ignore entry of .djsec.toml or a baseline, and reports
// suppressions that silence nothing or give no reason (DJX001, DJX002). NewReport shapes any driver's result into the report
// contract; package render writes it out.
//
// # Where rules go
//
// A rule is one file beside its area's other rules, registered once in
// internal/rules:
//
//   - PerFile and PerProject rules, run by Scan, live in internal/rules/AREA:
//     settings (DJS), code (DJC), templates (DJT), secrets (DJK),
//     dependencies (DJD) and deployment files (DJI, internal/rules/infra).
//   - Live rules (DJL), run by the probe, live in internal/probe beside the
//     Site they read.
//   - Guard rules (DJG) live in internal/guard, each in the file of the
//     control that reports it, listed by guard.Rules() and registered in
//     internal/rules like probe.Rules().
//   - Builtin rules (DJX) are reported by Scan itself.
//
// # The guard
//
// The guard is a driver like the others, not a second framework. Its
// controls act on requests (rate limits, bans, the admin allowlist, the
// WAF) and emit events; a guard rule is the data (id, documentation, CWE,
// checklist sections) that says what an event means for the site's
// security. The guard makes one Run per report (for `--check`, at start and
// on reload, and for each period it reports), gives its rules the loaded
// configuration as a Target, and:
//
//   - calls Run.Call(run.Pass(rule, nil, nil)) for each guard rule that has
//     a Run function: those check the configuration itself (the admin
//     left without an allowlist, a trusted proxy range of 0.0.0.0/0);
//   - turns events into findings through the same passes: the event sink
//     keeps one Pass per guard rule and calls Pass.Report once per rule,
//     route and client in the period, with Location.URL the route, the
//     client as Snippet (the finding's identity) and the counts in
//     Properties, so a flood of one event is one finding, not thousands;
//   - hands run.Result() to NewReport and returns the report: the command
//     line renders it with package render (internal/guard, which holds
//     rules, never imports a renderer), and the alerts read its findings.
//
// Guard controls never format a finding themselves, and a guard rule, like
// every rule, prints nothing and holds no globals.
//
// # Testing rules
//
// Package analysistest runs a rule over its testdata folder and checks
// `# want "regexp"` and `{# want "regexp" #}` annotations: a finding that no
// annotation expects fails the test, and so does an annotation that nothing
// matched. Lines marked `# safe` hold look-alikes that must stay silent.
package analysis
