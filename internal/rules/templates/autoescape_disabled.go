package templates

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/djtemplate"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/tplsrc"
)

// AutoescapeDisabledOnVariable finds values that reach the page without
// HTML escaping: |safe or |safeseq on a value looked up in the context,
// and {% autoescape off %} around variables.
var AutoescapeDisabledOnVariable = &analysis.Rule{
	ID:         "DJT102",
	Name:       "autoescape-disabled-on-variable",
	Severity:   report.Medium,
	Confidence: report.MediumConfidence,
	CWE:        []int{79},
	Checklist:  []int{7},
	Scope:      analysis.PerFile,
	Files:      project.Text,
	Needs:      tplsrc.Prepare,
	Doc: analysis.Doc{
		Title: "Autoescaping turned off for a value from the context",
		What: "A variable rendered with the `safe` or `safeseq` filter, or with a filter of the project that can return its input " +
			"marked safe with nothing escaping it (`mark_safe(value)`, with text replaced, or passed through `bleach.linkify`, a bleach " +
			"`Linker`'s `linkify` or `urlize` without `autoescape=True`, all of which keep the markup they are given), and a `{% autoescape off %}` block that renders " +
			"variables, includes another template, or holds a `{% block %}` that a template extending this one fills " +
			"with variables (reported at the `{% autoescape off %}`, naming the child template; one around the blocks of a template " +
			"that extends another changes nothing, since Django renders only those blocks, in the parent; a value in the block that is marked safe " +
			"is reported at its own filter, once). It leaves alone what cannot carry markup from outside: " +
			"string, translated and number literals (`{{ \"<br>\"|safe }}`), names that `{% with %}` or " +
			"`{% translate ... as %}` bind to literals, values escaped or reduced to numbers, dates or percent-encoding " +
			"before `safe` (`escape`, `force_escape`, `escapejs`, `urlencode`, `length`, `floatformat`, `date`, " +
			"`linebreaks`, ...), by django-bleach's `bleach` filter in a template that loads its `bleach_tags` (`{{ note|bleach|safe }}`; not its `bleach_linkify`, which keeps the markup), or by a filter of the project that takes `autoescape` and escapes its input with it, or whose every return value (leaving out a return of its input when that is not a string: `if not isinstance(value, str): return value`) is the result of `nh3.clean`, `bleach.clean`, " +
			"a configured `Cleaner` of lxml or bleach (`Cleaner(allow_tags=...).clean_html(x)`, then sliced or not), html-sanitizer's `get_sanitizer(...).sanitize(x)` (then stripped, or with text replaced by text free of markup: `.replace(\"{{\", \"{ {\")`), `escape`, a literal `format_html` or `format_html_join`, a form's `flatatt` (each attribute's value escaped), Pygments' `highlight` (every token of the code escaped), a list of rows' keys (`[r.pk for r in rows]`), or a number (`int(x)`, `len(x)`, `format(x, \".2f\")` with a numeric format, `str` of those), directly or through the project's functions (`{{ review|to_markdown|safe }}`), " +
			"with the module's own literal markup around it (`f\"{ICON}&nbsp;{text}\"`, `ICON * 2`), and a name escaped first and then only rebuilt from itself " +
			"(`text = escape(text)`, then `text = f\"{ICON}{text[n:]}\"` in a loop), " +
			"a property of the project's classes, or a method a template can call (one that takes only self, or parameters with defaults besides), whose every return is such a value, the code's own text (literals, a form's labels: self.fields[\"consent\"].label; in a models module, by every class there that binds the name: a status computed from the row, return \"Passed\") or a template rendered with render_to_string or loader.get_template(...).render(...), which escape by themselves (a base class's method that only raises NotImplementedError returns nothing; a name built with += holds each value added) (`{{ photo.credit_html|safe }}`, `{{ post.formatted_markdown|safe }}`; a model field of the same name elsewhere makes the property only a namesake when djsec had to look for it in a module that escapes nothing itself), model fields that are UUIDs, numbers, dates, booleans, slugs or GeoDjango geometries (and a geometry's GeoJSON or WKT: `{{ project.extent.geojson|safe }}`), or are given choices= (codes from the project's list, which forms, serializers and the admin hold to it), in every project model declaring them (`{{ store.uuid|safe }}`, `{{ project.currency|safe }}`), values named as numbers (`pk`, `id`, `count`, `forloop.counter`, `*_count`, `*_pct`, " +
			"`*_percent`, spans of time in a unit such as `*_ms` or `*_seconds`), HTML Django builds itself (`block.super`, `form.as_p`, `formset.management_form`, " +
			"`form.media`, a form or bound field rendered whole such as `{{ form.email }}`, `label_tag`, `errors`, django-crispy-forms' `flat_attrs` (flatatt escapes every value), and the ids Django gives fields, `form.email.auto_id`, `id_for_label`), developer-written `help_text` and admin fieldset descriptions (Django's admin marks " +
			"them safe itself), the project's configuration (`settings.X`, unless a view that renders the template passes a `settings` of its own, such as request.META, `config.X`, an app's settings object's `app_settings.UPPER_CASE`, a variable that every place of the project's code setting it sets to settings and literals (data[\"rollbar\"] = {\"env\": settings.ROLLBAR_ENV, \"branch\": settings.ROLLBAR.get(\"branch\", \"master\")} in a helper every view's context goes through), a variable the project's own context processors set to a setting (Django's, or an UPPER_CASE one of an app's settings object imported from the project: `from .conf import settings`, or of an app's conf module: `from horizon import conf`, `conf.HORIZON_CONFIG`) or a literal, also in the dict of a function or method of the processor's module that it spreads into its own (`{**Analytics().context(request), ...}`), a name bound by the project's own simple tag that returns only such values (`{% docs_link as link %}`) or by Django's i18n tags to its languages (`{% get_language_info for code as lang %}`, `{% get_available_languages as LANGUAGES %}`, and a loop over them), a form's errors (`form.errors`, `form.non_field_errors`, `formset.non_form_errors`, also through `cut`), which Django renders with every message escaped, " +
			"the values a library fills in its own template that the project copies to restyle and does not render itself (drf-yasg's `swagger_settings`, `oauth2_config` and `redoc_settings`, DRF's browsable API's `description` in rest_framework/api.html and base.html: the view's docstring, " +
			"django-rest-swagger's `drs_settings` and `spec`, Wagtail's date widgets' `widget.config_json`: JSON of the library's settings or of the API's schema; django-compressor's " +
			"`compressed.content` in compressor/css_inline.html and js_inline.html: the site's own assets, compressed; " +
			"in a template the project names only as the template= of django-crispy-forms layout objects (TabHolder, Tab, AccordionGroup, Div, Fieldset, Alert...) and renders nowhere itself, " +
			"the `fields`, `links` and `content` crispy renders into it, an Alert's content only where every Alert naming it passes literal text; " +
			"the `body` of djangocms-text-ckeditor's `cms/plugins/text.html`, which the plugin cleans of markup as the editor saves it, unless a production " +
			"settings module sets TEXT_HTML_SANITIZE to False), " +
			"and an `{% include %}`d template's variable that every include binds to one, or that the including template binds itself with `{% translate \"...\" as name %}` or `{% blocktranslate asvar name %}` (whose values are escaped), " +
			"or binds to a variable of its own that every include of it binds so, two templates up at most: `with extra=errors` in a form_errors.html that its includers give `errors=form.non_field_errors`), " +
			"`{% cycle %}` names over literals, names that only `{% for %}` tags bind, each over something so trusted " +
			"(`{% for provider, conf in WEB_ANALYTICS.items %}` over a setting), values that every view rendering the template (found by its literal name in `render`, " +
			"`TemplateResponse`, `render_to_string`, a class-based view's `template_name` with the keys its `get_context_data` " +
			"and `extra_context` set, an inclusion tag's template with the dicts its function returns (`@register.inclusion_tag(\"partials/jobs.html\")`, also with takes_context: the template sees only the returned dict), or a Wagtail page's template (its `template`, else app/snake_case_name.html; a page through base classes of its module too) with the keys its `get_context` sets (or returns in a dict), or a verification mail of django-rest-registration (a template REST_REGISTRATION's `*_EMAIL_TEMPLATES` name, whose `verification_url` is the settings' URL with the signed data percent-encoded after it, unless a `VERIFICATION_URL_BUILDER` of the project builds it), unless some other `get_context_data` sets the same key unsafely; a key such a view leaves out is empty when no class of the project " +
			"sets it, names it `context_object_name` or serves its model, and Django's generic views do not set it either, as with an included component's optional argument, " +
			"and safe when every `get_context_data` and `extra_context` of the project that sets it sets it safely) sets to a literal, an attribute of the view that " +
			"the project only ever assigns literals (`self.tables_orientation`, with `tables_orientation = \"rows\"` on its classes), a translated literal (`_(\"<p>Note…</p>\")`), a setting, `format_html` with a literal format, `nh3.clean`, `bleach.clean` or Pygments' `highlight` (also passed through Django's `urlize`, which adds only its own links), a template rendered with `render_to_string` or `t.render(...)` after `t = loader.get_template(...)` (also returned by a function of a project module imported under a name: `auth_views.login_box_raw(request)`), " +
			"`escape`, `urlencode` or `reverse` output, base64 or hex (`b64encode(png).decode()`, `hexdigest()`, pyotp's `random_base32()`), the result of a function of its module, one the view defines or one the module imports from another of the project's (from .charts import week_rows; a lambda the module binds to a name counts as one: `htmlencode = lambda s: s and escape(s)`, where `a and b` is b or a false value, which holds no markup) whose every return is such a value (or, for names it returns as a tuple, whose every tuple holds one at that place: `days, counts = daily_series()`; a parameter of such a function holds what every call of it in the project's code outside tests passes, when there are at most eight and the function's name is used in no other way: `week_cell(tick, count)` called with counters), a record of the module built of such values (a NamedTuple, or a dataclass, that declares fields and defines no method: `Command(\"cp\", desc=\"Copies <code>files</code>\")`) " +
			"(one name reassigned step by step is followed in order: `text = escape(text)`, `text = linkify(text)`, `return text.replace(\"\\n\", \"<br>\")`), the side-by-side table of difflib's HtmlDiff (make_table, make_file), which escapes every line, diff-match-patch's diff_prettyHtml, which escapes every piece it wraps in <ins> or <del>, a queryset's key columns (`json.dumps(list(qs.values_list(\"id\", flat=True)))`), a row's key named as a number (`row[\"count\"]` of rows annotated with count=Count(\"id\")), " +
			"an attribute the view's class sets to such a value in its body and no statement of the module assigns on an object (`self.months`, with `months = [\"Jan\", ...]`; " +
			"its `keys()`, `values()` and `items()` too), a method of the view's class whose every return is such a value (`self.chart_data()`), the largest, smallest or sum of such values (`max(counts)`), a `range` of them and humanize's `ordinal` of them (`[ordinal(i) for i in range(1, 5)]`), the result of a function named as a yes-or-no question (`has_permission(...)`, `is_*`, `can_*`: a boolean by the project's naming), a row's id or pk, a geometry's coords or geojson, a date written with isoformat() or a literal strftime format, and comprehensions built only of such values (`{str(s.pk): s.geom.coords for s in sites}`), and templates that do not produce HTML (`.txt`, `.js`, `.css` and `.json` templates, e-mail " +
			"templates without a single HTML element, where `{% autoescape off %}` is right, and chat, SMS and push messages: a template without " +
			"HTML elements beyond inline formatting that code renders only into a string, never as a response, and that no template includes, and django-slack's messages, which extend django_slack). `striptags` does not make a value safe: it is " +
			"not a sanitizer; but inside a <style> element, where only </style> ends the raw text, or a <title> or <textarea>, whose text only their end tag ends (striptags last, or followed only by filters that add no markup), a value passed through it is low (it can restyle the page, not leave the stylesheet). A search hit's highlight (`{{ hit.highlight.body.0|safe }}`, also through `{% for %}` and `{% with %}`) is low while the project's code asks the search engine for highlights with the \"html\" encoder (`\"encoder\": \"html\"`, `encoder=\"html\"`) and for no other encoder anywhere: Elasticsearch and OpenSearch then escape the indexed text before marking the words that matched. A value read from the request (`request.GET`, `request.POST`, `request.COOKIES`, " +
			"`request.META`, `request.headers`) is reflected XSS: high severity, high confidence. A value that reads a " +
			"field of the project's models (`product.description`, a Wagtail page's RichTextField, or a variable that every place of the project's code that sets it (a context processor's or a view's dict, context[\"key\"] = ...) sets to one field of a row it fetched: `\"login_text\": config.login_text` after `config = SiteConfiguration.get_solo()`, also a row of `get_object_or_404(LetterPage, ...)` or a relation named as the variable that holds it, `letter_page = signatory.letter_page`, and a name set once to such a field, `text = config.login_text`; `announcement.text if announcement else None`) that no form, serializer, edit view or request handler " +
			"outside the admin writes (no such form lists it, none takes `__all__` of its model, no view assigns it, but for a template it renders " +
			"with autoescaping: `contract.terms_html = loader.get_template(...).render(ctx)` or render_to_string; a serializer's " +
			"`read_only_fields`, and a serializer that only read-only API views name or other serializers nest, write nothing; one that only " +
			"API views whose `permission_classes` (their own, or those of the nearest project base that sets them) include `IsAdminUser` or DRF's model permissions name is staff's, as the admin's forms are, and so is " +
			"a form that only views asking for a model permission to add or change rows name: has_perm(request.user, \"pages.add_page\"), " +
			"or for a permission of the project's own named for running or publishing something (\"news.can_manage_news\", can_publish_..., also without can_: \"core.manage_shop\"; " +
			"not can_submit_comments, which every member may have), a class edit view that shows the form (form_class = NewsForm) " +
			"counting as a view that names it, " +
			"@permission_required(\"pages.change_page\"), permission_required = \"pages.add_page\", django-mapentity's MapEntityCreate and MapEntityUpdate; " +
			"an AppConfig's ready() that checks a form submits nothing) is low: " +
			"staff or editors set it, or the project's code fills it. The keywords of lookups (filter(), Q(...)), responses, messages, logging and " +
			"of classes that are no model of the project write nothing; a base form or serializer of no model writes its fields on the models of those " +
			"built on it; update_or_create(defaults={...}) writes the dict's keys. An admin action (a function taking modeladmin, request, queryset) " +
			"writes for staff; a setattr whose computed name keeps a literal start or end (f\"{key}_display\") writes only the names that fit it, " +
			"one with no literal part writes every field of the row the handler makes (row = Waypoint()) or, elsewhere, of every model, " +
			"and none in a handler that asks for a model permission first (has_perm(request.user, \"profiles.change_profile\")); " +
			"a field a model's own method sets from another of its fields (self.body_html = render(self.body)) is written wherever that one is; " +
			"a serializer that only views deriving from the project's own read-only viewset, or from list and retrieve mixins alone, name writes nothing; a form whose Meta " +
			"inherits its model (class Meta(BaseForm.Meta)) writes that model's fields. A relation (`entry.docket`, a foreign key) shows the " +
			"other row's text: it is such a field only when the model it points to has a __str__ that shows nothing but fields of its own that " +
			"nothing outside the admin writes (`{{ trail.difficulty }}`, a Difficulty shown by its label: a vocabulary staff keep). When the object is named for a model that declares the " +
			"field (`conference.description`: Conference; `article` also names a Wagtail page model ArticlePage, whose title, slug and " +
			"search_description Wagtail's Page declares; `page` and `self` name the project's Wagtail pages; `user` names the AUTH_USER_MODEL; `flatpage` names django.contrib.flatpages' FlatPage, whose content staff write in the admin unless a form of the project takes it; " +
			"a name a {% for %} loop binds names the model its collection is named for: item in news_items, NewsItem; note in " +
			"article.publisher_notes.all, PublisherNote, before the name's own; an object reached through a relation is of the model the relation " +
			"holds: article.license, a Licence), only the writes of that model's field count (a ModelForm of it, " +
			"`Conference.objects.create(description=...)`, `conference.description = ...`) and those on objects of unknown " +
			"model; a plain form's fields (of a form built only on forms.Form or on Django REST framework's serializers.Serializer, whose own " +
			"save, create or update is read as a request handler, on django-contact-form's ContactForm, which mails them, or on " +
			"the project's plain forms, beside mixins of the project that are no form or model) count through the handlers that store them, " +
			"and, where a handler that names them hands data on whole to a call of no known model (store(**form.cleaned_data)), as writes of any model; " +
			"keywords that build a form (form_class(**params)), a lookup (Q(**filters)) or a response (make_json_response(...)), or pass on the " +
			"function's own **kwargs, write nothing, and a form of an abstract base model writes that model's fields, not those of the models built on it. " +
			"A handler that only binds a form to the query string (RegionForm(request.GET)) searches with it, and stores nothing through a form of that name. " +
			"A view behind a gate that lets only staff or a role of the project in writes what editors write too: a decorator that is " +
			"`user_passes_test` of a role check (`lambda u: u.has_admin_permission(\"schedule\")`, `user.is_eighth_admin`, is_staff, is_superuser, " +
			"is_*admin*, is_*manager*, is_*moderator*, is_*editor*, has_perm of a model permission), made by a function of the project " +
			"(`board_admin_required = admin_required(\"board\")`), staff_member_required, or a mixin whose test_func returns such a check " +
			"(`return self.request.user.is_admin_or_manager`), or, in the view's own statements, a refusal of everyone without such a role before it goes on " +
			"(`if not request.user.has_admin_permission(\"polls\"): return redirect(...)`, also through a name set to the check): the forms only such views " +
			"name, and the fields they write themselves, are the editors'. " +
			"A permission asked for as one way in among others that need none (if not any([can_add, settings.CLASSIFIEDS_OPEN])) does not make " +
			"the view an editor's. A name of two words or more names the one model whose " +
			"name it ends (`django_community`: LocalDjangoCommunity). A django CMS plugin (`CMSPluginBase`) or a django-fluent-contents one (`ContentPlugin`) is part " +
			"of the admin: the editors submit its form, and in a template `instance.field` reads a plugin model (a `CMSPlugin` or `ContentItem`) " +
			"that declares the field, so only the writes of those models count. A field that the model's save() passes " +
			"through a sanitizer (self.body = bleach.clean(self.body), nh3.clean, a function named sanitize… or clean_html…), or that " +
			"the model declares with a field class that sanitizes what it stores (django-bleach's BleachField, django-nh3's Nh3Field, django-prose-editor's ProseEditorField(sanitize=True), a " +
			"project class deriving from one, or a project class whose to_python, get_prep_value or pre_save passes the value through such a sanitizer), is low: it holds the markup the sanitizer allows. So is a field that every form and request " +
			"handler writing it passes through one, a sanitizer above or a function of the project's that returns only what one gives " +
			"(`def safe_html(t): return bleach.linkify(bleach.clean(t, tags=TAGS))`): each view saving the form assigns it so before saving " +
			"(`item.description = safe_html(item.description)`), or the form's own `clean_description` returns it so; one write without it, " +
			"on any model when the object's model is not known, keeps it reported. setattr(obj, key, ...) with the keys of a form's cleaned_data " +
			"(`for field in form.cleaned_data: setattr(user, field, ...)`) writes that form's fields; with keys from anywhere else, any field. So is a django-markupfield MarkupField's stored HTML " +
			"(`{{ job.description.rendered|safe }}`) when every module of the project that sets MARKUP_FIELD_TYPES sets it to renderers that each pass their output through nh3 or bleach " +
			"(directly, through a function of the module, or wrapped: `[(name, sanitizing(render)) for name, render in DEFAULT_MARKUP_TYPES]`) and the field " +
			"has no markup_choices of its own. Two models of one name (in two apps) " +
			"that declare the field differently leave it reported. A value escapejs escapes after it is marked safe (`{{ config|safe|escapejs }}`) " +
			"is left alone in HTML text, attributes and a single- or double-quoted JavaScript string that closes on its line, where nothing it " +
			"leaves runs; not in a template literal (`${...}` runs) or outside quotes in a script. A message of the messages framework " +
			"(`{% for message in messages %}{{ message|safe }}`) is low while every message the project's code adds (messages.success, " +
			"add_message, a ModelAdmin's message_user, a SuccessMessageMixin's success_message) is a literal, a translated string, format_html " +
			"with a literal format or a reversed URL; one formatted with what a user sent (f\"No user {request.GET['u']}\", success_message = " +
			"\"%(name)s was saved\") keeps it medium. Inside {% if \"safe\" in message.tags %} only the messages added with the extra tag " +
			"\"safe\" (extra_tags=\"safe\") are weighed: none added so, the branch never runs and nothing is reported; all of them safe, low. A variable that no view or helper rendering the template (or a template extending or including it) puts in its context (a class-based view whose bases are all Django's own puts in what its get_context_data sets with literal keys, its context_object_name, and what Django's views set: the object, the form, the model's name, the URL's captures), that no template on the way binds, and that no context processor sets (Django's and django-csp's are known; a library processor djsec does not know may set anything) is low: it renders empty. An {% autoescape off %} block whose every output is such a field that only staff write is low, as a value marked safe is. So is the value of a Wagtail StreamField block (value or self, in the template a block class of the project names: class Meta: template = \"blocks/heading.html\", or CharBlock(template=...), also through the template's loops: {% for row in value.table.data %}{% for cell in row %}), which the CMS's editors type in Wagtail's admin, and, in a page's template, an item of a StreamField of the project's Wagtail pages that no form of the project writes ({% for block in page.body %}{{ block|safe }}). So is a constant's name (SITE_CONFIG.footer_html) that no Python file of the project mentions, whatever contexts djsec cannot list, and, in a template the project's own code renders, a lower-case name that no Python file mentions, that no Django view sets (object, form, page_obj...) and that is no model's (a DetailView of Article sets article, a ListView article_list). A value in the default of a {% block %} that every template " +
			"extending its template replaces without {{ block.super }}, where no code renders that template by a name djsec can see (nor computes " +
			"one that may be its name), no template includes it and no Python file names it, is low: it is never shown. The branch {% if html_renderer %} of Wagtail's TableBlock template (and copies of it) is left alone " +
			"while no code of the project gives a table the HTML renderer (table_options={\"renderer\": \"html\"}): TableBlock renders text " +
			"otherwise, and that branch never runs. A value every place the project sets it reads from a file of the server's disk " +
			"(json.load of a file opened with open() or a path's open(), json.loads of a path's read_text(), directly or through a helper " +
			"of the module: a page Sphinx built, a front end's manifest), and what a {% for %} takes from it, is low: the deployment writes " +
			"such files, not a visitor. A path that goes through MEDIA_ROOT, a storage, a file field or the request is an upload's and stays reported. " +
			"The text of a file the operators keep on the server is not reported either: open(FRONT_FILE).read() in the view, or a helper of the project that " +
			"returns the text of the file its parameter names (quick_read(CONTACT_PATH), in a view or a context processor), at a path made of literals, constants " +
			"in capitals, settings and os.path.join or a helper named for the configuration (find_config_file(\"front.html\")) of those, unless a module of the " +
			"project that names one of them writes a file (open(LOG_PATH, \"a\")): what the project writes may be what users sent. " +
			"In Django's password reset e-mail (registration/password_reset_email.html, the name PasswordResetView renders), the values Django puts " +
			"in its context are left alone inside {% autoescape off %}: protocol, domain, site_name, uid, token, email and the user's username." + unusedNote,
		Why: "Django escapes every variable by default; `safe` and `autoescape off` tell it the value is trusted HTML. " +
			"When the value can hold anything a user wrote (a product description, a profile bio, a comment), the user " +
			"writes `<script>` or `<img src=x onerror=...>` and it runs in every visitor's browser: stored cross-site " +
			"scripting, which steals sessions and acts as the victim.",
		Bad:  "<div class=\"description\">{{ product.description|safe }}</div>",
		Good: "<div class=\"description\">{{ product.description_html }}</div>\n# in the model: description_html = nh3.clean(markdown(self.description))",
		Fix: "Remove `|safe` and `{% autoescape off %}` and let Django escape. When the value must hold markup, clean it " +
			"with an HTML sanitizer (nh3 or bleach with an allow-list) where it is stored or rendered, and mark only the " +
			"cleaned result safe (`mark_safe(nh3.clean(html))` in the view or model), or use `format_html` in Python. " +
			"A reviewed case can be suppressed with `{# djsec: ignore[DJT102] cleaned with nh3 in Product.save #}`.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/templates/builtins/#safe",
			"https://docs.djangoproject.com/en/stable/ref/templates/builtins/#autoescape",
			"https://docs.djangoproject.com/en/stable/topics/security/#cross-site-scripting-xss-protection",
			"https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html",
		},
	},
	Run: runAutoescapeDisabled,
}

