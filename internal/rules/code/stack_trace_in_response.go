package code

import (
	"fmt"
	"strings"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
	"github.com/djsec/djsec/internal/tplsrc"
)

func init() {
	taint.IndexCallsNamed("format_exc", "format_exception", "format_tb", "format_stack", "extract_tb", "extract_stack")
}

// StackTraceInResponse finds a traceback formatted into what a view sends
// back: the response body, a page's context, a message or a validation
// error.
var StackTraceInResponse = &analysis.Rule{
	ID:         "DJC228",
	Name:       "stack-trace-in-response",
	Severity:   report.Medium,
	Confidence: report.HighConfidence,
	CWE:        []int{209},
	Checklist:  []int{9},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A stack trace is sent to the client",
		What: "Reports the text of traceback.format_exc, format_exception, format_tb, format_stack, extract_tb " +
			"and extract_stack, in the function that formats it, when it reaches what is sent back: the content of " +
			"an HttpResponse, JsonResponse or DRF Response, the context of render, TemplateResponse or " +
			"render_to_response (when the template is in the project, only if it names the context key), what " +
			"get_context_data returns, a message of django.contrib.messages, or a ValidationError or DRF exception " +
			"raised. The trace is followed through local variables, dictionaries and lists filled in the same " +
			"function. A view that only staff, superusers or holders of a permission reach, code in the " +
			"admin, a ModelAdmin action (def merge(modeladmin, request, queryset)) and pages rendered from a template under an admin/ folder are low. Tracebacks logged, mailed to the admins or rendered with render_to_string (e-mails) " +
			"are not reported, nor is str(exc), an exception's message, which is often meant for the user.",
		Why: "A traceback shows file paths, library versions, lines of code and sometimes the values of " +
			"variables (SQL, settings, tokens): it maps the application for an attacker, which is why Django " +
			"shows it only while DEBUG is on.",
		Bad:  "except Exception:\n    return JsonResponse({\"error\": traceback.format_exc()}, status=500)",
		Good: "except Exception:\n    logger.exception(\"export failed\")\n    return JsonResponse({\"error\": \"export failed\"}, status=500)",
		Fix: "Log the traceback (logger.exception(...) inside the except block) and send the client a generic " +
			"message, with an error id it can quote if support needs one.",
		References: []string{"https://cwe.mitre.org/data/definitions/209.html",
			"https://docs.djangoproject.com/en/stable/howto/error-reporting/"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		var model *access.Model
		for _, m := range appModules(pass, prog) {
			done := map[*python.FunctionDef]bool{}
			for _, st := range m.Index().Calls {
				if !traceSource(st.Q) || st.Func == nil || done[st.Func] {
					continue
				}
				done[st.Func] = true
				sinks, trace := traceSinks(pass, m, st.Func)
				if len(sinks) > 0 && model == nil {
					model = access.Analyze(pass.Project)
				}
				for _, sink := range sinks {
					reportTrace(pass, model, m, st.Func, sink, trace)
				}
			}
		}
	},
}

// traceSource reports the functions whose result is a stack trace.
func traceSource(q string) bool {
	switch q {
	case "traceback.format_exc", "traceback.format_exception", "traceback.format_tb",
		"traceback.format_stack", "traceback.extract_tb", "traceback.extract_stack":
		return true
	}
	return false
}

// reportTrace reports the trace that reaches sink, low where only staff
// see it.
func reportTrace(pass *analysis.Pass, model *access.Model, m *taint.Module, fn *python.FunctionDef, sink python.Node, trace string) {
	d := analysis.Diagnostic{
		Location: m.Location(sink),
		Message: fmt.Sprintf("%s reaches %s: the client is sent the stack trace, with file paths and lines of code; "+
			"log it and send a generic message", trace, sinkLabel(m, sink)),
	}
	if adminModule(m.File.Path) {
		d.Severity = report.Low
		d.Message += "; it is in the admin (" + m.File.Path + "), where only staff see it"
	} else if tpl := adminTemplate(m, fn, sink); tpl != "" {
		d.Severity = report.Low
		d.Message += "; the page is an admin template (" + tpl + "), which only staff see"
	} else if fn != nil && modelAdminAction(fn) {
		d.Severity = report.Low
		d.Message += "; it is an admin action (" + fn.Name + "), which only staff run from the admin's change list"
	} else if routes := routesTo(model, m, fn); privileged(routes) {
		d.Severity = report.Low
		d.Message += "; only staff, superusers or holders of a permission reach " + routes[0].View.QName
	}
	pass.Report(d)
}

// modelAdminAction reports a function written as a ModelAdmin action,
// def merge(modeladmin, request, queryset): the admin runs it for staff
// on the rows they selected.
func modelAdminAction(fn *python.FunctionDef) bool {
	args := fn.Args.Args
	return len(fn.Args.Posonlyargs) == 0 && len(args) == 3 &&
		args[0].Arg == "modeladmin" && args[1].Arg == "request" && args[2].Arg == "queryset"
}

