package templates

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/djtemplate"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/settings"
	"github.com/djsec/djsec/internal/tplsrc"
)

// FormWithoutCSRFToken finds POST forms without {% csrf_token %}.
var FormWithoutCSRFToken = &analysis.Rule{
	ID:         "DJT101",
	Name:       "form-without-csrf-token",
	Severity:   report.High,
	Confidence: report.MediumConfidence,
	CWE:        []int{352},
	Checklist:  []int{7},
	Scope:      analysis.PerFile,
	Files:      project.Text,
	Needs:      tplsrc.Prepare,
	Doc: analysis.Doc{
		Title: "POST form without {% csrf_token %}",
		What: "A `<form method=\"post\">` (any case, quoted or not, any attribute order, over several lines) with no " +
			"`{% csrf_token %}`, no `{{ csrf_token }}` and no input named like a token (`csrfmiddlewaretoken`, " +
			"`xsrf_token`, `_csrf`) between it and its `</form>`. A token inside an HTML comment " +
			"or a `{% comment %}` does not count; one inside `{% if %}`, `{% for %}`, an `{% include %}`d template " +
			"found in the project or a `{% partialdef %}` that the form renders with `{% partial %}` (Django's template partials) does, unless the include says `only` (the included template then has no " +
			"csrf_token to render). Each form is judged alone, so a token in another form of the page does not " +
			"help. Left alone: GET and dialog forms, forms whose method is computed or whose action is a variable that may point anywhere " +
			"(`request.path` and `get_absolute_url` are this site), forms posting to " +
			"another site (`action=\"https://...\"`), forms that `{% include %}` a template or render a `{% partial %}` djsec cannot find, forms " +
			"holding a `{% block %}` unless a template that extends this one renders it without a token, `{% crispy %}` forms (crispy renders the token), forms " +
			"inside `{% verbatim %}`, `<script>` (client-side templates) or `<textarea>`, forms sent by htmx " +
			"(`hx-post`: htmx carries the token in a header set with `hx-headers`) and forms left open at the end of a template that nothing includes. A form that an `{% include %}`d " +
			"template opens and the including one closes is judged in the including template and reported at the include. " +
			"When the production settings certainly lack CsrfViewMiddleware the finding is certain (high confidence) " +
			"and its fix installs the middleware; when they certainly have it, the middleware refuses the POST unless the view is " +
			"`csrf_exempt` (which DJC201 judges with the view in hand), so the form is most likely broken, not exploitable: low severity. " +
			"So it is when djsec cannot read MIDDLEWARE in full (a list assembled from parts, finished in a local settings module the " +
			"tree does not hold) but a settings module beside the production one names CsrfViewMiddleware on a line that is not commented out." + unusedNote,
		Why: "With CsrfViewMiddleware a POST without the token is refused, so a form without one either breaks or posts to " +
			"a view marked `@csrf_exempt`. Any site the user visits can then submit that form in their name: change " +
			"their e-mail or password, place orders, move money (cross-site request forgery). The confidence is " +
			"medium because some pages send the token from JavaScript in the X-CSRFToken header instead.",
		Bad:  "<form method=\"post\" action=\"{% url 'checkout' %}\">\n  {{ form.as_p }}\n  <button>Pay</button>\n</form>",
		Good: "<form method=\"post\" action=\"{% url 'checkout' %}\">\n  {% csrf_token %}\n  {{ form.as_p }}\n  <button>Pay</button>\n</form>",
		Fix: "Put `{% csrf_token %}` inside every form that posts to your own site, and remove `@csrf_exempt` from the " +
			"view it posts to. Forms submitted from JavaScript should send the token in the X-CSRFToken header.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/howto/csrf/",
			"https://docs.djangoproject.com/en/stable/ref/csrf/",
			"https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html",
		},
	},
	Run: runFormCSRF,
}

// form is a form being read.
type form struct {
	el      *djtemplate.Element
	post    bool // a POST to this site: the token is needed
	token   bool
	unknown bool     // something djsec cannot see may add the token
	blocks  []string // blocks inside the form, which child templates may fill
	// A form that an included template opens and leaves open: where.
	viaFile string
	viaLine int
	viaTag  *djtemplate.Tag
}

