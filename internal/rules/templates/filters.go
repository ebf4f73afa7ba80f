package templates

import (
	"bytes"
	"slices"
	"strings"
	"sync"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/djtemplate"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/pysrc"
	"github.com/djsec/djsec/internal/python"
)

// sanitizers are the functions whose result is HTML cleaned of scripts or
// text escaped for HTML.
var sanitizers = map[string]bool{
	"bleach.clean": true, "nh3.clean": true, "html.escape": true, "markupsafe.escape": true,
	"django.utils.html.escape": true, "django.utils.html.conditional_escape": true,
	// the template filters, called from Python
	"django.template.defaultfilters.escape": true, "django.template.defaultfilters.force_escape": true,
	"lxml.html.clean.clean_html": true, "lxml_html_clean.clean_html": true,
	// a form widget's attributes, each value escaped: ' id="x" class="y"'
	"django.forms.utils.flatatt": true,
	// a template rendered with autoescaping: what it marks safe is that
	// template's own finding
	"django.template.loader.render_to_string": true,
	// Pygments' highlight(code, lexer, HtmlFormatter()): every token of
	// the code escaped inside the formatter's spans
	"pygments.highlight": true,
}

// cleanerClasses are the sanitizers configured as an object first, whose
// method (cleanerMethods) cleans: Cleaner(allow_tags=...).clean_html(x).
var cleanerClasses = map[string]bool{
	"lxml.html.clean.Cleaner": true, "lxml_html_clean.Cleaner": true,
	"bleach.Cleaner": true, "bleach.sanitizer.Cleaner": true,
	// html-sanitizer's, built or looked up by the name of a configuration
	// in settings.HTML_SANITIZERS: get_sanitizer("comments").sanitize(x)
	"html_sanitizer.Sanitizer": true, "html_sanitizer.sanitizer.Sanitizer": true,
	"html_sanitizer.django.get_sanitizer": true,
}

var cleanerMethods = map[string]bool{"clean_html": true, "clean": true, "sanitize": true}

// filterIndex says which of the project's template filters return HTML
// they cleaned: {{ review.body|to_markdown|safe }} where to_markdown
// renders Markdown and passes the result through bleach; and which
// properties of its classes do ({{ photo.credit_html|safe }}, built with
// format_html). Like the field index it reads each Python file on its
// own, by names as written.
type filterIndex struct {
	cleans map[string]bool // filter name -> every value it returns is cleaned
	// props holds the properties of the project's classes whose every
	// definition returns only cleaned values, by name: a model's
	// attribution_link that builds its link with format_html.
	props map[string]bool
	// configTags holds the project's simple tags whose every return is
	// configuration or a literal ({% docs_link as link %} where docs_link
	// returns settings.DOCS_LINK): a name a template binds with one of
	// them is safe.
	configTags map[string]bool
	// scriptJSON holds the project's filters whose every return is JSON
	// with no raw "<" left in it: bleach.clean(json.dumps(data)), or
	// json.dumps(data).replace("<", "\\u003c"). Placed in a <script>
	// block, such output is a JavaScript literal that nothing in it can
	// end, as json_script's is.
	scriptJSON map[string]bool
	// marksRaw holds the project's filters that can return their input
	// marked safe with nothing escaping it (marksInputSafe): in a
	// template they act as |safe does.
	marksRaw map[string]bool
	// escapes holds the project's filters that need autoescape and
	// escape their input with it (escapesInput): what follows them
	// receives escaped text.
	escapes map[string]bool

	// unread are the Python files the index was not built from, for
	// late to read when a template marks safe a property that no file
	// read defines ({{ query.get_sql_html|safe }}, a method returning a
	// helper's highlighted SQL); decide judges what a property returns
	// against the functions of the index. late holds the answers; mu
	// guards it and decide, which rules call from several goroutines.
	unread   []*project.File
	decide   func(pyFunc) bool
	mu       sync.Mutex
	late     map[string]bool
	defs     map[string][]int            // see lateDefs
	searches int                         // the names lateProperty looked for so far
	read     map[int]map[string][]pyFunc // the properties of unread[i], once read
}

// pyFunc is what the index keeps of a top-level function: whether it
// returns only cleaned values (sanitizes), and otherwise the qualified
// names of the project functions whose results it returns (via), any of
// which may clean; dirty says some return is neither.
type pyFunc struct {
	sanitizes, dirty bool
	via              []string
}

// fileFilters is one file's part of the index.
type fileFilters struct {
	funcs      map[string]pyFunc   // by the module's dotted name from the path plus the function's
	filters    map[string]string   // filter name -> qualified name of its function
	props      map[string][]pyFunc // property name -> what each definition returns
	configTags map[string]bool     // see filterIndex.configTags
	scriptJSON map[string]bool     // qualified names of functions; see filterIndex.scriptJSON
	marksRaw   map[string]bool     // qualified names of functions; see filterIndex.marksRaw
	escapes    map[string]bool     // qualified names of functions; see filterIndex.escapes
}

// projectFilters builds the index once per scan. Only the files that can
// matter are read: the templatetags modules, where Django looks for
// filters, and the files that call a sanitizer or build HTML with
// escaping. A filter's chain of helpers through a file that does neither
// is not followed, and the filter is taken as not cleaning. Reading every
// file that registers something or defines a form's clean() parsed
// half of a large project's modules early, beside the per-file rules.
func projectFilters(p *project.Project) *filterIndex {
	return p.Memo("rules/templates.filters", func() any {
		var tags, others []*project.File
		for _, f := range p.Named(project.Python) {
			if strings.Contains("/"+f.Path, "/templatetags/") {
				tags = append(tags, f)
			} else {
				others = append(others, f)
			}
		}
		parts := make([]*fileFilters, len(tags)+len(others))
		eachParsed(tags, func([]byte) bool { return true }, func(i int, f *project.File, m *python.Module) {
			parts[i] = readFilters(f.Path, m)
		})
		eachParsed(others, cleansHTML, func(i int, f *project.File, m *python.Module) {
			parts[len(tags)+i] = readFilters(f.Path, m)
		})
		x := mergeFilters(parts)
		for i, f := range others {
			if parts[len(tags)+i] == nil && !analysis.TestPath(f.Path) {
				x.unread = append(x.unread, f)
			}
		}
		return x
	}).(*filterIndex)
}

