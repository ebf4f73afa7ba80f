package taint

import (
	"bytes"
	"regexp"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/python"
)

// The routes are read from the index: the calls of path, re_path, url and
// a router's register.
func init() { IndexCallsNamed("path", "re_path", "url", "register") }

// View is a function or class the URL configuration routes requests to,
// with the path parameters it receives. A parameter is tainted when its
// converter lets arbitrary text through (str, slug, path, a regex group
// that is not all digits); int and uuid parameters are not.
type View struct {
	QName   string
	Class   bool
	Params  map[string]bool // name -> carries attacker text
	ViewSet bool            // registered on a DRF router
	// Wrappers are the functions urls.py wraps the view in, by qualified
	// name: login_required(views.edit), csrf_exempt(Hook.as_view()).
	Wrappers []string
	// Safe holds, for each text parameter, the sinks its every route keeps
	// it safe for by the characters it admits: letters, digits, "-" and
	// "_" (slug converters, [-\w]+ groups) make no scheme, host, path
	// separator or line break (slugSafe); a group of word characters
	// alone (\w+) makes no shell syntax or option either (wordSafe).
	Safe map[string]Kind
}

var (
	slugGroupRE = regexp.MustCompile(`^(?:\[(?:-|_|\\w|\\d|a-z|A-Z|0-9)+\]|\\w|\\d|[+*?]|\{\d+(?:,\d*)?\})+$`)
	wordGroupRE = regexp.MustCompile(`^(?:\[(?:_|\\w|\\d|a-z|A-Z|0-9)+\]|\\w|\\d|[+*?]|\{\d+(?:,\d*)?\})+$`)
)

// safeParams returns, for each parameter of a route, the sinks the
// characters it admits keep it safe for.
func safeParams(route string, regex bool) map[string]Kind {
	out := map[string]Kind{}
	if regex {
		for _, m := range groupRE.FindAllStringSubmatch(route, -1) {
			switch {
			case wordGroupRE.MatchString(m[2]):
				out[m[1]] = wordSafe
			case slugGroupRE.MatchString(m[2]):
				out[m[1]] = slugSafe
			default:
				out[m[1]] = 0
			}
		}
		return out
	}
	for _, m := range converterRE.FindAllStringSubmatch(route, -1) {
		out[m[2]] = 0
		if m[1] == "slug" {
			out[m[2]] = slugSafe
		}
	}
	return out
}

var (
	converterRE = regexp.MustCompile(`<(?:([a-zA-Z_]\w*):)?([a-zA-Z_]\w*)>`)
	groupRE     = regexp.MustCompile(`\(\?P<([a-zA-Z_]\w*)>((?:[^()\\]|\\.|\([^()]*\))*)\)`)
	digitsRE    = regexp.MustCompile(`^(?:\\d|\[0-9\]|[+*?]|\{\d+(?:,\d*)?\})+$`)
	uuidLikeRE  = regexp.MustCompile(`^(?:\[0-9a-f-\]|\[0-9a-fA-F-\]|\[-0-9a-f\]|\[a-f0-9-\]|[+*?]|\{\d+(?:,\d*)?\}|-)+$`)
)

// routeParams returns the parameters of a route string.
func routeParams(route string, regex bool) map[string]bool {
	out := map[string]bool{}
	if regex {
		for _, m := range groupRE.FindAllStringSubmatch(route, -1) {
			out[m[1]] = !digitsRE.MatchString(m[2]) && !uuidLikeRE.MatchString(m[2])
		}
		return out
	}
	for _, m := range converterRE.FindAllStringSubmatch(route, -1) {
		switch m[1] {
		case "int", "uuid":
			out[m[2]] = false
		default: // str, slug, path, and custom converters we cannot see into
			out[m[2]] = true
		}
	}
	return out
}

type urlEntry struct {
	params   map[string]bool
	safe     map[string]Kind
	view     string // qualified function or class
	class    bool
	include  string // module included under this prefix
	viewset  bool
	wrappers []string
}

