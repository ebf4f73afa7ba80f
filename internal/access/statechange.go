package access

import (
	"path"
	"slices"
	"strings"
	"unicode"

	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/taint"
)

// Change is a statement that changes state: what an attacker gains by
// reaching a view that should have been closed to them.
type Change struct {
	Node python.Node
	What string // "database write", "file write", ...
}

var (
	ormWrites = map[string]bool{"save": true, "delete": true, "create": true, "bulk_create": true, "bulk_update": true,
		"get_or_create": true, "update_or_create": true, "set_password": true, "save_m2m": true}
	// managerOnly are the writes Django offers on managers and querysets
	// alone, never on a model class itself
	managerOnly = map[string]bool{"get_or_create": true, "update_or_create": true, "bulk_create": true, "bulk_update": true}
	m2mWrites   = map[string]bool{"add": true, "remove": true, "set": true, "clear": true}
	queryset    = map[string]bool{"filter": true, "exclude": true, "all": true, "select_related": true, "prefetch_related": true, "select_for_update": true, "using": true, "order_by": true, "annotate": true, "only": true, "defer": true, "distinct": true}
	sqlWriteRE  = lazyre.New(`(?i)^\s*(insert|update|delete|replace|truncate|drop|alter|create|merge)\b`)
	cacheWrites = map[string]bool{"set": true, "add": true, "delete": true, "incr": true, "decr": true, "set_many": true, "delete_many": true, "touch": true, "clear": true}
	fileWrites  = map[string]bool{"write_text": true, "write_bytes": true, "unlink": true, "rmdir": true, "mkdir": true, "rename": true, "replace": false}
	mailCalls   = map[string]bool{"send_mail": true, "send_mass_mail": true, "mail_admins": true, "mail_managers": true, "EmailMessage": true, "EmailMultiAlternatives": true}
	shellCalls  = map[string]bool{"subprocess.run": true, "subprocess.call": true, "subprocess.check_call": true, "subprocess.check_output": true,
		"subprocess.Popen": true, "os.system": true, "os.popen": true, "os.execv": true, "os.execvp": true, "os.spawnv": true}
	fsCalls = map[string]bool{"os.remove": true, "os.unlink": true, "os.rename": true, "os.replace": true, "os.makedirs": true, "os.mkdir": true,
		"os.rmdir": true, "shutil.rmtree": true, "shutil.move": true, "shutil.copy": true, "shutil.copyfile": true, "shutil.copy2": true, "shutil.copytree": true}
)

// apiClients are the Python SDKs of web APIs whose objects have create,
// update and delete methods: calling them sends a request to the
// provider, as requests.post does.
var apiClients = map[string]bool{"stripe": true, "braintree": true, "paypalrestsdk": true, "twilio": true,
	"boto3": true, "openai": true, "slack_sdk": true, "sendgrid": true, "mailchimp3": true, "github": true}

// apiClient reports whether a qualified name is in one of apiClients, or
// goes through a payment gateway's object: gateway.customer.create(...),
// gateway.transaction.sale(...), where the project holds Braintree's
// BraintreeGateway(...) as gateway. Django's models have no such path.
func apiClient(q string) bool {
	root, _, _ := strings.Cut(q, ".")
	if apiClients[root] {
		return true
	}
	parts := strings.Split(q, ".")
	for i, p := range parts[:len(parts)-1] {
		if (p == "gateway" || strings.HasSuffix(p, "_gateway")) && gatewayResources[parts[i+1]] {
			return true
		}
	}
	return false
}

// gatewayResources are the resources of Braintree's gateway object
// (gateway.customer, gateway.transaction): a related manager of a model
// the project calls Gateway has other names.
var gatewayResources = map[string]bool{"customer": true, "transaction": true, "subscription": true, "payment_method": true,
	"credit_card": true, "merchant_account": true, "plan": true, "address": true, "dispute": true, "payment_method_nonce": true}

// StateChange returns the first statement of body that changes state: a
// database write (ORM save/create/update/delete/bulk, many-to-many
// add/remove/set/clear, raw SQL INSERT/UPDATE/DELETE), a file write, a
// shell command, mail, a cache or session write, login() or set_cookie.
// In-memory updates (dict.update, set.add, context.update) and outgoing
// HTTP requests (requests.post, a payment provider's SDK or its gateway
// object: gateway.customer.create(...)) are not state changes of the
// site.
func StateChange(m *taint.Module, body []python.Stmt) (Change, bool) {
	return stateChange(nil, m, body, false, false, false, nil)
}

// SharedStateChange is StateChange without the changes that touch only the
// requester's own browser state (its session, its cookies, logging it in
// or out) and those made only for a logged-in user (under if
// request.user.is_authenticated): what an anonymous visitor may do to
// anything else.
func SharedStateChange(prog *taint.Program, m *taint.Module, body []python.Stmt) (Change, bool) {
	return stateChange(prog, m, body, true, false, false, nil)
}

// AnonymousStateChange is SharedStateChange without the database writes
// made on the requester's own account (requesterWrite): what an anonymous
// visitor can change at all. A logged-in victim's browser, sent by another
// site, does change its own account: that is SharedStateChange's.
func AnonymousStateChange(prog *taint.Program, m *taint.Module, body []python.Stmt) (Change, bool) {
	return stateChange(prog, m, body, true, true, false, nil)
}

// AnonymousStateChangeBut is AnonymousStateChange leaving out the calls
// skip accepts (the inserts of a view that only adds rows).
func AnonymousStateChangeBut(prog *taint.Program, m *taint.Module, body []python.Stmt, skip func(*python.Call) bool) (Change, bool) {
	return stateChange(prog, m, body, true, true, false, skip)
}

// AnonymousStateChangeOwnRows is AnonymousStateChange for a method of a
// class view whose get_queryset filters by the requester: a write on
// rows that self.get_queryset() finds is the requester's own too.
func AnonymousStateChangeOwnRows(prog *taint.Program, m *taint.Module, body []python.Stmt) (Change, bool) {
	return stateChange(prog, m, body, true, true, true, nil)
}

func ownState(what string) bool {
	switch what {
	case "session write", "cookie set", "login()", "logout()":
		return true
	}
	return false
}

func stateChange(prog *taint.Program, m *taint.Module, body []python.Stmt, shared, anonymous, ownRows bool, skip func(*python.Call) bool) (Change, bool) {
	var out Change
	var read map[string]bool // the keys the body reads from a cache, found at its first cache write
	memo := func(c *python.Call) bool {
		if read == nil {
			read = cacheReads(m, body)
		}
		return memoWrite(m, c, read)
	}
	var single map[string]python.Expr // names the body assigns once: is_owner = request.user == bundle.owner
	whose := func() requester {
		if single == nil {
			single = singleAssigns(body)
		}
		return requester{aliases: single, ownRows: ownRows}
	}
	// alias resolves a name the body assigns once to its value
	alias := func(e python.Expr) python.Expr {
		if nm, ok := e.(*python.Name); ok {
			if v, ok := whose().aliases[nm.ID]; ok {
				return v
			}
		}
		return e
	}
	var handles *openHandles // what the body does with the files it opens for update, found at the first
	readOnly := func(c *python.Call) bool {
		if handles == nil {
			handles = findOpenHandles(body)
		}
		return handles.readOnly(c)
	}
	var fallbacks map[*python.Call]bool // creates in a handler for a row a try did not find, found at the first change
	missingRow := func(c *python.Call) bool {
		if fallbacks == nil {
			fallbacks = fallbackRows(body)
		}
		return fallbacks[c]
	}
	var countedRows map[string]bool // the rows the body only counts visits on, found at its first save
	counted := func() map[string]bool {
		if countedRows == nil {
			countedRows = countedNames(body)
		}
		return countedRows
	}
	var bound []span // where only a logged-in user's request gets, found at the first change
	boundFound := false
	boundSpans := func() []span {
		if !boundFound {
			bound, boundFound = requesterBoundSpans(m, body, whose().aliases), true
		}
		return bound
	}
	var visit func(n python.Node) bool
	visit = func(n python.Node) bool {
		if out.Node != nil {
			return false
		}
		switch x := n.(type) {
		case *python.If:
			test := x.Test
			if shared {
				test = alias(test)
			}
			if shared && (requiresUser(test) || secretLookup(test) || secretMatch(m, test, alias) || refusingTest(prog, m, test, alias)) {
				// if request.user.is_authenticated: profile.save():
				// made for a logged-in user only, not for anyone; if
				// Invite.objects.filter(token=token).first(): made only
				// for whoever holds the token.
				for _, s := range x.Orelse {
					python.Inspect(s, visit)
				}
				return false
			}
			if u, ok := test.(*python.UnaryOp); shared && ok && u.Op == python.Not && requiresUser(u.Operand) {
				// if not request.user.has_perm(...): messages.error(...)
				// else: stream.save(): the else runs for the user the
				// check lets by
				for _, s := range x.Body {
					python.Inspect(s, visit)
				}
				return false
			}
			if anonymous && firstRowGuard(x) {
				// if not BlogSettings.objects.exists(): settings =
				// BlogSettings(); ...; settings.save(): the row the
				// site needs, made once by the first request, with
				// nothing of the request in it
				for _, s := range x.Orelse {
					python.Inspect(s, visit)
				}
				return false
			}
			if shared && refusesUnless(x, alias) {
				// elif not editable: return HttpResponseForbidden()
				// elif action == "update": form.save(): the branches
				// after the refusal run only for whom the check lets by
				for _, s := range x.Body {
					python.Inspect(s, visit)
				}
				return false
			}
		case *python.Call:
			if skip != nil && skip(x) {
				return true
			}
			w := callChange(m, x)
			if w == "database write" {
				if inner, ok := ownSave(prog, m, x, whose().aliases); ok {
					w = inner // messages.save(), of a list kept in the session
				}
			}
			if w == "" && querySetUpdate(x, alias) {
				w = "database write" // graph = Graph.objects.filter(pk=pk); graph.update(...)
			}
			if w != "" && shared && inSpans(boundSpans(), x.Pos()) {
				// bundle = Bundle(owner=request.user) earlier in the
				// block: an anonymous visitor's request failed there
				return true
			}
			if w != "" && !(w == "database write" && documentSave(m, x, whose().aliases, body)) &&
				!(w == "file system change" && fixedFolder(m, x, whose().aliases)) && !(w == "shell command" && len(x.Args) > 0 && readOnlyCommand(alias(x.Args[0]))) && !(w == "file write" && (inScratch(x, whose().aliases) || readOnly(x))) && !(shared && ownState(w)) && !(anonymous && (requesterWrite(w, x, whose()) || userRow(x) || literalRow(x) || missingRow(x) || logRow(m, x) || counterBump(x) || counterSave(x, counted))) &&
				!(w == "database write" && cacheRow(m, x)) &&
				!(w == "cache write" && (memo(x) || constantWrite(x) || lockEntry(x) || canaryDelete(x, body) || canaryPair(x, body))) {
				out = Change{Node: x, What: w}
				return false
			}
		case *python.Assign:
			for _, t := range x.Targets {
				if sessionTarget(t) && !shared {
					out = Change{Node: x, What: "session write"}
					return false
				}
			}
		}
		return true
	}
	for i, s := range body {
		if shared && SecretGate(body, i) {
			// token = get_object_or_404(Token, token=request.GET["t"]):
			// what follows runs only for whoever holds the token
			break
		}
		if t, ok := s.(*python.Try); ok && shared && tryFetches(t) {
			// try: key = ActivationKey.objects.get(key=activation_key),
			// then the changes: the try's body runs only for whoever
			// holds the key; its handlers and what follows, for anyone
			for _, h := range t.Handlers {
				python.Inspect(h, visit)
			}
			for _, f := range t.Finalbody {
				python.Inspect(f, visit)
			}
			if out.Node != nil {
				return out, true
			}
			continue
		}
		if shared && (GuardExit(m, s) || requesterAssigned(s)) {
			// if not user or user.is_anonymous: return None: what
			// follows runs only for a logged-in user
			python.Inspect(s, visit)
			break
		}
		python.Inspect(s, visit)
		if out.Node != nil {
			return out, true
		}
	}
	return out, false
}

