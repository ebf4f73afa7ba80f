package templates

import (
	"fmt"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/djtemplate"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/tplsrc"
)

// UnescapedVariableInScript finds variables placed in JavaScript without
// escapejs or json_script.
var UnescapedVariableInScript = &analysis.Rule{
	ID:         "DJT103",
	Name:       "unescaped-variable-in-script",
	Severity:   report.High,
	Confidence: report.MediumConfidence,
	CWE:        []int{79},
	Checklist:  []int{7},
	Scope:      analysis.PerFile,
	Files:      project.Text,
	Needs:      tplsrc.Prepare,
	Doc: analysis.Doc{
		Title: "Variable placed in JavaScript without escapejs or json_script",
		What: "A variable inside a `<script>` element that browsers run as JavaScript (no `type`, or a JavaScript " +
			"type or `module`), or inside an event-handler attribute (`onclick`, `onload`, any `on*`) or a " +
			"`javascript:` URL, or inside an attribute that Alpine.js, Vue or htmx evaluates as JavaScript (`x-data`, " +
			"`x-init`, `@click`, `:class`, `x-on:`, `v-on:`, `v-bind:`, `hx-on:`), whose filters do not include `escapejs`. Vue evaluates its attributes only with its template compiler: when a package.json of the project depends on vue, nothing asks for a build with the compiler (an alias to `vue/dist/vue.esm-bundler.js`, `runtimeCompiler`, a global build from a CDN) and no Alpine.js or petite-vue is loaded, the Vue attributes are low; so are Alpine.js's where the pages load only its CSP build (`@alpinejs/csp`), which runs no JavaScript written in attributes. A child template's `{% block %}` that its base " +
			"(followed through `{% extends %}`) places inside `<script>` counts as script. Left alone: values marked `safe` with nothing escaping them first (DJT102 reports those, once), `json_script` output, literals, " +
			"values reduced to numbers, dates or booleans (`length`, `floatformat`, `yesno`, `date`, ...), " +
			"`csrf_token`, `forloop` counters, `.pk`/`.id` and counts, a paginator's page numbers (`{% for i in page_obj.paginator.page_range %}`, `next_page_number`, `num_pages`), " +
			"the keys `aggregate()` gives sums and averages (`totals.high__sum`), attributes that every project model declaring them declares as a UUID, number, date, boolean or slug field, or with choices=, or as a text field whose default is a function of its module returning a UUID or a token (default=make_ref after def make_ref(): return uuid4().hex) (a many-to-many relation of the name, whose manager prints app.Model.None, does not count), on any object, a loop's row included (`{{ store.uuid }}`, `{{ order.currency }}`), the column of a project model's foreign key (`{{ shipment.store_id }}`, unless a model declares a field of that name), the parts of a date or time (`{{ since.year }}`, `.month`, `.day`, `.hour`, unless a model declares a text field of that name), names that say they hold a UUID (`widget_uuid`, `flow.flow_uuid`) where no model declares them as text and no view sets them from elsewhere, attributes named as Python constants (`{{ debate.STATUS_DRAFT }}`), percentages and spans of time named so (`*_count`, `*_ms`, `*_seconds`), positions on a map (`lat`, `lng`, GeoJSON's `coordinates.0`, a point field's `station.location.1`), a form field's bounds (`max_length`), the ids and names Django gives form fields (`form.email.auto_id`, `id_for_label`, `field.name`), a message's level tags (`message.tags`), the names a model's code gives it and a formset's prefix, as the admin's templates print them (`opts.verbose_name`, `inline_admin_formset.formset.prefix`, also through `{% blocktrans with name=... %}`), `STATIC_URL`/`MEDIA_URL`, `LANGUAGE_CODE`, `TIME_ZONE`, percent-encoded query " +
			"strings (`urlencode`, `request.GET.urlencode`), the project's configuration (`settings.X`, `app_settings.UPPER_CASE`, " +
			"`config.X`, a variable the project's own context processors set to a setting (Django's, an UPPER_CASE one of an app's settings object imported from the project, or one of django-constance's config; a view's UPPER_CASE name imported from a settings module counts as a setting too) or a literal, or a name bound by the project's own simple tag that returns only such values) and values " +
			"that every view (or form widget's get_context) rendering the template sets to a literal, a setting, a " +
			"widget's own id or name, a reversed URL, a number (`len()`, `int()`, a queryset's `count()`, `aggregate()` of Count, Sum or Avg, " +
			"arithmetic of numbers) or " +
			"`json.dumps` of those (developer configuration for a script), and, in a <script> block, Djblets' `json_dumps` filters in " +
			"templates that load `djblets_js` (they escape <, > and & as json_script does) and the project's own filters whose every return is `json.dumps` " +
			"output with no raw `<` left (passed through `bleach.clean` or `escape`, or with `<` replaced); a view that renders the template its parameter " +
			"names (`def map_view(request, template=\"map.html\")`) renders its default and what the module's calls of it pass. Scripts with a non-JavaScript " +
			"type (`application/json`, `application/ld+json`, `text/template`, `text/x-template`, `importmap`) are " +
			"data or client-side HTML templates, where Django's HTML escaping already keeps `</script>` out: they are " +
			"not reported here (a `|safe` there is DJT102's). Variables in `{% verbatim %}` are text, not variables. The values one line places in one script block or attribute are one finding, at the most severe of theirs, naming the others (a chart's seven labels are one thing to fix). In a `<script>` " +
			"block the finding is medium, high when the value is read from the request (`request.GET`, ...), low (whatever its " +
			"source) when it sits in a single- or double-quoted string that closes on its line (one the lines before open and go on with a " +
			"backslash at their end counts), and every other value on the line sits " +
			"in that same string (or, passed through escapejs, in a quoted string of its own, or stands bare before the string, as `{{ since }}` in `draw({{ since }}, ['{{ name }}'])`, where what it writes runs as its own finding says, or is itself one of the values left alone above, such as `message.tags` in `toastr.{{ message.tags }}('{{ message }}')`), beside tags that write only what the template says (if, for, url, trans, static): escaping keeps " +
			"them in the string, and a trailing backslash can only break the script, where a value in a second string on the line " +
			"would run; in a " +
			"handler or `javascript:` URL it is high. Wherever it sits, the finding is low when nothing says the value holds text " +
			"that people other than the developers write: request data, an attribute that a project model declares as a text " +
			"field (`{{ asset.name }}`), a message's text, a form's or widget's value, or the names and address of Django's " +
			"user model (`first_name`, `get_full_name`, `email`). A bare name a view sets (`{{ chart_id }}`) or an attribute " +
			"no model declares as text (`{{ modal.dialog_id }}`) is most often an id or data the code computes." + unusedNote,
		Why: "Django's autoescaping is HTML escaping. In an event-handler attribute the browser decodes the entities " +
			"before running the code, so `onclick=\"show('{{ name }}')\"` with a name of `');alert(document.cookie)//` " +
			"runs the attacker's script. In a `<script>` block HTML escaping does not stop a value placed outside " +
			"quotes (`var n = {{ n }};`), inside a template literal (`${...}`), or ending in a backslash that swallows " +
			"the closing quote.",
		Bad:  "<script>\n  const query = \"{{ request.GET.q }}\";\n</script>\n<button onclick=\"addToCart('{{ product.name }}')\">Add</button>",
		Good: "{{ search|json_script:\"search-data\" }}\n<script>\n  const query = JSON.parse(document.getElementById(\"search-data\").textContent);\n</script>\n<button data-name=\"{{ product.name }}\" class=\"add-to-cart\">Add</button>",
		Fix: "Pass data to JavaScript with `{{ value|json_script:\"id\" }}` and read it with `JSON.parse(...textContent)`, " +
			"or put it in a `data-` attribute and read `element.dataset`. Where a value must sit in a JavaScript string, " +
			"use `{{ value|escapejs }}` inside quotes. Attach handlers from script files instead of `on*` attributes.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/templates/builtins/#json-script",
			"https://docs.djangoproject.com/en/stable/ref/templates/builtins/#escapejs",
			"https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html",
		},
	},
	Run: runUnescapedScript,
}

