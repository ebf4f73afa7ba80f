package taint

import (
	"regexp"
	"strings"

	"github.com/djsec/djsec/internal/python"
)

// sinkSpec says that some expressions of a call are used as a sink kind.
type sinkSpec struct {
	kind  Kind
	name  string
	exprs []python.Expr
}

func arg(c *python.Call, i int, kw ...string) python.Expr {
	for _, k := range c.Keywords {
		for _, w := range kw {
			if k.Arg == w {
				return k.Value
			}
		}
	}
	if i >= 0 && i < len(c.Args) {
		if _, star := c.Args[i].(*python.Starred); !star {
			return c.Args[i]
		}
	}
	return nil
}

func keyword(c *python.Call, name string) python.Expr {
	for _, k := range c.Keywords {
		if k.Arg == name {
			return k.Value
		}
	}
	return nil
}

func isTrue(e python.Expr) bool {
	c, ok := e.(*python.Constant)
	if !ok {
		return false
	}
	b, ok := c.Value.(bool)
	return ok && b
}

func isFalse(e python.Expr) bool {
	c, ok := e.(*python.Constant)
	if !ok {
		return false
	}
	b, ok := c.Value.(bool)
	return ok && !b
}

func one(kind Kind, name string, e python.Expr) []sinkSpec {
	if e == nil {
		return nil
	}
	return []sinkSpec{{kind: kind, name: name, exprs: []python.Expr{e}}}
}

func hasPrefix(q string, prefixes ...string) bool {
	for _, p := range prefixes {
		if len(q) >= len(p) && q[:len(p)] == p && (len(q) == len(p) || q[len(p)] == '.') {
			return true
		}
	}
	return false
}

func last(q string) string { return q[strings.LastIndexByte(q, '.')+1:] }

var (
	httpResponses = map[string]bool{"HttpResponse": true, "HttpResponseNotFound": true, "HttpResponseBadRequest": true,
		"HttpResponseForbidden": true, "HttpResponseServerError": true, "HttpResponseNotAllowed": false}
	subprocessFuncs = map[string]bool{"call": true, "run": true, "Popen": true, "check_output": true, "check_call": true}
	requestsFuncs   = map[string]bool{"get": true, "post": true, "put": true, "patch": true, "delete": true, "head": true, "options": true, "request": true, "stream": true}
	logMethods      = map[string]bool{"debug": true, "info": true, "warning": true, "warn": true, "error": true, "critical": true, "exception": true, "fatal": true}
	ldapSearch      = map[string]bool{"search": true, "search_s": true, "search_st": true, "search_ext": true, "search_ext_s": true}
)