func runAutoescapeDisabled(pass *analysis.Pass) {
	d := load(pass)
	if d == nil || d.plainText(pass.Project, pass.File) {
		return
	}
	weighUnused(pass)
	lits := d.literalNames(projectFilters(pass.Project).configTags)
	loops := d.loopOver()
	dead := tableHTMLBranches(pass.Project, d)
	safeTagged := safeTagBranches(d)
	bleachLoaded, bleachKnown := false, false
	djangoBleach := func() bool { // asked once per template, at the first |bleach
		if !bleachKnown {
			bleachLoaded, bleachKnown = loadsDjangoBleach(pass.Project, d.tpl), true
		}
		return bleachLoaded
	}
	// low reports a value marked safe that the message says why to worry
	// less about
	low := func(v *djtemplate.Variable, msg string) {
		pass.Report(analysis.Diagnostic{Location: at(pass, v.Start), Message: msg, Severity: report.Low})
	}
	for _, e := range d.events {
		if e.Kind != djtemplate.VarEvent || e.Var.Expr == nil || dead[e.Var] {
			continue
		}
		v := e.Var
		for _, i := range unescapingFilters(pass.Project, v.Expr) {
			if literalExpr(v.Expr, lits, i) || neutralizedBefore(v.Expr, i, true) || renderedSafe(v.Expr) ||
				cleanedBefore(pass.Project, v.Expr, i) || bleachedBefore(v.Expr, i, djangoBleach) || d.trusted(pass.Project, pass.File, v) ||
				jsEscapedAfter(v.Expr, i, e.Context, d.tpl.Src, v) || literalProperty(pass.Project, v.Expr) {
				continue
			}
			if fromRequest(v.Expr) {
				pass.Report(analysis.Diagnostic{
					Location:   at(pass, v.Start),
					Message:    "{{ " + shortExpr(v) + " }} " + marking(v.Expr, i, ", which the visitor sends,") + " safe: reflected XSS",
					Severity:   report.High,
					Confidence: report.HighConfidence,
				})
				break
			}
			if field, by, writers := cleanedField(pass.Project, pass.File, v.Expr, loops); by != "" {
				how := fmt.Sprintf("the model cleans %s with %s whenever it is saved", field, by)
				if writers {
					how = fmt.Sprintf("every form and request handler of the project that writes %s passes it through %s first", field, by)
				}
				low(v, fmt.Sprintf("{{ %s }} %s safe, so it is output without HTML escaping; %s, so it holds the markup "+
					"that sanitizer allows", shortExpr(v), marking(v.Expr, i, ""), how))
				break
			}
			// the project-wide search for the encoder waits for a highlight
			if highlightShown(d, v) {
				if where := htmlEncodedHighlights(pass.Project); where != "" {
					low(v, fmt.Sprintf("{{ %s }} %s safe, so it is output without HTML escaping; it is a search hit's highlight, "+
						"and the project asks the search engine for highlights with the \"html\" encoder (%s), which escapes the "+
						"indexed text before marking the words that matched: keep that encoder on every query that highlights",
						shortExpr(v), marking(v.Expr, i, ""), where))
					break
				}
			}
			if safeTagged[v] && shownMessage(v.Expr, d.tpl.Src) {
				am := projectMessages(pass.Project)
				if am.tagged == 0 {
					break // no code adds a message tagged "safe": the branch never runs
				}
				if am.taggedSafe {
					low(v, fmt.Sprintf("{{ %s }} %s safe, so it is output without HTML escaping; it shows only the messages "+
						"added with the extra tag \"safe\", and each the project's code adds so is text that cannot carry markup "+
						"from outside (literals, translated strings, format_html, reversed URLs): keep new ones so, or escape what "+
						"they interpolate", shortExpr(v), marking(v.Expr, i, "")))
					break
				}
			}
			if shownMessage(v.Expr, d.tpl.Src) && addedMessagesSafe(pass.Project) {
				low(v, fmt.Sprintf("{{ %s }} %s safe, so it is output without HTML escaping; every message the project's code "+
					"adds is text that cannot carry markup from outside (literals, translated strings, format_html, reversed URLs), "+
					"so it shows the developers' own markup: keep new messages so, or escape what they interpolate", shortExpr(v), marking(v.Expr, i, "")))
				break
			}
			if field, ok := staffOnlyField(pass.Project, pass.File, v.Expr, loops); ok {
				low(v, fmt.Sprintf("{{ %s }} %s safe, so it is output without HTML escaping; no form, serializer or "+
					"request handler of the project writes %s outside the admin and the views that ask for a permission to add "+
					"or change rows, so staff or editors set it, or the project's code fills it: sanitize it before anyone else "+
					"can write it", shortExpr(v), marking(v.Expr, i, ""), field))
				break
			}
			if stream, ok := blockValue(pass.Project, pass.File, v.Expr, loops); ok {
				what := "this template renders a Wagtail StreamField block, whose value the CMS's editors type in Wagtail's admin"
				if stream != "" {
					what = "it is a block of the pages' StreamField " + stream + ", which the CMS's editors compose in Wagtail's admin " +
						"and no form of the project writes"
				}
				low(v, fmt.Sprintf("{{ %s }} %s safe, so it is output without HTML escaping; %s, so staff or editors set it: "+
					"sanitize it before anyone else can write it", shortExpr(v), marking(v.Expr, i, ""), what))
				break
			}
			if field, ok := contextStaffField(pass.Project, v.Expr); ok {
				low(v, fmt.Sprintf("{{ %s }} %s safe, so it is output without HTML escaping; the project's views and context processors "+
					"set it to %s, which no form, serializer or request handler of the project writes outside the admin and "+
					"the views that ask for a permission to add or change rows, so staff or editors set it: sanitize it before "+
					"anyone else can write it", shortExpr(v), marking(v.Expr, i, ""), field))
				break
			}
			if name, call := diskValue(pass.Project, v.Expr, loops); call != "" {
				low(v, fmt.Sprintf("{{ %s }} %s safe, so it is output without HTML escaping; the project's views set %s "+
					"to what %s reads from a file of the server's disk, which the deployment writes (a build's output), "+
					"not a visitor: keep uploads and anything users write out of that folder", shortExpr(v), marking(v.Expr, i, ""), name, call))
				break
			}
			if name := rootVar(v.Expr); name != "" && unsetVar(pass.Project, pass.File, name) {
				low(v, fmt.Sprintf("{{ %s }} %s safe, so it is output without HTML escaping; but nothing the project renders "+
					"this template with puts %s in its context, and no context processor sets it, so it renders empty: "+
					"drop it, or escape what a view starts to pass", shortExpr(v), marking(v.Expr, i, ""), name))
				break
			}
			if block, kids := replacedBlock(pass.Project, pass.File, d.tpl, v.Start); block != "" {
				low(v, fmt.Sprintf("{{ %s }} %s safe, so it is output without HTML escaping; but it is the default of "+
					"{%% block %s %%}, which each of the %d templates extending this one replaces without {{ block.super }}, "+
					"and nothing renders or includes this template itself, so it is never shown: drop it, or escape it "+
					"before a page starts to show it", shortExpr(v), marking(v.Expr, i, ""), block, kids))
				break
			}
			if c := e.Context; c.State == djtemplate.InRawText && c.Element.Name == "style" && strippedBefore(v.Expr, i) {
				low(v, fmt.Sprintf("{{ %s }} %s safe inside a <style> element, after striptags, which removes every tag "+
					"and so </style>: the value cannot leave the stylesheet, but CSS from outside can still restyle the page "+
					"and send what selectors match to another site: keep it to trusted authors", shortExpr(v), marking(v.Expr, i, "")))
				break
			}
			if c := e.Context; c.State == djtemplate.InData && c.RCData != nil && strippedLast(v.Expr) {
				low(v, fmt.Sprintf("{{ %s }} %s safe inside a <%s> element, after striptags, which removes every tag and so "+
					"</%s>: the browser shows what is left as text", shortExpr(v), marking(v.Expr, i, ""), c.RCData.Name, c.RCData.Name))
				break
			}
			msg := fmt.Sprintf("{{ %s }} %s safe, so it is output without HTML escaping; if it can hold user input this is stored XSS",
				shortExpr(v), marking(v.Expr, i, "")) + filterFix(v.Expr, i)
			if c := e.Context; c.State == djtemplate.InRawText && c.Element.Name == "script" && runsAsJS(c.Element) {
				// DJT103 leaves values marked safe to this rule (markedSafe)
				msg += "; in a <script> block, where </script> in the value ends the script, pass data with json_script"
			}
			pass.Reportf(at(pass, v.Start), "%s", msg)
			break
		}
	}
	var blocks childBlocks
	idle := idleOutsideBlocks(d.tpl.Nodes)
	eachOff(d.tpl.Nodes, func(t *djtemplate.Tag) {
		if idle[t] {
			return
		}
		var names []string // the first three, for the message
		count := 0
		add := func(what string) {
			count++
			if len(names) < 3 {
				names = append(names, what)
			}
		}
		// what only staff write (fields no form of the project takes)
		// makes the block low, as it makes a value marked safe
		var staffFields []string
		staffOnly := true
		resetMail := passwordResetMail(pass.Project, pass.File)
		unescaped(pass.Project, t.Body, lits, func(what string, e *djtemplate.FilterExpr) {
			if resetMail && e != nil && e.Value.Kind == djtemplate.OperandVariable && resetContext[e.Value.Value] {
				return // {{ protocol }}://{{ domain }}: Django's own values
			}
			add(what)
			field, ok := "", false
			if e != nil {
				field, ok = staffOnlyField(pass.Project, pass.File, e, loops)
			}
			if staffOnly = staffOnly && ok; ok && !slices.Contains(staffFields, field) {
				staffFields = append(staffFields, field)
			}
		})
		// A block inside {% autoescape off %} renders the templates that
		// extend this one unescaped too.
		djtemplate.Inspect(t.Body, func(n djtemplate.Node) bool {
			b, ok := n.(*djtemplate.Tag)
			if !ok || b.Name != "block" || len(b.Args) == 0 {
				return !(ok && b.Name == "autoescape" && len(b.Args) > 0 && b.Args[0] == "on")
			}
			r := blocks.of(pass.Project, pass.File, b.Args[0])
			if r.count > 0 {
				staffOnly = false
			}
			count += r.count - len(r.names)
			for _, what := range r.names {
				add(what)
			}
			return true
		})
		if count == 0 {
			return
		}
		more := ""
		if count > len(names) {
			more = fmt.Sprintf(" and %d more", count-len(names))
		}
		if staffOnly {
			pass.Report(analysis.Diagnostic{
				Location: at(pass, t.Start),
				Message: fmt.Sprintf("{%% autoescape off %%} outputs %s%s without HTML escaping; no form, serializer or request "+
					"handler of the project writes %s outside the admin and the views that ask for a permission to add or change "+
					"rows, so staff or editors set it, or the project's code fills it: sanitize it before anyone else can write it",
					strings.Join(names, ", "), more, strings.Join(staffFields, ", ")),
				Severity: report.Low,
			})
			return
		}
		pass.Reportf(at(pass, t.Start), "{%% autoescape off %%} outputs %s%s without HTML escaping; if any can hold user input this is XSS",
			strings.Join(names, ", "), more)
	})
}