// refusingTest reports a test that holds only where refusingPredicate
// does: the call, a name set once to it (alias), or an and of which one
// part is either.
func refusingTest(prog *taint.Program, m *taint.Module, test python.Expr, alias func(python.Expr) python.Expr) bool {
	if b, ok := test.(*python.BoolOp); ok {
		return b.Op == python.And && slices.ContainsFunc(b.Values, func(v python.Expr) bool { return refusingTest(prog, m, v, alias) })
	}
	return refusingPredicate(prog, m, alias(test))
}

// refusingPredicate reports a call of a project function, given the
// requester, that says no to anonymous visitors before anything else (if
// user.is_anonymous: return False), or whose one return requires a user
// (return user.is_authenticated and ...): can_edit = member_or_admin(tool,
// req.user), then if can_edit: version.save().
func refusingPredicate(prog *taint.Program, m *taint.Module, test python.Expr) bool {
	c, ok := test.(*python.Call)
	if !ok || prog == nil {
		return false
	}
	at := slices.IndexFunc(c.Args, requesterUser)
	if at < 0 {
		return false
	}
	f := lookupFunc(prog, m, dotted(c.Func))
	if f == nil || f.Class != nil {
		return false
	}
	return prog.Memo(refusingKey{f, at}, func() any { return refusesAnonymous(f.Def(), at) }).(bool)
}

type refusingKey struct {
	f  *taint.Func
	at int
}

// refusesAnonymous reports a function whose parameter number at, a user,
// is refused first when anonymous (if user.is_anonymous: return False,
// if not user.is_authenticated: return None), or whose only return
// requires it logged in.
func refusesAnonymous(def *python.FunctionDef, at int) bool {
	params := def.Args.Posonlyargs
	params = append(slices.Clip(params), def.Args.Args...)
	if at >= len(params) {
		return false
	}
	user := params[at].Arg
	body := def.Body
	if len(body) == 0 {
		return false
	}
	if e, ok := body[0].(*python.ExprStmt); ok {
		if _, doc := e.Value.(*python.Constant); doc {
			body = body[1:] // the docstring
		}
	}
	if len(body) == 0 {
		return false
	}
	if x, ok := body[0].(*python.If); ok && exitTest(x) != nil && len(x.Body) == 1 {
		r, isReturn := x.Body[0].(*python.Return)
		return isReturn && falsyConst(r.Value) && anonymousTestOf(x.Test, user)
	}
	if r, ok := body[len(body)-1].(*python.Return); ok && len(body) == 1 {
		return r.Value != nil && requiresUser(r.Value) && mentionsAny(r.Value, map[string]bool{user: true})
	}
	return false
}

// anonymousTestOf reports user.is_anonymous or not user.is_authenticated
// (or not user, or either with or) on the name user.
func anonymousTestOf(e python.Expr, user string) bool {
	switch x := e.(type) {
	case *python.BoolOp:
		return x.Op == python.Or && slices.ContainsFunc(x.Values, func(v python.Expr) bool { return anonymousTestOf(v, user) })
	case *python.UnaryOp:
		if x.Op != python.Not {
			return false
		}
		if n, ok := x.Operand.(*python.Name); ok {
			return n.ID == user
		}
		a, ok := x.Operand.(*python.Attribute)
		return ok && a.Attr == "is_authenticated" && dotted(a.Value) == user
	case *python.Attribute:
		return x.Attr == "is_anonymous" && dotted(x.Value) == user
	}
	return false
}

// requesterUser reports the request's user handed to a helper:
// request.user, req.user, self.request.user.
func requesterUser(e python.Expr) bool {
	if isRequestUser(e) {
		return true
	}
	a, ok := e.(*python.Attribute)
	return ok && a.Attr == "user" && (dotted(a.Value) == "req" || dotted(a.Value) == "request" || dotted(a.Value) == "self.request")
}

// falsyConst reports a return of nothing, None or False.
func falsyConst(e python.Expr) bool {
	if e == nil {
		return true
	}
	c, ok := e.(*python.Constant)
	if !ok {
		return false
	}
	switch v := c.Value.(type) {
	case nil:
		return true
	case bool:
		return !v
	}
	return false
}

// refusesUnless reports an if whose test is the negation of a check of the
// requester (not request.user.is_staff, not patch.is_editable(request.user),
// or a name set once to one) and whose body ends by returning or raising:
// its else branches, elifs included, run only for requesters the check
// lets by. alias resolves a name to the value it was set to once.
func refusesUnless(x *python.If, alias func(python.Expr) python.Expr) bool {
	u, ok := x.Test.(*python.UnaryOp)
	if !ok || u.Op != python.Not || len(x.Body) == 0 {
		return false
	}
	switch x.Body[len(x.Body)-1].(type) {
	case *python.Return, *python.Raise:
	default:
		return false
	}
	check := alias(u.Operand)
	return userCheck(check) != "" || objectAsks(check)
}

// objectAsks reports an object asked whether the requester may act on it:
// patch.is_editable(request.user), doc.can_edit(request.user).
func objectAsks(e python.Expr) bool {
	c, ok := e.(*python.Call)
	if !ok {
		return false
	}
	a, ok := c.Func.(*python.Attribute)
	return ok && objectPredicate().MatchString(a.Attr) && slices.ContainsFunc(c.Args, isRequestUser)
}

// objectPredicate matches the names of the methods an object answers
// whether a user may act on it with: is_editable, can_edit, has_access,
// user_can_view.
var objectPredicate = lazyre.New(`^(?:is|can|has|may|user_can|user_may)_\w+$`)

// anonymousExit reports a statement that returns or raises for anonymous
// visitors (if not request.user.is_authenticated: return ..., if not user
// or user.is_anonymous: return None, in a helper given the user).
func anonymousExit(s python.Stmt) bool {
	test := exitTest(s)
	return test != nil && trueForAnonymous(test)
}

// exitTest returns the test of an if without else whose branch ends by
// returning or raising, or nil for any other statement: what follows it
// runs only when the test fails.
func exitTest(s python.Stmt) python.Expr {
	x, ok := s.(*python.If)
	if !ok || len(x.Orelse) > 0 || len(x.Body) == 0 {
		return nil
	}
	switch x.Body[len(x.Body)-1].(type) {
	case *python.Return, *python.Raise:
		return x.Test
	}
	return nil
}

// secretCheckExit reports a statement that returns or raises unless a
// secret the request carries matches: if not check_password(secret,
// client.secret_hash): raise AuthenticationFailed, if not
// hmac.compare_digest(expected, signature): return 400. What follows runs
// only for whoever holds the secret.
func secretCheckExit(m *taint.Module, s python.Stmt) bool {
	test := exitTest(s)
	return test != nil && failedSecretCheck(m, test)
}

// GuardExit reports a statement past which only some requesters get: it
// returns or raises for anonymous visitors, for a secret that does not
// match, for a check of the request that fails with 401 or 403, or for a
// requester who does not own the object.
func GuardExit(m *taint.Module, s python.Stmt) bool {
	return anonymousExit(s) || secretCheckExit(m, s) || requestCheckExit(m, s) || ownerMismatchExit(s)
}

// requestCheckExit reports a statement that refuses the request (401 or
// 403: HttpResponseForbidden, status=403, raise PermissionDenied) unless a
// check given the request itself passes: if not
// CourseAccess.allowed(request): return HttpResponseForbidden(). What the
// check reads (a shared secret, a signature, the client's address) is
// not djsec's to see, but its answer decides who gets past. A 400 or a
// redirect after such a test is no refusal of access.
func requestCheckExit(m *taint.Module, s python.Stmt) bool {
	u, ok := exitTest(s).(*python.UnaryOp)
	if !ok || u.Op != python.Not {
		return false
	}
	c, ok := u.Operand.(*python.Call)
	if !ok || !slices.ContainsFunc(c.Args, func(a python.Expr) bool {
		d := dotted(a)
		return d == "request" || d == "self.request"
	}) {
		return false
	}
	body := s.(*python.If).Body
	switch x := body[len(body)-1].(type) {
	case *python.Return:
		r, ok := x.Value.(*python.Call)
		if !ok {
			return false
		}
		name := lastName(m.QualName(r.Func))
		if name == "HttpResponseForbidden" || name == "HttpResponseUnauthorized" {
			return true
		}
		for _, k := range r.Keywords {
			if k.Arg == "status" || k.Arg == "status_code" {
				if n, ok := k.Value.(*python.Constant); ok && (n.Value == int64(401) || n.Value == int64(403)) {
					return true
				}
			}
		}
	case *python.Raise:
		e := x.Exc
		if c, ok := e.(*python.Call); ok {
			e = c.Func
		}
		switch lastName(m.QualName(e)) {
		case "PermissionDenied", "NotAuthenticated", "AuthenticationFailed":
			return true
		}
	}
	return false
}

// requesterAssigned reports a statement that sets an attribute of a row to
// the requesting user (form.instance.owner = request.user, self.object
// .author = self.request.user): Django refuses an AnonymousUser there
// (ValueError), so what follows runs for a logged-in user only.
func requesterAssigned(s python.Stmt) bool {
	a, ok := s.(*python.Assign)
	if !ok || len(a.Targets) != 1 {
		return false
	}
	if _, ok := a.Targets[0].(*python.Attribute); !ok {
		return false
	}
	d := dotted(a.Value)
	return d == "request.user" || d == "self.request.user"
}

// bindsRequester reports a statement that gives a row the requesting
// user: an attribute set to it (requesterAssigned), a model of the
// project built with it (bundle = Bundle(owner=user), user = request.user
// set once before) or a row created with it
// (Invite.objects.create(sender=request.user, ...)). Django refuses an
// AnonymousUser for a foreign key with ValueError, and a lookup by it with
// TypeError, so what follows in the block runs for a logged-in user only.
// A form or serializer given the user (Form(user=request.user)) takes it
// as any argument and refuses nothing: only classes of a models module
// count.
func bindsRequester(m *taint.Module, s python.Stmt, aliases map[string]python.Expr) bool {
	v := stmtValue(s)
	if requesterAssigned(s) || failsForAnonymous(v) {
		return true
	}
	c, ok := v.(*python.Call)
	if !ok || !requesterValue(c, aliases) {
		return false
	}
	if a, ok := c.Func.(*python.Attribute); ok && strings.HasSuffix(dotted(a.Value), ".objects") {
		switch a.Attr {
		case "create", "get_or_create", "update_or_create", "get":
			return true
		}
		return false
	}
	q := m.QualName(c.Func)
	i := strings.LastIndexByte(q, '.')
	if i < 0 || i == len(q)-1 {
		return false
	}
	mod, class := q[:i], q[i+1:]
	return unicode.IsUpper(rune(class[0])) && (mod == "models" || strings.HasSuffix(mod, ".models") || strings.Contains(mod, ".models."))
}

