package code

import (
	"bytes"
	"path"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/settings"
	"github.com/djsec/djsec/internal/taint"
)

// CSRFExemptStateChange finds @csrf_exempt on views that change state on
// behalf of a user identified by a cookie.
var CSRFExemptStateChange = &analysis.Rule{
	ID:         "DJC201",
	Name:       "csrf-exempt-state-change",
	Severity:   report.High,
	Confidence: report.MediumConfidence,
	CWE:        []int{352},
	Checklist:  []int{7},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A view that changes data is exempt from CSRF protection",
		What: "Reports functions and class-based views marked @csrf_exempt (directly, through method_decorator, or " +
			"wrapped as csrf_exempt(view) in urls.py), and DRF views whose session authentication class of the project checks nothing in " +
			"enforce_csrf (class SessionWithoutCsrf(SessionAuthentication): def enforce_csrf(self, request): return), that change state (a database, file, cache or session write, " +
			"a shell command, mail, login() or set_cookie) and that act for a user the browser identifies by its " +
			"cookies: the view requires a login or reads request.user or request.session. Views that authenticate " +
			"by a header token, an API key or a signature (an HMAC of the body computed with hmac.new, compare_digest, a provider's verify, AWS SNS's SNSMessageValidator().validate_message; in the view or in a function of the project it hands the request to), an OAuth2 access token (django-oauth-toolkit's ProtectedResourceView and kin), an API gateway's signed token (apigw-manager's @apigw_require), views reached by a signed or unguessable URL, and views " +
			"that use no cookie identity but are restricted in a way djsec cannot see into (GraphQL endpoints, " +
			"third-party decorators) are not reported. An exempt view that changes data and that nothing " +
			"restricts at all (a webhook that checks no signature) is reported as such, unless it first (after reading the request into " +
			"local names and turning requests away, if ...: return ...) fetches a row by a field named for a secret and stops when there is none, itself or in a method of the view's class it calls (project = self.get_project_for_request(pk, request), which looks up the DSN key) (a one-click unsubscribe link: " +
			"get_object_or_404(Alert, secret_key=key); an OAuth revocation endpoint: token = Token.objects.filter(token=t).first(), " +
			"if token is None: return ...). A 401 that the view's own code answers when what the request carries fails its test (an " +
			"OAuth token endpoint checking the code and the client's secret) is no cookie identity, unless the view reads request.user. A view that first turns away every " +
			"request without the X-Requested-With header (if not request.is_ajax(): return ...; a refusal of other methods may come before it) is not reported either: " +
			"other sites cannot send that header, unless the CORS settings let every origin send credentials. Nor is a " +
			"view python-social-auth runs (@psa(...)): the provider's callback, whose state parameter the library checks, nor an OAuth callback the view " +
			"finishes itself with the code from the query string and the state its start kept in the session (request.session[\"state\"]), " +
			"or through authlib's authorize_access_token(request) or a check named for the state (if not self.verify_state(): return ...), " +
			"nor a SAML assertion consumer that hands the identity provider's signed answer to python3-saml (auth.process_response()). Nor is a " +
			"view that answers only PUT, PATCH or DELETE (require_http_methods([\"PATCH\"])), which no form sends, when the production " +
			"settings are read and do not set CORS_ALLOW_CREDENTIALS (or limit CORS_ALLOW_METHODS to GET, HEAD and OPTIONS), or, with no production " +
			"settings found, when nothing in the project names django-cors-headers or Access-Control-Allow-Credentials: another site's fetch " +
			"with the user's cookies then fails the browser's CORS check. In a class-based view the same settings leave out the writes of " +
			"the handlers of PUT, PATCH and DELETE (put, patch, delete, a viewset's update, partial_update and destroy, an @action that answers only those), " +
			"and in a function view, or a method of a class-based view (an @action of GET and PATCH), those of the branches only such methods reach (if request.method == \"DELETE\": ..., or the statements after a refusal of every other method: if request.method != \"DELETE\": return ...), of the functions only those " +
			"branches call, and of the functions it runs under csrf_protect (@csrf_protect def save(request): ..., or do_post = csrf_protect(do_post)). " +
			"Writes that only GET, HEAD or OPTIONS reach (a class view's get, a viewset's list and retrieve, an @action of those methods, " +
			"a branch under if request.method == \"GET\", a view that answers GET or HEAD alone: @require_GET, @require_safe) are left out whatever the settings: CSRF protection never checks those methods, " +
			"exempt or not, and DJC227 reports state changed on GET. " +
			"csrf_exempt on a DRF view, or on one of its @action methods, changes nothing (DRF's SessionAuthentication runs the CSRF check itself) and is not reported.",
		Why: "Without the CSRF check any site the victim visits can submit forms to the view with the victim's " +
			"cookies: change their e-mail, password or orders.",
		Bad:  "@csrf_exempt\ndef update_email(request):\n    request.user.email = request.POST[\"email\"]\n    request.user.save()",
		Good: "def update_email(request):  # CSRF middleware checks the token\n    request.user.email = request.POST[\"email\"]\n    request.user.save()",
		Fix: "Remove @csrf_exempt and send the CSRF token (the {% csrf_token %} tag, or the X-CSRFToken header from " +
			"JavaScript); for machine-to-machine webhooks, verify the sender's signature before acting.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/csrf/", "https://cwe.mitre.org/data/definitions/352.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		model := access.Analyze(pass.Project)
		done := map[python.Node]bool{}
		for _, r := range model.Routes {
			// a routed view that is not exempt (a DRF view, whose
			// SessionAuthentication checks CSRF whatever csrf_exempt
			// says) is not read again as unrouted below
			if _, def, _ := r.View.Code(); def != nil {
				done[def] = true
			}
		}
		// Routed views, with everything the access model knows of them.
		views, byView := routedViews(model, func(r *access.Route) bool { return r.CSRF.Value == "exempt" })
		for _, v := range views {
			m, def, body := v.Code()
			if m == nil || inTests(m) {
				continue
			}
			done[def] = true
			if noAmbientAuthority(byView[v]) || socialAuthFlow(m, def) || noFormMethod(byView[v]) && !credentialedCORS(pass) || readsOnly(byView[v]) {
				continue
			}
			open := true
			for _, r := range byView[v] {
				open = open && r.IsOpen()
			}
			// what only GET reaches CSRF protection never checks; what
			// only PUT, PATCH or DELETE reach, no form sends, and no
			// other origin's fetch can without CORS
			cors := credentialedCORS(pass)
			if v.Class != nil {
				body = formReachable(v.Class.Def(), cors)
			} else if v.Func != nil {
				body = formBranches(body, cors)
			}
			checkExempt(pass, prog, v.Class, m, def, body, cookieGuard(m, byView[v], def) || usesCookieIdentity(m, def), open)
		}
		// Exempt views the URLconf does not show (routed dynamically).
		for _, m := range appModules(pass, prog) {
			if !bytesearch.Contains(m.Content(), "csrf_exempt") {
				continue
			}
			ix := m.Index()
			for _, d := range ix.Funcs {
				if !done[d] && len(d.DecoratorList) > 0 && hasName(decorators(m, d.DecoratorList), "csrf_exempt") &&
					!hasName(decorators(m, d.DecoratorList), "action", "api_view") {
					// a DRF action's or api_view's csrf_exempt changes
					// nothing: SessionAuthentication checks the token itself
					body := formBranches(d.Body, credentialedCORS(pass))
					checkExempt(pass, prog, nil, m, d, body, hasName(decorators(m, d.DecoratorList), authNames...), false)
				}
			}
			for _, d := range ix.Classes {
				if !done[d] && len(d.DecoratorList) > 0 && hasName(decorators(m, d.DecoratorList), "csrf_exempt") {
					checkExempt(pass, prog, nil, m, d, methodBodies(d), false, false)
				}
			}
		}
	},
}