// adminTemplate returns the name of the template a render sink renders
// when it is an admin page, one under an admin/ folder of the templates
// ("shop/admin/addons/upload.html"): given to the call, or, for
// self.render_to_response, set as template_name in fn or its class. It
// returns "" otherwise.
func adminTemplate(m *taint.Module, fn *python.FunctionDef, sink python.Node) string {
	c, ok := sink.(*python.Call)
	if !ok {
		return ""
	}
	name, _ := constStr(c.Arg(1, "template_name"))
	if a, ok := c.Func.(*python.Attribute); ok && a.Attr == "render_to_response" {
		name = templateNameIn(fn)
		for _, cls := range m.Index().Classes {
			if name == "" && encloses(cls, fn) {
				name = templateNameIn(cls)
			}
		}
	}
	if strings.HasPrefix(name, "admin/") || strings.Contains(name, "/admin/") {
		return name
	}
	return ""
}

// templateNameIn returns the literal a def or class body assigns to
// template_name (self.template_name in a method), or "".
func templateNameIn(n python.Node) string {
	var body []python.Stmt
	switch x := n.(type) {
	case *python.FunctionDef:
		body = x.Body
	case *python.ClassDef:
		body = x.Body
	}
	name := ""
	python.EachStmt(body, func(s python.Stmt) {
		a, ok := s.(*python.Assign)
		if !ok || name != "" {
			return
		}
		for _, t := range a.Targets {
			switch x := t.(type) {
			case *python.Name:
				if x.ID != "template_name" {
					continue
				}
			case *python.Attribute:
				if x.Attr != "template_name" {
					continue
				}
			default:
				continue
			}
			name, _ = constStr(a.Value)
		}
	})
	return name
}

// sinkLabel names the sink for messages.
func sinkLabel(m *taint.Module, sink python.Node) string {
	switch x := sink.(type) {
	case *python.Call:
		q := m.QualName(x.Func)
		if strings.HasPrefix(q, "django.contrib.messages.") {
			return "messages." + lastName(q) + "(…)"
		}
		return lastName(q) + "(…)"
	case *python.Return:
		return "the context get_context_data returns"
	}
	return "the response"
}

// routesTo returns the routes of the view whose code fn is: the function
// itself, or a method of a class-based view.
func routesTo(model *access.Model, m *taint.Module, fn *python.FunctionDef) []*access.Route {
	var out []*access.Route
	for _, r := range model.Routes {
		v := r.View
		if v.Library || v.Module != m {
			continue
		}
		switch {
		case v.Func != nil && v.Func.Def() == fn:
		case v.Class != nil && encloses(v.Class.Def(), fn):
		default:
			continue
		}
		out = append(out, r)
	}
	return out
}

func encloses(outer, inner python.Node) bool {
	return outer.Pos() <= inner.Pos() && inner.End() <= outer.End()
}

// traceFlow follows a stack trace through one function: the local names
// and containers that hold it.
type traceFlow struct {
	m      *taint.Module
	held   map[string]bool // local names that hold the trace
	source string          // the first trace call met, as written
}

// holds reports whether e carries the trace: a trace call or a name that
// holds one, anywhere in it but inside a nested function.
func (f *traceFlow) holds(e python.Node) bool {
	found := false
	python.Inspect(e, func(n python.Node) bool {
		if found || n == nil {
			return false
		}
		switch x := n.(type) {
		case *python.Lambda, *python.FunctionDef, *python.ClassDef:
			return false
		case *python.Call:
			if traceSource(f.m.QualName(x.Func)) {
				if f.source == "" {
					f.source = f.m.Text(x)
				}
				found = true
				return false
			}
			if measures(f.m.QualName(x.Func)) {
				return false
			}
		case *python.Name:
			found = f.held[x.ID]
		}
		return true
	})
	return found
}

// measures reports calls whose result says something of their argument
// without carrying its text: len(trace), bool(trace).
func measures(q string) bool {
	switch q {
	case "len", "bool", "hash", "id", "isinstance", "type":
		return true
	}
	return false
}

// collect marks the names that hold the trace after the function's
// assignments, and the containers it is put in, until nothing changes.
func (f *traceFlow) collect(body []python.Stmt) {
	for changed := true; changed; {
		changed = false
		mark := func(name string) {
			if name != "" && !f.held[name] {
				f.held[name] = true
				changed = true
			}
		}
		python.EachStmt(body, func(s python.Stmt) {
			switch x := s.(type) {
			case *python.Assign:
				if f.holds(x.Value) {
					for _, t := range x.Targets {
						mark(targetName(t))
					}
				}
			case *python.AugAssign:
				if f.holds(x.Value) {
					mark(targetName(x.Target))
				}
			case *python.AnnAssign:
				if x.Value != nil && f.holds(x.Value) {
					mark(targetName(x.Target))
				}
			case *python.ExprStmt:
				// context.update(error=trace), errors.append(trace)
				if c, ok := x.Value.(*python.Call); ok {
					if a, ok := c.Func.(*python.Attribute); ok && filling(a.Attr) && f.holds(&python.List{Elts: callArgs(c)}) {
						mark(targetName(a.Value))
					}
				}
			}
		})
	}
}