// anonymousUserAttrs are what Django's AnonymousUser has: any other
// attribute of an anonymous visitor's request.user raises AttributeError.
var anonymousUserAttrs = map[string]bool{"id": true, "pk": true, "username": true, "is_staff": true, "is_active": true,
	"is_superuser": true, "groups": true, "user_permissions": true, "is_anonymous": true, "is_authenticated": true,
	"get_username": true, "get_user_permissions": true, "get_group_permissions": true, "get_all_permissions": true,
	"has_perm": true, "has_perms": true, "has_module_perms": true, "check_password": true, "set_password": true,
	"save": true, "delete": true, "natural_key": true}

// stmtValue returns the value an assignment assigns or the expression a
// statement of one evaluates, nil for other statements.
func stmtValue(s python.Stmt) python.Expr {
	switch x := s.(type) {
	case *python.Assign:
		return x.Value
	case *python.ExprStmt:
		return x.Value
	}
	return nil
}

// DispatchFailsForAnonymous reports a class view whose dispatch (its own
// or a project base's) reads, before it returns or hands the request on,
// an attribute of request.user that AnonymousUser lacks (failsForAnonymous):
// self.expenses = request.user.profile.unpaid_expenses. Every request of
// an anonymous visitor stops there with an error, before any handler runs.
func DispatchFailsForAnonymous(prog *taint.Program, c *taint.Class) bool {
	f := prog.Method(c, "dispatch")
	if f == nil {
		return false
	}
	for _, s := range f.Def().Body {
		switch x := s.(type) {
		case *python.Return, *python.Raise:
			return false // handed on, or answered, first
		case *python.If:
			return failsForAnonymous(x.Test)
		}
		v := stmtValue(s)
		if v == nil {
			return false // a block: what it runs depends on its test
		}
		if failsForAnonymous(v) {
			return true
		}
	}
	return false
}

// failsForAnonymous reports the value of a statement (an assignment or a
// call) that reads, whatever happens, an attribute of request.user that
// Django's AnonymousUser lacks: is_owner = request.user.contributor.profile
// == email.profile raises AttributeError for an anonymous visitor, whose
// request stops there with an error. A read under a condition, in a
// lambda or comprehension, or through getattr is not made for everyone.
func failsForAnonymous(v python.Expr) bool {
	found := false
	var visit func(e python.Expr)
	visit = func(e python.Expr) {
		if found || e == nil {
			return
		}
		switch x := e.(type) {
		case *python.Attribute:
			if !anonymousUserAttrs[x.Attr] && strings.HasSuffix(dotted(x.Value), "request.user") {
				found = true
				return
			}
			visit(x.Value)
		case *python.Call:
			if n, ok := x.Func.(*python.Name); ok && (n.ID == "getattr" || n.ID == "hasattr") {
				return
			}
			visit(x.Func)
			for _, a := range x.Args {
				visit(a)
			}
			for _, k := range x.Keywords {
				visit(k.Value)
			}
		case *python.Compare:
			visit(x.Left)
			for _, c := range x.Comparators {
				visit(c)
			}
		case *python.BinOp:
			visit(x.Left)
			visit(x.Right)
		case *python.Subscript:
			visit(x.Value)
			visit(x.Slice)
		case *python.BoolOp:
			visit(x.Values[0]) // the others run only as the first decides
		case *python.IfExp:
			visit(x.Test)
		case *python.Tuple:
			for _, el := range x.Elts {
				visit(el)
			}
		case *python.List:
			for _, el := range x.Elts {
				visit(el)
			}
		}
	}
	visit(v)
	return found
}

// requesterBoundSpans returns where a body's statements run only after
// a statement of their block, or of a block around them, bound the
// requester (bindsRequester) or turned some requesters away (GuardExit:
// elif action == "remove": ...; if request.user != bundle.owner: return
// ...): spans of source an anonymous visitor's request never reaches,
// sorted and merged. The body's own statements after such a one are
// left out already (stateChange stops there).
func requesterBoundSpans(m *taint.Module, body []python.Stmt, aliases map[string]python.Expr) []span {
	var spans []span
	python.EachBlock(body, func(stmts []python.Stmt) {
		for i, s := range stmts[:len(stmts)-1] {
			if bindsRequester(m, s, aliases) || GuardExit(m, s) {
				spans = append(spans, span{stmts[i+1].Pos(), stmts[len(stmts)-1].End()})
				return // the first one covers the rest of the block
			}
		}
	})
	slices.SortFunc(spans, func(a, b span) int { return int(a.from - b.from) })
	var merged []span
	for _, sp := range spans {
		if n := len(merged); n > 0 && sp.from <= merged[n-1].to {
			merged[n-1].to = max(merged[n-1].to, sp.to)
			continue
		}
		merged = append(merged, sp)
	}
	return merged
}

// span is the source from one position up to another.
type span struct{ from, to python.Pos }

// inSpans reports whether p lies in one of spans (sorted, disjoint).
func inSpans(spans []span, p python.Pos) bool {
	i, _ := slices.BinarySearchFunc(spans, p, func(s span, p python.Pos) int {
		switch {
		case s.to <= p:
			return -1
		case s.from > p:
			return 1
		}
		return 0
	})
	return i < len(spans) && spans[i].from <= p && p < spans[i].to
}

// ownerMismatchExit reports a statement that returns or raises unless an
// object's owner is the requester (if reservation.user != request.user:
// raise ValidationError(...), if profile != request.user: raise Http404),
// or unless the requester is among a row's members (if request.user not in
// team.members.all(): return ...). An anonymous visitor is no object's
// owner and no one's member.
// The users themselves are compared, not their ids: an anonymous
// visitor's id is None, as is the owner_id of a row without an owner.
func ownerMismatchExit(s python.Stmt) bool {
	c, ok := exitTest(s).(*python.Compare)
	if !ok || len(c.Ops) != 1 {
		return false
	}
	user := func(e python.Expr) bool { return strings.HasSuffix(dotted(e), "request.user") }
	l, r := c.Left, c.Comparators[0]
	if c.Ops[0] == python.NotIn {
		// if request.user not in task.team.members.all(): return ...:
		// an anonymous visitor is no one's member
		return user(l)
	}
	if c.Ops[0] != python.NotEq && c.Ops[0] != python.IsNot {
		return false
	}
	// obj.owner, or a user fetched by name (profile != request.user)
	owner := func(e python.Expr) bool {
		switch e.(type) {
		case *python.Attribute, *python.Name:
			return !user(e)
		}
		return false
	}
	return user(l) && owner(r) || owner(l) && user(r)
}

// failedSecretCheck reports a test that holds when a comparison of secrets
// fails: not check_password(a, b) (two arguments: a stored hash, not a
// user's own check_password), not compare_digest(...), not
// constant_time_compare(...), or an or of one of those.
func failedSecretCheck(m *taint.Module, e python.Expr) bool {
	switch t := e.(type) {
	case *python.BoolOp:
		return t.Op == python.Or && slices.ContainsFunc(t.Values, func(v python.Expr) bool { return failedSecretCheck(m, v) })
	case *python.UnaryOp:
		c, ok := t.Operand.(*python.Call)
		if !ok || t.Op != python.Not {
			return false
		}
		switch lastName(m.QualName(c.Func)) {
		case "compare_digest", "constant_time_compare":
			return true
		case "check_password":
			return len(c.Args) == 2
		}
	}
	return false
}

// trueForAnonymous reports a test that holds for an anonymous visitor:
// user.is_anonymous, not user.is_authenticated, not request.user.is_staff
// (or is_superuser), not request.user.has_perm(...), or an or of one of
// those.
func trueForAnonymous(e python.Expr) bool {
	switch t := e.(type) {
	case *python.BoolOp:
		return t.Op == python.Or && slices.ContainsFunc(t.Values, trueForAnonymous)
	case *python.UnaryOp:
		if t.Op != python.Not {
			return false
		}
		if c, ok := t.Operand.(*python.Call); ok {
			if requesterIsUser(c) {
				return true // not isinstance(request.user, User)
			}
			// not request.user.has_perm("app.change_row"): an anonymous
			// visitor holds no permission
			a, ok := c.Func.(*python.Attribute)
			return ok && (a.Attr == "has_perm" || a.Attr == "has_perms") && isRequestUser(a.Value)
		}
		a, ok := t.Operand.(*python.Attribute)
		return ok && (a.Attr == "is_authenticated" || (a.Attr == "is_staff" || a.Attr == "is_superuser") && isRequestUser(a.Value))
	case *python.Attribute:
		return t.Attr == "is_anonymous"
	}
	return false
}

// logModel matches the names of models that record what visitors did:
// DownloadLog, AuditLog, LogEntry, PluginVersionDownload, PageVisit.
var logModel = lazyre.New(`(?:Log|LogEntry|Audit|AuditEntry|AuditTrail|Download|Visit|PageView)$`)

// logRow reports a row added to such a model through its manager
// (CSVDownloadLog.objects.create(...), or get_or_create for a day's
// count of downloads), or to a model of an app that
// counts visits (metrics.models.ArticleAccess): a record of the visit, which an
// anonymous visitor adding is what the log is for.
func logRow(m *taint.Module, c *python.Call) bool {
	a, ok := c.Func.(*python.Attribute)
	if !ok || a.Attr != "create" && a.Attr != "get_or_create" {
		return false
	}
	mgr, ok := a.Value.(*python.Attribute)
	if !ok || mgr.Attr != "objects" {
		return false
	}
	q := m.QualName(mgr.Value)
	if logModel().MatchString(lastName(q)) {
		return true
	}
	// metrics.models.ArticleAccess: a row of an app that counts visits
	parts := strings.Split(q, ".")
	return len(parts) > 1 && slices.ContainsFunc(parts[:len(parts)-1], func(p string) bool { return statsApps[p] })
}

// cacheModel matches the names of models whose rows cache what the
// server computed: CachedFile, CachedTicket, ThumbnailCache.
var cacheModel = lazyre.New(`^Cached[A-Z]|[a-z]Cache$`)

// cacheRow reports a row added to such a model through its manager
// (CachedFile.objects.create(expires=...), for the export the same
// request then serves): a copy of what the server made, kept until it
// expires, not data a visitor changes.
func cacheRow(m *taint.Module, c *python.Call) bool {
	a, ok := c.Func.(*python.Attribute)
	if !ok || a.Attr != "create" && a.Attr != "get_or_create" && a.Attr != "update_or_create" {
		return false
	}
	mgr, ok := a.Value.(*python.Attribute)
	return ok && mgr.Attr == "objects" && cacheModel().MatchString(lastName(m.QualName(mgr.Value)))
}

// statsApps are the names of apps that record what visitors did: their
// rows are counts and logs of visits, not state a visitor changes.
var statsApps = map[string]bool{"metrics": true, "analytics": true, "stats": true, "statistics": true, "tracking": true}

