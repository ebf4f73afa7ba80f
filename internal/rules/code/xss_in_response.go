package code

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// XSSInResponse is a taint rule: request data is written into an HTML response without escaping.
var XSSInResponse = &analysis.Rule{
	ID:         "DJC102",
	Name:       "xss-in-response",
	Severity:   report.High,
	Confidence: report.HighConfidence,
	CWE:        []int{79},
	Checklist:  []int{7},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title:      "Request data is written into an HTML response without escaping",
		What:       "Reports HttpResponse (and its error subclasses) with an HTML content type, mark_safe, SafeString and format_html used as a format string, when their content carries request data that was not escaped. Values passed through django.utils.html.escape, conditional_escape or as format_html arguments, and responses with a non-HTML content_type (text/plain, application/json), are not reported. Templates rendered with render() escape by themselves and are left to the template rules.",
		Why:        "Script injected into a page runs with the victim's session: it can read CSRF tokens, act as the user and steal data shown on the page.",
		Bad:        "name = request.GET.get(\"name\", \"\")\nreturn HttpResponse(\"<h1>Hello \" + name + \"</h1>\")",
		Good:       "name = request.GET.get(\"name\", \"\")\nreturn HttpResponse(format_html(\"<h1>Hello {}</h1>\", name))",
		Fix:        "Render a template, or build HTML with format_html(\"...{}...\", value) / escape(value); never mark request data safe.",
		References: []string{"https://docs.djangoproject.com/en/stable/topics/security/#cross-site-scripting-xss-protection", "https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html", "https://cwe.mitre.org/data/definitions/79.html"},
	},
	Run: taintRun(taint.XSS, "request data (%s) reaches %s without HTML escaping"),
}