func runUnescapedScript(pass *analysis.Pass) {
	d := load(pass)
	if d == nil || d.plainText(pass.Project, pass.File) {
		return
	}
	weighUnused(pass)
	filters := projectFilters(pass.Project)
	lits := d.literalNames(filters.configTags)
	src := d.tpl.Src
	djblets := strings.Contains(src, "djblets_js")
	var hits lineHits
	for _, e := range d.events {
		if e.Kind != djtemplate.VarEvent || e.Var.Expr == nil || safeInJS(e.Var.Expr, lits) || d.trusted(pass.Project, pass.File, e.Var) ||
			markedSafe(pass.Project, e.Var.Expr) || e.Context.State == djtemplate.InRawText && (djblets && djbletsJSON(e.Var.Expr) || scriptJSON(filters, e.Var.Expr)) {
			continue
		}
		c := e.Context
		v := e.Var
		reportScript := func(d analysis.Diagnostic, e *djtemplate.FilterExpr) {
			place := "<script>"
			if c.Attr != nil {
				place = c.Attr.Name
			}
			hits.add(lowUnlessWritten(pass.Project, d, e), place, shortExpr(v))
		}
		switch {
		case c.State == djtemplate.InRawText && c.Element.Name == "script" && runsAsJS(c.Element):
			d := analysis.Diagnostic{
				Location: at(pass, v.Start),
				Message:  "{{ " + shortExpr(v) + " }} is placed in a <script> block with HTML escaping only; use json_script or escapejs",
				Severity: report.Medium,
			}
			switch {
			case aloneInString(src, v.Start.Offset, v.End.Offset, func(x string) bool {
				// escapejs is safe only inside quotes: left to the check
				e := djtemplate.ParseFilterExpr(x)
				return e.Err == "" && firstFilter(e, "escapejs") < 0 && safeInJS(e, lits)
			}):
				// whoever writes the value, request data included
				d.Severity = report.Low
				d.Message += "; it sits in a quoted string that closes on its line, with no value outside that string " +
					"on the line, so HTML escaping keeps it inside the string (a backslash at its end can only break the script)"
			case fromRequest(v.Expr):
				d.Severity, d.Confidence = report.High, report.HighConfidence
			}
			reportScript(d, v.Expr)
		case c.State == djtemplate.InAttrValue && isHandler(c.Attr.Name):
			reportScript(analysis.Diagnostic{
				Location:   at(pass, v.Start),
				Message:    "{{ " + shortExpr(v) + " }} is placed in the " + c.Attr.Name + " handler, where the browser undoes HTML escaping before running it; use escapejs",
				Confidence: report.HighConfidence,
			}, v.Expr)
		case c.State == djtemplate.InAttrValue && frameworkJS(c.Attr.Name) != "":
			fw := frameworkJS(c.Attr.Name)
			d := analysis.Diagnostic{
				Location: at(pass, v.Start),
				Message:  "{{ " + shortExpr(v) + " }} is placed in " + c.Attr.Name + ", which " + fw + " runs as JavaScript after the browser undoes HTML escaping; use escapejs",
			}
			if !compiledInPage(pass.Project, fw) {
				d.Severity = report.Low
				if pageFrameworks(pass.Project).alpineCSPOnly && fw != "Vue" {
					d.Message += "; but the pages load Alpine.js's CSP build (@alpinejs/csp), which reads the attribute as " +
						"names of the data the page's script registered and runs no JavaScript written in it"
				} else {
					d.Message += "; but the project bundles Vue's runtime-only build from npm, which has no template compiler and " +
						"so runs no expression written in the page's HTML, and loads no Alpine.js: the attribute is what a mounting " +
						"script reads, so check that it parses it as data (JSON.parse), never as code"
				}
			}
			reportScript(d, v.Expr)
		case c.State == djtemplate.InAttrValue && urlAttrs[c.Attr.Name] && strings.HasPrefix(strings.ToLower(strings.TrimSpace(c.Prefix)), "javascript:"):
			reportScript(analysis.Diagnostic{
				Location:   at(pass, v.Start),
				Message:    "{{ " + shortExpr(v) + " }} is placed in a javascript: URL, where the browser undoes HTML escaping before running it; use escapejs",
				Confidence: report.HighConfidence,
			}, v.Expr)
		}
	}
	hits.report(pass)
}