// passwordResetMail reports Django's password reset e-mail, by the name
// PasswordResetView renders it under (email_template_name's default):
// Django puts its own values in its context, none a user's text.
func passwordResetMail(p *project.Project, f *project.File) bool {
	switch templateName(p, f) {
	case "registration/password_reset_email.html", "registration/password_reset_email.txt":
		return true
	}
	return false
}

// resetContext are the values of the password reset e-mail's context that
// hold no markup: the scheme, the host Django validated against
// ALLOWED_HOSTS (or the Site's domain, which staff set), the user's id in
// base64, the token, and the user's validated username and address.
var resetContext = map[string]bool{
	"protocol": true, "domain": true, "site_name": true, "uid": true, "token": true, "email": true,
	"user.get_username": true, "user.username": true, "user.email": true,
}

// idleOutsideBlocks returns the tags at the top level of a template that
// extends another: Django renders only such a template's blocks, in its
// parent, so an {% autoescape off %} around them changes nothing (their
// values are escaped as the parent's context says).
func idleOutsideBlocks(nodes []djtemplate.Node) map[*djtemplate.Tag]bool {
	extends := false
	for _, n := range nodes {
		if t, ok := n.(*djtemplate.Tag); ok && t.Name == "extends" {
			extends = true
		}
	}
	if !extends {
		return nil
	}
	out := map[*djtemplate.Tag]bool{}
	for _, n := range nodes {
		if t, ok := n.(*djtemplate.Tag); ok {
			out[t] = true
		}
	}
	return out
}

