package code

import (
	"fmt"
	"strings"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// ClientControlledAccess finds access decisions made on a value the client
// chooses: a header, a cookie or a parameter compared with a literal.
var ClientControlledAccess = &analysis.Rule{
	ID:         "DJC220",
	Name:       "access-decided-by-client-data",
	Severity:   report.High,
	Confidence: report.MediumConfidence,
	CWE:        []int{290, 807},
	Checklist:  []int{4, 5},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Access is granted on a value the client controls",
		What: "Reports conditions that let a request in, or turn it away, by comparing a value the client sends " +
			"(a header such as User-Agent, X-Forwarded-For, X-Real-IP, Referer or a custom one; a cookie that is " +
			"not signed; a query or form parameter) with a literal or a list of literals, when a branch of the " +
			"condition denies access (401, 403, 404, PermissionDenied, a login redirect) or grants it (returns True " +
			"from a permission check, logs a user in, marks the request as staff, admin or trusted). Headers that " +
			"carry credentials (Authorization, API keys, tokens, signatures) are left to the credential rule, and so is a prefix check of a " +
			"value the function then takes apart (signature.startswith(\"Sign\") before signature[4:] is looked up and verified): the scheme " +
			"of a credential, not the decision.",
		Why: "Every byte of a request is chosen by the client: curl -H 'X-Forwarded-For: 10.0.0.1' or a cookie " +
			"is_admin=1 walks through such a check. Behind a proxy, X-Forwarded-For holds whatever the client " +
			"wrote in front of the proxy's own entry.",
		Bad: "def internal_only(request):\n    if request.META.get(\"HTTP_X_FORWARDED_FOR\") != \"10.0.0.5\":\n" +
			"        raise PermissionDenied\n    ...",
		Good: "@staff_member_required\ndef internal_only(request):\n    ...",
		Fix: "Decide access on the authenticated user (request.user and its permissions), on a secret compared with " +
			"hmac.compare_digest, or on a signed cookie (get_signed_cookie); for IP allow-lists use REMOTE_ADDR as " +
			"set by a proxy you trust, or restrict the path at the proxy.",
		References: []string{"https://cwe.mitre.org/data/definitions/807.html", "https://cwe.mitre.org/data/definitions/290.html",
			"https://docs.djangoproject.com/en/stable/ref/request-response/#django.http.HttpRequest.get_signed_cookie"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		for _, m := range appModules(pass, prog) {
			if !bytes2(m.Content(), "headers", "META", "COOKIES", "GET", "POST", ".data", "query_params") || isSettings(m) {
				continue
			}
			for _, d := range m.Index().Funcs {
				checkClientAccess(pass, prog, m, d)
			}
		}
	},
}

func bytes2(src []byte, words ...string) bool {
	for _, w := range words {
		if bytesearch.Contains(src, w) {
			return true
		}
	}
	return false
}

var (
	credentialHeader = lazyre.New(`(?i)auth|key|token|secret|sign|password|session|csrf|hmac`)
	// Headers that negotiate content or mark a kind of request, not who sends it.
	negotiation = lazyre.New(`(?i)^(http_)?(accept.*|content[-_].*|x[-_]requested[-_]with|hx[-_].*|sec[-_]fetch[-_].*|purpose|cache[-_]control|if[-_].*|upgrade|connection|origin|dnt|x[-_]http[-_]method[-_]override)$`)
	accessParam = lazyre.New(`(?i)admin|staff|role|internal|access|debug|superuser|privileg|trusted|allow|bypass|is_|perm|grant`)
	grantName   = lazyre.New(`(?i)admin|staff|superuser|authori[sz]ed|authenticated|allowed|trusted|internal|privileged|is_owner`)
)

// clientValue describes a client-controlled read, or "".
func clientValue(e python.Expr) string {
	var src, key string
	switch x := e.(type) {
	case *python.Subscript:
		src = access.Dotted(x.Value)
		key, _ = constStr(x.Slice)
	case *python.Call:
		a, ok := x.Func.(*python.Attribute)
		if !ok || a.Attr != "get" || len(x.Args) == 0 {
			return ""
		}
		src = access.Dotted(a.Value)
		key, _ = constStr(x.Args[0])
	default:
		return ""
	}
	if key == "" {
		return ""
	}
	switch {
	case strings.HasSuffix(src, "request.headers"):
		if credentialHeader().MatchString(key) || strings.EqualFold(key, "host") || negotiation().MatchString(key) {
			return ""
		}
		return "the " + key + " header"
	case strings.HasSuffix(src, "request.META"):
		if !strings.HasPrefix(key, "HTTP_") || key == "HTTP_HOST" || credentialHeader().MatchString(key) || negotiation().MatchString(key) {
			return ""
		}
		return "the " + strings.ReplaceAll(strings.TrimPrefix(key, "HTTP_"), "_", "-") + " header"
	case strings.HasSuffix(src, "request.COOKIES"):
		if credentialHeader().MatchString(key) {
			return ""
		}
		return "the unsigned cookie " + key
	case strings.HasSuffix(src, "request.GET"), strings.HasSuffix(src, "request.POST"), strings.HasSuffix(src, "request.data"),
		strings.HasSuffix(src, "request.query_params"):
		// a parameter counts only when its name is about access: many
		// parameters select a feature and answer 404 when it is off
		if credentialHeader().MatchString(key) || !accessParam().MatchString(key) {
			return ""
		}
		return "the request parameter " + key
	}
	return ""
}

// literalSide is a string literal, a list of them, or a constant name.
func literalSide(e python.Expr) (string, bool) {
	switch x := e.(type) {
	case *python.Constant:
		s, ok := x.Value.(string)
		return fmt.Sprintf("%q", s), ok && s != ""
	case *python.List, *python.Tuple, *python.Set:
		elts := python.SeqElts(x)
		if len(elts) == 0 {
			return "", false
		}
		for _, el := range elts {
			if s, ok := constStr(el); !ok || s == "" {
				return "", false
			}
		}
		return "a list of literals", true
	case *python.Name:
		if x.ID == strings.ToUpper(x.ID) && len(x.ID) > 1 {
			return x.ID, true
		}
	case *python.Attribute:
		if x.Attr == strings.ToUpper(x.Attr) && strings.HasSuffix(access.Dotted(x.Value), "settings") {
			return "settings." + x.Attr, true
		}
	}
	return "", false
}

func checkClientAccess(pass *analysis.Pass, prog *taint.Program, m *taint.Module, d *python.FunctionDef) {
	// one hop of local assignment: ua = request.META.get("HTTP_USER_AGENT")
	vars := map[string]string{}
	for _, s := range d.Body {
		if a, ok := s.(*python.Assign); ok && len(a.Targets) == 1 {
			if n, ok := a.Targets[0].(*python.Name); ok {
				if cv := clientValue(a.Value); cv != "" {
					vars[n.ID] = cv
				}
			}
		}
	}
	read := func(e python.Expr) string {
		if n, ok := e.(*python.Name); ok {
			return vars[n.ID]
		}
		if c, ok := e.(*python.Call); ok { // .lower(), .strip()
			if a, ok := c.Func.(*python.Attribute); ok && len(c.Args) == 0 {
				return clientValueOrVar(a.Value, vars)
			}
		}
		return clientValue(e)
	}
	returnsFalse := d.Name == "has_permission" || d.Name == "has_object_permission" || d.Name == "test_func"
	var parsed map[string]python.Pos // found on the first prefix check
	python.Inspect(d, func(n python.Node) bool {
		if fd, ok := n.(*python.FunctionDef); ok && fd != d {
			return false
		}
		x, ok := n.(*python.If)
		if !ok {
			return true
		}
		what, lit := "", ""
		python.Inspect(x.Test, func(t python.Node) bool {
			if what != "" {
				return false
			}
			switch c := t.(type) {
			case *python.Compare:
				if len(c.Comparators) != 1 {
					return true
				}
				l, r := c.Left, c.Comparators[0]
				if cv := read(l); cv != "" {
					if s, ok := literalSide(r); ok {
						what, lit = cv, s
					}
				} else if cv := read(r); cv != "" {
					if s, ok := literalSide(l); ok && c.Ops[0] != python.In && c.Ops[0] != python.NotIn {
						what, lit = cv, s
					}
				}
			case *python.Call:
				if a, ok := c.Func.(*python.Attribute); ok && (a.Attr == "startswith" || a.Attr == "endswith") && len(c.Args) == 1 {
					if v, ok := a.Value.(*python.Name); ok && a.Attr == "startswith" {
						if parsed == nil {
							parsed = lastParse(d)
						}
						if pos, ok := parsed[v.ID]; ok && pos > x.End() {
							// signature.startswith("Sign"), then
							// signature[4:] is looked up: the scheme
							// of a value checked further on
							return false
						}
					}
					if cv := read(a.Value); cv != "" {
						if s, ok := literalSide(c.Args[0]); ok {
							what, lit = cv, s
						}
					}
				}
			}
			return true
		})
		if what == "" {
			return true
		}
		if !access.Denies(prog, m, x.Body, returnsFalse) && !access.Denies(prog, m, x.Orelse, returnsFalse) && !grants(m, x.Body) && !grants(m, x.Orelse) {
			return true
		}
		pass.Reportf(m.Location(x), "access is decided by %s compared with %s: the client chooses this value and can send whatever passes", what, lit)
		return true
	})
}

// lastParse returns, for each name d takes apart (name[4:], name.split(":"),
// name.partition(" ")), where the last such reading starts.
func lastParse(d *python.FunctionDef) map[string]python.Pos {
	out := map[string]python.Pos{}
	python.Inspect(d, func(n python.Node) bool {
		var name *python.Name
		switch x := n.(type) {
		case *python.Subscript:
			name, _ = x.Value.(*python.Name)
		case *python.Call:
			if a, ok := x.Func.(*python.Attribute); ok && parseMethods[a.Attr] {
				name, _ = a.Value.(*python.Name)
			}
		}
		if name != nil && name.Pos() > out[name.ID] {
			out[name.ID] = name.Pos()
		}
		return true
	})
	return out
}

// parseMethods take a string apart.
var parseMethods = map[string]bool{"split": true, "rsplit": true, "partition": true, "rpartition": true, "removeprefix": true}

func clientValueOrVar(e python.Expr, vars map[string]string) string {
	if n, ok := e.(*python.Name); ok {
		return vars[n.ID]
	}
	return clientValue(e)
}

// grants reports whether statements let a request in: return True, log a
// user in, mark the request or user as privileged.
func grants(m *taint.Module, stmts []python.Stmt) bool {
	found := false
	for _, s := range stmts {
		python.Inspect(s, func(n python.Node) bool {
			switch x := n.(type) {
			case *python.Return:
				if c, ok := x.Value.(*python.Constant); ok && c.Value == true {
					found = true
				}
			case *python.Call:
				if lastName(m.QualName(x.Func)) == "login" {
					found = true
				}
			case *python.Assign:
				for _, t := range x.Targets {
					name := access.Dotted(t)
					if name == "" {
						continue
					}
					if c, ok := x.Value.(*python.Constant); ok && c.Value == true && grantName().MatchString(lastName(name)) {
						found = true
					}
					if strings.HasSuffix(name, "request.user") {
						found = true
					}
				}
			}
			return !found
		})
	}
	return found
}