// lowUnlessWritten returns d, low when nothing says the value holds text
// that people other than the site's developers write (writtenText): a
// page's ids, names from code, configuration and data the project
// computes are most of what templates hand to scripts, and reviewers of
// real projects found nearly all of those findings harmless. The finding
// stays, as the place to use json_script, with a note on what to check.
func lowUnlessWritten(p *project.Project, d analysis.Diagnostic, e *djtemplate.FilterExpr) analysis.Diagnostic {
	if d.Severity != report.Low && !writtenText(p, e) {
		d.Severity = report.Low
		d.Message += "; djsec found no sign that it holds text users write (request data, a text field of a model, " +
			"a message, a form's value), so check where the view gets it"
	}
	return d
}

// lineHits gathers the findings of a template so that one line is one
// finding per place it hands values to: a chart's seven labels on one
// line of a script, or the same value twice in one x-data, are one thing
// to fix, and seven findings would bury the rest of the report.
type lineHits struct {
	groups []*hitGroup
}

type hitGroup struct {
	line  int
	place string // "<script>" or the attribute's name
	best  analysis.Diagnostic
	name  string   // the best finding's value
	names []string // the other values on the line, each once
}

func (h *lineHits) add(d analysis.Diagnostic, place, name string) {
	for _, g := range h.groups {
		if g.line != d.Location.Line || g.place != place {
			continue
		}
		if ruleSeverity(d) > ruleSeverity(g.best) {
			g.best, g.name, name = d, name, g.name
		}
		if name != g.name && !slices.Contains(g.names, name) {
			g.names = append(g.names, name)
		}
		return
	}
	h.groups = append(h.groups, &hitGroup{line: d.Location.Line, place: place, best: d, name: name})
}