// sinks returns the sink uses of a call; q is its qualified name ("" for
// calls of computed functions), method the attribute name of a method call.
func (s *fnState) sinks(c *python.Call, q, method string) []sinkSpec {
	m := s.m
	switch {
	// SQL
	case method == "execute" || method == "executemany" || method == "executescript":
		if q != "" && !strings.Contains(q, ".") {
			break
		}
		if hasPrefix(q, "subprocess", "os") {
			break
		}
		return one(SQL, s.recvText(c)+"."+method, arg(c, 0, "sql", "query", "operation"))
	case method == "raw" && len(c.Args) > 0:
		return one(SQL, s.recvText(c)+".raw", c.Args[0])
	case method == "extra":
		var es []python.Expr
		for _, k := range c.Keywords {
			switch k.Arg {
			case "where", "select", "tables", "order_by":
				es = append(es, k.Value)
			}
		}
		if len(es) > 0 {
			return []sinkSpec{{kind: SQL, name: s.recvText(c) + ".extra", exprs: es}}
		}
	case last(q) == "RawSQL" && (hasPrefix(q, "django") || m.Imports["RawSQL"] != ""):
		return one(SQL, "RawSQL", arg(c, 0, "sql"))

	// XSS
	case httpResponses[last(q)] && hasPrefix(q, "django.http", "django.http.response"):
		if ct := arg(c, 1, "content_type", "mimetype"); ct != nil {
			if lit, ok := constString(ct); ok && !strings.Contains(lit, "html") {
				return nil
			}
			if _, ok := ct.(*python.Constant); !ok && s.eval(ct) == nil {
				return nil // a type the code computed: a download, not a page
			}
		}
		return one(XSS, last(q), arg(c, 0, "content"))
	case hasPrefix(q, "django.utils.safestring.mark_safe", "django.utils.safestring.SafeString", "django.utils.safestring.SafeText"):
		return one(XSS, last(q), arg(c, 0, "s"))
	case q == "django.utils.html.format_html":
		return one(XSS, "format_html", arg(c, 0, "format_string"))

	// redirects
	case q == "django.shortcuts.redirect" || (last(q) == "HttpResponseRedirect" || last(q) == "HttpResponsePermanentRedirect") && hasPrefix(q, "django.http"):
		return one(Redirect, last(q), arg(c, 0, "to", "redirect_to"))

	// commands
	case q == "os.system" || q == "os.popen" || q == "subprocess.getoutput" || q == "subprocess.getstatusoutput":
		return one(Command, q, arg(c, 0, "cmd", "command"))
	case hasPrefix(q, "subprocess") && subprocessFuncs[last(q)]:
		a := arg(c, 0, "args")
		if a == nil {
			return nil
		}
		if isTrue(keyword(c, "shell")) {
			return one(Command, q+"(shell=True)", a)
		}
		switch l := a.(type) {
		case *python.List:
			if len(l.Elts) > 0 {
				return one(Command, q, l.Elts[0])
			}
		case *python.Tuple:
			if len(l.Elts) > 0 {
				return one(Command, q, l.Elts[0])
			}
		case *python.Constant, *python.JoinedStr, *python.BinOp:
			return one(Command, q, a)
		}

	// code
	case (q == "eval" || q == "exec" || q == "compile") && !s.shadowed(q):
		return one(Code, q, arg(c, 0, "source"))

	// templates
	case method == "from_string":
		return one(Template, s.recvText(c)+".from_string", arg(c, 0, "template_code", "source"))
	case last(q) == "Template" && hasPrefix(q, "django.template", "jinja2", "mako.template"):
		return one(Template, q, arg(c, 0, "template_string", "source", "text"))

	// paths
	case (q == "open" && !s.shadowed(q)) || q == "io.open" || q == "codecs.open":
		return one(Path, "open", arg(c, 0, "file", "filename"))
	case hasPrefix(q, "os.remove", "os.unlink", "os.rmdir", "os.removedirs", "os.rename", "os.replace", "os.listdir", "os.chmod"):
		return one(Path, q, arg(c, 0, "path", "src"))
	case hasPrefix(q, "shutil") && (last(q) == "rmtree" || last(q) == "copy" || last(q) == "copyfile" || last(q) == "copy2" || last(q) == "move" || last(q) == "copytree"):
		var es []python.Expr
		for i := 0; i < 2 && i < len(c.Args); i++ {
			es = append(es, c.Args[i])
		}
		return []sinkSpec{{kind: Path, name: q, exprs: es}}
	case hasPrefix(q, "django.http.FileResponse", "django.http.response.FileResponse"):
		a := arg(c, 0)
		if ac, isCall := a.(*python.Call); isCall && (m.QualName(ac.Func) == "open" || m.QualName(ac.Func) == "io.open") {
			return nil // open(...) is the sink
		}
		return one(Path, "FileResponse", a)

	// SSRF
	case (hasPrefix(q, "requests") || hasPrefix(q, "httpx")) && requestsFuncs[last(q)] && strings.Count(q, ".") == 1:
		if last(q) == "request" || last(q) == "stream" {
			return one(SSRF, q, arg(c, 1, "url"))
		}
		return one(SSRF, q, arg(c, 0, "url"))
	case q == "urllib.request.urlopen" || q == "urllib.request.Request" || q == "urllib.urlopen" || q == "urllib2.urlopen":
		return one(SSRF, q, arg(c, 0, "url"))

	// deserialization
	case hasPrefix(q, "pickle", "cPickle", "_pickle", "dill") && (last(q) == "loads" || last(q) == "load"):
		return one(Deserialize, q, arg(c, 0, "data", "file"))
	case q == "yaml.load" || q == "yaml.load_all":
		l := arg(c, 1, "Loader")
		if l != nil {
			lq := m.QualName(l)
			if strings.Contains(lq, "Safe") || strings.HasSuffix(lq, "BaseLoader") {
				return nil
			}
		}
		return one(Deserialize, q, arg(c, 0, "stream"))
	case q == "yaml.unsafe_load" || q == "yaml.unsafe_load_all":
		return one(Deserialize, q, arg(c, 0, "stream"))
	case hasPrefix(q, "jsonpickle") && (last(q) == "decode" || last(q) == "loads"):
		return one(Deserialize, q, arg(c, 0, "string"))
	case q == "marshal.loads" || q == "marshal.load":
		return one(Deserialize, q, arg(c, 0))
	case q == "shelve.open":
		return one(Deserialize, q, arg(c, 0, "filename"))

	// XML
	case hasPrefix(q, "lxml.etree") && (last(q) == "fromstring" || last(q) == "XML" || last(q) == "parse"):
		if p := arg(c, 1, "parser"); p != nil && s.safeParser(p) {
			return nil
		}
		return one(XXE, q, arg(c, 0, "text", "source"))
	case hasPrefix(q, "xml.dom.minidom", "xml.dom.pulldom", "xml.sax") && (last(q) == "parseString" || last(q) == "parse"):
		return one(XXE, q, arg(c, 0, "string", "source", "file"))

	// LDAP
	case ldapSearch[method] && s.imports("ldap"):
		if s.imports("ldap3") {
			return one(LDAP, s.recvText(c)+"."+method, arg(c, 1, "search_filter"))
		}
		return one(LDAP, s.recvText(c)+"."+method, arg(c, 2, "filterstr"))

	// logs
	case logMethods[method] && s.isLogger(c):
		var es []python.Expr
		for i, a := range c.Args {
			if i > 0 && len(c.Args) > 0 && reprOnly(c.Args[0]) {
				break // logger.info("q=%r", q): %r escapes line breaks
			}
			es = append(es, a)
		}
		return []sinkSpec{{kind: Log, name: s.recvText(c) + "." + method, exprs: es}}
	}
	return nil
}

