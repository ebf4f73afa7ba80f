package code

import (
	"fmt"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

func init() { taint.IndexCallsNamed("set_cookie", "set_signed_cookie") }

// CookieWithoutFlags finds set_cookie calls without Secure or HttpOnly.
var CookieWithoutFlags = &analysis.Rule{
	ID:         "DJC207",
	Name:       "cookie-without-secure-flags",
	Severity:   report.Medium,
	Confidence: report.HighConfidence,
	CWE:        []int{614, 1004},
	Checklist:  []int{12},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A cookie is set without the Secure or HttpOnly flag",
		What: "Reports response.set_cookie and set_signed_cookie calls that do not pass secure (or pass " +
			"secure=False), and those that do not pass httponly, naming the missing flags. Flags given as " +
			"expressions (secure=settings.SESSION_COOKIE_SECURE, secure=request.is_secure()) count as set. " +
			"delete_cookie is not reported. Cookies whose name and value say neither that they carry a session, " +
			"token, credential, login or identity nor what the client may do (admin, role) are reported as low " +
			"(a language, theme or consent cookie, also one whose value is named for such a preference: user_language; a place to go back to: login_redirect; a message for the page's script to show: user_message, or a public key it encrypts " +
			"with: session_public_key); a name held in a " +
			"module constant, here or imported, is read through it; cookies whose value is a literal, the same for " +
			"every client (logged_in=\"true\" for the page's script), or one of the literals of a dict the view looks a key up in " +
			"(roles = {\"student\": \"Student\"}; role = roles.get(kind)). A cookie whose value is the request's CSRF token " +
			"(get_token(request), csrf(request)[\"csrf_token\"]) is not asked for HttpOnly: the page's script reads it to send the " +
			"token back, as with Django's own CSRF cookie.",
		Why: "Without Secure the cookie travels over plain HTTP where it can be read on the network; without " +
			"HttpOnly any script injected into the page can read it.",
		Bad:  "response.set_cookie(\"remember_token\", token, max_age=3600 * 24 * 30)",
		Good: "response.set_cookie(\"remember_token\", token, max_age=3600 * 24 * 30, secure=True, httponly=True, samesite=\"Lax\")",
		Fix:  "Pass secure=True and httponly=True (and samesite=\"Lax\" or \"Strict\") to set_cookie.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/request-response/#django.http.HttpResponse.set_cookie",
			"https://cwe.mitre.org/data/definitions/614.html", "https://cwe.mitre.org/data/definitions/1004.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		binds := map[*python.FunctionDef]assignments{}
		for _, m := range appModules(pass, prog) {
			for _, st := range m.Index().Calls {
				c := st.Call
				a, ok := c.Func.(*python.Attribute)
				if !ok || (a.Attr != "set_cookie" && a.Attr != "set_signed_cookie") {
					continue
				}
				if len(c.Args) < 2 && kw(c, "value") == nil && kw(c, "max_age") == nil {
					continue // http.cookiejar's set_cookie(cookie), not a response
				}
				if n, ok := kw(c, "max_age").(*python.Constant); ok && n.Value == int64(0) {
					continue // deleting the cookie
				}
				var missing []string
				if flagOff(kw(c, "secure"), c, 6) {
					missing = append(missing, "Secure")
				}
				if flagOff(kw(c, "httponly"), c, 7) {
					missing = append(missing, "HttpOnly")
				}
				if len(missing) == 0 {
					continue
				}
				value := kw(c, "value")
				if value == nil && len(c.Args) > 1 {
					value = c.Args[1]
				}
				if missing[len(missing)-1] == "HttpOnly" && value != nil && csrfToken(m, st.Func, value, binds) {
					// the page's script reads a CSRF token to send it
					// back in a header or a form (Django's own CSRF
					// cookie is not HttpOnly): the flag would break that
					missing = missing[:len(missing)-1]
					if len(missing) == 0 {
						continue
					}
				}
				name := "a cookie"
				key := kw(c, "key")
				if key == nil && len(c.Args) > 0 {
					key = c.Args[0]
				}
				keyText := ""
				if key != nil {
					keyText = m.Text(key)
				}
				if s, ok := constStr(key); ok {
					name = "cookie " + s
				} else if n, ok := key.(*python.Name); ok {
					if s, ok := prog.ModuleConst(m, n.ID); ok {
						// USER_MSG_COOKIE_NAME = "user-message", here or
						// in the module it is imported from
						name, keyText = "cookie "+s, keyText+" "+s
					}
				}
				if (key == nil || !cookieProtects(keyText)) && (value == nil || !cookieProtects(valueText(m, st.Func, value))) {
					pass.Report(analysis.Diagnostic{
						Location: m.Location(c),
						Severity: report.Low,
						Message: fmt.Sprintf("%s is set without the %s flag; neither its name nor its value says it "+
							"protects anything (a session, token or credential)", name, strings.Join(missing, " and ")),
					})
					continue
				}
				if choices := literalChoices(m, st.Func, value, binds); len(choices) > 0 {
					// role = {"student": "Student", ...}.get(kind): one of
					// a few words the code wrote, a label for the page
					pass.Report(analysis.Diagnostic{
						Location: m.Location(c),
						Severity: report.Low,
						Message: fmt.Sprintf("%s is set without the %s flag; its value is one of the literals %s, the same for "+
							"every client given it, so it carries no secret", name, strings.Join(missing, " and "), strings.Join(choices, ", ")),
					})
					continue
				}
				if _, literal := value.(*python.Constant); literal {
					// userLoggedIn=true: the same for every client,
					// a flag for the page's script, nothing to steal.
					pass.Report(analysis.Diagnostic{
						Location: m.Location(c),
						Severity: report.Low,
						Message: fmt.Sprintf("%s is set without the %s flag; its value is the literal %s, the same for "+
							"every client, so it carries no secret", name, strings.Join(missing, " and "), m.Text(value)),
					})
					continue
				}
				pass.Reportf(m.Location(c), "%s is set without the %s flag", name, strings.Join(missing, " and "))
			}
		}
	},
}

