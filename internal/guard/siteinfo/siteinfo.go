// Package siteinfo reads what `djsec guard init` needs from a Django
// project: the admin, the logins and the APIs from its URLconf, and the
// static and media URLs from its settings. It walks the URLconf from
// ROOT_URLCONF through include(), joining prefixes the way Django does.
package siteinfo

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/guard"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/settings"
	"github.com/djsec/djsec/internal/taint"
)

// Discover describes the project for guard init.
func Discover(p *project.Project, name string) guard.Site {
	s := guard.Site{Project: name}
	st := settings.Load(p)
	if prod := st.Production(); len(prod) > 0 {
		e := prod[0]
		s.Static = urlSetting(e, "STATIC_URL")
		s.Media = urlSetting(e, "MEDIA_URL")
		if v := e.Value("ALLOWED_HOSTS"); v != nil {
			if hs, ok := v.Strings(); ok && len(hs) > 0 && !slices.Contains(hs, "*") {
				s.Hosts = hs
			}
		}
		if v := e.Value("DATA_UPLOAD_MAX_MEMORY_SIZE"); v != nil {
			if n, ok := v.Int64(); ok && n > 0 {
				s.Upload = n
			}
		}
		if l := urlSetting(e, "LOGIN_URL"); l != "" && l != "/" {
			s.Logins = append(s.Logins, guard.SiteRoute{Path: l, From: e.File.Path + " (LOGIN_URL)", Exact: true})
		}
	} else {
		s.Notes = append(s.Notes, "no settings module was found: STATIC_URL and MEDIA_URL are not in this config")
	}
	prog := taint.Load(p)
	w := &walker{prog: prog, site: &s, seen: map[string]bool{}}
	roots := 0
	for _, f := range settings.URLConfs(p) {
		for _, m := range prog.Modules {
			if m.File == f {
				w.module(m, "/", true, 0)
				roots++
			}
		}
	}
	if roots == 0 {
		// No settings to name ROOT_URLCONF: start from the URLconfs that
		// no other module includes.
		for _, m := range unincluded(prog) {
			w.module(m, "/", true, 0)
			roots++
		}
	}
	if roots == 0 {
		s.Notes = append(s.Notes, "ROOT_URLCONF was not found: no route-specific limits were written; add [[route]] tables by hand")
	}
	s.Admin = guard.Dedupe(s.Admin)
	s.Logins = guard.Dedupe(s.Logins)
	s.APIs = guard.Dedupe(s.APIs)
	return s
}

// unincluded returns the modules named *urls that define urlpatterns and
// that no include("...") in the project names.
func unincluded(prog *taint.Program) []*taint.Module {
	included := map[string]bool{}
	var cands []*taint.Module
	for _, m := range prog.Modules {
		if m.Tree() == nil || !strings.HasSuffix(m.Name, "urls") || !bytes.Contains(m.Content(), []byte("urlpatterns")) {
			continue
		}
		cands = append(cands, m)
		python.Inspect(m.Tree(), func(n python.Node) bool {
			if c, ok := n.(*python.Call); ok && strings.HasSuffix(calleeName(m, c), "include") && len(c.Args) > 0 {
				if name, ok := stringOf(m, c.Args[0]); ok {
					if sub := prog.Module(name); sub != nil {
						included[sub.Name] = true
					}
				}
			}
			return true
		})
	}
	var out []*taint.Module
	for _, m := range cands {
		if !included[m.Name] && !strings.Contains(m.File.Path, "test") {
			out = append(out, m)
		}
	}
	return out
}