// Views finds every routed view of the program (computed once).
func (p *Program) Views() map[string]*View {
	p.viewsOnce.Do(func() { p.views = p.findViews() })
	return p.views
}

// maxURLEntries bounds the URL entries findViews walks, includes followed.
const maxURLEntries = 200000

func (p *Program) findViews() map[string]*View {
	// The URL calls of each module are found in parallel; the routes are
	// then followed one module at a time, in the order of p.Modules, so
	// that what a view inherits from several routes never depends on map
	// order.
	found := make([][]urlEntry, len(p.Modules))
	parallel(len(p.Modules), func(i int) {
		m := p.Modules[i]
		if !m.mentionsRouting() {
			return
		}
		// The module index lists the calls of path, re_path, url and
		// register (see init) in source order, with their qualified
		// names: the rules build it for every module anyway, so the
		// routes are read from it rather than from a walk of their own.
		for _, st := range m.Index().Calls {
			if e, ok := p.urlEntry(m, st.Call, st.Q); ok {
				found[i] = append(found[i], e)
			}
		}
	})
	entries := map[string][]urlEntry{} // module -> entries
	var order []string                 // modules with entries, in p.Modules order
	for i, es := range found {
		if len(es) > 0 {
			name := p.Modules[i].Name
			if entries[name] == nil {
				order = append(order, name)
			}
			entries[name] = append(entries[name], es...)
		}
	}
	views := map[string]*View{}
	// onStack holds the URLconfs being walked (Django would recurse
	// without end through a cycle of includes), and steps bounds the
	// entries walked: a URLconf included many times over, at each level,
	// is walked once per path.
	onStack := map[string]bool{}
	steps := 0
	var visit func(mod string, inherited map[string]bool, inheritedSafe map[string]Kind, depth int)
	visit = func(mod string, inherited map[string]bool, inheritedSafe map[string]Kind, depth int) {
		if depth > 6 || onStack[mod] {
			return
		}
		onStack[mod] = true
		defer delete(onStack, mod)
		for _, e := range entries[mod] {
			if steps++; steps > maxURLEntries {
				return
			}
			params, safe := map[string]bool{}, map[string]Kind{}
			for k, v := range inherited {
				params[k] = v
			}
			for k, v := range inheritedSafe {
				safe[k] = v
			}
			for k, v := range e.params {
				params[k] = v
			}
			for k, v := range e.safe {
				safe[k] = v
			}
			if e.include != "" {
				if im := p.Module(e.include); im != nil {
					visit(im.Name, params, safe, depth+1)
				}
				continue
			}
			v := views[e.view]
			if v == nil {
				v = &View{QName: e.view, Class: e.class, Params: map[string]bool{}, ViewSet: e.viewset, Safe: map[string]Kind{}}
				views[e.view] = v
				for k := range params {
					v.Safe[k] = safe[k]
				}
			}
			for k, t := range params {
				v.Params[k] = v.Params[k] || t
				if _, seen := v.Safe[k]; seen {
					v.Safe[k] &= safe[k] // safe for what every route keeps it safe for
				} else {
					v.Safe[k] = 0 // another route did not have it
				}
			}
			for _, w := range e.wrappers {
				if !slices.Contains(v.Wrappers, w) {
					v.Wrappers = append(v.Wrappers, w)
				}
			}
		}
	}
	// Start from the root URLconfs; an included module is visited through
	// its include, with the parameters of the prefix.
	included := map[string]bool{}
	for _, mod := range order {
		for _, e := range entries[mod] {
			if e.include != "" {
				if im := p.Module(e.include); im != nil {
					included[im.Name] = true
				}
			}
		}
	}
	for _, mod := range order {
		if !included[mod] {
			visit(mod, nil, nil, 0)
		}
	}
	for _, mod := range order {
		if included[mod] && !visitedAny(views, entries[mod]) {
			visit(mod, nil, nil, 0) // included only from a cycle
		}
	}
	return views
}

