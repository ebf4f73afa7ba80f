package settings

import (
	"maps"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/pysrc"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// debugApps are development tools that expose internals when installed.
var debugApps = map[string]string{
	"debug_toolbar":           "django-debug-toolbar shows settings, SQL and request data",
	"django_extensions":       "django-extensions adds runserver_plus (a Werkzeug debugger that runs code) and shell tools; installed, it serves nothing, and only a deployment that runs runserver_plus exposes the debugger (DJI405 reports one)",
	"silk":                    "django-silk records and shows every request, its SQL and its body",
	"debug_panel":             "django-debug-panel shows settings, SQL and request data",
	"template_profiler_panel": "the template profiler shows template internals",
}

// commandOnlyApps add management commands and no view or middleware: being
// installed exposes nothing until someone runs one of their commands as
// the server, which the deployment rules look for. They are low.
var commandOnlyApps = map[string]bool{"django_extensions": true}

// DebugAppsInstalled finds development tools in production INSTALLED_APPS.
var DebugAppsInstalled = &analysis.Rule{
	ID: "DJS505", Name: "debug-apps-installed",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{489}, Checklist: []int{3, 9},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Development tools are installed in production",
		What: "Reports debug_toolbar, django_extensions, silk and similar development apps in the INSTALLED_APPS " +
			"of a production settings module, including apps added by a base module that production does not remove. " +
			"django_extensions is low: it only adds management commands, and runserver_plus exposes its debugger only " +
			"where a deployment runs it as the server (DJI405). debug_toolbar is low where production's DEBUG is off, or on only in some environments (DEBUG = ENVIRONMENT != \"production\", " +
			"which DJS101 reports), and DEBUG_TOOLBAR_CONFIG sets no SHOW_TOOLBAR_CALLBACK, or one that names a function of the project whose " +
			"every return needs DEBUG (return DEBUG and SHOW_TOOLBAR): the toolbar's own test shows it only while DEBUG is on, " +
			"to the addresses in INTERNAL_IPS. silk is low where SILKY_AUTHENTICATION and SILKY_AUTHORISATION are both True: its pages ask for a " +
			"login and SILKY_PERMISSIONS (staff by default); and where production's MIDDLEWARE has no SilkyMiddleware (also one that adds it only under " +
			"if DEBUG, with DEBUG off when the environment does not turn it on): nothing records what its pages would show.",
		Why: "These apps show settings, SQL, request bodies and source, and some run code (the Werkzeug debugger " +
			"of runserver_plus); a misconfigured INTERNAL_IPS or SHOW_TOOLBAR_CALLBACK exposes them to everyone.",
		Bad:        "INSTALLED_APPS += [\"debug_toolbar\"]  # in base.py",
		Good:       "INSTALLED_APPS += [\"debug_toolbar\"]  # in local.py only",
		Fix:        "Install development apps only in local settings, and keep them out of production requirements.",
		References: []string{"https://django-debug-toolbar.readthedocs.io/en/latest/installation.html"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			apps := e.Value("INSTALLED_APPS")
			for _, name := range slices.Sorted(maps.Keys(debugApps)) {
				has := func(v *st.Value) bool {
					if !v.IsSeq() {
						return false
					}
					for _, a := range v.Elems {
						if a.Kind == st.Str && a.S == name {
							return true
						}
					}
					return false
				}
				c, ok := st.Holds(apps, has)
				if !ok {
					continue
				}
				at := c
				for _, a := range c.V.Elems {
					if a.Kind == st.Str && a.S == name && !c.FromEnv() {
						at.At = a.Origin
					}
				}
				d := pendingAt(at, name+" is installed in production settings: "+debugApps[name]+c.When())
				switch {
				case commandOnlyApps[name]:
					d.Severity = report.Low
				case name == "silk" && silkLocked(e):
					// its pages ask for a login and a permission
					d.Severity = report.Low
					d.Message += "; but SILKY_AUTHENTICATION and SILKY_AUTHORISATION are on, so its pages ask for a login and " +
						"SILKY_PERMISSIONS (staff by default); what it records still sits in the database"
				case name == "silk" && silkIdle(e) != "":
					// nothing records what its pages would show
					d.Severity = report.Low
					d.Message += "; but MIDDLEWARE has no silk.middleware.SilkyMiddleware" + silkIdle(e) + ", so it records no request: " +
						"keep its middleware out of production"
				case name == "debug_toolbar":
					test := "no SHOW_TOOLBAR_CALLBACK replaces the toolbar's own test, which shows it only while DEBUG is on and to INTERNAL_IPS"
					if toolbarCallback(e) {
						cb := callbackNeedingDebug(pass.Project, e)
						if cb == "" {
							break
						}
						test = "its SHOW_TOOLBAR_CALLBACK, " + cb + ", shows it only while DEBUG is on"
					}
					if off, ok := debugOff(e); ok {
						d.Severity = report.Low
						d.Message += "; but DEBUG is off" + off + " and " + test
					} else if !debugAlwaysOn(e) {
						// DEBUG = ENVIRONMENT != "production": the toolbar
						// shows where DEBUG does, which DJS101 reports
						d.Severity = report.Low
						d.Message += "; but " + test + ", and DEBUG is on here only in some environments: turning it off " +
							"in production (DJS101) hides the toolbar too"
					}
				}
				r.add(d)
			}
		})
	},
}

