package templates

import (
	"bytes"
	"path"
	"slices"
	"strings"
	"unicode"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/settings"
	"github.com/djsec/djsec/internal/tplsrc"
)

// A template that nothing renders, includes or extends, and whose name
// appears nowhere in the project, is most often one a refactor left
// behind: what it outputs reaches no browser. Its findings are lowered to
// low with a note, not dropped, since djsec cannot see every way a name
// is built (a name computed from a setting, a library's convention it does
// not know).

// unusedNote ends the documentation of the template rules that lower
// findings in unused templates.
const unusedNote = " Findings in a template that nothing in the project renders, includes or extends, and that no code, " +
	"template (outside its {# #} and {% comment %} comments) or configuration names (in full, as the end of a name computed with %, format or +, as a class's name (with an " +
	"action after it where the project uses smartmin or MapEntity, which build names so: contactimport_preview), " +
	"under a folder of an installed app the project does not hold, of a library its code imports (edx_ace), or a folder that is no app of the project and that its code renders no other template from), or that only such " +
	"templates include, extend or name, are low: " +
	"such a template is most often one a refactor left behind. So are findings in a template that only management commands " +
	"render, none of which sends mail (nor is the template named for mail or notifications), and that no template includes or " +
	"extends: its output goes to a file or the console (documentation, generated code), not to a page a browser loads. So are findings " +
	"in a template that only code turning HTML into a PDF renders (xhtml2pdf's pisa.CreatePDF, WeasyPrint, pdfkit, django-easy-pdf's render_to_pdf), when no template includes or extends it. " +
	"Findings in a template that every place rendering it renders to a string in a function that sends mail (send_mail, " +
	"EmailMultiAlternatives, a helper named send_..._email) and builds no response, when no template includes or extends it, keep " +
	"their severity and say what the harm is: mail clients run no scripts, but markup puts links and forms in the site's mail. " +
	"So are findings in a template that only inclusion tags render when no template calls them ({% load %} alone does not). " +
	"So are findings in a template named for tests (case_context_test.html) that only the project's tests name."

// weighUnused sets the pass to lower the findings of medium severity or
// more in a template nothing uses, saying so. Whether it is used is
// worked out at the first such finding: most templates have none.
func weighUnused(pass *analysis.Pass) {
	name, command, pdf, known, tests, mail := "", "", "", false, false, false
	pass.Weigh = func(d *analysis.Diagnostic) {
		sev := d.Severity
		if sev == report.SeverityUnset {
			sev = pass.Rule.Severity
		}
		if sev < report.Medium {
			return
		}
		if !known {
			name, known = unusedTemplate(pass.Project, pass.File), true
			if name == "" {
				command = commandOnly(pass.Project, pass.File)
				pdf = pdfOnly(pass.Project, pass.File)
				tests = testsOnly(pass.Project, pass.File)
				mail = mailOnly(pass.Project, pass.File)
			}
		}
		switch {
		case tests:
			d.Severity = report.Low
			d.Message += "; it is named for tests, and only the project's tests render or name it: no page a browser loads shows it"
		case name != "" && uncalledTag(pass.Project, pass.File) != "":
			d.Severity = report.Low
			d.Message += "; only the inclusion tag " + uncalledTag(pass.Project, pass.File) + " renders " + name +
				", and no template calls that tag: if it is unused, delete both"
		case name != "" && usedByTemplates(pass.Project, pass.File):
			d.Severity = report.Low
			d.Message += "; nothing in the project renders " + name + ", and only templates that nothing uses " +
				"include, extend or name it: if they are all unused, delete them"
		case name != "":
			d.Severity = report.Low
			d.Message += "; nothing in the project renders, includes or extends " + name +
				", and no code or template names it: if it is unused, delete it"
		case pdf != "":
			d.Severity = report.Low
			d.Message += "; only code that turns it into a PDF with " + pdf + " renders this template, so no browser runs " +
				"what it outputs, though markup put into it can still make the PDF renderer fetch files or URLs (img src)"
		case mail:
			// the harm is the mail's, not a page's: the message says so,
			// and the severity stays, as phishing from the site's own
			// address is no small thing
			d.Message += "; only code that sends it as e-mail renders this template: mail clients run no scripts, but " +
				"whoever writes the value puts links, images and forms in mail the site sends in its own name (HTML injection)"
		case command != "":
			d.Severity = report.Low
			d.Message += "; only the management command " + command + " renders this template, and it sends no mail: " +
				"its output goes to a file or the console, not to a page a browser loads"
		}
	}
}

