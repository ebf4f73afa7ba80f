package access

import (
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/taint"
)

// This file recognises the project's own guards by what they do: a check
// of the user, of a credential or of a signed value, tied to a denial.

// rank orders guard kinds from the strongest restriction.
var rank = map[Kind]int{Superuser: 0, Staff: 1, Permission: 2, Login: 3, Credential: 4, SignedURL: 5, Capability: 6}

func stronger(a, b Kind) bool { return rank[a] < rank[b] }

// userCheck returns the kind of check of the user an expression makes,
// and "" when it makes none. The attribute may be on any value: user =
// request.user; user.is_authenticated counts too.
func userCheck(e python.Expr) Kind {
	var k Kind
	python.Inspect(e, func(n python.Node) bool {
		var got Kind
		switch x := n.(type) {
		case *python.Attribute:
			switch x.Attr {
			case "is_authenticated", "is_anonymous":
				got = Login
			case "is_staff":
				got = Staff
			case "is_superuser":
				got = Superuser
			}
		case *python.Call:
			if a, ok := x.Func.(*python.Attribute); ok {
				switch a.Attr {
				case "has_perm", "has_perms", "has_module_perms", "has_permission", "has_object_permission",
					"test_func", "check_permissions", "check_object_permissions", "has_change_permission",
					"has_view_permission", "has_delete_permission", "has_add_permission",
					// perm in request.user.get_all_permissions()
					"get_all_permissions", "get_group_permissions", "get_user_permissions":
					got = Permission
				}
			}
			if requesterIsUser(x) {
				got = Login // isinstance(request.user, User): no AnonymousUser is
			}
			// has_perm(request.user, "articles.change_article", article):
			// a project's function that asks the user's permissions
			if n, ok := x.Func.(*python.Name); ok && (n.ID == "has_perm" || n.ID == "has_perms") && len(x.Args) > 0 && isRequestUser(x.Args[0]) {
				got = Permission
			}
		case *python.Compare:
			if ownerCompare(x) || memberCompare(x) {
				got = Permission
			}
		}
		if got != "" && (k == "" || stronger(got, k)) {
			k = got
		}
		return true
	})
	return k
}

// requesterIsUser reports isinstance(request.user, User), with the
// project's user model or Django's (a class named User or ending in
// User, or get_user_model()): an AnonymousUser is no instance of one, so
// the test holds for logged-in users only.
func requesterIsUser(c *python.Call) bool {
	n, ok := c.Func.(*python.Name)
	if !ok || n.ID != "isinstance" || len(c.Args) != 2 {
		return false
	}
	if d := dotted(c.Args[0]); d != "request.user" && d != "self.request.user" {
		return false
	}
	class := c.Args[1]
	if call, ok := class.(*python.Call); ok {
		return lastName(dotted(call.Func)) == "get_user_model" && len(call.Args) == 0
	}
	name := lastName(dotted(class))
	return strings.HasSuffix(name, "User") && name != "AnonymousUser"
}

// ownerCompare is obj.owner == request.user, obj.user_id != request.user.id.
func ownerCompare(c *python.Compare) bool {
	if len(c.Ops) != 1 || (c.Ops[0] != python.Eq && c.Ops[0] != python.NotEq && c.Ops[0] != python.Is && c.Ops[0] != python.IsNot) {
		return false
	}
	l, r := c.Left, c.Comparators[0]
	return (isRequestUser(l) && isOwnerAttr(r)) || (isRequestUser(r) && isOwnerAttr(l)) ||
		(requesterName(l) && namedUser(r)) || (requesterName(r) && namedUser(l))
}

// memberCompare is request.user not in group.moderators.all(): the
// requester looked for among the users a row of the project relates to
// itself, which a project keeps to say who may act on the row, in a test
// that holds for those who are not there (the refusal's). The other way
// round (if request.user in plan.members.all(): return ...) turns members
// away and lets everyone else through, so it is no such check.
func memberCompare(c *python.Compare) bool {
	if len(c.Ops) != 1 || c.Ops[0] != python.NotIn || !isRequestUser(c.Left) {
		return false
	}
	rel := c.Comparators[0]
	if call, ok := rel.(*python.Call); ok && len(call.Args) == 0 {
		if a, ok := call.Func.(*python.Attribute); ok && a.Attr == "all" {
			rel = a.Value
		}
	}
	a, ok := rel.(*python.Attribute)
	if !ok {
		return false
	}
	root := dotted(a.Value)
	return root != "" && !strings.Contains(root, "request")
}

// requesterName is request.user.username: the requester's login name, ""
// for an anonymous visitor.
func requesterName(e python.Expr) bool {
	return strings.HasSuffix(dotted(e), "request.user.username")
}

// namedUser is what a requester's name is compared with to tell the
// owner: a variable (the URL's <username>, whose capture is never
// empty) or an owner's name (obj.owner.username).
func namedUser(e python.Expr) bool {
	switch x := e.(type) {
	case *python.Name:
		return true
	case *python.Attribute:
		return x.Attr == "username" && isOwnerAttr(x.Value)
	}
	return false
}

func isRequestUser(e python.Expr) bool {
	a, ok := e.(*python.Attribute)
	if ok && (a.Attr == "id" || a.Attr == "pk") {
		e = a.Value
		a, ok = e.(*python.Attribute)
	}
	if ok && strings.HasSuffix(dotted(a.Value), "request.user") {
		// request.user.profile, request.user.account: the user's own
		// record beside the user, which an anonymous visitor has no
		// saved row of (an unsaved one equals no owner)
		switch a.Attr {
		case "profile", "userprofile", "account", "member", "person", "customer":
			return true
		}
	}
	if !ok || !strings.HasSuffix(dotted(a.Value), "request") {
		return false
	}
	// request.user, and what an authentication step put on the request:
	// the project an API key belongs to, the user's team or tenant
	switch a.Attr {
	case "user", "project", "profile", "team", "organization", "org", "tenant", "account":
		return true
	}
	return false
}

func isOwnerAttr(e python.Expr) bool {
	a, ok := e.(*python.Attribute)
	if !ok {
		return false
	}
	if a.Attr == "id" || a.Attr == "pk" {
		// rp.user.id, the owner's key as request.user.id is the
		// requester's
		if inner, ok := a.Value.(*python.Attribute); ok {
			a = inner
		}
	}
	switch strings.TrimSuffix(a.Attr, "_id") {
	case "user", "owner", "author", "created_by", "customer", "uploaded_by", "submitted_by", "buyer", "patient", "student", "account", "profile", "member",
		"project", "team", "organization", "org", "tenant":
		return true
	}
	return false
}

// dotted returns a plain dotted name ("self.request") or "".
func dotted(e python.Expr) string {
	switch x := e.(type) {
	case *python.Name:
		return x.ID
	case *python.Attribute:
		if b := dotted(x.Value); b != "" {
			return b + "." + x.Attr
		}
	}
	return ""
}

var (
	credKeyRE  = lazyre.New(`(?i)key|token|auth|sign|secret|hmac|digest|password`)
	denyNames  = map[string]bool{"PermissionDenied": true, "Http404": true, "NotAuthenticated": true, "AuthenticationFailed": true, "PermissionError": true, "NotFound": true}
	denyCalls  = map[string]bool{"HttpResponseForbidden": true, "HttpResponseNotFound": true, "redirect_to_login": true, "handle_no_permission": true, "permission_denied": true, "HttpResponseUnauthorized": true}
	denyStatus = map[int64]bool{401: true, 403: true, 404: true}
)

// denyExceptionName matches the names projects give their own exceptions
// for a refusal (Http403, Forbidden, AccessDenied, NotAuthorized), which
// a middleware turns into the response.
var denyExceptionName = lazyre.New(`(?i)(40[134]|forbidden|denied|unauthori[sz]ed|notauthori[sz]ed|notallowed|nopermission)`)