// socialAuthFlow reports a view python-social-auth runs (@psa(...)): the
// provider's callback, which must be exempt, and whose state parameter the
// library checks in place of the CSRF token; or one that finishes an OAuth
// flow itself (oauthCallback).
func socialAuthFlow(m *taint.Module, def python.Node) bool {
	if c, ok := def.(*python.ClassDef); ok {
		// a class view that checks the answer in one of its methods
		return oauthStateVerified(c)
	}
	d, ok := def.(*python.FunctionDef)
	if !ok {
		return false
	}
	for _, q := range decorators(m, d.DecoratorList) {
		if q == "social_django.utils.psa" || q == "social_core.utils.psa" || lastName(q) == "psa" {
			return true
		}
	}
	return oauthCallback(d)
}

// oauthCallback reports a view that finishes an OAuth flow itself, the
// provider's redirect target: it reads the authorization code from the query string
// and the state the flow's start kept in the session (state =
// request.session["state"], then Flow(..., state=state).fetch_token(code=...)),
// which the provider sends back and the library compares; or a view that
// compares the state the query string brings back itself
// (if request.GET.get("state") != state: return HttpResponseForbidden()):
// the OAuth flow's own defence against forged callbacks, in place of the
// CSRF token.
func oauthCallback(d *python.FunctionDef) bool {
	if oauthStateVerified(d) {
		return true
	}
	code, state, compared := false, false, false
	python.Inspect(d, func(n python.Node) bool {
		if c, ok := n.(*python.Compare); ok {
			for _, e := range append([]python.Expr{c.Left}, c.Comparators...) {
				compared = compared || queryState(e)
			}
		}
		e, ok := n.(python.Expr)
		if !ok {
			return true
		}
		obj, k, ok := keyRead(e)
		if !ok {
			return true
		}
		switch obj {
		case "request.GET", "self.request.GET":
			code = code || k == "code"
		case "request.session", "self.request.session":
			state = state || k == "state" || strings.HasSuffix(k, "_state") || strings.HasPrefix(k, "oauth")
		}
		return true
	})
	return code && state || compared
}

