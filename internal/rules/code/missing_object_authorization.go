package code

import (
	"maps"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// MissingObjectAuthorization finds views that require a login and then
// fetch a user-owned object by an id the client sends, without checking
// that the object belongs to the user.
var MissingObjectAuthorization = &analysis.Rule{
	ID:         "DJC221",
	Name:       "missing-object-authorization",
	Severity:   report.Medium,
	Confidence: report.MediumConfidence,
	CWE:        []int{639, 862},
	Checklist:  []int{5},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A login-protected view fetches another user's object by its id",
		What: "Reports DRF views that require only a login and let a client change or delete any account: their routes take PUT, PATCH or DELETE on " +
			"one object, their queryset is every row of the user model (queryset = User.objects.all(), or a get_queryset returning one, narrowed by " +
			"the query string at most, never to request.user), and they have no get_object, perform_update, perform_destroy or put, patch or delete handler of their own (high: the staff's " +
			"accounts are among them). Also reports views that require only a login (no permission, staff or object-level check; a refusal of whoever is not among a row's users, if request.user not in group.moderators.all(): return HttpResponseForbidden(), is one, also in a mixin's dispatch) and look up an " +
			"object of a project model that has an owner (a user, owner, author, created_by or customer foreign " +
			"key, declared on the model or, but for created_by, on a base) by an id from the URL or the request, alone (a lookup " +
			"that also needs a guid, uuid or token the client was given is left alone, and so is an id every route takes with the uuid converter, <uuid:invoice_id>, read as a parameter or from self.kwargs: no client steps through those) (or a form it fills: form.cleaned_data[\"bundle_id\"]) " +
			"(get_object_or_404(Model, pk=pk), get_object_or_404(Model.objects.select_related(...), pk=pk), " +
			"Model.objects.get(id=...), generic DetailView/UpdateView/DeleteView with model = Model and no " +
			"get_queryset), when the lookup does not filter on request.user or on an object the view already holds " +
			"(article=article), the view shows or changes the object (not only refers to it, as in " +
			"request.user.bookmarks.add(obj) or a count of the rows that name it: Star.objects.filter(map=obj).count(), or a report about it that then sends the requester to its page: redirect(obj.get_absolute_url())), and it does not compare the object's owner with request.user, call " +
			"has_perm or check_object_permissions, or hand the object and the requester to a check of the project's " +
			"(obj.raise_not_editable(request.user), or its parent's: member.structure.can_edit_members(request.user), " +
			"a helper that raises PermissionDenied or whose answer is denied), " +
			"or turn the request away when a question asked of the requester says no (if not topic.is_participant(request.user), " +
			"if not request.user.profile.is_dev(): raise PermissionDenied, or the project's own has_perm(request.user, perm, obj) " +
			"and its own refusal: raise Http403, an exception named for one or deriving from one, which a middleware answers), " +
			"and is not found by the URL parameter that a decorator of the view finds an object by and checks its owner of " +
			"(@permission_check(model=Event, filter_field=\"slug\", owner_field=\"owner\") with Event.objects.get(slug=slug); another object found by another id is still reported), or that a decorator of the project hands, " +
			"with the request, to a project function that turns the request away itself (@tasks_permission_required(Task), whose wrapper calls " +
			"check_task_perms(request, klass, task_id), which raises PermissionDenied unless the task is the requester's). " +
			"A lookup made only for staff, a superuser, a permission or a role the project keeps on the user is no finding either: inside if " +
			"request.user.is_staff:, or followed, before the object is used, by a return for everyone else (if not request.user.is_org_faculty: " +
			"return HttpResponse(status=204)), and so is all that follows such a return. " +
			"In a view whose only guards beyond the login are such checks of objects it holds, the lookup of another object " +
			"by a client's id is reported when the view changes it (the photo set in the URL is checked, then whatever image " +
			"the form names is saved): passing the check on one object does not give another. " +
			"On a model whose owner is an author (an article, a post, a comment: written for others to read) that a view open to anyone " +
			"looks up by an id or a slug from its URL (a DetailView of it, get_object_or_404(Post, pk=pk) without a login), only views " +
			"that change the object are reported: its rows are everyone's to read. " +
			"On a model that a routed ListView or django-filter FilterView shows whole (model = Note, no get_queryset of its own), " +
			"or whose every row a routed function view reads (for rule in Rule.objects.all()), " +
			"to whoever may log in, only views that change the object are reported: the list already shows every member every row; " +
			"they are low when no code of the project limits the model's rows to their owner (no lookup keyed on the owner with " +
			"request.user, no comparison of an object's owner with it): such rows are a team's shared records, which every member edits. " +
			"On a model whose only owner is created_by, which records who added a row others may share, only views " +
			"that change the object are reported. In a class-based view where one handler checks the object's owner " +
			"and another (post, put, delete) loads the object by its id with no check of its own or of the methods " +
			"every handler shares, that handler is reported whatever it does with the object: the view's own check " +
			"says the object is private. Where the login lets anonymous reads through (DRF's IsAuthenticatedOrReadOnly, " +
			"with no other class asking a login), a class view's handler for safe methods (get, list, retrieve, an @action " +
			"for GET) that only reads the object is not reported: the project has made those reads everyone's. The confidence is medium: some objects are meant to be shared by " +
			"every logged-in user.",
		Why: "Ids are easy to guess and to enumerate: with such a view any account can read, change or delete every " +
			"other account's objects by changing a number in the URL (insecure direct object reference).",
		Bad:  "@login_required\ndef invoice(request, pk):\n    invoice = get_object_or_404(Invoice, pk=pk)",
		Good: "@login_required\ndef invoice(request, pk):\n    invoice = get_object_or_404(Invoice, pk=pk, customer=request.user)",
		Fix: "Filter the lookup on the owner (Model.objects.filter(user=request.user)), override get_queryset in " +
			"class-based views, or check an object permission (has_perm(perm, obj), DRF's check_object_permissions) " +
			"before using the object.",
		References: []string{"https://cwe.mitre.org/data/definitions/639.html",
			"https://owasp.org/Top10/A01_2021-Broken_Access_Control/"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		model := access.Analyze(pass.Project)
		owned := ownedModels(prog)
		if model.PathMiddleware() {
			// a middleware that checks permissions per path may check
			// the object too: the view's code does not tell
			return
		}
		public := servedToAnyone(prog, model, owned)
		views, byView := routedViews(model, nil)
		listed := listedToAll(prog, views, byView, owned)
		shared := sharedModels(prog, listed, owned)
		for _, v := range views {
			if !loginOnly(byView[v]) {
				if len(owned) == 0 {
					continue
				}
				reportOtherObjects(pass, prog, v, byView[v], owned)
				// get checks the owner and post does not: the view's
				// routes carry get's check, which post never runs
				if v.Class != nil && !inTests(v.Class.Module) && loginOnlyBut(byView[v], inHandler(v.Class.Module, v.Class.Def())) {
					reportUncheckedHandlers(pass, prog, v, byView[v], owned)
				}
				continue
			}
			m, def, body := v.Code()
			if m == nil || inTests(m) {
				continue
			}
			if accountViewSet(pass, prog, v, byView[v]) || len(owned) == 0 {
				continue
			}
			params := urlParams(byView[v])
			if checksObject(body) {
				if v.Class != nil {
					reportUncheckedHandlers(pass, prog, v, byView[v], owned)
				}
				continue
			}
			if v.Class != nil && genericObjectView(pass, prog, v, owned, listed, shared, def) {
				continue
			}
			reportLookup(pass, prog, m, def, body, params, owned, lookupMode{openReads: readsOpen(byView[v]), public: public, listed: listed, shared: shared})
		}
	},
}

// reportOtherObjects reports, in a view whose only guards beyond a login
// are checks its own code makes of the requester against objects it
// holds, the objects of other lookups by a client's id that it changes:
// photos_batch_edit checks the photo set in the URL, then saves whatever
// image the form names.
func reportOtherObjects(pass *analysis.Pass, prog *taint.Program, v *access.View, routes []*access.Route, owned map[string]string) {
	m, def, body := v.Code()
	if m == nil || inTests(m) || !guardsInCode(m, def, routes) {
		return
	}
	checked := checkedObjects(prog, m, body)
	if len(checked) == 0 {
		return
	}
	reportLookup(pass, prog, m, def, body, urlParams(routes), owned, lookupMode{checked: checked})
}

// guardsInCode reports whether every route of a view has a login, and
// every guard it has beyond one sits in the view's own code (def): no
// decorator, mixin or setting grants a permission over every object.
func guardsInCode(m *taint.Module, def python.Node, routes []*access.Route) bool {
	from, to := m.Location(def).Line, m.Tree().File.Line(def.End())
	return loginAnd(routes, func(g access.Guard) bool {
		return g.Kind != access.Unknown && g.Where.Path == m.File.Path && g.Where.Line >= from && g.Where.Line <= to
	})
}

// checkedObjects returns the objects body checks the requester against
// and turns the request away on: the receiver or an argument of a call
// that is also given the requester, in the test of an if whose branch
// denies.
func checkedObjects(prog *taint.Program, m *taint.Module, body []python.Stmt) map[string]bool {
	held := map[string]bool{}
	for _, name := range lookupTargets(body) {
		held[name] = true
	}
	out := map[string]bool{}
	python.EachStmt(body, func(s python.Stmt) {
		x, ok := s.(*python.If)
		if !ok || !access.Denies(prog, m, x.Body, false) && !access.Denies(prog, m, x.Orelse, false) {
			return
		}
		python.Inspect(x.Test, func(n python.Node) bool {
			c, ok := n.(*python.Call)
			if !ok || !passesRequester(c) {
				return true
			}
			if a, ok := c.Func.(*python.Attribute); ok && held[access.Dotted(a.Value)] {
				out[access.Dotted(a.Value)] = true
			}
			for _, arg := range callArgs(c) {
				if d := access.Dotted(arg); held[d] {
					out[d] = true
				}
			}
			return true
		})
	})
	return out
}

// writtenIn reports a write called on the lookup c itself, anywhere in
// body: Image.objects.get(pk=pk).delete().
func writtenIn(body []python.Stmt, c *python.Call) bool {
	found := false
	for _, s := range body {
		python.Inspect(s, func(n python.Node) bool {
			if x, ok := n.(*python.Call); ok {
				if a, ok := x.Func.(*python.Attribute); ok && a.Value == python.Expr(c) {
					switch a.Attr {
					case "save", "delete", "update":
						found = true
					}
				}
			}
			return !found
		})
	}
	return found
}

// readsOpen reports whether every route of a view requires a login only
// to write: each of its login guards lets anonymous reads through
// (IsAuthenticatedOrReadOnly).
func readsOpen(routes []*access.Route) bool {
	open := false
	for _, r := range routes {
		for _, g := range r.Guards {
			if g.Kind == access.Login {
				if !g.ReadsOpen {
					return false
				}
				open = true
			}
		}
	}
	return open
}

// safeHandlers are the handlers of class views that serve safe methods.
var safeHandlers = map[string]bool{"get": true, "head": true, "list": true, "retrieve": true}

// readInSafeHandler reports whether the lookup c sits in a method of the
// class view def that serves safe methods only (get, list, retrieve, or an
// @action for GET alone), and that method neither changes the object it
// keeps (obj) nor calls a write on the lookup itself.
func readInSafeHandler(def python.Node, c *python.Call, obj string) bool {
	cls, ok := def.(*python.ClassDef)
	if !ok {
		return false
	}
	for _, st := range cls.Body {
		f, ok := st.(*python.FunctionDef)
		if !ok || c.Pos() < f.Pos() || c.End() > f.End() {
			continue
		}
		if !safeHandlers[f.Name] && !getAction(f) {
			return false
		}
		return !changesObject(f.Body, obj) && !writtenIn(f.Body, c)
	}
	return false
}

// getAction reports a DRF @action whose methods are GET alone (or not
// given, which means GET).
func getAction(f *python.FunctionDef) bool {
	for _, d := range f.DecoratorList {
		call, ok := d.(*python.Call)
		if !ok || lastName(access.Dotted(call.Func)) != "action" {
			continue
		}
		methods := kw(call, "methods")
		if methods == nil {
			return true
		}
		l, ok := methods.(*python.List)
		if !ok {
			return false
		}
		for _, e := range l.Elts {
			if s, ok := constStr(e); !ok || !strings.EqualFold(s, "get") {
				return false
			}
		}
		return true
	}
	return false
}

// auditFields are owner fields that name who made an object rather than
// whose it is.
var auditFields = map[string]bool{"created_by": true, "uploaded_by": true, "submitted_by": true}

// ownerFields are the foreign keys that make an object someone's.
var ownerFields = map[string]bool{"user": true, "owner": true, "author": true, "created_by": true, "customer": true,
	"uploaded_by": true, "submitted_by": true, "buyer": true, "patient": true, "student": true}

// ownedModels returns the project models with an owner foreign key, by
// class name; it is worked out once per scan for the rules that ask.
func ownedModels(prog *taint.Program) map[string]string {
	return prog.Memo("rules/code.ownedModels", func() any { return findOwnedModels(prog) }).(map[string]string)
}

func findOwnedModels(prog *taint.Program) map[string]string {
	out := map[string]string{}
	// In name order: where two models share a class name, the last in
	// that order wins, whatever the map's order.
	classes := make([]*taint.Class, 0, len(prog.Classes))
	for _, c := range prog.Classes {
		classes = append(classes, c)
	}
	slices.SortFunc(classes, func(a, b *taint.Class) int { return strings.Compare(a.QName, b.QName) })
	// Each class's own owner field, read once: the walk through bases
	// below meets a class once per class deriving from it.
	ownOf := memoized(ownerField)
	for _, c := range classes {
		if inTests(c.Module) {
			continue
		}
		if f := ownOf(c); f != "" {
			out[c.Name] = f
		}
	}
	// A model inherits its bases' owner (Comment(Status) has Status.user),
	// but not a created_by that an audit base gives every model: there it
	// records who made the row, on shared rows as on private ones. What a
	// class inherits is found once per class: along a chain of classes each
	// deriving from the next, a walk from every class was quadratic.
	inherited := map[*taint.Class]string{}
	var inherit func(c *taint.Class) string
	inherit = func(c *taint.Class) string {
		if c == nil {
			return ""
		}
		if f, ok := inherited[c]; ok {
			return f
		}
		inherited[c] = "" // a cycle of bases inherits nothing
		f := ownOf(c)
		if f == "" || auditFields[f] {
			f = ""
			for _, b := range c.Bases {
				if f = inherit(prog.LookupClass(b)); f != "" {
					break
				}
			}
		}
		inherited[c] = f
		return f
	}
	for _, c := range classes {
		if _, ok := out[c.Name]; ok || inTests(c.Module) {
			continue
		}
		for _, b := range c.Bases {
			if f := inherit(prog.LookupClass(b)); f != "" {
				out[c.Name] = f
				break
			}
		}
	}
	return out
}

// ownerField returns the owner foreign key a class declares itself
// (user = models.ForeignKey(...), or annotated: user: User =
// models.ForeignKey(...)), or "".
func ownerField(c *taint.Class) string {
	for _, s := range c.Def().Body {
		var target, value python.Expr
		switch a := s.(type) {
		case *python.Assign:
			if len(a.Targets) == 1 {
				target, value = a.Targets[0], a.Value
			}
		case *python.AnnAssign:
			target, value = a.Target, a.Value
		}
		n, ok := target.(*python.Name)
		if !ok || !ownerFields[n.ID] {
			continue
		}
		call, ok := value.(*python.Call)
		if !ok {
			continue
		}
		switch lastName(c.Module.QualName(call.Func)) {
		case "ForeignKey", "OneToOneField":
			return n.ID
		}
	}
	return ""
}

// loginOnly: every route of the view requires a login and none requires a
// permission, staff, a credential or a secret URL.
func loginOnly(routes []*access.Route) bool {
	return loginOnlyBut(routes, nil)
}

// loginOnlyBut is loginOnly with the permission checks that local says
// are in one handler of the view set aside.
func loginOnlyBut(routes []*access.Route, local func(access.Guard) bool) bool {
	return loginAnd(routes, func(g access.Guard) bool {
		switch g.Kind {
		case access.Permission:
			return local != nil && local(g)
		case access.Staff, access.Superuser, access.Credential, access.SignedURL, access.Capability:
			return false
		}
		return true
	})
}

// loginAnd reports whether every route of a view requires a login, djsec
// knowing who may call it, and every other guard of the routes passes
// allow.
func loginAnd(routes []*access.Route, allow func(access.Guard) bool) bool {
	for _, r := range routes {
		login := false
		for _, g := range r.Guards {
			if g.Kind == access.Login {
				login = true
			} else if !allow(g) {
				return false
			}
		}
		if !login || r.Auth.Value == string(access.Unknown) || r.Permission.Value == string(access.Unknown) {
			// a permission djsec cannot read (REST_FRAMEWORK's defaults,
			// a third-party decorator) may be the object's check
			return false
		}
	}
	return len(routes) > 0
}

// inHandler returns whether a guard of class view cls sits in one of its
// handlers (get, post...): the method whose definition comes last before
// the guard's line is a handler. Such a check covers its own handler only.
func inHandler(m *taint.Module, cls *python.ClassDef) func(access.Guard) bool {
	type method struct {
		line    int
		handler bool
	}
	var methods []method
	for _, s := range cls.Body {
		if f, ok := s.(*python.FunctionDef); ok {
			methods = append(methods, method{m.Location(f).Line, httpHandlers[f.Name]})
		}
	}
	return func(g access.Guard) bool {
		if g.Where.Path != m.File.Path {
			return false
		}
		handler := false
		for _, mt := range methods {
			if mt.line <= g.Where.Line {
				handler = mt.handler
			}
		}
		return handler
	}
}

// checksObject: the view compares an owner with request.user or checks an
// object permission.
func checksObject(body []python.Stmt) bool {
	found := false
	for _, s := range body {
		python.Inspect(s, func(n python.Node) bool {
			if e, ok := n.(python.Expr); ok && !found {
				switch e.(type) {
				case *python.Compare, *python.Call:
					if k := access.UserCheck(e); k == access.Permission {
						found = true
					}
				}
			}
			return !found
		})
	}
	return found
}

// reportUncheckedHandlers reports the lookups of the handlers of class
// view v that check no object, when another of its handlers does: the
// object is private by the view's own account.
func reportUncheckedHandlers(pass *analysis.Pass, prog *taint.Program, v *access.View, routes []*access.Route, owned map[string]string) {
	m, def := v.Class.Module, v.Class.Def()
	hs := uncheckedHandlers(def)
	if len(hs) == 0 {
		return
	}
	params := urlParams(routes)
	for _, h := range hs {
		reportLookup(pass, prog, m, def, h, params, owned, lookupMode{private: true})
	}
}

// urlParams returns the parameters the routes of a view take from the URL,
// true for those a client can enumerate: all but uuids, which are false.
func urlParams(routes []*access.Route) map[string]bool {
	params := map[string]bool{}
	for _, r := range routes {
		for p, conv := range r.Params {
			params[p] = params[p] || conv != "uuid"
		}
	}
	return params
}

// httpHandlers are the methods of a class-based view that answer one kind
// of request: Django's, and DRF's viewset actions.
var httpHandlers = map[string]bool{"get": true, "post": true, "put": true, "patch": true, "delete": true,
	"list": true, "retrieve": true, "create": true, "update": true, "partial_update": true, "destroy": true}

// uncheckedHandlers returns the bodies of a class view's handlers that
// check no object themselves, nor through the methods every handler shares
// (dispatch, get_object, helpers): the handlers another handler's check
// does not cover.
func uncheckedHandlers(cls *python.ClassDef) [][]python.Stmt {
	var shared []python.Stmt
	var handlers []*python.FunctionDef
	for _, s := range cls.Body {
		if f, ok := s.(*python.FunctionDef); ok {
			if httpHandlers[f.Name] {
				handlers = append(handlers, f)
			} else {
				shared = append(shared, f.Body...)
			}
		}
	}
	if checksObject(shared) {
		return nil
	}
	var out [][]python.Stmt
	checked := false
	for _, f := range handlers {
		if checksObject(f.Body) {
			checked = true
		} else {
			out = append(out, f.Body)
		}
	}
	if !checked {
		return nil // no handler checks: the view as a whole is judged
	}
	return out
}

// scopedToRequest: an expression that depends on the requester (request.user,
// request.profile, a variable named user).
func scopedToRequest(e python.Expr) bool {
	found := false
	python.Inspect(e, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.Attribute, *python.Name:
			d := access.Dotted(x.(python.Expr))
			if d == "" {
				return true
			}
			if strings.HasPrefix(d, "request.") || strings.HasPrefix(d, "self.request.") {
				rest := d[strings.Index(d, "request.")+len("request."):]
				switch strings.SplitN(rest, ".", 2)[0] {
				case "GET", "POST", "data", "query_params", "FILES", "body", "headers", "META", "COOKIES", "method", "path":
				default:
					found = true
				}
			}
			if d == "user" || d == "owner" || d == "profile" || d == "customer" {
				found = true
			}
			return false
		}
		return !found
	})
	return found
}