// denyException reports whether raising e (a class, or the name of one)
// turns the request away: Django's and DRF's refusals, a project
// exception named for one, or a project class deriving from one (prog may
// be nil, and then bases are not followed).
func denyException(prog *taint.Program, m *taint.Module, e python.Expr) bool {
	q := m.QualName(e)
	name := lastName(q)
	if denyNames[name] || denyExceptionName().MatchString(name) {
		return true
	}
	if prog == nil || q == "" {
		return false
	}
	c := lookupClass(prog, m, q)
	return c != nil && prog.IsSubclass(c, func(b string) bool { return denyNames[lastName(b)] })
}

// refusalWords are what the message of an exception that refuses access
// says, whatever its class: raise Problem(_("No access to editing.")).
var refusalWords = lazyre.New(`(?i)\b(no access|access denied|not allowed|no permission|permission denied|forbidden|unauthori[sz]ed|not authori[sz]ed|login required|must be logged in)\b`)

// refusalMessage reports an exception built with a message that refuses
// access, given as a literal or through gettext: a project's own error
// class, which a middleware turns into a page, still stops the request
// before the view's code runs.
func refusalMessage(c *python.Call) bool {
	if len(c.Args) == 0 {
		return false
	}
	msg := c.Args[0]
	if t, ok := msg.(*python.Call); ok && len(t.Args) == 1 {
		switch calleeName(t.Func) {
		case "_", "gettext", "gettext_lazy", "ugettext", "ugettext_lazy":
			msg = t.Args[0]
		}
	}
	s, ok := constString(msg)
	return ok && refusalWords().MatchString(s)
}

// denial reports whether a statement list turns the request away: a 401,
// 403 or 404 response, PermissionDenied, handle_no_permission(), a
// redirect (to the login page or anywhere else), or a call of a project
// helper that does one of those (denyingHelper; prog may be nil, and then
// helpers are not followed); returnsFalse counts `return False` (the
// answer of has_permission and test_func).
func denial(prog *taint.Program, m *taint.Module, stmts []python.Stmt, returnsFalse bool) bool {
	found := false
	refusals := refusalsSet(stmts)
	for _, s := range stmts {
		python.Inspect(s, func(n python.Node) bool {
			if found {
				return false
			}
			switch x := n.(type) {
			case *python.FunctionDef, *python.ClassDef:
				return false
			case *python.Raise:
				e := x.Exc
				if e == nil {
					return false // a bare raise passes on what was raised
				}
				if c, ok := e.(*python.Call); ok {
					e = c.Func
				}
				if denyException(prog, m, e) {
					found = true
				}
				if c, ok := x.Exc.(*python.Call); ok && (denyCall(prog, m, c) || refusalMessage(c)) {
					found = true
				}
			case *python.Return:
				if c, ok := x.Value.(*python.Call); ok && denyCall(prog, m, c) {
					found = true
				}
				if nm, ok := x.Value.(*python.Name); ok && refusals[nm.ID] {
					found = true // response.status_code = 401; return response
				}
				if returnsFalse {
					if b, ok := x.Value.(*python.Constant); ok && b.Value == false {
						found = true
					}
				}
			case *python.ExprStmt:
				// self.handle_no_permission(), and DRF's
				// self.permission_denied(request), raise themselves; so
				// does a project helper whose body raises PermissionDenied
				if c, ok := x.Value.(*python.Call); ok {
					if n := lastName(m.QualName(c.Func)); n == "handle_no_permission" || n == "permission_denied" || denyingHelper(prog, m, c) {
						found = true
					}
				}
			}
			return true
		})
	}
	return found
}

// refusalsSet returns the names whose status_code the statements set to
// a refusal (response.status_code = 401), outside nested functions: a
// response built, then made a refusal, then returned.
func refusalsSet(stmts []python.Stmt) map[string]bool {
	var out map[string]bool
	for _, s := range stmts {
		python.Inspect(s, func(n python.Node) bool {
			switch x := n.(type) {
			case *python.FunctionDef, *python.ClassDef:
				return false
			case *python.Assign:
				for _, t := range x.Targets {
					a, ok := t.(*python.Attribute)
					if !ok || a.Attr != "status_code" || !statusLiteral(x.Value) || isNotFound(x.Value) {
						continue
					}
					if nm, ok := a.Value.(*python.Name); ok {
						if out == nil {
							out = map[string]bool{}
						}
						out[nm.ID] = true
					}
				}
			}
			return true
		})
	}
	return out
}

func denyCall(prog *taint.Program, m *taint.Module, c *python.Call) bool {
	name := lastName(m.QualName(c.Func))
	if denyCalls[name] || denyingHelper(prog, m, c) {
		return true
	}
	if refusingResponse(prog, m, c) {
		return true
	}
	for _, a := range c.Args {
		if statusLiteral(a) {
			return true
		}
	}
	for _, k := range c.Keywords {
		if (k.Arg == "status" || k.Arg == "status_code") && statusLiteral(k.Value) {
			return true
		}
	}
	switch name {
	case "redirect", "HttpResponseRedirect", "resolve_url":
		// Sent elsewhere, to the login page or the start page, the
		// requester does not reach the code after: on the branch where
		// the check failed, that is the denial.
		return true
	}
	// Other redirecting responses (HttpResponsePermanentRedirect,
	// django-htmx's HttpResponseClientRedirect) deny the same way.
	return strings.HasPrefix(name, "HttpResponse") && strings.HasSuffix(name, "Redirect")
}

// refusingResponse reports a response class of the project whose
// status_code is a refusal (class JsonResponseForbidden(JsonResponse):
// status_code = 403), as Django's HttpResponseForbidden is.
func refusingResponse(prog *taint.Program, m *taint.Module, c *python.Call) bool {
	if prog == nil {
		return false
	}
	cls := lookupClass(prog, m, m.QualName(c.Func))
	if cls == nil {
		return false
	}
	for _, st := range cls.Def().Body {
		if a, ok := st.(*python.Assign); ok && len(a.Targets) == 1 && isNamed(a.Targets[0], "status_code") {
			return statusLiteral(a.Value) && !isNotFound(a.Value)
		}
	}
	return false
}

// isNotFound reports the literal 404: a missing page, which a class of
// the project may answer for reasons other than a refusal.
func isNotFound(e python.Expr) bool {
	c, ok := e.(*python.Constant)
	return ok && c.Value == int64(404)
}

func statusLiteral(e python.Expr) bool {
	c, ok := e.(*python.Constant)
	if ok {
		switch v := c.Value.(type) {
		case int64:
			return denyStatus[v]
		case int:
			return denyStatus[int64(v)]
		case *big.Int:
			return v.IsInt64() && denyStatus[v.Int64()]
		}
		return false
	}
	// status.HTTP_403_FORBIDDEN, HTTPStatus.UNAUTHORIZED
	if a, ok := e.(*python.Attribute); ok {
		s := a.Attr
		return strings.Contains(s, "401") || strings.Contains(s, "403") || strings.Contains(s, "404") ||
			s == "UNAUTHORIZED" || s == "FORBIDDEN" || s == "NOT_FOUND"
	}
	return false
}

