package code

import (
	"fmt"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/settings"
)

// RawHostHeader finds links built from the Host header as the client sent
// it, read past Django's check against ALLOWED_HOSTS.
var RawHostHeader = &analysis.Rule{
	ID:         "DJC226",
	Name:       "link-from-raw-host-header",
	Severity:   report.Medium,
	Confidence: report.HighConfidence,
	CWE:        []int{20, 640},
	Checklist:  []int{3, 4},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A link is built from the raw Host header",
		What: "Reports request.META[\"HTTP_HOST\"] (or HTTP_X_FORWARDED_HOST, or request.headers[\"Host\"], read " +
			"with [] or .get) written into a URL in a view's code: a format string, f-string, % or + whose literal " +
			"text holds \"://\" or starts with \"//\", directly or through a variable the function assigns it to. " +
			"request.get_host() and request.build_absolute_uri(), which Django checks against ALLOWED_HOSTS, are " +
			"not reported, nor is the raw header compared, logged, looked up or passed on as it is, nor a link built after the " +
			"view fetched a row by it and stopped when none matched (get_object_or_404(Event, domain=request.headers[\"Host\"]), " +
			"Event.objects.get(domain=host)): only a Host a row names comes through. The Host header is " +
			"low where every production settings module installs CommonMiddleware, whose get_host() turns away a Host " +
			"that ALLOWED_HOSTS (a list without \"*\") does not name before any view runs, and USE_X_FORWARDED_HOST is off. So is a link " +
			"that a view puts only into the response it returns (return render(...) or HttpResponse(...), with no mail sent, row saved, " +
			"task queued or cache set): a forged Host comes back to the client that sent it.",
		Why: "Django validates the Host header only when something asks for it through get_host() (CommonMiddleware " +
			"does, on every request); otherwise the raw header is whatever the client sent. A link built from it in an e-mail (a notification, a password " +
			"reset, an invitation) points at the attacker's site when the attacker sends the request with a " +
			"forged Host: the recipient's click hands over the token or the session it carries.",
		Bad:  "host = \"{}://{}\".format(scheme, request.META.get(\"HTTP_HOST\"))\nsend_mail(..., f\"{host}/reset/{token}/\", ...)",
		Good: "url = request.build_absolute_uri(reverse(\"reset\", args=[token]))",
		Fix: "Build links with request.build_absolute_uri() or request.get_host(), which Django checks against " +
			"ALLOWED_HOSTS, or from a setting or the sites framework (Site.objects.get_current().domain) for " +
			"e-mails sent outside a request.",
		References: []string{"https://docs.djangoproject.com/en/stable/topics/security/#host-header-validation",
			"https://docs.djangoproject.com/en/stable/ref/request-response/#django.http.HttpRequest.get_host",
			"https://cwe.mitre.org/data/definitions/640.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		for _, m := range appModules(pass, prog) {
			src := m.Content()
			if !bytesearch.Contains(src, "HTTP_HOST") && !bytesearch.Contains(src, "HTTP_X_FORWARDED_HOST") && !bytesearch.Contains(src, "headers") {
				continue
			}
			for _, d := range m.Index().Funcs {
				for _, read := range hostLinks(d) {
					src := m.Source(read)
					if hosts, ok := settings.HostsChecked(pass.Project); ok && !strings.Contains(strings.ToLower(src), "forwarded") {
						// CommonMiddleware's get_host() turned every
						// other Host away before the view ran
						pass.Report(analysis.Diagnostic{
							Location: m.Location(read),
							Severity: report.Low,
							Message: fmt.Sprintf("%s is the Host header as the client sent it, built into a link here; CommonMiddleware "+
								"checked it against ALLOWED_HOSTS (%s) before the view ran, so it is one of the site's names: "+
								"request.build_absolute_uri() says so in the code", src, strings.Join(hosts, ", ")),
						})
						continue
					}
					if answersOnly(d) {
						// the forged Host comes back to whoever sent it
						pass.Report(analysis.Diagnostic{
							Location: m.Location(read),
							Severity: report.Low,
							Message: fmt.Sprintf("%s is the Host header as the client sent it, unchecked against ALLOWED_HOSTS, "+
								"built into a link that goes only into this response: a forged Host comes back to the client "+
								"that sent it, and to others only through a cache that keys pages without the Host", src),
						})
						continue
					}
					pass.Reportf(m.Location(read), "%s is the Host header as the client sent it, unchecked against ALLOWED_HOSTS, "+
						"and it is built into a link here: a request with a forged Host makes the link point at another site",
						src)
				}
			}
		}
	},
}

