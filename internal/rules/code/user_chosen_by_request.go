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
)

// UserChosenByRequest finds access checks made on a user whom the request
// names: a user loaded by an id, a name or an address the client sends,
// whose is_authenticated then decides whether the request goes on.
var UserChosenByRequest = &analysis.Rule{
	ID:         "DJC223",
	Name:       "user-chosen-by-request",
	Severity:   report.High,
	Confidence: report.HighConfidence,
	CWE:        []int{287, 639},
	Checklist:  []int{4, 5},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A login check is made on a user the request names",
		What: "Reports is_authenticated read on a user loaded from the database by a value of the request " +
			"(User.objects.filter(id=request.POST.get(\"user\")).first(), get_object_or_404(get_user_model(), " +
			"username=request.GET[\"u\"])) when it decides access: a branch turns the request away (401, 403, " +
			"PermissionDenied, a login redirect) or logs that user in.",
		Why: "is_authenticated is True for every user object loaded from the database; only AnonymousUser, " +
			"which Django puts on request.user for visitors, answers False. The check therefore only asks " +
			"whether the id exists: whoever reaches it with the id of an existing account passes it and acts as " +
			"that account (uploads into its library, reads its data).",
		Bad: "user = User.objects.filter(id=request.POST.get(\"user\")).first()\n" +
			"if not user or not user.is_authenticated:\n    raise PermissionDenied",
		Good: "user = request.user  # set by the session or the token authentication\n" +
			"if not user.is_authenticated:\n    raise PermissionDenied",
		Fix: "Take the acting user from request.user, which the authentication middleware or DRF's authentication " +
			"classes set from a session or a verified token (for a JWT, the user the token's claims name), never " +
			"from a parameter; if a staff feature acts on another user, check the requester's permission instead.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/contrib/auth/#django.contrib.auth.models.User.is_authenticated",
			"https://cwe.mitre.org/data/definitions/639.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		for _, m := range appModules(pass, prog) {
			if !bytesearch.Contains(m.Content(), "is_authenticated") {
				continue
			}
			for _, d := range m.Index().Funcs {
				checkChosenUser(pass, prog, m, d)
			}
		}
	},
}

// checkChosenUser reports the access checks of function d made on a user
// the request names.
func checkChosenUser(pass *analysis.Pass, prog *taint.Program, m *taint.Module, d *python.FunctionDef) {
	fromRequest := map[string]python.Expr{} // locals holding request data (uid = request.POST["user"]), and the read
	chosen := map[string]python.Expr{}      // locals holding a user the request names, and the request value
	var next map[*python.If]python.Stmt     // the statement after each if, made when first needed
	reported := false
	inspectOwn(d, func(n python.Node) {
		switch x := n.(type) {
		case *python.Assign:
			if len(x.Targets) != 1 {
				return
			}
			name, ok := x.Targets[0].(*python.Name)
			if !ok {
				return
			}
			delete(fromRequest, name.ID)
			delete(chosen, name.ID)
			if src := chosenUser(m, x.Value, fromRequest); src != nil {
				chosen[name.ID] = src
			} else if src := requestValue(x.Value, fromRequest); src != nil {
				fromRequest[name.ID] = src
			}
		case *python.If:
			if reported || len(chosen) == 0 {
				return
			}
			at, src := authenticatedOf(x.Test, chosen)
			if at == nil {
				return
			}
			if next == nil {
				next = nextStmts(d)
			}
			if !decides(prog, m, x, next[x]) {
				return
			}
			reported = true // one finding per function: the fix is the same
			pass.Report(analysis.Diagnostic{
				Location: m.Location(at),
				Message: fmt.Sprintf("%s is always True for a user loaded from the database, and this user is the one %s "+
					"names: whoever reaches this check with the id of an existing account passes it as that account (any "+
					"logged-in user, when the view asks for a login first); take the "+
					"user from request.user", m.Text(at), m.Text(src)),
			})
		}
	})
}

// decides reports whether if statement x decides access: a branch turns
// the request away or logs a user in. The branch where the check fails may
// be the statement after x when x's body ends the function: "if
// user.is_authenticated: return data" then "return Response(status=401)".
func decides(prog *taint.Program, m *taint.Module, x *python.If, after python.Stmt) bool {
	if access.Denies(prog, m, x.Body, false) || access.Denies(prog, m, x.Orelse, false) || logsIn(m, x.Body) {
		return true
	}
	if after == nil || len(x.Orelse) > 0 || len(x.Body) == 0 {
		return false
	}
	switch x.Body[len(x.Body)-1].(type) {
	case *python.Return, *python.Raise:
		return access.Denies(prog, m, []python.Stmt{after}, false)
	}
	return false
}

// nextStmts maps each if statement of d, outside nested definitions, to
// the statement that follows it in its block.
func nextStmts(d *python.FunctionDef) map[*python.If]python.Stmt {
	next := map[*python.If]python.Stmt{}
	python.EachBlock(d.Body, func(b []python.Stmt) {
		for i, s := range b {
			if x, ok := s.(*python.If); ok && i+1 < len(b) {
				next[x] = b[i+1]
			}
		}
	})
	return next
}