// credentialRead returns the node where a function reads a credential: a
// header or META key naming a key, token, signature or authorization, a
// constant-time comparison, an HMAC.
func credentialRead(m *taint.Module, def *python.FunctionDef) (python.Node, string) {
	var at python.Node
	var what string
	var bound map[string]python.Expr // names the body sets once: params = request.data
	params := func(e python.Expr) bool {
		if n, ok := e.(*python.Name); ok {
			if bound == nil {
				bound = singleAssigns(def.Body)
			}
			e = bound[n.ID]
		}
		return e != nil && paramsLike(e)
	}
	python.Inspect(def, func(n python.Node) bool {
		if at != nil {
			return false
		}
		switch x := n.(type) {
		case *python.Subscript:
			if headerLike(x.Value) {
				if s, ok := constString(x.Slice); ok && credKeyRE().MatchString(s) {
					at, what = x, headerName(s)+" header"
				}
			}
		case *python.Compare:
			// "X-Api-Key" in request.headers
			if s, ok := constString(x.Left); ok && len(x.Comparators) == 1 && headerLike(x.Comparators[0]) && credKeyRE().MatchString(s) {
				at, what = x, headerName(s)+" header"
			}
		case *python.Call:
			q := m.QualName(x.Func)
			switch lastName(q) {
			case "get":
				if a, ok := x.Func.(*python.Attribute); ok && headerLike(a.Value) && len(x.Args) > 0 {
					if s, ok := constString(x.Args[0]); ok && credKeyRE().MatchString(s) {
						at, what = x, headerName(s)+" header"
					}
				} else if ok && params(a.Value) && len(x.Args) > 0 {
					// request.POST.get("apikey"), or params.get("apikey")
					// after params = request.data: a key the client
					// sends as a parameter, checked further on
					if s, ok := constString(x.Args[0]); ok && credParamRE().MatchString(s) {
						at, what = x, "the "+s+" parameter"
					}
				} else if kw := secretFromRequest(m, x); kw != "" {
					// LivePairing.objects.get(secret=request.data["secret"]):
					// only who holds the secret finds the row
					at, what = x, "the "+kw+" the client sends, looked up"
				}
			case "compare_digest", "constant_time_compare":
				at, what = x, "signature compared with "+lastName(q)
			case "check_password":
				// check_password(client_secret, client.secret_hash):
				// a client's secret checked against its stored hash
				// (user.check_password(pw), one argument, is a login)
				if len(x.Args) == 2 {
					at, what = x, "secret checked with check_password"
				}
			case "new":
				if strings.HasPrefix(q, "hmac.") {
					at, what = x, "HMAC signature"
				}
			case "get_authorization_header":
				at, what = x, "Authorization header"
			case "get_object_or_404", "filter":
				if kw := secretFromRequest(m, x); kw != "" {
					at, what = x, "the "+kw+" the client sends, looked up"
				}
			}
		}
		return true
	})
	return at, what
}

func headerName(s string) string {
	if strings.HasPrefix(s, "HTTP_") {
		return strings.ReplaceAll(strings.TrimPrefix(s, "HTTP_"), "_", "-")
	}
	return s
}

// paramsLike reports the request's parameters: request.GET, request.POST,
// DRF's request.data and request.query_params.
func paramsLike(e python.Expr) bool {
	d := dotted(e)
	for _, p := range []string{".GET", ".POST", ".data", ".query_params"} {
		if strings.HasSuffix(d, p) && strings.Contains(d, "request") {
			return true
		}
	}
	return false
}

// credParamRE matches the names of parameters that carry an API key or
// token: apikey, api_key, access_token, token. A password is not among
// them: a form that checks one is a login, not a key on each request.
var credParamRE = lazyre.New(`(?i)^(api_?key|access_?key|access_?token|auth_?token|token|signature|sig)$`)

func headerLike(e python.Expr) bool {
	d := dotted(e)
	return strings.HasSuffix(d, ".headers") || strings.HasSuffix(d, ".META")
}

// headersHandedToCheck returns where def hands the request's headers
// (request.headers, request.META) to a function of the project that reads
// a credential header from them (verify_action_request(request.headers),
// whose headers.get("Action-Secret") it compares), and what it reads.
func headersHandedToCheck(prog *taint.Program, m *taint.Module, def *python.FunctionDef) (python.Node, string) {
	if prog == nil {
		return nil, ""
	}
	var at python.Node
	var what string
	python.Inspect(def, func(n python.Node) bool {
		c, ok := n.(*python.Call)
		if !ok || at != nil {
			return at == nil
		}
		i := slices.IndexFunc(c.Args, headerLike)
		if i < 0 {
			return true
		}
		f := lookupFunc(prog, m, m.QualName(c.Func))
		if f == nil || f.Class != nil || f.Def().Args == nil || i >= len(f.Def().Args.Args) {
			return true
		}
		if name, ok := headerReadFrom(f.Def(), f.Def().Args.Args[i].Arg); ok {
			at, what = c, headerName(name)+" header, read by "+lastName(f.QName)
		}
		return at == nil
	})
	return at, what
}

// headerReadFrom returns the credential header that def reads from its
// parameter param: param.get("X-Api-Key"), param["HTTP_X_API_KEY"].
func headerReadFrom(def *python.FunctionDef, param string) (string, bool) {
	name := ""
	python.Inspect(def, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.Call:
			if a, ok := x.Func.(*python.Attribute); ok && a.Attr == "get" && isNamed(a.Value, param) && len(x.Args) > 0 {
				if s, ok := constString(x.Args[0]); ok && credKeyRE().MatchString(s) {
					name = s
				}
			}
		case *python.Subscript:
			if isNamed(x.Value, param) {
				if s, ok := constString(x.Slice); ok && credKeyRE().MatchString(s) {
					name = s
				}
			}
		}
		return name == ""
	})
	return name, name != ""
}

// signedRead returns where a function checks a signed value: Django's
// signing, a token generator's check_token.
func signedRead(m *taint.Module, def *python.FunctionDef) (python.Node, string) {
	var at python.Node
	var what string
	python.Inspect(def, func(n python.Node) bool {
		if at != nil {
			return false
		}
		if c, ok := n.(*python.Call); ok {
			q := m.QualName(c.Func)
			switch lastName(q) {
			case "unsign", "unsign_object", "check_token":
				at, what = c, lastName(q)
			case "loads":
				if strings.Contains(q, "signing") {
					at, what = c, "signing.loads"
				}
			case "validate_key":
				// django-registration's two-step activation view:
				// validate_key unsigns the e-mailed key (signing.loads,
				// with the project's secret and an expiry)
				if importsRegistration(m) {
					at, what = c, "validate_key"
				}
			}
		}
		return true
	})
	return at, what
}

// importsRegistration reports a module that imports django-registration
// (django_registration), whose activation views check signed keys.
func importsRegistration(m *taint.Module) bool {
	for _, q := range m.Imports.All() {
		if q == "django_registration" || strings.HasPrefix(q, "django_registration.") {
			return true
		}
	}
	return false
}

// signedByManager returns where a function hands one of its parameters to
// a method of a model's manager (Member.objects.get_with_verification_key(
// key)) that checks it as a signed value: every project manager or queryset
// method of that name unsigns, so a forged key raises before the row is
// found.
func (a *analyzer) signedByManager(def *python.FunctionDef) (python.Node, string) {
	params := map[string]bool{}
	for _, p := range def.Args.Args {
		params[p.Arg] = true
	}
	var at python.Node
	var what string
	python.Inspect(def, func(n python.Node) bool {
		c, ok := n.(*python.Call)
		if !ok || at != nil {
			return at == nil
		}
		f, ok := c.Func.(*python.Attribute)
		if !ok {
			return true
		}
		if o, ok := f.Value.(*python.Attribute); !ok || o.Attr != "objects" {
			return true
		}
		if !slices.ContainsFunc(c.Args, func(x python.Expr) bool { nm, ok := x.(*python.Name); return ok && params[nm.ID] }) {
			return true
		}
		if w := a.managerUnsigns(f.Attr); w != "" {
			at, what = c, w+" in "+f.Attr
		}
		return true
	})
	return at, what
}

// managerUnsigns says how the project's manager and queryset methods named
// name check a signed value ("signing.loads"), or "" when one of them does
// not, or none exists.
func (a *analyzer) managerUnsigns(name string) string {
	if w, ok := a.unsigns[name]; ok {
		return w
	}
	if a.unsigns == nil {
		a.unsigns = map[string]string{}
	}
	w := a.findUnsigns(name)
	a.unsigns[name] = w
	return w
}

func (a *analyzer) findUnsigns(name string) string {
	what := ""
	for _, f := range a.prog.Funcs {
		if f.Name != name || f.Class == nil || !strings.HasSuffix(f.Class.Name, "Manager") && !strings.HasSuffix(f.Class.Name, "QuerySet") {
			continue
		}
		at, w := signedRead(f.Module, f.Def())
		if at == nil {
			return ""
		}
		what = w
	}
	return what
}

