package access

import (
	"bytes"
	"slices"
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/settings"
	"github.com/djsec/djsec/internal/taint"
)

// Kind is what a guard asks of a request.
type Kind string

// The kinds of guard, and the two verdicts that are not guards.
const (
	Login      Kind = "login"      // an authenticated user
	Staff      Kind = "staff"      // a staff user
	Superuser  Kind = "superuser"  // a superuser
	Permission Kind = "permission" // a permission or a test of the user
	Credential Kind = "credential" // an API key, token or signature sent with the request
	SignedURL  Kind = "signed-url" // a signed value or token in the URL, checked
	Capability Kind = "secret-url" // an unguessable id in the URL selects the object
	Public     Kind = "public"     // explicitly open to anyone (AllowAny, login_not_required)
	Unknown    Kind = "unknown"    // something djsec cannot see into may restrict it
	Open       Kind = "none"       // nothing restricts it
)

// Guard is one thing that restricts who reaches a view, with where it is
// decided.
type Guard struct {
	Kind  Kind
	What  string          // "login_required", "X-Api-Key header (authorize)"
	Where report.Location // the decorator, base class, setting or check
	When  string          // a condition it depends on: "settings.LOGIN_REQUIRED"
	// Global marks guards that apply to every view (middleware).
	Global bool
	// ReadsOpen marks a login guard that lets anonymous requests with
	// safe methods through (DRF's IsAuthenticatedOrReadOnly): it
	// requires a login only to write.
	ReadsOpen bool
	// ExemptBy names the project's decorators whose views a middleware
	// lets through (@signature_exempt).
	ExemptBy map[string]bool
	// Paths are the prefixes of the paths a middleware guards, when it
	// guards only those (pathGate); nil for every path. Except are those of
	// the paths it lets through before its check (exemptPrefixes).
	Paths, Except []string
	// Unauthorized marks a check that answers 401 Unauthorized when its
	// test fails, whatever the test reads (unauthenticatedIf): what the
	// request carries (a token, a client's secret), or the session.
	Unauthorized bool
}

// Decision is one column of a route: a value and where it was decided.
type Decision struct {
	Value  string
	Detail string
	Where  report.Location
}

// View is what djsec knows of one view.
type View struct {
	QName   string
	Where   report.Location // its def or class line; zero for library views
	Module  *taint.Module
	Func    *taint.Func  // function views
	Class   *taint.Class // class-based views
	ViewSet bool
	DRF     bool
	Library bool // not defined in the project
	// DefaultPermissions says a DRF view sets no permission_classes of its
	// own: REST_FRAMEWORK's DEFAULT_PERMISSION_CLASSES decides who may call it.
	DefaultPermissions bool

	Guards   []Guard // what restricts it (its own and its bases')
	Unknowns []Guard // what may restrict it that djsec cannot see into
	Publics  []Guard // what says it is open on purpose
	Exempt   *Guard  // csrf_exempt
	Throttle []Guard
	Methods  []string
	// Session is true when a DRF view authenticates with a session cookie
	// (SessionAuthentication); AuthWhere is where its authentication
	// classes were decided.
	Session   bool
	AuthClass Decision
	drfSeen   map[string]bool
	// Unread is a permission_required that nothing in the view's bases
	// reads (a plain View's), with where it is set; nil otherwise.
	Unread *Guard
	// SkipsCSRF is a session authentication class of the project, among
	// a DRF view's, whose enforce_csrf checks nothing; nil otherwise.
	SkipsCSRF *Guard
}

// Route is one URL pattern with its view and decisions.
type Route struct {
	Pattern string
	Name    string
	Where   report.Location
	View    *View
	Params  map[string]string // path parameter -> converter ("int", "uuid", "str", ...)
	Guards  []Guard           // URLconf wrappers, middleware and the view's own

	Auth       Decision
	Permission Decision
	CSRF       Decision
	Throttle   Decision
	Methods    []string
}

// Model is the access model of a project.
type Model struct {
	Routes []*Route
	Views  map[string]*View
	// Gate is a guard every view passes (LoginRequiredMiddleware, a project
	// middleware that turns anonymous users away); nil when there is none.
	Gate *Guard
	// Settings tells whether djsec read the production settings.
	Settings bool
	// Gates are every middleware that turns some requests away; Gate is
	// the one chosen to apply to every view.
	Gates []*Guard
	// MiddlewareUnknown is true when MIDDLEWARE could not be evaluated:
	// the gate, if any, comes from the middleware the settings name.
	MiddlewareUnknown bool
	// MiddlewareFrom names the library settings module (a star import of
	// blueapps.conf.default_settings) that gives MIDDLEWARE items djsec
	// cannot see, which may hold a login middleware; "" otherwise.
	MiddlewareFrom string
}

// Analyze builds the access model of a project, once per scan.
func Analyze(p *project.Project) *Model {
	return p.Memo("access.model", func() any { return analyze(p) }).(*Model)
}

type analyzer struct {
	proj    *project.Project
	prog    *taint.Program
	entry   *settings.Entry
	fnCache map[*taint.Func]Guard
	// inlineCache holds the guards found in a method's own code: base
	// classes are shared by hundreds of views.
	inlineCache map[*python.FunctionDef][]Guard
	csrf        *Decision // what MIDDLEWARE says of CSRF, once
	rateCache   map[*python.FunctionDef]Guard
	selfCache   map[*taint.Class][]Guard
	// permReads caches readsPermissionRequired for the bases every
	// view of a family shares.
	permReads map[*python.ClassDef]bool
	// handlerReaches is objectGetter.reaches, shared by every view.
	handlerReaches map[*python.FunctionDef]bool
	// unsigns holds, by name, what managerUnsigns found of the project's
	// manager methods.
	unsigns map[string]string
	// selfNames holds the methods a def calls on self, in the order a
	// walk meets them: the handlers of a base class are read for each of
	// the views that inherit them.
	selfNames map[*python.FunctionDef][]string
	// bases caches lookupClass for the bases of classes, which every view
	// that inherits them looks up again.
	bases map[baseKey]*taint.Class
	// mixins decides which classes are views and access mixins
	// (mixinorder.go), made with the analyzer.
	mixins *mixinMemo
	views  map[string]*View
	model  *Model
	// others are the settings modules of the tree when none is for
	// production: development, tests (middlewareOfEvery).
	others []*settings.Entry
}

func analyze(p *project.Project) *Model {
	prog := taint.Load(p)
	a := &analyzer{proj: p, prog: prog, fnCache: map[*taint.Func]Guard{}, inlineCache: map[*python.FunctionDef][]Guard{},
		rateCache: map[*python.FunctionDef]Guard{}, selfCache: map[*taint.Class][]Guard{}, permReads: map[*python.ClassDef]bool{}, handlerReaches: map[*python.FunctionDef]bool{}, selfNames: map[*python.FunctionDef][]string{}, bases: map[baseKey]*taint.Class{}, views: map[string]*View{}, model: &Model{}}
	a.mixins = newMixinMemo(prog, a.base)
	st := settings.Load(p)
	if prod := st.Production(); len(prod) > 0 {
		a.entry = prod[0]
		// A fragment (a module of a few settings that a complete one
		// reads) says nothing of the middleware or REST_FRAMEWORK the
		// site runs with, whatever its name sorts before.
		if i := slices.IndexFunc(prod, func(e *settings.Entry) bool { return !e.Fragment() }); i > 0 {
			a.entry = prod[i]
		}
	} else {
		a.others = st.Entries
	}
	a.model.Settings = a.entry != nil
	a.middleware()
	raws := walkURLConfs(p, prog)
	seen := map[string]bool{}
	for _, r := range raws {
		key := r.pattern + "\x00" + r.view
		if seen[key] {
			continue
		}
		seen[key] = true
		rt := a.route(r)
		if devOnly(rt.View) {
			continue // like a route added under if settings.DEBUG
		}
		a.model.Routes = append(a.model.Routes, rt)
	}
	sort.SliceStable(a.model.Routes, func(i, j int) bool { return a.model.Routes[i].Pattern < a.model.Routes[j].Pattern })
	a.model.Views = a.views
	return a.model
}

// setting returns a production setting's value, or nil.
func (a *analyzer) setting(name string) *settings.Value {
	if a.entry == nil {
		return nil
	}
	return a.entry.Value(name)
}

func settingStrings(v *settings.Value) ([]string, []settings.Origin, bool) {
	c, ok := settings.Check(v, func(v *settings.Value) bool { _, all := v.Strings(); return all })
	if !ok {
		return nil, nil, false
	}
	list, _ := c.V.Strings()
	var at []settings.Origin
	for _, e := range c.V.Elems {
		at = append(at, e.Origin)
	}
	return list, at, true
}

