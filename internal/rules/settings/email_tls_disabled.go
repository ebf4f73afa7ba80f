package settings

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// EmailTLSDisabled finds SMTP logins sent without TLS.
var EmailTLSDisabled = &analysis.Rule{
	ID: "DJS409", Name: "email-tls-disabled",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{319, 523}, Checklist: []int{2, 17},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "The SMTP password is sent without TLS",
		What: "Reports production settings that log in to a mail server on another machine (EMAIL_HOST and " +
			"EMAIL_HOST_USER set) with neither EMAIL_USE_TLS nor EMAIL_USE_SSL true. The finding points at EMAIL_HOST.",
		Why: "The SMTP password and every email (password reset links included) then cross the network in clear " +
			"text.",
		Bad:        "EMAIL_HOST = \"smtp.mailgun.org\"\nEMAIL_HOST_USER = \"postmaster@mg.example.com\"",
		Good:       "EMAIL_HOST = \"smtp.mailgun.org\"\nEMAIL_PORT = 587\nEMAIL_USE_TLS = True",
		Fix:        "Set EMAIL_USE_TLS = True (STARTTLS, port 587) or EMAIL_USE_SSL = True (port 465).",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/settings/#email-use-tls"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			host, ok := st.Check(e.Value("EMAIL_HOST"), func(v *st.Value) bool { return v.Kind == st.Str && !localHost(v.S) })
			if !ok {
				return
			}
			if _, ok := st.Check(e.Value("EMAIL_HOST_USER"), func(v *st.Value) bool { return v.Kind == st.Str && v.S != "" }); !ok {
				return
			}
			if backend := e.Value("EMAIL_BACKEND"); backend != nil {
				if _, smtp := st.Check(backend, func(v *st.Value) bool {
					return v.Kind == st.Str && v.S == "django.core.mail.backends.smtp.EmailBackend"
				}); !smtp {
					return
				}
			}
			for _, name := range []string{"EMAIL_USE_TLS", "EMAIL_USE_SSL"} {
				v, absent := setting(e, name)
				if absent {
					continue
				}
				c, ok := st.Check(v, isFalse)
				if !ok {
					return
				}
				host.Vars = append(host.Vars, c.Vars...)
			}
			host.Vars = dedupeSorted(host.Vars)
			r.at(host, "mail to "+host.V.S+" logs in without TLS: neither EMAIL_USE_TLS nor EMAIL_USE_SSL is True"+host.When())
		})
	},
}