// checkIfs finds an if statement that checks the user and turns the
// request away on one of its branches, or returns early on the allowed
// branch with a denial after it.
func checkIfs(prog *taint.Program, m *taint.Module, body []python.Stmt, returnsFalse bool, testKind func(python.Expr) Kind) (*python.If, Kind) {
	var hit *python.If
	var kind Kind
	// kindOf is testKind, and a role the requesting user has, read from
	// an attribute (if not user.st.is_moderator: raise PermissionDenied):
	// a permission check when its branch only turns the request away.
	kindOf := func(before []python.Stmt, test python.Expr) (Kind, bool) {
		if k := testKind(test); k != "" {
			return k, userCheck(test) == "" && userPredicate(test)
		}
		if userRole(before, test) || requesterQuestion(before, test) || boundAccessQuestion(before, test) {
			return Permission, true
		}
		return "", false
	}
	// strongerLater looks at the checks after the one found in the same
	// block, which may ask for more: "if user.is_anonymous: reject", then
	// "if user.has_perm(...): return view(request)", then reject, or "if
	// not user.profile.is_editor: reject", is a permission check.
	strongerLater := func(stmts []python.Stmt, from int) {
		for j := from; j < len(stmts); j++ {
			x, ok := stmts[j].(*python.If)
			if !ok {
				continue
			}
			test := testValue(stmts[:j], x.Test)
			k, predicate := kindOf(stmts[:j], test)
			if k == "" || !stronger(k, kind) {
				continue
			}
			isNeg := negated(test, func(e python.Expr) bool { k, _ := kindOf(stmts[:j], e); return k != "" })
			switch {
			case isNeg && predicate:
				if onlyDenies(prog, m, x.Body) {
					hit, kind = x, k
				}
			case isNeg:
				if denial(prog, m, x.Body, returnsFalse) {
					hit, kind = x, k
				}
			case passesThrough(m, x.Body) && (denial(prog, m, stmts[j+1:], returnsFalse) || denial(prog, m, x.Orelse, returnsFalse)):
				// if user.has_perm(...): return view(...) then reject,
				// or else: reject
				hit, kind = x, k
			}
		}
	}
	// after holds what runs when stmts ends without returning: the
	// statements after the ifs they are nested in (if request.user: if
	// user.is_staff: return view(request) then deny_access(request) after
	// the outer if).
	var walk func(stmts, after []python.Stmt, depth int)
	walk = func(stmts, after []python.Stmt, depth int) {
		if depth > 12 || hit != nil {
			return
		}
		for i, s := range stmts {
			if hit != nil {
				return
			}
			rest := stmts[i+1:]
			if len(rest) == 0 {
				rest = after
			}
			switch x := s.(type) {
			case *python.If:
				test := testValue(stmts[:i], x.Test)
				if k, predicate := kindOf(stmts[:i], test); k != "" {
					// "if not user.is_authenticated: deny" guards; "if
					// user.is_authenticated: deny" keeps logged-in users
					// out of a login page and guards nothing.
					var guarded bool
					switch {
					case predicate:
						// a question djsec cannot read (has_voted,
						// can_edit, is_moderator): a check only when its
						// branch does nothing but turn the request away
						if negated(test, func(e python.Expr) bool {
							return userPredicate(e) || userRole(stmts[:i], e) || requesterQuestion(stmts[:i], e)
						}) {
							guarded = onlyDenies(prog, m, x.Body)
						} else {
							guarded = onlyDenies(prog, m, x.Orelse)
						}
					case negated(test, func(e python.Expr) bool { return testKind(e) != "" }):
						guarded = denial(prog, m, x.Body, returnsFalse)
					default:
						guarded = denial(prog, m, x.Orelse, returnsFalse) || (passesThrough(m, x.Body) && denial(prog, m, rest, returnsFalse))
						if !guarded && passesThrough(m, x.Body) {
							// if user.has_perms(perms): return view(request)
							// else: return HTMXPermissionsDenied(message):
							// the view runs on the checked branch alone
							guarded = answersInstead(prog, m, x.Orelse) || len(x.Orelse) == 0 && answersInstead(prog, m, rest)
						}
					}
					if guarded {
						hit, kind = x, k
						strongerLater(stmts, i+1)
						// if not user.is_authenticated: login; elif
						// test(user): return view(...); else: reject
						strongerLater(x.Orelse, 0)
						return
					}
				}
				walk(x.Body, rest, depth+1)
				walk(x.Orelse, rest, depth+1)
			case *python.FunctionDef:
				walk(x.Body, nil, depth+1)
			case *python.For:
				if in := permissionLoop(m, x, testValue(stmts[:i], x.Iter)); in != nil && denial(prog, m, rest, returnsFalse) {
					hit, kind = in, Permission
					return
				}
				walk(x.Body, nil, depth+1)
			case *python.While:
				walk(x.Body, nil, depth+1)
			case *python.With:
				walk(x.Body, rest, depth+1)
			case *python.Try:
				walk(x.Body, nil, depth+1)
				for _, h := range x.Handlers {
					walk(h.Body, nil, depth+1)
				}
				walk(x.Orelse, nil, depth+1)
			}
		}
	}
	walk(body, nil, 0)
	return hit, kind
}

// permissionLoop returns the if of a loop over the requesting user's
// permissions that hands the request on when one of them is right, or
// nil; the statements after the loop turn the request away:
//
//	for perm in self.request.user.get_all_permissions():
//	    if perm.endswith("_team_mapper"):
//	        return super().dispatch(request, *args, **kwargs)
//	raise PermissionDenied
func permissionLoop(m *taint.Module, loop *python.For, iter python.Expr) *python.If {
	if userCheck(iter) != Permission {
		return nil
	}
	for _, s := range loop.Body {
		if x, ok := s.(*python.If); ok && passesThrough(m, x.Body) {
			return x
		}
	}
	return nil
}

// onlyDenies reports a branch that turns the request away: it is short
// (a message, a login prompt for anonymous visitors, then the denial) and
// its last statement raises or returns a denial (raise PermissionDenied,
// return HttpResponseForbidden()), or is an if whose branches each do (if
// redirect_to_page: return redirect(...) else: raise PermissionDenied: a
// decorator factory that lets its caller choose how to refuse). A branch
// that goes on to do the work (if not question.has_voted(request): ...
// vote.save()) is no check.
func onlyDenies(prog *taint.Program, m *taint.Module, stmts []python.Stmt) bool {
	return onlyDeniesIn(prog, m, stmts, 0)
}

func onlyDeniesIn(prog *taint.Program, m *taint.Module, stmts []python.Stmt, depth int) bool {
	if len(stmts) == 0 || len(stmts) > 4 || depth > 4 {
		return false
	}
	last := stmts[len(stmts)-1]
	switch x := last.(type) {
	case *python.Raise, *python.Return, *python.ExprStmt:
		// permission_denied(request, msg): a helper that raises
		return denial(prog, m, []python.Stmt{last}, false)
	case *python.If:
		return onlyDeniesIn(prog, m, x.Body, depth+1) && onlyDeniesIn(prog, m, x.Orelse, depth+1)
	}
	return false
}

// testValue returns a condition with a name it tests replaced by what the
// statements before it (in its block) assign to that name once:
// can_edit = map.can_edit(request); if not can_edit: deny.
func testValue(before []python.Stmt, test python.Expr) python.Expr {
	neg := false
	e := test
	if u, ok := e.(*python.UnaryOp); ok && u.Op == python.Not {
		neg, e = true, u.Operand
	}
	n, ok := e.(*python.Name)
	if !ok {
		return test
	}
	var value python.Expr
	count := 0
	for _, s := range before {
		if a, ok := s.(*python.Assign); ok {
			for _, t := range a.Targets {
				if tn, ok := t.(*python.Name); ok && tn.ID == n.ID {
					value, count = a.Value, count+1
				}
			}
		}
	}
	if count != 1 {
		return test
	}
	if neg {
		return &python.UnaryOp{Span: test.(*python.UnaryOp).Span, Op: python.Not, Operand: value}
	}
	return value
}

