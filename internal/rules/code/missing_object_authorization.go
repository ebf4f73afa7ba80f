package code

import (
	"slices"
	"sort"
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
		What: "Reports views that require only a login (no permission, staff or object-level check) and look up an " +
			"object of a project model that has an owner (a user, owner, author, created_by or customer foreign " +
			"key) by an id from the URL or the request (get_object_or_404(Model, pk=pk), Model.objects.get(id=...), " +
			"generic DetailView/UpdateView/DeleteView with model = Model and no get_queryset), when the lookup does " +
			"not filter on request.user and the view does not compare the object's owner with request.user nor " +
			"call has_perm or check_object_permissions. The confidence is medium: some objects are meant to be " +
			"shared by every logged-in user.",
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
		if len(owned) == 0 || model.PathMiddleware() {
			// a middleware that checks permissions per path may check
			// the object too: the view's code does not tell
			return
		}
		byView := map[*access.View][]*access.Route{}
		var views []*access.View
		for _, r := range model.Routes {
			if r.View.Library {
				continue
			}
			if byView[r.View] == nil {
				views = append(views, r.View)
			}
			byView[r.View] = append(byView[r.View], r)
		}
		sort.Slice(views, func(i, j int) bool { return views[i].QName < views[j].QName })
		for _, v := range views {
			if !loginOnly(byView[v]) {
				continue
			}
			m, def, body := v.Code()
			if m == nil || inTests(m) || checksObject(body) {
				continue
			}
			params := map[string]bool{}
			for _, r := range byView[v] {
				for p, conv := range r.Params {
					if conv != "uuid" {
						params[p] = true
					}
				}
			}
			if v.Class != nil && genericObjectView(pass, prog, v, owned, def) {
				continue
			}
			reportLookup(pass, prog, m, body, params, owned)
		}
	},
}

// ownerFields are the foreign keys that make an object someone's.
var ownerFields = map[string]bool{"user": true, "owner": true, "author": true, "created_by": true, "customer": true,
	"uploaded_by": true, "submitted_by": true, "buyer": true, "patient": true, "student": true}

// ownedModels returns the project models with an owner foreign key, by
// class name.
func ownedModels(prog *taint.Program) map[string]string {
	out := map[string]string{}
	// In name order: where two models share a class name, the last in
	// that order wins, whatever the map's order.
	classes := make([]*taint.Class, 0, len(prog.Classes))
	for _, c := range prog.Classes {
		classes = append(classes, c)
	}
	slices.SortFunc(classes, func(a, b *taint.Class) int { return strings.Compare(a.QName, b.QName) })
	for _, c := range classes {
		if inTests(c.Module) {
			continue
		}
		for _, s := range c.Def().Body {
			a, ok := s.(*python.Assign)
			if !ok || len(a.Targets) != 1 {
				continue
			}
			n, ok := a.Targets[0].(*python.Name)
			if !ok || !ownerFields[n.ID] {
				continue
			}
			call, ok := a.Value.(*python.Call)
			if !ok {
				continue
			}
			switch lastName(c.Module.QualName(call.Func)) {
			case "ForeignKey", "OneToOneField":
				out[c.Def().Name] = n.ID
			}
		}
	}
	return out
}

// loginOnly: every route of the view requires a login and none requires a
// permission, staff, a credential or a secret URL.
func loginOnly(routes []*access.Route) bool {
	for _, r := range routes {
		login := false
		for _, g := range r.Guards {
			switch g.Kind {
			case access.Login:
				login = true
			case access.Staff, access.Superuser, access.Permission, access.Credential, access.SignedURL, access.Capability:
				return false
			}
		}
		if !login || r.Auth.Value == string(access.Unknown) {
			return false
		}
	}
	return len(routes) > 0
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
			return "the " + key + " from the URL", true
		}
	}
	return "", false
}

