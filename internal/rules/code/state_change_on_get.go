package code

import (
	"fmt"
	"strings"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/settings"
	"github.com/djsec/djsec/internal/taint"
)

// StateChangeOnGet finds views whose GET handler writes to the database:
// GET requests carry the session cookie across sites and Django's CSRF
// check leaves them alone.
var StateChangeOnGet = &analysis.Rule{
	ID:         "DJC227",
	Name:       "state-change-on-get",
	Severity:   report.Medium,
	Confidence: report.MediumConfidence,
	CWE:        []int{352},
	Checklist:  []int{7},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A view writes to the database on a GET request",
		What: "Reports the get() method of a routed class-based view, and a function view that accepts only GET " +
			"or HEAD (require_GET, require_safe, require_http_methods([\"GET\"])), a DRF view only when it " +
			"authenticates by session, when it writes to the database, directly (save, create, update, delete, many-to-many " +
			"add/remove/set/clear, raw SQL; the save() of an object of a class of the project that is no model and defines save itself counts for what that save changes: " +
			"notices = Notices(request); notices.save() that keeps them in the session writes nothing; so does the save() of a plain DRF Serializer whose create() builds an object in memory), through a method of the view, through a method of a model object it " +
			"loaded (flag = get_object_or_404(Flag, pk=pk); flag.approve()) or through a project function (each read as the call runs it: " +
			"a branch that parameters the call leaves at their literal defaults, or passes literals, decide does not run, as in self.ask_for_code() with form=None " +
			"and the join under if form is not None), and " +
			"renders no page: no render(), no render_to_response, no super().get(), no shortcut of the project for them (a function named render... or ..._response that calls one, or renders a template it gets: tendenci's themed_response imported as render_to_resp). A page that records a visit " +
			"while it shows something (a view counter, marking notifications read) renders and is not reported, and " +
			"writes only to a model that keeps what users have read or visited (TopicRead, ForumReadTrack, PageVisit: marking " +
			"a topic unread) or a log of what they did (EventLog, AuditLog, LogEntry; also a row added to a model of an app that counts uses: stats.models.Record.objects.create(...)), and saves of counters alone " +
			"(update_fields=[\"number_of_downloads\"]) or of flags that say a row was read or opened (has_been_opened = True, " +
			"request.user.seen_updates = now() then request.user.save(), also in a project " +
			"function the view calls), are not state changes, nor is a document saved to the path or buffer it is given (wb.save(tmp.name) of a spreadsheet, a PDF canvas's save()); " +
			"nor are views reached by a signed or unguessable URL (an e-mail confirmation link), whose link " +
			"another site cannot make, nor writes that follow the fetch of a row by a secret the URL carries " +
			"(invite = get_object_or_404(Invite, token=token), also in a method of the view it calls: self.get_object()), nor an OAuth provider's callback, a GET by the protocol, that checks the " +
			"state its flow kept (authlib's authorize_access_token, if not self.verify_state(): return ..., or the state read from the " +
			"session beside the code from the query string, or compared with the query string's: if request.GET.get(\"state\") != state), nor a view that starts by answering 404 unless a setting every production settings " +
			"module turns off is on (a development aid: if not settings.DEMO_RESET: raise Http404). A function view that takes every method is read only when its input is the query string alone " +
			"(it reads request.GET and never request.method, POST, body, data or FILES): a link is how it is used; any other usually changes " +
			"data only under if request.method == \"POST\". Only views that act for the user the browser's cookies identify are reported " +
			"(they require a login, staff or a permission, or read request.user or the session): for a visitor the view does not know, a " +
			"forged link does no more than a direct request (an open write is DJC213's). Where every production settings module sets SESSION_COOKIE_SAMESITE = \"Strict\" " +
			"(not from the environment), findings are low: browsers send that cookie with no request another site starts. So is a get() that reads " +
			"nothing the client sends (no query string, body or URL parameter) and only saves the requester's own row (request.user.save(), " +
			"profile = request.user.profile; profile.save()) with values the server computes, deleting nothing: a rotated token it shows them, a " +
			"recomputed field.",
		Why: "Django's CsrfViewMiddleware checks POST, PUT, PATCH and DELETE, never GET, and browsers send the " +
			"session cookie with a GET navigation from another site even under SameSite=Lax. Any page the user " +
			"visits, or a link in a message, can make their browser fetch the URL, and the change (approving, " +
			"deleting, toggling, following) is made in their name.",
		Bad: "class FlagApproveView(LoginRequiredMixin, View):\n    def get(self, request, pk):\n" +
			"        get_object_or_404(Flag, pk=pk).approve()\n        return redirect(\"flags\")",
		Good: "class FlagApproveView(LoginRequiredMixin, View):\n    def post(self, request, pk):\n" +
			"        get_object_or_404(Flag, pk=pk).approve()\n        return redirect(\"flags\")",
		Fix: "Make the change in post() and turn the link into a small form with {% csrf_token %} and a button; " +
			"keep get() to showing a page (a confirmation page whose form POSTs, for links sent by e-mail).",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/csrf/#how-it-works",
			"https://cwe.mitre.org/data/definitions/352.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		model := access.Analyze(pass.Project)
		memo := map[writeKey]writeFound{}
		strict := strictSessionCookie(pass.Project)
		for _, v := range getViews(model) {
			handler, name := v.Func, lastName(v.QName)
			if v.Class != nil {
				handler, name = methodOf(prog, v.Class, "get"), lastName(v.Class.QName)+".get"
				if handler != nil && handler.Class != v.Class {
					continue // an inherited get is judged where it is defined, on a view routed there
				}
			}
			if handler == nil || inTests(handler.Module) || anonymousByNature().MatchString(lastName(v.QName)) ||
				rendersPage(prog, handler.Module, handler.Def(), 0) {
				continue
			}
			if offInProduction(pass.Project, []*python.FunctionDef{handler.Def()}) != "" ||
				v.Class != nil && offInProduction(pass.Project, dispatchOf(v.Class)) != "" {
				continue // a development and test aid, which answers 404 in production
			}
			if oauthCallback(handler.Def()) || v.Class != nil && oauthStateVerified(v.Class.Def()) {
				// an OAuth provider's redirect target, a GET by the
				// protocol, whose state check stops forged callbacks
				continue
			}
			what, ok := getWrite(prog, v.Class, handler, nil, 0, memo)
			if !ok {
				continue
			}
			msg := fmt.Sprintf("%s writes to the database (%s) on a GET request, which Django's CSRF check "+
				"leaves alone: another site can make a logged-in user's browser fetch %s, and the change is made in their name",
				name, what, patternsOf(model, v)[0])
			if ownRowRedone(prog, v.Class, handler, memo) {
				pass.Report(analysis.Diagnostic{
					Location: handler.Module.DefLocation(handler.Def()),
					Severity: report.Low,
					Message: msg + "; but it saves only the requester's own row (request.user, or a row reached from it), with values the " +
						"server computes and nothing of the request: a forged GET only makes it do again what it does for them (a " +
						"recomputed field, a new token shown to them alone)",
				})
				continue
			}
			if strict {
				pass.Report(analysis.Diagnostic{
					Location: handler.Module.DefLocation(handler.Def()),
					Severity: report.Low,
					Message: msg + "; but every production settings module sets SESSION_COOKIE_SAMESITE = \"Strict\", so browsers send " +
						"the session cookie with no request another site starts, a followed link included (sites under the same domain still can)",
				})
				continue
			}
			pass.Report(analysis.Diagnostic{Location: handler.Module.DefLocation(handler.Def()), Message: msg})
		}
	},
}

