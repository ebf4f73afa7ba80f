// Package internal is the map of djsec's house: where each kind of parser,
// rule and driver goes. It holds no code; layers_test.go checks the layers
// it describes.
//
// Data flows one way: discover, parse, evaluate, run rules, report.
//
// # Parsers
//
// A parser reads one language from bytes or a string, keeps positions and
// never stops at an error, as go/parser does. The language parsers import
// no djsec package, so they can be tested, fuzzed and reused alone:
//
//   - internal/python: Python 3 tokenizer, parser and AST.
//   - internal/djtemplate: Django template lexer, parser and HTML context
//     scanner.
//   - internal/nesting: how deep a data file may nest its brackets.
//   - internal/lazyre: regular expressions compiled on first use, not at
//     start, so each command pays only for those it runs.
//   - internal/tlsraw: hand-made TLS handshakes and the vulnerability tests
//     crypto/tls cannot run (a parser of hostile servers' answers).
//
// The extractors read file formats into typed models with positions, one
// extractor per format, and import nothing of djsec but internal/nesting,
// the bracket-depth bound checked before any decoder sees untrusted data,
// and internal/lazyre:
//
//   - internal/deps: lockfiles (one deps.Extractor per format), PEP 440,
//     OSV and end-of-life tables.
//   - internal/infra: deployment files (nginx, compose, Dockerfile,
//     Terraform, CloudFormation, Kubernetes, redis, mongod, pg_hba, sshd,
//     fail2ban, gunicorn, systemd, Alertmanager, vercel.json).
//
// A parser that needs what the scan knows (memoized per file, problems
// reported once, settings consulted) gets a bridge beside it:
// internal/pysrc for Python and internal/tplsrc for templates (which files
// Django renders, TEMPLATES DIRS, template name resolution).
//
// # The tree and what is known about it
//
//   - internal/project: the walked files, their kinds, .gitignore, the git
//     index (Tracked), per-file and per-project memos. Rules read the tree
//     only through it, never by path.
//   - internal/settings: static evaluation of settings modules.
//   - internal/taint: request data flowing to sinks, inside and across
//     functions.
//   - internal/access: who can reach each view (the routes map), from the
//     URLconf, taint's program and the settings.
//
// These evaluators do not import internal/analysis: rules call them, never
// the other way round.
//
// # Rules
//
// internal/analysis is the rule framework (Rule, Pass, Diagnostic) and the
// one driver core (Run) that turns diagnostics into findings for every
// driver; its package doc says how. A rule is one file with its
// documentation, CWE and checklist sections, registered once in
// internal/rules:
//
//   - settings (DJS), code (DJC), templates (DJT), secrets (DJK),
//     dependencies (DJD): internal/rules/AREA, testdata in
//     internal/rules/AREA/testdata/ID.
//   - deployment files (DJI): internal/rules/infra, reading the parsers of
//     internal/infra.
//   - live checks (DJL): internal/probe, beside the Site they read.
//   - guard controls (DJG): internal/guard, each rule in the file of the
//     control that reports it.
//
// # Drivers
//
// A driver makes an analysis.Run, hands it its target and calls the rules:
// analysis.Scan for a tree (`djsec scan`), internal/probe
// for a live site (`djsec probe`), internal/guard for the reverse proxy
// (`djsec guard`). Drivers hold no analysis logic of their own.
//
// # Reports
//
// internal/report is the model (Finding, Location, Severity, Report);
// internal/render writes it as text, JSON, SARIF or HTML. Only
// internal/cli renders; rules and drivers never format.
package internal
