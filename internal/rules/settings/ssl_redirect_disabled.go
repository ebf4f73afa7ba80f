package settings

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// SSLRedirectDisabled finds production settings that do not redirect HTTP to
// HTTPS and do not say a proxy terminates TLS.
var SSLRedirectDisabled = &analysis.Rule{
	ID: "DJS206", Name: "ssl-redirect-disabled",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{319}, Checklist: []int{2},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "HTTP requests are not redirected to HTTPS",
		What: "Reports production settings where SECURE_SSL_REDIRECT is not True (check --deploy's security.W008) " +
			"and SECURE_PROXY_SSL_HEADER is not set either; a proxy header says TLS ends at a proxy, which usually " +
			"does the redirect, so those settings are left alone. SECURE_SSL_REDIRECT set to False is medium; left unset, it is low: " +
			"most sites redirect at a proxy, an ingress or their platform, which the repository seldom holds.",
		Why: "Pages served over HTTP can be read and changed by anyone on the network, and a login form served " +
			"over HTTP hands over the password.",
		Bad:        "SECURE_SSL_REDIRECT = False",
		Good:       "SECURE_SSL_REDIRECT = True",
		Fix:        "Set SECURE_SSL_REDIRECT = True, or redirect at the proxy and set SECURE_PROXY_SSL_HEADER so Django knows requests arrived over HTTPS.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			if _, absent := setting(e, "SECURE_PROXY_SSL_HEADER"); !absent {
				return
			}
			v, absent := setting(e, "SECURE_SSL_REDIRECT")
			if absent {
				// Most sites redirect at their proxy, ingress or platform,
				// which the repository seldom holds: reviewers of real
				// projects found nearly every such finding to be that.
				r.lowering("; most sites redirect to HTTPS at a proxy, ingress or platform outside the repository: " +
					"check that yours does (curl -I http://your.site/ answers 301 to https://)").
					missing("SECURE_SSL_REDIRECT is not set and no SECURE_PROXY_SSL_HEADER says a proxy handles HTTPS (security.W008)")
				return
			}
			if c, ok := st.Check(v, isFalse); ok {
				r.at(c, "SECURE_SSL_REDIRECT is "+c.V.Repr()+c.When()+" and no SECURE_PROXY_SSL_HEADER says a proxy handles HTTPS (security.W008)")
			}
		})
	},
}