// ownRowRedone reports a handler that reads nothing the client sends (no
// query string, body or URL parameter beyond self and request) and whose
// every write is a save() of request.user or of a name set from it
// (profile = request.user.profile), with no delete and no method of the
// view that writes: a GET another site forges makes it redo, on the
// requester's own row, what the server computes.
func ownRowRedone(prog *taint.Program, view *taint.Class, handler *taint.Func, memo map[writeKey]writeFound) bool {
	def := handler.Def()
	if len(def.Args.Args) > 2 || def.Args.Vararg != nil || def.Args.Kwarg != nil {
		return false // get(self, request, pk): the URL chooses something
	}
	own := map[string]bool{}
	python.EachStmt(def.Body, func(s python.Stmt) {
		if a, ok := s.(*python.Assign); ok && len(a.Targets) == 1 && strings.HasPrefix(access.Dotted(a.Value), "request.user") {
			if n, ok := a.Targets[0].(*python.Name); ok {
				own[n.ID] = true
			}
		}
	})
	saves, ok := 0, true
	python.Inspect(def, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.Attribute:
			if rawRequestParts[x.Attr] || x.Attr == "data" {
				if strings.HasSuffix(access.Dotted(x.Value), "request") {
					ok = false
				}
			}
		case *python.Call:
			a, isAttr := x.Func.(*python.Attribute)
			if !isAttr {
				return ok
			}
			if recv, isName := a.Value.(*python.Name); isName && recv.ID == "self" && view != nil {
				// self.success(...) answers; a method that writes
				// writes something else
				if m := methodOf(prog, view, a.Attr); m != nil && m != handler {
					if _, writes := getWrite(prog, view, m, x, 1, memo); writes {
						ok = false
					}
				}
				return ok
			}
			switch a.Attr {
			case "delete", "update", "create", "bulk_update", "bulk_create", "get_or_create", "update_or_create":
				ok = false
			case "save":
				if len(x.Args) > 0 {
					ok = false // a FileField's save(name, content) stores a file too
					return ok
				}
				recv := access.Dotted(a.Value)
				root, _, _ := strings.Cut(recv, ".")
				if strings.HasPrefix(recv, "request.user") || own[root] && recv == root {
					saves++
				} else {
					ok = false
				}
			}
		}
		return ok
	})
	return ok && saves > 0
}