// secretFetch reports a statement that fetches a row by a secret the
// request carries and fails otherwise: get_object_or_404(Model,
// token=token), Model.objects.get(uuid=key); a filter(), which finds
// nothing quietly, does not count.
func secretFetch(s python.Stmt) bool {
	// x = ..., x: T = ..., a call alone, or return Project.objects.get(
	// pk=pk, sentry_key=key)
	v := givenValue(s)
	switch x := s.(type) {
	case *python.Try:
		// try: alert = Alert.objects.get(secret_key=key)
		// except Alert.DoesNotExist: return render(..., status=404)
		if len(x.Handlers) == 0 || !tryFetches(x) {
			return false
		}
		for _, h := range x.Handlers {
			if manyFound(h) {
				continue // the rows found all hold the secret
			}
			if len(h.Body) == 0 {
				return false
			}
			switch h.Body[len(h.Body)-1].(type) {
			case *python.Return, *python.Raise:
			default:
				return false
			}
		}
		return true
	}
	c, ok := v.(*python.Call)
	if !ok {
		return false
	}
	// Follow.objects.get(hash=code).delete(): the change is made to the
	// row the secret found, or the get raises
	if a, ok := c.Func.(*python.Attribute); ok && a.Attr != "get" && a.Attr != "get_object_or_404" {
		if inner, ok := a.Value.(*python.Call); ok {
			c = inner
		}
	}
	switch f := c.Func.(type) {
	case *python.Name:
		if f.ID != "get_object_or_404" {
			return false
		}
	case *python.Attribute:
		if f.Attr != "get" && f.Attr != "get_object_or_404" {
			return false
		}
	default:
		return false
	}
	for _, kw := range c.Keywords {
		if _, lit := kw.Value.(*python.Constant); !lit && secretFieldRE().MatchString(strings.TrimSuffix(kw.Arg, "__exact")) {
			return true
		}
	}
	return false
}

// tryFetches reports a try whose body starts by fetching a row by a
// secret, after any lines that only log (logger.info("confirming %s",
// pk)).
func tryFetches(t *python.Try) bool {
	for _, s := range t.Body {
		if !logLine(s) {
			return secretFetch(s)
		}
	}
	return false
}

// logLine reports a statement that only writes a log line:
// logger.info(...), self.logger.error(...), logging.debug(...).
func logLine(s python.Stmt) bool {
	es, ok := s.(*python.ExprStmt)
	if !ok {
		return false
	}
	c, ok := es.Value.(*python.Call)
	if !ok {
		return false
	}
	a, ok := c.Func.(*python.Attribute)
	if !ok || !logLevels[a.Attr] {
		return false
	}
	var owner string
	switch v := a.Value.(type) {
	case *python.Name:
		owner = v.ID
	case *python.Attribute:
		owner = v.Attr
	}
	return strings.Contains(strings.ToLower(owner), "log")
}

// logLevels are the methods of a logging.Logger that write a line.
var logLevels = map[string]bool{"debug": true, "info": true, "warning": true, "warn": true, "error": true,
	"exception": true, "critical": true, "log": true}

// manyFound reports an except clause that catches only
// MultipleObjectsReturned: the lookup found rows, every one of them by the
// secret it was given.
func manyFound(h *python.ExceptHandler) bool {
	switch t := h.Type.(type) {
	case *python.Name:
		return t.ID == "MultipleObjectsReturned"
	case *python.Attribute:
		return t.Attr == "MultipleObjectsReturned"
	}
	return false
}

// secretFilterGuard reports rows filtered by a secret the request carries
// into a name (profiles = Profile.objects.filter(activation_key=key)),
// followed by a statement that turns the request away when none was
// found (if not profiles: return ..., if not len(profiles): ...,
// if not profiles.exists(): raise Http404): the rest runs only for
// whoever holds the secret.
func secretFilterGuard(body []python.Stmt, i int) bool {
	a, ok := body[i].(*python.Assign)
	if !ok || len(a.Targets) != 1 || i+1 >= len(body) {
		return false
	}
	n, ok := a.Targets[0].(*python.Name)
	c, isCall := a.Value.(*python.Call)
	if !ok || !isCall {
		return false
	}
	if at, ok := c.Func.(*python.Attribute); ok && (at.Attr == "first" || at.Attr == "last") && len(c.Args) == 0 {
		// filter(token=t).first(): the row, or None
		if inner, ok := at.Value.(*python.Call); ok {
			c = inner
		}
	}
	if at, ok := c.Func.(*python.Attribute); !ok || at.Attr != "filter" {
		return false
	}
	secret := false
	for _, kw := range c.Keywords {
		if _, lit := kw.Value.(*python.Constant); !lit && SecretField(kw.Arg) {
			secret = true
		}
	}
	guard, ok := body[i+1].(*python.If)
	if !secret || !ok || len(guard.Body) == 0 || !emptyTest(guard.Test, n.ID) {
		return false
	}
	switch guard.Body[len(guard.Body)-1].(type) {
	case *python.Return, *python.Raise:
		return true
	}
	return false
}

// emptyTest reports a test that holds when the rows in name are none:
// not name, not len(name), not name.exists(), name.count() == 0, and name
// is None (the first() of a filter).
func emptyTest(test python.Expr, name string) bool {
	isName := func(e python.Expr) bool { n, ok := e.(*python.Name); return ok && n.ID == name }
	if c, ok := test.(*python.Compare); ok && len(c.Ops) == 1 && c.Ops[0] == python.Is && isName(c.Left) && isNone(c.Comparators[0]) {
		return true
	}
	if u, ok := test.(*python.UnaryOp); ok && u.Op == python.Not {
		switch x := u.Operand.(type) {
		case *python.Name:
			return x.ID == name
		case *python.Call:
			if f, ok := x.Func.(*python.Name); ok && f.ID == "len" && len(x.Args) == 1 {
				return isName(x.Args[0])
			}
			if f, ok := x.Func.(*python.Attribute); ok && f.Attr == "exists" {
				return isName(f.Value)
			}
		}
	}
	if c, ok := test.(*python.Compare); ok && len(c.Ops) == 1 && c.Ops[0] == python.Eq {
		if k, ok := c.Comparators[0].(*python.Constant); ok && k.Value == int64(0) {
			if call, ok := c.Left.(*python.Call); ok {
				if f, ok := call.Func.(*python.Attribute); ok && f.Attr == "count" {
					return isName(f.Value)
				}
			}
		}
	}
	return false
}

// SecretGate reports a statement of body (the i-th) past which only
// whoever holds a secret the request carries gets: a fetch of a row by
// it that fails otherwise (secretFetch), or a filter by it followed by a
// return when nothing was found (secretFilterGuard).
func SecretGate(body []python.Stmt, i int) bool {
	return secretFetch(body[i]) || secretFilterGuard(body, i)
}

// OpensBySecret reports a view body that, before anything else it does
// but reading the request into local names and turning requests away
// (if request.content_type != "application/json": return ...), fetches a
// row by a secret the request carries and stops when there is none
// (get_object_or_404(Alert, secret_key=secret_key), or a filter followed
// by if not rows: return): a capability URL, or an API that a client's
// token authenticates. In a method of the view class cls (nil for a
// function view), the fetch may be made by another method of the class
// it calls (project = self.get_project_for_request(pk, request)), itself
// or through the methods that one returns the call of, or on both
// branches of an if.
func OpensBySecret(prog *taint.Program, cls *taint.Class, body []python.Stmt) bool {
	return opensBySecret(prog, cls, body, 0)
}

// maxSecretHelpers bounds the methods followed to the fetch.
const maxSecretHelpers = 3

func opensBySecret(prog *taint.Program, cls *taint.Class, body []python.Stmt, depth int) bool {
	for i, s := range body {
		if SecretGate(body, i) || secretMethod(prog, cls, s, depth) {
			return true
		}
		if x, ok := s.(*python.If); ok && len(x.Orelse) > 0 && depth < maxSecretHelpers &&
			opensBySecret(prog, cls, x.Body, depth+1) && opensBySecret(prog, cls, x.Orelse, depth+1) {
			return true // if "dsn" in headers: self.get_project(...) else: self.get_project_for_request(...)
		}
		if t, ok := s.(*python.Try); ok && depth < maxSecretHelpers && opensBySecret(prog, cls, t.Body, depth+1) {
			return true // try: return self._post(request), the handlers only answering
		}
		if !localStmt(s) && !plainRefusal(s) {
			return false
		}
	}
	return false
}

// secretMethod reports a statement that calls a method of cls (self.x(...)
// or cls.x(...), alone, assigned or returned) whose own body opens by a
// secret (opensBySecret).
func secretMethod(prog *taint.Program, cls *taint.Class, s python.Stmt, depth int) bool {
	if prog == nil || cls == nil || depth >= maxSecretHelpers {
		return false
	}
	c, ok := givenValue(s).(*python.Call)
	if !ok {
		return false
	}
	a, ok := c.Func.(*python.Attribute)
	if !ok || !isNamed(a.Value, "self") && !isNamed(a.Value, "cls") {
		return false
	}
	f := prog.Method(cls, a.Attr)
	return f != nil && opensBySecret(prog, cls, f.Def().Body, depth+1)
}

// SecretHelper reports a statement that calls a method of the view class
// cls (self.get_object()) which opens by fetching a row by a secret the
// request carries (OpensBySecret): get_object_or_404(Membership,
// key=self.kwargs["key"]). What follows it runs only for whoever holds
// the secret.
func SecretHelper(prog *taint.Program, cls *taint.Class, s python.Stmt) bool {
	return secretMethod(prog, cls, s, 0)
}

// givenValue returns the value a statement assigns (x = v, x: T = v),
// returns or evaluates alone, or nil: stmtValue with annotated
// assignments and returns.
func givenValue(s python.Stmt) python.Expr {
	switch x := s.(type) {
	case *python.AnnAssign:
		return x.Value
	case *python.Return:
		return x.Value
	}
	return stmtValue(s)
}

// plainRefusal reports an if that only turns the request away: its one
// statement returns or raises, and it has no else.
func plainRefusal(s python.Stmt) bool {
	x, ok := s.(*python.If)
	if !ok || len(x.Orelse) != 0 || len(x.Body) != 1 {
		return false
	}
	switch x.Body[0].(type) {
	case *python.Return, *python.Raise:
		return true
	}
	return false
}

// localStmt reports a statement that changes nothing outside the
// function: a docstring, an assignment to local names (token =
// data["token"], client_id, secret = read_basic_auth(request)), or an
// in-memory update of a local (data.setdefault("client_id", client_id)).
func localStmt(s python.Stmt) bool {
	switch x := s.(type) {
	case *python.ExprStmt:
		c, ok := x.Value.(*python.Call)
		if !ok {
			_, doc := x.Value.(*python.Constant)
			return doc
		}
		a, ok := c.Func.(*python.Attribute)
		if !ok {
			return false
		}
		_, local := a.Value.(*python.Name)
		return local && localUpdates[a.Attr]
	case *python.Assign:
		for _, t := range x.Targets {
			bound := true
			python.Inspect(t, func(n python.Node) bool {
				switch n.(type) {
				case nil, *python.Name, *python.Tuple, *python.List:
					return true
				}
				bound = false
				return false
			})
			if !bound {
				return false
			}
		}
		return true
	}
	return false
}