// requesterLocals returns the local names body assigns a value of the
// requester's: what a call given the request returns (siae =
// current_company_or_404(request)), or request.user's attributes. A
// lookup narrowed by one (filter(company=siae), or a subquery that
// requires it) is scoped to the requester.
func requesterLocals(body []python.Stmt) map[string]bool {
	out := map[string]bool{}
	python.EachStmt(body, func(s python.Stmt) {
		a, ok := s.(*python.Assign)
		if !ok || len(a.Targets) != 1 {
			return
		}
		n, ok := a.Targets[0].(*python.Name)
		if !ok {
			return
		}
		if c, isCall := a.Value.(*python.Call); isCall && passesRequester(c) || scopedToRequest(a.Value) {
			out[n.ID] = true
		}
	})
	return out
}

// scopedIn reports an expression that depends on the requester, directly
// (scopedToRequest) or through one of the locals in mine.
func scopedIn(e python.Expr, mine map[string]bool) bool {
	if scopedToRequest(e) {
		return true
	}
	found := false
	python.Inspect(e, func(n python.Node) bool {
		if x, ok := n.(*python.Name); ok && mine[x.ID] {
			found = true
		}
		return !found
	})
	return found
}

// idFrom tells whether a keyword of a lookup takes an id the client sends.
func idFrom(k *python.Keyword, params map[string]bool) (string, bool) {
	if k.Arg == "" {
		return "", false
	}
	key := k.Arg
	if !(key == "pk" || key == "id" || key == "slug" || strings.HasSuffix(key, "_id") || strings.HasSuffix(key, "__id") || strings.HasSuffix(key, "__pk")) {
		return "", false
	}
	switch x := k.Value.(type) {
	case *python.Name:
		if params[x.ID] {
			return "the " + x.ID + " from the URL", true
		}
	case *python.Subscript, *python.Call:
		d := ""
		if s, ok := x.(*python.Subscript); ok {
			d = access.Dotted(s.Value)
		} else if a, ok := x.(*python.Call).Func.(*python.Attribute); ok && a.Attr == "get" {
			d = access.Dotted(a.Value)
		}
		for _, src := range []string{"request.GET", "request.POST", "request.data", "request.query_params"} {
			if strings.HasSuffix(d, src) {
				return "an id from " + src, true
			}
		}
		if strings.HasSuffix(d, "kwargs") {
			if s, ok := x.(*python.Subscript); ok {
				if name, ok := constStr(s.Slice); ok {
					if enumerable, routed := params[name]; routed && !enumerable {
						return "", false // self.kwargs["doc_pk"] of <uuid:doc_pk>: not to be guessed
					}
				}
			}
			return "the " + key + " from the URL", true
		}
		if strings.HasSuffix(d, ".cleaned_data") {
			// DeleteForm(request.POST) ... id=form.cleaned_data["bundle_id"]:
			// a number the form checked is a number, not an owner
			return "an id from a submitted form (" + d + ")", true
		}
	}
	return "", false
}