// eachOff calls fn for each {% autoescape off %} that no other one
// encloses: what a nested one outputs, the one around it reports already,
// and a report for each level made deep nesting quadratic. One inside an
// {% autoescape on %} within it stands on its own.
func eachOff(nodes []djtemplate.Node, fn func(*djtemplate.Tag)) {
	djtemplate.Inspect(nodes, func(n djtemplate.Node) bool {
		t, ok := n.(*djtemplate.Tag)
		if !ok || t.Name != "autoescape" || len(t.Args) == 0 || t.Args[0] != "off" {
			return true
		}
		fn(t)
		djtemplate.Inspect(t.Body, func(n djtemplate.Node) bool {
			on, ok := n.(*djtemplate.Tag)
			if ok && on.Name == "autoescape" && len(on.Args) > 0 && on.Args[0] == "on" {
				eachOff(on.Body, fn)
				return false
			}
			return true
		})
		return false
	})
}

// unescapedInBlock is what the templates extending one output unescaped
// in their blocks of one name: how many values and includes, and the
// first three, for the message.
type unescapedInBlock struct {
	count int
	names []string
}

// childBlocks holds, per block name, what the children of a template put
// in their blocks of that name. Every block of every {% autoescape off %}
// asks, so each child's top-level blocks are listed and its literal names
// found (a walk of the whole child) once, and each name's answer is kept.
type childBlocks struct {
	byName map[string]unescapedInBlock
	kids   []child
}