// inspectOwn calls f on the nodes of d in source order, leaving out the
// bodies of the functions and classes defined inside it.
func inspectOwn(d *python.FunctionDef, f func(python.Node)) {
	python.Inspect(d, func(n python.Node) bool {
		switch n.(type) {
		case *python.FunctionDef, *python.ClassDef, *python.Lambda:
			if n != python.Node(d) {
				return false
			}
		}
		f(n)
		return true
	})
}

// requestBags are the attributes of a request that hold what the client
// sends.
var requestBags = map[string]bool{"GET": true, "POST": true, "data": true, "query_params": true, "COOKIES": true,
	"headers": true, "META": true, "body": true}

// requestValue returns the part of e that reads the request's data
// (request.POST.get("user"), self.request.data["id"]) or a local holding
// it, or nil.
func requestValue(e python.Expr, locals map[string]python.Expr) python.Expr {
	var found python.Expr
	python.Inspect(e, func(n python.Node) bool {
		if found != nil {
			return false
		}
		switch x := n.(type) {
		case *python.Lambda:
			return false
		case *python.Name:
			if src := locals[x.ID]; src != nil {
				found = src
			}
		case *python.Call: // request.POST.get("user")
			if a, ok := x.Func.(*python.Attribute); ok && requestBag(a.Value) {
				found = x
			}
		case *python.Subscript: // request.data["user"]
			if requestBag(x.Value) {
				found = x
			}
		case *python.Attribute: // request.body
			if requestBag(x) {
				found = x
			}
		}
		return found == nil
	})
	return found
}

// requestBag reports whether e is request.POST, self.request.data and
// the like.
func requestBag(e python.Expr) bool {
	a, ok := e.(*python.Attribute)
	return ok && requestBags[a.Attr] && strings.HasSuffix(access.Dotted(a.Value), "request")
}

// chosenUser returns the request value by which e loads a user from the
// database, or nil: User.objects.get(pk=...), UserModel.objects.filter(
// username=...).first(), get_object_or_404(User, id=...).
func chosenUser(m *taint.Module, e python.Expr, fromRequest map[string]python.Expr) python.Expr {
	c, ok := e.(*python.Call)
	if !ok || !isUserLookup(m, e) {
		return nil
	}
	// The arguments of every call of the chain: filter(id=uid).first()
	// takes its id in the inner call.
	for x := python.Expr(c); ; {
		call, ok := x.(*python.Call)
		if !ok {
			if a, ok := x.(*python.Attribute); ok {
				x = a.Value
				continue
			}
			return nil
		}
		for _, a := range call.Args {
			if src := requestValue(a, fromRequest); src != nil {
				return src
			}
		}
		for _, k := range call.Keywords {
			if src := requestValue(k.Value, fromRequest); src != nil {
				return src
			}
		}
		x = call.Func
	}
}

// isUserLookup reports whether e is a query of the user model that
// returns one user: a call chain on User.objects ending in get, first,
// last or get_object_or_404 of the user model.
func isUserLookup(m *taint.Module, e python.Expr) bool {
	c, ok := e.(*python.Call)
	if !ok {
		return false
	}
	switch callee(m, c) {
	case "get_object_or_404":
		return len(c.Args) > 0 && userModel(m, c.Args[0])
	case "get", "first", "last", "earliest", "latest":
	default:
		return false
	}
	for x := c.Func; ; {
		switch y := x.(type) {
		case *python.Call:
			x = y.Func
		case *python.Attribute:
			if y.Attr == "objects" || y.Attr == "_default_manager" {
				return userModel(m, y.Value)
			}
			x = y.Value
		default:
			return false
		}
	}
}

// userModel reports whether e names the user model: User, a project model
// named like it (CustomUser), UserModel or get_user_model().
func userModel(m *taint.Module, e python.Expr) bool {
	if c, ok := e.(*python.Call); ok {
		return lastName(m.QualName(c.Func)) == "get_user_model"
	}
	n, ok := e.(*python.Name)
	if !ok {
		return false
	}
	return strings.HasSuffix(lastName(m.QualName(n)), "User") || n.ID == "UserModel"
}

// authenticatedOf returns the read of is_authenticated in test on a local
// of chosen, and the request value that chose the user, or nils.
func authenticatedOf(test python.Expr, chosen map[string]python.Expr) (python.Node, python.Expr) {
	var at *python.Attribute
	var src python.Expr
	python.Inspect(test, func(n python.Node) bool {
		if at != nil {
			return false
		}
		if a, ok := n.(*python.Attribute); ok && a.Attr == "is_authenticated" {
			if name, ok := a.Value.(*python.Name); ok && chosen[name.ID] != nil {
				at, src = a, chosen[name.ID]
			}
		}
		return true
	})
	if at == nil {
		return nil, nil
	}
	return at, src
}

// logsIn reports whether statements log a user in (login(request, user)).
func logsIn(m *taint.Module, stmts []python.Stmt) bool {
	found := false
	for _, s := range stmts {
		python.Inspect(s, func(n python.Node) bool {
			if c, ok := n.(*python.Call); ok && callee(m, c) == "login" {
				found = true
			}
			return !found
		})
	}
	return found
}
