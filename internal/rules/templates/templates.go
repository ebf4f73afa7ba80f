// Package templates holds djsec's rules on Django templates (DJT): missing
// CSRF tokens, escaping turned off, variables placed in JavaScript, links
// that hand the opener to another site, debug output left behind.
//
// Every rule reads the one parse of a file that tplsrc.ForFile keeps,
// and the HTML context that djtemplate's scanner gives each variable; no
// rule matches regular expressions over template source.
//
// The rules run on every file that tplsrc.IsTemplate accepts: files in
// templates folders, in the DIRS that settings name, and files included or
// extended from them. Jinja2 templates (under jinja2 folders, or written
// with Jinja-only syntax such as {% macro %} or {%- -%}) are not Django
// templates and are skipped; text that is not HTML (.txt and .js
// templates, plain-text e-mails, chat and SMS messages) is skipped by the
// escaping rules.
//
// The escaping rules also read the project's Python code, once per scan
// (renders.go): every render(), TemplateResponse, render_to_string,
// template_name and helper call that names a template by a literal, with
// the context it passes when that is a dict the view builds in place (for
// a class-based view, the keys its get_context_data and extra_context
// set, its base classes' keys being unknown). A
// value every view sets to something that cannot carry markup from outside
// (a literal, a setting, format_html or escape output, a reversed or
// percent-encoded URL) is trusted, and a template that code only renders
// into a string and that writes no HTML element beyond inline formatting
// is a message for another channel, not a page.
package templates

import (
	"errors"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/djtemplate"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/tplsrc"
)

// Rules returns the template rules.
func Rules() []*analysis.Rule {
	return []*analysis.Rule{
		FormWithoutCSRFToken,
		AutoescapeDisabledOnVariable,
		UnescapedVariableInScript,
		TargetBlankWithoutNoopener,
		DebugTagInTemplate,
	}
}

// doc is one template as the rules see it: the tree and the HTML events,
// computed once per file.
type doc struct {
	tpl      *djtemplate.Template
	events   []djtemplate.Event
	html     bool            // the template writes at least one HTML element
	elements map[string]bool // the names of the elements it writes, with the first attribute other than a link's href ("i[class]")

	// The names the template binds and what its loops go over, found
	// once: the rules ask for each variable they judge, and a template of
	// many variables would be walked again for each.
	boundOnce, loopsOnce sync.Once
	bound                map[string]bool
	loops                map[string][]string
}

// load returns the pass's file as a template, or nil when the file is not
// a Django template. A template with syntax errors is reported once as a
// problem and analysed as far as it could be parsed.
func load(pass *analysis.Pass) *doc {
	if !tplsrc.IsTemplate(pass.Project, pass.File) {
		return nil
	}
	pt := tplsrc.ForFile(pass.File)
	if errors.Is(pt.Err, tplsrc.ErrTooLarge) {
		pass.Problem(report.Location{Path: pass.File.Path}, "not parsed: %v", pt.Err)
		return nil
	}
	if pt.Err != nil || pt.Template == nil || jinjaChain(pass.Project, pass.File, pt.Template, 0) {
		return nil
	}
	var errs []*djtemplate.Error
	for _, e := range pt.Errors {
		if !e.Text {
			errs = append(errs, e)
		}
	}
	if len(errs) > 0 {
		e := errs[0]
		more := ""
		if n := len(errs) - 1; n > 0 {
			more = " (and " + strconv.Itoa(n) + " more)"
		}
		pass.Problem(pass.At(e.Pos.Line, e.Pos.Col), "template partly unreadable: %s%s; the rest was analysed", e.Msg, more)
	}
	return pass.File.RuleMemo("rules/templates.doc", func() any {
		d := &doc{tpl: pt.Template, elements: map[string]bool{}}
		blocks := inheritedRawBlocks(pass.Project, pass.File, pt.Template, 0)
		pt.ScanBlocks(blocks, func(e djtemplate.Event) {
			d.events = append(d.events, e)
			if e.Kind == djtemplate.StartTag {
				d.html = true
				if e.Element != nil {
					name := strings.ToLower(e.Element.Name)
					for _, a := range e.Element.Attrs {
						if !(name == "a" && a.Name == "href") {
							// Page markup: chat formatting is bare
							// tags and links.
							name += "[" + a.Name + "]"
							break
						}
					}
					d.elements[name] = true
				}
			}
		})
		return d
	}).(*doc)
}

// maxExtendsDepth bounds how far {% extends %} chains are followed.
const maxExtendsDepth = 8