// child is a template extending the one checked, with its top-level
// blocks by name and the names its literals bind.
type child struct {
	path   string
	blocks map[string][]*djtemplate.Tag
	lits   map[string]bool
}

func (cb *childBlocks) of(p *project.Project, f *project.File, name string) unescapedInBlock {
	if cb.byName == nil {
		cb.byName = map[string]unescapedInBlock{}
		for _, c := range tplsrc.Children(p)[f.Path] {
			ct := tplsrc.ForFile(c)
			if ct.Template == nil {
				continue
			}
			k := child{path: c.Path, blocks: map[string][]*djtemplate.Tag{}}
			for _, cn := range ct.Nodes {
				if b, ok := cn.(*djtemplate.Tag); ok && b.Name == "block" && len(b.Args) > 0 {
					k.blocks[b.Args[0]] = append(k.blocks[b.Args[0]], b)
				}
			}
			if len(k.blocks) > 0 {
				k.lits = (&doc{tpl: ct.Template}).literalNames(projectFilters(p).configTags)
				cb.kids = append(cb.kids, k)
			}
		}
	}
	if r, ok := cb.byName[name]; ok {
		return r
	}
	var r unescapedInBlock
	for _, k := range cb.kids {
		for _, b := range k.blocks[name] {
			unescaped(p, b.Body, k.lits, func(what string, _ *djtemplate.FilterExpr) {
				r.count++
				if len(r.names) < 3 {
					r.names = append(r.names, what+" (in "+k.path+")")
				}
			})
		}
	}
	cb.byName[name] = r
	return r
}