// localUpdates are the methods of dicts and lists that change only the
// object they are called on.
var localUpdates = map[string]bool{"setdefault": true, "update": true, "append": true, "extend": true, "pop": true}

// singleAssigns returns the names a body assigns exactly once, with the
// value: a condition named for reuse (is_owner = request.user ==
// bundle.owner; if is_owner: ...) is read through it.
func singleAssigns(body []python.Stmt) map[string]python.Expr {
	out := map[string]python.Expr{}
	count := map[string]int{}
	python.EachStmt(body, func(s python.Stmt) {
		var targets []python.Expr
		switch a := s.(type) {
		case *python.Assign:
			targets = a.Targets
			for _, t := range targets {
				if n, ok := t.(*python.Name); ok {
					out[n.ID] = a.Value
				}
			}
		case *python.AugAssign:
			targets = []python.Expr{a.Target}
		case *python.AnnAssign:
			targets = []python.Expr{a.Target}
		case *python.For:
			targets = []python.Expr{a.Target}
		}
		for _, t := range targets {
			python.EachBoundName(t, func(n string) { count[n]++ })
		}
	})
	for k, n := range count {
		if n != 1 {
			delete(out, k)
		}
	}
	return out
}

// constantWrite reports a cache set or add whose every argument is a
// literal: cache.set("a", True, 1), a health check's canary. Whoever sends the
// request, the same fixed entry is written, with nothing of theirs in it.
func constantWrite(c *python.Call) bool {
	// set and add only: deleting or counting a fixed entry (reset a
	// banner, count a hit) changes what the next request sees
	if a, ok := c.Func.(*python.Attribute); !ok || a.Attr != "set" && a.Attr != "add" || len(c.Args) < 2 {
		return false
	}
	for _, a := range c.Args {
		if _, ok := a.(*python.Constant); !ok {
			return false
		}
	}
	for _, k := range c.Keywords {
		if _, ok := k.Value.(*python.Constant); !ok {
			return false
		}
	}
	return true
}

// lockEntry reports a cache.add of an entry named as a lock
// (cache.add(task_lock_key, True, timeout)): it only keeps a second
// request from queuing the same work while the first runs.
func lockEntry(c *python.Call) bool {
	a, ok := c.Func.(*python.Attribute)
	if !ok || a.Attr != "add" || len(c.Args) == 0 {
		return false
	}
	name := dotted(c.Args[0])
	if k, ok := constString(c.Args[0]); ok {
		name = k
	}
	if j, ok := c.Args[0].(*python.JoinedStr); ok && len(j.Values) > 0 {
		name, _ = constString(j.Values[0])
	}
	return slices.Contains(strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return r == '_' || r == '-' || r == ':' || r == '.'
	}), "lock")
}

// canaryDelete reports the delete of a literal key that body also sets
// to a literal: a health check writing an entry and taking it back
// (cache.set("ping", "pong"); cache.delete("ping")).
func canaryDelete(c *python.Call, body []python.Stmt) bool {
	a, ok := c.Func.(*python.Attribute)
	if !ok || a.Attr != "delete" || len(c.Args) != 1 {
		return false
	}
	key, ok := constString(c.Args[0])
	if !ok {
		return false
	}
	set := false
	for _, s := range body {
		python.Inspect(s, func(n python.Node) bool {
			if w, ok := n.(*python.Call); ok && constantWrite(w) {
				if k, ok := constString(w.Args[0]); ok && k == key {
					set = true
				}
			}
			return !set
		})
	}
	return set
}

// requesterWrite reports a database write that goes through the
// requester's own account, which an anonymous visitor's request fails
// before anything is written: its AnonymousUser cannot be saved, has no
// relations, cannot be the value of a foreign key and is no number to
// filter one on. The write is
//
//   - on request.user or what hangs from it: request.user.save(),
//     self.request.user.profile.save(), or a name set once from such a
//     value (details = request.user.extra_details; details.save());
//   - on rows filtered by the requester: Notification.objects.filter(
//     recipient=request.user).update(read=True);
//   - one that gives the requester as a value: Model.objects.create(
//     owner=request.user), serializer.save(user=request.user).
func requesterWrite(what string, c *python.Call, r requester) bool {
	at, ok := c.Func.(*python.Attribute)
	if what != "database write" || !ok {
		return false
	}
	return requesterRooted(at.Value, r.aliases) || requesterValue(c, r.aliases) || requesterFiltered(at.Value, r)
}

// requester is what a body says of the requester's own data: the names
// it sets once, with their values, and whether self.get_queryset()
// holds the requester's rows only (see AnonymousStateChangeOwnRows).
type requester struct {
	aliases map[string]python.Expr
	ownRows bool
}

// requesterFiltered reports a chain of calls that filters by the
// requester somewhere: Model.objects.filter(user=request.user).exclude(...),
// or a name set once to such a chain (qs = self.get_queryset().filter(
// creator=request.user); qs.filter(read=False).update(...)).
func requesterFiltered(e python.Expr, r requester) bool {
	for n := 0; n < 16; n++ {
		switch x := e.(type) {
		case *python.Name:
			v, ok := r.aliases[x.ID]
			if !ok {
				return false
			}
			delete(r.aliases, x.ID) // each name once: a = b; b = a ends
			defer func() { r.aliases[x.ID] = v }()
			e = v
		case *python.Call:
			if requesterValue(x, r.aliases) {
				return true
			}
			if r.ownRows && len(x.Args) == 0 && dotted(x.Func) == "self.get_queryset" {
				return true
			}
			a, ok := x.Func.(*python.Attribute)
			if !ok {
				return false
			}
			e = a.Value
		default:
			return false
		}
	}
	return false
}

// RequesterFiltered reports a queryset expression filtered by the
// requester (Notification.objects.filter(recipient=self.request.user)):
// an anonymous visitor's AnonymousUser cannot be filtered on, so nothing
// is read or written through it for them.
func RequesterFiltered(e python.Expr) bool { return requesterFiltered(e, requester{}) }

// requesterRooted reports request.user, self.request.user, an attribute
// of either, or a name set once to one of those.
func requesterRooted(e python.Expr, aliases map[string]python.Expr) bool {
	if n, ok := e.(*python.Name); ok {
		if v, ok := aliases[n.ID]; ok {
			e = v
		}
	}
	d := dotted(e)
	for _, root := range []string{"request.user", "self.request.user"} {
		if d == root || strings.HasPrefix(d, root+".") {
			return true
		}
	}
	return false
}

// requesterValue reports a call given the requester itself as a keyword's
// value: filter(user=request.user), save(owner=self.request.user), or
// get_or_create(user=user) after user = request.user.
func requesterValue(c *python.Call, aliases map[string]python.Expr) bool {
	for _, k := range c.Keywords {
		v := k.Value
		if n, ok := v.(*python.Name); ok && aliases[n.ID] != nil {
			v = aliases[n.ID]
		}
		if d := dotted(v); k.Arg != "" && (d == "request.user" || d == "self.request.user") {
			return true
		}
	}
	return false
}

// userRow reports Profile.objects.get_or_create(user=owner): the row that
// goes with each user, made the first time a page needs it. Whoever
// sends the request, it is the same row with nothing of theirs in it.
func userRow(c *python.Call) bool {
	a, ok := c.Func.(*python.Attribute)
	if !ok || a.Attr != "get_or_create" || len(c.Args) > 0 || len(c.Keywords) != 1 {
		return false
	}
	switch strings.TrimSuffix(c.Keywords[0].Arg, "_id") {
	case "user", "owner", "account", "member":
		return true
	}
	return false
}

// literalRow reports NavBarCategory.objects.get_or_create(name="home"):
// a row the code needs, named by literals only, made the first time a page
// asks for it; or get_or_create() with no arguments, the one row of a
// model of settings, with the model's defaults. Whoever sends the
// request, it is the same row.
// fallbackRows returns the creates of literal rows in the handlers of a
// try whose body fetches a row of the same model (try: return
// ShutdownMode.objects.first().toggle except AttributeError:
// ShutdownMode.objects.create(toggle=False)): the row the site needs,
// made once by the first request when the table is empty, as
// get_or_create makes it.
func fallbackRows(body []python.Stmt) map[*python.Call]bool {
	out := map[*python.Call]bool{}
	python.EachStmt(body, func(s python.Stmt) {
		t, ok := s.(*python.Try)
		if !ok {
			return
		}
		fetched := map[string]bool{}
		for _, b := range t.Body {
			python.Inspect(b, func(n python.Node) bool {
				if c, ok := n.(*python.Call); ok {
					if a, ok := c.Func.(*python.Attribute); ok && (a.Attr == "first" || a.Attr == "last" || a.Attr == "get" || a.Attr == "latest") {
						if model := managerModel(a.Value); model != "" {
							fetched[model] = true
						}
					}
				}
				return true
			})
		}
		for _, h := range t.Handlers {
			for _, s := range h.Body {
				python.Inspect(s, func(n python.Node) bool {
					c, ok := n.(*python.Call)
					if !ok {
						return true
					}
					a, ok := c.Func.(*python.Attribute)
					if ok && a.Attr == "create" && fetched[managerModel(a.Value)] && constantKeywords(c) {
						out[c] = true
					}
					return true
				})
			}
		}
	})
	return out
}

// managerModel returns the model of Model.objects, or "".
func managerModel(e python.Expr) string {
	a, ok := e.(*python.Attribute)
	if !ok || a.Attr != "objects" {
		return ""
	}
	return dotted(a.Value)
}

// constantKeywords reports a call whose arguments are all keywords given
// literals.
func constantKeywords(c *python.Call) bool {
	for _, k := range c.Keywords {
		if _, ok := k.Value.(*python.Constant); !ok || k.Arg == "" {
			return false
		}
	}
	return len(c.Args) == 0
}

func literalRow(c *python.Call) bool {
	a, ok := c.Func.(*python.Attribute)
	return ok && a.Attr == "get_or_create" && constantKeywords(c)
}

// calleeName is the last name of a call's function: F for F and models.F.
func calleeName(e python.Expr) string {
	switch x := e.(type) {
	case *python.Name:
		return x.ID
	case *python.Attribute:
		return x.Attr
	}
	return ""
}

// firstRowGuard reports an if that runs only while a model has no row,
// and whose body reads nothing of the request: if not
// Settings.objects.exists(), if not Settings.objects.count(),
// if Settings.objects.count() == 0.
func firstRowGuard(x *python.If) bool {
	if !noRowTest(x.Test) {
		return false
	}
	for _, s := range x.Body {
		reads := false
		python.Inspect(s, func(n python.Node) bool {
			if nm, ok := n.(*python.Name); ok && nm.ID == "request" {
				reads = true
			}
			return !reads
		})
		if reads {
			return false
		}
	}
	return true
}

// noRowTest reports a test true only when a model's manager finds no row.
func noRowTest(e python.Expr) bool {
	switch x := e.(type) {
	case *python.UnaryOp:
		return x.Op == python.Not && rowQuery(x.Operand, "exists", "count", "first")
	case *python.Compare:
		if len(x.Ops) != 1 || len(x.Comparators) != 1 {
			return false
		}
		c, ok := x.Comparators[0].(*python.Constant)
		if !ok {
			return false
		}
		switch x.Ops[0] {
		case python.Eq:
			return c.Value == int64(0) && rowQuery(x.Left, "count")
		case python.Is:
			return c.Value == python.None{} && rowQuery(x.Left, "first")
		}
	}
	return false
}

