package code

import (
	"github.com/djsec/djsec/internal/analysis"
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
		What:       "Reports lxml.etree.fromstring, XML and parse with the default parser or a parser built with resolve_entities=True, and xml.dom.minidom, xml.dom.pulldom and xml.sax parsing, when the document carries request data. Parsers built with XMLParser(resolve_entities=False) and defusedxml are not reported.",
		Why:        "External entities read local files (file:///etc/passwd) and reach internal URLs; entity expansion exhausts memory.",
		Bad:        "doc = etree.fromstring(request.body)",
		Good:       "doc = etree.fromstring(request.body, parser=etree.XMLParser(resolve_entities=False, no_network=True))",
		Fix:        "Parse untrusted XML with defusedxml, or with lxml.etree.XMLParser(resolve_entities=False, no_network=True).",
		References: []string{"https://docs.python.org/3/library/xml.html#xml-vulnerabilities", "https://pypi.org/project/defusedxml/", "https://cwe.mitre.org/data/definitions/611.html"},
	},
	Run: taintRun(taint.XXE, "request data (%s) is parsed by %s, which resolves XML entities"),
}