// unescaped calls fn for each variable and include in nodes that
// {% autoescape off %} leaves unescaped, skipping nested
// {% autoescape on %} blocks.
func unescaped(p *project.Project, nodes []djtemplate.Node, lits map[string]bool, fn func(what string, e *djtemplate.FilterExpr)) {
	djtemplate.Inspect(nodes, func(n djtemplate.Node) bool {
		switch n := n.(type) {
		case *djtemplate.Tag:
			if n.Name == "autoescape" && len(n.Args) > 0 && n.Args[0] == "on" {
				return false
			}
			if n.Name == "include" {
				fn("{% "+n.Raw+" %}", nil)
			}
		case *djtemplate.Variable:
			e := n.Expr
			if e == nil || literalExpr(e, lits, len(e.Filters)) || neutralizedBefore(e, len(e.Filters), false) || renderedSafe(e) || configExpr(p, nil, e) {
				return true
			}
			if len(unescapingFilters(p, e)) > 0 || cleanedBefore(p, e, len(e.Filters)) {
				// marked safe, it is judged on its own (one finding
				// per value); cleaned, the block leaves it as it is
				return true
			}
			fn("{{ "+shortExpr(n)+" }}", e)
		}
		return true
	})
}

// unescapingFilters returns the positions in e of the filters that mark
// their input safe without escaping it, in order: safe, safeseq, and the
// project's filters that return their input marked safe
// (filterIndex.marksRaw: {{ notes|linkify }} where linkify is
// mark_safe(bleach.linkify(value)), which keeps the markup it is given).
func unescapingFilters(p *project.Project, e *djtemplate.FilterExpr) []int {
	var at []int
	var x *filterIndex
	for i, f := range e.Filters {
		switch {
		case f.Name == "safe" || f.Name == "safeseq":
			at = append(at, i)
		case builtinFilters[f.Name]:
		default:
			if x == nil {
				x = projectFilters(p)
			}
			if x.marksRaw[f.Name] {
				at = append(at, i)
			}
		}
	}
	return at
}