// middlewareAlways returns the middleware that every way of loading the
// settings installs (MIDDLEWARE may differ with DEBUG or other variables),
// with where each is listed; ok is false when MIDDLEWARE cannot be read.
func (a *analyzer) middlewareAlways() (names []string, where []report.Location, ok bool) {
	v := a.setting("MIDDLEWARE")
	if v == nil && a.entry != nil {
		return nil, nil, true // not set: Django's default is no middleware
	}
	if list, at, ok := settingStrings(v); ok {
		for i := range list {
			where = append(where, settings.Loc(at[min(i, len(at)-1)]))
		}
		return list, where, true
	}
	c, ok := settings.Holds(v, func(v *settings.Value) bool { return v.IsSeq() })
	if !ok {
		return nil, nil, false
	}
	for _, e := range c.V.Elems {
		if e.Kind == settings.Unknown {
			if lib := a.librarySettings(e.Why); lib != "" {
				// MIDDLEWARE += (...) after a star import of a
				// library's settings: the items it gives are not known
				a.model.MiddlewareFrom = lib
				return nil, nil, false
			}
			continue
		}
		if e.Kind != settings.Str {
			continue
		}
		name := e.S
		in, ok := settings.Holds(v, func(v *settings.Value) bool {
			list, _ := v.Strings()
			return slices.Contains(list, name)
		})
		if ok && len(in.Vars) == 0 {
			names = append(names, name)
			where = append(where, settings.Loc(e.Origin))
		}
	}
	return names, where, true
}

// librarySettings returns the module of a star import that an unknown
// value's reason names ("from blueapps.conf.default_settings import *"),
// when it is a library's: absolute, and of a package the project does not
// hold. A module of the project's own that the tree lacks (a git-ignored
// secrets file) gives secrets, not middleware.
func (a *analyzer) librarySettings(why string) string {
	m := starImportRE().FindStringSubmatch(why)
	if m == nil {
		return ""
	}
	top, _, _ := strings.Cut(m[1], ".")
	for _, mod := range a.prog.Modules {
		if first, _, _ := strings.Cut(mod.Name, "."); first == top {
			return ""
		}
	}
	return m[1]
}

// starImportRE matches the star import an unknown value's reason names.
var starImportRE = lazyre.New("`from ([A-Za-z_][\\w.]*) import \\*`")

// middlewareListed returns the middleware named by string literals in the
// project's settings modules, for when MIDDLEWARE itself cannot be read
// (built in loops or comprehensions): a gate listed there is most likely
// installed.
func (a *analyzer) middlewareListed() ([]string, []report.Location) {
	var names []string
	var where []report.Location
	for _, m := range a.prog.Modules {
		p := "/" + m.File.Path
		if !strings.Contains(p, "settings") || strings.Contains(p, "/tests/") || !bytesearch.Contains(m.Content(), "iddleware") {
			continue
		}
		python.Inspect(m.Tree(), func(n python.Node) bool {
			if c, ok := n.(*python.Constant); ok {
				if s, ok := c.Value.(string); ok && (strings.HasSuffix(s, "Middleware") || strings.Contains(s, ".middleware.")) && !strings.ContainsAny(s, " /") {
					names = append(names, s)
					where = append(where, m.Location(c))
				}
			}
			return true
		})
	}
	return names, where
}

// middlewareOfEvery returns, when the tree holds no production settings,
// the middleware that every settings module it holds installs, and the
// modules' names. Production, wherever it lives, is made like them
// (config/settings/dev.py and test.py both import base.py, which lists
// LoginRequiredMiddleware, and the servers name base.py in their
// environment): a gate that development and tests both install is the
// project's design, not a developer's convenience. ok is false when there
// is no such module or one's MIDDLEWARE cannot be read.
func (a *analyzer) middlewareOfEvery() (names []string, where []report.Location, modules string, ok bool) {
	var mods []string
	for _, e := range a.others {
		a.entry = e
		list, at, read := a.middlewareAlways()
		a.entry = nil
		if !read || e.Value("MIDDLEWARE") == nil {
			return nil, nil, "", false
		}
		if mods == nil {
			names, where = list, at
		} else {
			var keep []string
			var keepAt []report.Location
			for i, n := range names {
				if slices.Contains(list, n) {
					keep, keepAt = append(keep, n), append(keepAt, where[i])
				}
			}
			names, where = keep, keepAt
		}
		mods = append(mods, e.Name)
	}
	return names, where, strings.Join(mods, ", "), len(mods) > 0
}

// libraryGates are the middleware of libraries that send every request
// without a login to sign in, but for paths a setting lists.
var libraryGates = map[string]string{
	// django-staff-sso-client: a staff single sign-on for every view
	// but AUTHBROKER_ANONYMOUS_PATHS and AUTHBROKER_ANONYMOUS_URL_NAMES
	"authbroker_client.middleware.ProtectAllViewsMiddleware": "authbroker_client's ProtectAllViewsMiddleware",
	// django-login-required-middleware: all but LOGIN_REQUIRED_IGNORE_PATHS
	"login_required.middleware.LoginRequiredMiddleware": "django-login-required-middleware's LoginRequiredMiddleware",
}

// middleware finds a gate every view passes.
func (a *analyzer) middleware() {
	list, at, read := a.middlewareAlways()
	every := ""
	if a.entry == nil {
		list, at, every, read = a.middlewareOfEvery()
	}
	if !read && a.entry != nil {
		a.model.MiddlewareUnknown = true
		list, at = a.middlewareListed()
	}
	listed := ""
	if !read {
		listed = "listed in the settings; MIDDLEWARE could not be read in full; "
	}
	var gates []*Guard
	for i, mw := range list {
		if mw == "django.contrib.auth.middleware.LoginRequiredMiddleware" {
			g := &Guard{Kind: Login, What: "LoginRequiredMiddleware", Where: at[i], Global: true}
			if !read {
				g.What += " (" + strings.TrimSuffix(listed, "; ") + ")"
			}
			if every != "" {
				g.What += " (no production settings in the tree; every settings module it holds installs it: " + every + ")"
			}
			gates = append(gates, g)
			continue
		}
		if what, ok := libraryGates[mw]; ok {
			gates = append(gates, &Guard{Kind: Login, Where: at[i], Global: true, What: what + " (" + listed + "it may let some paths through)"})
			continue
		}
		if mw == "stronghold.middleware.LoginRequiredMiddleware" {
			gates = append(gates, &Guard{Kind: Login, Where: at[i], Global: true,
				What: "django-stronghold's LoginRequiredMiddleware (" + listed + "views marked @public, and the paths STRONGHOLD_PUBLIC_URLS names, are let through)"})
			continue
		}
		cls := lookupClass(a.prog, nil, mw)
		if cls == nil {
			continue
		}
		for _, name := range []string{"__call__", "process_view", "process_request"} {
			f := cls.Methods[name]
			if f == nil {
				continue
			}
			if g, ok := a.pathGate(f); ok {
				g.What = lastName(mw) + " (" + g.What + ")"
				g.Global = true
				gates = append(gates, &g)
				break
			}
			g, ok := a.behaviour(f)
			if (!ok || g.Kind == Credential) && setsRequestUser(f.Def()) {
				// a proxy's or a token's authentication, when who sent no
				// header is turned away: the others become request.user
				if at := deniedWithoutHeader(a.prog, f.Module, f.Def()); at != nil {
					g, ok = Guard{Kind: Login, What: "turns away requests without the header it authenticates by, and sets request.user from it", Where: f.Module.Location(at)}, true
				} else if at := deniedByDefault(a.prog, f.Module, f.Def()); at != nil {
					g, ok = Guard{Kind: Login, What: "refuses every request it has not authenticated, and sets request.user for the others", Where: f.Module.Location(at)}, true
				}
			}
			if ok && g.Kind != Credential && g.Kind != SignedURL && g.Kind != Capability && !behindFlag(f.Module, f.Def(), g.Where.Line) {
				let := "it may let some paths through"
				except := exemptPrefixes(f.Module.Tree().File, f.Def(), g.Where.Line)
				if len(except) > 0 {
					let = "it lets paths under " + strings.Join(except, ", ") + " through, and may let others"
				}
				gates = append(gates, &Guard{Kind: g.Kind, What: lastName(mw) + " (" + g.What + "; " + listed + let + ")",
					Where: g.Where, Global: true, When: g.When, Except: except})
				break
			}
			// a credential every request must carry (a signature of the
			// project's own servers), not one checked only when sent
			if at, what := deniedUnlessCredential(a.prog, cls, f); at != nil {
				gates = append(gates, &Guard{Kind: Credential, What: lastName(mw) + " (" + what + "; " + listed + "it may let some paths through)",
					Where: f.Module.Location(at), Global: true, ExemptBy: exemptMarks(a.prog, f)})
				break
			}
		}
	}
	// a login gate covers every path; a permission middleware often covers
	// some of them only
	a.model.Gates = gates
	for _, g := range gates {
		if g.Kind == Login && g.Paths == nil {
			a.model.Gate = g
			return
		}
	}
	for _, g := range gates {
		if g.Paths == nil {
			a.model.Gate = g
			return
		}
	}
}