// strictSessionCookie reports a project whose every production settings
// module sets SESSION_COOKIE_SAMESITE to "Strict", whatever the
// environment: browsers then send the session cookie with no request
// another site starts, so a forged GET arrives anonymous.
func strictSessionCookie(p *project.Project) bool {
	prod := settings.Load(p).Production()
	for _, e := range prod {
		c, ok := settings.Holds(e.Value("SESSION_COOKIE_SAMESITE"), func(v *settings.Value) bool {
			return v.IsString() && strings.EqualFold(v.S, "strict")
		})
		if !ok || len(c.Vars) > 0 {
			return false
		}
	}
	return len(prod) > 0
}

// getViews returns the project's routed views whose GET handler a
// browser reaches with its session: class-based views, and function views
// that accept only GET or HEAD (require_GET, require_safe, @api_view
// without methods); not DRF views that authenticate otherwise, and not
// views whose every route is reached by a signed or unguessable URL. A
// function view that takes every method usually changes data only under
// if request.method == "POST", which is not read here.
func getViews(model *access.Model) []*access.View {
	keep := map[*access.View]bool{}
	for _, r := range model.Routes {
		v := r.View
		if v.Library || v.Class == nil && (v.Func == nil || !safeMethodsOnly(v.Methods) && !linkDriven(r)) || v.DRF && !v.Session || keep[v] {
			continue
		}
		secret := false
		for _, g := range r.Guards {
			secret = secret || g.Kind == access.SignedURL || g.Kind == access.Capability
		}
		keep[v] = !secret && actsForUser(r)
	}
	return chosenViews(keep)
}

// actsForUser reports a route whose view acts for the user the browser's
// cookies identify: it requires a login, staff or a permission (or
// something djsec cannot see into may), or its code reads request.user or
// the session. A forged link gains nothing from the browser of a visitor
// such a view does not know: anyone can send the same request directly.
func actsForUser(r *access.Route) bool {
	for _, g := range r.Guards {
		switch g.Kind {
		case access.Login, access.Staff, access.Superuser, access.Permission, access.Unknown:
			return true
		}
	}
	var code python.Node
	switch v := r.View; {
	case v.Class != nil:
		code = v.Class.Def()
	case v.Func != nil:
		code = v.Func.Def()
	default:
		return true
	}
	found := false
	python.Inspect(code, func(n python.Node) bool {
		if a, ok := n.(*python.Attribute); ok && (a.Attr == "user" || a.Attr == "session") {
			recv := access.Dotted(a.Value)
			found = found || recv == "request" || strings.HasSuffix(recv, ".request")
		}
		return !found
	})
	return found
}

