package code

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// UnsafeDeserialization is a taint rule: request data is deserialized with a format that runs code.
var UnsafeDeserialization = &analysis.Rule{
	ID:         "DJC109",
	Name:       "unsafe-deserialization",
	Severity:   report.Critical,
	Confidence: report.HighConfidence,
	CWE:        []int{502},
	Checklist:  []int{4},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title:      "Request data is deserialized with a format that runs code",
		What:       "Reports pickle, dill, marshal and jsonpickle loads, yaml.load without a safe Loader (and yaml.unsafe_load), and shelve.open, when their input carries request data. yaml.safe_load, yaml.load(..., Loader=SafeLoader) and json.loads are not reported." + staffNote,
		Why:        "Unpickling (and unsafe YAML) of attacker data constructs arbitrary objects and runs code on the server.",
		Bad:        "state = pickle.loads(base64.b64decode(request.COOKIES[\"state\"]))",
		Good:       "state = json.loads(base64.b64decode(request.COOKIES[\"state\"]))",
		Fix:        "Use json, or yaml.safe_load; sign data you must round-trip through the client with django.core.signing.",
		References: []string{"https://docs.python.org/3/library/pickle.html", "https://pyyaml.org/wiki/PyYAMLDocumentation", "https://cwe.mitre.org/data/definitions/502.html"},
	},
	Run: taintRun(deserializeSinks, "request data (%s) is deserialized by %s"),
}

// deserializeSinks are the calls that build objects from bytes.
var deserializeSinks = &taint.Spec{
	Kind: taint.Deserialize,
	Sinks: []taint.Sink{
		{Func: "pickle.**.loads", Args: []taint.Arg{taint.A(0, "data", "file")}},
		{Func: "pickle.**.load", Args: []taint.Arg{taint.A(0, "data", "file")}},
		{Func: "cPickle.**.loads", Args: []taint.Arg{taint.A(0, "data", "file")}},
		{Func: "cPickle.**.load", Args: []taint.Arg{taint.A(0, "data", "file")}},
		{Func: "_pickle.**.loads", Args: []taint.Arg{taint.A(0, "data", "file")}},
		{Func: "_pickle.**.load", Args: []taint.Arg{taint.A(0, "data", "file")}},
		{Func: "dill.**.loads", Args: []taint.Arg{taint.A(0, "data", "file")}},
		{Func: "dill.**.load", Args: []taint.Arg{taint.A(0, "data", "file")}},
		{Func: "yaml.load", When: unsafeYAMLLoader, Args: []taint.Arg{taint.A(0, "stream")}},
		{Func: "yaml.load_all", When: unsafeYAMLLoader, Args: []taint.Arg{taint.A(0, "stream")}},
		{Func: "yaml.unsafe_load", Args: []taint.Arg{taint.A(0, "stream")}},
		{Func: "yaml.unsafe_load_all", Args: []taint.Arg{taint.A(0, "stream")}},
		{Func: "jsonpickle.**.decode", Args: []taint.Arg{taint.A(0, "string")}},
		{Func: "jsonpickle.**.loads", Args: []taint.Arg{taint.A(0, "string")}},
		{Func: "marshal.loads", Args: []taint.Arg{taint.A(0)}},
		{Func: "marshal.load", Args: []taint.Arg{taint.A(0)}},
		{Func: "shelve.open", Args: []taint.Arg{taint.A(0, "filename")}},
	},
}

// unsafeYAMLLoader: yaml.load with SafeLoader (or BaseLoader) builds only
// plain data.
func unsafeYAMLLoader(c *taint.Call) bool {
	l := c.Arg(1, "Loader")
	if l == nil {
		return true
	}
	lq := c.QualName(l)
	return !strings.Contains(lq, "Safe") && !strings.HasSuffix(lq, "BaseLoader")
}
