package code

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/settings"
	"github.com/djsec/djsec/internal/taint"
)

// TemplateInjection is a taint rule: request data is compiled as a template.
var TemplateInjection = &analysis.Rule{
	ID:         "DJC106",
	Name:       "template-injection",
	Severity:   report.High,
	Confidence: report.HighConfidence,
	CWE:        []int{1336},
	Checklist:  []int{4, 7},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title:      "Request data is compiled as a template",
		What:       "Reports django.template.Template, jinja2.Template, mako templates and Engine/Environment.from_string whose template source carries request data, and request data written into a file under a templates folder, which the application renders later. Request data passed as the context of a constant template is not reported. A template compiled by Jinja's `SandboxedEnvironment` (or `ImmutableSandboxedEnvironment`, or a project class deriving from one, or an engine of `django.template.engines` whose settings give it one as its environment: `engines[\"jinja\"]` with `\"OPTIONS\": {\"environment\": \"jinja2.sandbox.SandboxedEnvironment\"}` in every settings module) is low: that is how Jinja means user templates to run." + staffNote,
		Why:        "Whoever writes the template controls what it reads: settings, the SECRET_KEY through objects in the context, and with Jinja2 arbitrary code.",
		Bad:        "greeting = request.GET[\"greeting\"]\nreturn HttpResponse(Template(\"<p>\" + greeting + \"</p>\").render(Context({})))",
		Good:       "greeting = request.GET[\"greeting\"]\nreturn HttpResponse(Template(\"<p>{{ greeting }}</p>\").render(Context({\"greeting\": greeting})))",
		Fix:        "Keep template sources constant (files or literals) and pass request data in the context.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/templates/api/#django.template.Template", "https://portswigger.net/web-security/server-side-template-injection", "https://cwe.mitre.org/data/definitions/1336.html"},
	},
	Run: taintRunWith(templateSinks, "template source built from request data (%s) reaches %s", lowerInSandbox),
}

// templateSinks are the calls that compile template source.
var templateSinks = &taint.Spec{
	Kind: taint.Template,
	Sinks: []taint.Sink{
		{Method: "from_string", When: func(c *taint.Call) bool { return templateEngine(c) && !sandboxed(c) },
			Args: []taint.Arg{taint.A(0, "template_code", "source")}},
		{Method: "from_string", When: sandboxed, Name: "{recv}.from_string" + inSandbox,
			Args: []taint.Arg{taint.A(0, "template_code", "source")}},
		{Func: "django.template.**.Template", Args: []taint.Arg{taint.A(0, "template_string", "source", "text")}},
		{Func: "jinja2.**.Template", Args: []taint.Arg{taint.A(0, "template_string", "source", "text")}},
		{Func: "mako.template.**.Template", Args: []taint.Arg{taint.A(0, "template_string", "source", "text")}},
		// a file written under a templates folder is a template rendered later
		{Method: "write", When: writesFile(templateFile), Args: []taint.Arg{taint.A(0, "s", "data")}},
		{Method: "write_text", When: writesFile(templateFile), Args: []taint.Arg{taint.A(0, "data")}},
		{Method: "write_bytes", When: writesFile(templateFile), Args: []taint.Arg{taint.A(0, "data")}},
	},
}

// templateEngine reports whether from_string is called on a template
// engine (django.template.engines[...], Engine, jinja2.Environment, a
// variable named like one), not on another class with a from_string
// constructor (PhoneNumber.from_string).
func templateEngine(c *taint.Call) bool {
	recv := c.Receiver()
	if q := c.QualName(recv); q != "" && c.Imported(strings.Split(q, ".")[0]) != "" {
		return templateLibrary(q) // an imported name: its library decides
	}
	if b := c.Bound(recv); b != nil && templateLibrary(c.QualName(b.Func)) {
		return true
	}
	t := strings.ToLower(c.Source(recv))
	return strings.Contains(t, "engine") || strings.Contains(t, "env") || strings.Contains(t, "template") || strings.Contains(t, "jinja")
}

// inSandbox ends the name of a sink that compiles templates in Jinja's
// sandbox.
const inSandbox = " (a Jinja sandbox)"

// sandboxed reports from_string called on Jinja's SandboxedEnvironment or
// ImmutableSandboxedEnvironment, or a project class deriving from one,
// built in this module or imported from another.
func sandboxed(c *taint.Call) bool {
	return c.Derives(c.Built(c.Receiver()), func(q string) bool {
		return q == "jinja2.sandbox.SandboxedEnvironment" || q == "jinja2.sandbox.ImmutableSandboxedEnvironment"
	}) || configuredSandbox(c)
}

// configuredSandbox reports from_string called on an engine of
// django.template.engines (engines["jinja"], directly or through a name
// the function assigns it to) whose settings give it Jinja's sandbox as
// its environment: how a Django project usually sets up its sandbox.
func configuredSandbox(c *taint.Call) bool {
	p := c.Project()
	if p == nil {
		return false
	}
	alias, ok := engineAliasOf(c, c.Receiver(), true)
	return ok && settings.JinjaSandboxes(p)[alias]
}

// engineAliasOf returns the alias of engines["alias"], or of the one
// engine every assignment of the function gives the name e (when byName).
func engineAliasOf(c *taint.Call, e python.Expr, byName bool) (string, bool) {
	switch x := e.(type) {
	case *python.Subscript:
		alias, ok := constStr(x.Slice)
		return alias, ok && c.QualName(x.Value) == "django.template.engines"
	case *python.Name:
		fn := c.Function()
		if !byName || fn == nil {
			return "", false
		}
		alias, found, other := "", false, false
		python.EachStmt(fn.Body, func(st python.Stmt) {
			a, ok := st.(*python.Assign)
			if !ok || len(a.Targets) != 1 || !isLocal(a.Targets[0], x.ID) {
				return
			}
			got, ok := engineAliasOf(c, a.Value, false)
			other = other || !ok || found && got != alias
			alias, found = got, true
		})
		return alias, found && !other
	}
	return "", false
}

// lowerInSandbox makes a template compiled in Jinja's sandbox low: the
// sandbox refuses the attribute walks that reach code or settings, and
// what is left is its escapes, which jinja2 releases fix.
func lowerInSandbox(f taint.Finding, d *analysis.Diagnostic) {
	if strings.HasSuffix(f.Sink, inSandbox) {
		d.Severity = report.Low
		d.Message += ": the sandbox refuses unsafe attributes and calls; keep jinja2 up to date, since sandbox escapes have been fixed in its releases (CVE-2019-10906, CVE-2024-56326)"
	}
}

func templateLibrary(q string) bool {
	return strings.HasPrefix(q, "django.template") || strings.HasPrefix(q, "jinja2") || strings.HasPrefix(q, "mako")
}

func templateFile(path string) bool { return strings.Contains(strings.ToLower(path), "template") }