// queryState reports the state an OAuth provider sends back in the query
// string: request.GET["state"], request.GET.get("state").
func queryState(e python.Expr) bool {
	obj, k, ok := keyRead(e)
	return ok && k == "state" && (obj == "request.GET" || obj == "self.request.GET")
}

// keyRead returns the dotted object and the literal key of a read by key:
// request.GET["code"], request.session.get("state").
func keyRead(e python.Expr) (obj, key string, ok bool) {
	var o, k python.Expr
	switch x := e.(type) {
	case *python.Subscript:
		o, k = x.Value, x.Slice
	case *python.Call:
		if a, isAttr := x.Func.(*python.Attribute); isAttr && a.Attr == "get" && len(x.Args) > 0 {
			o, k = a.Value, x.Args[0]
		}
	}
	if key, ok = constStr(k); !ok {
		return "", "", false
	}
	return access.Dotted(o), key, true
}

// oauthStateVerified reports code that checks an OAuth callback's state
// with a library or a method named for it: authlib's
// authorize_access_token(request), which compares the state with the one
// the flow kept in the session, or if not self.verify_state(): return ...;
// or a SAML assertion consumer's auth.process_response() (python3-saml),
// which checks the identity provider's signature on the answer it posts
// from its own site. Given a class, it looks in all its methods.
func oauthStateVerified(n python.Node) bool {
	found := false
	python.Inspect(n, func(n python.Node) bool {
		if c, ok := n.(*python.Call); ok {
			if a, ok := c.Func.(*python.Attribute); ok {
				switch a.Attr {
				case "authorize_access_token", "verify_state", "validate_state", "check_state":
					found = true
				case "process_response":
					// python3-saml's auth.process_response(): the
					// identity provider's signed answer, checked
					_, viaSuper := a.Value.(*python.Call)
					found = !viaSuper
				}
			}
		}
		return !found
	})
	return found
}

var authNames = []string{"login_required", "permission_required", "user_passes_test", "staff_member_required",
	"superuser_required", "otp_required"}

