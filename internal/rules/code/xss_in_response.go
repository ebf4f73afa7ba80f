package code

import (
	"strings"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
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
		What:       "Reports HttpResponse (and its error subclasses) with an HTML content type, mark_safe, SafeString (and the project's subclasses of it) and format_html or format_html_join used as a format string (also when the string was formatted before), and HTML e-mail bodies (send_mail and mail_admins html_message, attach_alternative with text/html, EmailMessage whose content_subtype is html), when their content carries request data that was not escaped, also through the error of a parser that quotes what it was given (int(), float(), datetime.strptime, fromisoformat, ipaddress, dateutil: except ValueError as err: return HttpResponseBadRequest(str(err)), called in the try or in a project function it calls). Values passed through django.utils.html.escape, conditional_escape or as format_html arguments, or percent-encoded (request.GET.urlencode(), urllib.parse.urlencode, quote and quote_plus, with no safe= set of characters kept as they are), or reduced by re.sub with an allow-list of letters, digits, \"-\" and \"_\" (re.sub(\"[^a-zA-Z0-9]\", \"-\", host)), and responses with a non-HTML content_type (text/plain, application/json), given when built, by the project's response class's own __init__ (kwargs.setdefault(\"content_type\", \"application/json\")) or set afterwards (response[\"Content-Type\"] = \"application/json\", in the view or in a project function it hands the response to: add_cors_headers(response)), are not reported. The content of a file read with pathlib's read_bytes or read_text is the file's, even when the request chose the file (a path rule's concern). Templates rendered with render() escape by themselves and are left to the template rules. A flow from the request body (request.POST, request.FILES, request.data, request.body) read in a view that every route reaches behind a CSRF check is low: Django's CsrfViewMiddleware checks every POST, and DRF checks logged-in users, so with a view that requires a login no other site can send the markup in a user's name, and only the user can inject into their own page; from a query string it is not, since a link sends it. So is a flow from the body read in a view that first refuses any request whose content type is not JSON (if request.content_type != \"application/json\": return ...), while the production settings let no other origin send credentialed requests (CORS_ALLOW_CREDENTIALS): no form of another site sends JSON, and its fetch of JSON needs a CORS preflight." + staffNote,
		Why:        "Script injected into a page runs with the victim's session: it can read CSRF tokens, act as the user and steal data shown on the page.",
		Bad:        "name = request.GET.get(\"name\", \"\")\nreturn HttpResponse(\"<h1>Hello \" + name + \"</h1>\")",
		Good:       "name = request.GET.get(\"name\", \"\")\nreturn HttpResponse(format_html(\"<h1>Hello {}</h1>\", name))",
		Fix:        "Render a template, or build HTML with format_html(\"...{}...\", value) / escape(value); never mark request data safe.",
		References: []string{"https://docs.djangoproject.com/en/stable/topics/security/#cross-site-scripting-xss-protection", "https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html", "https://cwe.mitre.org/data/definitions/79.html"},
	},
	Run: func(pass *analysis.Pass) {
		var model *access.Model
		taintRunWith(xssSinks, "request data (%s) reaches %s without HTML escaping", func(f taint.Finding, d *analysis.Diagnostic) {
			if model == nil {
				model = access.Analyze(pass.Project)
			}
			if check := unforgeableBody(load(pass), model, f); check != "" {
				d.Severity = report.Low
				d.Message += "; it is read from the request body, which the CSRF check (" + check +
					") keeps other sites from sending in a user's name: only users can inject into their own page"
			} else if bodySource(f.Source) && jsonOnly(load(pass), f) && !credentialedCORS(pass) {
				d.Severity = report.Low
				d.Message += "; it is read from the body of a request the view refuses unless it is JSON, which another " +
					"site's form cannot send and its fetch cannot send without a CORS preflight this site does not grant"
			}
		})(pass)
	},
}

// unforgeableBody names the CSRF check that keeps another site from making
// a user's browser send the request body a flow starts from, or returns
// "". The view that reads it must be routed only behind a CSRF check that
// every such request meets (Django's CsrfViewMiddleware checks every
// POST; DRF's SessionAuthentication checks logged-in users, so the view
// must also require a login). A query string is anyone's: a link sends it.
func unforgeableBody(prog *taint.Program, model *access.Model, f taint.Finding) string {
	if !bodySource(f.Source) {
		return ""
	}
	m, fn := sourceFunc(prog, f)
	if fn == nil {
		return ""
	}
	routes := routesTo(model, m, fn)
	if len(routes) == 0 {
		return ""
	}
	for _, r := range routes {
		if r.CSRF.Value != "enforced" || r.View.DRF && r.Auth.Value != string(access.Login) {
			return ""
		}
	}
	return routes[0].CSRF.Detail
}

