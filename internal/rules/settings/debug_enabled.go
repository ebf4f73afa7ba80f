package settings

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// DebugEnabled finds DEBUG = True in production settings, or DEBUG that is
// True whenever an environment variable is unset.
var DebugEnabled = &analysis.Rule{
	ID: "DJS101", Name: "debug-enabled",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{489, 215}, Checklist: []int{3, 9},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "DEBUG is enabled in production settings",
		What: "Reports DEBUG when a production settings module sets it to a true value, or when it reads an " +
			"environment variable whose default makes it true (`os.environ.get(\"DJANGO_DEBUG\", \"True\") == \"True\"`, " +
			"`env.bool(\"DEBUG\", default=True)`, `config(\"DEBUG\", default=True, cast=bool)`). Local, dev and test " +
			"settings modules are left alone. This is check --deploy's security.W018, with the file and line. DEBUG that takes an " +
			"environment variable's text as it is (`DEBUG = os.getenv(\"DEBUG\", False)`) is medium: the string \"False\" is true. " +
			"A default that the production settings module, or a module it star-imports, refuses to start with (`assert not DEBUG`, or `if DEBUG: raise ...`, also under " +
			"an if on the environment) is low, and so is DEBUG = True that the module then leaves to an optional local settings module the tree does not hold " +
			"(`try: from .local_settings import *` / `except ImportError: pass`, with nothing after it setting DEBUG again): the developers' defaults, " +
			"which each server's own file completes.",
		Why: "With DEBUG on, every error page shows the settings (with secrets partly masked), the SQL run, local " +
			"variables and the source around the failing line; Django keeps every SQL query in memory; and static " +
			"error pages turn into a map of the application for an attacker.",
		Bad:  "DEBUG = os.environ.get(\"DJANGO_DEBUG\", \"True\") == \"True\"",
		Good: "DEBUG = os.environ.get(\"DJANGO_DEBUG\", \"False\") == \"True\"",
		Fix:  "Default DEBUG to False and enable it only in local settings or through an environment variable set on developer machines.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#debug",
			"https://docs.djangoproject.com/en/stable/ref/settings/#debug",
		},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			v := e.Value("DEBUG")
			if c, ok := st.Holds(v, isTrue); ok {
				if stop := refusal(pass.Project, e, refusesDebug); stop != "" && c.FromEnv() {
					// the fallback only: set DEBUG = True outright and
					// the refusal stops every start
					r.lowering("; the production settings refuse to start with it ("+stop+"): only the environments the refusal lets "+
						"through run with the fallback").at(c, "DEBUG is "+c.V.Repr()+c.When())
					return
				}
				if l := e.LocalOverride("DEBUG"); l != nil && !c.FromEnv() {
					// DEBUG = True, then try: from .local_settings
					// import *: the developers' defaults, which each
					// server's own file completes
					r = r.lowering("; but the settings then import " + l.Module + " at " + l.At + " when the server has it, " +
						"and nothing after that import sets DEBUG again: check that every server's copy sets DEBUG = False")
				}
				r.at(c, "DEBUG is "+c.V.Repr()+c.When())
				return
			}
			if v != nil && v.Kind == st.Env && rawEnvDebug(pass, v.Origin) {
				d := analysis.Diagnostic{Location: st.Loc(v.Origin), Severity: report.Medium, Confidence: report.HighConfidence,
					Message: "DEBUG takes the string in " + st.VarList(v.Vars) + " uncast: DEBUG=False or DEBUG=0 is a non-empty " +
						"string, which Python takes as true, so debug is on; compare it (== \"True\") or cast it to a boolean"}
				r.add(d)
			}
		})
	},
}

// rawEnvLookup matches a line that gives DEBUG the environment's text
// itself: DEBUG = os.getenv("DEBUG", False), with nothing that compares
// or casts it.
var rawEnvLookup = lazyre.New(`^\s*DEBUG\s*=\s*os\.(?:getenv|environ\.get)\(\s*["'][A-Za-z0-9_]+["']\s*(?:,\s*(?:False|None|0|""|''|"False"|'False'|"0"|'0')\s*)?\)\s*(?:#.*)?$`)

// rawEnvDebug reports whether the line at o gives DEBUG the raw text of
// an environment variable (rawEnvLookup).
func rawEnvDebug(pass *analysis.Pass, o st.Origin) bool {
	f := pass.Project.File(o.Path)
	if f == nil || o.Line <= 0 {
		return false
	}
	data, err := f.Content()
	if err != nil {
		return false
	}
	lines := strings.Split(string(data), "\n")
	return o.Line <= len(lines) && rawEnvLookup().MatchString(strings.TrimRight(lines[o.Line-1], "\r"))
}