// cleansHTML reports whether a module's source names a sanitizer or calls
// a function that escapes or renders HTML, which makes it worth parsing
// for the filter index.
func cleansHTML(src []byte) bool {
	for _, w := range []string{"bleach", "nh3", "sanitiz", "Cleaner("} {
		if bytesearch.Contains(src, w) {
			return true
		}
	}
	return callsCleaner(src)
}

// callsCleaner reports whether a call of one of cleanCalls, or of a name
// ending in one (conditional_escape), is in src. It visits each "(" once
// and looks at the name before it: the bracket is common, and a search
// for each name went over the whole file once per name.
func callsCleaner(src []byte) bool {
	for i := 0; ; i++ {
		j := bytes.IndexByte(src[i:], '(')
		if j < 0 {
			return false
		}
		i += j
		if i == 0 {
			continue
		}
		before := src[:i]
		switch before[i-1] {
		case 'e', 'l', 'n', 't', 'g':
			for _, w := range cleanCalls {
				if bytes.HasSuffix(before, []byte(w)) {
					return true
				}
			}
		}
	}
}

// cleanCalls are the functions whose calls make a module one that may
// clean HTML; each ends in one of the bytes callsCleaner looks for.
var cleanCalls = []string{"escape", "format_html", "format_html_join", "flatatt", "render_to_string", "get_template", "select_template", "highlight"}

// moduleName is the dotted name of the module at path rel: the path from
// the root, so "src." may lead a name that imports write without it.
func moduleName(rel string) string {
	rel = strings.TrimSuffix(strings.TrimSuffix(rel, ".py"), "/__init__")
	return strings.ReplaceAll(rel, "/", ".")
}

func readFilters(rel string, m *python.Module) *fileFilters {
	mod := moduleName(rel)
	resolverName := mod
	if strings.HasSuffix(rel, "__init__.py") {
		resolverName += ".__init__"
	}
	res := python.NewResolver(m, resolverName, python.FirstImportWins)
	qual := func(e python.Expr) string {
		if q, ok := res.QualifiedName(e); ok {
			return q
		}
		if n, ok := e.(*python.Name); ok {
			return mod + "." + n.ID // a function of this module
		}
		return ""
	}
	out := &fileFilters{funcs: map[string]pyFunc{}, filters: map[string]string{}, props: map[string][]pyFunc{},
		configTags: map[string]bool{}, scriptJSON: map[string]bool{}, marksRaw: map[string]bool{}, escapes: map[string]bool{}}
	consts := literalNames(m)
	for _, s := range m.Body {
		switch x := s.(type) {
		case *python.ClassDef:
			for _, cs := range x.Body {
				if d, ok := cs.(*python.FunctionDef); ok && (isProperty(d) || templateMethod(d)) && !abstractMethod(d) {
					out.props[d.Name] = append(out.props[d.Name], returns(d, qual, consts))
				}
			}
		case *python.FunctionDef:
			// A function that returns anything else than cleaned values
			// is left out: one not found cleans nothing either.
			if f := returns(x, qual, consts); !f.dirty {
				out.funcs[mod+"."+x.Name] = f
			}
			if returnsScriptJSON(x, qual) {
				out.scriptJSON[mod+"."+x.Name] = true
			}
			if marksInputSafe(x, qual) {
				out.marksRaw[mod+"."+x.Name] = true
			}
			if escapesInput(x, qual) {
				out.escapes[mod+"."+x.Name] = true
			}
			for _, d := range x.DecoratorList {
				if name, ok := filterName(d, x.Name); ok {
					out.filters[name] = mod + "." + x.Name
				}
				if name, ok := simpleTagName(d, x.Name); ok && returnsConfig(x, m) {
					out.configTags[name] = true
				}
			}
		case *python.ExprStmt:
			// register.filter("to_html", to_html)
			c, ok := x.Value.(*python.Call)
			if !ok || funcName(c.Func) != "filter" || len(c.Args) != 2 {
				continue
			}
			if name, ok := c.Args[0].(*python.Constant); ok {
				if s, ok := name.Value.(string); ok {
					out.filters[s] = qual(c.Args[1])
				}
			}
		}
	}
	return out
}

// simpleTagName reads a decorator that registers a simple tag:
// @register.simple_tag, @register.simple_tag(name="x"),
// @register.simple_tag(takes_context=True).
func simpleTagName(d python.Expr, fn string) (string, bool) {
	c, isCall := d.(*python.Call)
	if isCall {
		d = c.Func
	}
	a, ok := d.(*python.Attribute)
	if !ok || a.Attr != "simple_tag" {
		return "", false
	}
	if isCall {
		if arg := c.Arg(-1, "name"); arg != nil {
			s, ok := strConst(arg)
			return s, ok
		}
	}
	return fn, true
}

// returnsConfig reports whether every return of d is configuration or a
// literal (safeValue), and it returns something.
func returnsConfig(d *python.FunctionDef, m *python.Module) bool {
	returns, safe := 0, true
	python.EachStmt(d.Body, func(s python.Stmt) {
		if r, ok := s.(*python.Return); ok {
			returns++
			safe = safe && r.Value != nil && safeValue(r.Value, d, &pymod{Module: m}, 0)
		}
	})
	return returns > 0 && safe
}

// isProperty reports a method decorated with @property or
// @cached_property.
func isProperty(d *python.FunctionDef) bool {
	for _, dec := range d.DecoratorList {
		switch funcName(dec) {
		case "property", "cached_property":
			return true
		}
	}
	return false
}

