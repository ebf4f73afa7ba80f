package code

import (
	"github.com/djsec/djsec/internal/analysis"
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
		What:       "Reports os.system, os.popen, subprocess.getoutput and subprocess calls with shell=True whose command carries request data, and subprocess calls whose program (the first element of the argument list) comes from the request. Arguments passed as separate list elements without a shell, and values quoted with shlex.quote, are not reported.",
		Why:        "The shell runs whatever the attacker appends after ;, | or $(\u2026): the attacker gets code execution as the web server user.",
		Bad:        "host = request.GET[\"host\"]\nos.system(\"ping -c 1 \" + host)",
		Good:       "host = request.GET[\"host\"]\nsubprocess.run([\"ping\", \"-c\", \"1\", \"--\", host], check=True)",
		Fix:        "Pass the arguments as a list without shell=True, validate them against an allowlist, or quote them with shlex.quote.",
		References: []string{"https://docs.python.org/3/library/subprocess.html#security-considerations", "https://cwe.mitre.org/data/definitions/78.html"},
	},
	Run: taintRun(taint.Command, "shell command built from request data (%s) reaches %s"),
}