// rowQuery reports Model.objects.exists() (or one of methods) on a
// manager reached by a literal name: Settings.objects.count().
func rowQuery(e python.Expr, methods ...string) bool {
	c, ok := e.(*python.Call)
	if !ok || len(c.Args) > 0 {
		return false
	}
	a, ok := c.Func.(*python.Attribute)
	if !ok || !slices.Contains(methods, a.Attr) {
		return false
	}
	mgr, ok := a.Value.(*python.Attribute)
	if !ok || mgr.Attr != "objects" {
		return false
	}
	_, ok = mgr.Value.(*python.Name)
	return ok
}

// canaryPair reports a cache write or delete of a key that the same body
// both sets and deletes: a health check writing an entry under a fresh
// key and taking it back (key = "__healthcheck__" + str(uuid4());
// cache.set(key, 1, 10); ...; cache.delete(key)). Nothing outlives the
// request.
func canaryPair(c *python.Call, body []python.Stmt) bool {
	a, ok := c.Func.(*python.Attribute)
	if !ok || len(c.Args) == 0 || a.Attr != "set" && a.Attr != "add" && a.Attr != "delete" {
		return false
	}
	key, ok := c.Args[0].(*python.Name)
	if !ok {
		return false
	}
	set, deleted, bound := false, false, 0
	for _, s := range body {
		python.Inspect(s, func(n python.Node) bool {
			switch x := n.(type) {
			case *python.Assign:
				for _, t := range x.Targets {
					if nm, ok := t.(*python.Name); ok && nm.ID == key.ID {
						bound++
					}
				}
			case *python.Call:
				xa, ok := x.Func.(*python.Attribute)
				if !ok || len(x.Args) == 0 {
					return true
				}
				if nm, ok := x.Args[0].(*python.Name); ok && nm.ID == key.ID {
					switch xa.Attr {
					case "set", "add":
						set = true
					case "delete":
						deleted = true
					}
				}
			}
			return true
		})
	}
	return set && deleted && bound == 1
}

// imageSave reports a save that writes an image into a buffer or file
// and not a row: PIL's img.save(buf, format="PNG"), img.save(buf, "PNG")
// or img.save(stream, image_format), which take the output and its
// format, where Model.save takes neither; also img.save(fp=buf, ...), a
// keyword no Model.save has.
func imageSave(c *python.Call) bool {
	if c.Arg(-1, "fp") != nil {
		return true
	}
	if len(c.Args) == 0 {
		return false
	}
	if c.Arg(-1, "format") != nil {
		return true
	}
	f := c.Arg(1, "format")
	if _, ok := constString(f); ok {
		return true
	}
	name := strings.ToLower(lastName(dotted(f)))
	return strings.HasSuffix(name, "format") || name == "fmt"
}

// fieldFileSave reports a save that looks like a model FileField's,
// profile.avatar.save(filename, ContentFile(data)): given a save= flag, or
// content as its second argument (a File, ContentFile or
// SimpleUploadedFile, or a name that says content). PIL's
// img.save(buf, "PNG") passes a format there.
func fieldFileSave(c *python.Call) bool {
	for _, k := range c.Keywords {
		if k.Arg == "save" {
			return true
		}
	}
	if len(c.Args) < 2 {
		return false
	}
	switch x := c.Args[1].(type) {
	case *python.Call:
		switch lastName(dotted(x.Func)) {
		case "File", "ContentFile", "SimpleUploadedFile", "ImageFile":
			return true
		}
	case *python.Name:
		return strings.Contains(strings.ToLower(x.ID), "content")
	}
	return false
}