func visitedAny(views map[string]*View, es []urlEntry) bool {
	for _, e := range es {
		if e.view != "" && views[e.view] != nil {
			return true
		}
	}
	return len(es) == 0
}

// mentionsRouting reports whether the module's text holds "path(",
// "url(" or ".register(": only such modules can declare URL patterns. It
// visits each "(" once instead of searching the text once per word.
func (m *Module) mentionsRouting() bool {
	src := m.Content()
	for i := 0; ; i++ {
		j := bytes.IndexByte(src[i:], '(')
		if j < 0 {
			return false
		}
		i += j
		before := src[:i]
		if bytes.HasSuffix(before, []byte("path")) || bytes.HasSuffix(before, []byte("url")) || bytes.HasSuffix(before, []byte(".register")) {
			return true
		}
	}
}

// urlEntry reads the route a call declares; q is the qualified name of
// its callee.
func (p *Program) urlEntry(m *Module, c *python.Call, q string) (urlEntry, bool) {
	var e urlEntry
	if a, ok := c.Func.(*python.Attribute); ok {
		// The name a route function is called by ends in the attribute,
		// so most calls of a module (obj.save(), self.get_x()) are no
		// route, which is told before the rest is looked at.
		switch a.Attr {
		case "path", "re_path", "url", "register":
		default:
			return e, false
		}
	}
	name := q[strings.LastIndexByte(q, '.')+1:]
	if a, ok := c.Func.(*python.Attribute); ok && a.Attr == "register" && len(c.Args) >= 2 {
		cq := p.canonical(m.QualName(c.Args[1]))
		if p.class(cq) == nil {
			return e, false
		}
		return urlEntry{view: p.class(cq).QName, class: true, viewset: true, params: map[string]bool{"pk": true}}, true
	}
	if name != "path" && name != "re_path" && name != "url" {
		return e, false
	}
	routeArg, target := c.Arg(0, "route"), c.Arg(1, "view")
	if routeArg == nil {
		routeArg = c.Arg(0, "regex")
	}
	if target == nil {
		return e, false
	}
	route, ok := constString(routeArg)
	if !ok {
		return e, false
	}
	e.params = routeParams(route, name != "path")
	e.safe = safeParams(route, name != "path")
	// login_required(views.edit), never_cache(csrf_exempt(View.as_view()))
	for depth := 0; depth < 4; depth++ {
		w, ok := target.(*python.Call)
		if !ok || len(w.Args) != 1 {
			break
		}
		wq := m.QualName(w.Func)
		if strings.HasSuffix(wq, ".as_view") || wq == "include" || strings.HasSuffix(wq, ".include") {
			break
		}
		e.wrappers = append(e.wrappers, wq)
		target = w.Args[0]
	}
	switch v := target.(type) {
	case *python.Call:
		vq := m.QualName(v.Func)
		switch {
		case strings.HasSuffix(vq, ".as_view"):
			cls := p.class(p.canonical(strings.TrimSuffix(vq, ".as_view")))
			if cls == nil {
				return e, false
			}
			e.view, e.class = cls.QName, true
		case vq == "include" || strings.HasSuffix(vq, ".include"):
			if len(v.Args) == 0 {
				return e, false
			}
			arg := v.Args[0]
			if t, ok := arg.(*python.Tuple); ok && len(t.Elts) > 0 {
				arg = t.Elts[0]
			}
			s, ok := constString(arg)
			if !ok {
				// include(app.urls) after import app.urls, or a URLconf
				// imported under a name of its own
				im := p.Module(p.canonical(m.QualName(arg)))
				if im == nil || im == m {
					return e, false
				}
				s = im.Name
			}
			e.include = s
		default:
			return e, false
		}
	default:
		f := p.fn(p.canonical(m.QualName(v)))
		if f == nil {
			return e, false
		}
		e.view = f.QName
	}
	return e, true
}

func constString(e python.Expr) (string, bool) {
	if c, ok := e.(*python.Constant); ok {
		s, ok := c.Value.(string)
		return s, ok
	}
	return "", false
}