// linkDriven reports the function view of a route that takes every
// method yet is driven by links: it reads the query string (request.GET)
// and never asks which method came, nor reads a body (request.POST,
// body, data, FILES). Such a view does on a GET whatever it does.
func linkDriven(r *access.Route) bool {
	v := r.View
	if len(v.Methods) > 0 || v.DRF {
		return false
	}
	query, other := false, false
	python.Inspect(v.Func.Def(), func(n python.Node) bool {
		a, ok := n.(*python.Attribute)
		if !ok || other {
			return !other
		}
		if recv := access.Dotted(a.Value); recv == "request" || strings.HasSuffix(recv, ".request") {
			switch a.Attr {
			case "GET":
				query = true
			case "method", "POST", "body", "data", "FILES", "is_ajax", "accepts":
				other = true
			}
		}
		return true
	})
	return query && !other
}

// safeMethodsOnly reports whether a view declares that it takes only
// methods that must not change anything: GET, HEAD, OPTIONS.
func safeMethodsOnly(methods []string) bool {
	for _, m := range methods {
		if m != "GET" && m != "HEAD" && m != "OPTIONS" {
			return false
		}
	}
	return len(methods) > 0
}

// rendersPage reports whether a handler shows a page: it calls render,
// render_to_response, TemplateResponse or the get() of its base, or a
// project's shortcut for them (pageShortcut) that calls one of those or
// renders a template it gets (render_to_resp(request=request,
// template_name=...) of tendenci's themed_response).
func rendersPage(prog *taint.Program, m *taint.Module, def *python.FunctionDef, depth int) bool {
	found := false
	for _, s := range def.Body {
		python.Inspect(s, func(n python.Node) bool {
			c, ok := n.(*python.Call)
			if found || !ok {
				return !found
			}
			switch callee(m, c) {
			case "render", "render_to_response", "render_to_string", "TemplateResponse", "SimpleTemplateResponse":
				found = true
			case "get":
				// super().get(request, ...)
				if a, ok := c.Func.(*python.Attribute); ok {
					if sc, ok := a.Value.(*python.Call); ok && callee(m, sc) == "super" {
						found = true
					}
				}
			case "get_template", "select_template":
				// template = get_template(name); return
				// HttpResponse(template.render(...)): in a shortcut
				found = depth > 0
			default:
				if depth == 0 && pageShortcut(c, callee(m, c)) {
					if f := access.LookupFunc(prog, m, prog.Canonical(m.QualName(c.Func))); f != nil {
						found = rendersPage(prog, f.Module, f.Def(), depth+1)
					}
				}
			}
			return !found
		})
	}
	return found
}

// pageShortcut reports a call named as a project's shortcut for render(),
// by its own name or the one the module imports it under
// (themed_response as render_to_resp).
func pageShortcut(c *python.Call, name string) bool {
	local := name
	if n, ok := c.Func.(*python.Name); ok {
		local = n.ID
	}
	for _, s := range []string{name, local} {
		if strings.HasPrefix(s, "render") || strings.HasSuffix(s, "_response") {
			return true
		}
	}
	return false
}

// getWrite returns what a method writes to the database, looking into
// the view's own methods it calls on self, the methods of model objects
// it loads, and project functions, up to two calls deep.
// A method is read as the call c runs it (nil for the handler itself):
// self.ask_for_access_code() leaves out the form whose branch joins.
func getWrite(prog *taint.Program, view *taint.Class, f *taint.Func, c *python.Call, depth int, memo map[writeKey]writeFound) (string, bool) {
	body, defaults := f.Def().Body, ""
	if c != nil {
		body, defaults = prunedBody(prog, f, c, true)
	}
	k := writeKey{view, f, depth, defaults}
	if r, ok := memo[k]; ok {
		return r.what, r.ok
	}
	what, ok := findWrite(prog, view, f, body, depth, memo)
	memo[k] = writeFound{what, ok}
	return what, ok
}