// testsOnly reports a template named for tests (case_context_test.html)
// that the project's tests alone name, and that no code outside them
// renders and no template includes or extends: a fixture of the test
// suite, even where the code renders templates by computed names
// ("letter_templates/%s.html" % layout) that could reach it.
func testsOnly(p *project.Project, f *project.File) bool {
	name := templateName(p, f)
	stem := strings.TrimSuffix(path.Base(name), path.Ext(name))
	if name == "" || !project.HasNameWord(strings.ToLower(stem), "test", "tests") || renderSites(p)[f.Path] != nil ||
		includers(p)[f.Path] != nil || tplsrc.Children(p)[f.Path] != nil {
		return false
	}
	by := templateMentions(p).tokens[path.Base(name)]
	for _, namer := range by {
		if namer != f.Path && (namer == "" || !testModule(namer)) {
			return false
		}
	}
	return slices.ContainsFunc(by, func(n string) bool { return n != f.Path })
}

// testModule reports a module of a test suite by its name or folder
// (test_letters.py, tests/helpers.py): narrower than analysis.TestPath,
// since an app of the project may be named test (DefectDojo's dojo/test/,
// for the tests its users record).
func testModule(p string) bool {
	base := path.Base(p)
	if strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") || strings.HasSuffix(base, "_tests.py") ||
		base == "tests.py" || base == "conftest.py" {
		return true
	}
	return slices.Contains(strings.Split(path.Dir(p), "/"), "tests")
}

// commandOnly returns the management command that renders template f
// when every place the project renders it is one that sends no mail, and
// no template includes or extends it; "" otherwise.
func commandOnly(p *project.Project, f *project.File) string {
	sites := renderSites(p)[f.Path]
	if len(sites) == 0 || includers(p)[f.Path] != nil || tplsrc.Children(p)[f.Path] != nil {
		return ""
	}
	if l := strings.ToLower(f.Path); strings.Contains(l, "mail") || strings.Contains(l, "notif") {
		return "" // a message to users, however the command sends it
	}
	for _, s := range sites {
		if s.command == "" {
			return ""
		}
	}
	return sites[0].command
}

// mailOnly reports a template that every place rendering it renders to a
// string in a function that sends mail and answers no request, when no
// template includes or extends it.
func mailOnly(p *project.Project, f *project.File) bool {
	sites := renderSites(p)[f.Path]
	if len(sites) == 0 || includers(p)[f.Path] != nil || tplsrc.Children(p)[f.Path] != nil {
		return false
	}
	for _, s := range sites {
		if !s.mail {
			return false
		}
	}
	return true
}

// pdfOnly returns the PDF library that every place rendering template f
// hands its output to (xhtml2pdf, WeasyPrint), when no template includes
// or extends it; "" otherwise.
func pdfOnly(p *project.Project, f *project.File) string {
	sites := renderSites(p)[f.Path]
	if len(sites) == 0 || includers(p)[f.Path] != nil || tplsrc.Children(p)[f.Path] != nil {
		return ""
	}
	for _, s := range sites {
		if s.pdf == "" {
			return ""
		}
	}
	return sites[0].pdf
}

// unusedTemplate returns the name of template f when nothing uses it,
// "" when something may. A template that only unused templates include,
// extend or name is unused too: a theme's leftovers often include each
// other.
func unusedTemplate(p *project.Project, f *project.File) string {
	if !(&deadWalk{p: p, visiting: map[string]bool{}, known: map[string]bool{}}).dead(f) {
		return ""
	}
	return templateName(p, f)
}