// lookupMode says what else than a login a view's code shows, for
// reportLookup.
type lookupMode struct {
	// private: another handler of the same class view checks the
	// object it loads, so the object is private by the view's account.
	private bool
	// openReads: the view's login lets anonymous reads through
	// (readsOpen); what a handler of a safe method only reads is then
	// anyone's to read, by the project's own choice.
	openReads bool
	// checked holds the objects the view checks the requester against
	// (if not photo_set.check_perm(request.user, ...): raise Http403):
	// then a lookup of another object is reported only when the view
	// changes it, since passing the check on one object does not give
	// another.
	checked map[string]bool
	// public holds the owned models that a view open to anyone looks
	// up by an id or slug from its URL: their rows are everyone's to
	// read, so only a change of one is another's to make.
	public map[string]bool
	// listed holds the owned models whose every row a list view shows to
	// whoever may log in (listedToAll): reading one by its id shows no
	// more of another's rows than the list does.
	listed map[string]bool
	// shared holds those of listed that no code limits to their owner
	// (sharedModels): a change of one is low.
	shared map[string]bool
}

// reportLookup reports the lookups of owned objects by an id the client
// sends in body.
func reportLookup(pass *analysis.Pass, prog *taint.Program, m *taint.Module, def python.Node, body []python.Stmt, params map[string]bool, owned map[string]string, mode lookupMode) {
	assigned := lookupTargets(body)
	// The objects the view holds: what it got from calls other than
	// reads of the request, and what a decorator hands its handlers
	// (dispatch(self, request, article, ...): a parameter no route has).
	objects := map[string]bool{}
	for c, name := range assigned {
		if requestValue(c, nil) == nil {
			objects[name] = true
		}
	}
	python.Inspect(def, func(n python.Node) bool {
		if d, ok := n.(*python.FunctionDef); ok {
			for _, a := range d.Args.Args {
				if a.Arg != "self" && a.Arg != "request" && !params[a.Arg] {
					objects[a.Arg] = true
				}
			}
		}
		return true
	})
	mine := requesterLocals(body)
	ownerChecked := decoratorOwnerChecks(def)
	for name := range decoratorHelperChecks(prog, m, def) {
		if ownerChecked == nil {
			ownerChecked = map[string]bool{}
		}
		ownerChecked[name] = true
	}
	// What the body does with each object is asked once per name, of the
	// statements that name it (or, for a check, a local set from it: the
	// object's parent), and not at all of a name no statement but its own
	// assignment reads: a view that looks rows up thousands of times
	// walked the whole body at each lookup.
	var names map[string]int
	var reads map[string][]int
	naming := func(obj string) []python.Stmt {
		if names == nil {
			names, reads = nameCounts(body), namesRead(body)
		}
		if names[obj] < 2 {
			return nil
		}
		return stmtsAt(body, reads, append(parentNames(stmtsAt(body, reads, []string{obj}), obj), obj))
	}
	checked := memoized(func(obj string) bool { return obj != "" && checkedByCall(prog, m, naming(obj), obj) })
	changes := memoized(func(obj string) bool { return obj != "" && changesObject(naming(obj), obj) })
	// rows the body saves (answer.save()), asked of the statements that
	// name them
	saved := memoized(func(row string) bool {
		if names == nil {
			names, reads = nameCounts(body), namesRead(body)
		}
		return savesRow(stmtsAt(body, reads, []string{row}), row)
	})
	exposes := memoized(func(obj string) bool { return obj != "" && exposesObject(m, naming(obj), obj, saved) })
	exitAt := slices.IndexFunc(body, access.PrivilegedExit)
	var readAt map[string][]int // the statements before the exit that read each name, found once
	if exitAt > 0 {
		readAt = namesRead(body[:exitAt])
	}
	for i, s := range body {
		if exitAt >= 0 && i > exitAt {
			break // if not request.user.is_staff: return ...: staff only from here
		}
		var visit func(n python.Node) bool
		visit = func(n python.Node) bool {
			if x, ok := n.(*python.If); ok && access.PrivilegedBranch(x.Test) {
				// if request.user.is_staff: obj = get_object_or_404(...):
				// staff may reach every row
				for _, st := range x.Orelse {
					python.Inspect(st, visit)
				}
				return false
			}
			c, ok := n.(*python.Call)
			if !ok {
				return true
			}
			if exitAt > i && assigned[c] != "" && !readBetween(readAt[assigned[c]], i, exitAt) {
				// obj = get_object_or_404(...), then the exit for the
				// unprivileged, then the code that uses obj
				return true
			}
			var modelExpr python.Expr
			q := m.QualName(c.Func)
			switch {
			case lastName(q) == "get_object_or_404" && len(c.Args) > 0:
				if scopedIn(c.Args[0], mine) {
					// get_object_or_404(Approval.objects.filter(Exists(
					// Job.objects.filter(approval=OuterRef("pk"), company=mine))), pk=pk)
					return true
				}
				modelExpr = querysetModel(c.Args[0]) // Status or Status.objects.select_subclasses()
			default:
				a, ok := c.Func.(*python.Attribute)
				if !ok || (a.Attr != "get" && a.Attr != "filter") {
					return true
				}
				o, ok := a.Value.(*python.Attribute)
				if !ok || o.Attr != "objects" {
					return true
				}
				modelExpr = o.Value
			}
			name := lastName(m.QualName(modelExpr))
			owner, ok := owned[name]
			if !ok || scopedIn(modelExpr, mine) {
				return true
			}
			var from string
			for _, k := range c.Keywords {
				if k.Arg == "" || scopedIn(k.Value, mine) {
					return true
				}
				if n, ok := k.Value.(*python.Name); ok && ownerChecked[n.ID] {
					// @permission_check(model=Event, filter_field="slug",
					// owner_field="owner"): the decorator finds the row by
					// this parameter and lets only its owner through
					return true
				}
				if _, lit := k.Value.(*python.Constant); !lit && access.SecretField(k.Arg) {
					// pk=rp_id, guid=rp_guid: the row opens only to
					// whoever was given its guid
					return true
				}
				if f, ok := idFrom(k, params); ok {
					from = f
				} else if parentObject(k.Value, objects) {
					// Revision.objects.get(pk=pk, article=article): the
					// row must belong to an object the view holds, whose
					// own lookup is where access is decided
					return true
				}
			}
			if from == "" || checked(assigned[c]) {
				return true
			}
			if byOwner(c, owner) && publicRows(string(m.Bytes(s))) {
				// Comment.objects.filter(user_id=pk).visible(): the rows
				// of a member that everyone may see, as a profile lists
				return true
			}
			if len(mode.checked) > 0 {
				obj := assigned[c]
				if mode.checked[obj] || !changes(obj) && !writtenIn(body, c) {
					return true
				}
				pass.Reportf(m.Location(c), "%s is looked up by %s and changed, while the view checks the requester only against %s: anyone who passes that check can change another's %s by changing the id (%s.%s is its owner)",
					name, from, strings.Join(slices.Sorted(maps.Keys(mode.checked)), ", "), name, name, owner)
				return true
			}
			if mode.private {
				// another handler of the view checks its object: what
				// this one does with it, even reading it, is the owner's
				pass.Reportf(m.Location(c), "%s is looked up by %s with no owner check in this handler, while another handler of the same view checks the object it loads: any account can use another's %s here by changing the id (%s.%s is its owner)",
					name, from, name, name, owner)
				return true
			}
			if auditFields[owner] && !changes(assigned[c]) {
				// created_by records who made a row that others may
				// read and use (a package of a shared catalogue): only
				// a change of the row itself is another's to make
				return true
			}
			if (mode.public[name] || mode.listed[name]) && !changes(assigned[c]) {
				// an Article anyone may read by its id: a logged-in
				// view that shows it or comments on it gives nothing
				return true
			}
			if obj := assigned[c]; obj != "" && !changes(obj) && !exposes(obj) {
				// only referred to (request.user.saved_lists.add(lst),
				// Item.objects.filter(list=lst)): nothing of it is shown
				// or changed
				return true
			}
			if mode.openReads && readInSafeHandler(def, c, assigned[c]) {
				return true
			}
			if mode.shared[name] {
				pass.Report(analysis.Diagnostic{
					Location: m.Location(c),
					Severity: report.Low,
					Message:  sharedRows(name+" is looked up by "+from+" and changed in a view that requires only a login", name, owner),
				})
				return false
			}
			pass.Reportf(m.Location(c), "%s is looked up by %s in a view that requires only a login, with no filter on request.user and no object permission check: any account can reach another's %s by changing the id (%s.%s is its owner)",
				name, from, name, name, owner)
			return false
		}
		python.Inspect(s, visit)
	}
}