// inheritedRawBlocks returns the blocks that the templates tpl extends
// place inside <script> or <style>: a child's {% block page_js %} is
// JavaScript when its base reads <script>{% block page_js %}{% endblock %}</script>.
func inheritedRawBlocks(p *project.Project, f *project.File, tpl *djtemplate.Template, depth int) map[string]*djtemplate.Element {
	if depth > maxExtendsDepth {
		return nil
	}
	var name string
	for _, n := range tpl.Nodes {
		if t, ok := n.(*djtemplate.Tag); ok && t.Name == "extends" {
			name, _ = djtemplate.TemplateName(t)
			break
		}
	}
	if name == "" {
		return nil
	}
	pf := tplsrc.Resolve(p, f, name)
	if pf == nil || pf == f {
		return nil
	}
	// What a parent places in raw text depends on the parent alone (and
	// the depth bound): computed once per parent, not once per child, as
	// a base template is extended by most of a project's templates. The
	// depth is part of the key, so a chain that extends itself never waits
	// on its own computation.
	return pf.Memo(rawBlocksKey(depth), func() any { return parentRawBlocks(p, pf, depth) }).(map[string]*djtemplate.Element)
}

// rawBlocksKeys are the memo keys of parentRawBlocks by depth.
var rawBlocksKeys = func() (keys [maxExtendsDepth + 2]string) {
	for i := range keys {
		keys[i] = "rules/templates.rawBlocks." + strconv.Itoa(i)
	}
	return keys
}()

func rawBlocksKey(depth int) string { return rawBlocksKeys[depth] }

// parentRawBlocks is inheritedRawBlocks for pf, a template extended at
// the given depth.
func parentRawBlocks(p *project.Project, pf *project.File, depth int) map[string]*djtemplate.Element {
	pt := tplsrc.ForFile(pf)
	if pt.Template == nil {
		return nil
	}
	inherited := inheritedRawBlocks(p, pf, pt.Template, depth+1)
	out := map[string]*djtemplate.Element{}
	for k, v := range inherited {
		out[k] = v
	}
	pt.ScanBlocks(inherited, func(e djtemplate.Event) {
		if e.Kind == djtemplate.TagEvent && e.Tag.Name == "block" && len(e.Tag.Args) > 0 && e.Context.State == djtemplate.InRawText {
			out[e.Tag.Args[0]] = e.Context.Element
		}
	})
	return out
}

// jinjaTags are tags of Jinja2 that the Django template language does not
// have.
var jinjaTags = map[string]bool{
	"set": true, "macro": true, "endmacro": true, "call": true, "endcall": true,
	"raw": true, "endraw": true, "import": true, "from": true, "endset": true,
}

// jinja reports whether a template is written for Jinja2, which some
// projects keep in templates folders too: it uses Jinja-only tags,
// whitespace control ({%- -%}), calls or subscripts ({{ f(x) }},
// {{ a[0] }}), which the Django template language does not have. Django
// would refuse to render it and its escaping rules differ, so the Django
// rules do not judge it.
func jinja(t *djtemplate.Template) bool {
	found := false
	t.Inspect(func(n djtemplate.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *djtemplate.Tag:
			raw := n.Raw
			found = jinjaTags[n.Name] || strings.HasPrefix(raw, "-") || strings.HasSuffix(raw, "-") ||
				strings.HasPrefix(raw, "+") || callOrIndex(raw)
		case *djtemplate.Variable:
			found = strings.HasPrefix(n.Raw, "-") || strings.HasSuffix(n.Raw, "-") || callOrIndex(n.Raw)
		}
		return true
	})
	return found
}

// jinjaFile is jinja of t, the template parsed from f, once per file:
// every template rule asks, of the file and of the layouts it extends.
func jinjaFile(f *project.File, t *djtemplate.Template) bool {
	return f.Memo("rules/templates.jinja", func() any { return jinja(t) }).(bool)
}

// jinjaChain reports whether a template or one it extends is Jinja2:
// a template extending a Jinja2 layout is Jinja2 too.
func jinjaChain(p *project.Project, f *project.File, t *djtemplate.Template, depth int) bool {
	if jinjaFile(f, t) {
		return true
	}
	if depth > maxExtendsDepth {
		return false
	}
	for _, n := range t.Nodes {
		tag, ok := n.(*djtemplate.Tag)
		if !ok || tag.Name != "extends" {
			continue
		}
		name, ok := djtemplate.TemplateName(tag)
		if !ok {
			return false
		}
		pf := tplsrc.Resolve(p, f, name)
		if pf == nil || pf == f {
			return false
		}
		pt := tplsrc.ForFile(pf)
		return pt.Template != nil && jinjaChain(p, pf, pt.Template, depth+1)
	}
	return false
}

// callOrIndex reports whether an expression holds '(' or '[' outside
// string literals, other than the _("...") of translated strings.
func callOrIndex(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\'':
			j := i + 1
			for j < len(s) && s[j] != c {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			i = j
		case '(':
			if i == 0 || s[i-1] != '_' {
				return true
			}
		case '[':
			return true
		}
	}
	return false
}

// at returns the location of a template position.
func at(pass *analysis.Pass, p djtemplate.Pos) report.Location { return pass.At(p.Line, p.Col) }