// report reports each group's most severe finding, naming the other
// values it stands for.
func (h *lineHits) report(pass *analysis.Pass) {
	for _, g := range h.groups {
		d := g.best
		if len(g.names) > 0 {
			shown := g.names
			if len(shown) > 3 {
				shown = shown[:3]
			}
			d.Message += "; this line places " + quoteVars(shown)
			if more := len(g.names) - len(shown); more > 0 {
				d.Message += fmt.Sprintf(" and %d more", more)
			}
			d.Message += " there too"
		}
		pass.Report(d)
	}
}

func quoteVars(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "{{ " + n + " }}"
	}
	return strings.Join(q, ", ")
}

// ruleSeverity is a finding's severity, the rule's (high) when unset.
func ruleSeverity(d analysis.Diagnostic) report.Severity {
	if d.Severity == report.SeverityUnset {
		return report.High
	}
	return d.Severity
}

// writtenText reports a value that holds text people other than the
// developers write: request data; an attribute that a project model
// declares as a field holding text (its name is declared with a field
// type that is not a number, date, UUID, slug or choice); the text of a
// message (messages framework) or an error; a form or widget's value; the
// names and address of Django's user model. A bare name a view sets
// (chart_id, version) or an attribute no model declares as text is not
// known to be such text.
func writtenText(p *project.Project, e *djtemplate.FilterExpr) bool {
	if fromRequest(e) {
		return true
	}
	v := e.Value.Value
	last := v[strings.LastIndexByte(v, '.')+1:]
	switch last {
	case "message", "msg", "value", "first_name", "last_name", "get_full_name", "get_short_name", "email":
		return true
	}
	if last == v {
		return false
	}
	return typedFields(p).textual[last]
}

// aloneInString reports a variable (the source from start to end) inside
// a JavaScript string in single or double quotes that closes on the same
// line, with no value outside that string on the line: other variables
// share the string, and the tags on the line write only what the template
// says (if, url, trans). HTML escaping turns quotes and < into entities,
// which a script does not decode, so such values cannot end their string
// or the script; their one way out is a backslash that swallows the
// closing quote, and then the string runs on to the next quote on the
// line or its end: a syntax error, unless a value later on the line
// supplies code, which is why a second string with a value is not let
// through, nor a bare value after ours. A bare value before our string
// (draw({{ since }}, ['{{ name }}'])) is no way in: its quotes are
// escaped as well, and what it writes runs where it stands, which is its
// own finding. A template literal (backquotes) is not such a string: ${...}
// in the value runs.
//
// inert says whether another variable's expression (the text between {{
// and }}) writes nothing that could leave a string or the script
// (message.tags, a number): such a value may stand anywhere on the line.
func aloneInString(src string, start, end int, inert func(string) bool) bool {
	ls := strings.LastIndexByte(src[:start], '\n') + 1
	le := len(src)
	if i := strings.IndexByte(src[end:], '\n'); i >= 0 {
		le = end + i
	}
	line, vs, ve := src[ls:le], start-ls, end-ls
	open := continuedString(src, ls)
	lit, own := 0, 0 // the string literals met, and the variable's
	if open != 0 {
		lit = 1 // the string the lines before opened, and continue here
	}
	closed := false  // the variable's string closed on the line
	var others []int // the literal each other variable sits in, 0 for none
	for i := 0; i < len(line); {
		if i == vs {
			if open != '"' && open != '\'' {
				return false
			}
			own, i = lit, ve
			continue
		}
		if t, n := templateConstruct(line[i:]); n > 0 {
			switch {
			case t == "{{" && inert(strings.TrimSpace(line[i+2:i+n-2])):
			case t == "{{":
				in := 0
				if open != 0 {
					in = lit
				}
				switch {
				case in == 0 && i < vs:
					// a bare value before our string cannot reach into
					// it (its quotes are escaped too): what it writes
					// runs where it stands, its own finding
				case in != 0 && strings.Contains(line[i:i+n], "escapejs"):
					// escapejs keeps a value inside the string it sits
					// in: {name: "{{ v|escapejs }}"} beside {id: "{{ k }}"}
				default:
					others = append(others, in)
				}
			case t == "{%" && !staticTag(line[i+2:i+n-2]):
				return false
			}
			i += n
			continue
		}
		switch c := line[i]; {
		case open != 0 && c == '\\':
			i++
		case open != 0 && c == open:
			open = 0
			closed = closed || lit == own
		case open == 0 && (c == '"' || c == '\'' || c == '`'):
			open = c
			lit++
		case open == 0 && c == '/' && i+1 < len(line) && line[i+1] == '/':
			// a comment: the rest of the line is no code
			if own == 0 {
				return false
			}
			i = len(line)
			continue
		}
		i++
	}
	if !closed {
		return false
	}
	for _, in := range others {
		if in != own {
			return false
		}
	}
	return true
}