// noAmbientAuthority: the view authenticates by something a cross-site
// form cannot send (a header token, an API key, a signature) or by a URL
// the attacker would have to know.
func noAmbientAuthority(routes []*access.Route) bool {
	for _, r := range routes {
		for _, g := range r.Guards {
			switch g.Kind {
			case access.Credential, access.SignedURL, access.Capability:
				return true
			}
		}
	}
	return false
}

// noFormMethod reports views that answer only methods no form can send
// (PUT, PATCH, DELETE): another site's page sends them with the user's
// cookies only through fetch, which the browser's CORS check stops unless
// the site allows credentialed requests from other origins.
func noFormMethod(routes []*access.Route) bool {
	if len(routes) == 0 {
		return false
	}
	for _, r := range routes {
		if len(r.Methods) == 0 {
			return false
		}
		for _, m := range r.Methods {
			switch m {
			case "GET", "POST", "HEAD", "ANY":
				return false
			}
		}
	}
	return true
}

// readsOnly reports routes that each answer only GET, HEAD or OPTIONS
// (@require_GET, require_safe): CSRF protection never checks those
// methods, exempt or not, so csrf_exempt changes nothing there.
func readsOnly(routes []*access.Route) bool {
	for _, r := range routes {
		if !safeMethodsOnly(r.Methods) {
			return false
		}
	}
	return len(routes) > 0
}

// credentialedCORS reports production settings that let other origins
// make credentialed requests (CORS_ALLOW_CREDENTIALS), or, when djsec
// finds none, a project that names django-cors-headers or the header
// itself: then fetch with the user's cookies may pass.
func credentialedCORS(pass *analysis.Pass) bool {
	prod := settings.Load(pass.Project).Production()
	if len(prod) == 0 {
		return corsMentioned(pass.Project)
	}
	for _, e := range prod {
		if v := e.Value("CORS_ALLOW_CREDENTIALS"); v != nil && v.Truth() != 0 && !safeCORSMethods(e.Value("CORS_ALLOW_METHODS")) {
			return true
		}
	}
	return false
}

// corsMentioned reports a project whose code or requirements name
// django-cors-headers or the header that lets other origins send
// credentials: without either, Django answers no preflight with it,
// whatever settings djsec could not read.
func corsMentioned(p *project.Project) bool {
	return p.Memo("rules/code.corsMentioned", func() any {
		for _, f := range p.Files {
			base := strings.ToLower(path.Base(f.Path))
			if f.NameKind()&project.Python == 0 && !strings.HasPrefix(base, "requirements") && base != "pyproject.toml" && base != "pipfile" && base != "setup.cfg" {
				continue
			}
			data, err := f.Content()
			if err != nil {
				continue
			}
			if bytesearch.Contains(data, "corsheaders") || bytesearch.Contains(data, "django-cors-headers") ||
				bytesearch.Contains(data, "Access-Control-Allow-Credentials") || bytesearch.Contains(data, "access-control-allow-credentials") {
				return true
			}
		}
		return false
	}).(bool)
}

// safeCORSMethods reports a CORS_ALLOW_METHODS that names only methods
// that change nothing (GET, HEAD, OPTIONS): the preflight of another
// origin's PUT, PATCH or DELETE fails, credentials or not.
func safeCORSMethods(v *settings.Value) bool {
	methods, ok := v.Strings()
	if !ok || len(methods) == 0 {
		return false
	}
	for _, m := range methods {
		switch strings.ToUpper(m) {
		case "GET", "HEAD", "OPTIONS":
		default:
			return false
		}
	}
	return true
}

// cookieGuard reports a login guard of the routes (a decorator, a mixin,
// a permission class, a middleware), which knows the requester by the
// session cookie; but not a 401 that the view's own code answers when its
// test fails (an OAuth token endpoint checking the code and the client's
// secret), which knows it by what the request carries: one that reads
// request.user is usesCookieIdentity's.
func cookieGuard(m *taint.Module, routes []*access.Route, def python.Node) bool {
	from, to := m.Line(def), m.Tree().File.Line(def.End())
	for _, r := range routes {
		for _, g := range r.Guards {
			switch g.Kind {
			case access.Login, access.Staff, access.Superuser, access.Permission:
				if !g.Unauthorized || g.Where.Path != m.File.Path || g.Where.Line < from || g.Where.Line > to {
					return true
				}
			}
		}
	}
	return false
}