// behindFlag reports a middleware's check, at line, that runs only when a
// condition that is not about the request holds: if the site's
// maintenance mode (a row of the database) is on, only staff get through.
// Such a middleware turns no one away on other days: it is no gate. A
// condition counts as about the request when it reads request, settings,
// self or another parameter (process_view's view_func), or a local the
// method set from the request's path, user or headers, the settings or
// another parameter.
func behindFlag(m *taint.Module, def *python.FunctionDef, line int) bool {
	// derived: the other parameters (process_view's view_func: which view
	// runs) and the locals set from them or from the request's path, user
	// or headers, or the settings
	derived := map[string]bool{}
	for _, p := range def.Args.Args {
		if p.Arg != "request" {
			derived[p.Arg] = true
		}
	}
	bind := func(target python.Expr) {
		python.Inspect(target, func(n python.Node) bool {
			if nm, ok := n.(*python.Name); ok {
				derived[nm.ID] = true
			}
			return true
		})
	}
	python.EachStmt(def.Body, func(s python.Stmt) {
		switch x := s.(type) {
		case *python.Assign:
			if readsRequestPart(x.Value) || mentionsAny(x.Value, derived) {
				for _, t := range x.Targets {
					bind(t)
				}
			}
		case *python.For:
			if readsRequestPart(x.Iter) || mentionsAny(x.Iter, derived) {
				bind(x.Target)
			}
		}
	})
	fromRequest := map[string]bool{"request": true, "settings": true, "self": true}
	for n := range derived {
		fromRequest[n] = true
	}
	flagged, found := false, false
	var walk func(body []python.Stmt, flag bool)
	walk = func(body []python.Stmt, flag bool) {
		for _, s := range body {
			if found {
				return
			}
			if m.Location(s).Line == line {
				flagged, found = flag, true
				return
			}
			switch x := s.(type) {
			case *python.If:
				inner := flag || !mentionsAny(x.Test, fromRequest)
				walk(x.Body, inner)
				walk(x.Orelse, inner)
			case *python.For:
				walk(x.Body, flag)
			case *python.With:
				walk(x.Body, flag)
			case *python.Try:
				walk(x.Body, flag)
			}
		}
	}
	walk(def.Body, false)
	return flagged
}

// requestParts are what a request carries of who sends it and where to.
var requestParts = map[string]bool{"path": true, "path_info": true, "user": true, "META": true, "headers": true,
	"method": true, "resolver_match": true, "COOKIES": true, "session": true, "GET": true}

// readsRequestPart reports an expression that reads the request's path,
// user, headers or method, the settings or self: not what a lookup made
// with some other part of it (request.journal) finds in the database.
func readsRequestPart(e python.Expr) bool {
	found := false
	python.Inspect(e, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.Attribute:
			if v, ok := x.Value.(*python.Name); ok && v.ID == "request" && requestParts[x.Attr] {
				found = true
			}
		case *python.Name:
			found = found || x.ID == "settings" || x.ID == "self"
		case *python.Call:
			found = found || lastName(callName(x)) == "resolve"
		}
		return !found
	})
	return found
}

// mentionsAny reports an expression that reads one of the names.
func mentionsAny(e python.Node, names map[string]bool) bool {
	found := false
	python.Inspect(e, func(n python.Node) bool {
		if x, ok := n.(*python.Name); ok && names[x.ID] {
			found = true
		}
		return !found
	})
	return found
}

// route builds the decisions of one URL pattern.
func (a *analyzer) route(r *rawRoute) *Route {
	v := a.view(r)
	out := &Route{Pattern: "/" + r.pattern, Name: r.name, Where: r.mod.Location(r.call), View: v, Params: r.params}
	var guards []Guard
	var unknown []Guard
	exempt := v.Exempt
	var throttle []Guard
	for _, w := range r.wrappers {
		k, what, ok := a.classifyDecorator(w.mod, w.node, w.q)
		g := Guard{Kind: k, What: what + " in the URLconf", Where: w.mod.Location(w.node)}
		switch {
		case !ok:
		case k == "csrf_exempt":
			g.Kind = ""
			exempt = &g
		case k == "throttle":
			throttle = append(throttle, g)
		case k == Unknown:
			unknown = append(unknown, g)
		case k == Public:
		case k != "":
			guards = append(guards, g)
		}
	}
	if g, ok := a.horizonPanel(r.mod); ok {
		guards = append(guards, g)
	}
	if guards == nil {
		// Most routes add nothing to their view's guards: they share
		// its list rather than copy it, clipped so that what a route
		// adds below goes into an array of its own.
		guards = slices.Clip(v.Guards)
	} else {
		guards = append(guards, v.Guards...)
	}
	if len(guards) == 0 {
		if g, ok := a.capability(v, r.params); ok {
			guards = append(guards, g)
		}
	}
	unknown = append(unknown, v.Unknowns...)
	throttle = append(throttle, v.Throttle...)
	publics := v.Publics
	if g := a.model.Gate; g != nil && !exemptFromGate(g, publics) && !decoratedBy(v, g.ExemptBy) && !onPath(out.Pattern, g.Except) {
		guards = append(guards, *g)
	}
	for _, g := range a.model.Gates {
		if g.Paths != nil && onPath(out.Pattern, g.Paths) {
			guards = append(guards, *g)
		}
	}
	out.Guards = guards
	out.Methods = v.Methods
	if v.ViewSet {
		// a router's list route lists and creates; its detail route
		// retrieves, updates and deletes
		keep := []string{"GET", "POST"}
		if strings.HasSuffix(r.pattern, "<pk>/") {
			keep = []string{"GET", "PUT", "PATCH", "DELETE"}
		}
		var ms []string
		for _, m := range v.Methods {
			if slices.Contains(keep, m) {
				ms = append(ms, m)
			}
		}
		out.Methods = ms
	}
	if r.actions != nil {
		// as_view({"get": "list"}): the viewset's other actions have
		// no route here
		out.Methods = r.actions
	}
	if len(out.Methods) == 0 {
		out.Methods = []string{"ANY"}
	}

	// authentication and permission
	// the strongest guard of the kinds asked, preferring those that hold
	// whatever the settings say over those that depend on a setting
	best := func(pred func(Kind) bool) *Guard {
		var b *Guard
		for i := range guards {
			g := &guards[i]
			if !pred(g.Kind) {
				continue
			}
			if b == nil || (b.When != "") && g.When == "" || (b.When == "") == (g.When == "") && stronger(g.Kind, b.Kind) {
				b = g
			}
		}
		return b
	}
	auth := best(func(k Kind) bool { return k != Unknown && k != Public })
	switch {
	case auth != nil:
		kind := auth.Kind
		if kind == Staff || kind == Superuser || kind == Permission {
			kind = Login
			if b := best(func(k Kind) bool { return k == Login || k == Credential || k == SignedURL }); b != nil && (b.When == "" || auth.When != "") {
				auth = b
				kind = b.Kind
			}
		}
		out.Auth = decision(string(kind), auth)
	case len(unknown) > 0:
		out.Auth = decision(string(Unknown), &unknown[0])
	case len(explicit(publics)) > 0:
		out.Auth = decision(string(Public), &explicit(publics)[0])
	case v.Library && !v.decided():
		out.Auth = Decision{Value: string(Unknown), Detail: "library view " + v.QName + " not analysed"}
	default:
		out.Auth = Decision{Value: string(Open), Detail: "no decorator, mixin, check or middleware restricts it"}
		if a.model.MiddlewareFrom != "" {
			out.Auth.Detail = "no decorator, mixin or check restricts it, and no middleware djsec can see: MIDDLEWARE holds what " +
				a.model.MiddlewareFrom + " gives, which djsec cannot read"
		}
		if len(publics) > 0 {
			out.Auth.Detail, out.Auth.Where = publics[0].What, publics[0].Where
		}
	}
	if p := best(func(k Kind) bool { return k == Staff || k == Superuser || k == Permission }); p != nil {
		out.Permission = decision(string(p.Kind), p)
	} else if g := a.pathMiddleware(); g != nil {
		out.Permission = Decision{Value: string(Unknown), Detail: g.What + " may check a permission for this path", Where: g.Where}
	} else if out.Auth.Value == string(Unknown) {
		out.Permission = Decision{Value: string(Unknown)}
	} else if len(unknown) > 0 {
		// a login is known, and something djsec cannot read may ask
		// more (REST_FRAMEWORK's default permission classes, a
		// third-party decorator)
		out.Permission = decision(string(Unknown), &unknown[0])
	} else {
		out.Permission = Decision{Value: string(Open)}
	}

	// CSRF
	switch {
	case v.DRF && v.Session && v.SkipsCSRF != nil && !safeOnly(out.Methods):
		out.CSRF = Decision{Value: "exempt", Detail: v.SkipsCSRF.What, Where: v.SkipsCSRF.Where}
	case exempt != nil && !v.DRF:
		// DRF's views are exempt already: SessionAuthentication runs
		// the check itself, whatever csrf_exempt says
		out.CSRF = Decision{Value: "exempt", Detail: exempt.What, Where: exempt.Where}
	case v.DRF && v.Session:
		out.CSRF = Decision{Value: "enforced", Detail: "for session logins (DRF SessionAuthentication)", Where: v.AuthClass.Where}
	case v.DRF:
		out.CSRF = Decision{Value: "not needed", Detail: "DRF view without session authentication (" + v.AuthClass.Detail + ")", Where: v.AuthClass.Where}
	case safeOnly(out.Methods):
		out.CSRF = Decision{Value: "not needed", Detail: "safe methods only"}
	default:
		out.CSRF = a.csrfMiddleware()
	}
	if v.Library && r.admin {
		out.CSRF = Decision{Value: "enforced", Detail: "Django admin"}
	}

	// throttling
	if len(throttle) > 0 {
		out.Throttle = decision("yes", &throttle[0])
	} else {
		out.Throttle = Decision{Value: string(Open)}
	}
	return out
}