// abstractMethod reports a method that only raises (NotImplementedError
// in a base class, under its docstring): it returns nothing, and what
// the template shows is one of the methods that replace it.
func abstractMethod(d *python.FunctionDef) bool {
	raises := false
	for i, st := range d.Body {
		switch st := st.(type) {
		case *python.Raise:
			raises = true
		case *python.ExprStmt:
			if _, doc := st.Value.(*python.Constant); !doc || i > 0 {
				return false
			}
		default:
			return false
		}
	}
	return raises
}

// templateMethod reports a method a template can call: one that takes
// nothing but self, or parameters with defaults besides
// ({{ post.formatted_markdown }} calls post.formatted_markdown(); {{
// address.as_html }} calls as_html(self, request=None) with its
// defaults), and not a static or class method.
func templateMethod(d *python.FunctionDef) bool {
	a := d.Args
	n := len(a.Posonlyargs) + len(a.Args)
	if n == 0 || n-1 > len(a.Defaults) || a.Vararg != nil || strings.HasPrefix(d.Name, "_") {
		return false
	}
	for i := range a.Kwonlyargs {
		if i >= len(a.KwDefaults) || a.KwDefaults[i] == nil {
			return false // a keyword it must be given
		}
	}
	for _, dec := range d.DecoratorList {
		switch funcName(dec) {
		case "staticmethod", "classmethod":
			return false
		}
	}
	return true
}

// filterName reads a decorator that registers a filter: @register.filter,
// @register.filter("name"), @register.filter(name="name", is_safe=True).
func filterName(d python.Expr, fn string) (string, bool) {
	c, isCall := d.(*python.Call)
	if isCall {
		d = c.Func
	}
	a, ok := d.(*python.Attribute)
	if !ok || a.Attr != "filter" {
		return "", false
	}
	if !isCall {
		return fn, true
	}
	if arg := c.Arg(0, "name"); arg != nil {
		if k, ok := arg.(*python.Constant); ok {
			if s, ok := k.Value.(string); ok {
				return s, true
			}
		}
		return "", false
	}
	return fn, true
}

// returns reads what function d returns: a call of a sanitizer, a call of
// another function (via), a local last bound to one of those, a constant,
// or a list of rows' keys ([r.pk for r in rows]); anything else is dirty.
func returns(d *python.FunctionDef, qual func(python.Expr) string, consts map[string]bool) pyFunc {
	var f pyFunc
	bound := map[string]python.Expr{} // local -> the last value bound to it, in source order
	all := bindings(d)
	augs := augmented(d)
	assumed := map[string]bool{} // names taken, for now, to hold their first value
	cleaned := false
	cleaner := func(e python.Expr) bool {
		c, ok := e.(*python.Call)
		return ok && (sanitizers[qual(c.Func)] || cleanerCall(c, bound, qual))
	}
	var kind func(e python.Expr, depth int)
	kind = func(e python.Expr, depth int) {
		switch x := e.(type) {
		case nil, *python.Constant:
			return
		case *python.JoinedStr:
			// f"{ICON}&nbsp;{text}": the code's markup and its values
			for _, v := range x.Values {
				if fv, ok := v.(*python.FormattedValue); ok {
					kind(fv.Value, depth+1)
				}
			}
			return
		case *python.BinOp:
			if x.Op == python.Add || x.Op == python.Mult || x.Op == python.Mod {
				kind(x.Left, depth+1)
				kind(x.Right, depth+1)
				return
			}
		case *python.Call:
			if a, ok := x.Func.(*python.Attribute); ok && a.Attr == "get_absolute_url" && len(x.Args)+len(x.Keywords) == 0 {
				// plan.get_absolute_url(): by Django's convention the
				// row's own path, which reverse() builds
				return
			}
			if recv, ok := markupKept(x); ok {
				// html.replace("{{", "{ {"): the value, with no markup
				// added or unescaped
				kind(recv, depth+1)
				return
			}
			q := qual(x.Func)
			switch {
			case sanitizers[q]:
				cleaned = true
				return
			case numberText(x):
				return
			case builtinCall(x, "str") && len(x.Args) == 1 && len(x.Keywords) == 0:
				// str(len(items)): the text of what it is given
				kind(x.Args[0], depth+1)
				return
			case cleanerCall(x, bound, qual), templateRender(x, bound, qual):
				cleaned = true
				return
			case q == "django.utils.html.format_html" && len(x.Args) > 0:
				if _, ok := x.Args[0].(*python.Constant); ok {
					cleaned = true
					return
				}
			case q == "django.utils.html.format_html_join" && len(x.Args) > 1:
				// format_html_join("\n", "<li>{}</li>", rows): each row
				// escaped into a format the code wrote
				if _, ok := x.Args[1].(*python.Constant); ok {
					cleaned = true
					return
				}
			case q == "django.utils.safestring.mark_safe" && len(x.Args) == 1:
				kind(x.Args[0], depth+1)
				return
			case q != "":
				f.via = append(f.via, q)
				return
			}
		case *python.Name:
			if assumed[x.ID] {
				return
			}
			if vs := augs[x.ID]; len(vs) > 0 && depth < 4 {
				// s = ""; s += self.job_title: what each += adds is
				// in the name too
				assumed[x.ID] = true
				for _, v := range vs {
					kind(v, depth+1)
				}
				delete(assumed, x.ID)
			}
			if v, ok := straightLine(all[x.ID], bound[x.ID], x.ID); ok && depth < 4 && (!refersTo(v, x.ID) || cleaner(v)) {
				// html = md.convert(text); html = sanitizer.sanitize(html);
				// html = html.replace("{{", "{ {"): the cleaned value,
				// rebuilt without new markup
				kind(v, depth+1)
				return
			}
			if b := all[x.ID]; len(b) > 1 && b[0].top && depth < 4 && refersTo(bound[x.ID], x.ID) {
				// text = escape(text), then text = f"{ICON}{text[n:]}"
				// in a loop: the first value, and later ones made of it
				assumed[x.ID] = true
				kind(b[0].value, depth+1)
				for _, later := range b[1:] {
					kind(later.value, depth+1)
				}
				delete(assumed, x.ID)
				return
			}
			if v, ok := bound[x.ID]; ok && depth < 4 {
				kind(v, depth+1)
				return
			}
			if consts[x.ID] {
				return // YES_ICON = "<span ...>": the module's own markup
			}
		case *python.Attribute:
			if inertAttrs[x.Attr] {
				return // plan.pk: a row's key, a number or a UUID
			}
			// self.fields["consent"].label: the form's own text, which
			// its author wrote
			if x.Attr == "label" || x.Attr == "help_text" {
				if sub, ok := x.Value.(*python.Subscript); ok {
					if fields, ok := sub.Value.(*python.Attribute); ok && fields.Attr == "fields" {
						self, _ := fields.Value.(*python.Name)
						if _, lit := strConst(sub.Slice); lit && self != nil && self.ID == "self" {
							return
						}
					}
				}
			}
		case *python.ListComp:
			// [r.pk for r in reviews]: the rows' keys, numbers or UUIDs
			if a, ok := x.Elt.(*python.Attribute); ok && inertAttrs[a.Attr] {
				return
			}
		case *python.Subscript:
			// clean_markup[5:-6]: a wrapper the cleaner added cut off;
			// cutting cleaned markup adds none
			if _, ok := x.Slice.(*python.Slice); ok {
				kind(x.Value, depth+1)
				return
			}
		}
		f.dirty = true
	}
	n := 0
	passed := notTextReturns(d)
	eachReturn(d, bound, func(v python.Expr) {
		n++
		if !passed[v] {
			kind(v, 0)
		}
	})
	// Every return cleaned, or made of the code's own text alone (the
	// module's markup, a form's labels) with nothing from outside.
	f.sanitizes = (cleaned || n > 0) && !f.dirty && len(f.via) == 0
	return f
}