// continuedString returns the quote of the JavaScript string that the
// lines before the one starting at ls leave open by ending in a backslash
// ("<label class='x'>\ then the line that goes on with the string), or 0.
func continuedString(src string, ls int) byte {
	first := ls
	for n := 0; n < maxContinued && first > 0; n++ {
		prev := strings.LastIndexByte(src[:first-1], '\n') + 1
		if !strings.HasSuffix(strings.TrimRight(src[prev:first-1], "\r"), "\\") {
			break
		}
		first = prev
	}
	if first == ls || ls-first > maxContinuedBytes {
		return 0
	}
	var open byte
	for i := first; i < ls; i++ {
		if t, n := templateConstruct(src[i:ls]); n > 0 && t != "" {
			i += n - 1
			continue
		}
		switch c := src[i]; {
		case open != 0 && c == '\\':
			i++ // an escaped character, or the line's end the string goes on past
		case open != 0 && c == open:
			open = 0
		case open == 0 && (c == '"' || c == '\'' || c == '`'):
			open = c
		case open == 0 && c == '\n':
			return 0 // a line of code ended: no string goes on
		}
	}
	return open
}

// maxContinued and maxContinuedBytes bound what continuedString reads
// back: every value of a script asks.
const (
	maxContinued      = 20
	maxContinuedBytes = 16 << 10
)

// templateConstruct returns the kind ("{{", "{%", "{#") and length of the
// template variable, tag or comment s starts with, or 0 when it starts
// with none (or one that does not close on the line).
func templateConstruct(s string) (string, int) {
	if len(s) < 2 || s[0] != '{' {
		return "", 0
	}
	closer := map[byte]string{'{': "}}", '%': "%}", '#': "#}"}[s[1]]
	if closer == "" {
		return "", 0
	}
	j := strings.Index(s[2:], closer)
	if j < 0 {
		return "", 0
	}
	return s[:2], j + 4
}

// staticTag reports a tag that writes nothing the template does not say
// (a branch, a loop's bounds, a translation of the project's own text, a
// URL the project routes), given the text between {% and %}.
func staticTag(body string) bool {
	name, _, _ := strings.Cut(strings.TrimSpace(body), " ")
	switch name {
	case "if", "elif", "else", "endif", "for", "empty", "endfor", "with", "endwith", "url", "static",
		"trans", "translate", "comment", "endcomment", "csrf_token", "spaceless", "endspaceless", "load":
		return true
	}
	return false
}

// markedSafe reports a value marked safe with nothing escaping it before,
// by |safe, |safeseq or a project filter that returns its input marked
// safe (unescapingFilters): it is output without any escaping, which
// DJT102 reports (one finding for one expression, and "HTML escaping
// only" would be wrong).
func markedSafe(p *project.Project, e *djtemplate.FilterExpr) bool {
	for _, i := range unescapingFilters(p, e) {
		if !neutralizedBefore(e, i, true) {
			return true
		}
	}
	return false
}

