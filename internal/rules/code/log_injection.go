package code

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// LogInjection is a taint rule: raw request data is written to the log.
var LogInjection = &analysis.Rule{
	ID:         "DJC112",
	Name:       "log-injection",
	Severity:   report.Low,
	Confidence: report.MediumConfidence,
	CWE:        []int{117},
	Checklist:  []int{10},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title:      "Raw request data is written to the log",
		What:       "Reports logging calls (logging.* and logger objects) whose message or arguments carry raw request text. Values from validated forms, values converted to numbers, values formatted with %r or repr() and values whose line breaks were replaced are not reported.",
		Why:        "Line breaks in logged values forge log entries, hiding an attack or framing another user; log viewers may also render injected markup.",
		Bad:        "logger.info(\"search for \" + request.GET[\"q\"])",
		Good:       "logger.info(\"search for %r\", request.GET[\"q\"].replace(\"\\n\", \" \"))",
		Fix:        "Log request values with their line breaks removed or escaped (for example value.replace(\"\\n\", \" \")), or log only validated fields.",
		References: []string{"https://owasp.org/www-community/attacks/Log_Injection", "https://cwe.mitre.org/data/definitions/117.html"},
	},
	Run: taintRun(taint.Log, "request data (%s) is written to the log by %s without removing line breaks"),
}