// decoratorOwnerChecks returns the URL parameters by which a decorator of
// a function view finds an object and lets only its owner through, as a
// project's decorator told the owner's field does
// (@permission_check(model=Report, filter_field="pk", owner_field="user"):
// "pk"). An object the view looks up by another parameter is not checked.
func decoratorOwnerChecks(def python.Node) map[string]bool {
	d, ok := def.(*python.FunctionDef)
	if !ok {
		return nil
	}
	var out map[string]bool
	for _, dec := range d.DecoratorList {
		c, ok := dec.(*python.Call)
		if !ok {
			continue
		}
		owner, named := constStr(kw(c, "owner_field"))
		field, ok := constStr(kw(c, "filter_field"))
		if !named || owner == "" || !ok || field == "" {
			continue
		}
		if out == nil {
			out = map[string]bool{}
		}
		out[field] = true
	}
	return out
}

// decoratorHelperChecks returns the URL parameters that a project
// decorator of a function view hands, with the request, to a project
// function that turns the request away itself before the view runs
// (@tasks_permission_required(Task), whose wrapper calls
// check_task_perms(request, klass, task_id), which raises
// PermissionDenied unless the task is among the requester's): "task_id".
// The wrapper passes its parameters on to the view under the same names.
func decoratorHelperChecks(prog *taint.Program, m *taint.Module, def python.Node) map[string]bool {
	d, ok := def.(*python.FunctionDef)
	if !ok {
		return nil
	}
	var out map[string]bool
	for _, dec := range d.DecoratorList {
		fn := dec
		if c, ok := dec.(*python.Call); ok {
			fn = c.Func // a decorator factory: @tasks_permission_required(Task)
		}
		f := access.LookupFunc(prog, m, prog.Canonical(m.QualName(fn)))
		if f == nil {
			continue
		}
		python.Inspect(f.Def(), func(n python.Node) bool {
			w, ok := n.(*python.FunctionDef)
			if !ok || w == f.Def() || len(w.Args.Args) == 0 {
				return true
			}
			for name := range wrapperChecks(prog, f.Module, w) {
				if out == nil {
					out = map[string]bool{}
				}
				out[name] = true
			}
			return true
		})
	}
	return out
}

