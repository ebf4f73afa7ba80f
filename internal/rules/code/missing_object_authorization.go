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
			if from == "" {
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