func urlSetting(e *settings.Entry, name string) string {
	v := e.Value(name)
	if v == nil || !v.IsString() {
		return ""
	}
	u := v.S
	if strings.Contains(u, "://") {
		return "" // served from elsewhere (a CDN)
	}
	if !strings.HasPrefix(u, "/") {
		u = "/" + u
	}
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

type walker struct {
	prog *taint.Program
	site *guard.Site
	seen map[string]bool
}

const maxDepth = 12

func (w *walker) module(m *taint.Module, prefix string, lit bool, depth int) {
	key := m.Name + "\x00" + prefix
	if depth > maxDepth || w.seen[key] || m.Tree() == nil {
		return
	}
	w.seen[key] = true
	for _, st := range m.Tree().Body {
		var target python.Expr
		var value python.Expr
		switch s := st.(type) {
		case *python.Assign:
			if len(s.Targets) == 1 {
				target, value = s.Targets[0], s.Value
			}
		case *python.AugAssign:
			target, value = s.Target, s.Value
		case *python.AnnAssign:
			target, value = s.Target, s.Value
		}
		if n, ok := target.(*python.Name); !ok || n.ID != "urlpatterns" {
			continue
		}
		w.list(m, value, prefix, lit, depth)
	}
}

// list walks a urlpatterns value: a list, a sum of lists, i18n_patterns().
func (w *walker) list(m *taint.Module, e python.Expr, prefix string, lit bool, depth int) {
	switch x := e.(type) {
	case *python.List:
		for _, el := range x.Elts {
			w.entry(m, el, prefix, lit, depth)
		}
	case *python.Tuple:
		for _, el := range x.Elts {
			w.entry(m, el, prefix, lit, depth)
		}
	case *python.BinOp:
		w.list(m, x.Left, prefix, lit, depth)
		w.list(m, x.Right, prefix, lit, depth)
	case *python.Call:
		// i18n_patterns(path(...), ...) and the like.
		for _, a := range x.Args {
			w.entry(m, a, prefix, lit, depth)
		}
	}
}

var (
	loginViewRE = regexp.MustCompile(`(?i)(^|[._])(login|log_in|signin|sign_in|LoginView|SigninView)([._]|$|View)|obtain_auth_token|obtain_jwt_token|TokenObtain|ObtainAuthToken|ObtainJSONWebToken|KnoxLoginView|LoginAPIView`)
	notLoginRE  = regexp.MustCompile(`(?i)sent|done|success|complete|redirect|logout|required`)
	tokenViewRE = regexp.MustCompile(`(?i)token|jwt|api|json|knox`)
	apiRE       = regexp.MustCompile(`(?i)(^|[./_])(api|graphql|rest)([./_]|$|v\d)`)
)

func (w *walker) entry(m *taint.Module, e python.Expr, prefix string, lit bool, depth int) {
	c, ok := e.(*python.Call)
	if !ok || len(c.Args) < 1 {
		return
	}
	fn := calleeName(m, c)
	last := fn[strings.LastIndexByte(fn, '.')+1:]
	var regex bool
	switch last {
	case "path":
	case "re_path", "url":
		regex = true
	default:
		return
	}
	route, ok := stringOf(m, c.Args[0])
	if !ok {
		// path(settings.BASE_PATH, include(...)): a prefix set at deploy
		// time, most often empty.
		inc, isCall := c.Args[len(c.Args)-1].(*python.Call)
		if len(c.Args) < 2 || !isCall || !strings.HasSuffix(calleeName(m, inc), "include") {
			return
		}
		w.note(fmt.Sprintf("%s:%d: the prefix %s is not a literal; it was taken as empty", m.File.Path, m.Tree().File.Line(c.Pos()), exprName(m, c.Args[0])))
	}
	head, literal := guard.RoutePrefix(route, regex)
	full := joinPath(prefix, head)
	// Exact only when every route on the way is literal. An include()'s
	// route is a prefix: literal when nothing in it varies.
	exact := lit && literal
	_, subLit := guard.RoutePrefix(strings.TrimSuffix(route, "$")+"$", regex)
	if !regex {
		subLit = !strings.Contains(route, "<")
	}
	subLit = subLit && lit
	var view python.Expr
	if len(c.Args) > 1 {
		view = c.Args[1]
	}
	for _, k := range c.Keywords {
		if k.Arg == "view" {
			view = k.Value
		}
	}
	if view == nil {
		return
	}
	from := fmt.Sprintf("%s:%d", m.File.Path, m.Tree().File.Line(c.Pos()))
	// admin.site.urls, or include(admin.site.urls)
	if inc, ok := view.(*python.Call); ok && strings.HasSuffix(calleeName(m, inc), "include") && len(inc.Args) > 0 {
		arg := inc.Args[0]
		if t, ok := arg.(*python.Tuple); ok && len(t.Elts) > 0 {
			arg = t.Elts[0]
		}
		if isAdminSite(m, arg) {
			w.admin(full, from)
			return
		}
		if name, ok := stringOf(m, arg); ok {
			switch {
			case name == "django.contrib.auth.urls":
				w.site.Logins = append(w.site.Logins, guard.SiteRoute{Path: full + "login/", From: from + " (django.contrib.auth.urls)", Exact: true})
				return
			case strings.HasPrefix(name, "allauth."):
				w.site.Logins = append(w.site.Logins, guard.SiteRoute{Path: full + "login/", From: from + " (allauth)", Exact: true})
				return
			case strings.HasPrefix(name, "rest_framework.urls"):
				w.site.Logins = append(w.site.Logins, guard.SiteRoute{Path: full + "login/", From: from + " (rest_framework.urls)", Exact: true})
				return
			}
			if full != "/" && (apiRE.MatchString(full) || apiRE.MatchString(name)) {
				w.api(full, from+" (include "+name+")")
			}
			if sub := w.prog.Module(name); sub != nil {
				w.module(sub, full, subLit, depth+1)
			}
			return
		}
		// include(router.urls), include([...]), include(a_list), include(module object)
		if n, ok := arg.(*python.Name); ok {
			if l := moduleList(m, n.ID); l != nil {
				arg = l
			}
		}
		if l, ok := arg.(*python.List); ok {
			for _, el := range l.Elts {
				w.entry(m, el, full, subLit, depth+1)
			}
			return
		}
		if a, ok := arg.(*python.Attribute); ok && a.Attr == "urls" {
			w.api(full, from+" (router)")
		}
		return
	}
	if isAdminSite(m, view) {
		w.admin(full, from)
		return
	}
	vname := exprName(m, view)
	if loginViewRE.MatchString(vname) && !notLoginRE.MatchString(vname) {
		token := tokenViewRE.MatchString(vname) || apiRE.MatchString(full)
		w.site.Logins = append(w.site.Logins, guard.SiteRoute{Path: full, From: from + " (" + vname + ")", Token: token, Exact: exact})
		return
	}
	if apiRE.MatchString(full) && full != "/" {
		// A single API view: the API is its first path segment.
		seg := full
		if i := strings.IndexByte(full[1:], '/'); i >= 0 {
			seg = full[:i+2]
		}
		if apiRE.MatchString(seg) {
			w.api(seg, from)
		}
	}
}

// moduleList is the list a module-level name is assigned, if it is one.
func moduleList(m *taint.Module, name string) *python.List {
	var out *python.List
	for _, st := range m.Tree().Body {
		if a, ok := st.(*python.Assign); ok && len(a.Targets) == 1 {
			if n, ok := a.Targets[0].(*python.Name); ok && n.ID == name {
				out, _ = a.Value.(*python.List)
			}
		}
	}
	return out
}

func (w *walker) note(n string) {
	for _, x := range w.site.Notes {
		if x == n {
			return
		}
	}
	w.site.Notes = append(w.site.Notes, n)
}

func (w *walker) admin(path, from string) {
	w.site.Admin = append(w.site.Admin, guard.SiteRoute{Path: path, From: from})
	// The admin's own login form, limited and counted apart.
	w.site.Logins = append(w.site.Logins, guard.SiteRoute{Path: path + "login/", From: from + " (the admin's login)", Exact: true})
}

func (w *walker) api(path, from string) {
	w.site.APIs = append(w.site.APIs, guard.SiteRoute{Path: path, From: from})
}

func isAdminSite(m *taint.Module, e python.Expr) bool {
	a, ok := e.(*python.Attribute)
	if !ok || a.Attr != "urls" {
		return false
	}
	n := exprName(m, a.Value)
	return strings.HasSuffix(n, "admin.site") || strings.Contains(strings.ToLower(n), "admin")
}

func calleeName(m *taint.Module, c *python.Call) string { return exprName(m, c.Func) }

// exprName is the dotted name of e, resolved through imports when it can
// be; a call's name (LoginView.as_view()) is the callee's.
func exprName(m *taint.Module, e python.Expr) string {
	if c, ok := e.(*python.Call); ok {
		return exprName(m, c.Func)
	}
	if m.Imports != nil {
		if q, ok := m.Imports.QualifiedName(e); ok {
			return q
		}
	}
	var parts []string
	for {
		switch x := e.(type) {
		case *python.Attribute:
			parts = append([]string{x.Attr}, parts...)
			e = x.Value
			continue
		case *python.Name:
			return strings.Join(append([]string{x.ID}, parts...), ".")
		}
		return strings.Join(parts, ".")
	}
}

func stringOf(m *taint.Module, e python.Expr) (string, bool) {
	switch x := e.(type) {
	case *python.Constant:
		s, ok := x.Value.(string)
		return s, ok
	case *python.Name:
		s, ok := m.Consts[x.ID]
		return s, ok
	case *python.JoinedStr:
		// f"{prefix}admin/" with prefix a module constant
		var b strings.Builder
		for _, v := range x.Values {
			if fv, ok := v.(*python.FormattedValue); ok {
				v = fv.Value
			}
			part, ok := stringOf(m, v)
			if !ok {
				return "", false
			}
			b.WriteString(part)
		}
		return b.String(), true
	case *python.Call:
		// _("accounts/") with gettext_lazy
		if len(x.Args) == 1 {
			return stringOf(m, x.Args[0])
		}
	}
	return "", false
}

func joinPath(prefix, lit string) string {
	return strings.TrimSuffix(prefix, "/") + "/" + strings.TrimPrefix(lit, "/")
}