// wrapperChecks returns the parameters of a decorator's wrapper (def
// view(request, task_id=None, ...)) that a statement of its body hands,
// with the request, to a project function that turns the request away
// itself.
func wrapperChecks(prog *taint.Program, m *taint.Module, w *python.FunctionDef) map[string]bool {
	params := map[string]bool{}
	for _, a := range w.Args.Args {
		if a.Arg != "self" && a.Arg != "request" {
			params[a.Arg] = true
		}
	}
	var out map[string]bool
	for _, st := range w.Body {
		var c *python.Call
		switch x := st.(type) {
		case *python.ExprStmt:
			c, _ = x.Value.(*python.Call)
		case *python.Assign:
			c, _ = x.Value.(*python.Call)
		}
		if c == nil || !passesRequester(c) || !helperDenies(prog, m, c) {
			continue
		}
		for _, a := range c.Args {
			if n, ok := a.(*python.Name); ok && params[n.ID] {
				if out == nil {
					out = map[string]bool{}
				}
				out[n.ID] = true
			}
		}
	}
	return out
}

// parentNames returns the locals the statements set to an attribute of
// obj (structure = member.structure): checks of them check obj.
func parentNames(stmts []python.Stmt, obj string) []string {
	var out []string
	python.EachStmt(stmts, func(s python.Stmt) {
		if a, ok := s.(*python.Assign); ok && len(a.Targets) == 1 {
			if n, ok := a.Targets[0].(*python.Name); ok && strings.HasPrefix(access.Dotted(a.Value), obj+".") {
				out = append(out, n.ID)
			}
		}
	})
	return out
}