func methodBodies(d *python.ClassDef) []python.Stmt {
	var body []python.Stmt
	for _, s := range d.Body {
		if f, ok := s.(*python.FunctionDef); ok {
			body = append(body, f.Body...)
		}
	}
	return body
}

// checkExempt reports an exempt view that changes state for a user its
// cookies identify (or logs one in: login CSRF).
func checkExempt(pass *analysis.Pass, prog *taint.Program, cls *taint.Class, m *taint.Module, def python.Node, body []python.Stmt, loginGuard, open bool) {
	if verifiesSignature(prog, m, body, 0) || requiresAjaxHeader(pass, body) {
		return
	}
	c, ok := access.StateChange(m, body)
	if !ok {
		return
	}
	if open && !loginGuard && !usesCookieIdentity(m, def) && c.What != "login()" && !access.OpensBySecret(prog, cls, body) {
		pass.Report(analysis.Diagnostic{
			Location: m.DefLocation(def),
			Message: "view is exempt from CSRF protection and changes data (" + c.What + ": " + m.Text(c.Node) +
				") with nothing that authenticates the request: a webhook must verify its sender's signature",
		})
		return
	}
	if !loginGuard && !usesCookieIdentity(m, def) && c.What != "login()" {
		return
	}
	pass.Report(analysis.Diagnostic{
		Location: m.DefLocation(def),
		Message:  "view is exempt from CSRF protection but changes data (" + c.What + ": " + m.Text(c.Node) + ") for the user its cookies identify",
	})
}

// formReachable returns the bodies of a class view's methods that a
// forged request can make run: not the handlers of GET, HEAD and OPTIONS
// (get, head, options, a viewset's list and retrieve, an @action of those
// methods only), which CSRF protection never checks, exempt or not; and,
// unless cors (another origin's fetch may send credentials), not those of
// PUT, PATCH and DELETE either (put, patch, delete, a viewset's update,
// partial_update and destroy, an @action of those only), which no form
// sends; and of the methods left, not their branches that only such
// methods reach (formBranches).
func formReachable(d *python.ClassDef, cors bool) []python.Stmt {
	var body []python.Stmt
	for _, s := range d.Body {
		f, ok := s.(*python.FunctionDef)
		if !ok {
			continue
		}
		switch f.Name {
		case "get", "head", "options", "list", "retrieve":
			continue
		case "put", "patch", "delete", "update", "partial_update", "destroy":
			if !cors {
				continue
			}
		}
		if a := actionMethods(f); a != nil && (allMethods(a, safeMethods) || !cors && allMethods(a, unsendableMethods)) {
			continue
		}
		// an @action of GET and PATCH that writes only under if
		// request.method == "PATCH": its branches, as a function view's
		body = append(body, formBranches(f.Body, cors)...)
	}
	return body
}

var (
	safeMethods       = []string{"GET", "HEAD", "OPTIONS"}
	unsendableMethods = []string{"PUT", "PATCH", "DELETE"}
)

// formBranches returns a function view's statements without the
// branches only GET or HEAD reach (if request.method == "GET": ...),
// which CSRF protection never checks, nor, unless cors, those only PUT,
// PATCH or DELETE reach, which no form sends; and without the functions
// it defines under @csrf_protect (the check it runs for the requests a
// cookie authenticates, an API key's going on unchecked): what a forged
// form can make run. The tree is not changed: an if keeps its test and
// position, with its branches filtered.
func formBranches(stmts []python.Stmt, cors bool) []python.Stmt {
	return liveDefs(formStmts(stmts, cors))
}

