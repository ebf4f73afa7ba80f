package settings

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// SessionPickleSerializer finds sessions serialized with pickle.
var SessionPickleSerializer = &analysis.Rule{
	ID: "DJS507", Name: "session-pickle-serializer",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{502}, Checklist: []int{3, 12},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Sessions are serialized with pickle",
		What: "Reports SESSION_SERIALIZER set to a PickleSerializer. With SESSION_ENGINE " +
			"\"django.contrib.sessions.backends.signed_cookies\" the finding is critical: the client holds the " +
			"pickled data, and whoever knows SECRET_KEY can make the server unpickle anything.",
		Why: "Unpickling attacker-controlled data runs code. A leaked SECRET_KEY, or write access to the session " +
			"store (cache, database), becomes remote code execution.",
		Bad:        "SESSION_SERIALIZER = \"django.contrib.sessions.serializers.PickleSerializer\"",
		Good:       "SESSION_SERIALIZER = \"django.contrib.sessions.serializers.JSONSerializer\"",
		Fix:        "Use the JSONSerializer (Django's default) and store only JSON-serializable data in sessions.",
		References: []string{"https://docs.djangoproject.com/en/stable/topics/http/sessions/#session-serialization"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			c, ok := st.Check(e.Value("SESSION_SERIALIZER"), func(v *st.Value) bool {
				return v.Kind == st.Str && strings.HasSuffix(v.S, "PickleSerializer")
			})
			if !ok {
				return
			}
			d := pendingAt(c, "sessions are serialized with pickle"+c.When())
			if _, signed := st.Check(e.Value("SESSION_ENGINE"), func(v *st.Value) bool {
				return v.Kind == st.Str && strings.HasSuffix(v.S, "signed_cookies")
			}); signed {
				d.Message = "sessions are pickled into signed cookies" + c.When() + ": a leaked SECRET_KEY becomes remote code execution"
				d.Severity = report.Critical
			}
			r.add(d)
		})
	},
}