// notTextReturns returns the values of the returns of a filter d that
// hand back its first parameter only when it is not a string:
//
//	if not isinstance(value, str):
//	    return value
//
// or, after an if isinstance(value, str): block that ends in a return, a
// return value at the function's end. Only a number, None or another
// object gets there, which the filter's author chose to leave alone; every
// string goes through the cleaning.
func notTextReturns(d *python.FunctionDef) map[python.Expr]bool {
	params := d.Args.Args
	if len(d.Args.Posonlyargs) > 0 {
		params = d.Args.Posonlyargs
	}
	if len(params) == 0 {
		return nil
	}
	p := params[0].Arg
	returnsP := func(st python.Stmt) python.Expr {
		if r, ok := st.(*python.Return); ok {
			if n, ok := r.Value.(*python.Name); ok && n.ID == p {
				return r.Value
			}
		}
		return nil
	}
	var out map[python.Expr]bool
	add := func(v python.Expr) {
		if out == nil {
			out = map[python.Expr]bool{}
		}
		out[v] = true
	}
	textChecked := false // an if isinstance(p, str): block that returns came before
	for _, st := range d.Body {
		if v := returnsP(st); v != nil && textChecked {
			add(v)
			continue
		}
		iff, ok := st.(*python.If)
		if !ok || len(iff.Orelse) > 0 || len(iff.Body) == 0 {
			continue
		}
		if not, ok := iff.Test.(*python.UnaryOp); ok && not.Op == python.Not && isTextCheck(not.Operand, p) {
			if v := returnsP(iff.Body[0]); v != nil && len(iff.Body) == 1 {
				add(v)
			}
			continue
		}
		if _, ends := iff.Body[len(iff.Body)-1].(*python.Return); ends && isTextCheck(iff.Test, p) {
			textChecked = true
		}
	}
	return out
}

// isTextCheck reports isinstance(name, str), or with str among a tuple of
// classes.
func isTextCheck(e python.Expr, name string) bool {
	c, ok := e.(*python.Call)
	if !ok || funcName(c.Func) != "isinstance" || len(c.Args) != 2 {
		return false
	}
	if n, ok := c.Args[0].(*python.Name); !ok || n.ID != name {
		return false
	}
	classes := []python.Expr{c.Args[1]}
	if t, ok := c.Args[1].(*python.Tuple); ok {
		classes = t.Elts
	}
	for _, k := range classes {
		if n, ok := k.(*python.Name); ok && n.ID == "str" {
			return true
		}
	}
	return false
}

// numberText reports a call of a builtin whose result, as text, is a
// number and nothing else: int(x), float(x), len(x), round(x), abs(x),
// and format(x, ".2f") with a literal numeric format, which raises for
// anything but a number ("c", a character, is not one of those).
func numberText(c *python.Call) bool {
	switch {
	case builtinCall(c, "int", "float", "len", "round", "abs"):
		return true
	case builtinCall(c, "format"):
		if len(c.Args) != 2 || len(c.Keywords) != 0 {
			return false
		}
		spec, ok := strConst(c.Args[1])
		return ok && spec != "" && strings.ContainsRune("bdeEfFgGnoxX%", rune(spec[len(spec)-1]))
	}
	return false
}

// builtinCall reports a call of one of Python's builtins, by its bare
// name (a function of the module's own by that name would pass too).
func builtinCall(c *python.Call, names ...string) bool {
	n, ok := c.Func.(*python.Name)
	return ok && slices.Contains(names, n.ID)
}

// binding is a value assigned to a local name, and whether the
// assignment is a statement of the function's body itself, which every
// later statement comes after, rather than one in a branch or loop.
type binding struct {
	value python.Expr
	top   bool
}

// bindings returns the values assigned to each local name of d (a single
// name target), in source order.
func bindings(d *python.FunctionDef) map[string][]binding {
	top := map[python.Stmt]bool{}
	for _, s := range d.Body {
		top[s] = true
	}
	out := map[string][]binding{}
	python.EachStmt(d.Body, func(s python.Stmt) {
		if a, ok := s.(*python.Assign); ok && len(a.Targets) == 1 {
			if n, ok := a.Targets[0].(*python.Name); ok {
				out[n.ID] = append(out[n.ID], binding{a.Value, top[s]})
			}
		}
	})
	return out
}