// negated reports whether a condition holds when the requester lacks what
// it checks: not user.is_authenticated, user.is_anonymous, obj.owner !=
// request.user, not valid_key(request). checks tells which parts check.
func negated(e python.Expr, checks func(python.Expr) bool) bool {
	switch x := e.(type) {
	case *python.UnaryOp:
		if x.Op == python.Not {
			return !negated(x.Operand, checks)
		}
	case *python.BoolOp:
		for _, v := range x.Values {
			if checks(v) {
				return negated(v, checks)
			}
		}
	case *python.Attribute:
		return x.Attr == "is_anonymous"
	case *python.Compare:
		if len(x.Ops) != 1 {
			return false
		}
		if ownerCompare(x) {
			return x.Ops[0] == python.NotEq || x.Ops[0] == python.IsNot
		}
		// user.is_authenticated is False, == False
		if c, ok := x.Comparators[0].(*python.Constant); ok {
			if b, ok := c.Value.(bool); ok {
				pos := (x.Ops[0] == python.Eq || x.Ops[0] == python.Is) == b
				if pos {
					return negated(x.Left, checks)
				}
				return !negated(x.Left, checks)
			}
		}
		// len(api_key) != 32, key not in valid_keys
		return x.Ops[0] == python.NotEq || x.Ops[0] == python.NotIn || x.Ops[0] == python.IsNot
	}
	return false
}

// passesThrough: the branch hands the request on (return view(request),
// return super().dispatch(...), return True) rather than answering it.
func passesThrough(m *taint.Module, stmts []python.Stmt) bool {
	for _, s := range stmts {
		switch x := s.(type) {
		case *python.Try:
			// try: return view(request) except PermissionDenied: ...
			if passesThrough(m, x.Body) {
				return true
			}
		case *python.With:
			if passesThrough(m, x.Body) {
				return true
			}
		case *python.If:
			// if request.user.username == kwargs["username"]: return
			// view(request, ...): handed on under a further condition,
			// still only from inside this branch
			if passesThrough(m, x.Body) || passesThrough(m, x.Orelse) {
				return true
			}
		}
		r, ok := s.(*python.Return)
		if !ok {
			continue
		}
		if c, ok := r.Value.(*python.Constant); ok && c.Value == true {
			return true
		}
		if r.Value == nil {
			return true // a middleware's process_view or process_request: None passes the request on
		}
		if c, ok := r.Value.(*python.Constant); ok {
			if _, none := c.Value.(python.None); none {
				return true
			}
		}
		c, ok := r.Value.(*python.Call)
		if !ok {
			return false
		}
		return !responseCall().MatchString(lastName(m.QualName(c.Func)))
	}
	return false
}

// answersInstead reports statements that end the request with a response
// of their own, rather than handing it on: return render(...), or a
// response class of the project (return HTMXPermissionsDenied(message),
// whose bases lead to a response class), whatever its status.
func answersInstead(prog *taint.Program, m *taint.Module, stmts []python.Stmt) bool {
	for _, s := range stmts {
		r, ok := s.(*python.Return)
		if !ok {
			continue
		}
		c, ok := r.Value.(*python.Call)
		if !ok {
			return false
		}
		if responseCall().MatchString(lastName(m.QualName(c.Func))) {
			return true
		}
		if prog == nil {
			return false
		}
		cls := lookupClass(prog, m, m.QualName(c.Func))
		return cls != nil && prog.IsSubclassOf("access.response", cls, func(q string) bool {
			return strings.HasSuffix(lastName(q), "Response")
		})
	}
	return false
}

var responseCall = lazyre.New(`(?i)^(HttpResponse.*|JsonResponse|StreamingHttpResponse|FileResponse|Response|render|render_to_response|redirect|error|.*_error|bad_request)$`)

func returns(stmts []python.Stmt) bool {
	for _, s := range stmts {
		if _, ok := s.(*python.Return); ok {
			return true
		}
	}
	return false
}

// settingsCondition returns "settings.X" when a guard's test depends on a
// setting (netbox's LOGIN_REQUIRED).
func settingsCondition(m *taint.Module, test python.Expr) string {
	var out string
	python.Inspect(test, func(n python.Node) bool {
		if a, ok := n.(*python.Attribute); ok && out == "" {
			if q := m.QualName(a.Value); q == "django.conf.settings" || q == "settings" {
				out = "settings." + a.Attr
			}
		}
		return out == ""
	})
	return out
}

// behaviour decides whether a project function (a decorator, a method, a
// helper) is a guard by what it does.
func (a *analyzer) behaviour(f *taint.Func) (Guard, bool) {
	if f == nil {
		return Guard{}, false
	}
	if g, ok := a.fnCache[f]; ok {
		return g, g.Kind != ""
	}
	a.fnCache[f] = Guard{} // recursion stops here
	g := a.behaviourOf(f.Module, f.Def(), 0)
	a.fnCache[f] = g
	return g, g.Kind != ""
}

func (a *analyzer) behaviourOf(m *taint.Module, def *python.FunctionDef, depth int) Guard {
	name := strings.TrimPrefix(def.Name, "_")
	returnsFalse := name == "has_permission" || name == "test_func" || name == "has_object_permission"
	if ifs, k := checkIfs(a.prog, m, def.Body, returnsFalse, func(e python.Expr) Kind { return a.testKind(m, e, depth) }); ifs != nil {
		return Guard{Kind: k, What: checkWhat(k), Where: m.Location(ifs), When: settingsCondition(m, ifs.Test)}
	}
	if at := loginRedirect(m, def.Body); at != nil {
		return Guard{Kind: Login, What: "sends requests that fail its test to the login page", Where: m.Location(at)}
	}
	if g, ok := helperRefusalGuard(m, def); ok {
		return g
	}
	if returnsFalse {
		// return request.user.is_staff
		var g Guard
		python.Inspect(def, func(n python.Node) bool {
			if r, ok := n.(*python.Return); ok && r.Value != nil && g.Kind == "" {
				if k := userCheck(r.Value); k != "" {
					g = Guard{Kind: k, What: checkWhat(k), Where: m.Location(r)}
				} else if objectAsks(r.Value) {
					// return self.get_object().user_can_edit(self.request.user):
					// the object says whether this user may act on it
					g = Guard{Kind: Permission, What: "asks the object whether the user may act on it", Where: m.Location(r)}
				}
			}
			return g.Kind == ""
		})
		if g.Kind != "" {
			return g
		}
	}
	at, what := credentialRead(m, def)
	if at == nil {
		at, what = headersHandedToCheck(a.prog, m, def)
	}
	if at != nil && (denial(a.prog, m, def.Body, returnsFalse) || nestedDenial(a.prog, m, def) || badRequest(m, def) || wrapperTurnsAway(def)) {
		return Guard{Kind: Credential, What: what, Where: m.Location(at)}
	}
	// unsign() raises BadSignature: a function that lets it propagate, or
	// catches it to show an error page, acts only on a signed value.
	if at, what := signedRead(m, def); at != nil {
		return Guard{Kind: SignedURL, What: "signed value checked with " + what, Where: m.Location(at)}
	}
	if at, what := a.signedByManager(def); at != nil {
		return Guard{Kind: SignedURL, What: "signed value checked with " + what, Where: m.Location(at)}
	}
	if at, name := comparesSecretParam(m, def); at != nil {
		return Guard{Kind: SignedURL, What: "compares the " + name + " with what it should be, and raises otherwise", Where: m.Location(at)}
	}
	if at := scopedLookup(m, def); at != nil {
		return Guard{Kind: Permission, What: "looks the object up with request.user (404 otherwise)", Where: m.Location(at)}
	}
	if at := unauthenticatedIf(m, def, 0); at != nil {
		return Guard{Kind: Login, What: "answers 401 Unauthorized to requests that fail its test", Where: m.Location(at), Unauthorized: true}
	}
	// a decorator whose wrapper is itself decorated with a guard:
	// def decorator(f): @login_required def wrapper(request, ...): ...
	var wrapped Guard
	python.Inspect(def, func(n python.Node) bool {
		d, ok := n.(*python.FunctionDef)
		if !ok || d == def || wrapped.Kind != "" {
			return wrapped.Kind == ""
		}
		for _, dec := range d.DecoratorList {
			if c, ok := dec.(*python.Call); ok {
				dec = c.Func
			}
			if k, what, ok := knownDecorator(lastName(m.QualName(dec))); ok && isGuard(k) {
				wrapped = Guard{Kind: k, What: what + " (on " + d.Name + ")", Where: m.Location(dec)}
				return false
			}
			// the project's own: @base_check_required def wrapper(...)
			if f := lookupFunc(a.prog, m, m.QualName(dec)); f != nil && f.Def() != def {
				if g, ok := a.behaviour(f); ok && isGuard(g.Kind) {
					wrapped = Guard{Kind: g.Kind, What: lastName(f.QName) + ": " + g.What + " (on " + d.Name + ")", Where: m.Location(dec)}
					return false
				}
			}
		}
		return true
	})
	if wrapped.Kind != "" {
		return wrapped
	}
	if depth < 2 {
		// a decorator or helper that delegates to another guard:
		// return login_required(view), or _check_owner(request, obj)
		var g Guard
		python.Inspect(def, func(n python.Node) bool {
			if g.Kind != "" {
				return false
			}
			c, ok := n.(*python.Call)
			if !ok {
				return true
			}
			q := m.QualName(c.Func)
			if k, what, ok := knownDecorator(lastName(q)); ok && isGuard(k) {
				g = Guard{Kind: k, What: what, Where: m.Location(c)}
				return false
			}
			if f := lookupFunc(a.prog, m, q); f != nil && f.Def() != def && !requestLeftOut(f.Def(), c) {
				if fg, ok := a.behaviour(f); ok {
					g = Guard{Kind: fg.Kind, What: fg.What + " (in " + lastName(f.QName) + ")", Where: m.Location(c), When: fg.When}
				} else if passesUser(c) && raisesForbidden(a.prog, f.Module, f.Def()) {
					// has_permission("update", user=request.user,
					// object=invite, raise_exception=True): a helper
					// given the user that refuses, by a test djsec
					// cannot read (a table of rule functions)
					g = Guard{Kind: Permission, What: "passes request.user to " + lastName(f.QName) + ", which refuses", Where: m.Location(c)}
				}
			}
			return true
		})
		if g.Kind != "" {
			return g
		}
	}
	return Guard{}
}