// pathMiddleware returns a middleware that checks permissions for some
// paths (other than the gate every view passes), or nil.
func (a *analyzer) pathMiddleware() *Guard {
	for _, g := range a.model.Gates {
		if g != a.model.Gate && g.Paths == nil && (g.Kind == Permission || g.Kind == Staff || g.Kind == Superuser) {
			return g
		}
	}
	return nil
}

// PathMiddleware reports whether a middleware may check permissions per
// path, so that a view's own code does not tell the whole story.
func (m *Model) PathMiddleware() bool {
	for _, g := range m.Gates {
		if g.Paths == nil && (g.Kind == Permission || g.Kind == Staff || g.Kind == Superuser) {
			return true
		}
	}
	return false
}

// exemptFromGate reports a view that the gate lets through:
// LoginRequiredMiddleware lets through what is explicitly public; a
// project's login middleware, what its own exemption decorator marks
// (@no_login_required).
func exemptFromGate(gate *Guard, publics []Guard) bool {
	if strings.HasPrefix(gate.What, "LoginRequiredMiddleware") {
		return len(explicit(publics)) > 0
	}
	for _, p := range explicit(publics) {
		if loginExemptions[p.What] {
			return true
		}
	}
	return false
}

// loginExemptions are the decorators that mark a view a login middleware
// lets anonymous visitors reach: Django's login_not_required, and those of
// projects' own middleware (EvaP's no_login_required, django-stronghold's
// public).
var loginExemptions = map[string]bool{"login_not_required": true, "no_login_required": true, "login_exempt": true,
	"public": true, "anonymous_allowed": true, "allow_anonymous": true}

// explicit returns the guards that open a view on purpose (not DRF's
// default AllowAny).
func explicit(gs []Guard) []Guard {
	var out []Guard
	for _, g := range gs {
		if g.Kind == Public {
			out = append(out, g)
		}
	}
	return out
}

func decision(value string, g *Guard) Decision {
	d := Decision{Value: value, Detail: g.What, Where: g.Where}
	if g.When != "" {
		d.Detail += " when " + g.When + " is true"
	}
	return d
}

// ReadsOnly reports a view that the URLconf routes, every route of which
// answers safe methods only (a ReadOnlyModelViewSet, a viewset routed as
// as_view({"get": "list"}), a GET-only APIView).
func (m *Model) ReadsOnly(v *View) bool {
	routes := 0
	for _, r := range m.Routes {
		if r.View != v {
			continue
		}
		routes++
		if !safeOnly(r.Methods) {
			return false
		}
	}
	return routes > 0
}

func safeOnly(methods []string) bool {
	if len(methods) == 0 {
		return false
	}
	for _, m := range methods {
		switch m {
		case "GET", "HEAD", "OPTIONS", "TRACE":
		default:
			return false
		}
	}
	return true
}

func (a *analyzer) csrfMiddleware() Decision {
	if a.csrf == nil {
		d := a.csrfDecision()
		a.csrf = &d
	}
	return *a.csrf
}

func (a *analyzer) csrfDecision() Decision {
	v := a.setting("MIDDLEWARE")
	list, at, ok := a.middlewareAlways()
	if !ok {
		if a.entry != nil {
			names, where := a.middlewareListed()
			for i, mw := range names {
				if mw == "django.middleware.csrf.CsrfViewMiddleware" {
					return Decision{Value: "enforced", Detail: "CsrfViewMiddleware, listed in the settings (MIDDLEWARE could not be read in full)", Where: where[i]}
				}
			}
		}
		return Decision{Value: string(Unknown), Detail: "MIDDLEWARE could not be read"}
	}
	for i, mw := range list {
		if mw == "django.middleware.csrf.CsrfViewMiddleware" {
			return Decision{Value: "enforced", Detail: "CsrfViewMiddleware", Where: at[i]}
		}
	}
	if v == nil {
		return Decision{Value: "off", Detail: "MIDDLEWARE is not set", Where: a.entry.Location()}
	}
	if _, all := settings.Holds(v, func(v *settings.Value) bool { _, all := v.Strings(); return all }); !all {
		return Decision{Value: string(Unknown), Detail: "MIDDLEWARE could not be read"}
	}
	d := Decision{Value: "off", Detail: "CsrfViewMiddleware is not in MIDDLEWARE"}
	if v != nil {
		d.Where = settings.Loc(v.Origin)
	}
	return d
}

// Code returns the view's own code: a function's body, or the bodies of
// the methods a class defines (not those of its bases, which other views
// share), with the node to report at.
func (v *View) Code() (*taint.Module, python.Node, []python.Stmt) {
	switch {
	case v.Func != nil:
		return v.Func.Module, v.Func.Def(), v.Func.Def().Body
	case v.Class != nil:
		var body []python.Stmt
		for _, s := range v.Class.Def().Body {
			if f, ok := s.(*python.FunctionDef); ok {
				body = append(body, f.Body...)
			}
		}
		return v.Class.Module, v.Class.Def(), body
	}
	return nil, nil, nil
}

// devOnly reports a view that answers only in development: its function,
// or its class's dispatch, starts by returning or raising unless
// settings.DEBUG is on (if not settings.DEBUG: return
// HttpResponse(status=400)), as a local stand-in for a cloud service
// does. The production site has no such page.
func devOnly(v *View) bool {
	var body []python.Stmt
	switch {
	case v.Func != nil:
		body = v.Func.Def().Body
	case v.Class != nil && v.Class.Methods["dispatch"] != nil:
		body = v.Class.Methods["dispatch"].Def().Body
	}
	for _, s := range body {
		if x, ok := s.(*python.ExprStmt); ok {
			if _, doc := x.Value.(*python.Constant); doc {
				continue
			}
		}
		t := exitTest(s)
		return t != nil && devTest(t) == -1
	}
	return false
}

// callsSuper reports whether a method calls super().name().
func callsSuper(def *python.FunctionDef, name string) bool {
	found := false
	python.Inspect(def, func(n python.Node) bool {
		if c, ok := n.(*python.Call); ok {
			if at, ok := c.Func.(*python.Attribute); ok && at.Attr == name {
				if sc, ok := at.Value.(*python.Call); ok {
					if nm, ok := sc.Func.(*python.Name); ok && nm.ID == "super" {
						found = true
					}
				}
			}
		}
		return !found
	})
	return found
}

// decided reports whether a library view's protection is known.
func (v *View) decided() bool {
	return len(v.Guards) > 0 || len(v.Publics) > 0 || len(v.Unknowns) > 0
}

// IsOpen reports whether djsec knows that anyone can reach the route:
// nothing restricts it, nothing it cannot see into might, and it is not
// declared open on purpose.
func (r *Route) IsOpen() bool { return r.Auth.Value == string(Open) }

var authish = lazyre.New(`(?i)login|auth|perm|staff|admin|superuser|token|api_?key|sign|access|member|owner|protect|verif|require|allow|restrict|role|group|scope|otp|2fa|mfa|user`)

