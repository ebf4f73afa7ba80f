package templates

import (
	"bytes"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/djtemplate"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/pysrc"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/settings"
	"github.com/djsec/djsec/internal/tplsrc"
)

// renderSite is one place in the project's Python code that renders a
// template named by a literal: render(request, "shop/product.html", ctx),
// render_to_string("emails/alert.html", ctx), a class-based view's
// template_name, or a project helper called with the name.
type renderSite struct {
	// response says the output goes back to the browser as the page:
	// render(), TemplateResponse, template_name. render_to_string and
	// helpers hand the text to code (a JSON payload, an SMS, a mail body).
	response bool
	// vars holds each context key the call sets and whether its value
	// cannot carry markup from outside (a literal, the project's
	// settings, format_html or escape of them, a reversed URL); nil when
	// the context is not known.
	vars map[string]bool
	// partial says vars holds only the keys a class-based view's
	// get_context_data sets; its base classes set others.
	partial bool
	// open says the context spreads a mapping djsec does not follow
	// before its own keys ({**filters, "page": page}): vars holds the
	// keys it writes out, which win over the mapping's; any other key
	// may be the mapping's, with any value.
	open bool
	// djangoBases says the keys a class-based view's Django bases set
	// (genericKeys, its model's, what the URL captures) come on top of
	// vars, which lists all the others (closedClassContext).
	djangoBases bool
	// command is the path of the management command that renders the
	// template, when it sends no mail: its output goes to a file or the
	// console (documentation, generated code), not to a browser.
	command string
	// pdf names the PDF library the function that renders the template
	// hands HTML to (xhtml2pdf, WeasyPrint): a function that does renders
	// documents, not pages.
	pdf string
	// mail says the function that renders the template (to a string)
	// sends mail and answers no request with it: the output is a mail's
	// body, which a mail client shows without running scripts.
	mail bool
	// plugin is the model (in lower case) of the django CMS plugin whose
	// render_template the template is: its context's instance is a row
	// of that model.
	plugin string
	// tag is the name of the inclusion tag whose template this is
	// ({% jobs %} for @register.inclusion_tag("partials/jobs.html")
	// def jobs(): ...): the template renders only where a template
	// calls the tag.
	tag string
}

// viewIndex is what the project's code says about its templates.
type viewIndex struct {
	sites map[string][]renderSite // by template path
	// unsafeKeys are context keys that some get_context_data sets to a
	// value that may carry markup: a subclass without its own
	// template_name may set them for a base's template.
	unsafeKeys map[string]bool
	// classKeys are the context keys a class-based view of the project
	// may set for a subclass: every key of a get_context_data or
	// extra_context, every context_object_name, and the model of a
	// view in lower case, with "_list" (a DetailView of Motion sets
	// "motion", a ListView "motion_list").
	classKeys map[string]bool
	// objectKeys are the classKeys that hold the rows a view serves: its
	// context_object_name and its model's names.
	objectKeys map[string]bool
}

func newViewIndex() *viewIndex {
	return &viewIndex{sites: map[string][]renderSite{}, unsafeKeys: map[string]bool{}, classKeys: map[string]bool{},
		objectKeys: map[string]bool{}}
}

// genericKeys are the context keys Django's generic and auth views set
// themselves, whatever the project's code says.
var genericKeys = map[string]bool{
	"object": true, "object_list": true, "form": true, "formset": true, "view": true,
	"page_obj": true, "paginator": true, "is_paginated": true, "wizard": true,
	"date_list": true, "year": true, "month": true, "day": true, "week": true,
	"next_day": true, "previous_day": true, "next_week": true, "previous_week": true,
	"next_month": true, "previous_month": true, "next_year": true, "previous_year": true,
	"title": true, "subtitle": true, "site": true, "site_name": true, "next": true,
	"redirect_field_name": true, "user": true, "email": true, "domain": true, "protocol": true,
	"uid": true, "token": true, "validlink": true,
}

// modelName returns the lower-case name of the model a view's model or
// queryset attribute names: Motion, models.Motion, or
// Motion.objects.filter(...).
func modelName(e python.Expr) string {
	for {
		switch x := e.(type) {
		case *python.Call:
			e = x.Func
			continue
		case *python.Attribute:
			if x.Attr == "objects" || x.Attr == "_default_manager" {
				e = x.Value
				if a, ok := e.(*python.Attribute); ok {
					return strings.ToLower(a.Attr)
				}
				continue
			}
			if _, ok := x.Value.(*python.Call); ok {
				e = x.Value
				continue
			}
			if _, ok := x.Value.(*python.Attribute); ok {
				e = x.Value
				continue
			}
			return strings.ToLower(x.Attr)
		case *python.Name:
			return strings.ToLower(x.ID)
		}
		return ""
	}
}

// derivesFromPage reports a class with a base named for a page (Page,
// wagtail.models.Page, BasePage), directly or through classes of its own
// module (class HomePage(VideoPlayerConfigMixin), with
// class VideoPlayerConfigMixin(Page)).
func derivesFromPage(m *python.Module, c *python.ClassDef, depth int) bool {
	for _, b := range c.Bases {
		name, ok := python.DottedName(b)
		if !ok {
			continue
		}
		last := name[strings.LastIndexByte(name, '.')+1:]
		if strings.HasSuffix(last, "Page") {
			return true
		}
		if depth < 4 && m != nil && last == name {
			for _, st := range m.Body {
				if bc, ok := st.(*python.ClassDef); ok && bc.Name == name && bc != c && derivesFromPage(m, bc, depth+1) {
					return true
				}
			}
		}
	}
	return false
}

// wagtailPageTemplate returns the template a Wagtail page model renders:
// its template attribute, else Wagtail's default, the app's folder and the
// class name in snake case (cms/models.py's BenefitsPage renders
// cms/benefits_page.html); "" for a class that derives from no page.
func wagtailPageTemplate(modPath string, m *python.Module, c *python.ClassDef, template string) string {
	if !derivesFromPage(m, c, 0) {
		return ""
	}
	if template != "" {
		return template
	}
	dir := path.Dir(modPath)
	if path.Base(modPath) != "models.py" {
		if path.Base(dir) != "models" {
			return ""
		}
		dir = path.Dir(dir) // a models package
	}
	if dir == "." {
		return ""
	}
	return path.Base(dir) + "/" + snakeCase(c.Name) + ".html"
}

// setByBases reports whether a class-based view that does not set key
// itself may still get it from a base class: a class of the project sets
// it somewhere, or Django's views set it. A key no code sets is empty,
// as an optional argument of an included component is when the page
// that includes it leaves it out.
func (vi *viewIndex) setByBases(key string) bool {
	return vi.classKeys[key] || genericKeys[key]
}

// safeFromBases reports a key that only the project's get_context_data
// and extra_context set, each to a safe value: a view that inherits it
// from one of them gets a safe value, or none.
func (vi *viewIndex) safeFromBases(key string) bool {
	return vi.classKeys[key] && !vi.unsafeKeys[key] && !vi.objectKeys[key] && !genericKeys[key]
}

// renderFuncs are the functions that render a template by name, with the
// positions of the name and the context.
var renderFuncs = map[string]struct {
	name, ctx int
	response  bool
}{
	"render":                 {1, 2, true},
	"render_to_response":     {0, 1, true},
	"TemplateResponse":       {1, 2, true},
	"SimpleTemplateResponse": {0, 1, true},
	"render_to_string":       {0, 1, false},
	"get_template":           {0, -1, true}, // what its .render() feeds is not followed
	"select_template":        {0, -1, true},
	// django-easy-pdf's, which render the template into a PDF
	"render_to_pdf_response": {1, 2, true},
	"render_to_pdf":          {0, 1, false},
}

// templateNameExts are the extensions of names that code passes to a
// renderer.
var templateNameExts = map[string]bool{".html": true, ".htm": true, ".txt": true, ".xml": true, ".md": true}

// renderSites maps each template file's path to the places in the
// project's code (tests left out) that render it by name.
func renderSites(p *project.Project) map[string][]renderSite { return views(p).sites }

// libraryMailSites returns the templates that libraries render into
// e-mails with a context they make, by template name: the verification
// mails of django-rest-registration, which the project names in
// REST_REGISTRATION's *_EMAIL_TEMPLATES ({"html_body":
// "accounts/register/body.html"}) and renders with the user, the
// address and verification_url, the URL of the settings with the signed
// data percent-encoded after it (unless a VERIFICATION_URL_BUILDER of the
// project builds it).
func libraryMailSites(p *project.Project) map[string]renderSite {
	out := map[string]renderSite{}
	for _, e := range settings.Load(p).Production() {
		rr := e.Value("REST_REGISTRATION")
		if rr == nil || rr.Kind != settings.Dict {
			continue
		}
		vars := map[string]bool{"user": false, "email": false, "verification_url": rr.Get("VERIFICATION_URL_BUILDER") == nil}
		for i, k := range rr.Keys {
			if k.Kind != settings.Str || !strings.HasSuffix(k.S, "_EMAIL_TEMPLATES") || rr.Elems[i].Kind != settings.Dict {
				continue
			}
			for _, t := range rr.Elems[i].Elems {
				if t.Kind == settings.Str {
					out[t.S] = renderSite{vars: vars, partial: true}
				}
			}
		}
	}
	return out
}

// views indexes the project's code (tests left out) once per scan.
func views(p *project.Project) *viewIndex {
	return p.Memo("rules/templates.views", func() any {
		// The per-file template rules wait for this index: the files are
		// read, parsed and their sites collected on every CPU the scan
		// may use, and the sites put together in path order.
		files := p.Named(project.Python)
		parts := make([]*viewIndex, len(files))
		eachParsed(files, mentionsTemplate, func(i int, f *project.File, m *python.Module) {
			parts[i] = newViewIndex()
			collectSites(p, f, m, parts[i])
			if quietCommand(f) {
				for path, sites := range parts[i].sites {
					for j := range sites {
						sites[j].command = f.Path
					}
					parts[i].sites[path] = sites
				}
			}
		})
		out := newViewIndex()
		for _, part := range parts {
			if part == nil {
				continue
			}
			for path, sites := range part.sites {
				out.sites[path] = append(out.sites[path], sites...)
			}
			for k := range part.unsafeKeys {
				out.unsafeKeys[k] = true
			}
			for k := range part.classKeys {
				out.classKeys[k] = true
			}
			for k := range part.objectKeys {
				out.objectKeys[k] = true
			}
		}
		mails := libraryMailSites(p)
		for _, name := range slices.Sorted(maps.Keys(mails)) {
			if tf := tplsrc.Resolve(p, nil, name); tf != nil {
				out.sites[tf.Path] = append(out.sites[tf.Path], mails[name])
			}
		}
		return out
	}).(*viewIndex)
}