func reportLookup(pass *analysis.Pass, prog *taint.Program, m *taint.Module, body []python.Stmt, params map[string]bool, owned map[string]string) {
	assigned := lookupTargets(body)
	for _, s := range body {
		python.Inspect(s, func(n python.Node) bool {
			c, ok := n.(*python.Call)
			if !ok {
				return true
			}
			var modelExpr python.Expr
			q := m.QualName(c.Func)
			switch {
			case lastName(q) == "get_object_or_404" && len(c.Args) > 0:
				modelExpr = c.Args[0]
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
			if !ok || scopedToRequest(modelExpr) {
				return true
			}
			var from string
			for _, k := range c.Keywords {
				if k.Arg == "" || scopedToRequest(k.Value) {
					return true
				}
				if f, ok := idFrom(k, params); ok {
					from = f
				}
			}
			if from == "" || checkedByCall(prog, m, body, assigned[c]) {
				return true
			}
			pass.Reportf(m.Location(c), "%s is looked up by %s in a view that requires only a login, with no filter on request.user and no object permission check: any account can reach another's %s by changing the id (%s.%s is its owner)",
				name, from, name, name, owner)
			return false
		})
	}
}

// genericObjectView reports DetailView/UpdateView/DeleteView subclasses
// that serve an owned model from every row (no get_queryset, get_object).
func genericObjectView(pass *analysis.Pass, prog *taint.Program, v *access.View, owned map[string]string, def python.Node) bool {
	c := v.Class
	if !prog.IsSubclass(c, func(q string) bool {
		switch lastName(q) {
		case "DetailView", "UpdateView", "DeleteView":
			return true
		}
		return false
	}) {
		return false
	}
	for cl := c; cl != nil; {
		for _, name := range []string{"get_queryset", "get_object"} {
			if cl.Methods[name] != nil {
				return true
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
	var modelName string
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
			modelName = lastName(c.Module.QualName(a.Value))
		case "queryset":
			if scopedToRequest(a.Value) {
				return true
			}
			if call, ok := a.Value.(*python.Call); ok {
				if at, ok := call.Func.(*python.Attribute); ok {
					if o, ok := at.Value.(*python.Attribute); ok && o.Attr == "objects" {
						modelName = lastName(c.Module.QualName(o.Value))
					}
				}
			}
		}
	}
	owner, ok := owned[modelName]
	if !ok {
		return true
	}
	pass.Reportf(c.Module.DefLocation(def), "view %s serves any %s by the pk in the URL to every logged-in user: it requires only a login and does not limit its queryset to request.user (%s.%s is the owner)",
		c.Def().Name, modelName, modelName, owner)
	return true
}

// lookupTargets maps the calls of body assigned to a name (group =
// get_object_or_404(Group, id=group_id)) to that name.
func lookupTargets(body []python.Stmt) map[*python.Call]string {
	out := map[*python.Call]string{}
	python.EachStmt(body, func(s python.Stmt) {
		a, ok := s.(*python.Assign)
		if !ok || len(a.Targets) != 1 {
			return
		}
		n, ok := a.Targets[0].(*python.Name)
		if !ok {
			return
		}
		if c, ok := a.Value.(*python.Call); ok {
			out[c] = n.ID
		}
	})
	return out
}

// checkedByCall reports whether body hands the object in local obj and
// the requester together to a check of the project's own: a method of the
// object given the user whose result is not used (it raises:
// group.raise_not_deletable(request.user)) or decides a denial (if not
// obj.editable_by(user): raise PermissionDenied), or a project function
// given both that turns the request away itself or whose result does
// (if not permissions.is_author(user=request.user, proposal=proposal)).
func checkedByCall(prog *taint.Program, m *taint.Module, body []python.Stmt, obj string) bool {
	if obj == "" {
		return false
	}
	found := false
	python.EachStmt(body, func(s python.Stmt) {
		if found {
			return
		}
		switch x := s.(type) {
		case *python.ExprStmt:
			if c, ok := x.Value.(*python.Call); ok {
				found = objectCheck(prog, m, c, obj, true)
			}
		case *python.If:
			if !access.Denies(prog, m, x.Body, false) && !access.Denies(prog, m, x.Orelse, false) {
				return
			}
			python.Inspect(x.Test, func(n python.Node) bool {
				if c, ok := n.(*python.Call); ok && objectCheck(prog, m, c, obj, false) {
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
// requester: obj's own method given the requester, or a project function
// given both; discarded says its result is not used, so that a function
// must turn the request away itself to count.
func objectCheck(prog *taint.Program, m *taint.Module, c *python.Call, obj string, discarded bool) bool {
	if a, ok := c.Func.(*python.Attribute); ok {
		if n, ok := a.Value.(*python.Name); ok && n.ID == obj {
			return passesRequester(c)
		}
	}
	if !passesBoth(c, obj) {
		return false
	}
	if discarded {
		return helperDenies(prog, m, c)
	}
	return prog.LookupFunc(prog.Canonical(m.QualName(c.Func))) != nil
}

// helperDenies reports whether c calls a project function that turns the
// request away itself.
func helperDenies(prog *taint.Program, m *taint.Module, c *python.Call) bool {
	f := prog.LookupFunc(prog.Canonical(m.QualName(c.Func)))
	return f != nil && access.Denies(prog, f.Module, f.Def().Body, false)
}

// passesBoth reports whether c is given the object in obj and the
// requester, by position or keyword.
func passesBoth(c *python.Call, obj string) bool {
	hasObj := false
	for _, a := range callArgs(c) {
		if n, ok := a.(*python.Name); ok && n.ID == obj {
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