// usedByTemplates reports whether other templates include, extend or
// name template f.
func usedByTemplates(p *project.Project, f *project.File) bool {
	if includers(p)[f.Path] != nil || tplsrc.Children(p)[f.Path] != nil {
		return true
	}
	for _, by := range templateMentions(p).tokens[path.Base(templateName(p, f))] {
		if by != f.Path {
			return true
		}
	}
	return false
}

// maxDeadDepth bounds how far deadTemplate follows includers and
// templates that extend one another.
const maxDeadDepth = 12

// deadWalk decides whether templates are dead: nothing that may run uses
// them. No code renders such a template and no name of it is known to
// Django or a library, and every template that includes, extends or names
// it is itself dead. visiting holds the templates being decided: one met
// again (templates that include each other), or a chain deeper than
// maxDeadDepth, counts as used. known holds what the walk decided, so
// that a template many others include is decided once.
type deadWalk struct {
	p        *project.Project
	visiting map[string]bool
	known    map[string]bool
}

func (w *deadWalk) dead(f *project.File) bool {
	if d, ok := w.known[f.Path]; ok {
		return d
	}
	if w.visiting[f.Path] || len(w.visiting) > maxDeadDepth {
		return false
	}
	w.visiting[f.Path] = true
	d := w.decide(f)
	delete(w.visiting, f.Path)
	w.known[f.Path] = d
	return d
}

func (w *deadWalk) decide(f *project.File) bool {
	p := w.p
	name := templateName(p, f)
	if name == "" || renderedLive(p, f) || !unnamed(p, f, name) {
		return false
	}
	for _, in := range includers(p)[f.Path] {
		if !w.dead(in.from) {
			return false
		}
	}
	for _, c := range tplsrc.Children(p)[f.Path] {
		if !w.dead(c) {
			return false
		}
	}
	for _, by := range templateMentions(p).tokens[path.Base(name)] {
		if by == f.Path || tagModule(p, f, by) {
			continue
		}
		g := p.File(by)
		if g == nil || !tplsrc.IsTemplate(p, g) || !w.dead(g) {
			return false // named by code, configuration or a live template
		}
	}
	return true
}

// renderedLive reports whether code renders template f where it may
// run: any render site but an inclusion tag that no template calls.
func renderedLive(p *project.Project, f *project.File) bool {
	for _, s := range renderSites(p)[f.Path] {
		if s.tag == "" || calledTags(p)[s.tag] {
			return true
		}
	}
	return false
}

// uncalledTag returns the name of the inclusion tag that renders
// template f, when the only code that renders it is inclusion tags that
// no template calls; "" otherwise.
func uncalledTag(p *project.Project, f *project.File) string {
	sites := renderSites(p)[f.Path]
	if len(sites) == 0 || renderedLive(p, f) {
		return ""
	}
	return sites[0].tag
}

// tagModule reports whether the file at by names template f only as the
// template of inclusion tags no template calls: the module that
// registers them (@register.inclusion_tag("partials/benefits.html")).
func tagModule(p *project.Project, f *project.File, by string) bool {
	return uncalledTag(p, f) != "" && strings.Contains(by, "templatetags/")
}