// quietCommand reports a management command that sends no mail: what it
// renders goes to a file or the console.
func quietCommand(f *project.File) bool {
	if !strings.Contains("/"+f.Path, "/management/commands/") {
		return false
	}
	data, err := f.Content()
	if err != nil {
		return false
	}
	return !sendsMail().Match(data)
}

// sendsMail matches code that sends mail: Django's functions and classes,
// and the project's helpers named for it (send_html_email, mail_users).
var sendsMail = lazyre.New(`(?i)send\w*mail|mail\w*(send|users|admins|managers)|EmailMessage|EmailMultiAlternatives|\.send\(|notify`)

// eachParsed calls fn with the tree of each Python file of files outside
// tests whose content keep accepts, on every CPU the scan may use; fn gets
// the file's index in files. A panic on a worker is raised again on the
// caller's goroutine, whose rule driver reports it.
func eachParsed(files []*project.File, keep func([]byte) bool, fn func(i int, f *project.File, m *python.Module)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failed any
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					mu.Lock()
					if failed == nil {
						failed = r
					}
					mu.Unlock()
				}
			}()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(files) {
					return
				}
				f := files[i]
				if analysis.TestPath(f.Path) || f.Kind()&project.Python == 0 {
					continue
				}
				if data, err := f.Content(); err == nil && keep(data) {
					if m, _ := pysrc.Parse(f); m != nil {
						fn(i, f, m)
					}
				}
			}
		}()
	}
	wg.Wait()
	if failed != nil {
		panic(failed)
	}
}