// csrfReporter reports a form without a token, saying what it means for this
// project: with CsrfViewMiddleware missing from the production settings
// nothing checks the POST, and the finding is certain; otherwise the form is
// exploitable when its view is csrf_exempt (and broken when it is not).
func csrfReporter(pass *analysis.Pass) func(report.Location, string) {
	present, known := settings.HasMiddleware(pass.Project, "django.middleware.csrf.CsrfViewMiddleware")
	var named report.Location
	namedOK := false
	if !known {
		named, namedOK = settings.MiddlewareNamed(pass.Project, "django.middleware.csrf.CsrfViewMiddleware")
	}
	return func(loc report.Location, msg string) {
		d := analysis.Diagnostic{Location: loc}
		if known && !present {
			d.Message = msg + "; CsrfViewMiddleware is not in the production MIDDLEWARE, so nothing checks the POST and any site can submit it in a visitor's name"
			d.Confidence = report.HighConfidence
			d.Fix = "Add django.middleware.csrf.CsrfViewMiddleware to MIDDLEWARE (after SessionMiddleware), and put " +
				"`{% csrf_token %}` inside every form that posts to your own site."
		} else {
			// CsrfViewMiddleware refuses the POST (the form is broken)
			// unless the view is csrf_exempt, which DJC201 judges with
			// the view in hand.
			d.Message = msg + "; any site can submit it in a visitor's name if the view is csrf_exempt"
			switch {
			case known:
				d.Severity = report.Low
			case namedOK:
				// MIDDLEWARE is assembled in a way djsec cannot
				// follow, from parts that name the middleware
				d.Severity = report.Low
				d.Message += fmt.Sprintf(" (djsec could not read the production MIDDLEWARE in full, but %s:%d names CsrfViewMiddleware)", named.Path, named.Line)
			}
		}
		pass.Report(d)
	}
}

func runFormCSRF(pass *analysis.Pass) {
	d := load(pass)
	if d == nil || d.plainText(pass.Project, pass.File) {
		return
	}
	weighUnused(pass)
	ft := newFormTracker(pass.Project, pass.File, d.tpl.Nodes, 0)
	report := csrfReporter(pass)
	ft.closed = func(f *form, end int) {
		line := d.tpl.Position(end).Line
		switch {
		case f.viaTag != nil:
			report(at(pass, f.viaTag.Start), fmt.Sprintf("POST form opened in %s on line %d has no {%% csrf_token %%} before its </form> on line %d", f.viaFile, f.viaLine, line))
		case len(f.blocks) == 0:
			report(d.at(pass, f.el.Start), fmt.Sprintf("POST form has no {%% csrf_token %%} before its </form> on line %d", line))
		default:
			if child := childWithoutToken(pass.Project, pass.File, f.blocks); child != "" {
				report(d.at(pass, f.el.Start), fmt.Sprintf("POST form has no {%% csrf_token %%} before its </form> on line %d, and %s renders its {%% block %s %%} without one", line, child, strings.Join(f.blocks, " / ")))
			}
		}
	}
	for _, e := range d.events {
		ft.event(e)
	}
}

// formTracker follows the forms of one template through its events.
type formTracker struct {
	proj  *project.Project
	file  *project.File
	depth int // include depth
	// The stack holds groups of open forms: forms opened in sibling
	// branches of one {% if %} are alternatives that one </form> closes.
	stack [][]*form
	marks map[*djtemplate.Tag]*mark
	// closed is called for each POST form closed without a token that
	// nothing unknown may have supplied.
	closed func(f *form, endOffset int)
	// partials are the template's {% partialdef %} bodies by name,
	// which {% partial name %} renders in place.
	partials map[string][]djtemplate.Node
}

type mark struct {
	depth int
	alts  []*form
}

// maxFormBlocks bounds the blocks kept for each open form: thousands of
// unclosed forms each holding thousands of blocks held gigabytes.
const maxFormBlocks = 64

func newFormTracker(p *project.Project, f *project.File, nodes []djtemplate.Node, depth int) *formTracker {
	return &formTracker{proj: p, file: f, depth: depth, marks: map[*djtemplate.Tag]*mark{}, closed: func(*form, int) {},
		partials: partialDefs(nodes)}
}

// partialDefs returns the bodies of a template's {% partialdef name %}
// tags by name.
func partialDefs(nodes []djtemplate.Node) map[string][]djtemplate.Node {
	var out map[string][]djtemplate.Node
	djtemplate.Inspect(nodes, func(n djtemplate.Node) bool {
		if t, ok := n.(*djtemplate.Tag); ok && t.Name == "partialdef" && len(t.Args) > 0 {
			if out == nil {
				out = map[string][]djtemplate.Node{}
			}
			out[t.Args[0]] = t.Body
		}
		return true
	})
	return out
}