// responseCalls build the response a view returns.
var responseCalls = map[string]bool{"render": true, "render_to_response": true, "HttpResponse": true, "TemplateResponse": true,
	"JsonResponse": true, "StreamingHttpResponse": true, "FileResponse": true}

// keepingCalls send or keep what they are given beyond the response: a
// mail, a row, a task, a cache entry.
var keepingCalls = map[string]bool{"send_mail": true, "send_mass_mail": true, "mail_admins": true, "mail_managers": true,
	"EmailMessage": true, "EmailMultiAlternatives": true, "send": true, "save": true, "create": true, "update": true,
	"update_or_create": true, "get_or_create": true, "bulk_create": true, "delay": true, "apply_async": true, "set": true}

// answersOnly reports a view function or method whose every return is a
// response it builds (return render(...), return HttpResponse(result),
// or a name assigned one) and that sends or keeps nothing: what it writes
// reaches only the client that asked.
func answersOnly(d *python.FunctionDef) bool {
	built := map[string]bool{} // names assigned a response
	keeps, returns, answers := false, 0, 0
	eachOwnNode(d, func(n python.Node) {
		switch x := n.(type) {
		case *python.Call:
			keeps = keeps || keepingCalls[x.CalleeName()]
		case *python.Assign:
			if c, ok := x.Value.(*python.Call); ok && responseCalls[c.CalleeName()] && len(x.Targets) == 1 {
				if nm, ok := x.Targets[0].(*python.Name); ok {
					built[nm.ID] = true
				}
			}
		}
	})
	eachOwnNode(d, func(n python.Node) {
		r, ok := n.(*python.Return)
		if !ok {
			return
		}
		returns++
		switch v := r.Value.(type) {
		case *python.Call:
			if responseCalls[v.CalleeName()] {
				answers++
			}
		case *python.Name:
			if built[v.ID] {
				answers++
			}
		}
	})
	return !keeps && returns > 0 && answers == returns
}

// hostLinks returns the raw Host header reads of function d, its own
// statements only (nested functions are indexed apart), that end up in a
// URL: in a formatting whose literal text holds "://" or starts with "//",
// directly or through a name the function assigns the read to.
func hostLinks(d *python.FunctionDef) []python.Expr {
	held := map[string]python.Expr{} // name -> the read assigned to it
	var formats []python.Expr
	// inner holds the sums inside a longer sum: a + b + c is read once,
	// whole, not again from each of its parts (a chain of n additions
	// read from every level was quadratic).
	inner := map[*python.BinOp]bool{}
	// checked is where the function first fetched a row by the Host
	// (get_object_or_404(Event, domain=host)): past it, only a Host that
	// a row names has come through
	checked := map[bool]python.Pos{} // forwarded or not -> position
	eachOwnNode(d, func(n python.Node) {
		switch x := n.(type) {
		case *python.Call:
			if fwd, ok := hostLookup(x, held); ok {
				if _, seen := checked[fwd]; !seen {
					checked[fwd] = x.Pos()
				}
			}
		}
		switch x := n.(type) {
		case *python.Assign:
			if len(x.Targets) == 1 {
				if nm, ok := x.Targets[0].(*python.Name); ok && rawHost(x.Value) {
					held[nm.ID] = x.Value
				}
			}
		case *python.BinOp:
			if x.Op == python.Add {
				for _, side := range []python.Expr{x.Left, x.Right} {
					if b, ok := side.(*python.BinOp); ok && b.Op == python.Add {
						inner[b] = true
					}
				}
			}
			if !inner[x] {
				formats = append(formats, x)
			}
		case *python.Call, *python.JoinedStr:
			formats = append(formats, x.(python.Expr))
		}
	})
	var out []python.Expr
	seen := map[python.Expr]bool{}
	for _, f := range formats {
		parts, ok := urlParts(f)
		if !ok {
			continue
		}
		for _, p := range parts {
			read := p
			if nm, ok := p.(*python.Name); ok {
				read = held[nm.ID]
			}
			if read == nil || !rawHost(read) || seen[read] {
				continue
			}
			if at, ok := checked[forwarded(read)]; ok && f.Pos() > at {
				continue
			}
			seen[read] = true
			out = append(out, read)
		}
	}
	return out
}

// hostLookup reports a fetch of one row by the raw Host header, read there
// or through a name held, that stops the view when no row matches:
// get_object_or_404(Model, field=host), or Model.objects.get(field=host),
// which raises DoesNotExist. fwd says the header is X-Forwarded-Host.
// filter() finds nothing without stopping, so it checks nothing.
func hostLookup(c *python.Call, held map[string]python.Expr) (fwd, ok bool) {
	switch c.CalleeName() {
	case "get_object_or_404":
	case "get":
		if len(c.Args) > 0 {
			return false, false // a mapping's get(key), not a query's
		}
	default:
		return false, false
	}
	for _, kw := range c.Keywords {
		v := kw.Value
		if nm, ok := v.(*python.Name); ok && held[nm.ID] != nil {
			v = held[nm.ID]
		}
		if kw.Arg != "" && rawHost(v) {
			return forwarded(v), true
		}
	}
	return false, false
}