// atOffset returns the location of a byte offset of the template.
func (d *doc) at(pass *analysis.Pass, off int) report.Location {
	return at(pass, d.tpl.Position(off))
}

// plainText reports whether the template renders text that is not HTML:
// a .txt (or .js, .css, .json) template, an e-mail body or subject
// without a single HTML element (Django's own
// registration/password_reset_email.html is one), or a message for
// another channel that code renders into a string (textFragment).
// Escaping matters only where a browser reads the output as HTML.
func (d *doc) plainText(proj *project.Project, f *project.File) bool {
	p := strings.ToLower(f.Path)
	switch path.Ext(p) {
	case ".txt", ".js", ".css", ".json", ".csv", ".md":
		// Not HTML: e-mail bodies, and scripts or styles that a template
		// includes; HTML escaping rules do not describe them.
		return true
	}
	if !d.html && (strings.Contains(p, "mail") || strings.Contains(p, "subject")) {
		return true
	}
	return d.slackMessage() || d.textFragment(proj, f)
}

// slackMessage reports a django-slack message template: it extends
// django_slack (the name the library puts in the context), whose blocks
// become the text and fields of a call to Slack's API, which reads them
// as its own markup, not as HTML.
func (d *doc) slackMessage() bool {
	for _, n := range d.tpl.Nodes {
		if t, ok := n.(*djtemplate.Tag); ok && t.Name == "extends" && len(t.Args) == 1 {
			name, quoted := djtemplate.Unquote(t.Args[0])
			if !quoted {
				name = t.Args[0] // the variable the library sets
			}
			return name == "django_slack" || name == "django_slack/base.slack"
		}
	}
	return false
}

// literalExpr reports whether an expression's output is fixed by the
// template author: a literal value whose filters take only literal
// arguments, or a name bound to a literal by {% with %} or
// {% translate ... as %} in this template.
func literalExpr(e *djtemplate.FilterExpr, literals map[string]bool, upto int) bool {
	if e == nil {
		return true
	}
	// a name bound to a literal or to configuration, and what it holds
	// ({{ lang.name_local }} after {% get_language_info ... as lang %})
	root, _, _ := strings.Cut(e.Value.Value, ".")
	if !e.Value.Literal() && !literals[root] && !builtinName(e.Value.Value) {
		return false
	}
	for i, f := range e.Filters {
		if i >= upto {
			break
		}
		if f.Arg != nil && !f.Arg.Literal() {
			return false
		}
	}
	return true
}

// builtinName reports the names every template context starts with,
// bound to Python's constants: {{ True|render_boolean }} renders a
// constant.
func builtinName(v string) bool { return v == "True" || v == "False" || v == "None" }

// literalNames returns the names that every binding in the template ties
// to a literal: {% with a="x" %}, {% with "x" as a %},
// {% translate "x" as a %}, {% trans "x" as a %}.
//
// tags are the project's simple tags that return configuration
// (filterIndex.configTags): {% docs_link as link %} binds link to one.
func (d *doc) literalNames(tags map[string]bool) map[string]bool {
	lit, _ := d.names(tags, true)
	return lit
}

// boundNames returns every name the template binds itself, with
// {% with %}, {% for %}, {% cycle ... as %}, {% translate ... as %},
// {% capture ... as %} and asvar: what the view put in the context under
// that name is not what the template outputs.
func (d *doc) boundNames() map[string]bool {
	d.boundOnce.Do(func() { _, d.bound = d.names(nil, true) })
	return d.bound
}