// stmtsAt returns the statements of body that read one of names, in
// order, by reads (namesRead of body).
func stmtsAt(body []python.Stmt, reads map[string][]int, names []string) []python.Stmt {
	var at []int
	for _, n := range names {
		at = append(at, reads[n]...)
	}
	slices.Sort(at)
	at = slices.Compact(at)
	out := make([]python.Stmt, len(at))
	for i, j := range at {
		out[i] = body[j]
	}
	return out
}

// nameCounts returns how often each name occurs in the statements,
// where it is assigned included.
func nameCounts(stmts []python.Stmt) map[string]int {
	out := map[string]int{}
	for _, st := range stmts {
		python.Inspect(st, func(n python.Node) bool {
			if nm, ok := n.(*python.Name); ok {
				out[nm.ID]++
			}
			return true
		})
	}
	return out
}

// namesRead returns, for each name the statements read, the indexes of
// those that do, in order.
func namesRead(stmts []python.Stmt) map[string][]int {
	out := map[string][]int{}
	for i, st := range stmts {
		python.Inspect(st, func(n python.Node) bool {
			if nm, ok := n.(*python.Name); ok {
				if at := out[nm.ID]; len(at) == 0 || at[len(at)-1] != i {
					out[nm.ID] = append(at, i)
				}
			}
			return true
		})
	}
	return out
}

// readBetween reports an index of at (in order) after from and before to.
func readBetween(at []int, from, to int) bool {
	j, _ := slices.BinarySearch(at, from+1)
	return j < len(at) && at[j] < to
}

// servedToAnyone returns the authored models (their owner is an author:
// articles, posts, comments, written for others to read) that a view open
// to anyone (no login) looks up by an id or a slug from its URL: a generic
// DetailView of the model, get_object_or_404(Article, pk=pk) in a public
// article page, Comment.objects.get(id=comment_id, is_enable=True). A
// model owned by a user or a customer stays private, even when a view
// without a login serves it: that view may be the mistake.
func servedToAnyone(prog *taint.Program, model *access.Model, owned map[string]string) map[string]bool {
	out := map[string]bool{}
	routes := map[*access.View][]*access.Route{}
	for _, r := range model.Routes {
		routes[r.View] = append(routes[r.View], r)
	}
	for _, v := range openViews(model) {
		m, _, body := v.Code()
		if m == nil || inTests(m) {
			continue
		}
		if v.Class != nil && genericOf(prog, v.Class, "DetailView") {
			// ArticleDetailView(DetailView) with model = Article
			if name, own := genericModel(prog, v.Class); !own && owned[name] == "author" {
				out[name] = true
			}
		}
		params := urlParams(routes[v])
		for _, s := range body {
			python.Inspect(s, func(n python.Node) bool {
				c, ok := n.(*python.Call)
				if !ok {
					return true
				}
				if name := lookedUpModel(m, c); owned[name] == "author" && byURLParam(c, params) {
					out[name] = true
				}
				return true
			})
		}
	}
	return out
}

// lookedUpModel names the model of get_object_or_404(Model, ...) or
// Model.objects.get(...); "" for any other call.
func lookedUpModel(m *taint.Module, c *python.Call) string {
	if lastName(m.QualName(c.Func)) == "get_object_or_404" && len(c.Args) > 0 {
		return lastName(m.QualName(querysetModel(c.Args[0])))
	}
	if a, ok := c.Func.(*python.Attribute); ok && a.Attr == "get" {
		if o, ok := a.Value.(*python.Attribute); ok && o.Attr == "objects" {
			return lastName(m.QualName(o.Value))
		}
	}
	return ""
}

// byURLParam reports a lookup keyed on an id or a slug from the URL.
func byURLParam(c *python.Call, params map[string]bool) bool {
	for _, k := range c.Keywords {
		if from, ok := idFrom(k, params); ok && strings.HasSuffix(from, "from the URL") {
			return true
		}
	}
	return false
}

// byOwner reports a lookup keyed on a member: the model's owner field
// (user_id=pk, user=pk), or a member through a relation
// (comment_likes__user_id=pk): the rows of one member, not one row.
func byOwner(c *python.Call, owner string) bool {
	for _, k := range c.Keywords {
		key := k.Arg
		if i := strings.LastIndex(key, "__"); i >= 0 && key[i+2:] != "id" && key[i+2:] != "pk" {
			key = key[i+2:] // comment_likes__user_id: user_id
		}
		switch key {
		case owner, owner + "_id", owner + "__id", owner + "__pk":
			return true
		}
	}
	return false
}

// publicRows reports a statement that narrows a queryset to what anyone
// may see, by a method named for it (.visible(), .public(), .published())
// or a filter on such a flag (is_public=True).
// A keyword counts whole: unpublished=True and non_public=True narrow to
// the opposite.
func publicRows(stmt string) bool {
	for _, w := range []string{".visible(", ".public(", ".published(", ".approved(", "is_public=True", "public=True", "published=True", "is_published=True"} {
		for i := 0; ; {
			j := strings.Index(stmt[i:], w)
			if j < 0 {
				break
			}
			at := i + j
			if w[0] == '.' || at == 0 || !identByte(stmt[at-1]) {
				return true
			}
			i = at + len(w)
		}
	}
	return false
}

func identByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

// sharedRows ends the message of a low finding on a model every member
// sees in a list and no code limits to its owner.
func sharedRows(what, model, owner string) string {
	return what + "; but a list view shows every " + model + " to every member, and no code of the project limits " + model +
		"s to their " + owner + ", so they look like the team's shared records: if only the " + owner + " should change one, " +
		"filter on request.user"
}

// listedToAll returns the owned models that a routed list view shows
// whole to whoever may log in, or to anyone: a ListView or django-filter
// FilterView of the model, with no permission asked and no get_queryset
// of its own (class NoteList(LoginRequiredMixin, ListView): model = Note),
// or a function view that reads all its rows (wholeTables).
// Their rows are the members' shared records (a team's notes, a forum's
// posts), whoever added each.
func listedToAll(prog *taint.Program, views []*access.View, byView map[*access.View][]*access.Route, owned map[string]string) map[string]bool {
	out := map[string]bool{}
	for _, v := range views {
		if routes := byView[v]; !loginOnly(routes) && !slices.ContainsFunc(routes, (*access.Route).IsOpen) {
			continue
		}
		if f := v.Func; f != nil && !inTests(f.Module) {
			for _, name := range wholeTables(f.Def()) {
				if owned[name] != "" {
					out[name] = true
				}
			}
			continue
		}
		c := v.Class
		if c == nil || inTests(c.Module) || !genericOf(prog, c, "ListView", "FilterView") {
			continue
		}
		if name, own := genericModel(prog, c); !own && owned[name] != "" {
			out[name] = true
		}
	}
	return out
}

