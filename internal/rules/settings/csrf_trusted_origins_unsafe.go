package settings

import (
	"net"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// CSRFTrustedOriginsUnsafe finds CSRF_TRUSTED_ORIGINS that trust any site or
// plain-HTTP origins.
var CSRFTrustedOriginsUnsafe = &analysis.Rule{
	ID: "DJS215", Name: "csrf-trusted-origins-unsafe",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{352, 346}, Checklist: []int{7},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "CSRF_TRUSTED_ORIGINS trusts any site or plain HTTP",
		What: "Reports entries of CSRF_TRUSTED_ORIGINS that match every host (\"*\", \"https://*\", \"http://*\") " +
			"and entries with the http:// scheme. Subdomain wildcards of the site's own domain " +
			"(\"https://*.example.com\") and loopback origins (\"http://localhost:8000\", \"http://127.0.0.1\"), which only " +
			"the user's own machine can serve, are left alone.",
		Why: "Django accepts unsafe requests from the origins listed here: a wildcard lets any website post forms " +
			"with the user's cookies, and an http:// origin can be impersonated by anyone on the network.",
		Bad:        "CSRF_TRUSTED_ORIGINS = [\"https://*\"]",
		Good:       "CSRF_TRUSTED_ORIGINS = [\"https://app.example.com\"]",
		Fix:        "List the exact HTTPS origins that post to the site, or a wildcard of your own domain only.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/settings/#csrf-trusted-origins"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			c, ok := st.Check(e.Value("CSRF_TRUSTED_ORIGINS"), func(v *st.Value) bool { return v.IsSeq() })
			if !ok {
				return
			}
			for _, x := range c.V.Elems {
				if x.Kind != st.Str {
					continue
				}
				why := ""
				host := x.S
				if i := strings.Index(host, "://"); i >= 0 {
					host = host[i+3:]
				}
				switch {
				case host == "*" || host == "*." || strings.HasPrefix(host, "*:"):
					why = "trusts every site"
				case strings.HasPrefix(strings.ToLower(x.S), "http://") && !loopback(host):
					why = "trusts a plain-HTTP origin that anyone on the network can impersonate"
				default:
					continue
				}
				at := c
				if !c.FromEnv() {
					at.At = x.Origin
				}
				r.at(at, "CSRF_TRUSTED_ORIGINS has "+x.Repr()+", which "+why+c.When())
			}
		})
	},
}

// loopback reports whether host (with its port, if any) is the machine
// the browser runs on: localhost, 127.0.0.0/8 or [::1]. No one on the
// network can serve a page of that origin.
func loopback(host string) bool {
	h := strings.ToLower(host)
	if strings.HasPrefix(h, "[") {
		end := strings.IndexByte(h, ']')
		return end > 0 && h[1:end] == "::1"
	}
	if i := strings.IndexAny(h, ":/"); i >= 0 {
		h = h[:i]
	}
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}