// streamSave reports a save given where to write as its first argument:
// doc.save(buf) of python-docx, workbook.save(response) of openpyxl, a
// zip or a PDF written to a stream or a path for a download. A model's
// save takes its options by keyword (update_fields=...); a form's save
// may take the request (form.save(request)), which is no place to write.
// A FieldFile's save(name, content), which saves its model too, is not:
// its second argument is the file's content (fieldFileSave).
func streamSave(c *python.Call) bool {
	if len(c.Args) == 0 || fieldFileSave(c) {
		return false
	}
	switch x := c.Args[0].(type) {
	case *python.Constant:
		_, ok := x.Value.(string)
		return ok // a path
	case *python.Call:
		switch strings.ToLower(lastName(dotted(x.Func))) {
		case "bytesio", "stringio", "open", "path", "join", "httpresponse", "namedtemporaryfile", "temporaryfile", "spooledtemporaryfile":
			return true
		}
		return false
	}
	name := strings.ToLower(lastName(dotted(c.Args[0])))
	switch name {
	case "f", "fp", "fh", "fd", "out", "output", "response", "dest", "target":
		return true
	}
	for _, w := range []string{"buf", "stream", "file", "path", "tmp", "temp"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// AnonymousBranch returns the statement by which body gives an anonymous
// visitor an identity of its own, when it tells logged-in users from
// anonymous ones: if request.user.is_authenticated: vote.creator =
// request.user, else: vote.anonymous_id = ... (anonymous votes, comments
// or carts, made on purpose). It returns nil when there is none, or when
// the anonymous branch turns the visitor away.
func AnonymousBranch(body []python.Stmt) python.Node {
	var out python.Node
	python.EachStmt(body, func(s python.Stmt) {
		x, ok := s.(*python.If)
		if !ok || out != nil {
			return
		}
		var anon []python.Stmt
		switch {
		case requiresUser(x.Test):
			anon = x.Orelse
		case userCheck(x.Test) == Login && negated(x.Test, func(e python.Expr) bool { return userCheck(e) == Login }):
			// if not request.user.is_authenticated, if request.user.is_anonymous
			anon = x.Body
		}
		for _, st := range anon {
			switch a := st.(type) {
			case *python.Raise, *python.Return:
				return // turned away, or answered apart
			case *python.Assign:
				if t, ok := a.Targets[0].(*python.Attribute); ok && out == nil && anonymousIdentity(t.Attr, a.Value) {
					out = a
				}
			}
		}
	})
	return out
}

// anonymousIdentityRE matches the names of what identifies an anonymous
// visitor: anonymous_id, session_key, visitor, guest, ip_address.
var anonymousIdentityRE = lazyre.New(`(?i)anon|session|visitor|guest|cookie|(^|_)ip(_|$)|remote_addr`)

// anonymousIdentity reports an assignment that ties an object to an
// anonymous visitor: to a field named for one, or from the visitor's
// session, cookies, anonymous id or address.
func anonymousIdentity(field string, value python.Expr) bool {
	if anonymousIdentityRE().MatchString(field) {
		return true
	}
	found := false
	python.Inspect(value, func(n python.Node) bool {
		if x, ok := n.(*python.Attribute); ok && anonymousIdentityRE().MatchString(x.Attr) {
			found = true
		}
		return !found
	})
	return found
}

// requiresUser reports whether a condition holds only for a logged-in
// user (or a staff user, or one with a permission): user.is_authenticated,
// user.is_staff and ..., not "not user.is_authenticated".
func requiresUser(test python.Expr) bool {
	if b, ok := test.(*python.BoolOp); ok {
		if b.Op == python.And {
			return slices.ContainsFunc(b.Values, requiresUser) // one part that requires a user
		}
		for _, v := range b.Values { // or: every part
			if !requiresUser(v) {
				return false
			}
		}
		return len(b.Values) > 0
	}
	checks := func(e python.Expr) bool { return userCheck(e) != "" }
	return checks(test) && !negated(test, checks)
}

// secretFieldRE matches the model fields a lookup by which proves the
// requester holds a secret: a token, a key (apikey too), a signature, a
// uuid (which djsec takes for unguessable, as it does a <uuid:...> in a
// URL).
var secretFieldRE = lazyre.New(`(?i)(^|_)(uuid|guid|token|secret|key|apikey|accesskey|authkey|signature|hash|digest)(_|$)`)

// SecretField reports a model field named for a value a client cannot
// guess (uuid, guid, token, secret_key): a lookup that needs it is open
// only to whoever was given it.
func SecretField(name string) bool {
	return secretFieldRE().MatchString(strings.TrimSuffix(name, "__exact"))
}

// secretLookup reports whether a condition holds only when a query finds
// a row by a secret the request carries: Share.objects.filter(uuid=share)
// .first(), Invite.objects.filter(token=token).exists(), with the found
// row bound by := or tested as it is. The keyword's value must not be a
// literal: filter(key="public") proves nothing.
func secretLookup(test python.Expr) bool {
	found := false
	python.Inspect(test, func(n python.Node) bool {
		c, ok := n.(*python.Call)
		if !ok || found {
			return !found
		}
		at, ok := c.Func.(*python.Attribute)
		if !ok || (at.Attr != "filter" && at.Attr != "get") {
			return true
		}
		for _, kw := range c.Keywords {
			if _, lit := kw.Value.(*python.Constant); !lit && secretFieldRE().MatchString(strings.TrimSuffix(kw.Arg, "__exact")) {
				found = true
			}
		}
		return !found
	})
	return found && !negatedLookup(test)
}

// secretMatch reports whether a condition holds only when a value the
// request gives equals a secret a row keeps: device.verification_code ==
// code, compare_digest(invite.token, token), alone or as an operand of an
// and. One side is an attribute named for a secret or a code sent to
// prove something (verification_code, activation_code, otp, pin), the
// other no literal. A name the body assigns once stands for its value
// (is_token_correct = email.verification_token == token).
func secretMatch(m *taint.Module, test python.Expr, alias func(python.Expr) python.Expr) bool {
	if nm, ok := test.(*python.Name); ok {
		if v := alias(nm); v != python.Expr(nm) {
			return secretMatch(m, v, alias)
		}
	}
	switch t := test.(type) {
	case *python.BoolOp:
		return t.Op == python.And && slices.ContainsFunc(t.Values, func(v python.Expr) bool { return secretMatch(m, v, alias) })
	case *python.Compare:
		return len(t.Ops) == 1 && t.Ops[0] == python.Eq && secretPair(t.Left, t.Comparators[0])
	case *python.Call:
		switch lastName(m.QualName(t.Func)) {
		case "compare_digest", "constant_time_compare":
			return len(t.Args) == 2 && secretPair(t.Args[0], t.Args[1])
		}
	}
	return false
}

// secretPair reports two operands of which one is an attribute named for
// a secret and the other no literal.
func secretPair(a, b python.Expr) bool {
	secret := func(e python.Expr) bool {
		at, ok := e.(*python.Attribute)
		return ok && (secretFieldRE().MatchString(at.Attr) || secretCodeRE().MatchString(at.Attr))
	}
	literal := func(e python.Expr) bool { _, ok := e.(*python.Constant); return ok }
	return secret(a) && !literal(b) || secret(b) && !literal(a)
}

// secretCodeRE matches the names of codes sent to someone to prove they
// received them: a verification, activation or confirmation code, a
// one-time password, a PIN.
var secretCodeRE = lazyre.New(`(?i)((^|_)(verification|verify|activation|confirmation|confirm|reset|invitation|invite|auth)_?code|(^|_)(otp|pin|passcode))$`)

// negatedLookup reports a condition that holds when the lookup finds
// nothing: if not Share.objects.filter(uuid=share).exists().
func negatedLookup(test python.Expr) bool {
	u, ok := test.(*python.UnaryOp)
	return ok && u.Op == python.Not
}

// cacheReads returns the keys, as written, that a body reads from a cache
// (cache.get(key)), and for a key built by a call, that call's callee
// marked with keyBuilder (cache.get(language_key(code))).
func cacheReads(m *taint.Module, body []python.Stmt) map[string]bool {
	keys := map[string]bool{}
	for _, s := range body {
		python.Inspect(s, func(n python.Node) bool {
			if c, ok := n.(*python.Call); ok && len(c.Args) > 0 {
				if at, ok := c.Func.(*python.Attribute); ok && at.Attr == "get" && isCache(m, at.Value) {
					keys[m.Source(c.Args[0])] = true
					if k, ok := c.Args[0].(*python.Call); ok {
						keys[keyBuilder+m.Source(k.Func)] = true
					}
				}
			}
			return true
		})
	}
	return keys
}

// keyBuilder marks, among the keys cacheReads returns, the function that
// builds a key.
const keyBuilder = "built by "

// memoWrite reports whether a cache write stores what the body computed
// after missing the same key: info = cache.get(key); if info is None:
// info = ...; cache.set(key, info, 3600). Filling a cache of derived
// data changes nothing a visitor could not have made the view compute
// anyway. (get_or_set, which does just that, is no write either.) A key
// made by the same function as the one read counts as the same key: the
// value found may be stored under its canonical name
// (cache.set(language_key(language.code), language)).
func memoWrite(m *taint.Module, c *python.Call, read map[string]bool) bool {
	at, ok := c.Func.(*python.Attribute)
	if !ok || len(c.Args) == 0 || (at.Attr != "set" && at.Attr != "add") {
		return false
	}
	if k, ok := c.Args[0].(*python.Call); ok && read[keyBuilder+m.Source(k.Func)] {
		return true
	}
	return read[m.Source(c.Args[0])]
}

func sessionTarget(t python.Expr) bool {
	if sub, ok := t.(*python.Subscript); ok {
		return strings.HasSuffix(dotted(sub.Value), "request.session")
	}
	return false
}

// fixedCommand reports a command, every word of it a literal, that only
// asks something: git rev-parse HEAD for a version page, uname, hostname.
// A fixed command that builds or deletes (make html) still changes data.
func fixedCommand(c *python.Call) bool {
	if len(c.Args) == 0 {
		return false
	}
	var words []string
	switch x := c.Args[0].(type) {
	case *python.List:
		words = literalWords(x.Elts)
	case *python.Tuple:
		words = literalWords(x.Elts)
	case *python.Constant:
		if s, ok := x.Value.(string); ok {
			words = strings.Fields(s)
		}
	}
	if len(words) == 0 {
		return false
	}
	switch path.Base(words[0]) {
	case "uname", "hostname", "whoami", "date", "id":
		return true
	case "git":
		return len(words) > 1 && (words[1] == "rev-parse" || words[1] == "describe" || words[1] == "log" ||
			words[1] == "show" || words[1] == "status" || words[1] == "--version")
	}
	return false
}

// readOnlyCommand reports an argument list (a list or tuple, not a
// string a shell would read) whose program, a literal, only reads what it
// is given: ["tail", "-n", "20", log_file], ["ffprobe", path]. Without a
// shell nothing redirects its output into a file.
func readOnlyCommand(argv python.Expr) bool {
	var first python.Expr
	switch x := argv.(type) {
	case *python.List:
		if len(x.Elts) > 0 {
			first = x.Elts[0]
		}
	case *python.Tuple:
		if len(x.Elts) > 0 {
			first = x.Elts[0]
		}
	}
	prog, ok := constString(first)
	return ok && readOnlyPrograms[path.Base(prog)]
}

// readOnlyPrograms read files or the system and write nothing.
var readOnlyPrograms = map[string]bool{
	"tail": true, "head": true, "cat": true, "wc": true, "ls": true, "du": true, "df": true, "stat": true, "file": true,
	"md5sum": true, "sha1sum": true, "sha256sum": true, "ffprobe": true, "pdfinfo": true, "identify": true,
	"which": true, "uptime": true, "nproc": true, "free": true,
}

// literalWords returns the strings of es, or nil when one is not a literal.
func literalWords(es []python.Expr) []string {
	var out []string
	for _, e := range es {
		s, ok := constString(e)
		if !ok {
			return nil
		}
		out = append(out, s)
	}
	return out
}

func callChange(m *taint.Module, c *python.Call) string {
	q := m.QualName(c.Func)
	name := lastName(q)
	if shellCalls[q] {
		if fixedCommand(c) {
			return "" // subprocess.check_output(["git", "rev-parse", "HEAD"]): a fixed question
		}
		return "shell command"
	}
	if fsCalls[q] {
		if len(c.Args) > 0 && scratchFile(dotted(c.Args[0])) {
			// shutil.rmtree(tmp_dir), os.remove(temp_path): scratch
			// space the request made for itself, named as such
			return ""
		}
		return "file system change"
	}
	if mailCalls[name] && (strings.HasPrefix(q, "django.core.mail") || !strings.Contains(q, ".")) {
		return "e-mail"
	}
	switch q {
	case "django.contrib.auth.login", "django.contrib.auth.logout":
		return name + "()"
	case "open", "io.open", "builtins.open":
		if openWrites(c) && !(len(c.Args) > 0 && scratchFile(dotted(c.Args[0]))) {
			// open(cached_context_path, "w"): a cache's copy, as
			// cache_file.write_text(...) is
			return "file write"
		}
		return ""
	}
	at, ok := c.Func.(*python.Attribute)
	if !ok {
		return ""
	}
	recv := at.Value
	rd := dotted(recv)
	switch {
	case at.Attr == "set_cookie" || at.Attr == "set_signed_cookie":
		return "cookie set"
	case strings.HasSuffix(rd, "request.session") && (at.Attr == "flush" || at.Attr == "cycle_key" || at.Attr == "set_expiry" || at.Attr == "update" || at.Attr == "pop" || at.Attr == "setdefault"):
		return "session write"
	case cacheWrites[at.Attr] && isCache(m, recv):
		return "cache write"
	case at.Attr == "execute" || at.Attr == "executemany":
		if len(c.Args) > 0 {
			if s, ok := constString(c.Args[0]); ok && sqlWriteRE().MatchString(s) {
				return "raw SQL write"
			}
		}
		return ""
	case at.Attr == "update":
		// QuerySet.update takes keywords only: qs.update({"page": 2})
		// is a dict's or a QueryDict's, in memory
		if isQuerySet(recv) && len(c.Args) == 0 {
			return "database write"
		}
		return ""
	case at.Attr == "delete":
		// obj.delete(), Model.objects.filter(...).delete(); not
		// cache.delete (handled above) nor dict-like .delete of
		// other libraries on plain names we cannot tell apart.
		if isCache(m, recv) {
			return "cache write"
		}
		if isQuerySet(recv) || len(c.Args) == 0 {
			return "database write"
		}
		return ""
	case at.Attr == "save":
		if strings.HasSuffix(rd, "session") {
			return "session write"
		}
		if imageSave(c) || streamSave(c) {
			return ""
		}
		return "database write"
	case ormWrites[at.Attr] && apiClient(m.QualName(recv)):
		// stripe.checkout.Session.create(...): a request to the
		// payment provider's API, not a write to the site's data
		return ""
	case ormWrites[at.Attr]:
		if at.Attr == "create" && !isQuerySet(recv) && !isRelated(recv) {
			// Model.objects.create, obj.items.create; not a
			// serializer's or a form's create helper called on a name,
			// nor what a factory makes: SearchEngineFactory().create()
			switch recv.(type) {
			case *python.Name, *python.Call:
				return ""
			}
		}
		if managerOnly[at.Attr] && className(recv) {
			// UserConfig.get_or_create(request.user): Django's models
			// have no such method, their managers do; this is the
			// project's own, on the class
			return ""
		}
		return "database write"
	case m2mWrites[at.Attr] && isRelated(recv):
		return "database write"
	case at.Attr == "rename" && (len(c.Args) != 1 || len(c.Keywords) > 0):
		// Path.rename(target) takes the new path alone; a data frame's
		// rename(columns={...}) relabels a table in memory
		return ""
	case fileWrites[at.Attr] && scratchFile(rd):
		// cache_file.write_bytes(body), semaphore.unlink(): a cache's
		// copy or a lock, which the next request makes again
		return ""
	case fileWrites[at.Attr]:
		return "file write"
	case at.Attr == "send" && isMailMessage(recv):
		return "e-mail"
	}
	return ""
}

// fixedFolder reports os.mkdir or os.makedirs of a folder the settings
// and the code name alone (os.path.join(settings.MEDIA_ROOT, "exports")),
// through names the body sets once: the site's own folder, made once and
// the same for every request, which no visitor chooses.
func fixedFolder(m *taint.Module, c *python.Call, aliases map[string]python.Expr) bool {
	if q := m.QualName(c.Func); q != "os.mkdir" && q != "os.makedirs" || len(c.Args) == 0 {
		return false
	}
	return fixedPath(m, c.Args[0], aliases, 0)
}

// fixedPath reports a path made of literals, settings, constants
// (UPPER_CASE names) and os.path.join or str of those.
func fixedPath(m *taint.Module, e python.Expr, aliases map[string]python.Expr, depth int) bool {
	if depth > 8 {
		return false
	}
	switch x := e.(type) {
	case *python.Constant:
		return true
	case *python.Name:
		if x.ID == strings.ToUpper(x.ID) {
			return true // BASE_DIR, EXPORT_FOLDER
		}
		v, ok := aliases[x.ID]
		return ok && fixedPath(m, v, aliases, depth+1)
	case *python.Attribute:
		return strings.HasPrefix(dotted(x), "settings.")
	case *python.BinOp:
		return fixedPath(m, x.Left, aliases, depth+1) && fixedPath(m, x.Right, aliases, depth+1)
	case *python.Call:
		switch m.QualName(x.Func) {
		case "os.path.join", "str", "pathlib.Path":
		default:
			return false
		}
		for _, a := range x.Args {
			if !fixedPath(m, a, aliases, depth+1) {
				return false
			}
		}
		return len(x.Keywords) == 0
	}
	return false
}

// ownSave returns what x.save() changes when x is a name the body sets
// once to an instance of a class of the project that is no model and
// defines save itself (messages = Messages(request), whose save puts them
// in the session): the first change its save makes ("" for none), read
// from its body, without following what that body calls. ok is false
// when x.save() is no such call.
func ownSave(prog *taint.Program, m *taint.Module, c *python.Call, aliases map[string]python.Expr) (string, bool) {
	at, ok := c.Func.(*python.Attribute)
	if prog == nil || !ok || at.Attr != "save" {
		return "", false
	}
	n, ok := at.Value.(*python.Name)
	if !ok {
		return "", false
	}
	made, ok := aliases[n.ID].(*python.Call)
	if !ok {
		return "", false
	}
	cls := lookupClass(prog, m, m.QualName(made.Func))
	if cls == nil || prog.IsSubclass(cls, func(q string) bool { return lastName(q) == "Model" }) {
		return "", false
	}
	if cls.Methods["save"] == nil {
		return plainSerializerSave(prog, cls)
	}
	f := cls.Methods["save"]
	change, _ := StateChange(f.Module, f.Def().Body)
	return change.What, true
}

// SaveWritesNothing reports call, a statement of body's x.save(), on a
// name body sets once to an object of a class of the project whose save()
// writes nothing (ownSave): a plain DRF Serializer whose create() builds
// an object in memory. Rules that judge a view one statement at a time
// ask it with the whole body, which binds the name.
func SaveWritesNothing(prog *taint.Program, m *taint.Module, body []python.Stmt, call *python.Call) bool {
	what, ok := ownSave(prog, m, call, singleAssigns(body))
	return ok && what == ""
}

// plainSerializerSave says what save() changes on a DRF Serializer that
// is no ModelSerializer: DRF's save() calls the class's own create() or
// update(), which may only build an object in memory (return
// ElasticRequest(**validated_data)). ok is false for any other class, or
// one whose create or update is not its own.
func plainSerializerSave(prog *taint.Program, cls *taint.Class) (string, bool) {
	if !prog.IsSubclass(cls, func(q string) bool { return lastName(q) == "Serializer" }) ||
		prog.IsSubclass(cls, func(q string) bool { return strings.HasSuffix(lastName(q), "ModelSerializer") }) {
		return "", false
	}
	create, update := cls.Methods["create"], cls.Methods["update"]
	if create == nil && update == nil {
		return "", false
	}
	for _, f := range []*taint.Func{create, update} {
		if f == nil {
			continue
		}
		if change, _ := StateChange(f.Module, f.Def().Body); change.What != "" {
			return change.What, true
		}
	}
	return "", true
}

// documentSave reports x.save() on a name the body sets once to a
// document a library builds in memory or into the response: reportlab's
// canvas.Canvas(response), openpyxl's Workbook(), python-docx's
// Document(). Its save() writes the PDF, sheet or file out, not a row.
func documentSave(m *taint.Module, c *python.Call, aliases map[string]python.Expr, body []python.Stmt) bool {
	at, ok := c.Func.(*python.Attribute)
	if !ok || at.Attr != "save" {
		return false
	}
	if len(c.Args) == 1 && len(c.Keywords) == 0 && saveTarget(c.Args[0]) {
		// wb.save(tmp.name), doc.save(buffer): a document saved to the
		// path or buffer it is given, whatever made it; a model's save()
		// takes its options by keyword (save(update_fields=[...])), a
		// form's the request (form.save(request)), a FileField's two
		// arguments
		return true
	}
	n, ok := at.Value.(*python.Name)
	if !ok {
		return false
	}
	if made, ok := aliases[n.ID].(*python.Call); ok {
		return documentMaker(m, made)
	}
	// set on each branch of an if: cert = canvas.Canvas(buffer,
	// pagesize=landscape(A4)) else cert = canvas.Canvas(buffer, ...)
	found, all := false, true
	python.EachStmt(body, func(s python.Stmt) {
		a, ok := s.(*python.Assign)
		if !ok || len(a.Targets) != 1 || !isNamed(a.Targets[0], n.ID) {
			return
		}
		made, ok := a.Value.(*python.Call)
		found, all = true, all && ok && documentMaker(m, made)
	})
	return found && all
}

// saveTarget reports the one argument of a save() that names where a
// document goes: a path (a string, tmp.name, out_path) or a buffer,
// stream or response (BytesIO(), buffer, response).
func saveTarget(e python.Expr) bool {
	switch x := e.(type) {
	case *python.Constant:
		_, isStr := x.Value.(string)
		return isStr
	case *python.Call:
		switch lastName(dotted(x.Func)) {
		case "BytesIO", "StringIO", "open":
			return true
		}
		return false
	}
	name := lastName(dotted(e))
	return name == "name" || saveTargetName().MatchString(name)
}

// saveTargetName matches the names of paths, buffers and streams.
var saveTargetName = lazyre.New(`(?i)(^|_)(path|file|filename|filepath|buffer|buf|stream|response|output|out|tmp|temp|dest|destination|target)$`)

// documentMaker reports a call of a class or function of documentLibraries.
func documentMaker(m *taint.Module, c *python.Call) bool {
	root, _, _ := strings.Cut(m.QualName(c.Func), ".")
	return documentLibraries[root]
}

// documentLibraries are the libraries whose objects' save() writes a
// document (PDF, spreadsheet, word-processor file, archive, image).
var documentLibraries = map[string]bool{
	"reportlab": true, "openpyxl": true, "xlsxwriter": true, "xlwt": true, "docx": true, "pptx": true,
	"fpdf": true, "PIL": true, "qrcode": true, "barcode": true, "pypdf": true, "PyPDF2": true, "fitz": true,
}

// inScratch reports open(path, "w") of a path the body sets once to a
// place inside scratch space: readme = os.path.join(tmp_dir, "README"),
// file = f"{tmp_dir}/license.txt".
func inScratch(c *python.Call, aliases map[string]python.Expr) bool {
	if len(c.Args) == 0 {
		return false
	}
	n, ok := c.Args[0].(*python.Name)
	if !ok || aliases[n.ID] == nil {
		return false
	}
	found := false
	python.Inspect(aliases[n.ID], func(x python.Node) bool {
		if v, ok := x.(*python.Name); ok && scratchFile(v.ID) {
			found = true
		}
		return !found
	})
	return found
}

// scratchFile reports a file named, by the variable or attribute that
// holds its path, as a cache's copy, a lock or a temporary file.
func scratchFile(name string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return r == '_' || r == '.' }) {
		switch w {
		case "cache", "cached", "semaphore", "lock", "lockfile", "tmp", "temp", "tempfile":
			return true
		}
	}
	return false
}