// sourceFunc returns the function where a flow's source is read, and its
// module; nil when it is not in a function of the program.
func sourceFunc(prog *taint.Program, f taint.Finding) (*taint.Module, *python.FunctionDef) {
	src := sourceOf(f)
	m := moduleAt(prog, src.Path)
	if m == nil {
		return nil, nil
	}
	return m, funcAt(m, src.Line)
}

// jsonOnly reports a flow whose source is read in a function that first
// returns or raises unless the request's content type is JSON: if
// request.content_type != "application/json": return
// HttpResponseBadRequest(...). A form of another site sends only
// urlencoded, multipart or plain text bodies.
func jsonOnly(prog *taint.Program, f taint.Finding) bool {
	m, fn := sourceFunc(prog, f)
	if fn == nil {
		return false
	}
	for _, s := range fn.Body {
		if m.Line(s) >= sourceOf(f).Line {
			return false // the check has to come before the body is read
		}
		c, ok := access.ExitTest(s).(*python.Compare)
		if !ok || len(c.Ops) != 1 || c.Ops[0] != python.NotEq {
			continue
		}
		l, r := access.Dotted(c.Left), c.Comparators[0]
		if v, ok := constStr(r); ok && strings.HasSuffix(l, "request.content_type") && strings.HasPrefix(v, "application/json") {
			return true
		}
	}
	return false
}

// bodySource reports a source that is the body of the request itself,
// not a form's cleaned_data (a form may be bound to the query string).
func bodySource(source string) bool {
	for _, s := range []string{".POST", ".FILES", "request.data", "request.body"} {
		if strings.Contains(source, s) {
			return true
		}
	}
	return false
}

// funcAt returns the innermost function of module m whose definition
// spans line, or nil.
func funcAt(m *taint.Module, line int) *python.FunctionDef {
	tree := m.Tree()
	var out *python.FunctionDef
	python.Inspect(tree, func(n python.Node) bool {
		fd, ok := n.(*python.FunctionDef)
		if !ok {
			return true
		}
		from, to := m.Line(fd), tree.File.Line(fd.End())
		if line < from || line > to {
			return false
		}
		out = fd
		return true
	})
	return out
}

// xssSinks are the calls that put text into an HTML page unescaped.
var xssSinks = &taint.Spec{
	Kind: taint.XSS,
	Sinks: []taint.Sink{
		{Func: "django.http.**.HttpResponse", Name: "{last}", Args: []taint.Arg{taint.A(0, "content")}, When: htmlResponse},
		{Func: "django.http.**.HttpResponseNotFound", Name: "{last}", Args: []taint.Arg{taint.A(0, "content")}, When: htmlResponse},
		{Func: "django.http.**.HttpResponseBadRequest", Name: "{last}", Args: []taint.Arg{taint.A(0, "content")}, When: htmlResponse},
		{Func: "django.http.**.HttpResponseForbidden", Name: "{last}", Args: []taint.Arg{taint.A(0, "content")}, When: htmlResponse},
		{Func: "django.http.**.HttpResponseServerError", Name: "{last}", Args: []taint.Arg{taint.A(0, "content")}, When: htmlResponse},
		{Func: "django.utils.safestring.mark_safe", Name: "{last}", Args: []taint.Arg{taint.A(0, "s")}},
		{Func: "django.utils.safestring.SafeString", Name: "{last}", Args: []taint.Arg{taint.A(0, "s")}},
		{Func: "django.utils.safestring.SafeText", Name: "{last}", Args: []taint.Arg{taint.A(0, "s")}},
		{Func: "django.utils.html.format_html", Name: "format_html", Args: []taint.Arg{taint.A(0, "format_string")}},
		{Func: "django.utils.html.format_html_join", Name: "format_html_join", Args: []taint.Arg{taint.A(1, "format_string")}},
		// HTML e-mail bodies: mail clients render them as pages
		{Func: "django.core.mail.send_mail", Name: "send_mail(html_message=…)", Args: []taint.Arg{taint.A(8, "html_message")}},
		{Func: "django.core.mail.mail_admins", Name: "mail_admins(html_message=…)", Args: []taint.Arg{taint.A(4, "html_message")}},
		{Func: "django.core.mail.mail_managers", Name: "mail_managers(html_message=…)", Args: []taint.Arg{taint.A(4, "html_message")}},
		{Method: "attach_alternative", When: htmlAlternative, Args: []taint.Arg{taint.A(0, "content")}},
		{Func: "django.core.mail.**.EmailMessage", Name: "{last} with an HTML body", When: htmlSubtype, Args: []taint.Arg{taint.A(1, "body")}},
		{Func: "django.core.mail.**.EmailMultiAlternatives", Name: "{last} with an HTML body", When: htmlSubtype, Args: []taint.Arg{taint.A(1, "body")}},
	},
	Sanitizers: []taint.Sanitizer{
		{Func: "django.utils.html.escape"}, {Func: "django.utils.html.conditional_escape"}, {Func: "html.escape"},
		{Func: "django.utils.html.strip_tags"}, {Func: "bleach.clean"}, {Func: "django.utils.html.escapejs"},
		// re.sub("[^a-zA-Z0-9]", "-", host): letters, digits and dashes only
		{Func: "re.sub", Skip: 1, When: allowListSub("<>&\"'")},
		// the format string is a sink of its own; the values are escaped
		{Func: "django.utils.html.format_html", Skip: 1}, {Func: "django.utils.html.format_html_join", Skip: 1},
		// percent-encoding leaves no <, > or quote (unless a safe= set
		// keeps them): urlencode(params), quote(s); the engine knows
		// request.GET.urlencode() so
		{Func: "urllib.parse.urlencode", When: noSafeChars},
		{Func: "urllib.parse.quote", When: noSafeChars}, {Func: "urllib.parse.quote_plus", When: noSafeChars},
	},
}