// writeKey and writeFound keep getWrite's answers for the scan: a view's
// get that calls thousands of methods, each calling thousands more, was
// read again at every call.
type writeKey struct {
	view     *taint.Class
	f        *taint.Func
	depth    int
	defaults string // the parameters the call leaves at their defaults
}

type writeFound struct {
	what string
	ok   bool
}

func findWrite(prog *taint.Program, view *taint.Class, f *taint.Func, body []python.Stmt, depth int, memo map[writeKey]writeFound) (string, bool) {
	m := f.Module
	for i := range body {
		if access.SecretGate(body, i) || access.SecretHelper(prog, view, body[i]) {
			// invite = get_object_or_404(Invite, token=token), or
			// self.get_object() that makes that fetch: what follows
			// runs only for whoever holds the secret, which the site
			// that would forge the request does not
			body = body[:i]
			break
		}
	}
	if w, ok := directWrite(prog, m, body); ok {
		return w, true
	}
	if depth >= 2 {
		return "", false
	}
	// a fetched row's methods are read below, naming the row
	if hf, hc, ok := helperChange(prog, m, body, false); ok && hc.What == "database write" && !ensures(hc.Node) && !markerWrite(hf.Def().Body, hc.Node) {
		return lastName(hf.QName) + "(), " + hf.Module.Text(hc.Node), true
	}
	loaded := loadedModels(prog, m, body)
	var what string
	for _, s := range body {
		python.Inspect(s, func(n python.Node) bool {
			c, ok := n.(*python.Call)
			if what != "" || !ok {
				return what == ""
			}
			a, ok := c.Func.(*python.Attribute)
			if !ok {
				return true
			}
			recv, ok := a.Value.(*python.Name)
			if !ok {
				return true
			}
			var callee *taint.Func
			switch {
			case recv.ID == "self" && view != nil:
				callee = methodOf(prog, view, a.Attr)
			case loaded[recv.ID] != nil:
				callee = methodOf(prog, loaded[recv.ID], a.Attr)
			}
			if callee == nil || callee == f || inTests(callee.Module) {
				return true
			}
			next := view
			if recv.ID != "self" {
				next = callee.Class
			}
			if w, ok := getWrite(prog, next, callee, c, depth+1, memo); ok {
				what = recv.ID + "." + a.Attr + "(), " + w
			}
			return what == ""
		})
	}
	return what, what != ""
}

// directWrite returns the first database write a body makes itself that
// is more than keeping a record of the visit: get_or_create and
// update_or_create (a row the page needs, made once), a save of an
// object whose read, seen or count field the body just set or that names
// only such fields (update_fields), and a save that fills in a field
// that was empty (if not recipe.link: recipe.link = ...; recipe.save())
// are left out.
func directWrite(prog *taint.Program, m *taint.Module, body []python.Stmt) (string, bool) {
	marked, fills := visitMarks(body), fillSaves(body)
	what := ""
	python.EachStmt(body, func(s python.Stmt) {
		if what != "" || compound(s) {
			return
		}
		c, ok := access.SharedStateChange(prog, m, []python.Stmt{s})
		if !ok || c.What != "database write" {
			return
		}
		if call, ok := c.Node.(*python.Call); ok && (ensures(call) || fills[call] || recordsVisit(call, marked) || readMarker(body, call) || access.LogRow(m, call) ||
			access.SaveWritesNothing(prog, m, body, call)) {
			return
		}
		what = m.Text(c.Node)
	})
	return what, what != ""
}

// markerModelRE matches the names of models that keep what a user has
// read or visited: TopicRead, ForumReadTrack, ArticleSeen, PageVisit.
// Logs are markers too: an EventLog or AuditLog row records that the page
// was fetched.
var markerModelRE = lazyre.New(`(Read|Reads|ReadTrack|ReadTracker|Seen|Visit|Visits|PageView|PageViews|Log|LogEntry|Audit|AuditEntry|AuditTrail)$`)