// names returns the names the template's tags bind, those bound only to
// literals apart; loops says whether {% for %} tags count.
func (d *doc) names(tags map[string]bool, loops bool) (lit, all map[string]bool) {
	lit, other := map[string]bool{}, map[string]bool{}
	bind := func(name string, literal bool) {
		if literal {
			lit[name] = true
		} else {
			other[name] = true
		}
	}
	d.tpl.Inspect(func(n djtemplate.Node) bool {
		t, ok := n.(*djtemplate.Tag)
		if !ok {
			return true
		}
		switch t.Name {
		case "with":
			args := t.Args
			if len(args) == 3 && args[1] == "as" {
				bind(args[2], djtemplate.ParseFilterExpr(args[0]).Value.Literal())
				break
			}
			for _, a := range args {
				if name, val, ok := strings.Cut(a, "="); ok {
					e := djtemplate.ParseFilterExpr(val)
					bind(name, e.Err == "" && (literalExpr(e, nil, len(e.Filters)) || modelMeta(e)))
				}
			}
		case "cycle":
			// {% cycle '' '</tr><tr>' as trtr silent %}: the name takes
			// each value in turn.
			args := t.Args
			if n := len(args); n > 0 && args[n-1] == "silent" {
				args = args[:n-1]
			}
			if n := len(args); n >= 3 && args[n-2] == "as" {
				all := true
				for _, a := range args[:n-2] {
					if e := djtemplate.ParseFilterExpr(a); e.Err != "" || !literalExpr(e, nil, len(e.Filters)) {
						all = false
					}
				}
				bind(args[n-1], all)
			}
		case "trans", "translate":
			if n := len(t.Args); n >= 3 && t.Args[n-2] == "as" {
				_, quoted := djtemplate.Unquote(t.Args[0])
				bind(t.Args[n-1], quoted)
			}
		case "blocktrans", "blocktranslate":
			// {% blocktranslate asvar msg %}...{{ name }}...: the
			// translator's text with each value escaped as it is put
			// in, which Django marks safe
			for i, a := range t.Args {
				if a == "asvar" && i+1 < len(t.Args) {
					bind(t.Args[i+1], true)
				}
			}
			// {% blocktrans with name=opts.verbose_name %}: the names
			// it binds inside, to a model's own names among others
			for _, a := range t.Args {
				if name, val, ok := strings.Cut(a, "="); ok {
					e := djtemplate.ParseFilterExpr(val)
					bind(name, e.Err == "" && (literalExpr(e, nil, len(e.Filters)) || modelMeta(e)))
				}
			}
		case "capture":
			// {% capture trimmed as menu %}...{% endcapture %}
			// (django-capture-tag and its kin): the name holds what
			// the block rendered, its values escaped already.
			for i, a := range t.Args {
				if a == "as" && i+1 < len(t.Args) {
					bind(t.Args[i+1], true)
				}
			}
		default:
			// {% docs_link as link %}: a simple tag of the project's
			// that returns only configuration; {% get_language_info for
			// code as lang %}: Django's own table of languages (an
			// unknown code raises), or the settings' LANGUAGES
			if n := len(t.Args); (tags[t.Name] || languageTags[t.Name]) && n >= 2 && t.Args[n-2] == "as" {
				bind(t.Args[n-1], true)
			}
		case "for":
			if !loops {
				break
			}
			// {% for i in page_obj.paginator.page_range %}: page numbers
			// or over a list of such names ({% for code, name in LANGUAGES %})
			numbers := false
			if i := slices.Index(t.Args, "in"); i >= 0 && i+1 < len(t.Args) {
				over := t.Args[i+1]
				numbers = pageRange(over) || lit[over] && !other[over]
			}
			for _, a := range t.Args {
				if a == "in" {
					break
				}
				for _, name := range strings.Split(a, ",") {
					if name != "" {
						bind(name, numbers)
					}
				}
			}
		}
		return true
	})
	all = map[string]bool{}
	for name := range lit {
		all[name] = true
	}
	for name := range other {
		delete(lit, name)
		all[name] = true
	}
	return lit, all
}

// languageTags are the tags of Django's i18n library that bind a name to
// its languages: the settings' LANGUAGE_CODE and LANGUAGES, and the
// names and directions of django.conf.locale's LANG_INFO.
var languageTags = map[string]bool{"get_current_language": true, "get_current_language_bidi": true,
	"get_available_languages": true, "get_language_info": true, "get_language_info_list": true}

// pageRange reports an iterable of page numbers: a paginator's page_range
// (page_obj.paginator.page_range), or what its get_elided_page_range gives
// a view to pass on as page_range or elided_page_range, which holds
// numbers and Django's ellipsis.
func pageRange(v string) bool {
	last := v[strings.LastIndexByte(v, '.')+1:]
	return last == "page_range" || last == "elided_page_range"
}

// metaNames are the names of a model that its code gives it (its Meta
// and class), which the admin's templates print through opts.
var metaNames = map[string]bool{"verbose_name": true, "verbose_name_plural": true, "app_label": true,
	"model_name": true, "object_name": true}

// modelMeta reports a value the project's code names, as the admin's
// templates print them: a model's names through opts
// (inline_admin_formset.opts.verbose_name, opts.app_label) and a
// formset's prefix (inline_admin_formset.formset.prefix, made from the
// model's name or given by the code), with no filter argument looked up
// elsewhere.
func modelMeta(e *djtemplate.FilterExpr) bool {
	if e.Value.Kind != djtemplate.OperandVariable {
		return false
	}
	for _, f := range e.Filters {
		if f.Arg != nil && !f.Arg.Literal() {
			return false
		}
	}
	parts := strings.Split(e.Value.Value, ".")
	n := len(parts)
	if n >= 2 && parts[n-2] == "opts" && metaNames[parts[n-1]] {
		return true
	}
	return n >= 2 && parts[n-2] == "formset" && parts[n-1] == "prefix"
}