// flagOff reports whether a set_cookie flag is absent or False; pos is its
// positional index (key, value, max_age, expires, path, domain, secure, httponly).
func flagOff(e python.Expr, c *python.Call, pos int) bool {
	if e == nil && pos < len(c.Args) {
		e = c.Args[pos]
	}
	if e == nil {
		for _, k := range c.Keywords {
			if k.Arg == "" {
				return false // **options: cannot tell
			}
		}
		return true
	}
	b, ok := constBool(e)
	if ok {
		return !b
	}
	if n, ok := e.(*python.Constant); ok {
		return n.Value == python.None{}
	}
	return false
}

// cookieProtects reports whether a cookie's name or value says it carries
// a session, token or credential, or says who the client is or what it
// may do: what Secure and HttpOnly protect.
func cookieProtects(text string) bool {
	ws := words(text)
	if slices.Contains(ws, "csp") && slices.Contains(ws, "nonce") {
		// csp_nonce: the nonce the Content-Security-Policy header
		// publishes anyway, handed to the page's script
		return false
	}
	if slices.Contains(ws, "public") && (slices.Contains(ws, "key") || slices.Contains(ws, "keys")) {
		// session_public_key: a public key the login page's script
		// encrypts the password with; made to be read, a secret of no one
		return false
	}
	if protects(text) {
		return true
	}
	if len(ws) > 0 && preferenceWords[ws[len(ws)-1]] {
		// user_language, LANGUAGE_COOKIE_NAME's value: a preference of
		// the user's, which says nothing of who the user is
		return false
	}
	if len(ws) > 0 && redirectWords[ws[len(ws)-1]] {
		// login_redirect: where to send the client after it logs in,
		// a page of the site's, not who the client is
		return false
	}
	for _, w := range ws {
		switch w {
		case "message", "messages", "msg", "flash", "notice", "toast", "banner", "alert":
			// user_message, USER_MSG_COOKIE_NAME: a message for the
			// page's script to show the user, not who the user is
			return false
		}
	}
	for _, w := range ws {
		switch w {
		case "auth", "remember", "sso", "login", "uid", "userid", "impersonate", "impersonation",
			// who the client is, or what it may do
			"user", "username", "email", "account", "identity", "admin", "role", "roles", "access", "perm", "perms",
			"permission", "permissions":
			return true
		}
	}
	return false
}

// csrfToken reports a cookie's value, e, that is the CSRF token Django
// made for the request: get_token(request), csrf(request)["csrf_token"],
// or a name fn assigns only from one of them. binds holds what each
// function assigns, read once per function.
func csrfToken(m *taint.Module, fn *python.FunctionDef, e python.Expr, binds map[*python.FunctionDef]assignments) bool {
	isToken := func(x python.Expr) bool {
		t := m.Text(x)
		return strings.Contains(t, "get_token(") || strings.Contains(t, `["csrf_token"]`) || strings.Contains(t, `['csrf_token']`)
	}
	if isToken(e) {
		return true
	}
	n, ok := e.(*python.Name)
	if !ok || fn == nil {
		return false
	}
	values := assignmentsOf(fn, binds).plain(n.ID)
	return len(values) > 0 && !slices.ContainsFunc(values, func(v python.Expr) bool { return !isToken(v) })
}

// preferenceWords end the names of a display preference: what a cookie
// so named holds (user_language, site_theme) is no secret of anyone's.
var preferenceWords = map[string]bool{"language": true, "lang": true, "locale": true, "theme": true, "timezone": true,
	"tz": true, "currency": true, "country": true, "region": true, "consent": true}

