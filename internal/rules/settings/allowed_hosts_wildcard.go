package settings

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// AllowedHostsWildcard finds "*" in ALLOWED_HOSTS.
var AllowedHostsWildcard = &analysis.Rule{
	ID: "DJS103", Name: "allowed-hosts-wildcard",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{20, 644}, Checklist: []int{3},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "ALLOWED_HOSTS accepts any Host header",
		What: "Reports an ALLOWED_HOSTS entry of \"*\" in production settings, including in the default of an " +
			"environment lookup (`env.list(\"ALLOWED_HOSTS\", default=[\"*\"])`). check --deploy does not report it. " +
			"Subdomain patterns such as \".example.com\" are left alone.",
		Why: "Django builds absolute URLs (password reset links, redirects, cache keys) from the Host header. Accepting " +
			"any host lets an attacker poison password reset emails and caches with a domain of their choosing.",
		Bad:  "ALLOWED_HOSTS = [\"*\"]",
		Good: "ALLOWED_HOSTS = [\"shop.example.com\"]",
		Fix:  "List the domain names the site serves in ALLOWED_HOSTS, and read them from the environment if they vary per deployment.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts",
			"https://docs.djangoproject.com/en/stable/topics/security/#host-headers-virtual-hosting",
		},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			c, ok := st.Holds(e.Value("ALLOWED_HOSTS"), func(v *st.Value) bool {
				if !v.IsSeq() {
					return false
				}
				for _, h := range v.Elems {
					if h.Kind == st.Str && h.S == "*" {
						return true
					}
				}
				return false
			})
			if !ok {
				return
			}
			for _, h := range c.V.Elems {
				if h.Kind == st.Str && h.S == "*" {
					at := c
					if !c.FromEnv() {
						at.At = h.Origin
					}
					r.at(at, "ALLOWED_HOSTS accepts any host (\"*\")"+c.When())
					return
				}
			}
		})
	},
}