// configExpr reports whether an expression outputs the project's own
// configuration: {{ settings.BANNER }}, {{ config.BANNER_LOGIN }},
// {{ helpdesk_settings.LANGUAGE_CODE }} (values that developers or,
// through an admin page, superusers write), with no filter argument looked
// up elsewhere, unless a view that renders the template f (any of the
// project's, when f is not known) puts something else that may carry
// markup under the name settings and no context processor sets it. A
// project's config object (constance's, NetBox's get_config()) is the
// same whichever view passes it.
func configExpr(p *project.Project, f *project.File, e *djtemplate.FilterExpr) bool {
	v := e.Value.Value
	if e.Value.Kind != djtemplate.OperandVariable || !(strings.HasPrefix(v, "settings.") || strings.HasPrefix(v, "config.") || appSetting(v)) {
		return false
	}
	if name := rootVar(e); name == "settings" && !processorKeys(p)[name] && (f != nil && renderedUnsafely(p, f, name) || f == nil && setUnsafely(p, name)) {
		return false // a view's own "settings": request.META, say
	}
	for _, f := range e.Filters {
		if f.Arg != nil && !f.Arg.Literal() {
			return false
		}
	}
	return true
}

// formErrors reports a form's errors ({{ form.errors }},
// form.non_field_errors, formset.non_form_errors, field.errors), which
// Django renders as HTML it builds with every message escaped, through
// filters with literal arguments that add no markup
// (errors|cut:'__all__').
func formErrors(e *djtemplate.FilterExpr) bool {
	if e.Value.Kind != djtemplate.OperandVariable || !literalFilters(e) {
		return false
	}
	v := e.Value.Value
	i := strings.LastIndexByte(v, '.')
	if i < 0 {
		return false
	}
	switch v[i+1:] {
	case "errors", "non_field_errors", "non_form_errors":
	default:
		return false
	}
	for _, f := range e.Filters {
		if f.Name != "cut" || f.Arg == nil || strings.ContainsAny(f.Arg.Value, "<>&") {
			return false
		}
	}
	return true
}

// literalFilters reports a value whose filters take only literal
// arguments, if any.
func literalFilters(e *djtemplate.FilterExpr) bool {
	for _, f := range e.Filters {
		if f.Arg != nil && !f.Arg.Literal() {
			return false
		}
	}
	return true
}

