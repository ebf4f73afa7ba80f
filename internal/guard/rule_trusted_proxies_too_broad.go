package guard

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TrustedProxiesTooBroad finds trusted_proxies ranges that take in the
// whole internet.
var TrustedProxiesTooBroad = &analysis.Rule{
	ID: "DJG001", Name: "trusted-proxies-too-broad",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{348}, Checklist: []int{2, 13},
	Scope: analysis.Guard,
	Doc: analysis.Doc{
		Title: "The guard believes X-Forwarded-For from (nearly) any address",
		What:  "A trusted_proxies range wider than an IPv4 /8 or an IPv6 /16 (0.0.0.0/0, ::/0 and the like).",
		Why: "The guard takes the client address from X-Forwarded-For only when the peer is a trusted proxy. Trusting everyone lets every client " +
			"write the address it is limited and banned by: rate limits, bans and the admin allowlist stop working.",
		Bad:  `trusted_proxies = ["0.0.0.0/0"]`,
		Good: `trusted_proxies = ["10.0.12.0/24"]   # the load balancer's subnet`,
		Fix:  "List only the addresses of the load balancers in front of the guard.",
		References: []string{
			"https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Forwarded-For#security_and_privacy_concerns",
		},
	},
	Run: func(p *analysis.Pass) {
		c := configTarget.Of(p)
		if c == nil {
			return
		}
		for _, tp := range c.TrustedProxies {
			if wideProxy(tp.Prefix) {
				p.Reportf(configLoc(c, "trusted_proxies", 0), "trusted_proxies includes %s: any client can choose the address it is limited and banned by", tp.Prefix)
			}
		}
	},
}