// wholeTables returns the models whose every row a function view reads:
// for rule in Rule.objects.all(), rules = Rule.objects.all().order_by(...);
// not a count or a test of the table (Rule.objects.all().count()).
func wholeTables(d *python.FunctionDef) []string {
	var out []string
	python.InspectStack(d, func(n python.Node, stack []python.Node) bool {
		c, ok := n.(*python.Call)
		if !ok || len(c.Args) > 0 {
			return true
		}
		all, ok := c.Func.(*python.Attribute)
		if !ok || all.Attr != "all" {
			return true
		}
		objects, ok := all.Value.(*python.Attribute)
		if !ok || objects.Attr != "objects" {
			return true
		}
		model, ok := objects.Value.(*python.Name)
		if !ok {
			return true
		}
		if len(stack) > 0 {
			if a, ok := stack[len(stack)-1].(*python.Attribute); ok {
				switch a.Attr {
				case "count", "exists", "aggregate", "delete", "update", "first", "last", "filter", "exclude", "get":
					return true // one row, a number, or rows chosen by a filter
				}
			}
		}
		out = append(out, model.ID)
		return true
	})
	return out
}

// sharedModels returns the listed models that no code of the project
// limits to their owner (ownerScoped), worked out once per model.
func sharedModels(prog *taint.Program, listed map[string]bool, owned map[string]string) map[string]bool {
	out := map[string]bool{}
	for name := range listed {
		if !ownerScoped(prog, name, owned[name]) {
			out[name] = true
		}
	}
	return out
}

// genericObjectView reports DetailView/UpdateView/DeleteView subclasses
// that serve an owned model from every row (no get_queryset, get_object);
// a DetailView of a model a list shows whole (listed) shows nothing more.
func genericObjectView(pass *analysis.Pass, prog *taint.Program, v *access.View, owned map[string]string, listed, shared map[string]bool, def python.Node) bool {
	c := v.Class
	if !genericOf(prog, c, "DetailView", "UpdateView", "DeleteView") {
		return false
	}
	modelName, own := genericModel(prog, c)
	if own {
		return true
	}
	owner, ok := owned[modelName]
	if !ok || listed[modelName] && !genericOf(prog, c, "UpdateView", "DeleteView") {
		return true
	}
	if shared[modelName] {
		pass.Report(analysis.Diagnostic{
			Location: c.Module.DefLocation(def),
			Severity: report.Low,
			Message:  sharedRows(c.Name+" lets every logged-in user change any "+modelName+" by the pk in the URL", modelName, owner),
		})
		return true
	}
	pass.Reportf(c.Module.DefLocation(def), "view %s serves any %s by the pk in the URL to every logged-in user: it requires only a login and does not limit its queryset to request.user (%s.%s is the owner)",
		c.Name, modelName, modelName, owner)
	return true
}

// genericOf reports a class deriving from one of Django's generic views
// named.
func genericOf(prog *taint.Program, c *taint.Class, names ...string) bool {
	return prog.IsSubclass(c, func(q string) bool { return slices.Contains(names, lastName(q)) })
}

// genericModel returns the model a generic object view serves (its model
// or queryset attribute), and whether it finds its object its own way: a
// get_queryset or get_object of it or its bases, or a queryset limited to
// the requester.
func genericModel(prog *taint.Program, c *taint.Class) (model string, own bool) {
	for cl := c; cl != nil; {
		for _, name := range []string{"get_queryset", "get_object"} {
			if cl.Methods[name] != nil {
				return "", true
			}
		}
		var next *taint.Class
		for _, b := range cl.Bases {
			if bc := prog.LookupClass(b); bc != nil {
				next = bc
				break
			}
		}
		cl = next
	}
	for _, s := range c.Def().Body {
		a, ok := s.(*python.Assign)
		if !ok || len(a.Targets) != 1 {
			continue
		}
		n, ok := a.Targets[0].(*python.Name)
		if !ok {
			continue
		}
		switch n.ID {
		case "model":
			model = lastName(c.Module.QualName(a.Value))
		case "queryset":
			if scopedToRequest(a.Value) {
				return "", true
			}
			if call, ok := a.Value.(*python.Call); ok {
				if at, ok := call.Func.(*python.Attribute); ok {
					if o, ok := at.Value.(*python.Attribute); ok && o.Attr == "objects" {
						model = lastName(c.Module.QualName(o.Value))
					}
				}
			}
		}
	}
	return model, false
}

// lookupTargets maps the calls of body assigned to a name or an attribute
// (group = get_object_or_404(Group, id=group_id), self.package = ...) to
// that name as written ("group", "self.package").
func lookupTargets(body []python.Stmt) map[*python.Call]string {
	out := map[*python.Call]string{}
	python.EachStmt(body, func(s python.Stmt) {
		a, ok := s.(*python.Assign)
		if !ok || len(a.Targets) != 1 {
			return
		}
		if c, ok := a.Value.(*python.Call); ok {
			if d := access.Dotted(a.Targets[0]); d != "" {
				out[c] = d
			}
		}
	})
	return out
}

// checkedByCall reports whether body hands the object in local obj and
// the requester together to a check of the project's own: a method of the
// object, or of its parent (member.structure.can_edit_members(user)),
// given the user whose result is not used (it raises:
// group.raise_not_deletable(request.user)) or decides a denial (if not
// obj.editable_by(user): raise PermissionDenied), or a project function
// given both that turns the request away itself or whose result does
// (if not permissions.is_author(user=request.user, proposal=proposal)).
func checkedByCall(prog *taint.Program, m *taint.Module, body []python.Stmt, obj string) bool {
	if obj == "" {
		return false
	}
	// the object's parent, through a local: structure = member.structure
	parents := map[string]bool{}
	for _, n := range parentNames(body, obj) {
		parents[n] = true
	}
	owner := func(recv string) bool {
		return recv == obj || strings.HasPrefix(recv, obj+".") || parents[recv]
	}
	found := false
	python.EachStmt(body, func(s python.Stmt) {
		if found {
			return
		}
		switch x := s.(type) {
		case *python.ExprStmt:
			if c, ok := x.Value.(*python.Call); ok {
				found = objectCheck(prog, m, c, obj, owner, true)
			}
		case *python.If:
			if !access.Denies(prog, m, x.Body, false) && !access.Denies(prog, m, x.Orelse, false) {
				return
			}
			python.Inspect(x.Test, func(n python.Node) bool {
				if c, ok := n.(*python.Call); ok && objectCheck(prog, m, c, obj, owner, false) {
					found = true
				}
				return !found
			})
		case *python.Assign:
			// vote, comment = utils.get_vote_info(user, proposal): a helper
			// that raises PermissionDenied itself
			if c, ok := x.Value.(*python.Call); ok {
				found = helperDenies(prog, m, c) && passesBoth(c, obj)
			}
		}
	})
	return found
}

// objectCheck reports whether call c checks the object in obj against the
// requester: a method of obj or of its parent (owner says which receivers
// are: member, member.structure, a local set to it) given the requester,
// or a project function given both; discarded says its result is not
// used, so that a function must turn the request away itself to count.
func objectCheck(prog *taint.Program, m *taint.Module, c *python.Call, obj string, owner func(string) bool, discarded bool) bool {
	if a, ok := c.Func.(*python.Attribute); ok {
		if owner(access.Dotted(a.Value)) {
			return passesRequester(c)
		}
	}
	if !passesBoth(c, obj) {
		return false
	}
	if discarded {
		return helperDenies(prog, m, c)
	}
	return access.LookupFunc(prog, m, prog.Canonical(m.QualName(c.Func))) != nil
}

// helperDenies reports whether c calls a project function that turns the
// request away itself.
func helperDenies(prog *taint.Program, m *taint.Module, c *python.Call) bool {
	f := access.LookupFunc(prog, m, prog.Canonical(m.QualName(c.Func)))
	return f != nil && access.Denies(prog, f.Module, f.Def().Body, false)
}