// straightLine returns, for a name bound only by statements of the
// function's own body (no branch or loop) and returned after the last of
// them (last is what the return sees), the value that last one keeps:
// going back over bindings that only rebuild the value before without
// new markup (html = html.replace("{{", "{ {"), markupKept).
func straightLine(bs []binding, last python.Expr, id string) (python.Expr, bool) {
	if len(bs) < 2 || last != bs[len(bs)-1].value {
		return nil, false
	}
	for _, b := range bs {
		if !b.top {
			return nil, false
		}
	}
	i := len(bs) - 1
	for ; i > 0; i-- {
		e := bs[i].value
		for {
			c, ok := e.(*python.Call)
			if !ok {
				break
			}
			recv, kept := markupKept(c)
			if !kept {
				break
			}
			e = recv
		}
		if n, ok := e.(*python.Name); !ok || n.ID != id || e == bs[i].value {
			break
		}
	}
	return bs[i].value, true
}

// augmented returns, by name, the values that d's augmented assignments
// (s += x) add to a local name.
func augmented(d *python.FunctionDef) map[string][]python.Expr {
	var out map[string][]python.Expr
	python.EachStmt(d.Body, func(s python.Stmt) {
		if a, ok := s.(*python.AugAssign); ok {
			if n, ok := a.Target.(*python.Name); ok {
				if out == nil {
					out = map[string][]python.Expr{}
				}
				out[n.ID] = append(out[n.ID], a.Value)
			}
		}
	})
	return out
}

// refersTo reports whether e reads the name id.
func refersTo(e python.Expr, id string) bool {
	found := false
	python.Inspect(e, func(n python.Node) bool {
		if nm, ok := n.(*python.Name); ok && nm.ID == id {
			found = true
		}
		return !found
	})
	return found
}

// literalNames returns the module-level names of m bound only to string
// literals or sums of them (YES_ICON = "<span ...>"): markup the code
// writes.
func literalNames(m *python.Module) map[string]bool {
	out := map[string]bool{}
	var literal func(e python.Expr) bool
	literal = func(e python.Expr) bool {
		switch x := e.(type) {
		case *python.Constant:
			_, ok := x.Value.(string)
			return ok
		case *python.BinOp:
			return x.Op == python.Add && literal(x.Left) && literal(x.Right)
		}
		return false
	}
	seen := map[string]bool{}
	for _, s := range m.Body {
		a, ok := s.(*python.Assign)
		if !ok || len(a.Targets) != 1 {
			continue
		}
		n, ok := a.Targets[0].(*python.Name)
		if !ok {
			continue
		}
		out[n.ID] = literal(a.Value) && (!seen[n.ID] || out[n.ID])
		seen[n.ID] = true
	}
	return out
}

// eachReturn calls f on the value of each return statement of d, in
// source order, with bound holding the value last assigned to each local
// name before it (a single name target: text = mark_safe(...)).
func eachReturn(d *python.FunctionDef, bound map[string]python.Expr, f func(python.Expr)) {
	python.EachStmt(d.Body, func(s python.Stmt) {
		switch x := s.(type) {
		case *python.Assign:
			if len(x.Targets) == 1 {
				if n, ok := x.Targets[0].(*python.Name); ok {
					bound[n.ID] = x.Value
				}
			}
		case *python.Return:
			f(x.Value)
		}
	})
}

// markupKept returns the string a method call rebuilds without adding
// or unescaping markup: s.strip(), s.replace("{{", "{ {") with a
// replacement free of <, >, & and quotes. replace("&lt;", "<") would undo
// the escaping, and is not one.
func markupKept(c *python.Call) (python.Expr, bool) {
	a, ok := c.Func.(*python.Attribute)
	if !ok || len(c.Keywords) > 0 {
		return nil, false
	}
	for _, arg := range c.Args {
		if _, ok := arg.(*python.Constant); !ok {
			return nil, false
		}
	}
	switch a.Attr {
	case "strip", "lstrip", "rstrip":
		return a.Value, true
	case "replace":
		if len(c.Args) < 2 {
			return nil, false
		}
		s, ok := c.Args[1].(*python.Constant).Value.(string)
		return a.Value, ok && !strings.ContainsAny(s, "<>&\"'")
	}
	return nil, false
}

// cleanerCall reports a configured cleaner's method called on a value:
// cleaner.clean_html(markup) where cleaner = Cleaner(...) is lxml's or
// bleach's, Cleaner(...).clean(markup), or html-sanitizer's
// sanitizer.sanitize(markup).
func cleanerCall(c *python.Call, bound map[string]python.Expr, qual func(python.Expr) string) bool {
	a, ok := c.Func.(*python.Attribute)
	if !ok || !cleanerMethods[a.Attr] {
		return false
	}
	recv := a.Value
	if n, ok := recv.(*python.Name); ok {
		recv = bound[n.ID]
	}
	made, ok := recv.(*python.Call)
	return ok && cleanerClasses[qual(made.Func)]
}

// templateRender reports a template that Django's loader found, rendered:
// loader.get_template("popup/survey.html").render(ctx), or t.render(ctx)
// with t last bound to one. Autoescaping escapes what it prints, as
// render_to_string; what the template marks safe is its own finding.
func templateRender(c *python.Call, bound map[string]python.Expr, qual func(python.Expr) string) bool {
	a, ok := c.Func.(*python.Attribute)
	if !ok || a.Attr != "render" {
		return false
	}
	recv := a.Value
	if n, ok := recv.(*python.Name); ok && bound[n.ID] != nil {
		recv = bound[n.ID]
	}
	made, ok := recv.(*python.Call)
	if !ok {
		return false
	}
	switch qual(made.Func) {
	case "django.template.loader.get_template", "django.template.loader.select_template":
		return true
	}
	return false
}

