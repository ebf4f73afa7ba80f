package code

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// CommandInjection is a taint rule: request data reaches a shell command.
var CommandInjection = &analysis.Rule{
	ID:         "DJC104",
	Name:       "command-injection",
	Severity:   report.Critical,
	Confidence: report.HighConfidence,
	CWE:        []int{78},
	Checklist:  []int{4},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title:      "Request data reaches a shell command",
		What:       "Reports os.system, os.popen, subprocess.getoutput and subprocess calls with shell=True whose command carries request data, and subprocess calls whose program (the first element of the argument list) comes from the request. Arguments passed as separate list elements without a shell, values quoted with shlex.quote, and URL path parameters whose every route admits only word characters (re_path groups of \\w: no shell syntax, space or \"-\" for an option) are not reported." + staffNote,
		Why:        "The shell runs whatever the attacker appends after ;, | or $(\u2026): the attacker gets code execution as the web server user.",
		Bad:        "host = request.GET[\"host\"]\nos.system(\"ping -c 1 \" + host)",
		Good:       "host = request.GET[\"host\"]\nsubprocess.run([\"ping\", \"-c\", \"1\", \"--\", host], check=True)",
		Fix:        "Pass the arguments as a list without shell=True, validate them against an allowlist, or quote them with shlex.quote.",
		References: []string{"https://docs.python.org/3/library/subprocess.html#security-considerations", "https://cwe.mitre.org/data/definitions/78.html"},
	},
	Run: taintRun(commandSinks, "shell command built from request data (%s) reaches %s"),
}

// commandSinks are the calls that run a program.
var commandSinks = &taint.Spec{
	Kind: taint.Command,
	Sinks: []taint.Sink{
		{Func: "os.system", Args: []taint.Arg{taint.A(0, "cmd", "command")}},
		{Func: "os.popen", Args: []taint.Arg{taint.A(0, "cmd", "command")}},
		{Func: "subprocess.getoutput", Args: []taint.Arg{taint.A(0, "cmd", "command")}},
		{Func: "subprocess.getstatusoutput", Args: []taint.Arg{taint.A(0, "cmd", "command")}},
		{Func: "subprocess.**.call", When: shell, Name: "{q}(shell=True)", Args: []taint.Arg{taint.A(0, "args")}},
		{Func: "subprocess.**.run", When: shell, Name: "{q}(shell=True)", Args: []taint.Arg{taint.A(0, "args")}},
		{Func: "subprocess.**.Popen", When: shell, Name: "{q}(shell=True)", Args: []taint.Arg{taint.A(0, "args")}},
		{Func: "subprocess.**.check_output", When: shell, Name: "{q}(shell=True)", Args: []taint.Arg{taint.A(0, "args")}},
		{Func: "subprocess.**.check_call", When: shell, Name: "{q}(shell=True)", Args: []taint.Arg{taint.A(0, "args")}},
		{Func: "subprocess.**.call", When: noShell, Exprs: program},
		{Func: "subprocess.**.run", When: noShell, Exprs: program},
		{Func: "subprocess.**.Popen", When: noShell, Exprs: program},
		{Func: "subprocess.**.check_output", When: noShell, Exprs: program},
		{Func: "subprocess.**.check_call", When: noShell, Exprs: program},
	},
	Sanitizers: []taint.Sanitizer{{Func: "shlex.quote"}, {Func: "pipes.quote"}},
}

func shell(c *taint.Call) bool   { return taint.IsTrue(c.Keyword("shell")) }
func noShell(c *taint.Call) bool { return !shell(c) }

// program returns the part of an argument list that names the program:
// the first element of a list, or a whole command string. Other elements
// are arguments, which reach no shell.
func program(c *taint.Call) []python.Expr {
	switch l := c.Arg(0, "args").(type) {
	case *python.List:
		if len(l.Elts) > 0 {
			return []python.Expr{l.Elts[0]}
		}
	case *python.Tuple:
		if len(l.Elts) > 0 {
			return []python.Expr{l.Elts[0]}
		}
	case *python.Constant, *python.JoinedStr, *python.BinOp:
		return []python.Expr{l}
	}
	return nil
}