// requestLeftOut reports a call that leaves the helper's request
// parameter at its default None (create_instance(username, xml) of def
// create_instance(username, xml, request=None)): whatever the helper
// checks of the requester, it checks nothing there, since it has no
// request to ask.
func requestLeftOut(def *python.FunctionDef, c *python.Call) bool {
	if def.Args == nil {
		return false
	}
	for _, k := range c.Keywords {
		if k.Arg == "" || k.Arg == "request" {
			return false // **kwargs may hold it
		}
	}
	for _, a := range c.Args {
		if _, ok := a.(*python.Starred); ok {
			return false
		}
	}
	args := def.Args
	positional := append(slices.Clone(args.Posonlyargs), args.Args...)
	for i, p := range positional {
		if p.Arg != "request" {
			continue
		}
		d := i - (len(positional) - len(args.Defaults))
		return d >= 0 && isNone(args.Defaults[d]) && len(c.Args) <= i
	}
	for i, p := range args.Kwonlyargs {
		if p.Arg == "request" {
			return i < len(args.KwDefaults) && args.KwDefaults[i] != nil && isNone(args.KwDefaults[i])
		}
	}
	return false
}

// unauthenticatedIf returns the if statement of def, or of a function it
// defines (a decorator's wrapper, a decorator factory's wrapper), whose
// branch answers 401 Unauthorized: the code after it runs only for
// requests that showed who sent them, whatever the test reads
// (request.token, request.identity, a session's client). Asked after the
// checks of credentials and signatures, which answer 401 too.
func unauthenticatedIf(m *taint.Module, def *python.FunctionDef, depth int) *python.If {
	for _, s := range def.Body {
		switch x := s.(type) {
		case *python.If:
			if answers401(m, x) {
				return x
			}
		case *python.FunctionDef:
			if depth < 2 {
				if at := unauthenticatedIf(m, x, depth+1); at != nil {
					return at
				}
			}
		}
	}
	return nil
}

