package report

// RuleInfo is what output formats need to know about a rule (SARIF lists
// the rules of a run with their help text).
type RuleInfo struct {
	ID         string
	Name       string
	Title      string
	Help       string // Markdown: what, why, bad, good, fix, references
	HelpURI    string
	Severity   Severity
	Confidence Confidence
	CWE        []int
	Checklist  []int
}