var placeholderRE = regexp.MustCompile(`%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])`)

// reprOnly reports whether a constant %-format string formats its
// arguments only with %r or as numbers, which cannot carry a line break.
func reprOnly(e python.Expr) bool {
	f, ok := constString(e)
	if !ok {
		return false
	}
	ms := placeholderRE.FindAllStringSubmatch(f, -1)
	n := 0
	for _, m := range ms {
		switch m[1] {
		case "%":
		case "s", "a", "c":
			return false
		default:
			n++
		}
	}
	return n > 0
}

func (s *fnState) recvText(c *python.Call) string {
	if a, ok := c.Func.(*python.Attribute); ok {
		t := s.m.Text(a.Value)
		if len(t) > 30 || strings.ContainsAny(t, "\n") {
			return "…"
		}
		return t
	}
	return ""
}

// shadowed reports whether a builtin name is redefined by the module.
func (s *fnState) shadowed(name string) bool {
	_, imported := s.m.Imports[name]
	return imported || s.m.Defs[name]
}

func (s *fnState) imports(prefix string) bool {
	for _, q := range s.m.Imports {
		if q == prefix || strings.HasPrefix(q, prefix+".") {
			return true
		}
	}
	return false
}

func (s *fnState) isLogger(c *python.Call) bool {
	a, ok := c.Func.(*python.Attribute)
	if !ok {
		return false
	}
	switch r := a.Value.(type) {
	case *python.Name:
		if s.m.Imports[r.ID] == "logging" {
			return true
		}
		l := strings.ToLower(r.ID)
		return strings.Contains(l, "log")
	case *python.Attribute:
		return strings.Contains(strings.ToLower(r.Attr), "log")
	case *python.Call:
		return s.m.QualName(r.Func) == "logging.getLogger"
	}
	return false
}

// safeParser reports whether an XML parser expression was built with
// entity resolution off (lxml XMLParser(resolve_entities=False)) or comes
// from defusedxml.
func (s *fnState) safeParser(e python.Expr) bool {
	if c, ok := e.(*python.Call); ok {
		return safeParserCall(s.m, c)
	}
	if n, ok := e.(*python.Name); ok {
		return s.safeParsers[n.ID] || s.m.safeParserNames()[n.ID]
	}
	return false
}

func safeParserCall(m *Module, c *python.Call) bool {
	q := m.QualName(c.Func)
	if hasPrefix(q, "defusedxml") {
		return true
	}
	if last(q) == "XMLParser" {
		return isFalse(keyword(c, "resolve_entities"))
	}
	return false
}

// safeParserNames are module-level names bound to safe XML parsers.
func (m *Module) safeParserNames() map[string]bool {
	out := map[string]bool{}
	for _, st := range m.AST.Body {
		if a, ok := st.(*python.Assign); ok {
			if c, ok := a.Value.(*python.Call); ok && safeParserCall(m, c) {
				for _, t := range a.Targets {
					if n, ok := t.(*python.Name); ok {
						out[n.ID] = true
					}
				}
			}
		}
	}
	return out
}
