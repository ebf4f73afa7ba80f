package probe

import (
	"bytes"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
)

// DebugToolbarExposed finds django-debug-toolbar served to outsiders.
var DebugToolbarExposed = &analysis.Rule{
	ID: "DJL404", Name: "debug-toolbar-exposed",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{489, 200}, Checklist: []int{3, 9},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "django-debug-toolbar is shown to outside visitors",
		What: "djsec looks for the toolbar's markup (id=\"djDebug\") in the home page and asks the toolbar's own /__debug__/render_panel/ view, " +
			"recognized by its answer, not its status.",
		Why:  "The toolbar shows SQL queries with parameters, settings, headers, session data and templates with context: the internals of every request.",
		Bad:  "INSTALLED_APPS += [\"debug_toolbar\"]; INTERNAL_IPS = [\"0.0.0.0/0\"]",
		Good: "if DEBUG: INSTALLED_APPS += [\"debug_toolbar\"]  # local settings only",
		Fix:  "Install django-debug-toolbar only in development settings, never with DEBUG = False sites or open INTERNAL_IPS.",
		References: []string{
			"https://django-debug-toolbar.readthedocs.io/en/latest/installation.html",
		},
	},
	Run: func(p *analysis.Pass) {
		s, home := homePass(p)
		if home != nil && bytes.Contains(home.Body, []byte(`id="djDebug"`)) {
			p.Report(analysis.Diagnostic{Location: at(home.URL), Snippet: "djDebug", Message: "the django-debug-toolbar is rendered into the home page for outside visitors"})
			return
		}
		if s == nil {
			return
		}
		checkPaths(p, s, []pathCheck{{
			path:   "/__debug__/render_panel/?store_id=djsec&panel_id=djsec",
			marker: toolbarPanel(),
			what:   "django-debug-toolbar's views answer at /__debug__/",
		}})
	},
}

// toolbarPanel is an answer of the toolbar's panel view.
var toolbarPanel = lazyre.New(`(?i)data for this panel isn|djdt|djDebug`)