// returnsScriptJSON reports a function whose every return (through
// mark_safe and local names) is JSON with no raw "<": json.dumps output
// passed through an HTML sanitizer or escape, or with "<" replaced.
// json.dumps alone is not: "</script>" inside one of its strings ends
// the script block.
func returnsScriptJSON(d *python.FunctionDef, qual func(python.Expr) string) bool {
	bound := map[string]python.Expr{}
	follow := func(e python.Expr) python.Expr {
		for i := 0; i < 4; i++ {
			n, ok := e.(*python.Name)
			if !ok || bound[n.ID] == nil {
				break
			}
			e = bound[n.ID]
		}
		return e
	}
	isDumps := func(e python.Expr) bool {
		c, ok := follow(e).(*python.Call)
		return ok && qual(c.Func) == "json.dumps"
	}
	// depth bounds the walk: value = mark_safe(value) names itself
	var escaped func(e python.Expr, depth int) bool
	escaped = func(e python.Expr, depth int) bool {
		c, ok := follow(e).(*python.Call)
		if !ok || len(c.Args) == 0 || depth > 4 {
			return false
		}
		q := qual(c.Func)
		switch {
		case q == "django.utils.safestring.mark_safe":
			return escaped(c.Args[0], depth+1)
		case sanitizers[q]:
			return isDumps(c.Args[0])
		}
		// json.dumps(data).replace("<", "\\u003c")
		a, ok := c.Func.(*python.Attribute)
		if !ok || a.Attr != "replace" || !isDumps(a.Value) {
			return false
		}
		lt, ok := c.Args[0].(*python.Constant)
		return ok && lt.Value == "<"
	}
	all, seen := true, false
	eachReturn(d, bound, func(v python.Expr) {
		seen = true
		all = all && escaped(v, 0)
	})
	return seen && all
}

// marksInputSafe reports a function that can return its first parameter
// marked safe with nothing escaping it: mark_safe(value), with text
// replaced (value.replace("\\n", "<br>")), or passed through a function
// that adds links and keeps the markup it is given (bleach.linkify, a
// bleach Linker's linkify, django.utils.html.urlize without
// autoescape=True). A function that binds the parameter again, which is
// how a filter that needs autoescape escapes it, is left out.
func marksInputSafe(d *python.FunctionDef, qual func(python.Expr) string) bool {
	if d.Args == nil || len(d.Args.Args) == 0 {
		return false
	}
	param := d.Args.Args[0].Arg
	if param == "self" || param == "cls" {
		return false
	}
	isParam := func(e python.Expr) bool {
		n, ok := e.(*python.Name)
		return ok && n.ID == param
	}
	var raw func(e python.Expr, depth int) bool
	raw = func(e python.Expr, depth int) bool {
		if isParam(e) {
			return true
		}
		c, ok := e.(*python.Call)
		if !ok || len(c.Args) == 0 || depth > 4 {
			return false
		}
		a, _ := c.Func.(*python.Attribute)
		switch {
		case a != nil && a.Attr == "replace":
			return raw(a.Value, depth+1)
		case a != nil && a.Attr == "linkify", qual(c.Func) == "bleach.linkify":
			return raw(c.Args[0], depth+1)
		case qual(c.Func) == "django.utils.html.urlize":
			for _, k := range c.Keywords {
				if off, ok := k.Value.(*python.Constant); k.Arg == "autoescape" && !(ok && off.Value == false) {
					return false // autoescape=True, or a flag passed on
				}
			}
			return raw(c.Args[0], depth+1)
		}
		return false
	}
	rebound, marks := false, false
	bound := map[string]python.Expr{} // text = mark_safe(...); return text
	python.EachStmt(d.Body, func(s python.Stmt) {
		switch x := s.(type) {
		case *python.Assign:
			for _, t := range x.Targets {
				rebound = rebound || isParam(t)
				if n, ok := t.(*python.Name); ok && len(x.Targets) == 1 {
					bound[n.ID] = x.Value
				}
			}
		case *python.AugAssign:
			rebound = rebound || isParam(x.Target)
		case *python.AnnAssign:
			rebound = rebound || isParam(x.Target)
		case *python.For:
			rebound = rebound || isParam(x.Target)
		case *python.Return:
			v := x.Value
			if n, ok := v.(*python.Name); ok && bound[n.ID] != nil {
				v = bound[n.ID]
			}
			c, ok := v.(*python.Call)
			marks = marks || ok && qual(c.Func) == "django.utils.safestring.mark_safe" && len(c.Args) == 1 && raw(c.Args[0], 0)
		}
	})
	return marks && !rebound
}