func (ft *formTracker) all(fn func(*form)) {
	for _, g := range ft.stack {
		for _, f := range g {
			fn(f)
		}
	}
}

func (ft *formTracker) event(e djtemplate.Event) {
	switch e.Kind {
	case djtemplate.StartTag:
		if e.Element.Name == "input" && tokenField(e.Element) {
			ft.all(func(f *form) { f.token = true })
		}
		if e.Element.Name == "form" {
			post := postsHere(e.Element) && !e.Element.Verbatim && !submittedByHTMX(e.Element)
			ft.stack = append(ft.stack, []*form{{el: e.Element, post: post}})
		}
	case djtemplate.EndTag:
		if e.Name != "form" || len(ft.stack) == 0 {
			return
		}
		for _, f := range ft.stack[len(ft.stack)-1] {
			if f.post && !f.token && !f.unknown {
				ft.closed(f, e.Offset)
			}
		}
		ft.stack = ft.stack[:len(ft.stack)-1]
	case djtemplate.VarEvent:
		if e.Context.State != djtemplate.InComment && e.Var.Expr != nil && e.Var.Expr.Value.Value == "csrf_token" {
			ft.all(func(f *form) { f.token = true })
		}
	case djtemplate.TagEvent:
		t := e.Tag
		if t.Block {
			ft.marks[t] = &mark{depth: len(ft.stack)}
		}
		if e.Context.State == djtemplate.InComment {
			return
		}
		switch t.Name {
		case "csrf_token":
			ft.all(func(f *form) { f.token = true })
		case "include":
			if len(ft.stack) > 0 {
				has, known := includesToken(ft.proj, ft.file, t, ft.depth)
				ft.all(func(f *form) {
					f.token = f.token || has
					f.unknown = f.unknown || !known
				})
			}
			for _, f := range openedByInclude(ft.proj, ft.file, t, ft.depth) {
				f.viaTag = t
				ft.stack = append(ft.stack, []*form{f})
			}
		case "block":
			if len(t.Args) > 0 {
				ft.all(func(f *form) {
					if len(f.blocks) < maxFormBlocks {
						f.blocks = append(f.blocks, t.Args[0])
					} else {
						f.unknown = true // more blocks than djsec follows
					}
				})
			}
		case "partial":
			// Django's template partials (django-template-partials
			// before Django 6.0): the body of the template's
			// {% partialdef name %} renders here.
			if len(ft.stack) > 0 && len(t.Args) > 0 {
				body, ok := ft.partials[t.Args[0]]
				has, known := false, false
				if ok {
					has, known = nodesHaveToken(ft.proj, ft.file, body, ft.depth)
				}
				ft.all(func(f *form) {
					f.token = f.token || has
					f.unknown = f.unknown || !known
				})
			}
		case "crispy":
			ft.all(func(f *form) { f.unknown = true })
		}
	case djtemplate.BranchEvent:
		if m := ft.marks[e.Tag]; m != nil && len(ft.stack) > m.depth {
			for _, g := range ft.stack[m.depth:] {
				m.alts = append(m.alts, g...)
			}
			ft.stack = ft.stack[:m.depth]
		}
	case djtemplate.LeaveTag:
		m := ft.marks[e.Tag]
		if m == nil || len(m.alts) == 0 {
			return
		}
		group := m.alts
		if len(ft.stack) > m.depth {
			for _, g := range ft.stack[m.depth:] {
				group = append(group, g...)
			}
			ft.stack = ft.stack[:m.depth]
		}
		ft.stack = append(ft.stack, group)
	}
}

// openedByInclude returns the POST forms that the template an include tag
// names opens and leaves open for the including template to close.
func openedByInclude(p *project.Project, from *project.File, t *djtemplate.Tag, depth int) []*form {
	name, ok := djtemplate.TemplateName(t)
	if !ok || depth >= maxIncludeDepth {
		return nil
	}
	f := tplsrc.Resolve(p, from, name)
	if f == nil || f == from {
		return nil
	}
	defer lockWalk(p, depth)()
	memo := includeMemos(p)
	opened, done := memo.opened(f)
	if !done {
		opened = formsLeftOpen(p, f, depth)
		memo.setOpened(f, opened)
	}
	// Each include site gets forms of its own: the tracker that takes
	// them in marks them (viaTag, token, blocks).
	out := make([]*form, len(opened))
	for i, fm := range opened {
		c := *fm
		c.blocks = slices.Clone(fm.blocks)
		out[i] = &c
	}
	return out
}

