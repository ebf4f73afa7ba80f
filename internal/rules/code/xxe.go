package code

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// XXE is a taint rule: request data is parsed by an XML parser that resolves entities.
var XXE = &analysis.Rule{
	ID:         "DJC110",
	Name:       "xxe",
	Severity:   report.High,
	Confidence: report.MediumConfidence,
	CWE:        []int{611},
	Checklist:  []int{4},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title:      "Request data is parsed by an XML parser that resolves entities",
		What:       "Reports lxml.etree.fromstring, XML and parse with the default parser or a parser built with resolve_entities=True, and xml.dom.minidom, xml.dom.pulldom and xml.sax parsing, when the document carries request data. Parsers built with XMLParser(resolve_entities=False), by a project function whose every return builds one (parser=hardened_parser()), and defusedxml are not reported." + staffNote,
		Why:        "External entities read local files (file:///etc/passwd) and reach internal URLs; entity expansion exhausts memory.",
		Bad:        "doc = etree.fromstring(request.body)",
		Good:       "doc = etree.fromstring(request.body, parser=etree.XMLParser(resolve_entities=False, no_network=True))",
		Fix:        "Parse untrusted XML with defusedxml, or with lxml.etree.XMLParser(resolve_entities=False, no_network=True).",
		References: []string{"https://docs.python.org/3/library/xml.html#xml-vulnerabilities", "https://pypi.org/project/defusedxml/", "https://cwe.mitre.org/data/definitions/611.html"},
	},
	Run: taintRun(xmlSinks, "request data (%s) is parsed by %s, which resolves XML entities"),
}

// xmlSinks are the parsers that resolve external entities.
var xmlSinks = &taint.Spec{
	Kind: taint.XXE,
	Sinks: []taint.Sink{
		{Func: "lxml.etree.**.fromstring", When: unsafeLXMLParser, Args: []taint.Arg{taint.A(0, "text", "source")}},
		{Func: "lxml.etree.**.XML", When: unsafeLXMLParser, Args: []taint.Arg{taint.A(0, "text", "source")}},
		{Func: "lxml.etree.**.parse", When: unsafeLXMLParser, Args: []taint.Arg{taint.A(0, "text", "source")}},
		{Func: "xml.dom.minidom.**.parseString", Args: []taint.Arg{taint.A(0, "string", "source", "file")}},
		{Func: "xml.dom.minidom.**.parse", Args: []taint.Arg{taint.A(0, "string", "source", "file")}},
		{Func: "xml.dom.pulldom.**.parseString", Args: []taint.Arg{taint.A(0, "string", "source", "file")}},
		{Func: "xml.dom.pulldom.**.parse", Args: []taint.Arg{taint.A(0, "string", "source", "file")}},
		{Func: "xml.sax.**.parseString", Args: []taint.Arg{taint.A(0, "string", "source", "file")}},
		{Func: "xml.sax.**.parse", Args: []taint.Arg{taint.A(0, "string", "source", "file")}},
	},
}

// unsafeLXMLParser: a parser built with resolve_entities=False, or one
// from defusedxml, does not resolve entities.
func unsafeLXMLParser(c *taint.Call) bool {
	p := c.Arg(1, "parser")
	if p == nil {
		return true
	}
	b := c.Bound(p)
	if b == nil {
		return true
	}
	q := c.QualName(b.Func)
	if q == "defusedxml" || strings.HasPrefix(q, "defusedxml.") {
		return false
	}
	if def := c.Callee(b); def != nil {
		// parser=secure_parser(): a project function that builds it
		return !c.Memo(hardenedParserKey{def}, func() any { return returnsHardenedParser(def) }).(bool)
	}
	return !hardenedParser(q, b)
}

// hardenedParser reports a call, b, of q that builds an lxml parser with
// resolve_entities=False.
func hardenedParser(q string, b *python.Call) bool {
	return lastName(q) == "XMLParser" && taint.IsFalse(kw(b, "resolve_entities"))
}

type hardenedParserKey struct{ def *python.FunctionDef }

// returnsHardenedParser reports a function whose every return builds an
// XMLParser with resolve_entities=False, read in its own source: the
// parser factory a module keeps so that every parse is made the same way.
func returnsHardenedParser(def *python.FunctionDef) bool {
	return everyReturn(def, func(v python.Expr) bool {
		c, ok := v.(*python.Call)
		return ok && hardenedParser(c.CalleeName(), c)
	})
}