// silkIdle says when production's MIDDLEWARE lacks django-silk's
// SilkyMiddleware, which records the requests its pages show: " whenever
// DEBUG is unset" for a list that adds it only under if DEBUG, " " when it
// never has it, "" when it may have it or the list is not known.
func silkIdle(e *st.Entry) string {
	c, ok := st.Holds(e.Value("MIDDLEWARE"), func(v *st.Value) bool {
		if v.Kind != st.List {
			return false
		}
		for _, m := range v.Elems {
			if m.Kind != st.Str || m.S == "silk.middleware.SilkyMiddleware" {
				return false
			}
		}
		return true
	})
	if !ok {
		return ""
	}
	if w := c.When(); w != "" {
		return w
	}
	return " "
}

// silkLocked reports a production module that sets both
// SILKY_AUTHENTICATION and SILKY_AUTHORISATION true, whatever the
// environment holds: django-silk's pages then require a login and its
// SILKY_PERMISSIONS test (is_staff unless it is replaced).
func silkLocked(e *st.Entry) bool {
	for _, name := range []string{"SILKY_AUTHENTICATION", "SILKY_AUTHORISATION"} {
		v, absent := setting(e, name)
		if absent {
			return false
		}
		if c, ok := st.Holds(v, isTrue); !ok || len(c.Vars) > 0 {
			return false
		}
	}
	return true
}

// toolbarCallback reports whether DEBUG_TOOLBAR_CONFIG may set
// SHOW_TOOLBAR_CALLBACK, which replaces the toolbar's test of DEBUG and
// INTERNAL_IPS: it is set, or the config is not a dict djsec can read.
func toolbarCallback(e *st.Entry) bool {
	cfg := e.Value("DEBUG_TOOLBAR_CONFIG")
	if cfg == nil {
		return false
	}
	return cfg.Kind != st.Dict || cfg.HasUnknownKeys() || cfg.Get("SHOW_TOOLBAR_CALLBACK") != nil
}

// callbackNeedingDebug returns the dotted name of SHOW_TOOLBAR_CALLBACK
// when it names a function of the project whose every return needs DEBUG
// on (return DEBUG and DEBUG_TOOLBAR, return settings.DEBUG, return False),
// so that it keeps the toolbar's own test of DEBUG; "" otherwise.
func callbackNeedingDebug(p *project.Project, e *st.Entry) string {
	cfg := e.Value("DEBUG_TOOLBAR_CONFIG")
	if cfg == nil || cfg.Kind != st.Dict {
		return ""
	}
	cb := cfg.Get("SHOW_TOOLBAR_CALLBACK")
	if cb == nil || cb.Kind != st.Str {
		return ""
	}
	i := strings.LastIndexByte(cb.S, '.')
	if i <= 0 {
		return ""
	}
	mod, fn := cb.S[:i], cb.S[i+1:]
	f := e.File
	if mod != e.Name {
		f = p.ImportedFile(e.File, mod, 0)
	}
	if f == nil {
		return ""
	}
	m, _ := pysrc.Parse(f)
	if m == nil {
		return ""
	}
	for _, s := range m.Body {
		if d, ok := s.(*python.FunctionDef); ok && d.Name == fn && returnsNeedDebug(d) {
			return cb.S
		}
	}
	return ""
}

// returnsNeedDebug reports a function with returns, every one of which is
// False or needs DEBUG: DEBUG and ..., settings.DEBUG.
func returnsNeedDebug(d *python.FunctionDef) bool {
	n := 0
	ok := true
	python.EachStmt(d.Body, func(s python.Stmt) {
		r, isReturn := s.(*python.Return)
		if !isReturn {
			return
		}
		n++
		ok = ok && r.Value != nil && needsDebug(r.Value)
	})
	return n > 0 && ok
}

// needsDebug reports an expression that is true only while DEBUG is.
func needsDebug(e python.Expr) bool {
	switch x := e.(type) {
	case *python.Constant:
		b, isBool := x.Value.(bool)
		return isBool && !b
	case *python.Name:
		return x.ID == "DEBUG"
	case *python.Attribute:
		n, ok := x.Value.(*python.Name)
		return ok && n.ID == "settings" && x.Attr == "DEBUG"
	case *python.BoolOp:
		return x.Op == python.And && slices.ContainsFunc(x.Values, needsDebug)
	}
	return false
}

// debugAlwaysOn reports a production module whose DEBUG is True whatever
// the environment holds.
func debugAlwaysOn(e *st.Entry) bool {
	v, absent := setting(e, "DEBUG")
	if absent {
		return false
	}
	c, ok := st.Holds(v, isTrue)
	return ok && len(c.Vars) == 0
}

// debugOff reports whether DEBUG is off in a production module, with
// when (" whenever DJANGO_DEBUG is unset"): False, or not set at all,
// which is Django's default.
func debugOff(e *st.Entry) (string, bool) {
	v, absent := setting(e, "DEBUG")
	if absent {
		return " (Django's default)", true
	}
	c, ok := st.Holds(v, isFalse)
	return c.When(), ok
}