// openHandles is what a body does with the files it opens: the name each
// open() call is bound to (f = open(...), with open(...) as f), and the
// names it writes through (f.write, f.writelines, f.truncate).
type openHandles struct {
	names   map[*python.Call]string
	written map[string]bool
}

func findOpenHandles(body []python.Stmt) *openHandles {
	h := &openHandles{names: map[*python.Call]string{}, written: map[string]bool{}}
	bind := func(e, target python.Expr) {
		c, ok := e.(*python.Call)
		if !ok || lastName(dotted(c.Func)) != "open" {
			return
		}
		if n, isName := target.(*python.Name); isName {
			h.names[c] = n.ID
		}
	}
	for _, st := range body {
		python.Inspect(st, func(n python.Node) bool {
			switch x := n.(type) {
			case *python.Assign:
				if len(x.Targets) == 1 {
					bind(x.Value, x.Targets[0])
				}
			case *python.WithItem:
				bind(x.ContextExpr, x.OptionalVars)
			case *python.Call:
				if a, ok := x.Func.(*python.Attribute); ok && (a.Attr == "write" || a.Attr == "writelines" || a.Attr == "truncate") {
					if nm, ok := a.Value.(*python.Name); ok {
						h.written[nm.ID] = true
					}
				}
			}
			return true
		})
	}
	return h
}

// readOnly reports an open() for update that neither truncates nor
// creates ("r+") whose handle the body only reads: ics = open(path,
// "r+"); ics_str = ics.read().
func (h *openHandles) readOnly(c *python.Call) bool {
	mode, ok := constString(openMode(c))
	if !ok || !strings.HasPrefix(mode, "r") || strings.ContainsAny(mode, "wax") {
		return false
	}
	name, bound := h.names[c]
	return bound && !h.written[name]
}

// openMode returns the mode open() is given, or nil.
func openMode(c *python.Call) python.Expr {
	var mode python.Expr
	if len(c.Args) > 1 {
		mode = c.Args[1]
	}
	for _, k := range c.Keywords {
		if k.Arg == "mode" {
			mode = k.Value
		}
	}
	return mode
}

func openWrites(c *python.Call) bool {
	s, ok := constString(openMode(c))
	return ok && strings.ContainsAny(s, "wax+")
}

func isCache(m *taint.Module, e python.Expr) bool {
	q := m.QualName(e)
	if strings.HasPrefix(q, "django.core.cache") {
		return true
	}
	if sub, ok := e.(*python.Subscript); ok {
		return strings.HasSuffix(m.QualName(sub.Value), "caches")
	}
	return strings.HasSuffix(strings.ToLower(dotted(e)), "cache")
}

// isQuerySet: Model.objects, Model.objects.filter(...), obj.items.all().
func isQuerySet(e python.Expr) bool {
	for range 12 {
		switch x := e.(type) {
		case *python.Attribute:
			if x.Attr == "objects" || strings.HasSuffix(x.Attr, "_set") {
				return true
			}
			e = x.Value
		case *python.Call:
			at, ok := x.Func.(*python.Attribute)
			if !ok || !queryset[at.Attr] {
				return false
			}
			return true
		case *python.Name:
			return strings.HasSuffix(x.ID, "queryset") || strings.HasSuffix(x.ID, "_qs") || x.ID == "qs"
		default:
			return false
		}
	}
	return false
}

// querySetUpdate reports name.update(...) with keywords alone on a name
// the body sets once to a queryset (rows = Note.objects.filter(pk=pk)): a
// dict's update takes keywords too, so the name's value tells them apart.
func querySetUpdate(c *python.Call, alias func(python.Expr) python.Expr) bool {
	a, ok := c.Func.(*python.Attribute)
	if !ok || a.Attr != "update" || len(c.Args) > 0 {
		return false
	}
	if _, ok := a.Value.(*python.Name); !ok {
		return false
	}
	v := alias(a.Value)
	_, stillName := v.(*python.Name)
	return !stillName && isQuerySet(v)
}

// isRelated: obj.tags, self.object.members, user.groups: a related manager
// reached through an attribute of an object (not a local set or list, and
// not self.something, which is usually the view's own state).
func isRelated(e python.Expr) bool {
	at, ok := e.(*python.Attribute)
	if !ok {
		return false
	}
	if nm, ok := at.Value.(*python.Name); ok && nm.ID == "self" {
		return false
	}
	if q, ok := at.Value.(*python.Attribute); ok && q.Attr == "query" {
		// queryset.query.external_aliases.add(alias): the SQL a
		// queryset is building, in memory
		return false
	}
	switch at.Attr {
	case "headers", "META", "GET", "POST", "data", "context", "kwargs", "cleaned_data", "errors", "session", "messages",
		"query": // furl's url.query.remove("next"), a queryset's SQL: in memory
		return false
	}
	return true
}

func isMailMessage(e python.Expr) bool {
	if c, ok := e.(*python.Call); ok {
		return mailCalls[lastName(dotted(c.Func))]
	}
	if nm, ok := e.(*python.Name); ok {
		l := strings.ToLower(nm.ID)
		return strings.Contains(l, "mail") || l == "msg" || l == "message"
	}
	return false
}

// className reports a name written as a class's (UserConfig): capitalised,
// not all capitals (a constant).
func className(e python.Expr) bool {
	n, ok := e.(*python.Name)
	if !ok || n.ID == "" || n.ID[0] < 'A' || n.ID[0] > 'Z' {
		return false
	}
	return strings.ToUpper(n.ID) != n.ID
}