// knownDecorator classifies Django's, DRF's and common libraries'
// decorators by name: a guard kind, "csrf_exempt", "throttle", "methods",
// "neutral", or ok=false when the name is not known.
func knownDecorator(name string) (Kind, string, bool) {
	if loginExemptions[name] {
		return Public, name, true
	}
	switch name {
	case "login_required":
		return Login, name, true
	case "permission_required", "user_passes_test", "permission_required_or_403":
		return Permission, name, true
	case "staff_member_required", "staff_required",
		// @admin.site.admin_view: the admin's own check, an active staff member
		"admin_view":
		return Staff, name, true
	case "superuser_required":
		return Superuser, name, true
	case "otp_required":
		return Login, name, true
	case "apigw_require":
		// apigw-manager's: 403 unless its middleware set request.jwt from
		// the API gateway's signed token
		return Credential, name, true
	case "csrf_exempt":
		return "csrf_exempt", name, true
	case "ratelimit", "rate_limit", "throttle":
		return "throttle", name, true
	case "require_POST", "require_GET", "require_safe", "require_http_methods":
		return "methods", name, true
	case "never_cache", "cache_page", "cache_control", "vary_on_headers", "vary_on_cookie", "xframe_options_exempt",
		"xframe_options_deny", "xframe_options_sameorigin", "gzip_page", "condition", "etag", "last_modified",
		"sensitive_post_parameters", "sensitive_variables", "atomic", "non_atomic_requests", "csrf_protect",
		"ensure_csrf_cookie", "requires_csrf_token", "wraps", "api_view", "method_decorator", "renderer_classes",
		"parser_classes", "schema", "extend_schema", "extend_schema_view", "swagger_auto_schema", "action",
		"sync_to_async", "async_to_sync", "transaction", "staticmethod", "classmethod", "property",
		"cached_property", "no_append_slash", "xframe_options", "decorator_from_middleware", "cache_on_auth",
		"csp_exempt", "csp_update", "csp_replace", "override", "silk_profile", "coop_exempt":
		return "neutral", name, true
	}
	return "", "", false
}

// classifyDecorator decides what a decorator (or URLconf wrapper) does:
// a guard kind, "csrf_exempt", "throttle", "methods", "neutral"; ok is
// false for a decorator that does nothing djsec cares about.
func (a *analyzer) classifyDecorator(m *taint.Module, node python.Expr, q string) (Kind, string, bool) {
	call, _ := node.(*python.Call)
	if call != nil {
		q = m.QualName(call.Func)
		if at, ok := call.Func.(*python.Attribute); ok && q == "" {
			// AppAuthController("api").permission_required("can_delete"):
			// a method of an object built on the spot, which has no
			// qualified name; named as Django's decorator is, it is
			// that check
			if k, what, ok := knownDecorator(at.Attr); ok && isGuard(k) {
				return k, m.Text(call.Func) + ": " + what, true
			}
		}
	}
	name := lastName(q)
	if name == "method_decorator" && call != nil && len(call.Args) > 0 {
		arg := call.Args[0]
		var elts []python.Expr
		switch l := arg.(type) {
		case *python.List:
			elts = l.Elts
		case *python.Tuple:
			elts = l.Elts
		}
		if elts != nil {
			var best Kind
			var what string
			for _, e := range elts {
				k, w, ok := a.classifyDecorator(m, e, m.QualName(e))
				if ok && k != "neutral" && (best == "" || stronger(k, best)) {
					best, what = k, w
				}
			}
			return best, what, best != ""
		}
		return a.classifyDecorator(m, arg, m.QualName(arg))
	}
	if k, what, ok := knownDecorator(name); ok {
		if k == "neutral" {
			return k, what, false
		}
		if name == "user_passes_test" && call != nil && len(call.Args) > 0 {
			if lam, ok := call.Args[0].(*python.Lambda); ok {
				if uk := userCheck(lam.Body); uk != "" {
					k = uk
				}
			}
		}
		return k, what, true
	}
	if f := lookupFunc(a.prog, m, q); f != nil {
		if g, ok := a.behaviour(f); ok {
			return g.Kind, lastName(f.QName) + ": " + g.What, true
		}
		if mentionsCSRFExempt(f) {
			return "csrf_exempt", lastName(f.QName) + " (applies csrf_exempt)", true
		}
		return "", "", false
	}
	if c := lookupClass(a.prog, m, q); c != nil {
		if g, ok := a.classDecorator(c); ok {
			return g.Kind, g.What, true
		}
		return "", "", false
	}
	if q == "" || authish().MatchString(name) && !strings.HasPrefix(q, "django.") && !strings.HasPrefix(q, "rest_framework.") {
		if q == "" {
			return "", "", false
		}
		return Unknown, "third-party decorator " + q + " not analysed", true
	}
	return "", "", false
}

func mentionsCSRFExempt(f *taint.Func) bool {
	found := false
	python.Inspect(f.Def(), func(n python.Node) bool {
		if c, ok := n.(*python.Call); ok && lastName(f.Module.QualName(c.Func)) == "csrf_exempt" {
			found = true
		}
		return !found
	})
	return found
}

// view analyses one view once.
func (a *analyzer) view(r *rawRoute) *View {
	if v := a.views[r.view]; v != nil {
		return v
	}
	v := &View{QName: r.view, ViewSet: r.viewset}
	a.views[r.view] = v
	switch {
	case r.admin:
		v.Library = true
		v.Guards = append(v.Guards, Guard{Kind: Staff, What: "Django admin site (admin_view)"})
	case r.class:
		if c := lookupClass(a.prog, r.mod, r.view); c != nil {
			v.Class, v.Module, v.Where = c, c.Module, defLocation(c.Module, c.Def())
			a.classView(v, c)
			if strings.Contains(strings.ToLower(c.QName), "graphql") && len(v.Guards) == 0 {
				v.Unknowns = append(v.Unknowns, Guard{Kind: Unknown, What: "GraphQL endpoint: access is decided per field by the schema", Where: v.Where})
			}
		} else {
			v.Library = true
			a.libraryView(v, r.view, true)
		}
	default:
		if f := lookupFunc(a.prog, r.mod, r.view); f != nil {
			v.Func, v.Module, v.Where = f, f.Module, defLocation(f.Module, f.Def())
			a.funcView(v, f)
		} else {
			v.Library = true
			a.libraryView(v, r.view, false)
		}
	}
	slices.Sort(v.Methods)
	v.Methods = slices.Compact(v.Methods)
	return v
}

// decorators applies a definition's decorators to the view.
func (a *analyzer) decorators(v *View, m *taint.Module, list []python.Expr, method string) {
	for _, d := range list {
		q := m.QualName(d)
		call, _ := d.(*python.Call)
		if call != nil {
			q = m.QualName(call.Func)
		}
		if call != nil && lastName(q) == "method_decorator" {
			// method_decorator(x, name="dispatch") on a class applies to
			// that method only; dispatch and HTTP methods count.
			if n := kwString(call, "name"); n != "" && !isEntryMethod(n) {
				continue
			}
		}
		switch lastName(q) {
		case "permission_classes", "authentication_classes", "throttle_classes":
			if call != nil {
				a.drfDecorator(v, m, call, lastName(q))
			}
			continue
		}
		k, what, ok := a.classifyDecorator(m, d, q)
		if !ok {
			continue
		}
		if method != "" && !isEntryMethod(method) {
			continue
		}
		g := Guard{Kind: k, What: what, Where: m.Location(d)}
		if method != "" && method != "dispatch" {
			g.What += " on " + method
		}
		switch k {
		case "csrf_exempt":
			g.Kind = ""
			if method == "" || method == "dispatch" || v.Exempt == nil {
				v.Exempt = &g
			}
		case "throttle":
			v.Throttle = append(v.Throttle, g)
		case "methods":
			v.Methods = append(v.Methods, methodsOf(lastName(q), call)...)
		case Unknown:
			v.Unknowns = append(v.Unknowns, g)
		case Public:
			v.Publics = append(v.Publics, g)
		default:
			v.Guards = append(v.Guards, g)
		}
	}
}

func isEntryMethod(n string) bool {
	switch n {
	case "dispatch", "get", "post", "put", "patch", "delete", "head", "options", "setup", "initial":
		return true
	}
	return false
}

func kwString(c *python.Call, name string) string {
	for _, k := range c.Keywords {
		if k.Arg == name {
			s, _ := constString(k.Value)
			return s
		}
	}
	return ""
}

func methodsOf(name string, call *python.Call) []string {
	switch name {
	case "require_POST":
		return []string{"POST"}
	case "require_GET":
		return []string{"GET"}
	case "require_safe":
		return []string{"GET", "HEAD"}
	case "require_http_methods":
		if call != nil && len(call.Args) > 0 {
			return stringList(call.Args[0])
		}
	}
	return nil
}