// answers401 reports an if statement one of whose branches, at any
// depth, returns a 401 response: HttpResponse(status=401),
// JsonResponse({...}, status=HTTPStatus.UNAUTHORIZED), or a response
// class named for it.
func answers401(m *taint.Module, x *python.If) bool {
	found := false
	python.Inspect(x, func(n python.Node) bool {
		switch r := n.(type) {
		case *python.FunctionDef, *python.ClassDef:
			return false
		case *python.Return:
			c, ok := r.Value.(*python.Call)
			if !ok {
				return false
			}
			if strings.Contains(lastName(m.QualName(c.Func)), "Unauthorized") {
				found = true
			}
			for _, k := range c.Keywords {
				if (k.Arg == "status" || k.Arg == "status_code") && status401(k.Value) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// status401 reports the status code 401, as a number or a named constant
// (status.HTTP_401_UNAUTHORIZED, HTTPStatus.UNAUTHORIZED).
func status401(e python.Expr) bool {
	switch x := e.(type) {
	case *python.Constant:
		return fmt.Sprint(x.Value) == "401"
	case *python.Attribute:
		return strings.Contains(x.Attr, "401") || x.Attr == "UNAUTHORIZED"
	}
	return false
}

// loginRedirect returns the if statement of body that sends the request
// to the login page (return self.redirect_to_login(), return
// redirect(settings.LOGIN_URL), redirect(reverse("login"))) before the
// rest of body goes on, whatever it tests: a dispatch that lets through
// only requests holding a session's token (if not
// request.oauth_client.token: ...) asks for a login as
// request.user.is_authenticated does. nil when there is none.
func loginRedirect(m *taint.Module, body []python.Stmt) *python.If {
	for _, s := range body {
		x, ok := s.(*python.If)
		if !ok || len(x.Body) == 0 || len(x.Orelse) > 0 && !passesOn(x.Orelse) {
			continue
		}
		r, ok := x.Body[len(x.Body)-1].(*python.Return)
		if !ok || r.Value == nil {
			continue
		}
		c, ok := r.Value.(*python.Call)
		if !ok {
			continue
		}
		if toLogin(m, c) {
			return x
		}
	}
	return passThenLogin(m, body)
}

// toLogin reports a call that sends the request to the login page:
// redirect_to_login(...), a redirect to settings.LOGIN_URL or to a route
// named for logging in.
func toLogin(m *taint.Module, c *python.Call) bool {
	text := m.Text(c)
	return lastName(m.QualName(c.Func)) == "redirect_to_login" || strings.Contains(text, "LOGIN_URL") ||
		loginRoute().MatchString(text)
}

// passThenLogin returns the if of a middleware hook that hands the
// request on (return None) only when its test holds, and otherwise ends by
// sending it to the login page:
//
//	if is_authenticated or is_login_path: return None
//	request.session["return_path"] = request.path
//	return HttpResponseRedirect(reverse("users:login"))
//
// The test is the hook's own idea of a login (a token the session holds,
// a header), with the paths it lets through besides.
func passThenLogin(m *taint.Module, body []python.Stmt) *python.If {
	if len(body) < 2 {
		return nil
	}
	r, ok := body[len(body)-1].(*python.Return)
	if !ok || r.Value == nil {
		return nil
	}
	c, ok := r.Value.(*python.Call)
	if !ok || !toLogin(m, c) {
		return nil
	}
	for _, s := range body[:len(body)-1] {
		x, ok := s.(*python.If)
		if !ok || len(x.Body) == 0 || len(x.Orelse) > 0 {
			continue
		}
		if ret, ok := x.Body[len(x.Body)-1].(*python.Return); ok && (ret.Value == nil || isNone(ret.Value)) {
			return x
		}
	}
	return nil
}

// passesOn reports an else branch that only hands the request on:
// else: return self.get_response(request), in a middleware.
func passesOn(body []python.Stmt) bool {
	if len(body) != 1 {
		return false
	}
	r, ok := body[0].(*python.Return)
	if !ok || r.Value == nil {
		return false
	}
	c, ok := r.Value.(*python.Call)
	return ok && lastName(dotted(c.Func)) == "get_response"
}

// loginRoute matches a redirect to a route named for logging in:
// redirect("login"), reverse("account_login"), reverse("users:login").
var loginRoute = lazyre.New(`^(?:redirect|HttpResponseRedirect)\((?:reverse(?:_lazy)?\()?["'](?:[\w-]+:)?(?:\w+_)?(?:log_?in|sign_?in)["']`)

// raisesForbidden reports a function that raises PermissionDenied, or
// an exception named for a 403 or deriving from PermissionDenied: a
// refusal of the user, not a 404 for a missing row.
func raisesForbidden(prog *taint.Program, m *taint.Module, def *python.FunctionDef) bool {
	found := false
	python.Inspect(def, func(n python.Node) bool {
		r, ok := n.(*python.Raise)
		if found || !ok || r.Exc == nil {
			return !found
		}
		e := r.Exc
		if c, ok := e.(*python.Call); ok {
			e = c.Func
		}
		q := m.QualName(e)
		name := lastName(q)
		switch {
		case name == "PermissionDenied", strings.Contains(name, "Forbidden"), strings.Contains(name, "403"):
			found = true
		case q != "":
			if c := lookupClass(prog, m, q); c != nil && prog.IsSubclass(c, func(b string) bool { return lastName(b) == "PermissionDenied" }) {
				found = true
			}
		}
		return !found
	})
	return found
}

// secretFromRequest returns the keyword by which call c looks a row up
// with a secret the request carries (secret=request.data.get("secret"),
// token=form.cleaned_data["token"]), or "": only who holds the secret
// finds the row (SecretField names such fields). The requesting user's
// own token (token=request.user.auth_token) is not one the client sent.
func secretFromRequest(m *taint.Module, c *python.Call) string {
	for _, k := range c.Keywords {
		if k.Arg == "" || !SecretField(k.Arg) || readsRequestUser(k.Value) {
			continue
		}
		t := m.Text(k.Value)
		if strings.Contains(t, "request.") || strings.Contains(t, "validated_data") || strings.Contains(t, "cleaned_data") {
			return k.Arg
		}
	}
	return ""
}

// readsRequestUser reports an expression that reads the requesting user
// anywhere in it.
func readsRequestUser(e python.Expr) bool {
	found := false
	python.Inspect(e, func(n python.Node) bool {
		if x, ok := n.(python.Expr); ok && isRequestUser(x) {
			found = true
		}
		return !found
	})
	return found
}

// passesUser reports a call given the requesting user (request.user,
// self.request.user, request.user.id), by position or by keyword.
func passesUser(c *python.Call) bool {
	for _, e := range c.Args {
		if isRequestUser(e) {
			return true
		}
	}
	for _, k := range c.Keywords {
		if isRequestUser(k.Value) {
			return true
		}
	}
	return false
}

// comparesSecretParam finds, in a helper a view passes its URL's token
// to, the check of that token: a parameter named like one (token,
// signature, digest, hmac; not key or hash, which name much else), or a
// variable taken from it (signature, payload = token.split("-", 1)),
// compared with == or != in an if that raises, as a hand-made signed link
// is checked. It returns the if and the parameter's name.
func comparesSecretParam(m *taint.Module, def *python.FunctionDef) (python.Node, string) {
	if def.Args == nil {
		return nil, ""
	}
	from := map[string]string{} // variable -> the secret parameter it comes from
	for _, p := range def.Args.Args {
		if tokenParamRE().MatchString(p.Arg) {
			from[p.Arg] = p.Arg
		}
	}
	if len(from) == 0 {
		return nil, ""
	}
	source := func(e python.Node) string {
		out := ""
		python.Inspect(e, func(n python.Node) bool {
			if x, ok := n.(*python.Name); ok && from[x.ID] != "" && out == "" {
				out = from[x.ID]
			}
			return out == ""
		})
		return out
	}
	var at python.Node
	name := ""
	python.Inspect(def, func(n python.Node) bool {
		if at != nil {
			return false
		}
		switch x := n.(type) {
		case *python.FunctionDef, *python.ClassDef:
			return x == python.Node(def)
		case *python.Assign:
			if p := source(x.Value); p != "" {
				for _, t := range x.Targets {
					python.Inspect(t, func(tn python.Node) bool {
						if nm, ok := tn.(*python.Name); ok {
							from[nm.ID] = p
						}
						return true
					})
				}
			}
		case *python.If:
			c, ok := x.Test.(*python.Compare)
			if !ok || len(c.Ops) != 1 || c.Ops[0] != python.Eq && c.Ops[0] != python.NotEq || !raises(x.Body) {
				return true
			}
			if _, lit := c.Left.(*python.Constant); lit {
				return true
			}
			if _, lit := c.Comparators[0].(*python.Constant); lit {
				return true // token == "" checks that it is there, not that it is right
			}
			if p := source(c); p != "" {
				at, name = x, p
			}
		}
		return true
	})
	return at, name
}

var tokenParamRE = lazyre.New(`(?i)token|sign|digest|hmac`)

// raises reports whether a statement list raises an exception.
func raises(stmts []python.Stmt) bool {
	for _, s := range stmts {
		if _, ok := s.(*python.Raise); ok {
			return true
		}
	}
	return false
}

// scopedLookup finds get_object_or_404(Model, ..., user=request.user): the
// lookup itself turns away whoever the object is not shared with.
func scopedLookup(m *taint.Module, def *python.FunctionDef) python.Node {
	var at python.Node
	python.Inspect(def, func(n python.Node) bool {
		c, ok := n.(*python.Call)
		if !ok || at != nil {
			return at == nil
		}
		switch lastName(m.QualName(c.Func)) {
		case "get_object_or_404", "get_list_or_404":
			for _, k := range c.Keywords {
				if d := dotted(k.Value); d == "request.user" || d == "self.request.user" || d == "request.user.id" {
					at = c
				}
			}
			// get_object_or_404(request.user.notifications, pk=pk)
			if len(c.Args) > 0 {
				if d := dotted(c.Args[0]); strings.HasPrefix(d, "request.user.") || strings.HasPrefix(d, "self.request.user.") {
					at = c
				}
			}
		}
		return at == nil
	})
	return at
}

// badRequest finds a 400 answer: what webhooks send when a signature does
// not match.
func badRequest(m *taint.Module, def *python.FunctionDef) bool {
	found := false
	python.Inspect(def, func(n python.Node) bool {
		r, ok := n.(*python.Return)
		if !ok || found {
			return !found
		}
		c, ok := r.Value.(*python.Call)
		if !ok {
			return true
		}
		if lastName(m.QualName(c.Func)) == "HttpResponseBadRequest" {
			found = true
		}
		for _, k := range c.Keywords {
			if k.Arg == "status" {
				if v, ok := k.Value.(*python.Constant); ok && fmt.Sprint(v.Value) == "400" {
					found = true
				}
			}
		}
		return true
	})
	return found
}

// testKind is the kind of check a condition makes: of the user itself,
// or through a project predicate (is_owner(request, obj), valid_key(request))
// whose answer checks the user, a credential or a signature.
func (a *analyzer) testKind(m *taint.Module, e python.Expr, depth int) Kind {
	if k := userCheck(e); k != "" {
		return k
	}
	if userPredicate(e) {
		return Permission
	}
	if depth >= 2 {
		return ""
	}
	var k Kind
	python.Inspect(e, func(n python.Node) bool {
		c, ok := n.(*python.Call)
		if !ok || k != "" {
			return k == ""
		}
		f := lookupFunc(a.prog, m, m.QualName(c.Func))
		if f == nil {
			return true
		}
		// once per function and depth: every if of every view asks
		k = a.prog.Memo(testKindKey{f, depth}, func() any { return a.calleeKind(f, depth) }).(Kind)
		return k == ""
	})
	return k
}

// userRole reports a condition that reads a role or flag of the
// requesting user, or of something the user has, from an attribute
// djsec does not know: request.user.profile.is_editor, or
// user.st.is_moderator after user = request.user in the same block.
// Login (is_authenticated, is_anonymous) and is_active are not roles.
func userRole(before []python.Stmt, e python.Expr) bool {
	if u, ok := e.(*python.UnaryOp); ok && u.Op == python.Not {
		e = u.Operand
	}
	a, ok := e.(*python.Attribute)
	if !ok || !predicateName(a.Attr) {
		return false
	}
	switch a.Attr {
	case "is_authenticated", "is_anonymous", "is_active":
		return false
	}
	if ofRequestUser(a.Value) {
		return true
	}
	root := a.Value
	for {
		x, ok := root.(*python.Attribute)
		if !ok {
			break
		}
		root = x.Value
	}
	n, ok := root.(*python.Name)
	if !ok {
		return false
	}
	v, ok := testValue(before, n).(*python.Attribute)
	return ok && isRequestUser(v)
}

// userPredicate reports whether a condition asks a question of the
// requesting user that djsec cannot follow: the user passed to a method
// (topic.is_participant(request.user), problem.vote_permission_for_user(
// request.user).can_vote()), the request passed to a predicate method
// (map.can_edit(request=request)), or a predicate method of something the
// user has (request.user.profile.is_dev()). Where the request is turned
// away when the answer is no (onlyDenies), that answer is the project's
// permission check.
func userPredicate(e python.Expr) bool {
	found := false
	python.Inspect(e, func(n python.Node) bool {
		c, ok := n.(*python.Call)
		if !ok || found {
			return !found
		}
		f, method := c.Func.(*python.Attribute)
		// the request itself, to a predicate: map.can_edit(request=request)
		asks := method && predicateName(f.Attr)
		for _, x := range c.Args {
			found = found || isRequestUser(x) || asks && isRequest(x)
		}
		for _, k := range c.Keywords {
			found = found || isRequestUser(k.Value) || asks && isRequest(k.Value)
		}
		if asks && ofRequestUser(f.Value) {
			found = true
		}
		return !found
	})
	return found
}

// isRequest reports the request itself: request, self.request.
func isRequest(e python.Expr) bool {
	d := dotted(e)
	return d == "request" || d == "self.request"
}

// predicateName is a method name that asks a yes-or-no question.
func predicateName(name string) bool {
	for _, p := range []string{"is_", "has_", "can_"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// ofRequestUser reports whether e is the requesting user or something
// reached from it: request.user.profile, self.request.user.membership.
func ofRequestUser(e python.Expr) bool {
	for {
		if isRequestUser(e) {
			return true
		}
		a, ok := e.(*python.Attribute)
		if !ok {
			return false
		}
		e = a.Value
	}
}

type testKindKey struct {
	f     *taint.Func
	depth int
}

// calleeKind is the kind of check a function called in a test makes: what
// its returns check, or the credential or signed value it reads.
func (a *analyzer) calleeKind(f *taint.Func, depth int) Kind {
	var k Kind
	python.Inspect(f.Def(), func(n python.Node) bool {
		if r, ok := n.(*python.Return); ok && r.Value != nil && k == "" {
			k = a.testKind(f.Module, r.Value, depth+1)
		}
		return k == ""
	})
	if k == "" {
		// def authorize(request): ok = account.has_perm(...); if not ok:
		// return False; return True: the check decides which return runs
		if ifs, kk := checkIfs(a.prog, f.Module, f.Def().Body, true, func(e python.Expr) Kind { return a.testKind(f.Module, e, depth+1) }); ifs != nil {
			k = kk
		}
	}
	if k == "" {
		if at, _ := credentialRead(f.Module, f.Def()); at != nil {
			k = Credential
		} else if at, _ := signedRead(f.Module, f.Def()); at != nil {
			k = SignedURL
		}
	}
	return k
}

// wrapperTurnsAway reports a decorator whose wrapper answers by itself,
// without the view, when a comparison fails, and calls the view
// otherwise: if token != settings.TOKEN: return JsonResponse({"msg":
// "auth error"}) ... return view_func(request, *args, **kwargs). Whatever
// the answer's status, the view does not run.
func wrapperTurnsAway(def *python.FunctionDef) bool {
	if len(def.Args.Args) != 1 {
		return false
	}
	view := def.Args.Args[0].Arg
	calls := func(n python.Node) bool {
		found := false
		python.Inspect(n, func(n python.Node) bool {
			if c, ok := n.(*python.Call); ok {
				if nm, ok := c.Func.(*python.Name); ok && nm.ID == view {
					found = true
				}
			}
			return !found
		})
		return found
	}
	for _, s := range def.Body {
		w, ok := s.(*python.FunctionDef)
		if !ok || len(w.Body) == 0 {
			continue
		}
		last, ok := w.Body[len(w.Body)-1].(*python.Return)
		if !ok || last.Value == nil || !calls(last.Value) {
			continue
		}
		for _, st := range w.Body {
			x, ok := st.(*python.If)
			if !ok || len(x.Body) == 0 {
				continue
			}
			if _, cmp := x.Test.(*python.Compare); !cmp {
				continue
			}
			if r, ok := x.Body[len(x.Body)-1].(*python.Return); ok && r.Value != nil && !calls(r.Value) {
				return true
			}
		}
	}
	return false
}

// nestedDenial looks into the wrappers a decorator defines.
func nestedDenial(prog *taint.Program, m *taint.Module, def *python.FunctionDef) bool {
	found := false
	python.Inspect(def, func(n python.Node) bool {
		if d, ok := n.(*python.FunctionDef); ok && d != def && denial(prog, m, d.Body, false) {
			found = true
		}
		return !found
	})
	return found
}

func checkWhat(k Kind) string {
	switch k {
	case Login:
		return "checks user.is_authenticated"
	case Staff:
		return "checks user.is_staff"
	case Superuser:
		return "checks user.is_superuser"
	case Permission:
		return "checks a permission or the object's owner"
	}
	return string(k)
}

// isGuard reports whether k restricts access.
func isGuard(k Kind) bool {
	_, ok := rank[k]
	return ok
}

// denyingHelper reports whether c calls a project function that only
// turns the request away: every return in its body is a denial (a
// redirect, a 403 answer, permission_denied()) and it has one at least,
// or its body raises PermissionDenied (Http404...) outright. Decorators
// name such a helper rather than repeat it: `return reject_request(request)`.
func denyingHelper(prog *taint.Program, m *taint.Module, c *python.Call) bool {
	if prog == nil {
		return false
	}
	f := lookupFunc(prog, m, m.QualName(c.Func))
	if f == nil {
		f = selfMethod(prog, m, c)
	}
	if f == nil {
		return false
	}
	// once per helper: views call the same one at every return
	return prog.Memo(denyingKey{f}, func() any { return denies(f) }).(bool)
}

type denyingKey struct{ f *taint.Func }

// selfMethod returns the method that c calls on self
// (self.handle_not_authenticated()) when one class of the module, and
// one only, defines a method of that name: a mixin's own helper.
func selfMethod(prog *taint.Program, m *taint.Module, c *python.Call) *taint.Func {
	a, ok := c.Func.(*python.Attribute)
	if !ok || !isNamed(a.Value, "self") {
		return nil
	}
	var found *taint.Func
	for name := range m.Defs {
		if f := prog.LookupFunc(m.Name + "." + name + "." + a.Attr); f != nil && f.Class != nil {
			if found != nil {
				return nil // two classes: which one runs is the instance's
			}
			found = f
		}
	}
	return found
}

// denies is denyingHelper's answer for the project function f.
func denies(f *taint.Func) bool {
	def := f.Def()
	for _, s := range def.Body {
		if r, ok := s.(*python.Raise); ok {
			e := r.Exc
			if rc, ok := e.(*python.Call); ok {
				e = rc.Func
			}
			if denyException(nil, f.Module, e) {
				return true
			}
		}
	}
	denying, other := 0, 0
	python.Inspect(def, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.FunctionDef:
			return x == def
		case *python.Lambda, *python.ClassDef:
			return false
		case *python.Return:
			// nil: a helper's helpers are not followed, so that two
			// helpers that name each other end.
			if rc, ok := x.Value.(*python.Call); ok && denyCall(nil, f.Module, rc) {
				denying++
			} else {
				other++
			}
		}
		return true
	})
	return other == 0 && denying > 0
}
