// Package analysis is djsec's rule framework, modelled on
// golang.org/x/tools/go/analysis.
//
// A Rule is data (id, name, severity, confidence, CWE, checklist sections,
// documentation) plus a Run function. Run receives a *Pass holding every
// input and one output, Report. Rules print nothing and hold no globals; the
// scanner (Scan), the probe and the tests are drivers around them.
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
// is parsed once however many rules read it. Live rules check a running site
// and are driven by `djsec probe`, not by Scan; Builtin rules are reported by
// the runner itself.
//
// # What the runner does for every rule
//
// Scan fills a finding's blanks from its rule (fix, severity, confidence),
// applies severity overrides, hides findings silenced by an inline
// `djsec: ignore[ID] reason` comment, an ignore entry of .djsec.toml or a
// baseline, drops findings that a more specific rule reported on the same
// line (Rule.Supersedes), reports a finding once when a rule reaches the
// same place with the same message by two routes, leaves out (or lowers to
// low, with --include-tests) findings in tests, fixtures, examples, CI
// pipelines and dev containers (Options.Tests, TestPath), and gives each
// finding a fingerprint that survives lines moving.
// Suppressions that silence nothing or give no reason are reported (DJX001,
// DJX002). A panic in a rule becomes a Problem; the scan goes on. Problems
// (unreadable or unparseable files) are reported once each, whatever number
// of rules met them.
//
// # Testing rules
//
// Package analysistest runs a rule over its testdata folder and checks
// `# want "regexp"` and `{# want "regexp" #}` annotations: a finding that no
// annotation expects fails the test, and so does an annotation that nothing
// matched. Lines marked `# safe` hold look-alikes that must stay silent.
package analysis