// noSafeChars reports a percent-encoding call that keeps no character of
// its own choosing as it is: no safe= argument (QueryDict.urlencode(safe=),
// quote(s, safe="/<>"), urlencode(q, safe=...)).
func noSafeChars(c *python.Call) bool {
	for _, k := range c.Keywords {
		if k.Arg == "safe" || k.Arg == "" {
			return false
		}
	}
	// quote(string, safe), urlencode(query, doseq, safe)
	return len(c.Args) < 2
}

// htmlAlternative: msg.attach_alternative(content, "text/html").
func htmlAlternative(c *taint.Call) bool {
	t, ok := taint.ConstString(c.Arg(1, "mimetype"))
	return ok && strings.Contains(t, "html")
}

// htmlSubtype reports whether an e-mail's body is HTML: the function sets
// msg.content_subtype = "html", or the message class (a project subclass)
// does.
func htmlSubtype(c *taint.Call) bool {
	if cls := c.Class(); cls != nil {
		for _, st := range cls.Body {
			if htmlSubtypeAssign(st) {
				return true
			}
		}
	}
	found := false
	python.Inspect(c.Function(), func(n python.Node) bool {
		if st, ok := n.(python.Stmt); ok && htmlSubtypeAssign(st) {
			found = true
		}
		return !found
	})
	return found
}

func htmlSubtypeAssign(st python.Stmt) bool {
	a, ok := st.(*python.Assign)
	if !ok {
		return false
	}
	v, ok := taint.ConstString(a.Value)
	if !ok || v != "html" {
		return false
	}
	for _, t := range a.Targets {
		switch x := t.(type) {
		case *python.Attribute:
			if x.Attr == "content_subtype" {
				return true
			}
		case *python.Name:
			if x.ID == "content_subtype" {
				return true
			}
		}
	}
	return false
}

// htmlResponse reports whether a response is a page: its content type,
// when given, is a literal that says HTML. A type the code computed is a
// download, not a page.
func htmlResponse(c *taint.Call) bool {
	ct := c.Arg(1, "content_type", "mimetype")
	if ct == nil {
		// JsonResponse(HttpResponse) of the project, whose __init__
		// does kwargs.setdefault("content_type", "application/json")
		if lit, ok := initContentType(c.Init()); ok {
			return strings.Contains(lit, "html")
		}
		return true
	}
	if lit, ok := taint.ConstString(ct); ok {
		return strings.Contains(lit, "html")
	}
	if _, ok := ct.(*python.Constant); !ok && !c.Tainted(ct) {
		return false
	}
	return true
}

// initContentType returns the content type a response class's __init__
// gives when its caller gives none: kwargs.setdefault("content_type",
// "application/json"), or a literal content_type= in its call of the base's
// __init__.
func initContentType(init *python.FunctionDef) (string, bool) {
	if init == nil {
		return "", false
	}
	lit, found := "", false
	python.Inspect(init, func(n python.Node) bool {
		c, ok := n.(*python.Call)
		if !ok || found {
			return !found
		}
		a, ok := c.Func.(*python.Attribute)
		if !ok {
			return true
		}
		switch {
		case a.Attr == "setdefault" && len(c.Args) == 2:
			if k, ok := taint.ConstString(c.Args[0]); ok && (k == "content_type" || k == "mimetype") {
				lit, found = taint.ConstString(c.Args[1])
			}
		case a.Attr == "__init__":
			for _, k := range c.Keywords {
				if k.Arg == "content_type" {
					lit, found = taint.ConstString(k.Value)
				}
			}
		}
		return !found
	})
	return lit, found
}