// escapesInput reports a filter written the way Django's documentation
// shows for needs_autoescape: it takes an autoescape parameter and passes
// its first parameter to escape or conditional_escape (under if
// autoescape, or through esc = conditional_escape).
func escapesInput(d *python.FunctionDef, qual func(python.Expr) string) bool {
	if d.Args == nil || len(d.Args.Args) < 2 {
		return false
	}
	param, takesAutoescape := d.Args.Args[0].Arg, false
	for _, a := range d.Args.Args[1:] {
		takesAutoescape = takesAutoescape || a.Arg == "autoescape"
	}
	if !takesAutoescape {
		return false
	}
	escapers := map[string]bool{"django.utils.html.escape": true, "django.utils.html.conditional_escape": true}
	aliases := map[string]bool{} // esc = conditional_escape
	found := false
	for _, s := range d.Body {
		python.Inspect(s, func(n python.Node) bool {
			switch x := n.(type) {
			case *python.Assign:
				if t, ok := x.Targets[0].(*python.Name); ok && len(x.Targets) == 1 && escapers[qual(x.Value)] {
					aliases[t.ID] = true
				}
			case *python.Call:
				f, _ := x.Func.(*python.Name)
				if len(x.Args) > 0 && (escapers[qual(x.Func)] || f != nil && aliases[f.ID]) && ofText(x.Args[0], param) {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// ofText reports an expression that is the parameter param, or what a
// method of it returns (text.strip(), text.lower()): esc(text.strip())
// escapes the filter's input all the same.
func ofText(e python.Expr, param string) bool {
	for {
		switch x := e.(type) {
		case *python.Name:
			return x.ID == param
		case *python.Call:
			a, ok := x.Func.(*python.Attribute)
			if !ok {
				return false
			}
			e = a.Value
		default:
			return false
		}
	}
}

// mergeFilters puts the files' parts together and decides, for each
// filter, whether its function returns only cleaned values, following the
// functions it returns the results of.
func mergeFilters(parts []*fileFilters) *filterIndex {
	funcs := map[string]pyFunc{}
	byLast := map[string][]string{}
	filters := map[string]string{}
	props := map[string][]pyFunc{}
	configTags := map[string]bool{}
	scriptJSON, marksRaw, escapes := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, p := range parts {
		if p == nil {
			continue
		}
		for name, fs := range p.props {
			props[name] = append(props[name], fs...)
		}
		for q, f := range p.funcs {
			funcs[q] = f
			last := q[strings.LastIndexByte(q, '.')+1:]
			byLast[last] = append(byLast[last], q)
		}
		for name, q := range p.filters {
			filters[name] = q
		}
		for name := range p.configTags {
			configTags[name] = true
		}
		for q := range p.scriptJSON {
			scriptJSON[q] = true
		}
		for q := range p.marksRaw {
			marksRaw[q] = true
		}
		for q := range p.escapes {
			escapes[q] = true
		}
	}
	// find matches a qualified name as imports write it to a function
	// keyed by its path: equal, or one a suffix of the other at a dot.
	find := func(q string) (pyFunc, bool) {
		for _, k := range byLast[q[strings.LastIndexByte(q, '.')+1:]] {
			if k == q || strings.HasSuffix(k, "."+q) || strings.HasSuffix(q, "."+k) {
				return funcs[k], true
			}
		}
		return pyFunc{}, false
	}
	// cleans follows the functions a function returns the results of,
	// each decided once: a chain that comes back to a function being
	// decided does not clean.
	const deciding, yes, no = 1, 2, 3
	state := map[string]int{}
	var cleans func(q string) bool
	var decide func(f pyFunc) bool
	cleans = func(q string) bool {
		switch state[q] {
		case deciding, no:
			return false
		case yes:
			return true
		}
		state[q] = deciding
		f, ok := find(q)
		ok = ok && decide(f)
		state[q] = no
		if ok {
			state[q] = yes
		}
		return ok
	}
	// decide reports whether f returns only cleaned values, following the
	// functions whose results it returns.
	decide = func(f pyFunc) bool {
		ok := !f.dirty && (f.sanitizes || len(f.via) > 0)
		for _, v := range f.via {
			if !ok {
				break
			}
			ok = sanitizers[v] || cleans(v)
		}
		return ok
	}
	x := &filterIndex{cleans: map[string]bool{}, props: map[string]bool{}, configTags: configTags,
		scriptJSON: map[string]bool{}, marksRaw: map[string]bool{}, escapes: map[string]bool{},
		decide: decide, late: map[string]bool{}, read: map[int]map[string][]pyFunc{}}
	for name, q := range filters {
		if cleans(q) {
			x.cleans[name] = true
		}
		if scriptJSON[q] {
			x.scriptJSON[name] = true
		}
		if marksRaw[q] {
			x.marksRaw[name] = true
		}
		if escapes[q] {
			x.escapes[name] = true
		}
	}
	for name, fs := range props {
		all := true
		for _, f := range fs {
			all = all && decide(f)
		}
		x.props[name] = all
	}
	return x
}

// builtinFilters are Django's own filters (and humanize's), which the
// project's filter index is not built for.
var builtinFilters = map[string]bool{}

func init() {
	for _, f := range strings.Fields(`add addslashes capfirst center cut date default default_if_none dictsort
		dictsortreversed divisibleby escape escapejs escapeseq filesizeformat first floatformat force_escape get_digit
		iriencode join json_script last length length_is linebreaks linebreaksbr linenumbers ljust lower make_list
		phone2numeric pluralize pprint random rjust safe safeseq slice slugify stringformat striptags time timesince
		timeuntil title truncatechars truncatechars_html truncatewords truncatewords_html unordered_list upper urlencode
		urlize urlizetrunc wordcount wordwrap yesno apnumber intcomma intword naturalday naturaltime ordinal localtime
		utc timezone language_name language_name_local language_bidi language_name_translated`) {
		builtinFilters[f] = true
	}
}

// cleanedProperty reports a value read from a property of the project's
// classes that returns only cleaned HTML ({{ photo.attribution_link }}).
func cleanedProperty(p *project.Project, e *djtemplate.FilterExpr) bool {
	v := e.Value.Value
	i := strings.LastIndexByte(v, '.')
	if i <= 0 || e.Value.Kind != djtemplate.OperandVariable {
		return false
	}
	x := projectFilters(p)
	name := v[i+1:]
	if cleans, ok := x.props[name]; ok {
		return cleans
	}
	// A model field of that name may be what the variable holds: the
	// property of the files read late is then only a namesake
	// ({{ suggestion.description }} and a Project.description()
	// returning literals).
	return x.lateProperty(name) && !fieldNamesIn(p)[name]
}

// fieldNamesIn returns the names the project's Python files assign a
// field to in a class body (    description = models.TextField(...)),
// found in their text: a cheap pass over the files, where the model
// field index parses every module.
func fieldNamesIn(p *project.Project) map[string]bool {
	return p.Memo("rules/templates.fieldNamesIn", func() any {
		out := map[string]bool{}
		eachCodeFile(p, func(_ *project.File, data []byte) {
			for rest := data; ; {
				i := bytes.Index(rest, []byte("Field("))
				if i < 0 {
					break
				}
				line := rest[:i]
				if j := bytes.LastIndexByte(line, '\n'); j >= 0 {
					line = line[j+1:]
				}
				rest = rest[i+len("Field("):]
				if name, ok := fieldAssignment(line); ok {
					out[name] = true
				}
			}
		})
		return out
	}).(map[string]bool)
}

// eachCodeFile calls fn with the text of each Python file of the project
// outside its tests, read without keeping it (File.Peek): a pass over
// every file's text that would otherwise hold them all to the end of the
// scan. data is valid only during the call.
func eachCodeFile(p *project.Project, fn func(f *project.File, data []byte)) {
	var buf []byte
	for _, f := range p.Named(project.Python) {
		if analysis.TestPath(f.Path) {
			continue
		}
		if data, err := f.Peek(&buf); err == nil {
			fn(f, data)
		}
	}
}

// fieldAssignment reads the start of a line up to a Field( call: an
// indented name, =, and a dotted class name (    body = models.Text).
func fieldAssignment(line []byte) (string, bool) {
	n := 0
	for n < len(line) && (line[n] == ' ' || line[n] == '\t') {
		n++
	}
	if n == 0 {
		return "", false // a module's name, not a class's
	}
	start := n
	for n < len(line) && identByte(line[n]) {
		n++
	}
	name := string(line[start:n])
	for n < len(line) && line[n] == ' ' {
		n++
	}
	if name == "" || n >= len(line) || line[n] != '=' {
		return "", false
	}
	for n++; n < len(line) && line[n] == ' '; n++ {
	}
	for ; n < len(line); n++ {
		if c := line[n]; !identByte(c) && c != '.' {
			return "", false
		}
	}
	return name, true
}

// lateProperty reports a property (or a method a template calls) that
// the files the index was not built from define, each definition
// returning only cleaned values: those files are read then. The first
// names are looked for in their text one by one (a scan asks for a few
// at most); past maxLateSearches, one index of the functions they define
// by name answers the rest (lateDefs).
func (x *filterIndex) lateProperty(name string) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	if cleans, ok := x.late[name]; ok {
		return cleans
	}
	var files []int
	if x.searches++; x.searches <= maxLateSearches {
		files = x.defining(name)
	} else {
		if x.defs == nil {
			x.defs = x.lateDefs()
		}
		files = x.defs[name]
	}
	found, cleans := false, true
	for _, i := range files {
		props, ok := x.read[i]
		if !ok {
			f := x.unread[i]
			if m, _ := pysrc.Parse(f); m != nil {
				props = readFilters(f.Path, m).props
			}
			x.read[i] = props
		}
		for _, fn := range props[name] {
			found = true
			cleans = cleans && x.decide(fn)
		}
	}
	x.late[name] = found && cleans
	return found && cleans
}

// maxLateSearches is how many names lateProperty looks for file by file
// before it indexes every function of the unread files.
const maxLateSearches = 32

// defining returns the unread files whose text defines a function named
// name ("def name(").
func (x *filterIndex) defining(name string) []int {
	def := []byte("def " + name + "(")
	var out []int
	var buf []byte
	for i, f := range x.unread {
		data, err := f.Peek(&buf)
		if err == nil && bytes.Contains(data, def) {
			out = append(out, i)
		}
	}
	return out
}

// lateDefs indexes the unread files by the names of the functions they
// define ("def name(" at any indentation), by their index in x.unread:
// one pass over their text, however many more names templates ask for.
func (x *filterIndex) lateDefs() map[string][]int {
	out := map[string][]int{}
	var buf []byte
	for i, f := range x.unread {
		data, err := f.Peek(&buf)
		if err != nil {
			continue
		}
		for rest := data; ; {
			j := bytes.Index(rest, []byte("def "))
			if j < 0 {
				break
			}
			glued := j > 0 && identByte(rest[j-1]) // undef x(
			rest = rest[j+4:]
			if glued {
				continue
			}
			n := 0
			for n < len(rest) && n < 80 && identByte(rest[n]) {
				n++
			}
			if n == 0 || n == len(rest) || rest[n] != '(' {
				continue
			}
			name := string(rest[:n])
			if l := out[name]; len(l) == 0 || l[len(l)-1] != i {
				out[name] = append(l, i)
			}
		}
	}
	return out
}

// cleanedBefore reports whether a project filter that returns only
// cleaned HTML comes before filter number upto of e.
func cleanedBefore(p *project.Project, e *djtemplate.FilterExpr, upto int) bool {
	if cleanedProperty(p, e) {
		return true
	}
	var x *filterIndex
	for i, f := range e.Filters {
		if i >= upto {
			break
		}
		if builtinFilters[f.Name] {
			continue
		}
		if x == nil {
			x = projectFilters(p)
		}
		if x.cleans[f.Name] || x.escapes[f.Name] {
			return true
		}
	}
	return false
}

// bleachedBefore reports django-bleach's bleach filter among the first
// upto filters of e ({{ finding.description|bleach|safe }}), where
// djangoBleach says the template loads django-bleach's library (asked
// only when the filter is there): the filter returns bleach.clean of its
// input, with the tags and attributes the settings allow, marked safe.
// Its bleach_linkify only adds links and keeps the markup it is given.
func bleachedBefore(e *djtemplate.FilterExpr, upto int, djangoBleach func() bool) bool {
	for i, f := range e.Filters {
		if i < upto && f.Name == "bleach" {
			return djangoBleach()
		}
	}
	return false
}

// loadsDjangoBleach reports a template that loads bleach_tags, in a
// project that has no module of that name to load instead of
// django-bleach's.
func loadsDjangoBleach(p *project.Project, tpl *djtemplate.Template) bool {
	return loadsLibrary(tpl, "bleach_tags") && !projectTagLibrary(p, "bleach_tags")
}

// loadsLibrary reports a {% load %} of the template tag library name.
func loadsLibrary(tpl *djtemplate.Template, name string) bool {
	found := false
	djtemplate.Inspect(tpl.Nodes, func(n djtemplate.Node) bool {
		if t, ok := n.(*djtemplate.Tag); ok && t.Name == "load" && slices.Contains(t.Args, name) {
			found = true
		}
		return !found
	})
	return found
}

// projectTagLibrary reports a template tag module of the project named
// name (an app's templatetags/name.py), which {% load name %} would load.
func projectTagLibrary(p *project.Project, name string) bool {
	suffix := "/templatetags/" + name + ".py"
	for _, f := range p.Named(project.Python) {
		if strings.HasSuffix("/"+f.Path, suffix) {
			return true
		}
	}
	return false
}