// readMarker reports a write to a row of such a model: marking a topic
// read or unread on GET changes a badge, not the site's data. The row is
// written through the model (TopicRead.objects.filter(...).delete()) or
// through a name the body binds to one (tr = TopicRead(...); tr.save()).
func readMarker(body []python.Stmt, call *python.Call) bool {
	if markerRoot(call.Func) {
		return true
	}
	a, ok := call.Func.(*python.Attribute)
	if !ok {
		return false
	}
	nm, ok := a.Value.(*python.Name)
	if !ok {
		return false
	}
	bound, marker := false, true
	python.EachStmt(body, func(s python.Stmt) {
		if as, ok := s.(*python.Assign); ok && len(as.Targets) == 1 {
			if t, ok := as.Targets[0].(*python.Name); ok && t.ID == nm.ID {
				bound = true
				marker = marker && markerRoot(as.Value)
			}
		}
	})
	return bound && marker
}

// markerWrite reports a write node of body that goes to a read-marker or
// log model (readMarker): log_event() creating an EventLog row.
func markerWrite(body []python.Stmt, n python.Node) bool {
	c, ok := n.(*python.Call)
	return ok && (readMarker(body, c) || recordsVisit(c, visitMarks(body)))
}

// markerRoot reports whether e is built on a read-marker model's name:
// TopicRead(...), TopicRead.objects.filter(...).first().
func markerRoot(e python.Expr) bool {
	for {
		switch x := e.(type) {
		case *python.Call:
			e = x.Func
		case *python.Attribute:
			e = x.Value
		case *python.Name:
			return markerModelRE().MatchString(x.ID)
		default:
			return false
		}
	}
}

// ensures reports whether a write is get_or_create or update_or_create:
// a row the page needs, made the first time.
func ensures(n python.Node) bool {
	c, ok := n.(*python.Call)
	if !ok {
		return false
	}
	a, ok := c.Func.(*python.Attribute)
	return ok && (a.Attr == "get_or_create" || a.Attr == "update_or_create")
}

// recordsVisit reports a write that only records a visit: a save of an
// object whose visit fields the body set (marked), a save naming only
// visit fields in update_fields, an update() of visit fields alone.
func recordsVisit(call *python.Call, marked map[string]bool) bool {
	a, ok := call.Func.(*python.Attribute)
	if !ok {
		return false
	}
	switch a.Attr {
	case "save":
		// tr.save(), request.user.save()
		d := access.Dotted(a.Value)
		return d != "" && marked[d] || visitFieldsOnly(call)
	case "update":
		return len(call.Args) == 0 && len(call.Keywords) > 0 && allMarks(call.Keywords)
	}
	return false
}

// visitFields are the fields a page sets to record that it was seen.
var visitFields = lazyre.New(`(?i)^(is_|has_been_|was_)?(read|seen|viewed|visited|opened)(_at|_on|_date)?$|^last_(seen|viewed|visit|visited|read|access|accessed|activity)|^seen_|^(views?|hits|visits|clicks|downloads)$|_count$|^number_of_|^unread_`)

// visitFieldsOnly reports a save(update_fields=[...]) that names only
// visit fields: user.save(update_fields=["unread_notifications"]).
func visitFieldsOnly(c *python.Call) bool {
	for _, k := range c.Keywords {
		if k.Arg != "update_fields" {
			continue
		}
		names := python.SeqElts(k.Value)
		for _, n := range names {
			if f, ok := constStr(n); !ok || !visitFields().MatchString(f) {
				return false
			}
		}
		return len(names) > 0
	}
	return false
}

// fillSaves returns the saves of an object that fill in one of its fields
// left empty: if not obj.link: obj.link = make_link(obj); obj.save(), a
// value computed once and kept, which the page would compute otherwise.
func fillSaves(body []python.Stmt) map[*python.Call]bool {
	out := map[*python.Call]bool{}
	python.EachStmt(body, func(s python.Stmt) {
		ifs, ok := s.(*python.If)
		if !ok {
			return
		}
		obj, field := emptyField(ifs.Test)
		if obj == "" {
			return
		}
		set := false
		for _, st := range ifs.Body {
			switch x := st.(type) {
			case *python.Assign:
				for _, t := range x.Targets {
					if at, ok := t.(*python.Attribute); ok && at.Attr == field {
						if nm, ok := at.Value.(*python.Name); ok && nm.ID == obj {
							set = true
						}
					}
				}
			case *python.ExprStmt:
				c, ok := x.Value.(*python.Call)
				if !ok || !set {
					continue
				}
				if a, ok := c.Func.(*python.Attribute); ok && a.Attr == "save" {
					if nm, ok := a.Value.(*python.Name); ok && nm.ID == obj {
						out[c] = true
					}
				}
			}
		}
	})
	return out
}