// calledTags returns the names of the tags the project's templates call
// ({% benefits %}, {% jobs user %}), and those the Python code outside
// its tests writes in a template it builds from a string, read once per
// scan.
func calledTags(p *project.Project) map[string]bool {
	return p.Memo("rules/templates.calledTags", func() any {
		out := map[string]bool{}
		var buf []byte
		for _, f := range p.Files {
			kind := f.NameKind()
			if kind&(project.Python|project.Template) == 0 || kind&project.Python != 0 && testModule(f.Path) {
				continue // a test that renders the tag from a string calls it for no page
			}
			data, err := f.Peek(&buf)
			if err != nil {
				continue
			}
			for i := bytes.Index(data, []byte("{%")); i >= 0; {
				rest := bytes.TrimLeft(data[i+2:], "- \t")
				end := bytes.IndexFunc(rest, func(r rune) bool { return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_') })
				if end > 0 {
					out[string(rest[:end])] = true
				}
				j := bytes.Index(data[i+2:], []byte("{%"))
				if j < 0 {
					break
				}
				i += 2 + j
			}
		}
		return out
	}).(map[string]bool)
}

// unnamed reports whether nothing names template f (loaded as name) in a
// way djsec cannot follow: by a convention of Django or a library, a name
// the code computes, or a word it completes.
func unnamed(p *project.Project, f *project.File, name string) bool {
	base := path.Base(name)
	stem := strings.TrimSuffix(base, path.Ext(base))
	first, _, nested := strings.Cut(name, "/")
	switch {
	case conventionSuffix(stem) && strings.Count(name, "/") == 1, errorPage(stem):
		// the generic views load app_label/model_form.html: a folder
		// below the app's (analysis/includes/analysis_form.html) is no
		// name they build
		return false
	case nested && (overrideDirs(p)[first] || !ownedNamespaces(p)[first]):
		// templates/admin/base_site.html, graphene/graphiql.html: an
		// installed app's template, replaced; the app renders it. A
		// folder is the project's own when its code uses another
		// template in it.
		return false
	}
	m := templateMentions(p)
	for _, seg := range strings.Split(name, "/") {
		if overrideDirs(p)[seg] || m.libraries[seg] {
			return false // records/edx_ace/.../body.html: a library's convention
		}
	}
	if m.derived(stem) {
		return false
	}
	for _, d := range m.dynamic {
		if strings.HasPrefix(name, d.prefix) && strings.HasSuffix(name, d.suffix) {
			return false // "misago/%s.html" % kind
		}
	}
	// "scope": "jobs_list" in a theme's configuration, a name made from it
	return !m.words[stem]
}

// templateName returns the name Django loads f by: its path under the
// template folder that holds it, "" when none does.
func templateName(p *project.Project, f *project.File) string {
	best := ""
	for _, d := range tplsrc.Dirs(p) {
		if rel, ok := strings.CutPrefix(f.Path, d+"/"); ok && (best == "" || len(rel) < len(best)) {
			best = rel
		}
	}
	return best
}

// conventionSuffix reports the stems of the names Django's generic views
// build from a model (motion_detail, motion_confirm_delete), which no
// code spells out. The model's part is its model_name, the class name in
// lower case: _key_value_form, a partial, and name_desc_form are not
// such names.
func conventionSuffix(stem string) bool {
	for _, s := range []string{"_detail", "_list", "_form", "_confirm_delete", "_archive", "_archive_year",
		"_archive_month", "_archive_week", "_archive_day", "_archive_today", "_filter", "_table"} {
		if model, ok := strings.CutSuffix(stem, s); ok && model != "" && !strings.Contains(model, "_") {
			return true
		}
	}
	return false
}

// errorPage reports the templates Django, or a middleware, renders by
// their names alone: 404.html, 503.html, 403_csrf.html.
func errorPage(stem string) bool {
	switch stem {
	case "403_csrf", "csrf_failure", "base", "base_site", "maintenance":
		return true
	}
	return len(stem) == 3 && strings.Trim(stem, "0123456789") == ""
}

// ownedNamespaces are the first folders of the names of the templates
// the project's code renders, includes or extends (shop in
// shop/product.html), and the names of the project's own apps.
func ownedNamespaces(p *project.Project) map[string]bool {
	return p.Memo("rules/templates.ownedNamespaces", func() any {
		out := map[string]bool{}
		add := func(path string) {
			if f := p.File(path); f != nil {
				if first, _, nested := strings.Cut(templateName(p, f), "/"); nested {
					out[first] = true
				}
			}
		}
		for path := range renderSites(p) {
			add(path)
		}
		for path := range includers(p) {
			add(path)
		}
		for path := range tplsrc.Children(p) {
			add(path)
		}
		// the project's own apps: a package with models or an app
		// config (electionleaflets/apps/analysis/models.py owns
		// templates/analysis/)
		for _, f := range p.Files {
			if b := path.Base(f.Path); b == "apps.py" || b == "models.py" {
				out[path.Base(path.Dir(f.Path))] = true
			}
		}
		return out
	}).(map[string]bool)
}

// overrideDirs are the folders under which a project's templates replace
// those of Django or an installed app: the labels of the apps that
// INSTALLED_APPS lists and the project does not hold, and Django's own.
func overrideDirs(p *project.Project) map[string]bool {
	return p.Memo("rules/templates.overrideDirs", func() any {
		out := map[string]bool{"admin": true, "registration": true, "django": true, "rest_framework": true,
			"account": true, "socialaccount": true, "flatpages": true}
		for _, e := range settings.Load(p).Production() {
			apps, _ := e.Value("INSTALLED_APPS").Strings()
			for _, app := range apps {
				parts := strings.Split(app, ".")
				if i := slices.Index(parts, "apps"); i > 0 {
					parts = parts[:i] // shop.apps.ShopConfig
				}
				if len(parts) == 0 || holdsPackage(p, strings.Join(parts, "/")) {
					continue // the project's own app
				}
				last := parts[len(parts)-1]
				out[last] = true
				out[parts[0]+last] = true // wagtail.admin: wagtailadmin/
			}
		}
		return out
	}).(map[string]bool)
}

// holdsPackage reports whether the project holds the package at dir
// (apps/analysis for apps.analysis), at the root or under a source folder
// that the server puts on the path (electionleaflets/apps/analysis).
func holdsPackage(p *project.Project, dir string) bool {
	if p.File(dir+"/__init__.py") != nil {
		return true
	}
	suffix := "/" + dir + "/__init__.py"
	for _, f := range p.Files {
		if strings.HasSuffix(f.Path, suffix) {
			return true
		}
	}
	return false
}

// mentions is what the project's files say of template names: every
// name-like token that ends in a template extension (with the files that
// hold it, up to maxNamers; one "" stands for more), and the class names
// of its Python code in lower and snake case.
type mentions struct {
	tokens  map[string][]string
	classes map[string]bool
	// words are the quoted strings of names with a "_" or "-" in them
	// ("jobs_list_title_location"): a template's name without its
	// extension, which code completes.
	words map[string]bool
	// dynamic are the names the code computes: the literal text before
	// the first placeholder and after the last ("misago/", ".html").
	dynamic []dynamicName
	// libraries are the packages the project's code imports and does not
	// hold (edx_ace): a folder of a template's name named for one is the
	// library's convention, which the library renders.
	libraries map[string]bool
}

type dynamicName struct{ prefix, suffix string }

// derived reports a stem that is a class name in lower case or snake
// case, what Wagtail names a page model's template (HomePage:
// home_page.html), or, in a project that uses smartmin or MapEntity, one
// that a class name begins: they build names from a model and any action
// (Campaign: campaign_delete.html, ContactImport:
// contactimport_preview.html, Trek: trek_detail_attributes.html).
func (m *mentions) derived(stem string) bool {
	if m.classes[stem] {
		return true
	}
	if !m.libraries["smartmin"] && !m.libraries["mapentity"] {
		// a model's name and an action only where a CRUD library
		// builds such names from any action it is given; project_main
		// beside a Project model is no such name elsewhere
		return false
	}
	for i := 1; i < len(stem); i++ {
		if stem[i] == '_' && m.classes[stem[:i]] {
			return true
		}
	}
	return false
}

// templateMentions reads the project's Python files, templates and
// configuration once per scan.
func templateMentions(p *project.Project) *mentions {
	return p.Memo("rules/templates.mentions", func() any {
		m := &mentions{tokens: map[string][]string{}, classes: map[string]bool{}, words: map[string]bool{}, libraries: map[string]bool{}}
		imported, held := map[string]bool{}, map[string]bool{}
		var buf []byte
		for _, f := range p.Files {
			kind := f.NameKind()
			ext := strings.ToLower(path.Ext(f.Path))
			if kind&(project.Python|project.Template) == 0 && ext != ".yml" && ext != ".yaml" && ext != ".json" && ext != ".toml" {
				continue
			}
			data, err := f.Peek(&buf)
			if err != nil {
				continue
			}
			if kind&project.Template != 0 {
				// {# {% include "x.html" %} #}: an include taken out
				data = blankComments(data)
			}
			eachTemplateToken(data, func(tok string, dyn *dynamicName) {
				if dyn != nil {
					m.dynamic = append(m.dynamic, *dyn)
				}
				m.tokens[tok] = addNamer(m.tokens[tok], f.Path)
			})
			eachQuotedWord(data, func(w string) { m.words[w] = true })
			if kind&project.Python != 0 {
				eachClassName(data, func(name string) {
					m.classes[snakeCase(name)] = true
					m.classes[strings.ToLower(name)] = true
				})
				eachImport(data, func(pkg string) { imported[pkg] = true })
			}
			if path.Base(f.Path) == "__init__.py" {
				held[path.Base(path.Dir(f.Path))] = true
			}
		}
		for pkg := range imported {
			if !held[pkg] {
				m.libraries[pkg] = true
			}
		}
		return m
	}).(*mentions)
}

// blankComments returns data with the text of its template comments ({#
// ... #} and {% comment %} ... {% endcomment %}) replaced by spaces: what
// a comment names is not used. data itself is left as it is; it is
// copied only when it holds a comment.
func blankComments(data []byte) []byte {
	if !bytes.Contains(data, []byte("{#")) && !bytes.Contains(data, []byte("comment")) {
		return data
	}
	out := bytes.Clone(data)
	blank := func(from, to int) {
		for i := from; i < to; i++ {
			if out[i] != '\n' {
				out[i] = ' '
			}
		}
	}
	for i := 0; i < len(out); {
		j := bytes.Index(out[i:], []byte("{#"))
		if j < 0 {
			break
		}
		start := i + j
		end := bytes.Index(out[start:], []byte("#}"))
		if end < 0 {
			break
		}
		blank(start, start+end+2)
		i = start + end + 2
	}
	for i := 0; i < len(out); {
		start, end := commentBlock(out[i:])
		if start < 0 {
			break
		}
		blank(i+start, i+end)
		i += end
	}
	return out
}

// commentRE matches a {% comment %} tag, with or without a note, and
// endCommentRE its {% endcomment %}.
var (
	commentRE    = lazyre.New(`\{%-?\s*comment\b[^%]*%\}`)
	endCommentRE = lazyre.New(`\{%-?\s*endcomment\s*-?%\}`)
)

// commentBlock returns where the first {% comment %} block of data starts
// and ends, -1 when there is none or it is not closed.
func commentBlock(data []byte) (int, int) {
	open := commentRE().FindIndex(data)
	if open == nil {
		return -1, -1
	}
	closing := endCommentRE().FindIndex(data[open[1]:])
	if closing == nil {
		return -1, -1
	}
	return open[0], open[1] + closing[1]
}

// maxNamers bounds the files mentions keeps for one name: a name that
// more files hold is a common one (base.html, index.html).
const maxNamers = 8

// addNamer adds path to the files that name a template, once.
func addNamer(by []string, path string) []string {
	switch {
	case slices.Contains(by, path), len(by) == 1 && by[0] == "":
		return by
	case len(by) == maxNamers:
		return []string{""}
	}
	return append(by, path)
}

// templateExts are the extensions of template names.
var templateExts = []string{".html", ".htm", ".txt", ".xml", ".jinja", ".jinja2", ".j2", ".tpl"}

// eachTemplateToken calls fn with each run of name characters (letters,
// digits, "_", "-", ".") in data that ends in a template extension
// followed by a character that is not one of them. When a placeholder
// comes before the run ("misago/%s.html", f"{app}/{name}_list.html"), fn
// also gets the computed name's literal prefix and suffix.
func eachTemplateToken(data []byte, fn func(string, *dynamicName)) {
	for i := 0; i < len(data); {
		j := bytes.IndexByte(data[i:], '.')
		if j < 0 {
			return
		}
		dot := i + j
		i = dot + 1
		for _, ext := range templateExts {
			end := dot + len(ext)
			if end > len(data) || !strings.EqualFold(string(data[dot:end]), ext) || end < len(data) && nameByte(data[end]) {
				continue
			}
			start := dot
			for start > 0 && nameByte(data[start-1]) {
				start--
			}
			tok := string(data[start:end])
			var dyn *dynamicName
			switch {
			case start > 0 && data[start-1] == '%' && start < dot:
				// %s.html: the conversion letter is no part of the name
				tok = tok[1:]
				dyn = &dynamicName{prefix: literalPrefix(data, start-1), suffix: tok}
			case start > 0 && data[start-1] == '}':
				dyn = &dynamicName{prefix: literalPrefix(data, start-1), suffix: tok}
			case start > 1 && (data[start-1] == '"' || data[start-1] == '\'') && concatenated(data, start-1):
				// name + ".html": nothing of the name is literal here
				dyn = &dynamicName{suffix: tok}
			}
			fn(tok, dyn)
			break
		}
	}
}

func nameByte(c byte) bool {
	return c == '_' || c == '-' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// concatenated reports whether the string literal opening at quote is
// the right operand of a +.
func concatenated(data []byte, quote int) bool {
	i := quote - 1
	for i >= 0 && (data[i] == ' ' || data[i] == '\t') {
		i--
	}
	return i >= 0 && data[i] == '+'
}

// literalPrefix returns the text of the string literal that holds
// position i from its opening quote to its first placeholder ({ or %):
// "misago/" in "misago/%s.html". It stops at a line break.
func literalPrefix(data []byte, i int) string {
	start := i
	for start > 0 && data[start-1] != '"' && data[start-1] != '\'' && data[start-1] != '\n' {
		start--
	}
	lit := data[start:i]
	if k := bytes.IndexAny(lit, "{%"); k >= 0 {
		lit = lit[:k]
	}
	return string(lit)
}

// eachQuotedWord calls fn with each quoted string of data that is a
// name of 4 to 64 letters, digits, "_" and "-" with a "_" or "-" in it.
func eachQuotedWord(data []byte, fn func(string)) {
	for i := 0; i < len(data); i++ {
		q := data[i]
		if q != '"' && q != '\'' {
			continue
		}
		j := i + 1
		sep := false
		for j < len(data) && j-i <= 65 && nameByte(data[j]) && data[j] != '.' {
			sep = sep || data[j] == '_' || data[j] == '-'
			j++
		}
		if j < len(data) && data[j] == q && sep && j-i-1 >= 4 && j-i-1 <= 64 {
			fn(string(data[i+1 : j]))
			i = j
		}
	}
}

// eachImport calls fn with the top-level package of every import
// statement that starts a line of data: edx_ace for "from edx_ace.message
// import Message" and "import edx_ace".
func eachImport(data []byte, fn func(string)) {
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		rest, ok := bytes.CutPrefix(line, []byte("from "))
		if !ok {
			rest, ok = bytes.CutPrefix(line, []byte("import "))
		}
		if !ok {
			continue
		}
		rest = bytes.TrimLeft(rest, " ")
		n := 0
		for n < len(rest) && (rest[n] == '_' || rest[n] >= 'a' && rest[n] <= 'z' || rest[n] >= 'A' && rest[n] <= 'Z' || n > 0 && rest[n] >= '0' && rest[n] <= '9') {
			n++
		}
		if n > 0 {
			fn(string(rest[:n]))
		}
	}
}

// eachClassName calls fn with the name of every class statement in data.
func eachClassName(data []byte, fn func(string)) {
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("class "))
		if j < 0 {
			return
		}
		k := i + j + len("class ")
		if i+j == 0 || data[i+j-1] == '\n' || data[i+j-1] == ' ' || data[i+j-1] == '\t' {
			e := k
			for e < len(data) && (data[e] == '_' || data[e] >= '0' && data[e] <= '9' || data[e] >= 'a' && data[e] <= 'z' || data[e] >= 'A' && data[e] <= 'Z') {
				e++
			}
			if e > k {
				fn(string(data[k:e]))
			}
		}
		i = k
	}
}

// snakeCase turns HomePage into home_page, as Wagtail and django CMS name
// a page model's template.
func snakeCase(name string) string {
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
