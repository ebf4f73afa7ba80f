// Package render writes a report.Report for people and machines: text for
// terminals, JSON (schema djsec/report/v1, the one contract every other
// format is derived from), SARIF 2.1.0 for code-scanning services and one
// self-contained HTML page.
//
// Renderers take the finished Report and nothing else: they never see a
// rule, a project or a site, so what a format shows is what JSON carries.
// Only drivers' front ends (the command line) import render; rules report
// through analysis.Pass and never format (internal/layers_test.go checks
// that no package but the command line depends on render).
package render
