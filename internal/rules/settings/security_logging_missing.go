package settings

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// SecurityLoggingMissing finds production settings in which security events
// and server errors reach nobody.
var SecurityLoggingMissing = &analysis.Rule{
	ID: "DJS506", Name: "security-logging-missing",
	Severity: report.Low, Confidence: report.MediumConfidence,
	CWE: []int{778}, Checklist: []int{9, 10},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Security events and errors reach nobody",
		What: "Reports production settings with no ADMINS, no error-reporting service set up in the settings " +
			"(Sentry, Rollbar, Bugsnag, Honeybadger) and a LOGGING that does not configure the django.security, " +
			"django or root logger. Logging set up outside the settings is not visible, hence medium confidence.",
		Why: "Django reports suspicious operations (bad Host headers, CSRF failures, tampered signed cookies) on " +
			"the django.security logger and server errors to ADMINS; with neither, attacks and failures go unseen.",
		Bad:        "ADMINS = []",
		Good:       "LOGGING = {\n    \"version\": 1,\n    \"handlers\": {\"console\": {\"class\": \"logging.StreamHandler\"}},\n    \"loggers\": {\"django.security\": {\"handlers\": [\"console\"], \"level\": \"WARNING\"}},\n}",
		Fix:        "Send the django.security logger and errors somewhere people look: a log pipeline with alerts, an error tracker, or ADMINS.",
		References: []string{"https://docs.djangoproject.com/en/stable/topics/logging/#django-security"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			if v := e.Value("ADMINS"); v != nil {
				if c, ok := st.Resolve(v); !ok || c.V.Truth() != 0 {
					return
				}
			}
			for _, name := range []string{"sentry_sdk", "rollbar", "bugsnag", "honeybadger", "ROLLBAR", "BUGSNAG", "HONEYBADGER", "SENTRY_DSN", "RAVEN_CONFIG"} {
				if e.Value(name) != nil {
					return
				}
			}
			if v := e.Value("LOGGING"); v != nil {
				c, ok := st.Resolve(v)
				if !ok || c.V.Kind != st.Dict || c.V.HasUnknownKeys() || c.V.Get("root") != nil {
					return
				}
				loggers := c.V.Get("loggers")
				if loggers == nil || loggers.Kind != st.Dict || loggers.HasUnknownKeys() {
					if loggers != nil {
						return
					}
				} else {
					for _, k := range []string{"django.security", "django", ""} {
						if loggers.Get(k) != nil {
							return
						}
					}
				}
				r.at(c, "LOGGING configures no django.security, django or root logger, and no ADMINS or error tracker is set")
				return
			}
			r.missing("no LOGGING for django.security, no ADMINS and no error tracker: security events and errors reach nobody")
		})
	},
}