func stringList(e python.Expr) []string {
	var out []string
	for _, el := range python.SeqElts(e) {
		if s, ok := constString(el); ok {
			out = append(out, strings.ToUpper(s))
		}
	}
	return out
}

// funcView analyses a function view.
func (a *analyzer) funcView(v *View, f *taint.Func) {
	m := f.Module
	for _, d := range f.Def().DecoratorList {
		c, ok := d.(*python.Call)
		if ok && lastName(m.QualName(c.Func)) == "api_view" {
			v.DRF = true
			if len(c.Args) > 0 {
				v.Methods = append(v.Methods, stringList(c.Args[0])...)
			} else {
				v.Methods = append(v.Methods, "GET")
			}
		}
	}
	a.decorators(v, m, f.Def().DecoratorList, "")
	if f.Class == nil {
		a.decorators(v, m, reassignedDecorators(m, f.Def().Name), "")
	}
	a.inline(v, m, f.Def())
	if v.DRF {
		a.drfDefaults(v)
	}
}

// reassignedDecorators returns the decorators a module applies to its
// function name by assigning the name again, as code written before the @
// syntax (and django-helpdesk) does: view = staff_member_required(view),
// view = login_required(never_cache(view)).
func reassignedDecorators(m *taint.Module, name string) []python.Expr {
	var out []python.Expr
	for _, st := range m.Tree().Body {
		a, ok := st.(*python.Assign)
		if !ok || len(a.Targets) != 1 {
			continue
		}
		if t, ok := a.Targets[0].(*python.Name); !ok || t.ID != name {
			continue
		}
		var decs []python.Expr
		e := a.Value
		for {
			c, ok := e.(*python.Call)
			if !ok || len(c.Args) != 1 || len(c.Keywords) != 0 {
				break
			}
			decs = append(decs, c.Func)
			e = c.Args[0]
		}
		if n, ok := e.(*python.Name); ok && n.ID == name {
			out = append(out, decs...)
		}
	}
	return out
}

// inline looks for a guard in a view's own code, and in the project
// helpers it calls.
func (a *analyzer) inline(v *View, m *taint.Module, def *python.FunctionDef) {
	gs, ok := a.inlineCache[def]
	if !ok {
		if g, ok := rateLimited(m, def); ok {
			a.rateCache[def] = g
		}
		for _, g := range []Guard{a.behaviourOf(m, def, 0), a.delegates(m, def), secretParam(m, def)} {
			if g.Kind == "" {
				continue
			}
			if def.Name != "dispatch" && isEntryMethod(def.Name) && def.Name != "setup" && def.Name != "initial" {
				g.What += " in " + def.Name
			}
			gs = append(gs, g)
		}
		a.inlineCache[def] = gs
	}
	v.Guards = append(v.Guards, gs...)
	if g, ok := a.rateCache[def]; ok && !slices.ContainsFunc(v.Throttle, func(t Guard) bool { return t.Where == g.Where }) {
		v.Throttle = append(v.Throttle, g)
	}
}

var rateLimitRE = lazyre.New(`(?i)rate_?limit|throttl|token_?bucket|is_ratelimited`)

// rateLimited finds a rate limit the view applies itself: a call whose name
// says so (is_ratelimited(...), TokenBucket.authorize_login_email(...)).
func rateLimited(m *taint.Module, def *python.FunctionDef) (Guard, bool) {
	var g Guard
	python.Inspect(def, func(n python.Node) bool {
		if c, ok := n.(*python.Call); ok && g.Kind == "" {
			if q := callName(c); q != "" && rateLimitRE().MatchString(q) {
				q = m.QualName(c.Func)
				g = Guard{Kind: "throttle", What: "calls " + q, Where: m.Location(c)}
			}
		}
		return g.Kind == ""
	})
	return g, g.Kind != ""
}

// callName is the last name of a call's function ("authorize_login" for
// TokenBucket.authorize_login(...)), cheap enough to test on every call.
func callName(c *python.Call) string {
	switch f := c.Func.(type) {
	case *python.Name:
		return f.ID
	case *python.Attribute:
		if n, ok := f.Value.(*python.Name); ok {
			return n.ID + "." + f.Attr
		}
		return f.Attr
	}
	return ""
}

// delegates finds a view that hands every request to project functions
// that are themselves guarded: if request.method == "POST": return
// create(request) / return list_(request), both under @authorize.
func (a *analyzer) delegates(m *taint.Module, def *python.FunctionDef) Guard {
	var weakest Guard
	all, any := true, false
	python.Inspect(def, func(n python.Node) bool {
		if d, ok := n.(*python.FunctionDef); ok && d != def {
			return false
		}
		r, ok := n.(*python.Return)
		if !ok || !all {
			return all
		}
		c, ok := r.Value.(*python.Call)
		if !ok {
			all = false
			return false
		}
		f := lookupFunc(a.prog, m, m.QualName(c.Func))
		if f == nil {
			all = false
			return false
		}
		var g Guard
		for _, d := range f.Def().DecoratorList {
			k, what, ok := a.classifyDecorator(f.Module, d, f.Module.QualName(d))
			if ok && isGuard(k) && (g.Kind == "" || stronger(k, g.Kind)) {
				g = Guard{Kind: k, What: what + " on " + f.Name, Where: f.Module.Location(d)}
			}
		}
		if g.Kind == "" {
			all = false
			return false
		}
		any = true
		if weakest.Kind == "" || stronger(weakest.Kind, g.Kind) {
			weakest = g
		}
		return false
	})
	if all && any {
		return weakest
	}
	return Guard{}
}

var secretParamRE = lazyre.New(`(?i)sign|token|secret|hash|digest|^key$|_key$`)

// secretParam finds a view that compares a secret-looking URL parameter
// (a token, a signature) before acting: a link sent by e-mail.
func secretParam(m *taint.Module, def *python.FunctionDef) Guard {
	if def.Args == nil {
		return Guard{}
	}
	names := map[string]bool{}
	for _, p := range def.Args.Args {
		if secretParamRE().MatchString(p.Arg) {
			names[p.Arg] = true
		}
	}
	if len(names) == 0 {
		return Guard{}
	}
	var g Guard
	python.Inspect(def, func(n python.Node) bool {
		if g.Kind != "" {
			return false
		}
		if x, ok := n.(*python.If); ok {
			python.Inspect(x.Test, func(t python.Node) bool {
				if nm, ok := t.(*python.Name); ok && names[nm.ID] && g.Kind == "" {
					g = Guard{Kind: SignedURL, What: "checks the " + nm.ID + " in the URL", Where: m.Location(x)}
				}
				return g.Kind == ""
			})
		}
		return true
	})
	return g
}

var httpMethods = []string{"get", "post", "put", "patch", "delete", "head", "options"}

// plainAssign returns an annotated assignment with a value as the plain
// one it is to the class (permission_classes: ClassVar = [IsAuthenticated]),
// and any other statement as it is.
func plainAssign(s python.Stmt) python.Stmt {
	if x, ok := s.(*python.AnnAssign); ok && x.Value != nil {
		return &python.Assign{Span: x.Span, Targets: []python.Expr{x.Target}, Value: x.Value}
	}
	return s
}