// emptyField reads a test that a field is empty: not obj.field, or
// obj.field is None.
func emptyField(test python.Expr) (obj, field string) {
	var e python.Expr
	switch t := test.(type) {
	case *python.UnaryOp:
		if t.Op == python.Not {
			e = t.Operand
		}
	case *python.Compare:
		if len(t.Ops) == 1 && t.Ops[0] == python.Is {
			if c, ok := t.Comparators[0].(*python.Constant); ok && c.Value == (python.None{}) {
				e = t.Left
			}
		}
	}
	if a, ok := e.(*python.Attribute); ok {
		if nm, ok := a.Value.(*python.Name); ok {
			return nm.ID, a.Attr
		}
	}
	return "", ""
}

// visitMarks returns the names of objects whose visit fields the body sets.
func visitMarks(body []python.Stmt) map[string]bool {
	out := map[string]bool{}
	python.EachStmt(body, func(s python.Stmt) {
		var targets []python.Expr
		switch a := s.(type) {
		case *python.Assign:
			targets = a.Targets
		case *python.AugAssign:
			targets = []python.Expr{a.Target}
		}
		for _, t := range targets {
			if at, ok := t.(*python.Attribute); ok && visitFields().MatchString(at.Attr) {
				// tr.read_at = now(), request.user.seen_updates = now()
				if d := access.Dotted(at.Value); d != "" {
					out[d] = true
				}
			}
		}
	})
	return out
}

// allMarks reports whether every keyword of an update() sets a visit field.
func allMarks(kws []*python.Keyword) bool {
	for _, k := range kws {
		if k.Arg == "" || !visitFields().MatchString(k.Arg) {
			return false
		}
	}
	return true
}

// compound reports whether s holds blocks of statements.
func compound(s python.Stmt) bool {
	switch s.(type) {
	case *python.If, *python.For, *python.While, *python.With, *python.Try, *python.Match, *python.FunctionDef, *python.ClassDef:
		return true
	}
	return false
}

// loadedModels returns the names a body binds to one object of a project
// model: x = get_object_or_404(Model, ...) or x = Model.objects.get(...).
func loadedModels(prog *taint.Program, m *taint.Module, body []python.Stmt) map[string]*taint.Class {
	out := map[string]*taint.Class{}
	python.EachStmt(body, func(s python.Stmt) {
		a, ok := s.(*python.Assign)
		if !ok || len(a.Targets) != 1 {
			return
		}
		nm, ok := a.Targets[0].(*python.Name)
		c, ok2 := a.Value.(*python.Call)
		if !ok || !ok2 {
			return
		}
		var modelExpr python.Expr
		switch callee(m, c) {
		case "get_object_or_404":
			if len(c.Args) > 0 {
				modelExpr = c.Args[0]
			}
		case "get":
			// Model.objects.get(...)
			if g, ok := c.Func.(*python.Attribute); ok {
				if o, ok := g.Value.(*python.Attribute); ok && o.Attr == "objects" {
					modelExpr = o.Value
				}
			}
		}
		if modelExpr == nil {
			return
		}
		if cls := prog.LookupClass(m.QualName(modelExpr)); cls != nil {
			out[nm.ID] = cls
		}
	})
	return out
}

// methodOf finds a method by name on a class or its project bases, depth
// first in the order of the bases.
func methodOf(prog *taint.Program, c *taint.Class, name string) *taint.Func {
	var seen taint.Classes
	var walk func(c *taint.Class, depth int) *taint.Func
	walk = func(c *taint.Class, depth int) *taint.Func {
		if c == nil || depth > 32 || !seen.Add(c) {
			return nil
		}
		if f := c.Methods[name]; f != nil {
			return f
		}
		for _, b := range c.Bases {
			if f := walk(prog.LookupClass(b), depth+1); f != nil {
				return f
			}
		}
		return nil
	}
	return walk(c, 0)
}