// formsLeftOpen returns the POST forms template f opens and does not
// close.
func formsLeftOpen(p *project.Project, f *project.File, depth int) []*form {
	pt := tplsrc.ForFile(f)
	if pt.Template == nil {
		return nil
	}
	ft := newFormTracker(p, f, pt.Template.Nodes, depth+1)
	pt.Scan(ft.event)
	var out []*form
	for _, g := range ft.stack {
		for _, fm := range g {
			if fm.post && fm.viaTag == nil {
				fm.viaFile, fm.viaLine = f.Path, pt.Position(fm.el.Start).Line
				out = append(out, fm)
			}
		}
	}
	return out
}

// includeMemo holds, for each template others include, what the include
// rules ask of it once: the forms it leaves open and whether it renders a
// CSRF token. Templates that include each other many times over made the
// answers exponential in the depth of includes; a template asked about
// while its answer is being made (an include cycle) answers nothing.
type includeMemo struct {
	mu     sync.Mutex
	forms  map[*project.File][]*form
	tokens map[*project.File][2]bool // has, known
	// walk is held through each question a page's own template asks
	// (depth 0) and the includes it follows: a template being answered
	// is marked in the maps, and only the walk that marked it may see
	// the mark (an include cycle). Two pages that include the same
	// template at once would otherwise read the other's mark as "no
	// token" and answer by the scheduling.
	walk sync.Mutex
}

// lockWalk takes the walk for a question at depth 0 and returns what
// ends it; deeper questions belong to the walk that asked them.
func lockWalk(p *project.Project, depth int) func() {
	if depth > 0 {
		return func() {}
	}
	m := includeMemos(p)
	m.walk.Lock()
	return m.walk.Unlock
}

func includeMemos(p *project.Project) *includeMemo {
	return p.Memo("rules/templates.includes", func() any {
		return &includeMemo{forms: map[*project.File][]*form{}, tokens: map[*project.File][2]bool{}}
	}).(*includeMemo)
}

// opened returns the forms f leaves open and whether they are known; a
// template not known yet is marked as being made.
func (m *includeMemo) opened(f *project.File) ([]*form, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	fs, ok := m.forms[f]
	if !ok {
		m.forms[f] = nil
	}
	return fs, ok
}

func (m *includeMemo) setOpened(f *project.File, fs []*form) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.forms[f] = fs
}

// token returns what is known of f's CSRF token; a template not known yet
// is marked as being made, with no token.
func (m *includeMemo) token(f *project.File) (has, known, done bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	a, ok := m.tokens[f]
	if !ok {
		m.tokens[f] = [2]bool{false, true}
	}
	return a[0], a[1], ok
}

func (m *includeMemo) setToken(f *project.File, has, known bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.tokens[f] = [2]bool{has, known}
}

// postsHere reports whether a form posts to this site: method is a
// literal post, and action is missing, a path, a {% url %} or a variable
// Django's conventions make a path (request.path, get_absolute_url), not
// an absolute URL or a variable that may hold one.
func postsHere(el *djtemplate.Element) bool {
	m := el.Attr("method")
	if m == nil || m.Dynamic || !strings.EqualFold(strings.TrimSpace(m.Text), "post") {
		return false
	}
	a := el.Attr("action")
	if a == nil {
		return true
	}
	lead := strings.ToLower(strings.TrimSpace(a.Text))
	if a.Dynamic {
		lead = strings.ToLower(strings.TrimSpace(a.Lead))
		if lead == "" || isOriginOnly(lead) {
			// The origin is computed: a template tag ({% url %}) gives a
			// path on this site, and so do request.path and
			// get_absolute_url; another variable may give anything.
			if a.FirstVar != nil {
				return lead == "" && sameOrigin(a.FirstVar)
			}
			return len(a.Tags) > 0
		}
	}
	return !(strings.HasPrefix(lead, "http:") || strings.HasPrefix(lead, "https:") || strings.HasPrefix(lead, "//"))
}

func onlyWithoutToken(t *djtemplate.Tag) bool {
	only := false
	for _, a := range t.Args[1:] {
		if a == "only" {
			only = true
		}
		if strings.HasPrefix(a, "csrf_token=") {
			return false
		}
	}
	return only
}

