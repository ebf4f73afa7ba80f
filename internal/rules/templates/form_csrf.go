package templates

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/djtemplate"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
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
	Doc: analysis.Doc{
		Title: "POST form without {% csrf_token %}",
		What: "A `<form method=\"post\">` (any case, quoted or not, any attribute order, over several lines) with no " +
			"`{% csrf_token %}` and no `{{ csrf_token }}` between it and its `</form>`. A token inside an HTML comment " +
			"or a `{% comment %}` does not count; one inside `{% if %}`, `{% for %}` or an `{% include %}`d template " +
			"found in the project does, unless the include says `only` (the included template then has no " +
			"csrf_token to render). Each form is judged alone, so a token in another form of the page does not " +
			"help. Left alone: GET and dialog forms, forms whose method or action is computed, forms posting to " +
			"another site (`action=\"https://...\"`), forms that `{% include %}` a template djsec cannot find or that " +
			"hold a `{% block %}` a child template may fill, `{% crispy %}` forms (crispy renders the token), forms " +
			"inside `{% verbatim %}`, `<script>` (client-side templates) or `<textarea>`, forms sent by htmx " +
			"(`hx-post`: htmx carries the token in a header set with `hx-headers`) and forms not closed in the same file.",
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
	unknown bool // something djsec cannot see may add the token
}

func runFormCSRF(pass *analysis.Pass) {
	d := load(pass)
	if d == nil || d.plainText(pass.File) {
		return
	}
	// The stack holds groups of open forms: forms opened in sibling
	// branches of one {% if %} are alternatives that one </form> closes.
	var stack [][]*form
	type mark struct {
		depth int
		alts  []*form
	}
	marks := map[*djtemplate.Tag]*mark{}
	all := func(fn func(*form)) {
		for _, g := range stack {
			for _, f := range g {
				fn(f)
			}
		}
	}
	for _, e := range d.events {
		switch e.Kind {
		case djtemplate.StartTag:
			if e.Element.Name == "form" {
				post := postsHere(e.Element) && !e.Element.Verbatim && !submittedByHTMX(e.Element)
				stack = append(stack, []*form{{el: e.Element, post: post}})
			}
		case djtemplate.EndTag:
			if e.Name != "form" || len(stack) == 0 {
				continue
			}
			for _, f := range stack[len(stack)-1] {
				if f.post && !f.token && !f.unknown {
					pos := d.tpl.Position(e.Offset)
					pass.Reportf(d.at(pass, f.el.Start), "POST form has no {%% csrf_token %%} before its </form> on line %d; any site can submit it in a visitor's name if the view is csrf_exempt", pos.Line)
				}
			}
			stack = stack[:len(stack)-1]
		case djtemplate.VarEvent:
			if e.Context.State != djtemplate.InComment && e.Var.Expr != nil && e.Var.Expr.Value.Value == "csrf_token" {
				all(func(f *form) { f.token = true })
			}
		case djtemplate.TagEvent:
			t := e.Tag
			if t.Block {
				marks[t] = &mark{depth: len(stack)}
			}
			if e.Context.State == djtemplate.InComment || len(stack) == 0 {
				continue
			}
			switch t.Name {
			case "csrf_token":
				all(func(f *form) { f.token = true })
			case "include":
				has, known := includesToken(pass.Project, pass.File, t, 0)
				all(func(f *form) {
					f.token = f.token || has
					f.unknown = f.unknown || !known
				})
			case "block", "crispy":
				all(func(f *form) { f.unknown = true })
			}
		case djtemplate.BranchEvent:
			if m := marks[e.Tag]; m != nil && len(stack) > m.depth {
				for _, g := range stack[m.depth:] {
					m.alts = append(m.alts, g...)
				}
				stack = stack[:m.depth]
			}
		case djtemplate.LeaveTag:
			m := marks[e.Tag]
			if m == nil || len(m.alts) == 0 {
				continue
			}
			group := m.alts
			if len(stack) > m.depth {
				for _, g := range stack[m.depth:] {
					group = append(group, g...)
				}
				stack = stack[:m.depth]
			}
			stack = append(stack, group)
		}
	}
}

// postsHere reports whether a form posts to this site: method is a
// literal post and action, if any, is not a literal absolute URL.
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
			// path on this site, a variable anything.
			return len(a.Tags) > 0 && a.FirstVar == nil
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
	f := djtemplate.Resolve(p, from, name)
	if f == nil {
		return false, false
	}
	pt := djtemplate.ForFile(f)
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