// formStmts is formBranches without the pruning of the functions no
// branch left calls.
func formStmts(stmts []python.Stmt, cors bool) []python.Stmt {
	var out []python.Stmt
	for _, s := range stmts {
		switch x := s.(type) {
		case *python.If:
			if ms := methodTest(x.Test); ms != nil && (allMethods(ms, safeMethods) || !cors && allMethods(ms, unsendableMethods)) {
				out = append(out, formStmts(x.Orelse, cors)...)
				continue
			}
			if ms := notMethodTest(access.ExitTest(s)); ms != nil && !cors && allMethods(ms, unsendableMethods) {
				// if request.method != "DELETE": return 405: what
				// follows only DELETE reaches
				return append(out, s)
			}
			c := *x
			c.Body, c.Orelse = formStmts(x.Body, cors), formStmts(x.Orelse, cors)
			out = append(out, &c)
		case *python.FunctionDef:
			if !slices.ContainsFunc(x.DecoratorList, func(d python.Expr) bool { return lastName(access.Dotted(d)) == "csrf_protect" }) {
				out = append(out, s)
			}
		default:
			out = append(out, s)
		}
	}
	return out
}

// liveDefs drops from a view's statements the functions it defines that
// nothing left runs: a DELETE branch's handler (def handle_delete(...)),
// once the branch is gone, and one the view wraps in csrf_protect
// (do_post = csrf_protect(do_post)). A function counts as run when the
// view's other statements, or a function run, name it.
func liveDefs(stmts []python.Stmt) []python.Stmt {
	defs := map[string]*python.FunctionDef{}
	protected := map[string]bool{}
	used := map[string]bool{}
	var names func(n python.Node)
	names = func(n python.Node) {
		python.Inspect(n, func(n python.Node) bool {
			switch x := n.(type) {
			case *python.FunctionDef:
				return false
			case *python.Name:
				used[x.ID] = true
			}
			return true
		})
	}
	python.EachStmt(stmts, func(s python.Stmt) {
		switch x := s.(type) {
		case *python.FunctionDef:
			defs[x.Name] = x
		case *python.Assign:
			if c, ok := x.Value.(*python.Call); ok && lastName(access.Dotted(c.Func)) == "csrf_protect" && len(x.Targets) == 1 {
				if t, ok := x.Targets[0].(*python.Name); ok {
					protected[t.ID] = true
				}
			}
		}
	})
	if len(defs) == 0 {
		return stmts
	}
	for _, s := range stmts {
		if _, isDef := s.(*python.FunctionDef); !isDef {
			names(s)
		}
	}
	read := map[string]bool{} // the defs whose bodies names has read
	for grew := true; grew; {
		grew = false
		for name, d := range defs {
			if used[name] && !protected[name] && !read[name] {
				read[name] = true
				for _, b := range d.Body {
					names(b)
				}
				grew = true
			}
		}
	}
	var prune func([]python.Stmt) []python.Stmt
	prune = func(list []python.Stmt) []python.Stmt {
		var out []python.Stmt
		for _, s := range list {
			switch x := s.(type) {
			case *python.FunctionDef:
				if !used[x.Name] || protected[x.Name] {
					continue
				}
			case *python.If:
				c := *x
				c.Body, c.Orelse = prune(x.Body), prune(x.Orelse)
				s = &c
			}
			out = append(out, s)
		}
		return out
	}
	return prune(stmts)
}

// methodTest returns the methods a test holds for, upper case
// (request.method == "DELETE", request.method in ("PUT", "PATCH")), or
// nil for any other test.
func methodTest(e python.Expr) []string {
	c, ok := e.(*python.Compare)
	if !ok || len(c.Ops) != 1 || access.Dotted(c.Left) != "request.method" {
		return nil
	}
	var values []python.Expr
	switch c.Ops[0] {
	case python.Eq:
		values = c.Comparators
	case python.In:
		values = python.SeqElts(c.Comparators[0])
	default:
		return nil
	}
	return upperStrings(values)
}