// classView analyses a class-based view through its project bases.
func (a *analyzer) classView(v *View, c *taint.Class) {
	seen := map[*taint.Class]bool{}
	var drfAttrs = map[string]bool{}
	// permShadowed says a permission mixin never runs: permission_required
	// then names a permission that nothing checks.
	permShadowed := false
	var allowed []string // http_method_names, upper case
	obj := objectGetter{reaches: a.handlerReaches}
	var walk func(c *taint.Class, depth int)
	walk = func(c *taint.Class, depth int) {
		if c == nil || seen[c] || depth > 10 {
			return
		}
		seen[c] = true
		m := c.Module
		a.decorators(v, m, c.Def().DecoratorList, "")
		for _, s := range c.Def().Body {
			s = plainAssign(s)
			switch x := s.(type) {
			case *python.FunctionDef:
				if isEntryMethod(x.Name) {
					a.decorators(v, m, x.DecoratorList, x.Name)
				}
				obj.method(m, x)
				switch x.Name {
				case "dispatch", "setup", "initial", "has_permission", "test_func", "get", "post", "put", "patch", "delete", "check_permissions":
					a.inline(v, m, x)
				case "get_object":
					// An edit or delete view reaches its object only
					// through get_object: one that unsigns the URL's
					// token gates every request on the signature.
					if at, what := signedRead(m, x); at != nil {
						v.Guards = append(v.Guards, Guard{Kind: SignedURL, What: "signed value checked with " + what + " in get_object", Where: m.Location(at)})
					}
				case "activate":
					// django-registration's ActivationView.get changes
					// nothing but through activate, which a subclass
					// overrides to unsign the key first (validate_key)
					if at, what := signedRead(m, x); at != nil && importsRegistration(m) {
						v.Guards = append(v.Guards, Guard{Kind: SignedURL, What: "signed value checked with " + what + " in activate", Where: m.Location(at)})
					}
				case "get_permissions":
					if !drfAttrs["permission_classes"] && !callsSuper(x, "get_permissions") {
						drfAttrs["permission_classes"] = true
						v.Unknowns = append(v.Unknowns, Guard{Kind: Unknown, What: "permissions computed in " + lastName(c.QName) + ".get_permissions", Where: m.Location(x)})
					}
				}
				if slices.Contains(httpMethods, x.Name) && !slices.Contains(v.Methods, strings.ToUpper(x.Name)) {
					v.Methods = append(v.Methods, strings.ToUpper(x.Name))
				}
			case *python.Assign:
				for _, t := range x.Targets {
					n, ok := t.(*python.Name)
					if !ok {
						continue
					}
					switch n.ID {
					case "permission_classes", "authentication_classes", "throttle_classes":
						if !drfAttrs[n.ID] {
							drfAttrs[n.ID] = true
							a.drfAttr(v, m, n.ID, x.Value, m.Location(x))
						}
					case "permission_required":
						v.Guards = append(v.Guards, Guard{Kind: Permission, What: "permission_required = " + m.Text(x.Value), Where: m.Location(x)})
					case "http_method_names":
						// the nearest class's list wins: a subclass's
						// is read before its bases'
						if allowed == nil {
							allowed = []string{}
							for _, name := range stringList(x.Value) {
								allowed = append(allowed, strings.ToUpper(name))
							}
						}
					}
				}
			}
		}
		// An access mixin after a view class never runs (mixinorder.go):
		// it guards nothing.
		var shadowed map[string]bool
		for _, s := range a.mixins.shadowed(c) {
			if shadowed == nil {
				shadowed = map[string]bool{}
			}
			shadowed[s.Mixin] = true
			permShadowed = permShadowed || strings.Contains(lastName(s.Mixin), "Permission")
		}
		for _, b := range c.Bases {
			if shadowed[b] {
				continue
			}
			if bc := a.base(c, b); bc != nil {
				walk(bc, depth+1)
				continue
			}
			a.libraryBase(v, c, b)
			obj.base(b)
		}
	}
	walk(c, 0)
	if g, ok := a.objectGuard(&obj); ok {
		v.Guards = append(v.Guards, g)
	}
	if allowed != nil {
		// http_method_names = ["get"]: a ModelViewSet that answers
		// nothing else, whatever handlers its bases have
		v.Methods = slices.DeleteFunc(v.Methods, func(m string) bool { return !slices.Contains(allowed, m) })
		if len(v.Methods) == 0 {
			v.Methods = slices.Clone(allowed)
		}
	}
	unread := !permShadowed && !a.permissionRequiredRead(c, 0)
	if permShadowed || unread {
		v.Guards = slices.DeleteFunc(v.Guards, func(g Guard) bool {
			if !strings.HasPrefix(g.What, "permission_required = ") {
				return false
			}
			if unread && v.Unread == nil {
				v.Unread = &Guard{Kind: g.Kind, What: g.What, Where: g.Where}
			}
			return true
		})
	}
	a.selfCalls(v, c)
	if v.ViewSet && !v.DRF {
		// A router routes only DRF viewsets: one whose DRF base comes
		// from a library the tree does not hold is one all the same,
		// under REST_FRAMEWORK's defaults for what it does not set.
		v.DRF = true
	}
	if v.DRF && !drfAttrs["permission_classes"] {
		if value, at := actionsOnlyPermissions(c); value != nil {
			drfAttrs["permission_classes"] = true
			a.drfAttr(v, c.Module, "permission_classes", value, c.Module.Location(at))
		}
	}
	if v.DRF {
		if !drfAttrs["permission_classes"] || !drfAttrs["authentication_classes"] || !drfAttrs["throttle_classes"] {
			a.drfDefaultsFor(v, drfAttrs)
		}
		if len(v.Methods) == 0 {
			v.Methods = []string{"GET"}
		}
	}
}

// selfCalls finds guards in the methods a view's handlers call on self
// (self.check_permissions(request)), looked up through its bases.
func (a *analyzer) selfCalls(v *View, c *taint.Class) {
	gs, ok := a.selfCache[c]
	if !ok {
		gs = a.selfCallGuards(c)
		a.selfCache[c] = gs
	}
	v.Guards = append(v.Guards, gs...)
}

func (a *analyzer) selfCallGuards(c *taint.Class) []Guard {
	var out []Guard
	seen := map[string]bool{}
	for _, name := range httpMethods {
		f := a.method(c, name)
		if f == nil {
			continue
		}
		for _, attr := range a.selfCalled(f.Def()) {
			if seen[attr] {
				continue
			}
			seen[attr] = true
			if m := a.method(c, attr); m != nil {
				if g, ok := a.behaviour(m); ok {
					g.What += " (in " + attr + ")"
					out = append(out, g)
				}
			}
		}
	}
	return out
}

type baseKey struct {
	m *taint.Module
	q string
}

// base resolves the base b of class c to a project class, or nil.
func (a *analyzer) base(c *taint.Class, b string) *taint.Class {
	k := baseKey{c.Module, b}
	bc, ok := a.bases[k]
	if !ok {
		bc = lookupClass(a.prog, c.Module, b)
		a.bases[k] = bc
	}
	return bc
}

// selfCalled returns the methods other than request handlers that def
// calls on self (self.check(...)), each once, in the order of a walk.
func (a *analyzer) selfCalled(def *python.FunctionDef) []string {
	if names, ok := a.selfNames[def]; ok {
		return names
	}
	var names []string
	python.Inspect(def, func(n python.Node) bool {
		call, ok := n.(*python.Call)
		if !ok {
			return true
		}
		at, ok := call.Func.(*python.Attribute)
		if !ok || isEntryMethod(at.Attr) || slices.Contains(names, at.Attr) {
			return true
		}
		if nm, ok := at.Value.(*python.Name); ok && nm.ID == "self" {
			names = append(names, at.Attr)
		}
		return true
	})
	a.selfNames[def] = names
	return names
}

// method finds a method through a class's project bases, depth first in
// the order of the bases.
func (a *analyzer) method(c *taint.Class, name string) *taint.Func {
	var seen taint.Classes
	return a.methodIn(c, name, 0, &seen)
}

// methodIn is method below depth, each class looked at once (see
// taint.Classes).
func (a *analyzer) methodIn(c *taint.Class, name string, depth int, seen *taint.Classes) *taint.Func {
	if c == nil || depth > 10 || seen.Len() >= taint.MaxMRO || !seen.Add(c) {
		return nil
	}
	if f := c.Methods[name]; f != nil {
		return f
	}
	for _, b := range c.Bases {
		if f := a.methodIn(a.base(c, b), name, depth+1, seen); f != nil {
			return f
		}
	}
	return nil
}

