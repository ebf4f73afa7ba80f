package code

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// CodeInjection is a taint rule: request data is evaluated as Python code.
var CodeInjection = &analysis.Rule{
	ID:         "DJC105",
	Name:       "code-injection",
	Severity:   report.Critical,
	Confidence: report.HighConfidence,
	CWE:        []int{95},
	Checklist:  []int{4},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title:      "Request data is evaluated as Python code",
		What:       "Reports the builtins eval, exec and compile called with text that carries request data. ast.literal_eval and json.loads are not reported.",
		Why:        "eval and exec run any Python the attacker sends, with the server's privileges.",
		Bad:        "expr = request.GET[\"expr\"]\nresult = eval(expr)",
		Good:       "expr = request.GET[\"expr\"]\nresult = ast.literal_eval(expr)",
		Fix:        "Parse data with json.loads or ast.literal_eval; map names to functions with a dictionary instead of evaluating them.",
		References: []string{"https://docs.python.org/3/library/functions.html#eval", "https://cwe.mitre.org/data/definitions/95.html"},
	},
	Run: taintRun(codeSinks, "request data (%s) is run as Python code by %s"),
}

// codeSinks are the builtins that run Python source.
var codeSinks = &taint.Spec{
	Kind: taint.Code,
	Sinks: []taint.Sink{
		{Func: "eval", Builtin: true, Args: []taint.Arg{taint.A(0, "source")}},
		{Func: "exec", Builtin: true, Args: []taint.Arg{taint.A(0, "source")}},
		{Func: "compile", Builtin: true, Args: []taint.Arg{taint.A(0, "source")}},
	},
}
