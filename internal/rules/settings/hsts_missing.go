package settings

import (
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/rules/infra"
	st "github.com/djsec/djsec/internal/settings"
)

const oneYear = 31536000

// HSTSMissing finds production settings without HSTS, or with HSTS shorter
// than a year.
var HSTSMissing = &analysis.Rule{
	ID: "DJS203", Name: "hsts-missing",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{319, 523}, Checklist: []int{2, 12},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "HSTS is off or shorter than a year",
		What: "Reports production settings where SECURE_HSTS_SECONDS is not set or 0 (check --deploy's security.W004), " +
			"and where it is under one year (31536000 seconds), the minimum that browsers' preload lists accept (low: HSTS is on, for less long). It is low where " +
			"the project's nginx adds Strict-Transport-Security to the responses of a server that proxies to Django (with TLS, or behind a load balancer that ends it). " +
			"Left unset, it is low too, unless the project's own nginx ends TLS in front of Django without adding it: most sites set HSTS at the " +
			"proxy, load balancer or CDN that ends TLS, outside the repository, which djsec probe checks on the live site. Settings whose " +
			"MIDDLEWARE lacks SecurityMiddleware, which sends the header, are left to DJS201.",
		Why: "Without Strict-Transport-Security a user who types the domain or follows an http:// link makes a first " +
			"request in clear text that an attacker on the network can intercept and keep on HTTP (SSL stripping).",
		Bad:  "SECURE_HSTS_SECONDS = 3600",
		Good: "SECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True",
		Fix:  "Set SECURE_HSTS_SECONDS to 31536000 (one year) or more, once the whole site serves HTTPS; start lower while testing.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security",
			"https://hstspreload.org/#deployment-recommendations",
		},
	},
	Run: func(pass *analysis.Pass) {
		// HSTS added by the project's nginx in front of Django
		proxy, viaProxy := infra.ProxySends(pass.Project, "Strict-Transport-Security")
		check(pass, func(e *st.Entry, r *reporter) {
			if _, mw, _, ok := middleware(e); ok && mw != nil && hasMiddleware(mw, func(last string) bool { return last == "SecurityMiddleware" }) < 0 {
				return // without SecurityMiddleware no setting of HSTS is sent: DJS201 reports the middleware
			}
			if viaProxy {
				r = r.lowering("; the project's nginx adds Strict-Transport-Security itself (" + proxy.String() + ")")
			}
			v, absent := setting(e, "SECURE_HSTS_SECONDS")
			if absent {
				const msg = "SECURE_HSTS_SECONDS is not set, so browsers are never told to insist on HTTPS (security.W004)"
				switch edge, ownsEdge := infra.ProxyEndsTLS(pass.Project); {
				case viaProxy:
					r.missing(msg)
				case ownsEdge:
					r.missing(msg + "; the project's nginx ends TLS (" + edge.String() + ") and does not add it either")
				case r.lower != "" || silencedCheck(r.entry, msg):
					r.missing(msg) // low, for the more precise reason given
				default:
					// Most sites end TLS at a proxy, load balancer or CDN
					// that the repository does not hold, and set HSTS
					// there: reviewers of real projects found nearly
					// every such finding to be that.
					r.lowering("; most sites send it from the proxy, load balancer or CDN that ends TLS, outside the " +
						"repository: check that yours does (curl -sI https://your.site/ | grep -i strict-transport, or djsec probe)").
						missing(msg)
				}
				return
			}
			c, ok := st.Resolve(v)
			if !ok {
				return
			}
			n, isInt := c.V.Int64()
			switch {
			case c.V.Kind == st.None || isInt && n <= 0:
				r.at(c, "SECURE_HSTS_SECONDS is "+c.V.Repr()+", so HSTS is off"+c.When()+" (security.W004)")
			case isInt && n < oneYear:
				// HSTS is on: a short max-age lets a browser forget it
				// sooner and keeps the site off the preload lists, which
				// reviewers of real projects found hardening every time
				if r.lower == "" {
					r = r.lowering("; HSTS is on, and a browser that saw it keeps to HTTPS for that long")
				}
				r.at(c, fmt.Sprintf("SECURE_HSTS_SECONDS is %d, less than a year (31536000)%s", n, c.When()))
			}
		})
	},
}

// hsts returns the HSTS duration when it is known and positive.
func hsts(e *st.Entry) (st.Case, bool) {
	return st.Check(e.Value("SECURE_HSTS_SECONDS"), func(v *st.Value) bool {
		n, ok := v.Int64()
		return ok && v.Kind == st.Int && n > 0
	})
}