// notMethodTest returns the methods a test holds for when it fails
// (request.method != "DELETE", request.method not in ("PUT", "PATCH")),
// upper case, or nil for any other test.
func notMethodTest(e python.Expr) []string {
	c, ok := e.(*python.Compare)
	if !ok || len(c.Ops) != 1 || access.Dotted(c.Left) != "request.method" {
		return nil
	}
	switch c.Ops[0] {
	case python.NotEq:
		return upperStrings(c.Comparators)
	case python.NotIn:
		return upperStrings(python.SeqElts(c.Comparators[0]))
	}
	return nil
}

// actionMethods returns the methods of a DRF @action, upper case
// (@action(detail=True, methods=["delete"]); GET when it names none), or
// nil when f is no action or a method is not a literal.
func actionMethods(f *python.FunctionDef) []string {
	for _, d := range f.DecoratorList {
		c, ok := d.(*python.Call)
		if !ok || lastName(access.Dotted(c.Func)) != "action" {
			continue
		}
		methods := python.SeqElts(kw(c, "methods"))
		if len(methods) == 0 {
			return []string{"GET"}
		}
		return upperStrings(methods)
	}
	return nil
}

// upperStrings returns string literals in upper case, or nil when one is
// not a literal.
func upperStrings(values []python.Expr) []string {
	var out []string
	for _, v := range values {
		m, ok := constStr(v)
		if !ok {
			return nil
		}
		out = append(out, strings.ToUpper(m))
	}
	return out
}

// allMethods reports whether every method of ms is in set.
func allMethods(ms, set []string) bool {
	for _, m := range ms {
		if !slices.Contains(set, m) {
			return false
		}
	}
	return len(ms) > 0
}

// usesCookieIdentity: the view acts as request.user or on request.session.
func usesCookieIdentity(m *taint.Module, def python.Node) bool {
	src := m.Bytes(def)
	return bytesearch.Contains(src, "request.user") || bytesearch.Contains(src, "request.session") ||
		bytesearch.Contains(src, "request.COOKIES")
}

func verifiesSignature(prog *taint.Program, m *taint.Module, body []python.Stmt, depth int) bool {
	found := false
	for _, s := range body {
		python.Inspect(s, func(n python.Node) bool {
			if c, ok := n.(*python.Call); ok {
				q := m.QualName(c.Func)
				switch lastName(q) {
				case "compare_digest", "construct_event", "verify_signature", "validate_signature", "verify":
					found = true
				case "validate_message":
					// AWS SNS: SNSMessageValidator().validate_message(
					// message=...) checks the message's signature
					// against the certificate AWS signs with
					found = bytes.Contains(m.Content(), []byte("sns_message_validator"))
				}
				// hmac.new(secret, msg=request.body, ...).hexdigest()
				// compared with a header: a webhook's signature
				switch q {
				case "hmac.new", "hmac.HMAC", "hmac.digest":
					found = true
				}
				if !found && depth == 0 && givenRequest(c) {
					// error, status = verify_sns_payload(request): a
					// function of the project that checks it
					if f := projectFunc(prog, m, q); f != nil {
						found = verifiesSignature(prog, f.Module, f.Def().Body, depth+1)
					}
				}
			}
			return !found
		})
	}
	return found
}

// givenRequest reports a call given the request itself.
func givenRequest(c *python.Call) bool {
	for _, a := range c.Args {
		if n, ok := a.(*python.Name); ok && n.ID == "request" {
			return true
		}
	}
	return false
}

// projectFunc returns the project's function (not a method) that a
// qualified name q of module m names, or nil.
func projectFunc(prog *taint.Program, m *taint.Module, q string) *taint.Func {
	if prog == nil || q == "" {
		return nil
	}
	f := prog.LookupFunc(q)
	if f == nil && !strings.Contains(q, ".") {
		f = prog.LookupFunc(m.Name + "." + q)
	}
	if f == nil || f.Class != nil {
		return nil
	}
	return f
}

