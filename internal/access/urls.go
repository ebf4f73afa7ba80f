package access

import (
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/settings"
	"github.com/djsec/djsec/internal/taint"
)

// include() calls are kept in the module indexes: unincluded reads them in
// every module.
func init() { taint.IndexCallsNamed("include") }

// maxEntries bounds the URL patterns walked in one project.
const maxEntries = 200000

// maxWrappers bounds the helpers applied to a list of URL patterns that
// an entry takes from its module.
const maxWrappers = 64

// rawRoute is one URL pattern as the URLconf writes it, before the view's
// guards are looked at.
type rawRoute struct {
	pattern  string
	name     string
	mod      *taint.Module
	call     python.Node // the path()/register() call
	view     string      // qualified name of the view (project or library)
	class    bool
	viewset  bool
	params   map[string]string // name -> converter ("int", "uuid", "str", "regex", "regex-digits")
	wrappers []wrapper         // outermost first: include wrappers, then the view's own
	admin    bool              // admin.site.urls
	// actions are the methods a viewset's as_view({"get": "list"}) maps,
	// upper case: the only ones the route answers.
	actions []string
}

// wrapper is a function urls.py wraps a view (or an include) in.
type wrapper struct {
	q    string
	mod  *taint.Module
	node python.Expr
}

var (
	converterRE = lazyre.New(`<(?:([a-zA-Z_]\w*):)?([a-zA-Z_]\w*)>`)
	groupRE     = lazyre.New(`\(\?P<([a-zA-Z_]\w*)>((?:[^()\\]|\\.|\([^()]*\))*)\)`)
	digitsRE    = lazyre.New(`^(?:\\d|\[0-9\]|[+*?]|\{\d+(?:,\d*)?\})+$`)
	uuidLikeRE  = lazyre.New(`^(?:\[0-9a-f-\]|\[0-9a-fA-F-\]|\[-0-9a-f\]|\[a-f0-9-\]|[+*?]|\{\d+(?:,\d*)?\}|-)+$`)
)

func params(route string, regex bool) map[string]string {
	out := map[string]string{}
	if regex {
		for _, m := range groupRE().FindAllStringSubmatch(route, -1) {
			switch {
			case digitsRE().MatchString(m[2]):
				out[m[1]] = "int"
			case uuidLikeRE().MatchString(m[2]):
				out[m[1]] = "uuid"
			default:
				out[m[1]] = "str"
			}
		}
		return out
	}
	for _, m := range converterRE().FindAllStringSubmatch(route, -1) {
		c := m[1]
		if c == "" {
			c = "str"
		}
		out[m[2]] = c
	}
	return out
}

// joinPattern joins a prefix and a route the way Django shows them,
// dropping the regex anchors of re_path and url.
func joinPattern(prefix, route string) string {
	route = strings.TrimPrefix(route, "^")
	if strings.HasSuffix(route, "$") && !strings.HasSuffix(route, `\$`) {
		route = strings.TrimSuffix(route, "$")
	}
	return prefix + route
}

type walker struct {
	prog   *taint.Program
	routes []*rawRoute
	seen   map[string]int // module -> depth of visits in progress
	steps  int            // entries walked, bounded by maxEntries
	// registered are views attached to a model with a registry decorator
	// (@register_model_view(Site, "edit")) and routed by get_model_urls;
	// built on first use.
	registered map[string][]registeredView
}

// registeredView is one @register_model_view(Model, name, path=, detail=).
type registeredView struct {
	view   string
	class  bool
	name   string
	path   string
	detail bool
}

// walkURLConfs walks the project's URL configuration from its roots.
func walkURLConfs(p *project.Project, prog *taint.Program) []*rawRoute {
	w := &walker{prog: prog, seen: map[string]int{}}
	var roots []*taint.Module
	for _, f := range settings.URLConfs(p) {
		for _, m := range prog.Modules {
			if m.File == f {
				roots = append(roots, m)
			}
		}
	}
	if len(roots) == 0 {
		roots = unincluded(prog)
	}
	for _, m := range roots {
		w.module(m, "", nil, map[string]string{}, 0)
	}
	return w.routes
}