// mentionsTemplate is a cheap test that a Python file may name a template.
// It looks for .html, .htm, .txt or .xml before a closing quote, in one
// pass over the file, or for a Wagtail page's get_context, whose page
// renders the template its class name gives by convention.
func mentionsTemplate(data []byte) bool {
	if bytes.Contains(data, []byte("def get_context(self, request")) {
		return true
	}
	for i := bytes.IndexByte(data, '.'); i >= 0; {
		rest := data[i+1:]
		for _, ext := range [...]string{"html", "htm", "txt", "xml"} {
			if len(rest) > len(ext) && string(rest[:len(ext)]) == ext && (rest[len(ext)] == '"' || rest[len(ext)] == '\'') {
				return true
			}
		}
		j := bytes.IndexByte(rest, '.')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func collectSites(p *project.Project, f *project.File, m *python.Module, idx *viewIndex) {
	mod := &pymod{Module: m, p: p} // the values it sets, judged across the project's modules
	var res *python.Resolver
	resolver := func() *python.Resolver {
		if res == nil {
			res = python.NewResolver(m, "", python.FirstImportWins)
		}
		return res
	}
	add := func(name string, s renderSite) {
		if tf := tplsrc.Resolve(p, f, name); tf != nil {
			idx.sites[tf.Path] = append(idx.sites[tf.Path], s)
		}
	}
	// Views of this module that render the template a parameter names,
	// and the calls of functions with template names, which are sites of
	// those views when they call one.
	params := map[string]templateParam{}
	mailers := map[*python.FunctionDef]bool{} // mailOnlySender, by function
	mails := func(fn *python.FunctionDef) bool {
		if fn == nil {
			return false
		}
		v, ok := mailers[fn]
		if !ok {
			v = mailOnlySender(fn)
			mailers[fn] = v
		}
		return v
	}
	var calls []*python.Call
	tags := map[*python.Call]bool{}       // inclusion_tag decorators whose function's context is known
	tagNames := map[*python.Call]string{} // and every decorator's tag, by its call
	defer func() {
		for _, c := range calls {
			if tags[c] {
				continue
			}
			fn := funcName(c.Func)
			if tp, ok := params[fn]; ok {
				if s, ok := strConst(tp.arg(c)); ok {
					add(s, tp.site)
				}
				continue
			}
			// A project helper: self.tmpl("sms_message.html", **ctx).
			// An inclusion tag's template is part of a page.
			response := fn == "inclusion_tag"
			for _, a := range c.Args {
				if s, ok := strConst(a); ok && templateNameExts[strings.ToLower(path.Ext(s))] {
					add(s, renderSite{response: response, tag: tagNames[c]})
				}
			}
		}
	}()
	python.InspectStack(m, func(n python.Node, stack []python.Node) bool {
		switch n := n.(type) {
		case *python.FunctionDef:
			// @register.inclusion_tag("partials/jobs.html"): the dicts the
			// function returns are the template's whole context
			for _, d := range n.DecoratorList {
				if c, ok := d.(*python.Call); ok && funcName(c.Func) == "inclusion_tag" {
					tagNames[c] = n.Name
					if s, ok := strConst(c.Arg(-1, "name")); ok {
						tagNames[c] = s
					}
				}
			}
			if dec, name, ok := inclusionTag(n); ok {
				if vars := inclusionContext(n, m); vars != nil {
					tags[dec] = true
					add(name, renderSite{response: true, vars: vars, tag: tagNames[dec]})
				}
			}
		case *python.ClassDef:
			// A class-based view: template_name and the keys its
			// get_context_data sets.
			var name, pluginTemplate, model, pageTemplate, objName string
			var gcd, gc *python.FunctionDef
			var extra python.Expr
			for _, st := range n.Body {
				switch st := st.(type) {
				case *python.Assign:
					for _, t := range st.Targets {
						if nm, ok := t.(*python.Name); ok {
							switch nm.ID {
							case "template_name":
								name, _ = strConst(st.Value)
							case "render_template": // a django CMS plugin's
								pluginTemplate, _ = strConst(st.Value)
							case "template": // a Wagtail page's
								pageTemplate, _ = strConst(st.Value)
							case "extra_context":
								extra = st.Value
							case "context_object_name":
								if s, ok := strConst(st.Value); ok {
									idx.classKeys[s], idx.objectKeys[s] = true, true
									objName = s
								}
							case "model", "queryset":
								if m := modelName(st.Value); m != "" {
									idx.classKeys[m], idx.classKeys[m+"_list"] = true, true
									idx.objectKeys[m], idx.objectKeys[m+"_list"] = true, true
									if nm.ID == "model" {
										model = m
									}
								}
							}
						}
					}
				case *python.FunctionDef:
					switch st.Name {
					case "get_context_data":
						gcd = st
					case "get_context":
						gc = st // a form widget's
					}
				}
			}
			if gcd == nil {
				gcd = gc
			}
			var vars map[string]bool
			if gcd != nil {
				vars = classContext(gcd, mod, classAttrs(p))
				for k, safe := range vars {
					idx.classKeys[k] = true
					if !safe {
						idx.unsafeKeys[k] = true
					}
				}
			}
			if extra != nil {
				// ContextMixin applies extra_context before the
				// subclass's get_context_data sets its keys.
				if vars == nil {
					vars = map[string]bool{}
				}
				for k, safe := range contextVars(extra, nil, mod, 0) {
					idx.classKeys[k] = true
					if !safe {
						idx.unsafeKeys[k] = true
					}
					if _, set := vars[k]; !set {
						vars[k] = safe
					}
				}
			}
			if name != "" {
				if vars == nil {
					// Every key comes from the base classes.
					vars = map[string]bool{}
				}
				closed := closedClassContext(n, gcd, resolver())
				if closed && objName != "" {
					vars[objName] = false // the rows the view serves
				}
				add(name, renderSite{response: true, vars: vars, partial: !closed, djangoBases: closed})
			}
			if page := wagtailPageTemplate(f.Path, m, n, pageTemplate); page != "" && (gc != nil || pageTemplate != "") {
				// Page.serve renders the page's template with the
				// context its get_context returns
				if vars == nil {
					vars = map[string]bool{}
				}
				add(page, renderSite{response: true, vars: vars, partial: true})
			}
			if pluginTemplate != "" && model != "" {
				// CMSPluginBase.render: the plugin's row as instance, in
				// a context its render() may add to
				add(pluginTemplate, renderSite{response: true, plugin: model})
			}
			return true
		case *python.Assign:
			if len(stack) > 0 {
				if _, inClass := stack[len(stack)-1].(*python.ClassDef); inClass {
					return true // handled with its class
				}
			}
			for _, t := range n.Targets {
				if nm, ok := t.(*python.Name); ok && nm.ID == "template_name" {
					if s, ok := strConst(n.Value); ok {
						add(s, renderSite{response: true})
					}
				}
			}
		case *python.Call:
			fn := funcName(n.Func)
			if spec, ok := renderFuncs[fn]; ok {
				name := n.Arg(spec.name, "template_name")
				site := renderSite{response: spec.response, pdf: pdfMaker(m, enclosingFunc(stack), resolver)}
				site.mail = !spec.response && mails(enclosingFunc(stack))
				if strings.HasPrefix(fn, "render_to_pdf") {
					site.pdf = "django-easy-pdf"
				}
				if spec.ctx >= 0 {
					if c := n.Arg(spec.ctx, "context"); c != nil {
						site.vars, site.open = openContextVars(c, enclosingFunc(stack), mod)
					} else {
						site.vars = map[string]bool{}
					}
				}
				if s, ok := strConst(name); ok {
					add(s, site)
				} else if tp, ok := newTemplateParam(enclosingFunc(stack), name, site); ok {
					// def map_view(request, template="map.html"): ...
					// render(request, template, data)
					params[tp.fn.Name] = tp
					if s, ok := strConst(tp.def); ok {
						add(s, site)
					}
				}
				return true
			}
			for _, kw := range n.Keywords {
				// path("about/", TemplateView.as_view(template_name="about.html"))
				if kw.Arg == "template_name" {
					if s, ok := strConst(kw.Value); ok {
						add(s, renderSite{response: true})
					}
				}
			}
			if templateCall(n) {
				calls = append(calls, n)
			}
		}
		return true
	})
}

// inclusionTag returns the inclusion_tag decorator of fn and the
// template it names, when it has one that names it as a literal
// (@register.inclusion_tag("partials/jobs.html")). Django renders that
// template with the dict fn returns alone (Context.new), also when
// takes_context=True hands fn the page's context: a return that passes the
// page's keys on (data = context.flatten(); ...; return data) is one whose
// keys inclusionContext cannot list.
func inclusionTag(fn *python.FunctionDef) (*python.Call, string, bool) {
	for _, d := range fn.DecoratorList {
		c, ok := d.(*python.Call)
		if !ok || funcName(c.Func) != "inclusion_tag" {
			continue
		}
		name, ok := strConst(c.Arg(0, "filename"))
		return c, name, ok
	}
	return nil, "", false
}

// inclusionContext returns the context an inclusion tag's function gives
// its template: the keys of the dicts it returns (returnedContext); nil
// when they cannot be listed or one spreads a mapping djsec does not
// follow.
func inclusionContext(fn *python.FunctionDef, m *python.Module) map[string]bool {
	vars := returnedContext(fn, &pymod{Module: m}, 0, nil)
	if _, open := vars[spreadKey]; open {
		return nil
	}
	return vars
}

// pdfLibraries are the calls that turn HTML into a PDF, by qualified name.
var pdfLibraries = map[string]string{
	"xhtml2pdf.pisa.CreatePDF": "xhtml2pdf", "xhtml2pdf.pisa.pisaDocument": "xhtml2pdf",
	"weasyprint.HTML": "WeasyPrint", "pdfkit.from_string": "pdfkit", "django_weasyprint.utils.django_url_fetcher": "WeasyPrint",
}

// pdfMaker returns the PDF library fn calls (pisa.CreatePDF(html, ...)),
// or "" when it calls none: the template it renders becomes a PDF. The
// module's imports are resolved only for a call named as one of them.
func pdfMaker(m *python.Module, fn *python.FunctionDef, res func() *python.Resolver) string {
	if fn == nil {
		return ""
	}
	lib := ""
	python.Inspect(fn, func(n python.Node) bool {
		c, ok := n.(*python.Call)
		if !ok || lib != "" {
			return lib == ""
		}
		switch funcName(c.Func) {
		case "CreatePDF", "pisaDocument", "HTML", "from_string":
			if q, ok := res().QualifiedName(c.Func); ok {
				lib = pdfLibraries[q]
			}
		}
		return lib == ""
	})
	return lib
}

// mailOnlySender reports a function that sends mail (send_mail,
// EmailMultiAlternatives, a project helper named send_..._email) and
// builds no HTTP response: what it renders becomes a mail's body.
func mailOnlySender(fn *python.FunctionDef) bool {
	sends, answers := false, false
	python.Inspect(fn, func(n python.Node) bool {
		c, ok := n.(*python.Call)
		if !ok {
			return true
		}
		name := funcName(c.Func)
		switch {
		case mailCalls().MatchString(name):
			sends = true
		case strings.HasSuffix(name, "Response") || name == "render" || name == "redirect":
			answers = true
		}
		return !answers
	})
	return sends && !answers
}

// mailCalls matches the calls that send mail: Django's functions and
// classes, and helpers named for it (send_html_email, mail_users).
var mailCalls = lazyre.New(`(?i)^(send\w*_?e?mails?|send_mass_mail|\w*mail_(admins|managers|users)|EmailMessage|EmailMultiAlternatives|attach_alternative)$`)

// templateCall reports whether a call passes a template's name (a string
// ending in .html, .txt, ...) as an argument.
func templateCall(c *python.Call) bool {
	for _, a := range c.Args {
		if s, ok := strConst(a); ok && templateNameExts[strings.ToLower(path.Ext(s))] {
			return true
		}
	}
	for _, k := range c.Keywords {
		if s, ok := strConst(k.Value); ok && templateNameExts[strings.ToLower(path.Ext(s))] {
			return true
		}
	}
	return false
}

// templateParam is a function that renders the template one of its
// parameters names, with the context it renders.
type templateParam struct {
	fn    *python.FunctionDef
	name  string
	index int         // position among the positional parameters; -1 for a keyword-only one
	def   python.Expr // the default, or nil
	site  renderSite
}

// newTemplateParam returns the parameter of fn that the template name
// expression x reads, when x is one that fn never assigns.
func newTemplateParam(fn *python.FunctionDef, x python.Expr, site renderSite) (templateParam, bool) {
	n, ok := x.(*python.Name)
	if !ok || fn == nil || fn.Args == nil || assigns(fn, n.ID) {
		return templateParam{}, false
	}
	a := fn.Args
	positional := append(slices.Clip(a.Posonlyargs), a.Args...)
	for i, arg := range positional {
		if arg.Arg == n.ID {
			tp := templateParam{fn: fn, name: n.ID, index: i, site: site}
			if j := i - (len(positional) - len(a.Defaults)); j >= 0 {
				tp.def = a.Defaults[j]
			}
			return tp, true
		}
	}
	for i, arg := range a.Kwonlyargs {
		if arg.Arg == n.ID {
			return templateParam{fn: fn, name: n.ID, index: -1, def: a.KwDefaults[i], site: site}, true
		}
	}
	return templateParam{}, false
}

// arg returns what a call of the function passes for the parameter, or
// its default.
func (tp templateParam) arg(c *python.Call) python.Expr {
	for _, k := range c.Keywords {
		if k.Arg == tp.name {
			return k.Value
		}
	}
	index := tp.index
	if _, method := c.Func.(*python.Attribute); method && len(tp.fn.Args.Args) > 0 && tp.fn.Args.Args[0].Arg == "self" {
		index-- // self.render_page(request, "x.html"): self is not among the arguments
	}
	if index >= 0 && index < len(c.Args) {
		if _, starred := c.Args[index].(*python.Starred); !starred {
			return c.Args[index]
		}
		return nil
	}
	return tp.def
}

// assigns reports whether fn binds the name anywhere in its body.
func assigns(fn *python.FunctionDef, id string) bool {
	for _, st := range fn.Body {
		if bindsIn(st, id) {
			return true
		}
	}
	return false
}

func funcName(x python.Expr) string {
	switch x := x.(type) {
	case *python.Name:
		return x.ID
	case *python.Attribute:
		return x.Attr
	}
	return ""
}

func strConst(x python.Expr) (string, bool) {
	c, ok := x.(*python.Constant)
	if !ok {
		return "", false
	}
	s, ok := c.Value.(string)
	return s, ok
}

func enclosingFunc(stack []python.Node) *python.FunctionDef {
	for i := len(stack) - 1; i >= 0; i-- {
		if fd, ok := stack[i].(*python.FunctionDef); ok {
			return fd
		}
	}
	return nil
}

// spreadKey stands, among the keys contextVarsIn returns, for a mapping
// spread into the context whose keys djsec does not follow: no template
// variable is named so.
const spreadKey = "**"

// openContextVars is contextVars for a context that may spread a mapping
// before the keys it writes out (see renderSite.open).
func openContextVars(x python.Expr, fn *python.FunctionDef, m *pymod) (vars map[string]bool, open bool) {
	vars = contextVarsIn(x, fn, m, 0, nil, nil)
	if _, open = vars[spreadKey]; open {
		delete(vars, spreadKey)
	}
	return vars, open
}

// maxValueDepth bounds how far names are followed back to their values.
const maxValueDepth = 12

// contextVars returns the keys a context expression sets and whether each
// value is safe (see renderSite.vars), or nil when the keys are not all
// known: a dict display, dict(k=v), or a local name assigned one and then
// filled with ctx["k"] = v and ctx.update(...).
func contextVars(x python.Expr, fn *python.FunctionDef, m *pymod, depth int) map[string]bool {
	vars := contextVarsIn(x, fn, m, depth, nil, nil)
	if _, open := vars[spreadKey]; open {
		return nil
	}
	return vars
}

// contextVarsIn is contextVars with the names whose assignments are being
// followed (resolving): ctx = ctx2 and ctx2 = ctx, written many times,
// would make the walk exponential in its depth; a name met again tells
// nothing.
//
// spreads, when not nil, has the dicts of calls spread into the context
// followed (see spreadMemo.call) and holds what each function returned: a
// context processor's, read once a scan; a view's spreads stay open.
func contextVarsIn(x python.Expr, fn *python.FunctionDef, m *pymod, depth int, resolving []string, spreads spreadMemo) map[string]bool {
	if depth > maxValueDepth {
		return nil
	}
	vars := map[string]bool{}
	set := func(k string, safe bool) {
		if old, ok := vars[k]; ok {
			safe = safe && old
		}
		vars[k] = safe
	}
	switch x := x.(type) {
	case *python.Dict:
		written := false
		for i, k := range x.Keys {
			if k == nil {
				// **site_context(request): the keys a function of the
				// module returns
				spread := spreads.call(x.Values[i], m, depth)
				_, open := spread[spreadKey]
				if spread != nil && (!open || !written) {
					for sk, safe := range spread {
						set(sk, safe)
					}
					continue
				}
			}
			if k == nil && !written {
				// {**filters, "page": page}: the keys written after it
				// are known, and win
				vars[spreadKey] = false
				continue
			}
			written = true
			ks, ok := strConst(k)
			if k == nil || !ok {
				return nil // **other after a key it may replace, or a computed key
			}
			set(ks, safeValue(x.Values[i], fn, m, depth+1))
		}
		return vars
	case *python.Call:
		if funcName(x.Func) != "dict" || len(x.Args) > 0 {
			return nil
		}
		for _, kw := range x.Keywords {
			if kw.Arg == "" {
				return nil
			}
			set(kw.Arg, safeValue(kw.Value, fn, m, depth+1))
		}
		return vars
	case *python.Name:
		if fn == nil || slices.Contains(resolving, x.ID) {
			return nil
		}
		resolving = append(slices.Clip(resolving), x.ID)
		found := false
		ok := true
		python.EachStmt(reaching(fn.Body, x), func(s python.Stmt) {
			switch s := s.(type) {
			case *python.Assign:
				for _, t := range s.Targets {
					switch t := t.(type) {
					case *python.Name:
						if t.ID == x.ID {
							v := contextVarsIn(s.Value, fn, m, depth+1, resolving, spreads)
							if v == nil {
								ok = false
							}
							for k, safe := range v {
								set(k, safe)
							}
							found = true
						}
					case *python.Tuple, *python.List:
						// ctx["a"], _ = ...: the key is set to a value
						// not followed, which may carry markup.
						python.Inspect(t, func(n python.Node) bool {
							if sub, isSub := n.(*python.Subscript); isSub {
								if nm, isName := sub.Value.(*python.Name); isName && nm.ID == x.ID {
									if k, isStr := strConst(sub.Slice); isStr {
										set(k, false)
									} else {
										ok = false
									}
								}
							}
							return true
						})
					case *python.Subscript:
						if nm, isName := t.Value.(*python.Name); isName && nm.ID == x.ID {
							k, isStr := strConst(t.Slice)
							if !isStr {
								ok = false
								continue
							}
							set(k, safeValue(s.Value, fn, m, depth+1))
						}
					}
				}
			case *python.ExprStmt:
				c, isCall := s.Value.(*python.Call)
				if !isCall {
					return
				}
				a, isAttr := c.Func.(*python.Attribute)
				if !isAttr {
					return
				}
				if nm, isName := a.Value.(*python.Name); isName && nm.ID == x.ID {
					if a.Attr != "update" || len(c.Args) > 1 {
						ok = false
						return
					}
					if len(c.Args) == 1 {
						v := contextVarsIn(c.Args[0], fn, m, depth+1, resolving, spreads)
						if v == nil {
							ok = false
						}
						for k, safe := range v {
							set(k, safe)
						}
					}
					for _, kw := range c.Keywords {
						if kw.Arg == "" {
							ok = false
							continue
						}
						set(kw.Arg, safeValue(kw.Value, fn, m, depth+1))
					}
				}
			}
		})
		if !found || !ok {
			return nil
		}
		return vars
	}
	return nil
}

// classContext returns the keys a get_context_data sets on the context it
// returns (context["k"] = v, context.update(k=v), return {"k": v, ...}) and whether each value is
// safe. What the base class's get_context_data sets is not among them. A
// value read from the view (self.tables_orientation) is safe when attrs
// says the project only ever assigns that attribute literals.
func classContext(fn *python.FunctionDef, m *pymod, attrs *literalAttrs) map[string]bool {
	vars := map[string]bool{}
	// A local set once and put in the context under many keys is judged
	// once: each judgement walks the whole function.
	names := map[string]bool{}
	value := func(e python.Expr) bool {
		if a, ok := e.(*python.Attribute); ok {
			if self, ok := a.Value.(*python.Name); ok && self.ID == "self" && attrs.literal(a.Attr) {
				return true
			}
		}
		n, ok := e.(*python.Name)
		if !ok {
			return safeValue(e, fn, m, 1)
		}
		if v, ok := names[n.ID]; ok {
			return v
		}
		v := safeValue(e, fn, m, 1)
		names[n.ID] = v
		return v
	}
	set := func(k string, safe bool) {
		if old, ok := vars[k]; ok {
			safe = safe && old
		}
		vars[k] = safe
	}
	python.EachStmt(fn.Body, func(s python.Stmt) {
		switch s := s.(type) {
		case *python.Return:
			// return {**super().get_context(request), "portal_id":
			// settings.PORTAL_ID}: the keys it writes out (a ** spread
			// brings the bases' keys, judged as theirs)
			if d, ok := s.Value.(*python.Dict); ok {
				for i, k := range d.Keys {
					if ks, ok := strConst(k); ok {
						set(ks, value(d.Values[i]))
					}
				}
			}
		case *python.Assign:
			for _, t := range s.Targets {
				if sub, ok := t.(*python.Subscript); ok {
					if _, isName := sub.Value.(*python.Name); isName {
						if k, ok := strConst(sub.Slice); ok {
							set(k, value(s.Value))
						}
					}
				}
			}
		case *python.ExprStmt:
			c, ok := s.Value.(*python.Call)
			if !ok {
				return
			}
			if a, ok := c.Func.(*python.Attribute); ok && a.Attr == "update" {
				if _, isName := a.Value.(*python.Name); !isName {
					return
				}
				for _, kw := range c.Keywords {
					if kw.Arg != "" {
						set(kw.Arg, value(kw.Value))
					}
				}
				if len(c.Args) == 1 {
					if d, ok := c.Args[0].(*python.Dict); ok {
						for i, k := range d.Keys {
							if ks, ok := strConst(k); ok {
								set(ks, value(d.Values[i]))
							}
						}
					}
				}
			}
		}
	})
	return vars
}

// safeCalls return text that holds no markup from their arguments: they
// escape it, percent-encode it (quotes included: not iri_to_uri, which
// leaves ' alone), or build it from the project's URLconf (not
// resolve_url, which returns a string that is not a URL name unchanged).
var safeCalls = map[string]bool{
	"escape": true, "conditional_escape": true, "force_escape": true, "escapejs": true,
	"urlencode": true, "quote": true, "quote_plus": true,
	"reverse": true, "reverse_lazy": true, "static": true, "json_script": true, "get_token": true,
	"len": true, "int": true, "float": true, "bool": true, "intcomma": true, "round": true, "abs": true,
	// a template rendered with autoescaping: what it marks safe is that
	// template's finding, not the caller's
	"render_to_string": true,
	// encodings whose alphabet holds no markup: base64 (an image's data
	// URL), base32, hex
	"b64encode": true, "urlsafe_b64encode": true, "standard_b64encode": true, "b32encode": true, "b16encode": true,
	"hexlify": true, "hexdigest": true,
	// pyotp's new secrets, in the same alphabets
	"random_base32": true, "random_hex": true,
}

// htmlDiff reports an HtmlDiff of difflib made on the spot:
// difflib.HtmlDiff(), HtmlDiff(wrapcolumn=80).
func htmlDiff(e python.Expr) bool {
	c, ok := e.(*python.Call)
	return ok && funcName(c.Func) == "HtmlDiff"
}

// gettextCalls translate the literal they are given.
var gettextCalls = map[string]bool{
	"_": true, "gettext": true, "gettext_lazy": true, "ugettext": true, "ugettext_lazy": true,
	"pgettext": true, "pgettext_lazy": true, "ngettext": true, "ngettext_lazy": true, "npgettext": true,
}

// safeIfArgs return markup only when their arguments hold it: what
// json.dumps, str or mark_safe is given must be safe itself. (format_html
// and format_html_join are handled apart: only their format strings must
// be.)
var safeIfArgs = map[string]bool{
	"mark_safe": true, "dumps": true, "str": true, "SafeString": true, "list": true, "sorted": true,
	"tuple": true, "set": true, "frozenset": true, "reversed": true, "enumerate": true,
	"dict": true, "OrderedDict": true,
	// one of the values given, or their sum; one or some of the items of
	// a sequence (random.choice(TIPS), random.sample(TIPS, 2))
	"max": true, "min": true, "sum": true, "choice": true, "sample": true,
	// numbers between safe ones; humanize's "1st" of a number (any
	// other value it returns as it is)
	"range": true, "ordinal": true,
	// Django's urlize: the text it is given, with links it writes itself
	// (their href quoted) around the URLs in it
	"urlize": true,
}

// safeValue reports whether a Python value placed in a template context
// cannot carry markup from outside the project: a literal, the project's
// settings, escaped or percent-encoded text, a URL reversed from the
// URLconf, format_html with a literal format string, and names bound only
// to such values.
func safeValue(x python.Expr, fn *python.FunctionDef, m *pymod, depth int) bool {
	if depth > maxValueDepth || x == nil {
		return false
	}
	switch x := x.(type) {
	case *python.Constant:
		return true
	case *python.JoinedStr:
		for _, v := range x.Values {
			if fv, ok := v.(*python.FormattedValue); ok && !safeValue(fv.Value, fn, m, depth+1) {
				return false
			}
		}
		return true
	case *python.BinOp:
		switch x.Op {
		case python.Add, python.Mod, python.Sub, python.Mult, python.Div, python.FloorDiv:
			// of safe values: a sum, a ratio, a literal repeated
			return safeValue(x.Left, fn, m, depth+1) && safeValue(x.Right, fn, m, depth+1)
		}
		return false
	case *python.IfExp:
		return safeValue(x.Body, fn, m, depth+1) && safeValue(x.Orelse, fn, m, depth+1)
	case *python.Compare, *python.UnaryOp:
		// "django_otp" in settings.INSTALLED_APPS, not done, -offset: a
		// boolean or a number, whatever the operands hold
		return true
	case *python.BoolOp:
		if x.Op == python.And {
			// s and escape(s): the last value, or one before it that
			// is false (None, "", 0), which holds no markup
			return safeValue(x.Values[len(x.Values)-1], fn, m, depth+1)
		}
		// a or b: one of them
		return allSafe(x.Values, fn, m, depth)
	case *python.List:
		return allSafe(x.Elts, fn, m, depth)
	case *python.Tuple:
		return allSafe(x.Elts, fn, m, depth)
	case *python.Dict:
		return allSafe(x.Values, fn, m, depth)
	case *python.ListComp:
		return safeItem(x.Elt, x.Generators, fn, m, depth)
	case *python.SetComp:
		return safeItem(x.Elt, x.Generators, fn, m, depth)
	case *python.GeneratorExp:
		return safeItem(x.Elt, x.Generators, fn, m, depth)
	case *python.DictComp:
		// {str(s.pk): s.geom.coords for s in sites}: what each item is
		// made of, whatever the loop runs over
		return safeItem(x.Key, x.Generators, fn, m, depth) && safeItem(x.Value, x.Generators, fn, m, depth)
	case *python.Attribute:
		if inertAttrs[x.Attr] {
			return true
		}
		if x.Attr == "__name__" {
			// ex.__class__.__name__, type(x).__name__, view.__name__: a
			// Python identifier
			return true
		}
		// settings.X: the project's configuration, when settings is
		// django.conf's.
		nm, ok := x.Value.(*python.Name)
		if ok && upperCase(x.Attr) && constanceConfig(m.Module, nm.ID) {
			// config.SHARE_LINK_MIN_LENGTH: django-constance's settings,
			// which the operator sets in the admin
			return true
		}
		if ok && nm.ID == "conf" && upperCase(x.Attr) && importedModule(m.Module, fn, "conf") {
			// conf.HORIZON_CONFIG: an app's module of settings with its
			// defaults (from horizon import conf)
			return true
		}
		if ok && nm.ID == "self" && classLevelSafe(m, fn, x.Attr, depth) {
			// self.months, with months = ["Jan", ...] in the class
			return true
		}
		return ok && nm.ID == "settings" && (djangoSettings(m.Module, fn) || upperCase(x.Attr) && appSettings(m.Module, fn))
	case *python.Call:
		name := funcName(x.Func)
		if safeCalls[name] {
			return true
		}
		if a, ok := x.Func.(*python.Attribute); ok && (name == "make_table" || name == "make_file") && htmlDiff(a.Value) {
			// difflib.HtmlDiff().make_table(a, b): the side-by-side
			// table escapes &, < and > of every line it shows
			return true
		}
		if _, ok := x.Func.(*python.Attribute); ok && name == "diff_prettyHtml" {
			// diff-match-patch's dmp.diff_prettyHtml(diffs) escapes &, <
			// and > of every piece before wrapping it in <ins> or <del>
			return true
		}
		if sanitizerCall(x, m.Module) {
			// bleach.clean and nh3.clean keep an allow-list of markup;
			// Pygments' highlight escapes the code it colours
			return true
		}
		if serverText(x, fn, m, depth) {
			// open(FRONT_FILE).read(): a file the operators keep on
			// the server, which the project does not write
			return true
		}
		if a, ok := x.Func.(*python.Attribute); ok && a.Attr == "decode" && safeValue(a.Value, fn, m, depth+1) {
			// b64encode(png).decode("ascii"): the same characters as text
			return true
		}
		if a, ok := x.Func.(*python.Attribute); ok && a.Attr == "get" && len(x.Args) > 0 {
			// settings.HUBSPOT_CONFIG.get("PORTAL_ID", ""): a key of a
			// setting, or of a name bound to one (conf =
			// settings.BUTTONS[kind]; conf.get("label")), as an item of
			// either is
			switch a.Value.(type) {
			case *python.Attribute, *python.Name:
				if safeValue(a.Value, fn, m, depth+1) {
					return allSafe(x.Args[1:], fn, m, depth)
				}
			}
		}
		if name == "getattr" && len(x.Args) >= 2 {
			// getattr(settings, "GA_ID", None): a setting, or the
			// default when it is unset
			if nm, ok := x.Args[0].(*python.Name); ok && nm.ID == "settings" && djangoSettings(m.Module, fn) {
				return len(x.Args) == 2 || safeValue(x.Args[2], fn, m, depth+1)
			}
		}
		if name == "filter" && len(x.Args) == 2 && len(x.Keywords) == 0 {
			// filter(lambda app: app not in settings.HIDDEN_APPS,
			// settings.INSTALLED_APPS): the test picks items, and adds none
			return safeValue(x.Args[1], fn, m, depth+1)
		}
		if gettextCalls[name] && len(x.Keywords) == 0 && len(x.Args) > 0 {
			// _("<p>Your search is case sensitive</p>"): the project's
			// own text and its translators'.
			for _, a := range x.Args {
				if _, ok := a.(*python.Constant); !ok {
					return false
				}
			}
			return true
		}
		switch name {
		case "format_html":
			// The arguments are escaped; the format string must be
			// the project's.
			return len(x.Args) > 0 && safeValue(x.Args[0], fn, m, depth+1)
		case "format_html_join":
			return len(x.Args) > 1 && safeValue(x.Args[0], fn, m, depth+1) && safeValue(x.Args[1], fn, m, depth+1)
		}
		if safeIfArgs[name] {
			// json.dumps(x), list(x), str(x): a wrapper of the one value
			// it is given, judged at the wrapper's own depth, as that
			// value is a child of the call; several (max(a, b, ...))
			// cost a step, as a list's items do, so that fanning out
			// stays bounded
			at := depth
			if len(x.Args) > 1 {
				at = depth + 1
			}
			for _, a := range x.Args {
				if !safeValue(a, fn, m, at) {
					return false
				}
			}
			for _, kw := range x.Keywords {
				if kw.Arg == "" || kw.Arg != "cls" && kw.Arg != "indent" && kw.Arg != "sort_keys" && !safeValue(kw.Value, fn, m, depth+1) {
					return false
				}
			}
			return true
		}
		if idValues(x) || numberCall(x) || dateCall(x) || boolCall(x) {
			return true
		}
		if a, ok := x.Func.(*python.Attribute); ok && a.Attr == "format" {
			// "<b>{}</b>".format(...) is not escaped: only literal
			// arguments keep it safe.
			if !safeValue(a.Value, fn, m, depth+1) || !allSafe(x.Args, fn, m, depth) {
				return false
			}
			for _, kw := range x.Keywords {
				if kw.Arg == "" || !safeValue(kw.Value, fn, m, depth+1) {
					return false // "{desc}".format(desc=rd.description)
				}
			}
			return true
		}
		if a, ok := x.Func.(*python.Attribute); ok && len(x.Args) == 0 && len(x.Keywords) == 0 && viewsOfMapping[a.Attr] && safeValue(a.Value, fn, m, depth+1) {
			// self.labels.values(): the keys or values of a safe dict
			return true
		}
		if a, ok := x.Func.(*python.Attribute); ok && a.Attr == "render" && loadedTemplate(fn, a.Value) {
			// t.render(context) after t = loader.get_template(name): the
			// project's template, rendered with autoescaping, as
			// render_to_string does
			return true
		}
		if a, ok := x.Func.(*python.Attribute); ok {
			// auth_views.login_box_raw(request): a function of a project
			// module imported under a name, whose every return is safe
			if nm, ok := a.Value.(*python.Name); ok && nm.ID != "self" {
				if d, dm := m.moduleDef(nm.ID, a.Attr); d != nil {
					return returnsSafe(d, dm, depth+1)
				}
			}
		}
		if a, ok := x.Func.(*python.Attribute); ok && isName(a.Value, "self") {
			// self.get_chart_data(company): a method of the class whose
			// every return is safe
			if d := ownMethod(m.Module, fn, a.Attr); d != nil {
				return returnsSafe(d, m, depth+1)
			}
		}
		if n, ok := x.Func.(*python.Name); ok && recordClass(m.Module, n.ID) {
			// Command("ls", desc="Lists <code>files</code>"): a record of
			// the module, which holds what it is given and nothing else
			return allSafe(x.Args, fn, m, depth) && allSafe(keywordValues(x), fn, m, depth)
		}
		if n, ok := x.Func.(*python.Name); ok {
			// top = render_document_top(request, doc): a function of the
			// module, or one this function defines, whose every return
			// is safe
			if d := localDef(fn, n.ID); d != nil {
				return returnsSafe(d, m, depth+1)
			}
			return safeReturns(n.ID, m, depth+1)
		}
		return false
	case *python.Name:
		return safeName(x.ID, fn, m, depth)
	case *python.Subscript:
		if a, ok := x.Value.(*python.Attribute); ok && safeValue(a, fn, m, depth+1) {
			return true // settings.HUBSPOT_CONFIG["PORTAL_ID"]
		}
		if c, ok := x.Value.(*python.Call); ok && numberCall(c) {
			return true // rows.aggregate(Sum("high"))["high__sum"]
		}
		if n, ok := x.Value.(*python.Name); ok && safeName(n.ID, fn, m, depth+1) {
			// day_counts[i], of day_counts = [0] * 7 that only numbers
			// fill: an item of something safe
			return true
		}
		if k, ok := strConst(x.Slice); ok && numberWord(k) {
			// row["count"], of rows annotated with count=Count("id"): a
			// key named as a number, by the conventions the template's
			// names follow
			return true
		}
		return widgetAttr(x)
	}
	return false
}

// loadedTemplate reports a name fn binds, once, to a template Django's
// loader finds (t = loader.get_template("box.html"), select_template).
func loadedTemplate(fn *python.FunctionDef, e python.Expr) bool {
	n, ok := e.(*python.Name)
	if !ok || fn == nil {
		return false
	}
	found, only := false, true
	python.EachStmt(fn.Body, func(s python.Stmt) {
		a, ok := s.(*python.Assign)
		if !ok || len(a.Targets) != 1 || !isName(a.Targets[0], n.ID) {
			return
		}
		c, ok := a.Value.(*python.Call)
		if ok && (funcName(c.Func) == "get_template" || funcName(c.Func) == "select_template") {
			found = true
		} else {
			only = false
		}
	})
	return found && only
}

// reaching returns the statements of body that can set what name holds
// where it is read: body from the last statement of body's own level,
// before the one that reads it, that assigns it plainly (context = {...});
// what an earlier branch assigned (context = form.to_context() before a
// return) is gone by then. All of body when there is none.
func reaching(body []python.Stmt, name *python.Name) []python.Stmt {
	from := 0
	for i, s := range body {
		if s.Pos() > name.Pos() || name.Pos() < s.End() {
			break
		}
		if a, ok := s.(*python.Assign); ok && len(a.Targets) == 1 && isName(a.Targets[0], name.ID) {
			from = i
		}
	}
	return body[from:]
}

// safeItem reports whether an item of a comprehension is safe: what it
// is made of ({str(s.pk): s.geom.coords for s in sites}, whatever the loop
// runs over), or a name the loop binds to the items of something safe
// ([code for code, _ in settings.LANGUAGES]).
func safeItem(elt python.Expr, gens []*python.Comprehension, fn *python.FunctionDef, m *pymod, depth int) bool {
	if safeValue(elt, fn, m, depth+1) {
		return true
	}
	if c, ok := elt.(*python.Call); ok && safeIfArgs[funcName(c.Func)] && len(c.Keywords) == 0 && len(c.Args) > 0 {
		// [ordinal(i) for i in range(1, 5)]: a wrapper of the loop's
		// own safe items
		for _, a := range c.Args {
			if !safeItem(a, gens, fn, m, depth+1) {
				return false
			}
		}
		return true
	}
	nm, ok := elt.(*python.Name)
	if !ok {
		return false
	}
	for _, g := range gens {
		if bindsName(g.Target, nm.ID) {
			return safeValue(g.Iter, fn, m, depth+1)
		}
	}
	return false
}

// inertAttrs are attributes that hold no markup whatever object has them:
// a row's key (id, pk: a number or a UUID) and a GEOS geometry's
// coordinates and serializations (numbers and the format's own words).
// A column named like an id (external_id) may be text and is not one.
var inertAttrs = map[string]bool{"id": true, "pk": true, "coords": true, "geojson": true, "wkt": true, "ewkt": true, "extent": true}

// dateCall reports a date written out: d.isoformat(), d.timestamp(), or
// d.strftime("%Y-%m") with a literal format.
func dateCall(c *python.Call) bool {
	a, ok := c.Func.(*python.Attribute)
	if !ok {
		return false
	}
	switch a.Attr {
	case "isoformat", "timestamp":
		return len(c.Keywords) == 0 && len(c.Args) <= 1
	case "strftime":
		// Any literal format: what the directives write is digits and
		// the locale's names of months, days and zones, and markup in
		// the format itself ("<span>%m/%d</span>") is the project's own.
		_, ok := strConst(c.Arg(0, "format"))
		return ok && len(c.Args) == 1
	}
	return false
}

// boolCall reports a call of a function named as a yes-or-no question
// (has_permission(user, "view.ballots"), is_staff_member(user),
// can_edit(request)): by the conventions the project's names follow, a
// boolean.
func boolCall(c *python.Call) bool {
	name := funcName(c.Func)
	for _, q := range []string{"has_", "is_", "can_"} {
		if len(name) > len(q) && strings.HasPrefix(name, q) {
			return true
		}
	}
	return false
}

// numberCall reports a call that returns numbers whatever it reads: a
// queryset's count(), and aggregate() of Count, Sum and Avg, a dict of
// numbers ({"total__sum": 12}). Max and Min are left out: they return
// the field's own values, text too.
func numberCall(c *python.Call) bool {
	a, ok := c.Func.(*python.Attribute)
	if !ok {
		return false
	}
	switch a.Attr {
	case "count":
		return len(c.Args) == 0 && len(c.Keywords) == 0
	case "aggregate":
		for _, e := range append(slices.Clone(c.Args), keywordValues(c)...) {
			ac, ok := e.(*python.Call)
			if !ok || !numericAggregates[funcName(ac.Func)] {
				return false
			}
		}
		return len(c.Args)+len(c.Keywords) > 0
	}
	return false
}

// numericAggregates are Django's aggregates that return numbers.
var numericAggregates = map[string]bool{"Count": true, "Sum": true, "Avg": true, "StdDev": true, "Variance": true}

func keywordValues(c *python.Call) []python.Expr {
	var out []python.Expr
	for _, k := range c.Keywords {
		out = append(out, k.Value)
	}
	return out
}

// viewsOfMapping are a dict's methods that return its keys, values or
// items.
var viewsOfMapping = map[string]bool{"keys": true, "values": true, "items": true}

// ownMethod returns the method name of the class of m whose method fn
// is, or nil.
func ownMethod(m *python.Module, fn *python.FunctionDef, name string) *python.FunctionDef {
	c := enclosingClass(m, fn)
	if c == nil {
		return nil
	}
	for _, st := range c.Body {
		if d, ok := st.(*python.FunctionDef); ok && d.Name == name {
			return d
		}
	}
	return nil
}

// enclosingClass returns the top-level class of m that defines fn, or nil.
func enclosingClass(m *python.Module, fn *python.FunctionDef) *python.ClassDef {
	if fn == nil {
		return nil
	}
	for _, st := range m.Body {
		c, ok := st.(*python.ClassDef)
		if !ok || fn.Pos() < c.Pos() || fn.End() > c.End() {
			continue
		}
		for _, b := range c.Body {
			// by position: fn may come from another parse of the file
			if d, ok := b.(*python.FunctionDef); ok && d.Pos() == fn.Pos() {
				return c
			}
		}
	}
	return nil
}

// classLevelSafe reports an attribute that the class of fn sets in its
// body to a safe value (months = ["Jan", "Feb", ...], labels = {0:
// "General"}) and that no statement of the module assigns on an object
// (self.months = ..., in a subclass too): what self.name holds in its
// methods.
func classLevelSafe(m *pymod, fn *python.FunctionDef, name string, depth int) bool {
	c := enclosingClass(m.Module, fn)
	if c == nil {
		return false
	}
	found := false
	for _, st := range c.Body {
		a, ok := st.(*python.Assign)
		if !ok || len(a.Targets) != 1 || !isName(a.Targets[0], name) {
			continue
		}
		// at the attribute's own depth: the class's literal is where
		// self.name leads, not a step further into the code
		if !safeValue(a.Value, nil, m, depth) {
			return false
		}
		found = true
	}
	if !found {
		return false
	}
	return !assignsAttr(m.Body, name)
}

// assignsAttr reports a statement of body, or of the functions and
// classes it defines, that assigns the attribute name on an object
// (self.columns = request.GET.getlist("c"), in a subclass too). Only
// statements are read: an attribute is assigned by a statement.
func assignsAttr(body []python.Stmt, name string) bool {
	found := false
	var visit func(stmts []python.Stmt)
	visit = func(stmts []python.Stmt) {
		for _, st := range stmts {
			if found {
				return
			}
			var targets []python.Expr
			switch x := st.(type) {
			case *python.Assign:
				targets = x.Targets
			case *python.AugAssign:
				targets = []python.Expr{x.Target}
			case *python.AnnAssign:
				targets = []python.Expr{x.Target}
			case *python.FunctionDef:
				python.EachBlock(x.Body, visit)
			case *python.ClassDef:
				python.EachBlock(x.Body, visit)
			}
			for _, t := range targets {
				if at, ok := t.(*python.Attribute); ok && at.Attr == name {
					found = true
				}
			}
		}
	}
	python.EachBlock(body, visit)
	return found
}

// safeReturns reports a top-level function of m named name that returns
// a value, and only safe ones (render_to_string(...), a literal).
func safeReturns(name string, m *pymod, depth int) bool {
	for _, st := range m.Body {
		if def, ok := st.(*python.FunctionDef); ok && def.Name == name {
			return returnsSafe(def, m, depth)
		}
	}
	if def := lambdaDef(m.Body, name); def != nil {
		return returnsSafe(def, m, depth)
	}
	if def, dm := m.importedDef(name); def != nil {
		// from dojo.utils import get_zero_severity_level: judged in
		// its own module
		return returnsSafe(def, dm, depth)
	}
	return false
}

// idValues reports a queryset's values_list of key columns alone:
// Project.objects.filter(...).values_list("id", flat=True), numbers.
func idValues(c *python.Call) bool {
	a, ok := c.Func.(*python.Attribute)
	if !ok || a.Attr != "values_list" || len(c.Args) == 0 {
		return false
	}
	for _, arg := range c.Args {
		col, ok := strConst(arg)
		if !ok || col != "id" && col != "pk" && !strings.HasSuffix(col, "_id") {
			return false
		}
	}
	for _, k := range c.Keywords {
		if k.Arg != "flat" {
			return false
		}
	}
	return true
}

// widgetAttr reports a form widget's own name or id in the context its
// get_context builds: ctx["widget"]["name"], ctx["widget"]["attrs"]["id"],
// which Django makes from the form's field names (id_<name>), not from
// the request. ctx["widget"]["value"] is the submitted value.
func widgetAttr(x *python.Subscript) bool {
	var keys []string
	var e python.Expr = x
	for {
		sub, ok := e.(*python.Subscript)
		if !ok {
			break
		}
		k, ok := strConst(sub.Slice)
		if !ok {
			return false
		}
		keys = append([]string{k}, keys...)
		e = sub.Value
	}
	if _, ok := e.(*python.Name); !ok {
		return false
	}
	return slices.Equal(keys, []string{"widget", "name"}) || slices.Equal(keys, []string{"widget", "attrs", "id"})
}

// djangoSettings reports whether the name settings in fn is
// django.conf.settings: imported so at module level and not rebound in the
// function.
func djangoSettings(m *python.Module, fn *python.FunctionDef) bool {
	if fn != nil && !settingsNotRebound(fn) {
		return false
	}
	for _, s := range m.Body {
		if im, ok := s.(*python.ImportFrom); ok && im.Module == "django.conf" {
			for _, a := range im.Names {
				if a.Name == "settings" && (a.Asname == "" || a.Asname == "settings") {
					return true
				}
			}
		}
	}
	return false
}

// constanceConfig reports whether name is django-constance's config
// object in m (from constance import config): its UPPER_CASE attributes
// are settings the operator edits in the admin.
func constanceConfig(m *python.Module, name string) bool {
	for _, s := range m.Body {
		if im, ok := s.(*python.ImportFrom); ok && im.Module == "constance" {
			for _, a := range im.Names {
				if a.Name == "config" && (a.Asname == name || a.Asname == "" && name == "config") {
					return true
				}
			}
		}
	}
	return false
}

// appSettings reports whether the name settings, in fn of m, is imported
// from elsewhere than django.conf (from . import settings, from shop.conf
// import settings, from mysite import settings): the project's settings
// module itself, or a wrapper that reads Django's settings with an app's
// defaults (django-appconf, Misago's StaticSettings), whose UPPER_CASE
// attributes are configuration too.
func appSettings(m *python.Module, fn *python.FunctionDef) bool {
	return importedModule(m, fn, "settings")
}

// importedModule reports that m imports a module under name from a
// package (from horizon import conf), and fn does not rebind it.
func importedModule(m *python.Module, fn *python.FunctionDef, name string) bool {
	if fn != nil && !notRebound(fn, name) {
		return false
	}
	for _, s := range m.Body {
		if im, ok := s.(*python.ImportFrom); ok {
			for _, a := range im.Names {
				if a.Name == name && a.Asname == "" {
					return true
				}
			}
		}
	}
	return false
}

// settingsNotRebound reports that fn neither takes nor assigns a name
// settings, which then means the module's.
func settingsNotRebound(fn *python.FunctionDef) bool { return notRebound(fn, "settings") }

// notRebound reports that fn neither takes nor assigns name.
func notRebound(fn *python.FunctionDef, name string) bool {
	for _, a := range fnParams(fn) {
		if a == name {
			return false
		}
	}
	rebound := false
	python.EachStmt(fn.Body, func(s python.Stmt) {
		if as, ok := s.(*python.Assign); ok {
			for _, t := range as.Targets {
				rebound = rebound || bindsName(t, name)
			}
		}
	})
	return !rebound
}

// upperCase reports a name in capitals, as settings are named.
func upperCase(s string) bool {
	return s != "" && strings.ToUpper(s) == s && strings.ToLower(s) != s
}

func allSafe(xs []python.Expr, fn *python.FunctionDef, m *pymod, depth int) bool {
	for _, e := range xs {
		if !safeValue(e, fn, m, depth+1) {
			return false
		}
	}
	return true
}

// safeName reports whether every assignment to a name in the function
// (or, for a name the function never assigns, at module level) is safe.
// Parameters, loop variables and names bound any other way are not.
func safeName(id string, fn *python.FunctionDef, m *pymod, depth int) bool {
	return m.judged(valueKey{m.Module, fn, id}, depth, func() bool { return judgeName(id, fn, m, depth) })
}

// judgeName is safeName without the memo.
func judgeName(id string, fn *python.FunctionDef, m *pymod, depth int) bool {
	if id == "True" || id == "False" || id == "None" {
		return true
	}
	check := func(body []python.Stmt, walk func([]python.Stmt, func(python.Stmt))) (found, safe bool) {
		safe = true
		walk(body, func(s python.Stmt) {
			switch s := s.(type) {
			case *python.Assign:
				for _, t := range s.Targets {
					if nm, ok := t.(*python.Name); ok && nm.ID == id {
						found = true
						safe = safe && safeValue(s.Value, fn, m, depth+1)
					} else if v, ok := unpacked(t, s.Value, id); ok {
						// names, counts = [], []: each its own
						found = true
						safe = safe && safeValue(v, fn, m, depth+1)
					} else if def, dm, i, n, ok := unpackedCall(t, s.Value, id, fn, m); ok {
						// dates, counts = chart_data(): what the function
						// returns at that place
						found = true
						safe = safe && returnedItemSafe(def, i, n, dm, depth+1)
					} else if bindsName(t, id) {
						found, safe = true, false
					} else if sub, ok := t.(*python.Subscript); ok && subscriptOf(sub.Value, id) {
						// item["name"] = adj.name, by_country[c]["added"] =
						// value: what it holds now
						safe = safe && safeValue(s.Value, fn, m, depth+1)
					}
				}
			case *python.ExprStmt:
				// rows.append({"name": adj.name}): what the list holds
				if c, ok := s.Value.(*python.Call); ok {
					if a, ok := c.Func.(*python.Attribute); ok && subscriptOf(a.Value, id) && fillingMethods[a.Attr] {
						// rows.append(x), diff[country]["added"].append(x)
						safe = safe && allSafe(c.Args, fn, m, depth) && allSafe(keywordValues(c), fn, m, depth)
					}
				}
			case *python.AugAssign:
				if bindsName(s.Target, id) {
					found = true
					safe = safe && safeValue(s.Value, fn, m, depth+1)
				}
			case *python.AnnAssign:
				if bindsName(s.Target, id) {
					found = true
					safe = safe && s.Value != nil && safeValue(s.Value, fn, m, depth+1)
				}
			case *python.For:
				if bindsName(s.Target, id) {
					found, safe = true, false
				}
			case *python.With:
				for _, it := range s.Items {
					if it.OptionalVars != nil && bindsName(it.OptionalVars, id) {
						found, safe = true, false
					}
				}
			}
		})
		return found, safe
	}
	if fn != nil {
		if slices.Contains(fnParams(fn), id) {
			// what the callers pass, and what the body puts there
			if !paramFromCallers(fn, id, m, depth) {
				return false
			}
			_, safe := check(fn.Body, python.EachStmt)
			return safe
		}
		if found, safe := check(fn.Body, python.EachStmt); found {
			return safe
		}
	}
	found, safe := check(m.Body, func(b []python.Stmt, f func(python.Stmt)) {
		for _, s := range b {
			f(s)
		}
	})
	if !found && upperCase(id) && importedSetting(m.Module, id) {
		return true
	}
	return found && safe
}

// unpacked returns the value that a, b = x, y gives the name id among
// the targets, when both sides are tuples or lists of one length without
// a starred item.
func unpacked(target, value python.Expr, id string) (python.Expr, bool) {
	elts := func(e python.Expr) []python.Expr {
		switch x := e.(type) {
		case *python.Tuple:
			return x.Elts
		case *python.List:
			return x.Elts
		}
		return nil
	}
	ts, vs := elts(target), elts(value)
	if ts == nil || len(ts) != len(vs) {
		return nil, false
	}
	for i, t := range ts {
		if _, starred := vs[i].(*python.Starred); starred {
			return nil, false
		}
		if isName(t, id) {
			return vs[i], true
		}
	}
	return nil, false
}

// unpackedCall returns the function that a, b = f() calls, when f is a
// function of the module or one fn defines, and the place of the name id
// among the n targets.
func unpackedCall(target, value python.Expr, id string, fn *python.FunctionDef, m *pymod) (def *python.FunctionDef, dm *pymod, i, n int, ok bool) {
	t, isTuple := target.(*python.Tuple)
	c, isCall := value.(*python.Call)
	if !isTuple || !isCall {
		return nil, nil, 0, 0, false
	}
	callee, byName := c.Func.(*python.Name)
	if !byName {
		return nil, nil, 0, 0, false
	}
	dm = m
	if def = localDef(fn, callee.ID); def == nil {
		def = topLevelDef(m.Body, callee.ID)
	}
	if def == nil {
		def, dm = m.importedDef(callee.ID) // punchcard, ticks = get_punchcard_data(...)
	}
	if def == nil {
		return nil, nil, 0, 0, false
	}
	for i, e := range t.Elts {
		if isName(e, id) {
			return def, dm, i, len(t.Elts), true
		}
	}
	return nil, nil, 0, 0, false
}

// returnedItemSafe reports whether item i of what def returns is safe:
// every return gives a tuple of n items without a starred one, and the
// item at i is safe where def returns it.
func returnedItemSafe(def *python.FunctionDef, i, n int, m *pymod, depth int) bool {
	if depth > maxValueDepth {
		return false
	}
	returns := ownReturns(def)
	for _, r := range returns {
		t, ok := r.Value.(*python.Tuple)
		if !ok || len(t.Elts) != n {
			return false
		}
		for _, e := range t.Elts {
			if _, starred := e.(*python.Starred); starred {
				return false
			}
		}
		if !safeValue(t.Elts[i], def, m, depth+1) {
			return false
		}
	}
	return len(returns) > 0
}

// recordClass reports a class of the module that only holds the values it
// is built with: a NamedTuple or a dataclass whose body declares fields
// and defines no method (no __post_init__ or property computing others).
func recordClass(m *python.Module, name string) bool {
	for _, st := range m.Body {
		c, ok := st.(*python.ClassDef)
		if !ok || c.Name != name {
			continue
		}
		record := false
		for _, b := range c.Bases {
			record = record || funcName(b) == "NamedTuple"
		}
		for _, d := range c.DecoratorList {
			if call, ok := d.(*python.Call); ok {
				d = call.Func
			}
			record = record || funcName(d) == "dataclass"
		}
		if !record {
			return false
		}
		for _, s := range c.Body {
			switch s := s.(type) {
			case *python.AnnAssign, *python.Pass:
			case *python.ExprStmt:
				if _, doc := s.Value.(*python.Constant); !doc {
					return false
				}
			default:
				return false // a method, or a field computed in the body
			}
		}
		return true
	}
	return false
}

// importedSetting reports an UPPER_CASE name that m imports from a
// settings module (from seahub.settings import SHARE_LINK_EXPIRE_DAYS_MAX,
// from .settings import ...): configuration, as settings.X is.
func importedSetting(m *python.Module, id string) bool {
	for _, s := range m.Body {
		im, ok := s.(*python.ImportFrom)
		if !ok || !(im.Module == "settings" || strings.HasSuffix(im.Module, ".settings")) {
			continue
		}
		for _, a := range im.Names {
			if a.Asname == id || a.Asname == "" && a.Name == id {
				return true
			}
		}
	}
	return false
}

func fnParams(fn *python.FunctionDef) []string {
	var out []string
	if fn.Args == nil {
		return nil
	}
	for _, l := range [][]*python.Arg{fn.Args.Posonlyargs, fn.Args.Args, fn.Args.Kwonlyargs} {
		for _, a := range l {
			out = append(out, a.Arg)
		}
	}
	if fn.Args.Vararg != nil {
		out = append(out, fn.Args.Vararg.Arg)
	}
	if fn.Args.Kwarg != nil {
		out = append(out, fn.Args.Kwarg.Arg)
	}
	return out
}

// bindsName reports whether an assignment target binds id, alone or in a
// tuple.
// fillingMethods are the methods that put values into a list, set or
// dict in place.
var fillingMethods = map[string]bool{
	"append": true, "extend": true, "insert": true, "add": true, "update": true, "setdefault": true, "appendleft": true,
}

// subscriptOf reports the name id, or an item of it at any depth
// (id["a"][k]): what is put there is in id's object.
func subscriptOf(e python.Expr, id string) bool {
	for {
		sub, ok := e.(*python.Subscript)
		if !ok {
			return isName(e, id)
		}
		e = sub.Value
	}
}

func isName(e python.Expr, id string) bool {
	n, ok := e.(*python.Name)
	return ok && n.ID == id
}

func bindsName(t python.Expr, id string) bool {
	switch t := t.(type) {
	case *python.Name:
		return t.ID == id
	case *python.Tuple:
		for _, e := range t.Elts {
			if bindsName(e, id) {
				return true
			}
		}
	case *python.List:
		for _, e := range t.Elts {
			if bindsName(e, id) {
				return true
			}
		}
	case *python.Starred:
		return bindsName(t.Value, id)
	}
	return false
}

// include is one {% include %} of a template by a literal name, and the
// names the including template binds to literals itself ({% translate
// "Add" as title %}, {% blocktranslate asvar text %}), which it may pass
// on: {% include "form-title.html" with title=title %}.
type include struct {
	from *project.File
	tag  *djtemplate.Tag
	lits map[string]bool
}

// includers maps each template's path to the includes of it.
func includers(p *project.Project) map[string][]include {
	return p.Memo("rules/templates.includers", func() any {
		out := map[string][]include{}
		for _, f := range p.Files {
			if !tplsrc.IsTemplate(p, f) {
				continue
			}
			pt := tplsrc.ForFile(f)
			if pt.Template == nil {
				continue
			}
			var lits map[string]bool
			pt.Inspect(func(n djtemplate.Node) bool {
				if t, ok := n.(*djtemplate.Tag); ok && t.Name == "include" {
					if name, ok := djtemplate.TemplateName(t); ok {
						if tf := tplsrc.Resolve(p, f, name); tf != nil && tf != f {
							if lits == nil {
								lits = (&doc{tpl: pt.Template}).literalNames(projectFilters(p).configTags)
							}
							out[tf.Path] = append(out[tf.Path], include{f, t, lits})
						}
					}
				}
				return true
			})
		}
		return out
	}).(map[string][]include)
}

// includeBinding returns the expression an include binds name to with
// `{% include "x.html" with name=expr %}`, or nil.
func includeBinding(t *djtemplate.Tag, name string) *djtemplate.FilterExpr {
	for i, a := range t.Args {
		if a != "with" {
			continue
		}
		for _, kv := range t.Args[i+1:] {
			if k, v, ok := strings.Cut(kv, "="); ok && k == name {
				return djtemplate.ParseFilterExpr(v)
			}
		}
	}
	return nil
}

// renderedUnsafely reports that a view or helper that renders tf, or a
// template extending or including it, sets the context variable name to
// a value that may carry markup.
func renderedUnsafely(p *project.Project, tf *project.File, name string) bool {
	found := false
	walkRenderers(p, tf, func(*project.File) bool { return true },
		func(s renderSite) bool {
			if safe, ok := s.vars[name]; ok && !safe {
				found = true
			}
			return !found
		},
		func(include) (handled, ok bool) { return false, true })
	return found
}

// safeFromViews reports whether every way the project renders tf gives
// the context variable name a value that cannot carry markup from
// outside: each view or helper that renders tf, or a template extending or
// including it, sets name to a literal, a setting, format_html or escape
// output (renderSite.vars), and each include that binds name with `with`
// binds it to a literal or the configuration. It is false when djsec sees
// no place that renders tf at all.
func safeFromViews(p *project.Project, tf *project.File, name string) bool {
	return safeFromViewsIn(p, tf, name, 0, false)
}

// maxIncludeHops bounds how far safeFromViewsIn follows a variable that
// an include binds to a variable of the including template.
const maxIncludeHops = 2

// safeFromViewsIn is safeFromViews that follows, up to maxIncludeHops
// templates up, a name an include binds to a variable of the includer
// ({% include "alert.html" with extra=errors %} in form-errors.html, which
// its includers give errors=form.non_field_errors). items says the
// question is of the items a loop takes from the value: a form's errors
// render escaped, but each message they hold is raw text.
func safeFromViewsIn(p *project.Project, tf *project.File, name string, hops int, items bool) bool {
	vi := views(p)
	setBy := false
	ok, rendered := walkRenderers(p, tf,
		func(*project.File) bool { return true },
		func(s renderSite) bool {
			if s.vars == nil {
				return false
			}
			// A known context without the name leaves it empty, when
			// a view sets it and no context processor is its source.
			safe, ok := s.vars[name]
			if !ok && s.open {
				return false // the spread mapping's, perhaps
			}
			if ok {
				setBy = true
			}
			if !ok && s.djangoBases && djangoViewKey(p, name) {
				return false // the object or form Django's view sets
			}
			if ok && !safe || s.partial && (vi.unsafeKeys[name] || !ok && vi.setByBases(name) && !vi.safeFromBases(name)) {
				return false
			}
			if !ok && s.partial && vi.safeFromBases(name) {
				setBy = true // by a base class, to a safe value
			}
			return true
		},
		func(in include) (handled, ok bool) {
			if e := includeBinding(in.tag, name); e != nil {
				setBy = true
				if e.Err != "" {
					return true, false
				}
				if literalExpr(e, in.lits, len(e.Filters)) || configExpr(p, in.from, e) || !items && formErrors(e) {
					return true, true
				}
				v := e.Value.Value
				return true, hops < maxIncludeHops && e.Value.Kind == djtemplate.OperandVariable && !strings.Contains(v, ".") &&
					literalFilters(e) && safeFromViewsIn(p, in.from, v, hops+1, items)
			}
			if in.lits[name] {
				// the includer binds it to a literal itself:
				// {% translate "Sign up" as title %}
				setBy = true
				return true, true
			}
			return false, true
		})
	return ok && rendered && setBy
}

// textFragment reports whether a template renders text for another
// channel rather than a page: it writes no HTML element but bare inline
// formatting (<b>, <i>, <code>, <a href>...: no class, style or other
// attribute), extends nothing, no template includes or extends it, and the
// project's code renders it only into a string (render_to_string or a
// helper), never as a response or an inclusion tag. SMS,
// chat, push and issue-tracker messages are written this way; escaping
// rules for HTML do not describe them.
func (d *doc) textFragment(p *project.Project, f *project.File) bool {
	for el := range d.elements {
		if !inlineFormatting[el] {
			return false
		}
	}
	for _, n := range d.tpl.Nodes {
		if t, ok := n.(*djtemplate.Tag); ok && t.Name == "extends" {
			return false
		}
	}
	if len(includers(p)[f.Path]) > 0 || len(tplsrc.Children(p)[f.Path]) > 0 {
		return false
	}
	sites := renderSites(p)[f.Path]
	for _, s := range sites {
		if s.response {
			return false
		}
	}
	return len(sites) > 0
}

// inlineFormatting are the elements that chat and push services accept in
// message text (Telegram's, Signal's and Pushover's HTML subsets).
var inlineFormatting = map[string]bool{
	"b": true, "strong": true, "i": true, "em": true, "u": true, "s": true, "del": true, "ins": true,
	"code": true, "pre": true, "a": true, "br": true, "font": true, "tt": true,
}

// builtinProcessorVars are the context variables of the context
// processors of Django and of libraries whose keys are known.
var builtinProcessorVars = map[string][]string{
	"django.template.context_processors.debug":            {"debug", "sql_queries"},
	"django.template.context_processors.request":          {"request"},
	"django.template.context_processors.i18n":             {"LANGUAGES", "LANGUAGE_CODE", "LANGUAGE_BIDI"},
	"django.template.context_processors.tz":               {"TIME_ZONE"},
	"django.template.context_processors.static":           {"STATIC_URL"},
	"django.template.context_processors.media":            {"MEDIA_URL"},
	"django.template.context_processors.csrf":             {"csrf_token"},
	"django.contrib.auth.context_processors.auth":         {"user", "perms"},
	"django.contrib.messages.context_processors.messages": {"messages", "DEFAULT_MESSAGE_LEVELS"},
	"csp.context_processors.nonce":                        {"CSP_NONCE"},
	// django-preferences: the preferences singletons, as one object
	"preferences.context_processors.preferences_cp": {"preferences"},
}

// processorMaySet reports whether a context processor of the settings
// may set name: one of Django's or a known library's that sets it, a
// project processor that does or whose keys djsec cannot list, or a
// library processor it does not know. With no processor listed, the
// settings may not have been read, and anything may.
func processorMaySet(p *project.Project, name string) bool {
	keys := processorKeys(p)
	return keys == nil || keys[name]
}

// processorKeys returns every context variable the context processors of
// the settings set, read once per scan; nil when one of them may set
// keys djsec cannot list, or none is listed.
func processorKeys(p *project.Project) map[string]bool {
	return p.Memo("rules/templates.processorKeys", func() any {
		procs := settings.ContextProcessors(p)
		if len(procs) == 0 {
			return map[string]bool(nil)
		}
		s := settings.Load(p)
		out := map[string]bool{}
		for _, proc := range procs {
			if keys, ok := builtinProcessorVars[proc]; ok {
				for _, k := range keys {
					out[k] = true
				}
				continue
			}
			i := strings.LastIndexByte(proc, '.')
			if i < 0 {
				return map[string]bool(nil)
			}
			f := s.ModuleFile(proc[:i])
			if f == nil {
				return map[string]bool(nil) // a library's processor djsec does not know
			}
			keys, complete := processorReturns(p, f, proc[i+1:])
			if !complete {
				return map[string]bool(nil)
			}
			for k := range keys {
				out[k] = true
			}
		}
		return out
	}).(map[string]bool)
}

// unsetVar reports a context variable that nothing gives a value, so that
// it renders empty: every way the project renders tf (each view or helper
// that renders it, or a template extending or including it) has a known
// context without name, no include binds it, no template on the way binds
// it itself, and no context processor sets it. It is false when djsec sees
// no place that renders tf, or one whose context it cannot list, unless
// no Python file of the project mentions the name: no view of the project
// can set it then, whatever its context holds. Such a name may be a
// constant's (SITE_CONFIG), or, where the project itself renders tf, a
// lower-case one that no Django view sets (genericKeys) and that is no
// model's (a DetailView of Article sets article, a ListView article_list).
func unsetVar(p *project.Project, tf *project.File, name string) bool {
	if processorMaySet(p, name) {
		return false
	}
	lower := !constantName(name) && !genericKeys[name] && !modelKey(p, name)
	unnamed := (constantName(name) || lower) && !mentionedInPython(p, name)
	ok, rendered := walkRenderers(p, tf,
		func(f *project.File) bool { return !templateBinds(p, f, name) },
		func(s renderSite) bool {
			_, set := s.vars[name]
			if s.djangoBases && djangoViewKey(p, name) {
				return unnamed
			}
			return unnamed || s.vars != nil && !s.partial && !s.open && !set
		},
		func(in include) (handled, ok bool) {
			if includeBinding(in.tag, name) != nil || in.lits[name] {
				return true, false
			}
			return false, true
		})
	return ok && (rendered || unnamed && !lower)
}

// djangoViewKey reports a key Django's views may set in a class-based
// view's context beside those its code names: the object, form and
// paginator (genericKeys), the model's name, the URL's captures.
func djangoViewKey(p *project.Project, name string) bool {
	return genericKeys[name] || modelKey(p, name) || urlContextNames(p)[name]
}

// modelKey reports a name a generic view may set from a model: its name
// in lower case, with _list after it or not (Article: article,
// article_list), as the model index knows them.
func modelKey(p *project.Project, name string) bool {
	return modelFields(p).modelOf(strings.TrimSuffix(name, "_list")) != ""
}

// constantName reports a name written as a constant's, upper case with
// a letter at least: SITE_CONFIG, GA_ID.
func constantName(name string) bool {
	return name == strings.ToUpper(name) && strings.ContainsAny(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
}

// mentionedInPython reports a word that some Python file of the project
// holds, as a name or in a string: where a view could put it in a
// context.
func mentionedInPython(p *project.Project, word string) bool {
	seen := p.Memo("rules/templates.pythonWords", func() any { return &sync.Map{} }).(*sync.Map)
	if v, ok := seen.Load(word); ok {
		return v.(bool)
	}
	found := false
	for _, f := range p.Named(project.Python) {
		data, err := f.Content()
		if err == nil && wordIn(data, word) {
			found = true
			break
		}
	}
	seen.Store(word, found)
	return found
}

// wordIn reports word in data with no letter, digit or underscore on
// either side.
func wordIn(data []byte, word string) bool {
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte(word))
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(word)
		if (start == 0 || !identByte(data[start-1])) && (end == len(data) || !identByte(data[end])) {
			return true
		}
		i = start + 1
	}
}

// templateBinds reports whether template f binds name itself ({% with %},
// {% for %}, an "as" variable of a tag): its value is the template's.
func templateBinds(p *project.Project, f *project.File, name string) bool {
	d := parsedDoc(p, f)
	if d == nil {
		return true
	}
	_, all := d.names(nil, true)
	return all[name]
}

// parsedDoc is template f's tree as a doc for its names, or nil when it
// cannot be parsed.
func parsedDoc(p *project.Project, f *project.File) *doc {
	if !tplsrc.IsTemplate(p, f) {
		return nil
	}
	pt := tplsrc.ForFile(f)
	if pt.Err != nil || pt.Template == nil {
		return nil
	}
	return &doc{tpl: pt.Template}
}

// walkRenderers visits every way the project renders tf: the views and
// helpers that render it (site), the templates that extend it, and those
// that include it (include decides an include alone when it says it
// handled it, else the includer is walked in turn). enter is asked of
// each template first. ok is false as soon as a callback says so, or the
// chain runs deeper than maxExtendsDepth; rendered says some view, helper
// or handled include renders it.
func walkRenderers(p *project.Project, tf *project.File, enter func(*project.File) bool,
	site func(renderSite) bool, inc func(include) (handled, ok bool)) (ok, rendered bool) {
	sites := views(p).sites
	incs := includers(p)
	children := tplsrc.Children(p)
	seen := map[string]bool{}
	var visit func(f *project.File, depth int) bool
	visit = func(f *project.File, depth int) bool {
		if seen[f.Path] {
			return true
		}
		seen[f.Path] = true
		if depth > maxExtendsDepth || !enter(f) {
			return false
		}
		for _, s := range sites[f.Path] {
			rendered = true
			if !site(s) {
				return false
			}
		}
		for _, c := range children[f.Path] {
			if !visit(c, depth+1) {
				return false
			}
		}
		for _, in := range incs[f.Path] {
			if handled, ok := inc(in); handled {
				if !ok {
					return false
				}
				rendered = true
				continue
			}
			if !visit(in.from, depth+1) {
				return false
			}
		}
		return true
	}
	return visit(tf, 0), rendered
}