// djbletsJSON reports a value passed through the json_dumps filters of
// Djblets' djblets_js library (Review Board's framework), which escape <,
// > and & as \u escapes, as json_script does: nothing in the output ends
// a script block. Asked only of templates that load that library, and
// only in <script>: the output keeps its quotes, which end an attribute.
func djbletsJSON(e *djtemplate.FilterExpr) bool {
	for _, f := range e.Filters {
		if f.Name == "json_dumps" || f.Name == "json_dumps_items" {
			return true
		}
	}
	return false
}

// scriptJSON reports a value passed through a project filter that returns
// JSON with no raw "<" in it (filterIndex.scriptJSON). Asked only in
// <script>: the output keeps its quotes, which end an attribute.
func scriptJSON(x *filterIndex, e *djtemplate.FilterExpr) bool {
	for _, f := range e.Filters {
		if x.scriptJSON[f.Name] {
			return true
		}
	}
	return false
}

// urlAttrs are attributes whose value a browser follows as a URL.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true}

func isHandler(attr string) bool {
	if len(attr) <= 2 || !strings.HasPrefix(attr, "on") {
		return false
	}
	for _, c := range attr[2:] {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// frameworkJS returns the framework that evaluates an attribute's value
// as JavaScript (Alpine.js, Vue, htmx), or "".
func frameworkJS(attr string) string {
	switch {
	case strings.HasPrefix(attr, "x-on:"), strings.HasPrefix(attr, "x-bind:"),
		attr == "x-data", attr == "x-init", attr == "x-show", attr == "x-effect", attr == "x-text", attr == "x-html", attr == "x-if":
		return "Alpine.js"
	case strings.HasPrefix(attr, "v-on:"), strings.HasPrefix(attr, "v-bind:"), attr == "v-if", attr == "v-show", attr == "v-html", attr == "v-text":
		return "Vue"
	case strings.HasPrefix(attr, "@"), strings.HasPrefix(attr, ":") && len(attr) > 1:
		return "Alpine.js or Vue"
	case strings.HasPrefix(attr, "hx-on"):
		return "htmx"
	}
	return ""
}

// runsAsJS reports whether browsers run a <script> element's content as
// JavaScript. A type built by the template is not judged.
func runsAsJS(el *djtemplate.Element) bool {
	a := el.Attr("type")
	if a == nil || !a.HasValue {
		return true
	}
	if a.Dynamic {
		return false
	}
	t := strings.ToLower(strings.TrimSpace(a.Text))
	t, _, _ = strings.Cut(t, ";")
	t = strings.TrimSpace(t)
	switch t {
	case "", "module", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript",
		"application/x-javascript", "text/x-javascript", "application/x-ecmascript", "text/x-ecmascript",
		"text/jscript", "text/livescript", "text/babel", "text/jsx":
		return true
	}
	return strings.HasPrefix(t, "text/javascript1.")
}

// safeInJS reports whether an expression's output cannot break out of a
// JavaScript string or expression.
func safeInJS(e *djtemplate.FilterExpr, lits map[string]bool) bool {
	if literalExpr(e, lits, len(e.Filters)) {
		return true
	}
	for _, f := range e.Filters {
		switch f.Name {
		case "escapejs", "json_script", "length", "wordcount", "floatformat", "filesizeformat",
			"divisibleby", "length_is", "date", "time", "timesince", "timeuntil", "urlencode":
			return true
		case "yesno", "pluralize":
			if f.Arg == nil || f.Arg.Literal() {
				return true
			}
		}
	}
	v := e.Value.Value
	switch v {
	case "LANGUAGE_CODE", "request.LANGUAGE_CODE", "LANGUAGE_BIDI", "request.LANGUAGE_BIDI":
		// Django picks the language among settings.LANGUAGES, whatever
		// the Accept-Language header asked for.
		return true
	case "message.tags", "message.level_tag", "message.level", "message.extra_tags":
		// a message's level ("error success") and the tags the
		// project's code adds: never the message's text
		return true
	case "TIME_ZONE":
		// the tz context processor's: the name of a zone zoneinfo
		// knows ("Europe/Paris"), which timezone.activate checked
		return true
	}
	if strings.HasSuffix(v, ".urlencode") && len(e.Filters) == 0 {
		// request.GET.urlencode: QueryDict percent-encodes quotes,
		// angle brackets and backslashes, as the urlencode filter does
		return true
	}
	return v == "block.super" || v == "csrf_token" || v == "STATIC_URL" || v == "MEDIA_URL" || numericName(e) || modelMeta(e) ||
		formFieldID(v) && len(e.Filters) == 0
}