// unincluded returns the modules that define urlpatterns and that no other
// module includes: the roots when the settings do not name one. An include
// in a URLconf counts, and one in a function anywhere: a CMS registers its
// apps' URLconfs from hooks (return [path("images/", include(image_urls))])
// and mounts them under its admin, not at the root. A module included only
// from a list of another name at module level stays a root, so that its
// views are still analysed.
func unincluded(prog *taint.Program) []*taint.Module {
	var confs []*taint.Module
	included := map[string]bool{}
	for _, m := range prog.Modules {
		if strings.Contains("/"+m.File.Path, "/tests/") {
			continue
		}
		conf := isURLConf(m)
		if conf {
			confs = append(confs, m)
		}
		for _, st := range m.Index().Calls {
			c := st.Call
			if lastName(st.Q) != "include" || len(c.Args) == 0 || !conf && st.Func == nil {
				continue
			}
			arg := c.Args[0]
			if t, ok := arg.(*python.Tuple); ok && len(t.Elts) > 0 {
				arg = t.Elts[0]
			}
			var im *taint.Module
			if s, ok := constString(arg); ok {
				im = prog.Module(s)
			} else if n, ok := arg.(*python.Name); ok {
				im = importedConf(prog, m, n)
			} else if a, ok := arg.(*python.Attribute); ok {
				im = moduleConf(prog, m, a)
			}
			if im != nil && im != m {
				included[im.Name] = true
			}
		}
	}
	var out []*taint.Module
	for _, m := range confs {
		if !included[m.Name] {
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		return confs // included only from a cycle
	}
	return out
}

// importedConf returns the URLconf module a name is bound to by an
// import (from shop.urls import orders as order_urls), or nil.
func importedConf(prog *taint.Program, m *taint.Module, n *python.Name) *taint.Module {
	q, ok := m.Imports.Lookup(n.ID)
	if !ok {
		return nil
	}
	if im := prog.Module(prog.Canonical(q)); im != nil && isURLConf(im) {
		return im
	}
	return nil
}

// importedPatterns returns the URLconf whose urlpatterns m imports under
// that name (from nav.web.webfront.urls import urlpatterns) and then only
// extends, or nil: a module that assigns urlpatterns anew drops them.
func importedPatterns(prog *taint.Program, m *taint.Module) *taint.Module {
	q, ok := m.Imports.Lookup("urlpatterns")
	if !ok {
		return nil
	}
	for _, st := range m.Tree().Body {
		if a, ok := st.(*python.Assign); ok && slices.ContainsFunc(a.Targets, func(t python.Expr) bool { return isNamed(t, "urlpatterns") }) &&
			!python.ReadsName(a.Value, "urlpatterns") {
			return nil
		}
	}
	i := strings.LastIndexByte(q, '.')
	if i < 0 || q[i+1:] != "urlpatterns" {
		return nil
	}
	if im := prog.Module(prog.Canonical(q[:i])); im != nil && im != m && isURLConf(im) {
		return im
	}
	return nil
}

// moduleConf returns the URLconf module an attribute names as a whole:
// pkg.urls after import pkg.urls. It returns nil for an attribute of a
// module (router.urls, views.urlpatterns).
func moduleConf(prog *taint.Program, m *taint.Module, a *python.Attribute) *taint.Module {
	if im := prog.Module(prog.Canonical(m.QualName(a))); im != nil && im != m && isURLConf(im) {
		return im
	}
	return nil
}

func isURLConf(m *taint.Module) bool {
	if !m.Defs["urlpatterns"] && !bytesearch.Contains(m.Content(), "urlpatterns") {
		return false
	}
	for _, s := range m.Tree().Body {
		for _, t := range assignTargets(s) {
			if t == "urlpatterns" {
				return true
			}
		}
	}
	return false
}

func assignTargets(s python.Stmt) []string {
	var out []string
	switch a := s.(type) {
	case *python.Assign:
		for _, t := range a.Targets {
			if n, ok := t.(*python.Name); ok {
				out = append(out, n.ID)
			}
		}
	case *python.AugAssign:
		if n, ok := a.Target.(*python.Name); ok {
			out = append(out, n.ID)
		}
	case *python.AnnAssign:
		if n, ok := a.Target.(*python.Name); ok {
			out = append(out, n.ID)
		}
	}
	return out
}

type prepKey struct{ m *taint.Module }

// modulePrep is what walker.module reads of a URLconf module, whatever
// the path that included it.
type modulePrep struct {
	lists   map[string][]python.Expr
	all     []listWrap
	routers map[string]string // router variable -> prefix it is included under
}

// listWrap is a helper applied to the whole urlpatterns list, and where.
type listWrap struct {
	w  wrapper
	at python.Pos
}

// prepareModule reads a URLconf module: its lists, the helpers applied to
// urlpatterns, and the routers it includes.
func prepareModule(m *taint.Module) *modulePrep {
	lists := moduleLists(m)
	// A helper applied to the whole urlpatterns list wraps every entry
	// the list holds by then: urlpatterns = decorate_all(urlpatterns,
	// login_required). Entries added after it (urlpatterns += [login])
	// are not wrapped.
	var all []listWrap
	for _, s := range m.Tree().Body {
		python.Inspect(s, func(n python.Node) bool {
			c, ok := n.(*python.Call)
			if !ok {
				return true
			}
			if isRouteCall(m, c) {
				return false
			}
			hasList := false
			var decs []listWrap
			for _, a := range c.Args {
				if nm, ok := a.(*python.Name); ok && nm.ID == "urlpatterns" {
					hasList = true
				} else if q := m.QualName(a); q != "" {
					decs = append(decs, listWrap{wrapper{q: q, mod: m, node: a}, c.Pos()})
				}
			}
			if hasList {
				all = append(all, decs...)
			}
			return true
		})
	}
	routers := map[string]string{} // router variable -> prefix it is included under
	for _, s := range m.Tree().Body {
		python.Inspect(s, func(n python.Node) bool {
			c, ok := n.(*python.Call)
			if !ok {
				return true
			}
			route, view, ok := routeArgs(m, c)
			if !ok {
				return true
			}
			if inc, ok := view.(*python.Call); ok && lastName(m.QualName(inc.Func)) == "include" && len(inc.Args) > 0 {
				if a, ok := inc.Args[0].(*python.Attribute); ok && a.Attr == "urls" {
					if nm, ok := a.Value.(*python.Name); ok {
						if r, ok := routeString(m, route); ok {
							routers[nm.ID] = joinPattern("", r)
						}
					}
				}
			}
			return true
		})
	}
	return &modulePrep{lists: lists, all: all, routers: routers}
}

// module walks the urlpatterns of m under prefix.
func (w *walker) module(m *taint.Module, prefix string, wraps []wrapper, inherited map[string]string, depth int) {
	if depth > 8 || w.seen[m.Name] > 0 {
		return
	}
	w.seen[m.Name]++
	defer func() { w.seen[m.Name]-- }()
	// What the module holds is read once per module: modules that include
	// each other are walked once per path of includes.
	pr := w.prog.Memo(prepKey{m}, func() any { return prepareModule(m) }).(*modulePrep)
	lists, all, routers := pr.lists, pr.all, pr.routers
	wrapsAt := func(e python.Expr) []wrapper {
		// one copy per entry, with at most maxWrappers: a module calling
		// a helper on urlpatterns thousands of times made every entry's
		// list, and every route's classification of it, that long
		out := slices.Clip(wraps)
		for _, lw := range all {
			if e.Pos() < lw.at && len(out) < maxWrappers {
				if len(out) == len(wraps) {
					out = append(make([]wrapper, 0, len(wraps)+8), wraps...)
				}
				out = append(out, lw.w)
			}
		}
		return slices.Clip(out)
	}
	if im := importedPatterns(w.prog, m); im != nil {
		// from shop.web.urls import urlpatterns, then urlpatterns +=
		// [...]: the other module's entries are this one's first
		w.module(im, prefix, wraps, inherited, depth+1)
	}
	for _, e := range lists["urlpatterns"] {
		w.entry(m, e, prefix, wrapsAt(e), inherited, lists, routers, depth)
	}
	// DRF routers registered in this module, or by the project's helpers
	// it hands a router to.
	for _, rg := range w.registrations(m) {
		c, rm, router := rg.call, rg.mod, rg.router
		rp, _ := constString(c.Args[0])
		q := w.prog.Canonical(rm.QualName(c.Args[1]))
		cls := lookupClass(w.prog, rm, q)
		if cls != nil {
			q = cls.QName
		}
		// the list route and the detail route a DRF router makes; where
		// the router's urls enter the list is not followed, so every
		// helper applied to the list wraps them
		base := prefix + routers[router] + strings.TrimPrefix(rp, "^") + "/"
		rw := append(make([]wrapper, 0, len(wraps)+min(len(all), maxWrappers)), wraps...)
		for _, lw := range all[:min(len(all), maxWrappers)] {
			rw = append(rw, lw.w)
		}
		w.routes = append(w.routes,
			&rawRoute{pattern: base, mod: rm, call: c, view: q, class: true, viewset: true, params: inherited, wrappers: rw},
			&rawRoute{pattern: base + "<pk>/", mod: rm, call: c, view: q, class: true, viewset: true,
				params: merge(inherited, map[string]string{"pk": "str"}), wrappers: rw})
		for _, ar := range viewsetActions(w.prog, cls) {
			// @action(detail=True, methods=["post"]) def publish: the
			// router's notes/<pk>/publish/, answering those methods
			pattern, ps := base, inherited
			if ar.detail {
				pattern, ps = base+"<pk>/", merge(inherited, map[string]string{"pk": "str"})
			}
			w.routes = append(w.routes, &rawRoute{pattern: pattern + ar.path + "/", mod: rm, call: c, view: q, class: true,
				viewset: true, params: ps, wrappers: rw, actions: ar.methods})
		}
	}
}

// viewsetAction is an @action of a viewset: the path the router gives it
// after the list or detail route, and the methods it answers.
type viewsetAction struct {
	path    string
	detail  bool
	methods []string
}

// viewsetActions returns the @action methods of a viewset class of the
// project and of its project bases (a subclass's method of the same name
// hides its base's). An action that sets its own permission, authentication
// or throttle classes is left out: its route's guards are not the class's.
func viewsetActions(prog *taint.Program, cls *taint.Class) []viewsetAction {
	if cls == nil {
		return nil
	}
	var out []viewsetAction
	seen := map[string]bool{}
	var visited taint.Classes
	var walk func(c *taint.Class, depth int)
	walk = func(c *taint.Class, depth int) {
		if c == nil || depth > 8 || !visited.Add(c) {
			return
		}
		for _, st := range c.Def().Body {
			d, ok := st.(*python.FunctionDef)
			if !ok || seen[d.Name] {
				continue
			}
			seen[d.Name] = true
			for _, dec := range d.DecoratorList {
				call, ok := dec.(*python.Call)
				if !ok || lastName(c.Module.QualName(call.Func)) != "action" {
					continue
				}
				if ar, ok := actionOf(d, call); ok {
					out = append(out, ar)
				}
			}
		}
		for _, b := range c.Bases {
			walk(lookupClass(prog, c.Module, b), depth+1)
		}
	}
	walk(cls, 0)
	return out
}

// actionOf reads @action(detail=..., methods=[...], url_path=...) on d.
func actionOf(d *python.FunctionDef, call *python.Call) (viewsetAction, bool) {
	ar := viewsetAction{path: d.Name, methods: []string{"GET"}}
	for _, k := range call.Keywords {
		switch k.Arg {
		case "detail":
			b, ok := k.Value.(*python.Constant)
			if !ok {
				return ar, false
			}
			v, ok := b.Value.(bool)
			if !ok {
				return ar, false
			}
			ar.detail = v
		case "url_path":
			p, ok := constString(k.Value)
			if !ok {
				return ar, false
			}
			ar.path = strings.Trim(p, "/")
		case "methods":
			ar.methods = nil
			for _, e := range python.SeqElts(k.Value) {
				m, ok := constString(e)
				if !ok {
					return ar, false
				}
				ar.methods = append(ar.methods, strings.ToUpper(m))
			}
		case "permission_classes", "authentication_classes", "throttle_classes", "":
			return ar, false
		}
	}
	return ar, len(ar.methods) > 0
}

// registration is a router.register(prefix, ViewSet) call: in the module
// that includes the router, or in a helper of the project that module
// hands the router to (v2_api = add_notes_urls(v2_api)).
type registration struct {
	call   *python.Call
	mod    *taint.Module // where the call is, for its names
	router string        // the router's name in the including module
}

// registrations returns the router registrations of a URLconf module, in
// source order.
func (w *walker) registrations(m *taint.Module) []registration {
	var out []registration
	for _, s := range m.Tree().Body {
		var c *python.Call
		switch x := s.(type) {
		case *python.ExprStmt:
			c, _ = x.Value.(*python.Call)
		case *python.Assign:
			c, _ = x.Value.(*python.Call) // v2_api = add_notes_urls(v2_api)
		}
		if c == nil {
			continue
		}
		if a, ok := c.Func.(*python.Attribute); ok && a.Attr == "register" && len(c.Args) >= 2 {
			router := ""
			if nm, ok := a.Value.(*python.Name); ok {
				router = nm.ID
			}
			out = append(out, registration{c, m, router})
			continue
		}
		out = append(out, w.helperRegistrations(m, c)...)
	}
	return out
}

// helperRegistrations returns the registrations a project function makes
// on the router a module-level call passes it (add_notes_urls(v2_api):
// def add_notes_urls(router): router.register("notes", NotesViewSet)).
func (w *walker) helperRegistrations(m *taint.Module, c *python.Call) []registration {
	if len(c.Args) == 0 {
		return nil
	}
	arg, ok := c.Args[0].(*python.Name)
	if !ok {
		return nil
	}
	f := lookupFunc(w.prog, m, w.prog.Canonical(m.QualName(c.Func)))
	if f == nil || f.Def().Args == nil || len(f.Def().Args.Args) == 0 {
		return nil
	}
	param := f.Def().Args.Args[0].Arg
	var out []registration
	python.EachStmt(f.Def().Body, func(s python.Stmt) {
		es, ok := s.(*python.ExprStmt)
		if !ok {
			return
		}
		rc, ok := es.Value.(*python.Call)
		if !ok || len(rc.Args) < 2 {
			return
		}
		if a, ok := rc.Func.(*python.Attribute); ok && a.Attr == "register" && isNamed(a.Value, param) {
			out = append(out, registration{rc, f.Module, arg.ID})
		}
	})
	return out
}

func isNamed(e python.Expr, id string) bool {
	n, ok := e.(*python.Name)
	return ok && n.ID == id
}

func merge(a, b map[string]string) map[string]string {
	out := make(map[string]string, len(a)+len(b))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// moduleLists returns the elements of the module-level lists of m, by
// name: urlpatterns = [...], urlpatterns += [...], urlpatterns.append(...),
// urlpatterns = [...] + other_list.
func moduleLists(m *taint.Module) map[string][]python.Expr {
	out := map[string][]python.Expr{}
	// push appends to a list, up to maxEntries elements: l1 = l0 + l0,
	// l2 = l1 + l1, ... doubles a list at every line.
	push := func(name string, elts ...python.Expr) {
		if room := maxEntries - len(out[name]); room < len(elts) {
			elts = elts[:max(room, 0)]
		}
		out[name] = append(out[name], elts...)
	}
	// elts pushes a list's elements, a *name among them standing for
	// that list's elements; *name of the list itself is what it held
	// before (urlpatterns = [path("__debug__/", ...), *urlpatterns]).
	elts := func(name string, es, before []python.Expr) {
		for _, el := range es {
			st, ok := el.(*python.Starred)
			if !ok {
				push(name, el)
				continue
			}
			if n, ok := st.Value.(*python.Name); ok && n.ID == name {
				push(name, before...)
			} else if ok {
				push(name, out[n.ID]...)
			}
		}
	}
	var add func(name string, e python.Expr, depth int)
	add = func(name string, e python.Expr, depth int) {
		if depth > 8 {
			return
		}
		switch x := e.(type) {
		case *python.List:
			elts(name, x.Elts, out[name])
		case *python.Tuple:
			elts(name, x.Elts, out[name])
		case *python.BinOp:
			add(name, x.Left, depth+1)
			add(name, x.Right, depth+1)
		case *python.Name:
			if x.ID != name {
				push(name, out[x.ID]...)
			}
		case *python.Attribute: // router.urls: registrations are walked apart
		default:
			if e != nil {
				push(name, e)
			}
		}
	}
	var stmts func(body []python.Stmt, depth int)
	stmts = func(body []python.Stmt, depth int) {
		if depth > 4 {
			return
		}
		for _, s := range body {
			switch a := s.(type) {
			case *python.Assign:
				for _, t := range a.Targets {
					if n, ok := t.(*python.Name); ok {
						if l, isList := a.Value.(*python.List); isList {
							before := out[n.ID]
							out[n.ID] = nil
							elts(n.ID, l.Elts, before)
							continue
						}
						add(n.ID, a.Value, 0)
					}
				}
			case *python.AnnAssign:
				if n, ok := a.Target.(*python.Name); ok && a.Value != nil {
					add(n.ID, a.Value, 0)
				}
			case *python.AugAssign:
				if n, ok := a.Target.(*python.Name); ok {
					add(n.ID, a.Value, 0)
				}
			case *python.ExprStmt:
				c, ok := a.Value.(*python.Call)
				if !ok {
					continue
				}
				at, ok := c.Func.(*python.Attribute)
				if !ok {
					continue
				}
				n, ok := at.Value.(*python.Name)
				if !ok {
					continue
				}
				switch at.Attr {
				case "append", "insert":
					if len(c.Args) > 0 {
						out[n.ID] = append(out[n.ID], c.Args[len(c.Args)-1])
					}
				case "extend":
					if len(c.Args) > 0 {
						add(n.ID, c.Args[0], 0)
					}
				}
			case *python.If:
				// urlpatterns += [...] under if settings.DEBUG: routes a
				// production site does not have
				switch devTest(a.Test) {
				case 1:
					stmts(a.Orelse, depth+1)
				case -1:
					stmts(a.Body, depth+1)
				default:
					stmts(a.Body, depth+1)
					stmts(a.Orelse, depth+1)
				}
			case *python.Try:
				stmts(a.Body, depth+1)
			}
		}
	}
	stmts(m.Tree().Body, 0)
	return out
}

// devFlags are the settings that say the site runs for development or
// tests.
var devFlags = map[string]bool{"DEBUG": true, "DEV": true, "TEST": true, "TESTING": true, "DEVELOPMENT": true, "IS_DEV": true}

// devTest reports what an if's test says of the site: 1 when it holds only
// in development or tests (settings.DEBUG, settings.DEV or settings.TEST),
// -1 when only outside them (not settings.DEBUG), 0 when it says neither.
func devTest(e python.Expr) int {
	switch x := e.(type) {
	case *python.Name:
		if devFlags[x.ID] {
			return 1
		}
	case *python.Attribute:
		if n, ok := x.Value.(*python.Name); ok && n.ID == "settings" && devFlags[x.Attr] {
			return 1
		}
	case *python.UnaryOp:
		if x.Op == python.Not {
			return -devTest(x.Operand)
		}
	case *python.Compare:
		// settings.DEBUG is True, settings.DEBUG is not True
		if len(x.Ops) != 1 || devTest(x.Left) != 1 {
			return 0
		}
		c, ok := x.Comparators[0].(*python.Constant)
		if !ok {
			return 0
		}
		b, isBool := c.Value.(bool)
		if !isBool {
			return 0
		}
		switch x.Ops[0] {
		case python.Is, python.Eq:
		case python.IsNot, python.NotEq:
			b = !b
		default:
			return 0
		}
		if b {
			return 1
		}
		return -1
	case *python.BoolOp:
		// a and b holds in development when either does; a or b only
		// when both do
		all, any := true, false
		for _, v := range x.Values {
			d := devTest(v) == 1
			all, any = all && d, any || d
		}
		if x.Op == python.And && any || x.Op == python.Or && all {
			return 1
		}
	}
	return 0
}

func isRouteCall(m *taint.Module, c *python.Call) bool {
	_, _, ok := routeArgs(m, c)
	return ok
}

// routeArgs returns the route and the view of a call of path, re_path or
// url, passed by position or by keyword (path("x/", view=views.x)).
func routeArgs(m *taint.Module, c *python.Call) (route, view python.Expr, ok bool) {
	switch lastName(m.QualName(c.Func)) {
	case "path", "re_path", "url":
	default:
		return nil, nil, false
	}
	route, view = c.Arg(0, "route"), c.Arg(1, "view")
	if route == nil {
		route = c.Arg(0, "regex") // url(regex=...) in Django before 2.0
	}
	return route, view, route != nil && view != nil
}

// entry walks one element of a urlpatterns list.
func (w *walker) entry(m *taint.Module, e python.Expr, prefix string, wraps []wrapper, inherited map[string]string, lists map[string][]python.Expr, routers map[string]string, depth int) {
	// include(urlpatterns) inside urlpatterns: Django would recurse
	// without end; djsec stops at a depth and a budget of entries
	w.steps++
	if depth > 12 || w.steps > maxEntries {
		return
	}
	switch x := e.(type) {
	case *python.Starred:
		if n, ok := x.Value.(*python.Name); ok {
			for _, el := range lists[n.ID] {
				w.entry(m, el, prefix, wraps, inherited, lists, routers, depth+1)
			}
		}
		return
	case *python.Call:
		if !isRouteCall(m, x) {
			args := x.Args
			if decoratesPatterns(m, x) {
				// decorated_patterns([login_required, can_edit], *urls):
				// the first argument wraps every view of the rest
				wraps = append(slices.Clip(wraps), decoratorArgs(m, args[0])...)
				args = args[1:]
			}
			// i18n_patterns(path(...), ...) and similar helpers
			for _, a := range args {
				w.entry(m, a, prefix, wraps, inherited, lists, routers, depth+1)
			}
			return
		}
	case *python.List:
		for _, el := range x.Elts {
			w.entry(m, el, prefix, wraps, inherited, lists, routers, depth+1)
		}
		return
	default:
		return
	}
	c := e.(*python.Call)
	name := lastName(m.QualName(c.Func))
	routeArg, target, _ := routeArgs(m, c)
	route, ok := routeString(m, routeArg)
	if !ok {
		return
	}
	ps := merge(inherited, params(route, name != "path"))
	pattern := joinPattern(prefix, route)
	var routeName string
	for _, k := range c.Keywords {
		if k.Arg == "name" {
			routeName, _ = constString(k.Value)
		}
	}
	own := slices.Clip(wraps)
	for range 6 {
		call, ok := target.(*python.Call)
		if !ok {
			break
		}
		q := m.QualName(call.Func)
		ln := lastName(q)
		if ln == "as_view" || ln == "include" {
			break
		}
		if ln == "decorator_include" && len(call.Args) >= 2 {
			own = append(own, decoratorArgs(m, call.Args[0])...)
			target = &python.Call{Span: call.Span, Func: &python.Name{ID: "include"}, Args: call.Args[1:]}
			break
		}
		if len(call.Args) != 1 {
			break
		}
		own = append(own, wrapper{q: q, mod: m, node: call.Func})
		target = call.Args[0]
	}
	r := &rawRoute{pattern: pattern, name: routeName, mod: m, call: c, params: ps, wrappers: own}
	switch v := target.(type) {
	case *python.Call:
		vq := m.QualName(v.Func)
		switch lastName(vq) {
		case "as_view":
			q := w.prog.Canonical(strings.TrimSuffix(vq, ".as_view"))
			if cls := lookupClass(w.prog, m, q); cls != nil {
				q = cls.QName
			}
			r.view, r.class = q, true
			if len(v.Args) > 0 {
				if d, ok := v.Args[0].(*python.Dict); ok {
					for _, k := range d.Keys {
						if s, ok := constString(k); ok {
							r.actions = append(r.actions, strings.ToUpper(s))
						}
					}
				}
			}
		case "include":
			if len(v.Args) == 0 {
				return
			}
			arg := v.Args[0]
			if c, ok := arg.(*python.Call); ok && lastName(m.QualName(c.Func)) == "get_model_urls" {
				w.modelURLs(m, c, c2(c, r, pattern, own, ps))
				return
			}
			if t, ok := arg.(*python.Tuple); ok && len(t.Elts) > 0 {
				arg = t.Elts[0]
			}
			switch a := arg.(type) {
			case *python.List:
				for _, el := range a.Elts {
					w.entry(m, el, pattern, own, ps, lists, routers, depth+1)
				}
			case *python.Name:
				if els, ok := lists[a.ID]; ok {
					for _, el := range els {
						w.entry(m, el, pattern, own, ps, lists, routers, depth+1)
					}
				} else if s, ok := m.Consts[a.ID]; ok {
					if im := w.prog.Module(s); im != nil {
						w.module(im, pattern, own, ps, depth+1)
					}
				} else if im := importedConf(w.prog, m, a); im != nil {
					// include(workflows_urls), the module imported
					// under a name of its own
					w.module(im, pattern, own, ps, depth+1)
				}
			case *python.Attribute:
				// include(router.urls) is walked with the router's
				// registrations; include(other_module.urlpatterns), and
				// include(app.urls) after import app.urls:
				if im := moduleConf(w.prog, m, a); im != nil {
					w.module(im, pattern, own, ps, depth+1)
				} else if a.Attr == "urlpatterns" {
					if im := w.prog.Module(w.prog.Canonical(m.QualName(a.Value))); im != nil {
						w.module(im, pattern, own, ps, depth+1)
					}
				} else if a.Attr == "urls" {
					if im := w.prog.Module(w.prog.Canonical(m.QualName(a.Value))); im != nil && isURLConf(im) {
						w.module(im, pattern, own, ps, depth+1)
					}
				}
			default:
				if s, ok := constString(arg); ok {
					if im := w.prog.Module(s); im != nil {
						w.module(im, pattern, own, ps, depth+1)
					}
				}
			}
			return
		default:
			return
		}
	case *python.Attribute:
		if v.Attr == "urls" && strings.HasSuffix(m.QualName(v.Value), "site") {
			r.view, r.admin = "django.contrib.admin.site", true
			break
		}
		r.view = w.resolveFunc(m, v)
		w.viewAlias(m, v, r)
	case *python.Name:
		if els, ok := lists[v.ID]; ok && v.ID != "urlpatterns" {
			for _, el := range els {
				w.entry(m, el, pattern, own, ps, lists, routers, depth+1)
			}
			return
		}
		r.view = w.resolveFunc(m, v)
		w.viewAlias(m, v, r)
	default:
		return
	}
	if r.view == "" {
		return
	}
	w.routes = append(w.routes, r)
}

// viewAlias makes the route of a name that a views module binds to a
// class-based view the route of that class: create_note =
// CreateNote.as_view(), routed as views.create_note. The guards of the
// class (its mixins, permission_classes) then decide the route, and
// the decorators wrapping the call (login_required(Edit.as_view())) are
// the route's wrappers.
func (w *walker) viewAlias(m *taint.Module, e python.Expr, r *rawRoute) {
	if lookupFunc(w.prog, m, m.QualName(e)) != nil {
		return
	}
	q := w.prog.Canonical(m.QualName(e))
	i := strings.LastIndexByte(q, '.')
	if i < 0 {
		return
	}
	vm := w.prog.Module(q[:i])
	if vm == nil || vm.Tree() == nil {
		return
	}
	for _, st := range vm.Tree().Body {
		a, ok := st.(*python.Assign)
		if !ok || len(a.Targets) != 1 {
			continue
		}
		if n, ok := a.Targets[0].(*python.Name); !ok || n.ID != q[i+1:] {
			continue
		}
		value, wraps := a.Value, []wrapper(nil)
		for range 4 {
			c, ok := value.(*python.Call)
			if !ok || len(c.Args) != 1 || lastName(vm.QualName(c.Func)) == "as_view" {
				break
			}
			wraps = append(wraps, wrapper{q: vm.QualName(c.Func), mod: vm, node: c.Func})
			value = c.Args[0]
		}
		c, ok := value.(*python.Call)
		if !ok || lastName(vm.QualName(c.Func)) != "as_view" {
			return
		}
		cq := w.prog.Canonical(strings.TrimSuffix(vm.QualName(c.Func), ".as_view"))
		cls := lookupClass(w.prog, vm, cq)
		if cls == nil {
			return
		}
		r.view, r.class = cls.QName, true
		r.wrappers = append(r.wrappers, wraps...)
		return
	}
}

type modelRoute struct {
	route    *rawRoute
	pattern  string
	wrappers []wrapper
	params   map[string]string
}

func c2(_ *python.Call, r *rawRoute, pattern string, own []wrapper, ps map[string]string) modelRoute {
	return modelRoute{route: r, pattern: pattern, wrappers: own, params: ps}
}

// modelURLs expands include(get_model_urls("dcim", "site", detail=False)):
// the views registered for that model with @register_model_view.
func (w *walker) modelURLs(m *taint.Module, c *python.Call, at modelRoute) {
	if len(c.Args) < 2 {
		return
	}
	app, ok1 := constString(c.Args[0])
	model, ok2 := constString(c.Args[1])
	if !ok1 || !ok2 {
		return
	}
	detail := true
	for _, k := range c.Keywords {
		if k.Arg == "detail" {
			if b, ok := k.Value.(*python.Constant); ok {
				detail, _ = b.Value.(bool)
			}
		}
	}
	if len(c.Args) > 2 {
		if b, ok := c.Args[2].(*python.Constant); ok {
			detail, _ = b.Value.(bool)
		}
	}
	if w.registered == nil {
		w.registered = registry(w.prog)
	}
	for _, rv := range w.registered[app+"."+model] {
		if rv.detail != detail {
			continue
		}
		p := ""
		if rv.path != "" {
			p = rv.path + "/"
		}
		name := model
		if rv.name != "" {
			name = model + "_" + rv.name
		}
		w.routes = append(w.routes, &rawRoute{pattern: at.pattern + p, name: name, mod: m, call: at.route.call,
			view: rv.view, class: rv.class, params: at.params, wrappers: at.wrappers})
	}
}

// registry finds the views registered with @register_model_view(Model,
// name, path=..., detail=...), by "app_label.model_name".
func registry(prog *taint.Program) map[string][]registeredView {
	out := map[string][]registeredView{}
	for _, m := range prog.Modules {
		if !bytesearch.Contains(m.Content(), "register_model_view") || strings.Contains("/"+m.File.Path, "/tests/") {
			continue
		}
		for _, s := range m.Tree().Body {
			var decs []python.Expr
			var name string
			class := false
			switch d := s.(type) {
			case *python.ClassDef:
				decs, name, class = d.DecoratorList, d.Name, true
			case *python.FunctionDef:
				decs, name = d.DecoratorList, d.Name
			default:
				continue
			}
			for _, dec := range decs {
				c, ok := dec.(*python.Call)
				if !ok || lastName(m.QualName(c.Func)) != "register_model_view" || len(c.Args) == 0 {
					continue
				}
				mc := lookupClass(prog, m, m.QualName(c.Args[0]))
				if mc == nil {
					continue
				}
				rv := registeredView{view: m.Name + "." + name, class: class, detail: true}
				if len(c.Args) > 1 {
					rv.name, _ = constString(c.Args[1])
				}
				rv.path = rv.name
				for _, k := range c.Keywords {
					switch k.Arg {
					case "name":
						rv.name, _ = constString(k.Value)
					case "path":
						if s, ok := constString(k.Value); ok {
							rv.path = s
						}
					case "detail":
						if b, ok := k.Value.(*python.Constant); ok {
							rv.detail, _ = b.Value.(bool)
						}
					}
				}
				key := appLabel(mc) + "." + strings.ToLower(mc.Name)
				out[key] = append(out[key], rv)
			}
		}
	}
	return out
}

// appLabel is the Django app a model belongs to: the package that holds
// its models module ("dcim" for netbox/dcim/models/sites.py).
func appLabel(c *taint.Class) string {
	parts := strings.Split(c.Module.Name, ".")
	for i := len(parts) - 1; i > 0; i-- {
		if parts[i] == "models" {
			return parts[i-1]
		}
	}
	if len(parts) > 1 {
		return parts[len(parts)-2]
	}
	return parts[0]
}

func (w *walker) resolveFunc(m *taint.Module, e python.Expr) string {
	q := m.QualName(e)
	if q == "" {
		return ""
	}
	if f := lookupFunc(w.prog, m, q); f != nil {
		return f.QName
	}
	return w.prog.Canonical(q)
}

// decoratesPatterns reports a call of a project helper that applies its
// first argument, a decorator or a list of them, to the URL patterns it
// is given after it: decorated_patterns(login_required, path(...), ...),
// the djangosnippets recipe many projects copy. Its name says so, and its
// first argument is no pattern.
func decoratesPatterns(m *taint.Module, c *python.Call) bool {
	if len(c.Args) < 2 || !strings.Contains(strings.ToLower(lastName(m.QualName(c.Func))), "decorat") {
		return false
	}
	switch a := c.Args[0].(type) {
	case *python.Name, *python.Attribute, *python.List, *python.Tuple:
		return true
	case *python.Call:
		return !isRouteCall(m, a) // permission_required("x"), not path(...)
	}
	return false
}

// decoratorArgs returns the decorators of decorator_include's first
// argument: one decorator or a list of them.
func decoratorArgs(m *taint.Module, e python.Expr) []wrapper {
	var out []wrapper
	switch x := e.(type) {
	case *python.List:
		for _, el := range x.Elts {
			out = append(out, decoratorArgs(m, el)...)
		}
	case *python.Tuple:
		for _, el := range x.Elts {
			out = append(out, decoratorArgs(m, el)...)
		}
	default:
		f := e
		if c, ok := e.(*python.Call); ok {
			f = c.Func
		}
		if q := m.QualName(f); q != "" {
			out = append(out, wrapper{q: q, mod: m, node: e})
		}
	}
	return out
}

func lastName(q string) string { return q[strings.LastIndexByte(q, '.')+1:] }

func constString(e python.Expr) (string, bool) {
	if c, ok := e.(*python.Constant); ok {
		s, ok := c.Value.(string)
		return s, ok
	}
	return "", false
}

// routeString evaluates a route: a literal, a module-level string
// constant, an f-string of those; a part it cannot know (a setting, a
// computed prefix) shows as {name}.
func routeString(m *taint.Module, e python.Expr) (string, bool) {
	switch x := e.(type) {
	case *python.Constant:
		s, ok := x.Value.(string)
		return s, ok
	case *python.Name:
		if s, ok := m.Consts[x.ID]; ok {
			return s, true
		}
		return "{" + x.ID + "}", true
	case *python.Attribute:
		return "{" + x.Attr + "}", true
	case *python.JoinedStr:
		var b strings.Builder
		for _, v := range x.Values {
			switch p := v.(type) {
			case *python.Constant:
				s, _ := p.Value.(string)
				b.WriteString(s)
			case *python.FormattedValue:
				s, _ := routeString(m, p.Value)
				b.WriteString(s)
			}
		}
		return b.String(), true
	case *python.BinOp:
		l, ok1 := routeString(m, x.Left)
		r, ok2 := routeString(m, x.Right)
		return l + r, ok1 && ok2
	}
	return "", false
}

// lookupClass resolves a name written in module m to a project class: a
// qualified name, a class defined in m itself, or one a star import brings
// (through packages that re-export with "from .x import *").
func lookupClass(prog *taint.Program, m *taint.Module, q string) *taint.Class {
	if q == "" {
		return nil
	}
	// once per module and name: every decorator and base asks, and a
	// bare name walks the module's star imports
	return prog.Memo(classKey{m, q}, func() any { return findClass(prog, m, q) }).(*taint.Class)
}

type classKey struct {
	m *taint.Module
	q string
}

// findClass is lookupClass's answer.
func findClass(prog *taint.Program, m *taint.Module, q string) *taint.Class {
	if c := prog.LookupClass(q); c != nil {
		return c
	}
	if m != nil && !strings.Contains(q, ".") {
		if c := prog.LookupClass(m.Name + "." + q); c != nil {
			return c
		}
		for _, s := range m.Imports.StarImports() {
			if c := starClass(prog, s+"."+q, 0); c != nil {
				return c
			}
		}
	}
	return starClass(prog, q, 0)
}

// starClass follows packages that re-export with "from .x import *".
func starClass(prog *taint.Program, q string, depth int) *taint.Class {
	return starClassIn(prog, q, depth, map[*taint.Module]int{})
}

// starClassIn is starClass with each module looked at once from its
// least depth (seen): modules that import each other's names by star
// would otherwise make the walk exponential in its depth.
func starClassIn(prog *taint.Program, q string, depth int, seen map[*taint.Module]int) *taint.Class {
	if c := prog.LookupClass(q); c != nil {
		return c
	}
	i := strings.LastIndexByte(q, '.')
	if i < 0 || depth > 4 {
		return nil
	}
	pm := prog.Module(q[:i])
	if d, ok := seen[pm]; pm == nil || ok && d <= depth {
		return nil
	}
	seen[pm] = depth
	for _, s := range pm.Imports.StarImports() {
		if c := starClassIn(prog, s+"."+q[i+1:], depth+1, seen); c != nil {
			return c
		}
	}
	return nil
}

// lookupFunc is lookupClass for functions.
func lookupFunc(prog *taint.Program, m *taint.Module, q string) *taint.Func {
	if q == "" {
		return nil
	}
	if f := prog.LookupFunc(q); f != nil {
		return f
	}
	if m != nil && !strings.Contains(q, ".") {
		if f := prog.LookupFunc(m.Name + "." + q); f != nil {
			return f
		}
		for _, s := range m.Imports.StarImports() {
			if f := prog.LookupFunc(s + "." + q); f != nil {
				return f
			}
		}
	}
	i := strings.LastIndexByte(q, '.')
	if i < 0 {
		return nil
	}
	if pm := prog.Module(q[:i]); pm != nil {
		for _, s := range pm.Imports.StarImports() {
			if f := prog.LookupFunc(s + "." + q[i+1:]); f != nil {
				return f
			}
		}
	}
	return nil
}
