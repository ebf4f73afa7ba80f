package code

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/python"
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
		What:       "Reports logging calls (logging.* and logger objects) whose message or arguments carry raw request text. Values from validated forms, values converted to numbers, values formatted with %r or repr() and values whose line breaks were replaced are not reported." + staffNote,
		Why:        "Line breaks in logged values forge log entries, hiding an attack or framing another user; log viewers may also render injected markup.",
		Bad:        "logger.info(\"search for \" + request.GET[\"q\"])",
		Good:       "logger.info(\"search for %r\", request.GET[\"q\"].replace(\"\\n\", \" \"))",
		Fix:        "Log request values with their line breaks removed or escaped (for example value.replace(\"\\n\", \" \")), or log only validated fields.",
		References: []string{"https://owasp.org/www-community/attacks/Log_Injection", "https://cwe.mitre.org/data/definitions/117.html"},
	},
	Run: taintRun(logSinks, "request data (%s) is written to the log by %s without removing line breaks"),
}

// logSinks are the logging calls of a logger.
var logSinks = &taint.Spec{
	Kind: taint.Log,
	Sinks: []taint.Sink{
		{Method: "debug", When: isLogger, Exprs: logged},
		{Method: "info", When: isLogger, Exprs: logged},
		{Method: "warning", When: isLogger, Exprs: logged},
		{Method: "warn", When: isLogger, Exprs: logged},
		{Method: "error", When: isLogger, Exprs: logged},
		{Method: "critical", When: isLogger, Exprs: logged},
		{Method: "exception", When: isLogger, Exprs: logged},
		{Method: "fatal", When: isLogger, Exprs: logged},
	},
}

// isLogger reports whether the receiver is a logger: the logging module, a
// name or attribute that says log, or logging.getLogger(...).
func isLogger(c *taint.Call) bool {
	switch r := c.Receiver().(type) {
	case *python.Name:
		if c.Imported(r.ID) == "logging" {
			return true
		}
		return strings.Contains(strings.ToLower(r.ID), "log")
	case *python.Attribute:
		return strings.Contains(strings.ToLower(r.Attr), "log")
	case *python.Call:
		return c.QualName(r.Func) == "logging.getLogger"
	}
	return false
}

// logged returns the logged arguments; logger.info("q=%r", q) formats
// with repr, which escapes line breaks, so only the format counts.
func logged(c *taint.Call) []python.Expr {
	if len(c.Args) > 0 && reprOnly(c.Args[0]) {
		return c.Args[:1]
	}
	return c.Args
}

var placeholderRE = lazyre.New(`%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])`)

// reprOnly reports whether a constant %-format string formats its
// arguments only with %r or as numbers, which cannot carry a line break.
func reprOnly(e python.Expr) bool {
	f, ok := taint.ConstString(e)
	if !ok {
		return false
	}
	n := 0
	for _, m := range placeholderRE().FindAllStringSubmatch(f, -1) {
		switch m[1] {
		case "%":
		case "s", "a", "c":
			return false
		default:
			n++
		}
	}
	return n > 0
}