// passesBoth reports whether c is given the object in obj, or its parent
// (researcher.application), and the requester, by position or keyword.
func passesBoth(c *python.Call, obj string) bool {
	hasObj := false
	for _, a := range callArgs(c) {
		if d := access.Dotted(a); d == obj || strings.HasPrefix(d, obj+".") {
			hasObj = true
		}
	}
	return hasObj && passesRequester(c)
}

// passesRequester reports whether c is given the requester (request,
// request.user or a local named user) by position or keyword.
func passesRequester(c *python.Call) bool {
	for _, a := range callArgs(c) {
		if n, ok := a.(*python.Name); ok && n.ID == "request" || scopedToRequest(a) {
			return true
		}
	}
	return false
}

func callArgs(c *python.Call) []python.Expr {
	out := slices.Clone(c.Args)
	for _, k := range c.Keywords {
		out = append(out, k.Value)
	}
	return out
}

// querysetModel returns the model expression a queryset argument starts
// from: Status for Status.objects.select_subclasses(); e itself when it
// is no call on a manager.
func querysetModel(e python.Expr) python.Expr {
	c, ok := e.(*python.Call)
	if !ok {
		return e
	}
	for f := c.Func; ; {
		switch x := f.(type) {
		case *python.Attribute:
			if x.Attr == "objects" || x.Attr == "_default_manager" {
				if scopedToRequest(e) {
					return e // Status.objects.filter(user=request.user): scoped
				}
				return x.Value
			}
			f = x.Value
		case *python.Call:
			f = x.Func
		default:
			return e
		}
	}
}

// changesObject reports whether body changes the object in local obj:
// sets an attribute, saves or deletes it, or binds a form to it
// (instance=obj).
func changesObject(body []python.Stmt, obj string) bool {
	if obj == "" {
		return false // not kept: nothing is done to it by name
	}
	isObj := func(e python.Expr) bool { return access.Dotted(e) == obj }
	found := false
	for _, s := range body {
		python.Inspect(s, func(n python.Node) bool {
			switch x := n.(type) {
			case *python.Assign:
				for _, t := range x.Targets {
					if a, ok := t.(*python.Attribute); ok && isObj(a.Value) {
						found = true
					}
				}
			case *python.Call:
				if a, ok := x.Func.(*python.Attribute); ok && isObj(a.Value) {
					switch a.Attr {
					case "save", "delete", "update":
						found = true
					}
				}
				if inst := x.Arg(-1, "instance"); inst != nil && isObj(inst) {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// exposesObject reports whether body shows the object in local obj to the
// requester: returns it, puts it or one of its attributes in a context
// dict, or hands it to a response, a template or a serializer.
func exposesObject(m *taint.Module, body []python.Stmt, obj string, saved func(row string) bool) bool {
	mentions := func(n python.Node) bool {
		found := false
		python.Inspect(n, func(n python.Node) bool {
			if c, ok := n.(*python.Call); ok && refersByKeyword(c, obj) {
				// Star.objects.filter(map=obj).count(): rows about the
				// object, nothing of it
				return false
			}
			if e, ok := n.(python.Expr); ok && access.Dotted(e) == obj {
				found = true
			}
			return !found
		})
		return found
	}
	found := false
	for _, s := range body {
		python.Inspect(s, func(n python.Node) bool {
			if found {
				return false
			}
			switch x := n.(type) {
			case *python.Return:
				found = x.Value != nil && mentions(x.Value) && !redirectsTo(m, x.Value, obj)
			case *python.Dict:
				for _, v := range x.Values {
					found = found || mentions(v)
				}
			case *python.Call:
				switch name := callee(m, x); {
				case name == "render", name == "render_to_string", name == "render_to_response", name == "TemplateResponse",
					strings.HasSuffix(name, "Response"), strings.HasSuffix(name, "Serializer"):
					found = mentions(x)
				}
			case *python.Assign:
				// self.object = obj, context["x"] = obj.title; not
				// answer.question = obj before answer.save(): a new
				// row's foreign key
				for _, t := range x.Targets {
					if _, ok := t.(*python.Name); !ok && mentions(x.Value) && !foreignKeySet(t, x.Value, obj, saved) {
						found = true
					}
				}
			}
			return !found
		})
	}
	return found
}

// foreignKeySet reports an assignment of the object in obj itself to an
// attribute of a local that the view saves (answer.question = obj, then
// answer.save()): the row refers to the object and shows nothing of it.
func foreignKeySet(target, value python.Expr, obj string, saved func(row string) bool) bool {
	a, ok := target.(*python.Attribute)
	if !ok || access.Dotted(value) != obj {
		return false
	}
	row, ok := a.Value.(*python.Name)
	return ok && row.ID != "self" && row.ID != obj && saved(row.ID)
}

// savesRow reports a call of row.save() in body.
func savesRow(body []python.Stmt, row string) bool {
	found := false
	for _, s := range body {
		python.Inspect(s, func(n python.Node) bool {
			if c, ok := n.(*python.Call); ok {
				if f, ok := c.Func.(*python.Attribute); ok && f.Attr == "save" && access.Dotted(f.Value) == row {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// refersByKeyword reports a query that names obj only as a keyword's
// value (Star.objects.filter(map=obj)): it selects rows that refer to the
// object and shows nothing of it.
func refersByKeyword(c *python.Call, obj string) bool {
	a, ok := c.Func.(*python.Attribute)
	if !ok || !querysetMethods[a.Attr] && !referringWrites[a.Attr] {
		return false
	}
	named := false
	for _, k := range c.Keywords {
		if access.Dotted(k.Value) == obj {
			named = true
		}
	}
	for _, arg := range c.Args {
		if access.Dotted(arg) == obj {
			return false
		}
	}
	return named
}

// querysetMethods are the manager and queryset methods that select rows
// by their fields.
var querysetMethods = map[string]bool{"filter": true, "exclude": true, "get": true, "count": true, "exists": true}

// referringWrites are the manager methods that write a row by its fields:
// naming the object as one (Vote.objects.get_or_create(question=obj,
// user=request.user)) makes a row that refers to it.
var referringWrites = map[string]bool{"create": true, "get_or_create": true, "update_or_create": true}

// redirectsTo reports a response that only sends the requester to the
// object's own page (redirect(obj), redirect(obj.get_absolute_url())),
// whose view decides what they see there.
func redirectsTo(m *taint.Module, e python.Expr, obj string) bool {
	c, ok := e.(*python.Call)
	if !ok || len(c.Args) != 1 || len(c.Keywords) > 0 {
		return false
	}
	switch callee(m, c) {
	case "redirect", "HttpResponseRedirect":
	default:
		return false
	}
	a := c.Args[0]
	if u, ok := a.(*python.Call); ok && len(u.Args) == 0 {
		if f, ok := u.Func.(*python.Attribute); ok && f.Attr == "get_absolute_url" {
			a = f.Value
		}
	}
	return access.Dotted(a) == obj
}

// parentObject reports a lookup value that is an object the view got from
// a call (article = get_article(...), self.article = ...), not an id from
// the URL or the request.
func parentObject(e python.Expr, objects map[string]bool) bool {
	d := access.Dotted(e)
	return d != "" && objects[d]
}