// requiresAjaxHeader reports a view that turns away, before anything else,
// every request without the X-Requested-With header (if not
// request.is_ajax(): return HttpResponseBadRequest()). A cross-site form
// cannot send a header, and a cross-site script that adds one must pass a
// CORS preflight first: unless the project's CORS settings let every
// origin send credentials, the header stands in for the CSRF token.
//
// A refusal of other methods may come first (if request.method != "POST":
// return ...): it changes nothing and lets no request further.
func requiresAjaxHeader(pass *analysis.Pass, body []python.Stmt) bool {
	for _, s := range body {
		x, ok := s.(*python.If)
		if !ok {
			continue
		}
		if notMethodTest(x.Test) != nil && len(x.Body) == 1 && ends(x.Body) && len(x.Orelse) == 0 {
			continue
		}
		if !requiresHeader(x.Test) || !ends(x.Body) {
			return false
		}
		return !corsOpenWithCredentials(pass.Project)
	}
	return false
}

// ends reports statements after which the function does not go on: they
// end in a return or a raise.
func ends(stmts []python.Stmt) bool {
	if len(stmts) == 0 {
		return false
	}
	switch stmts[len(stmts)-1].(type) {
	case *python.Return, *python.Raise:
		return true
	}
	return false
}

// requiresHeader reports a test that is true when the X-Requested-With
// header is missing: not request.is_ajax(), request.headers.get(
// "x-requested-with") != "XMLHttpRequest", either as one operand of an or.
func requiresHeader(test python.Expr) bool {
	switch x := test.(type) {
	case *python.BoolOp:
		if x.Op != python.Or {
			return false
		}
		for _, v := range x.Values {
			if requiresHeader(v) {
				return true
			}
		}
	case *python.UnaryOp:
		if c, ok := x.Operand.(*python.Call); ok && x.Op == python.Not {
			if a, ok := c.Func.(*python.Attribute); ok && a.Attr == "is_ajax" && strings.HasSuffix(access.Dotted(a.Value), "request") {
				return true
			}
		}
	case *python.Compare:
		if len(x.Ops) != 1 || x.Ops[0] != python.NotEq {
			return false
		}
		l, r := x.Left, x.Comparators[0]
		if _, ok := constStr(l); ok {
			l, r = r, l
		}
		s, ok := constStr(r)
		return ok && s == "XMLHttpRequest" && requestedWithRead(l)
	}
	return false
}

// requestedWithRead reports a read of the X-Requested-With header:
// request.headers.get("x-requested-with"), request.META["HTTP_X_REQUESTED_WITH"].
func requestedWithRead(e python.Expr) bool {
	var bag, key python.Expr
	switch x := e.(type) {
	case *python.Call:
		a, ok := x.Func.(*python.Attribute)
		if !ok || a.Attr != "get" || len(x.Args) == 0 {
			return false
		}
		bag, key = a.Value, x.Args[0]
	case *python.Subscript:
		bag, key = x.Value, x.Slice
	default:
		return false
	}
	d := access.Dotted(bag)
	k, ok := constStr(key)
	if !ok || !strings.HasSuffix(d, "request.headers") && !strings.HasSuffix(d, "request.META") {
		return false
	}
	k = strings.TrimPrefix(strings.ReplaceAll(strings.ToLower(k), "_", "-"), "http-")
	return k == "x-requested-with"
}

// corsOpenWithCredentials reports whether some production settings module
// lets every origin make credentialed cross-site requests
// (CORS_ALLOW_ALL_ORIGINS and CORS_ALLOW_CREDENTIALS), which lets a
// cross-site script send any header after its preflight.
func corsOpenWithCredentials(p *project.Project) bool {
	return p.Memo("rules/code.corsOpenWithCredentials", func() any {
		isTrue := func(v *settings.Value) bool { return v.Truth() == 1 }
		for _, e := range settings.Load(p).Production() {
			if _, creds := settings.Check(e.Value("CORS_ALLOW_CREDENTIALS"), isTrue); !creds {
				continue
			}
			for _, name := range []string{"CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL"} {
				if _, ok := settings.Check(e.Value(name), isTrue); ok {
					return true
				}
			}
		}
		return false
	}).(bool)
}