// marking says how filter i of e marks its value safe, for a message
// that goes on with " safe": "marks notes" or "passes notes to linkify, a
// filter of the project that marks its input". note follows the value's
// name (", which the visitor sends,").
func marking(e *djtemplate.FilterExpr, i int, note string) string {
	if f := e.Filters[i].Name; f != "safe" && f != "safeseq" {
		return "passes " + e.Value.Raw + note + " to " + f + ", a filter of the project that marks its input"
	}
	return "marks " + e.Value.Raw + note
}

// filterFix says how to mend a project filter that marks its input safe,
// once for every template that uses it.
func filterFix(e *djtemplate.FilterExpr, i int) string {
	if f := e.Filters[i].Name; f != "safe" && f != "safeseq" {
		return "; make " + f + " escape its input before it adds markup (conditional_escape(value), " +
			"urlize(value, autoescape=True)), as Django's own linebreaks and urlize do"
	}
	return ""
}

func firstFilter(e *djtemplate.FilterExpr, name string) int {
	for i, f := range e.Filters {
		if f.Name == name {
			return i
		}
	}
	return -1
}

// jsEscapedAfter reports a value that escapejs escapes after filter i
// marked it safe ({{ config|safe|escapejs }}), where nothing it leaves
// runs: HTML text or an attribute, where it turns < > & and quotes into
// \u escapes, or a single- or double-quoted JavaScript string that closes
// on its line. In a template literal ${...} still runs, and outside
// quotes in a script the value is code.
func jsEscapedAfter(x *djtemplate.FilterExpr, i int, c djtemplate.Context, src string, v *djtemplate.Variable) bool {
	after := false
	for _, f := range x.Filters[i+1:] {
		if f.Name == "escapejs" {
			after = true
		} else if after {
			return false // a filter after escapejs may undo it
		}
	}
	switch {
	case !after:
		return false
	case c.State == djtemplate.InRawText:
		return c.Element != nil && c.Element.Name == "script" && aloneInString(src, v.Start.Offset, v.End.Offset, func(string) bool { return false })
	}
	return true
}