// appSetting reports a setting read off an app's settings object, as
// reusable apps expose them to templates: helpdesk_settings.LANGUAGE_CODE,
// app_settings.API_HOST. The object is named for settings and the name is
// a setting's, upper case; user.settings.theme is neither.
func appSetting(v string) bool {
	obj, name, ok := strings.Cut(v, ".")
	if !ok || strings.Contains(name, ".") || !strings.HasSuffix(obj, "_settings") || name != strings.ToUpper(name) {
		return false
	}
	return strings.ContainsAny(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
}

// trusted reports whether the value of a variable cannot carry markup
// from outside: the project's configuration (settings.X, a variable its
// own context processors set to a setting or a literal, or one every
// place of its code sets to settings: contextKeyConfig), or a context
// value that every view rendering this template sets to a literal, a
// setting, or HTML it escaped itself (format_html, escape).
func (d *doc) trusted(p *project.Project, f *project.File, v *djtemplate.Variable) bool {
	e := v.Expr
	// A form's errors render escaped, but a loop over them gives each
	// message raw ({% for error in form.non_field_errors %}): they count
	// here, not in loopTrusted.
	return formErrors(e) || libraryFilled(p, f, e) || crispyFilled(p, f, e) ||
		d.trustedIn(p, f, e, map[string]bool{}, loopsAround(d.tpl.Nodes, v))
}

// trustedIn is trusted with the loop names being followed (looping), so
// that loops over each other's names end, and the {% for %} tags around
// the use of e, innermost first (loopsAround).
func (d *doc) trustedIn(p *project.Project, f *project.File, e *djtemplate.FilterExpr, looping map[string]bool, around []*djtemplate.Tag) bool {
	if configExpr(p, f, e) {
		return true
	}
	if e.Value.Kind != djtemplate.OperandVariable {
		return false
	}
	// A setting or a literal reached through an attribute or a key
	// (SITE_INFO.footer, a dict from the settings) is one too.
	for _, f := range e.Filters {
		if f.Arg != nil && !f.Arg.Literal() {
			return false
		}
	}
	// What the attribute is says it whoever holds the object: a loop's
	// row too ({% for scan in scans %}{{ scan.fatal_count }}).
	if typedField(p, e) || classConstant(e) || mediaTags(e.Value.Value) {
		return true
	}
	v, _, _ := strings.Cut(e.Value.Value, ".")
	if d.boundNames()[v] {
		return d.loopTrusted(p, f, v, looping, around)
	}
	return safeFromViewsIn(p, f, v, 0, len(looping) > 0) || processorSafe(p, v) || v == e.Value.Value && uuidName(p, v) && !setUnsafely(p, v) ||
		!setUnsafely(p, v) && contextKeyConfig(p, v)
}

// mediaTags reports the tags of a form's Media, which a loop walks:
// {% for asset in form.media.render_css %}. Django builds each <link> and
// <script> tag with format_html from the paths the widgets declare.
func mediaTags(v string) bool {
	return strings.HasSuffix(v, "media.render_css") || strings.HasSuffix(v, "media.render_js")
}

// loopTrusted reports a name that only {% for %} tags bind, each to the
// items of something trusted: {% for provider, conf in WEB_ANALYTICS.items %}
// over a setting a context processor puts in the context. Where the use
// is inside a loop that binds the name (around), only that loop counts:
// a template that loops "week, values" over a dict of dates built in the
// view and, further on, over another dict does not make the first one's
// values suspect.
func (d *doc) loopTrusted(p *project.Project, f *project.File, name string, looping map[string]bool, around []*djtemplate.Tag) bool {
	iters := d.loopOver()[name]
	if len(iters) == 0 || looping[name] {
		return false
	}
	looping[name] = true
	defer delete(looping, name)
	var outer []*djtemplate.Tag
	for i, t := range around {
		if it, ok := loopBinds(t, name); ok {
			iters, outer = []string{it}, around[i+1:]
			break
		}
	}
	for _, it := range iters {
		e := djtemplate.ParseFilterExpr(it)
		if e.Err != "" || !d.trustedIn(p, f, e, looping, outer) {
			return false
		}
	}
	return true
}

// loopBinds returns what a {% for %} tag loops over when it binds name.
func loopBinds(t *djtemplate.Tag, name string) (string, bool) {
	i := slices.Index(t.Args, "in")
	if i < 0 || i+1 >= len(t.Args) {
		return "", false
	}
	for _, a := range t.Args[:i] {
		if slices.Contains(strings.Split(a, ","), name) {
			return t.Args[i+1], true
		}
	}
	return "", false
}

// loopsAround returns the {% for %} tags whose body holds v, innermost
// first, or nil when v is not a node of nodes (an inherited block's) or
// lies deeper than maxAroundDepth tags. It goes down through the node
// that spans v at each level, found by binary search, since nodes are in
// source order: a template of many variables costs a few steps per
// variable asked about.
func loopsAround(nodes []djtemplate.Node, v *djtemplate.Variable) []*djtemplate.Tag {
	return tagsAround(nodes, v, "for")
}

// tagsAround is loopsAround for the tags named kind ("for", "with"): those
// whose body, before any branch ({% empty %}), holds v, innermost first.
func tagsAround(nodes []djtemplate.Node, v *djtemplate.Variable, kind ...string) []*djtemplate.Tag {
	var out []*djtemplate.Tag
	off := v.Start.Offset
	for range maxAroundDepth {
		i := sort.Search(len(nodes), func(i int) bool {
			_, end := nodes[i].Span()
			return end.Offset > off
		})
		if i == len(nodes) {
			return nil
		}
		switch n := nodes[i].(type) {
		case *djtemplate.Variable:
			if n != v {
				return nil
			}
			slices.Reverse(out)
			return out
		case *djtemplate.Tag:
			body := n.Body
			// the last branch that starts before v ({% empty %}: the
			// loop's names are not bound there), by binary search too
			if k := sort.Search(len(n.Branches), func(k int) bool { return n.Branches[k].Start.Offset > off }); k > 0 {
				body = n.Branches[k-1].Body
			}
			if slices.Contains(kind, n.Name) && (len(n.Branches) == 0 || off < n.Branches[0].Start.Offset) {
				out = append(out, n)
			}
			nodes = body
		default:
			return nil
		}
	}
	return nil
}

// maxAroundDepth bounds how deep loopsAround looks for a variable; below
// it, every loop that binds the name counts, as with no loop around.
const maxAroundDepth = 64

// loopOver returns, for each name that only {% for %} tags bind, what
// they loop over ("WEB_ANALYTICS.items"); names another tag binds too
// are left out.
func (d *doc) loopOver() map[string][]string {
	d.loopsOnce.Do(func() { d.loops = d.findLoops() })
	return d.loops
}

// findLoops is loopOver without the memo.
func (d *doc) findLoops() map[string][]string {
	out := map[string][]string{}
	d.tpl.Inspect(func(n djtemplate.Node) bool {
		t, ok := n.(*djtemplate.Tag)
		if !ok || t.Name != "for" {
			return true
		}
		i := slices.Index(t.Args, "in")
		if i < 0 || i+1 >= len(t.Args) {
			return true
		}
		for _, a := range t.Args[:i] {
			for _, name := range strings.Split(a, ",") {
				if name != "" {
					out[name] = append(out[name], t.Args[i+1])
				}
			}
		}
		return true
	})
	_, other := d.names(nil, false)
	for name := range other {
		delete(out, name)
	}
	return out
}

// classConstant reports an attribute named as a Python constant:
// {{ debate.STATUS_DRAFT }}, a value of the class written in its code
// (a choice's key), not data of the object.
func classConstant(e *djtemplate.FilterExpr) bool {
	v := e.Value.Value
	i := strings.LastIndexByte(v, '.')
	return i > 0 && len(v)-i > 2 && upperCase(v[i+1:])
}

// typedField reports an attribute that every project model declaring it
// declares as a UUID, number, date, boolean or geometry field, or with
// choices=, a part of a date ({{ since.year }}), or a geometry's
// serialization ({{ project.extent.geojson }}): {{ flow.uuid }},
// {{ org.created_on }} print nothing a browser reads as markup or code.
// A default filter could bring text, so filters must be the literal kind
// trusted already asks for.
func typedField(p *project.Project, e *djtemplate.FilterExpr) bool {
	v := e.Value.Value
	i := strings.LastIndexByte(v, '.')
	if i < 0 {
		return false
	}
	if inertField(p, v[i+1:]) || uuidName(p, v[i+1:]) || foreignKeyID(p, v[i+1:]) || datePart(p, v[i+1:]) {
		return true
	}
	// project.extent.geojson: a geometry's serialization; station.location.1:
	// a coordinate of a point, a number
	j := strings.LastIndexByte(v[:i], '.')
	switch last := v[i+1:]; {
	case geometrySerializations[last]:
		return j >= 0 && geometryField(p, v[j+1:i])
	case last == "0" || last == "1" || last == "2" || last == "x" || last == "y" || last == "z":
		return j >= 0 && geometryField(p, v[j+1:i]) || j < 0 && geometryField(p, v[:i])
	}
	return false
}

// datePart reports an attribute that names a part of a date or time
// ({{ first_hour.year }} in Date.UTC(...)): an int on Python's date,
// datetime and time. A model field of that name declared as text (year =
// CharField for "2019-2020") keeps it a name like any other.
func datePart(p *project.Project, name string) bool {
	switch name {
	case "year", "month", "day", "hour", "minute", "second", "microsecond":
		return !typedFields(p).textual[name]
	}
	return false
}

// foreignKeyID reports the column Django adds for a foreign key of the
// project's models (author_id for author = ForeignKey(User)): the key of
// the row it points at, a number or a UUID. A field declared under that
// very name (carrier_id = models.CharField()) may be text.
func foreignKeyID(p *project.Project, name string) bool {
	stem, ok := strings.CutSuffix(name, "_id")
	x := typedFields(p)
	return ok && stem != "" && x.foreignKey[stem] && !x.textual[name] && !x.inert[name]
}

// renderedSafe reports values that Django renders as HTML it built
// itself, or that developers write in code as HTML (help_text): marking
// them safe adds no user-controlled markup.
func renderedSafe(e *djtemplate.FilterExpr) bool {
	v := e.Value.Value
	if v == "block.super" || v == "csrf_token" || numericName(e) {
		return true
	}
	last := v[strings.LastIndexByte(v, '.')+1:]
	switch last {
	case "as_p", "as_table", "as_ul", "as_div", "management_form", "media":
		return true
	case "label_tag", "errors", "non_field_errors", "label", "as_widget", "as_field_group":
		// Django renders and escapes these itself; error messages that
		// quote the input are escaped when the error list renders.
		return true
	case "help_text":
		// Written by developers in field definitions; Django's admin
		// marks it safe itself, so that help texts can hold links.
		return true
	case "flat_attrs":
		// django-crispy-forms' layout attributes, joined by flatatt,
		// which escapes every value: {{ flat_attrs|safe }}
		return true
	}
	if formField(v) || formFieldID(v) {
		return true
	}
	// ModelAdmin.fieldsets' description, written by developers; and an
	// AdminReadonlyField's contents(), which escapes the value itself
	return v == "fieldset.description" || v == "field.contents"
}

// formFieldID reports the id or name Django gives a form field's input:
// {{ form.email.auto_id }}, {{ field.id_for_label }}, {{ field.html_name }}.
// Django makes them from the form's prefix and the field's name in code
// (id_email, billing-email), which hold no quotes or markup.
func formFieldID(v string) bool {
	i := strings.LastIndexByte(v, '.')
	if i < 0 {
		return false
	}
	switch v[i+1:] {
	case "auto_id", "id_for_label", "html_name":
		return formField(v[:i])
	case "name":
		// the name the form's code gives a bound field or a widget; not
		// form.name, the field called name rendered whole
		switch v[:i] {
		case "field", "widget", "subwidget":
			return true
		}
	}
	return false
}

// formField reports a form, one of its fields or a widget rendered whole:
// {{ form }}, {{ form.email }}, {{ field }}, {{ widget }}. Django builds
// that HTML and escapes the values it holds; marking it safe changes
// nothing. {{ form.email.value }} is the raw input and is not one.
func formField(v string) bool {
	parts := strings.Split(v, ".")
	first := parts[0]
	formish := first == "form" || strings.HasSuffix(first, "_form") || first == "field" || first == "widget" ||
		first == "subwidget" || first == "formset"
	if !formish {
		return false
	}
	switch len(parts) {
	case 1:
		return true
	case 2:
		switch parts[1] {
		case "data", "cleaned_data", "initial", "instance", "value", "files":
			return false // what the user sent, or the object it edits
		}
		return first != "field" && first != "widget" && first != "subwidget" || parts[1] == "tag"
	}
	return false
}

// numericName reports values that are numbers by Django's conventions
// (primary keys, ids, counts, percentages, loop counters) and stay
// numbers through their filters.
func numericName(e *djtemplate.FilterExpr) bool {
	v := e.Value.Value
	last := v[strings.LastIndexByte(v, '.')+1:]
	if !numberWord(last) && !strings.HasPrefix(v, "forloop.") && !coordinate(v) {
		return false
	}
	for _, f := range e.Filters {
		if f.Arg != nil && !f.Arg.Literal() {
			return false // add:name, default:name may bring text
		}
	}
	return true
}

// numberWord reports a name that holds a number in Django code: pk, id,
// count, a percentage, or a count, percentage or span of time in a unit of
// something (left_count, used_pct, refresh_rate_milliseconds, timeout_ms).
// Other names that often hold numbers (total, price, *_id) are as often
// formatted text or identifiers a user chose.
func numberWord(name string) bool {
	switch name {
	case "pk", "id", "count", "pct", "percent", "percentage",
		// a page of a paginator (page_obj.next_page_number) and its
		// paginator (paginator.num_pages)
		"previous_page_number", "next_page_number", "start_index", "end_index", "num_pages",
		// a position on a map: lat, lng, and GeoJSON's [lng, lat]
		"lat", "lng", "lon", "latitude", "longitude",
		// the bounds a form field's code gives it
		"max_length", "min_length", "max_digits", "decimal_places":
		return true
	}
	// the keys aggregate() names after Count, Sum and Avg (total__sum)
	for _, s := range []string{"_count", "_pct", "_percent", "_percentage", "_ms", "_milliseconds", "_seconds", "_secs", "_minutes",
		"__sum", "__avg"} {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// coordinate reports an element of a GeoJSON coordinates array:
// station.geometry.coordinates.0, a number by the format.
func coordinate(v string) bool {
	head, idx, ok := cutLast(v, '.')
	return ok && (idx == "0" || idx == "1") && strings.HasSuffix(head, "coordinates")
}

func cutLast(s string, sep byte) (before, after string, ok bool) {
	i := strings.LastIndexByte(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+1:], true
}

// escapingFilters leave nothing a browser would read as markup: they
// escape their input, or turn it into a number, a date or a
// percent-encoded string. Each was checked against Django's rendering of
// `<img src=x onerror=alert(1)>"'`. intcomma is not here: it returns a
// value that is not a number unchanged; nor is striptags, which leaves
// quotes and can be fooled by nested tags.
var escapingFilters = map[string]bool{
	"escape": true, "force_escape": true, "escapejs": true, "urlencode": true, "json_script": true,
	"length": true, "wordcount": true, "filesizeformat": true, "floatformat": true,
	"divisibleby": true, "length_is": true, "date": true, "time": true, "timesince": true, "timeuntil": true,
	"pluralize": true, "yesno": true,
}

// choosesArg are filters whose output is one of their argument's words:
// they are safe only when the argument is written in the template.
var choosesArg = map[string]bool{"yesno": true, "pluralize": true}

// autoescapingFilters escape their input first, but only when
// autoescaping is on.
var autoescapingFilters = map[string]bool{
	"linebreaks": true, "linebreaksbr": true, "urlize": true, "urlizetrunc": true, "unordered_list": true,
	// join escapes each item and the separator ({{ names|join:"<br>"|safe }}
	// keeps the template's literal <br> and escapes the names)
	"join": true,
}

// neutralizedBefore reports whether a filter among the first upto
// filters makes the value harmless before a later filter marks it safe.
// autoescape says whether autoescaping is on where the value is rendered.
func neutralizedBefore(e *djtemplate.FilterExpr, upto int, autoescape bool) bool {
	for i, f := range e.Filters {
		if i >= upto {
			break
		}
		if (escapingFilters[f.Name] || autoescape && autoescapingFilters[f.Name]) && (f.Arg == nil || f.Arg.Literal() || !choosesArg[f.Name]) {
			return true
		}
	}
	return false
}

// fromRequest reports whether an expression reads what the visitor sent:
// query string, form body, cookies or headers.
func fromRequest(e *djtemplate.FilterExpr) bool {
	v := e.Value.Value
	for _, p := range []string{"request.GET", "request.POST", "request.COOKIES", "request.META", "request.headers", "request.body"} {
		if v == p || strings.HasPrefix(v, p+".") {
			return true
		}
	}
	return false
}

// shortExpr is an expression as written, shortened for messages.
func shortExpr(v *djtemplate.Variable) string {
	s := v.Raw
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}