// redirectWords end the names of a place to go back to: a cookie so named
// (login_redirect, next) holds a URL, no secret of anyone's.
var redirectWords = map[string]bool{"redirect": true, "next": true, "referer": true, "referrer": true}

// idAttrs name a row rather than a field of it: the owner says whose.
var idAttrs = map[string]bool{"pk": true, "id": true, "uuid": true, "guid": true}

// literalChoices returns the literals a cookie's value is picked from
// when it is a name fn sets only by looking a key up in a dict literal
// of string literals that fn binds (roles = {"student": "Student"};
// role = roles.get(kind), or roles[kind]), or nil. binds holds what each
// function assigns, read once per function.
func literalChoices(m *taint.Module, fn *python.FunctionDef, e python.Expr, binds map[*python.FunctionDef]assignments) []string {
	n, ok := e.(*python.Name)
	if !ok || fn == nil {
		return nil
	}
	a := assignmentsOf(fn, binds)
	values := a.plain(n.ID)
	if len(values) != 1 {
		return nil
	}
	var table python.Expr
	switch v := values[0].(type) {
	case *python.Call:
		if at, ok := v.Func.(*python.Attribute); ok && at.Attr == "get" && len(v.Args) == 1 && len(v.Keywords) == 0 {
			table = at.Value
		}
	case *python.Subscript:
		table = v.Value
	}
	tn, ok := table.(*python.Name)
	if !ok {
		return nil
	}
	tables := a.plain(tn.ID)
	if len(tables) != 1 {
		return nil
	}
	d, ok := tables[0].(*python.Dict)
	if !ok || len(d.Values) == 0 {
		return nil
	}
	var out []string
	for _, v := range d.Values {
		if _, ok := constStr(v); !ok {
			return nil
		}
		out = append(out, m.Text(v))
	}
	return out
}

// assignments is what a function assigns to its names with =, and which
// names it also binds another way (a parameter, a loop, a with, +=, a
// tuple's unpacking).
type assignments struct {
	values map[string][]python.Expr
	other  map[string]bool
}

// plain returns the values assigned to id with =, nil when the function
// also binds it another way.
func (a assignments) plain(id string) []python.Expr {
	if a.other[id] {
		return nil
	}
	return a.values[id]
}

// assignmentsOf returns what fn assigns, read once per function and kept
// in binds: a function setting thousands of cookies is walked once.
func assignmentsOf(fn *python.FunctionDef, binds map[*python.FunctionDef]assignments) assignments {
	a, ok := binds[fn]
	if !ok {
		a = readAssignments(fn)
		binds[fn] = a
	}
	return a
}

// readAssignments reads a function's assignments in one walk.
func readAssignments(fn *python.FunctionDef) assignments {
	a := assignments{values: map[string][]python.Expr{}, other: map[string]bool{}}
	if fn.Args != nil {
		for _, p := range fn.Args.Args {
			a.other[p.Arg] = true
		}
	}
	bound := func(t python.Expr) { python.EachBoundName(t, func(n string) { a.other[n] = true }) }
	python.Inspect(fn, func(x python.Node) bool {
		switch s := x.(type) {
		case *python.Assign:
			for _, t := range s.Targets {
				if tn, ok := t.(*python.Name); ok && len(s.Targets) == 1 {
					a.values[tn.ID] = append(a.values[tn.ID], s.Value)
				} else {
					bound(t)
				}
			}
		case *python.AugAssign:
			bound(s.Target)
		case *python.AnnAssign:
			bound(s.Target)
		case *python.For:
			bound(s.Target)
		case *python.With:
			for _, it := range s.Items {
				if it.OptionalVars != nil {
					bound(it.OptionalVars)
				}
			}
		case *python.NamedExpr:
			bound(s.Target)
		}
		return true
	})
	return a
}

// valueText is the source text of a cookie's value, the last name of an
// attribute (preferred_language of request.user.preferred_language), and
// for a variable also the strings the function built for it (cookie =
// f"{username}|{expiry}").
func valueText(m *taint.Module, fn *python.FunctionDef, e python.Expr) string {
	if a, ok := e.(*python.Attribute); ok && !idAttrs[a.Attr] {
		// request.user.preferred_language: what is stored is the last
		// attribute, a language, not who the user is; request.user.pk
		// is who the user is, and keeps its owner
		return a.Attr
	}
	t := m.Text(e)
	n, ok := e.(*python.Name)
	if !ok || fn == nil {
		return t
	}
	python.Inspect(fn, func(x python.Node) bool {
		if a, ok := x.(*python.Assign); ok {
			for _, tg := range a.Targets {
				if tn, ok := tg.(*python.Name); ok && tn.ID == n.ID {
					switch a.Value.(type) {
					case *python.JoinedStr, *python.BinOp:
						// text the function builds, whose parts say what it is;
						// not the place a value is read from
						t += " " + m.Text(a.Value)
					}
				}
			}
		}
		return true
	})
	return t
}