// libraryBase classifies a base class that is not in the project.
func (a *analyzer) libraryBase(v *View, c *taint.Class, b string) {
	name := lastName(b)
	loc := defLocation(c.Module, c.Def())
	switch name {
	case "LoginRequiredMixin":
		v.Guards = append(v.Guards, Guard{Kind: Login, What: name + " (base of " + lastName(c.QName) + ")", Where: loc})
	case "PermissionRequiredMixin", "UserPassesTestMixin", "MultiplePermissionsRequiredMixin", "GroupRequiredMixin", "PermissionListMixin":
		v.Guards = append(v.Guards, Guard{Kind: Permission, What: name + " (base of " + lastName(c.QName) + ")", Where: loc})
	case "StaffuserRequiredMixin", "StaffRequiredMixin":
		v.Guards = append(v.Guards, Guard{Kind: Staff, What: name + " (base of " + lastName(c.QName) + ")", Where: loc})
	case "SuperuserRequiredMixin":
		v.Guards = append(v.Guards, Guard{Kind: Superuser, What: name + " (base of " + lastName(c.QName) + ")", Where: loc})
	case "SetupView", "SetupCompleteView", "BackupTokensView", "ProfileView", "DisableView", "QRGeneratorView",
		"PhoneSetupView", "PhoneDeleteView":
		// django-two-factor-auth's views of the account's own devices,
		// which the library decorates with login_required
		if strings.HasPrefix(b, "two_factor.") {
			v.Guards = append(v.Guards, Guard{Kind: Login, What: "login_required on django-two-factor-auth's " + name + " (base of " + lastName(c.QName) + ")", Where: loc})
		}
	case "ProtectedResourceView", "ScopedProtectedResourceView", "ReadWriteScopedResourceView", "ProtectedResourceMixin":
		// django-oauth-toolkit's: dispatch answers 403 unless the
		// request carries a valid access token (of the scopes asked)
		if strings.HasPrefix(b, "oauth2_provider") {
			v.Guards = append(v.Guards, Guard{Kind: Credential, What: "OAuth2 access token checked by django-oauth-toolkit's " + name + " (base of " + lastName(c.QName) + ")", Where: loc})
		}
	case "ObtainAuthToken", "TokenObtainPairView", "TokenObtainSlidingView", "TokenObtainView":
		// DRF's and simplejwt's token views: what they write (a token)
		// follows the username and password their serializer checks.
		if strings.HasPrefix(b, "rest_framework") {
			v.Guards = append(v.Guards, Guard{Kind: Credential, What: "username and password checked by " + name + " (base of " + lastName(c.QName) + ")", Where: loc})
		}
	case "APIView", "GenericAPIView", "ViewSet", "GenericViewSet", "ModelViewSet", "ReadOnlyModelViewSet", "ViewSetMixin",
		"CreateAPIView", "ListAPIView", "RetrieveAPIView", "DestroyAPIView", "UpdateAPIView", "ListCreateAPIView",
		"RetrieveUpdateAPIView", "RetrieveDestroyAPIView", "RetrieveUpdateDestroyAPIView":
		if strings.HasPrefix(b, "rest_framework") || !strings.Contains(b, ".") || strings.Contains(b, "rest_framework") {
			v.DRF = true
		}
		v.Methods = append(v.Methods, drfMethods(name)...)
	case "BulkModelViewSet", "ListBulkCreateAPIView", "ListCreateBulkUpdateAPIView", "ListCreateBulkUpdateDestroyAPIView",
		"ListBulkCreateUpdateAPIView", "ListBulkCreateUpdateDestroyAPIView":
		// django-rest-framework-bulk's views: DRF's generic views with
		// bulk create, update and delete, under DRF's permissions
		if strings.HasPrefix(b, "rest_framework_bulk") {
			v.DRF = true
			v.Methods = append(v.Methods, "GET", "POST", "PUT", "PATCH", "DELETE")
		}
	case "CreateModelMixin":
		v.Methods = append(v.Methods, "POST")
	case "ListModelMixin", "RetrieveModelMixin":
		v.Methods = append(v.Methods, "GET")
	case "UpdateModelMixin":
		v.Methods = append(v.Methods, "PUT", "PATCH")
	case "DestroyModelMixin":
		v.Methods = append(v.Methods, "DELETE")
	case "CreateView", "UpdateView", "FormView", "DeleteView", "BaseCreateView", "BaseUpdateView", "BaseDeleteView", "ProcessFormView":
		v.Methods = append(v.Methods, "GET", "POST")
	case "TemplateView", "ListView", "DetailView", "RedirectView", "ArchiveIndexView", "YearArchiveView", "MonthArchiveView", "DayArchiveView", "DateDetailView":
		v.Methods = append(v.Methods, "GET")
	case "View", "object", "AccessMixin", "ContextMixin", "TemplateResponseMixin", "SingleObjectMixin", "MultipleObjectMixin",
		"FormMixin", "ModelFormMixin", "SingleObjectTemplateResponseMixin", "Generic", "ABC", "JSONResponseMixin":
	default:
		if authish().MatchString(name) && !strings.HasPrefix(b, "django.") && !strings.HasPrefix(b, "rest_framework.") {
			v.Unknowns = append(v.Unknowns, Guard{Kind: Unknown, What: "base class " + b + " not analysed", Where: loc})
		}
	}
}

func drfMethods(name string) []string {
	switch name {
	case "ModelViewSet":
		return []string{"GET", "POST", "PUT", "PATCH", "DELETE"}
	case "ReadOnlyModelViewSet", "ListAPIView", "RetrieveAPIView":
		return []string{"GET"}
	case "CreateAPIView":
		return []string{"POST"}
	case "ListCreateAPIView":
		return []string{"GET", "POST"}
	case "DestroyAPIView":
		return []string{"DELETE"}
	case "UpdateAPIView":
		return []string{"PUT", "PATCH"}
	case "RetrieveUpdateAPIView":
		return []string{"GET", "PUT", "PATCH"}
	case "RetrieveDestroyAPIView":
		return []string{"GET", "DELETE"}
	case "RetrieveUpdateDestroyAPIView":
		return []string{"GET", "PUT", "PATCH", "DELETE"}
	}
	return nil
}

// libraryView classifies views that live in Django or another library.
func (a *analyzer) libraryView(v *View, q string, class bool) {
	name := lastName(q)
	switch {
	case strings.HasPrefix(q, "django.contrib.auth.views."):
		switch name {
		case "PasswordChangeView", "PasswordChangeDoneView", "password_change", "password_change_done":
			v.Guards = append(v.Guards, Guard{Kind: Login, What: "Django's " + name + " requires a login"})
		default:
			v.Publics = append(v.Publics, Guard{Kind: Public, What: "Django's " + name + " is open to anyone"})
		}
		v.Methods = []string{"GET", "POST"}
	case strings.HasPrefix(q, "django.views.static.") || strings.HasPrefix(q, "django.contrib.staticfiles.") ||
		strings.HasPrefix(q, "django.views.i18n.") || strings.HasPrefix(q, "django.contrib.sitemaps.") ||
		strings.HasPrefix(q, "django.contrib.syndication.") || strings.HasPrefix(q, "django.views.generic."):
		v.Publics = append(v.Publics, Guard{Kind: Public, What: "Django's " + name + " serves anyone"})
		v.Methods = []string{"GET"}
	case strings.Contains(strings.ToLower(q), "graphql"):
		v.Unknowns = append(v.Unknowns, Guard{Kind: Unknown, What: "GraphQL endpoint: access is decided per field by the schema"})
		v.Methods = []string{"GET", "POST"}
	}
}

// defLocation is the line of a definition's def or class keyword, after
// its decorators, found without copying the source.
func defLocation(m *taint.Module, n python.Node) report.Location {
	var decs []python.Expr
	switch d := n.(type) {
	case *python.FunctionDef:
		decs = d.DecoratorList
	case *python.ClassDef:
		decs = d.DecoratorList
	}
	loc := m.Location(n)
	if len(decs) == 0 {
		return loc
	}
	src := m.Content()
	off := int(decs[len(decs)-1].End()) - 1
	for line := 0; off >= 0 && off < len(src) && line < 50; line++ {
		nl := bytes.IndexByte(src[off:], '\n')
		if nl < 0 {
			break
		}
		off += nl + 1
		rest := bytes.TrimLeft(src[off:min(len(src), off+200)], " \t")
		if bytes.HasPrefix(rest, []byte("def ")) || bytes.HasPrefix(rest, []byte("async ")) || bytes.HasPrefix(rest, []byte("class ")) {
			pos := m.Tree().File.Position(python.Pos(off + 1))
			return report.Location{Path: loc.Path, Line: pos.Line, Column: 1 + len(src[off:min(len(src), off+200)]) - len(rest)}
		}
	}
	return loc
}

// standardActions are the handlers DRF's viewset mixins give a viewset.
var standardActions = map[string]bool{"list": true, "retrieve": true, "create": true, "update": true,
	"partial_update": true, "destroy": true}

// actionsOnlyPermissions returns the permission_classes of a viewset
// whose every handler is an @action that sets its own
// (@action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])),
// with the decorator that first sets it; nil when a handler takes the
// class's, when the class derives from a mixin that adds the standard
// ones, or when two actions set different lists.
func actionsOnlyPermissions(c *taint.Class) (python.Expr, python.Node) {
	for _, b := range c.Bases {
		switch lastName(b) {
		case "ViewSet", "GenericViewSet":
		default:
			return nil, nil
		}
	}
	var value python.Expr
	var at python.Node
	text := ""
	for _, st := range c.Def().Body {
		def, ok := st.(*python.FunctionDef)
		if !ok {
			continue
		}
		if standardActions[def.Name] {
			return nil, nil
		}
		for _, d := range def.DecoratorList {
			call, ok := d.(*python.Call)
			if !ok || lastName(c.Module.QualName(call.Func)) != "action" {
				continue
			}
			pc := call.Arg(-1, "permission_classes")
			if pc == nil {
				return nil, nil // the class's, DRF's default
			}
			if t := c.Module.Text(pc); value == nil {
				value, at, text = pc, call, t
			} else if t != text {
				return nil, nil
			}
		}
	}
	return value, at
}