// forwarded reports a read of X-Forwarded-Host rather than Host.
func forwarded(read python.Expr) bool {
	k, _ := hostHeader(read)
	return strings.Contains(strings.ToLower(k), "forwarded")
}

// urlParts returns the values a formatting writes into a URL: the
// arguments of "{}://{}".format(...), the values of f"https://{...}", the
// right side of "%s://%s" % (...), the operands of "https://" + ... . ok
// is false when e is no formatting or its literal text is no URL.
func urlParts(e python.Expr) (parts []python.Expr, ok bool) {
	switch x := e.(type) {
	case *python.Call:
		a, isAttr := x.Func.(*python.Attribute)
		if !isAttr || a.Attr != "format" {
			return nil, false
		}
		s, isStr := constStr(a.Value)
		if !isStr || !urlText(s) {
			return nil, false
		}
		parts = append(parts, x.Args...)
		for _, k := range x.Keywords {
			parts = append(parts, k.Value)
		}
		return parts, true
	case *python.JoinedStr:
		url := false
		for _, v := range x.Values {
			if fv, isValue := v.(*python.FormattedValue); isValue {
				parts = append(parts, fv.Value)
			} else if s, isStr := constStr(v); isStr && urlText(s) {
				url = true
			}
		}
		return parts, url
	case *python.BinOp:
		switch x.Op {
		case python.Mod:
			s, isStr := constStr(x.Left)
			if !isStr || !urlText(s) {
				return nil, false
			}
			if t, isTuple := x.Right.(*python.Tuple); isTuple {
				return t.Elts, true
			}
			return []python.Expr{x.Right}, true
		case python.Add:
			url := false
			// the operands of the whole sum, without recursion: a sum
			// leans left, and may be thousands of terms long
			stack := []python.Expr{x}
			for len(stack) > 0 {
				e := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if b, isAdd := e.(*python.BinOp); isAdd && b.Op == python.Add {
					stack = append(stack, b.Right, b.Left)
					continue
				}
				if s, isStr := constStr(e); isStr {
					url = url || urlText(s)
					continue
				}
				parts = append(parts, e)
			}
			return parts, url
		}
	}
	return nil, false
}

// urlText reports whether literal text of a formatting makes it a URL.
func urlText(s string) bool { return strings.Contains(s, "://") || strings.HasPrefix(s, "//") }

// rawHost reports whether e reads the Host header unchecked:
// X.META["HTTP_HOST"], X.META.get("HTTP_HOST"), the same for
// HTTP_X_FORWARDED_HOST, and X.headers["Host"] or X.headers.get("host").
func rawHost(e python.Expr) bool {
	_, ok := hostHeader(e)
	return ok
}

// hostHeader returns the key by which e reads the Host header unchecked
// (HTTP_HOST, HTTP_X_FORWARDED_HOST, Host, X-Forwarded-Host), ok false
// when e reads no such header.
func hostHeader(e python.Expr) (key string, ok bool) {
	var from, k python.Expr
	switch x := e.(type) {
	case *python.Subscript:
		from, k = x.Value, x.Slice
	case *python.Call:
		a, isAttr := x.Func.(*python.Attribute)
		if !isAttr || a.Attr != "get" || len(x.Args) == 0 {
			return "", false
		}
		from, k = a.Value, x.Args[0]
	default:
		return "", false
	}
	a, isAttr := from.(*python.Attribute)
	if !isAttr {
		return "", false
	}
	key, ok = constStr(k)
	if !ok {
		return "", false
	}
	switch {
	case a.Attr == "META" && (key == "HTTP_HOST" || key == "HTTP_X_FORWARDED_HOST"),
		a.Attr == "headers" && (strings.EqualFold(key, "host") || strings.EqualFold(key, "x-forwarded-host")):
		return key, true
	}
	return "", false
}

// eachOwnNode calls fn for every node of a function's body that is not
// inside a nested function, lambda or class.
func eachOwnNode(d *python.FunctionDef, fn func(python.Node)) {
	for _, s := range d.Body {
		python.Inspect(s, func(n python.Node) bool {
			switch n.(type) {
			case *python.FunctionDef, *python.Lambda, *python.ClassDef:
				return false
			}
			fn(n)
			return true
		})
	}
}