// filling reports methods that put their arguments into their receiver.
func filling(method string) bool {
	switch method {
	case "update", "append", "extend", "insert", "setdefault", "add", "write":
		return true
	}
	return false
}

// targetName returns the local name an assignment target fills: the name
// itself, or the container of an item (context["error"] = trace).
func targetName(t python.Expr) string {
	switch x := t.(type) {
	case *python.Name:
		return x.ID
	case *python.Subscript:
		return targetName(x.Value)
	case *python.Starred:
		return targetName(x.Value)
	}
	return ""
}

// traceSinks returns the places in fn where the trace is sent back, in
// source order, and the trace call as written.
func traceSinks(pass *analysis.Pass, m *taint.Module, fn *python.FunctionDef) ([]python.Node, string) {
	f := &traceFlow{m: m, held: map[string]bool{}}
	f.collect(fn.Body)
	var sinks []python.Node
	python.EachStmt(fn.Body, func(s python.Stmt) {
		if r, ok := s.(*python.Return); ok && fn.Name == "get_context_data" && r.Value != nil && f.holds(r.Value) {
			sinks = append(sinks, r)
			return
		}
		python.Inspect(s, func(n python.Node) bool {
			switch x := n.(type) {
			case nil, *python.Lambda, *python.FunctionDef, *python.ClassDef:
				return false
			case python.Stmt:
				// a nested statement is eachStmt's, met on its own
				return x == s
			case *python.Call:
				if e := sentPart(m, x); e != nil && f.holds(e) && shown(pass, m, x, e, f) {
					sinks = append(sinks, x)
					return false
				}
			}
			return true
		})
	})
	return sinks, f.source
}

// sentPart returns the part of call c that is sent to the client, or nil
// when c sends nothing back.
func sentPart(m *taint.Module, c *python.Call) python.Expr {
	q := m.QualName(c.Func)
	last := lastName(q)
	switch {
	case strings.HasPrefix(q, "django.http.") && (strings.HasPrefix(last, "HttpResponse") || last == "JsonResponse" || last == "StreamingHttpResponse"):
		return argNamed(c, 0, "content", "data", "streaming_content")
	case q == "rest_framework.response.Response":
		return c.Arg(0, "data")
	case q == "django.shortcuts.render", strings.HasPrefix(q, "django.template.response.") && strings.HasSuffix(last, "TemplateResponse"):
		return c.Arg(2, "context")
	case q == "django.shortcuts.render_to_response":
		return c.Arg(1, "context")
	case strings.HasPrefix(q, "django.contrib.messages."):
		if last == "add_message" {
			return c.Arg(2, "message")
		}
		return c.Arg(1, "message")
	case strings.HasPrefix(q, "rest_framework.exceptions."), q == "rest_framework.serializers.ValidationError",
		strings.HasPrefix(q, "django.") && last == "ValidationError":
		return argNamed(c, 0, "detail", "message")
	}
	if a, ok := c.Func.(*python.Attribute); ok && a.Attr == "render_to_response" {
		if n, ok := a.Value.(*python.Name); ok && n.ID == "self" {
			return c.Arg(0, "context")
		}
	}
	return nil
}

// argNamed returns the argument at position pos or under one of the
// keywords names (a class's first parameter is content, JsonResponse's
// data).
func argNamed(c *python.Call, pos int, names ...string) python.Expr {
	for _, n := range names {
		if e := c.Arg(pos, n); e != nil {
			return e
		}
	}
	return nil
}

// shown reports whether the trace in part e of a render call is shown:
// when the call names a template of the project and e is a dictionary or
// a name filled under literal keys, the template names one of the keys
// that hold the trace. A template djsec cannot find may show it.
func shown(pass *analysis.Pass, m *taint.Module, c *python.Call, e python.Expr, f *traceFlow) bool {
	q := m.QualName(c.Func)
	if q != "django.shortcuts.render" && q != "django.shortcuts.render_to_response" && !strings.HasSuffix(q, "TemplateResponse") {
		return true
	}
	arg := 1
	if q == "django.shortcuts.render_to_response" {
		arg = 0
	}
	name, ok := constStr(c.Arg(arg, "template_name"))
	if !ok {
		return true
	}
	tpl := tplsrc.Resolve(pass.Project, nil, name)
	if tpl == nil {
		return true
	}
	keys := traceKeys(m, e, f)
	if keys == nil {
		return true
	}
	data, err := tpl.Content()
	if err != nil {
		return true
	}
	for _, k := range keys {
		if bytesearch.Contains(data, k) {
			return true
		}
	}
	return false
}

// traceKeys returns the literal keys under which a context dictionary
// holds the trace, or nil when they are not all known.
func traceKeys(m *taint.Module, e python.Expr, f *traceFlow) []string {
	d, ok := e.(*python.Dict)
	if !ok {
		return nil
	}
	var keys []string
	for i, v := range d.Values {
		if !f.holds(v) {
			continue
		}
		k, ok := constStr(d.Keys[i])
		if !ok {
			return nil
		}
		keys = append(keys, k)
	}
	return keys
}