// staffOnlyField reports a model field a value reads last
// (product.description, offers.0.title) that no form, serializer, edit
// view or request handler of the project writes (modelFields, whose
// writersScope decides which writes count): staff enter it in the admin,
// or the project's code fills it. It returns the field as messages name
// it: a field named title, the title of ArticlePage. A relation
// (entry.docket) is never one: what it shows is the other row's text,
// which others may write whoever picks the row.
func staffOnlyField(p *project.Project, f *project.File, e *djtemplate.FilterExpr, loops map[string][]string) (string, bool) {
	x := modelFields(p)
	field, owner, ok := x.fieldOwner(p, f, e, loops)
	if !ok {
		return "", false
	}
	if x.relation[field] {
		if what, ok := x.staffOnlyRelation(owner, field); ok {
			return what, true
		}
		return field, false
	}
	_, what := x.writersScope(owner, field)
	return what, !x.userWritableOn(owner, field)
}

// cleanedField returns the model field a value reads last, and the
// sanitizer the model's save() passes it through (fieldIndex.cleanedOnSaveOf),
// or, with writers true, the one every writer of the field passes it
// through (fieldIndex.cleanedByWriters); by is "" when it is not cleaned
// so.
func cleanedField(p *project.Project, f *project.File, e *djtemplate.FilterExpr, loops map[string][]string) (field, by string, writers bool) {
	if e.Value.Kind == djtemplate.OperandVariable {
		if field := markupRendered(p, e.Value.Value); field != "" {
			if path, by := markupRenderers(p); path != "" {
				return field, "the MARKUP_FIELD_TYPES renderers of " + path + " (" + by + ")", false
			}
		}
	}
	x := modelFields(p)
	field, owner, ok := x.fieldOwner(p, f, e, loops)
	if !ok {
		return "", "", false
	}
	if owner == "instance" {
		if model := x.modelOf(pluginOf(p, f)); model != "" {
			if by := x.cleanedIn(x.lineage(model), field); by != "" {
				return field, by, false
			}
		}
	} else if by := x.cleanedOnSaveOf(owner, field); by != "" {
		return field, by, false
	}
	if by := x.cleanedByWriters(owner, field); by != "" && !x.relation[field] {
		return field, by, true
	}
	return field, "", false
}

// pluginOf returns the model of the django CMS plugin that renders f,
// when one plugin does and no other code renders it; "" otherwise.
func pluginOf(p *project.Project, f *project.File) string {
	plugin := ""
	for _, s := range renderSites(p)[f.Path] {
		if s.plugin == "" || plugin != "" && s.plugin != plugin {
			return ""
		}
		plugin = s.plugin
	}
	return plugin
}

// fieldRead returns the field a value reads last and the object it reads
// it from: description and product of product.description, title and
// offers of offers.0.title.
func fieldRead(e *djtemplate.FilterExpr) (field, owner string, ok bool) {
	if e.Value.Kind != djtemplate.OperandVariable {
		return "", "", false
	}
	parts := strings.Split(e.Value.Value, ".")
	for len(parts) > 1 && isIndex(parts[len(parts)-1]) {
		parts = parts[:len(parts)-1]
	}
	if len(parts) < 2 {
		return "", "", false
	}
	return parts[len(parts)-1], parts[len(parts)-2], true
}

// modelOfTemplate returns the model a template is named for by Django's
// generic views (shop/product_detail.html, product_confirm_delete.html)
// and the libraries that follow them (trek_detail_attributes.html): the
// longest start of its name, up to an underscore, that names a model; ""
// when none does. There, object is a row of that model.
func (x *fieldIndex) modelOfTemplate(name string) string {
	stem := path.Base(name)
	stem = strings.TrimSuffix(stem, path.Ext(stem))
	best := ""
	for i := 1; i < len(stem); i++ {
		if stem[i] == '_' {
			if m := x.modelOf(stem[:i]); m != "" {
				best = m
			}
		}
	}
	return best
}

// fieldOwner is fieldRead with the owner named for its model
// (fieldIndex.ownerName); object, in a template named for a model, is a
// row of it (modelOfTemplate); an owner that names none but is a relation
// of the object before it takes the model the relation holds
// ({{ article.license.text }}: Article's license, a Licence).
func (x *fieldIndex) fieldOwner(p *project.Project, f *project.File, e *djtemplate.FilterExpr, loops map[string][]string) (field, owner string, ok bool) {
	field, owner, ok = fieldRead(e)
	if !ok {
		return "", "", false
	}
	// named is the name a variable's model is found by
	named := func(v string) string {
		if v == "object" {
			if m := x.modelOfTemplate(templateName(p, f)); m != "" {
				return m // {{ object.title }} in shop/product_detail.html
			}
		}
		return x.ownerName(p, v, loops)
	}
	own := named(owner)
	if x.modelOf(own) != "" {
		return field, own, true
	}
	parts := strings.Split(e.Value.Value, ".")
	for len(parts) > 1 && isIndex(parts[len(parts)-1]) {
		parts = parts[:len(parts)-1]
	}
	if len(parts) >= 3 {
		if parent := x.modelOf(named(parts[len(parts)-3])); parent != "" {
			for _, c := range x.lineage(parent) {
				if t := x.relTarget[c][owner]; t != "" && x.models[t] {
					return field, t, true
				}
			}
		}
	}
	return field, own, true
}

// rootVar returns the context variable a value reads first ("content"
// for content.body), or "" for a literal.
func rootVar(e *djtemplate.FilterExpr) string {
	if e.Value.Kind != djtemplate.OperandVariable {
		return ""
	}
	name, _, _ := strings.Cut(e.Value.Value, ".")
	return name
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// strippedLast reports a value whose tags striptags removes, followed
// only by filters that add none: in a <title> or <textarea>, which only
// their end tag ends, that leaves it text.
func strippedLast(e *djtemplate.FilterExpr) bool {
	stripped := false
	for _, f := range e.Filters {
		switch f.Name {
		case "striptags":
			stripped = true
		case "safe", "truncatechars", "truncatewords", "upper", "lower", "capfirst", "title", "cut", "slice", "default":
		default:
			stripped = false
		}
	}
	return stripped
}

// strippedBefore reports a value passed through striptags before filter
// number upto: in a <style> element's raw text, where only </style> ends
// it, that leaves nothing to end it with.
func strippedBefore(e *djtemplate.FilterExpr, upto int) bool {
	for i, f := range e.Filters {
		if i >= upto {
			break
		}
		if f.Name == "striptags" {
			return true
		}
	}
	return false
}
