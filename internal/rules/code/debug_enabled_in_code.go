package code

import (
	"bytes"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

func init() { taint.IndexCallsNamed("configure") }

// serverWords are what a management command that starts a web server
// mentions: with DEBUG on, that server shows its error pages.
var serverWords = []string{"runserver", "gunicorn", "uvicorn", "waitress", "serve_forever", "make_server", "daphne"}

// startsServer reports source that mentions starting a web server.
func startsServer(src []byte) bool {
	for _, w := range serverWords {
		if bytes.Contains(src, []byte(w)) {
			return true
		}
	}
	return false
}

// DebugEnabledInCode finds DEBUG switched on outside the settings modules.
var DebugEnabledInCode = &analysis.Rule{
	ID:         "DJC210",
	Name:       "debug-enabled-in-code",
	Severity:   report.High,
	Confidence: report.HighConfidence,
	CWE:        []int{489, 215},
	Checklist:  []int{3, 9},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Code outside the settings turns DEBUG on",
		What: "Reports settings.DEBUG = True, DEBUG = True in modules that are not settings modules (wsgi.py, " +
			"asgi.py, manage.py, apps, middleware) and settings.configure(DEBUG=True). Settings modules are checked " +
			"by the settings rules; tests (override_settings(DEBUG=True)) are not reported, nor is a management command that turns it on in its own process " +
			"(to log its SQL queries) and starts no server (runserver, gunicorn, uvicorn, waitress), nor a Sphinx conf.py (one that sets " +
			"extensions and html_theme, master_doc, root_doc, source_suffix or templates_path), which only the documentation build runs.",
		Why: "A DEBUG switch hidden in application code survives a production settings review: error pages then " +
			"show settings, source and SQL to anyone who triggers an exception.",
		Bad:        "# wsgi.py\nfrom django.conf import settings\nsettings.DEBUG = True",
		Good:       "# wsgi.py\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"shop.settings.production\")",
		Fix:        "Remove the assignment; set DEBUG only in settings, from the environment, defaulting to False.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/settings/#debug", "https://cwe.mitre.org/data/definitions/489.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := taint.Load(pass.Project)
		for _, m := range appModules(pass, prog) {
			if isSettings(m) || managementCommand(m) && !startsServer(m.Content()) {
				continue
			}
			ix := m.Index()
			for _, x := range ix.Assigns {
				if b, ok := constBool(x.Value); !ok || !b {
					continue
				}
				for _, t := range x.Targets {
					switch tt := t.(type) {
					case *python.Name:
						if tt.ID == "DEBUG" {
							pass.Reportf(m.Location(x), "DEBUG = True in %s, which is not a settings module", m.File.Path)
						}
					case *python.Attribute:
						if tt.Attr == "DEBUG" {
							pass.Reportf(m.Location(x), "%s = True turns debug mode on at run time", m.Text(tt))
						}
					}
				}
			}
			for _, st := range ix.Calls {
				if st.Q == "django.conf.settings.configure" {
					if b, ok := constBool(kw(st.Call, "DEBUG")); ok && b {
						pass.Reportf(m.Location(st.Call), "settings.configure(DEBUG=True) turns debug mode on")
					}
				}
			}
		}
	},
}
