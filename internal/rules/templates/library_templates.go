package templates

import (
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/djtemplate"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/settings"
)

// A project may copy a library's template into its own templates folder
// to restyle it (templates/drf-yasg/swagger-ui.html). The library's view
// still renders it, with the context the library makes: the values its
// own copy marks safe are what the library builds from its settings and
// the project's code, not text people write.

// libraryTemplateVars are, by a library template's name, the context
// variables its library fills with JSON of its settings or of the API's
// schema, or with the site's own compressed assets, which the library's
// own copy outputs with |safe: a name for the variable and what it holds,
// a dotted path for that value alone.
var libraryTemplateVars = map[string][]string{
	// drf-yasg's renderers: json.dumps of SWAGGER_SETTINGS and REDOC_SETTINGS
	"drf-yasg/swagger-ui.html": {"swagger_settings", "oauth2_config"},
	"drf-yasg/redoc.html":      {"redoc_settings"},
	"drf-yasg/redoc-old.html":  {"redoc_settings"},
	// DRF's browsable API: the view's description, its docstring (or
	// description attribute) rendered with markdown, or escaped
	"rest_framework/api.html":  {"description"},
	"rest_framework/base.html": {"description"},
	// django-rest-swagger's renderer: its settings and the OpenAPI schema
	// the project's views and serializers describe
	"rest_framework_swagger/index.html": {"drs_settings", "spec"},
	// Wagtail's date widgets: json.dumps of the date format settings
	"wagtailadmin/widgets/date_input.html":     {"widget.config_json"},
	"wagtailadmin/widgets/datetime_input.html": {"widget.config_json"},
	"wagtailadmin/widgets/time_input.html":     {"widget.config_json"},
	// django-compressor's inline output: the project's static files, or
	// a {% compress %} block the template rendered (and escaped), joined
	// and minified
	"compressor/css_inline.html": {"compressed.content"},
	"compressor/js_inline.html":  {"compressed.content"},
}

// libraryCleaned are, by a library template's name, the variables its
// library fills with text it cleaned of markup when it was saved, and the
// setting that turns the cleaning off when false: djangocms-text-ckeditor's
// TextPlugin renders its body, which html5lib sanitizes as the editor
// saves it (TEXT_HTML_SANITIZE, on by default).
var libraryCleaned = map[string]struct {
	vars    []string
	setting string
}{
	"cms/plugins/text.html": {[]string{"body"}, "TEXT_HTML_SANITIZE"},
}

// libraryFilled reports a variable of a template that copies a library's
// (its path ends in the library's name for it) that the library fills,
// where the project's own code renders the template nowhere itself.
func libraryFilled(p *project.Project, f *project.File, e *djtemplate.FilterExpr) bool {
	if e.Value.Kind != djtemplate.OperandVariable {
		return false
	}
	root, _, _ := strings.Cut(e.Value.Value, ".")
	for name, c := range libraryCleaned {
		if strings.HasSuffix(f.Path, "/"+name) && slices.Contains(c.vars, e.Value.Value) && !settingOff(p, c.setting) {
			return len(renderSites(p)[f.Path]) == 0
		}
	}
	for name, vars := range libraryTemplateVars {
		if !strings.HasSuffix(f.Path, "/"+name) {
			continue
		}
		for _, v := range vars {
			if v == root && !strings.Contains(v, ".") || v == e.Value.Value {
				return len(renderSites(p)[f.Path]) == 0
			}
		}
	}
	return false
}

// settingOff reports a production settings module that sets name to a
// false value (one djsec cannot evaluate, in settings it cannot read
// whole, leaves the library's default).
func settingOff(p *project.Project, name string) bool {
	for _, e := range settings.Load(p).Production() {
		if e.Value(name).Truth() == 0 {
			return true
		}
	}
	return false
}