// tokenField reports whether an input carries a CSRF token under a name
// of its own: csrfmiddlewaretoken filled another way, or another
// framework's xsrf_token or _csrf.
func tokenField(el *djtemplate.Element) bool {
	name := el.Attr("name")
	if name == nil {
		return false
	}
	n := strings.ToLower(name.Text)
	return strings.Contains(n, "csrf") || strings.Contains(n, "xsrf")
}

// submittedByHTMX reports whether htmx sends the form (hx-post and its
// kin). htmx requests carry the token in a header that pages usually set
// once, on <body hx-headers='{"X-CSRFToken": "{{ csrf_token }}"}'>.
func submittedByHTMX(el *djtemplate.Element) bool {
	for _, a := range el.Attrs {
		switch strings.TrimPrefix(a.Name, "data-") {
		case "hx-post", "hx-put", "hx-patch", "hx-delete":
			return true
		}
	}
	return false
}

func isOriginOnly(s string) bool {
	return s == "http://" || s == "https://" || s == "//"
}

// childWithoutToken returns the path of a template that extends f and
// renders the form's blocks without a CSRF token, or "" when every child
// template supplies one, when f has no children in the project (it may be
// extended from elsewhere) or when a child cannot be judged.
func childWithoutToken(p *project.Project, f *project.File, blocks []string) string {
	children := tplsrc.Children(p)[f.Path]
	for _, c := range children {
		pt := tplsrc.ForFile(c)
		if pt.Template == nil || len(tplsrc.Children(p)[c.Path]) > 0 {
			continue // its own children may fill the block: not judged
		}
		has, known := false, true
		for _, n := range pt.Nodes {
			t, ok := n.(*djtemplate.Tag)
			if !ok || t.Name != "block" || len(t.Args) == 0 || !slices.Contains(blocks, t.Args[0]) {
				continue
			}
			h, k := nodesHaveToken(p, c, t.Body, 0)
			has, known = has || h, known && k
		}
		if known && !has {
			return c.Path
		}
	}
	return ""
}

// nodesHaveToken reports whether nodes render a CSRF token, following
// includes, and whether djsec could tell; depth is that of the template
// the nodes are part of, as includesToken takes it.
func nodesHaveToken(p *project.Project, f *project.File, nodes []djtemplate.Node, depth int) (has, known bool) {
	known = true
	djtemplate.Inspect(nodes, func(n djtemplate.Node) bool {
		switch n := n.(type) {
		case *djtemplate.Tag:
			switch n.Name {
			case "csrf_token":
				has = true
			case "include":
				h, k := includesToken(p, f, n, depth)
				has, known = has || h, known && k
			case "crispy":
				known = false
			}
		case *djtemplate.Variable:
			if n.Expr != nil && n.Expr.Value.Value == "csrf_token" {
				has = true
			}
		}
		return true
	})
	return has, known
}

// maxIncludeDepth bounds how far includes are followed.
const maxIncludeDepth = 8

// includesToken reports whether the template that an include tag names
// renders a CSRF token, and whether djsec could tell (the name is a
// literal and the file is in the project).
func includesToken(p *project.Project, from *project.File, t *djtemplate.Tag, depth int) (has, known bool) {
	name, ok := djtemplate.TemplateName(t)
	if !ok || depth > maxIncludeDepth {
		return false, false
	}
	if onlyWithoutToken(t) {
		// {% include ... only %} renders with just the names given after
		// with: csrf_token is not among them, so the tag renders nothing.
		return false, true
	}
	f := tplsrc.Resolve(p, from, name)
	if f == nil {
		return false, false
	}
	defer lockWalk(p, depth)()
	memo := includeMemos(p)
	if has, known, done := memo.token(f); done {
		return has, known
	}
	defer func() { memo.setToken(f, has, known) }()
	pt := tplsrc.ForFile(f)
	if pt.Template == nil {
		return false, false
	}
	known = true
	pt.Scan(func(e djtemplate.Event) {
		if has || e.Context.State == djtemplate.InComment {
			return
		}
		switch {
		case e.Kind == djtemplate.TagEvent && e.Tag.Name == "csrf_token":
			has = true
		case e.Kind == djtemplate.VarEvent && e.Var.Expr != nil && e.Var.Expr.Value.Value == "csrf_token":
			has = true
		case e.Kind == djtemplate.TagEvent && e.Tag.Name == "include":
			h, k := includesToken(p, f, e.Tag, depth+1)
			has, known = has || h, known && k
		}
	})
	return has, known
}
