package code

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/python"
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
		Title: "Request data is evaluated as Python code",
		What: "Reports the builtins eval and exec called with text (or a code object compile() made of text) that carries request data (also when " +
			"run through loop.run_in_executor, asyncio.to_thread or an executor's submit), and request data written " +
			"into a .py file, which the application or its next start imports. ast.literal_eval and json.loads are " +
			"not reported." + staffNote,
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
		// a .py file the application writes is code it imports later
		{Method: "write", When: writesFile(pythonFile), Args: []taint.Arg{taint.A(0, "s", "data")}},
		{Method: "write_text", When: writesFile(pythonFile), Args: []taint.Arg{taint.A(0, "data")}},
		{Method: "write_bytes", When: writesFile(pythonFile), Args: []taint.Arg{taint.A(0, "data")}},
	},
	// compile only parses: the code object it returns carries the source
	// to the exec or eval that runs it, which is where it is reported
	Passes: []taint.Pass{{Func: "compile", Args: []taint.Arg{taint.A(0, "source")}}},
}

var pythonFileRE = lazyre.New(`\.py\b`)

func pythonFile(path string) bool { return pythonFileRE().MatchString(path) }

// writesFile returns a sink condition: the call writes to a file (through
// open(path, "w") or a pathlib.Path) whose path, as written in the code,
// satisfies kind.
func writesFile(kind func(path string) bool) func(c *taint.Call) bool {
	return func(c *taint.Call) bool {
		p, ok := writtenPath(c)
		return ok && kind(p)
	}
}

// writtenPath returns the source text of the path a write call writes to.
func writtenPath(c *taint.Call) (string, bool) {
	recv := c.Receiver()
	if recv == nil {
		return "", false
	}
	b := c.Bound(recv)
	if c.Method == "write" {
		if b == nil {
			return "", false
		}
		switch c.QualName(b.Func) {
		case "open", "io.open", "codecs.open":
		default:
			return "", false
		}
		mode := kw(b, "mode")
		if mode == nil && len(b.Args) > 1 {
			mode = b.Args[1]
		}
		m, ok := taint.ConstString(mode)
		if !ok || !strings.ContainsAny(m, "wax+") {
			return "", false
		}
		if len(b.Args) == 0 {
			return "", false
		}
		return pathText(c, b.Args[0]), true
	}
	// Path(...).write_text(data): the receiver, or the call that built it
	if b != nil {
		return pathText(c, b), true
	}
	return pathText(c, recv), true
}

// pathText is the text of a path expression, and of the call that built
// it when it is a variable.
func pathText(c *taint.Call, e python.Expr) string {
	t := c.Source(e)
	if _, ok := e.(*python.Name); ok {
		if b := c.Bound(e); b != nil {
			t += " " + c.Source(b)
		}
	}
	return t
}
