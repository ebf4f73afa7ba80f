package infra

import (
	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
)

// NginxServerTokens finds nginx configurations that announce their version.
var NginxServerTokens = &analysis.Rule{
	ID: "DJI108", Name: "nginx-version-disclosed",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{200}, Checklist: []int{1},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "nginx announces its version (server_tokens)",
		What: "Reports server_tokens on or build, and a main configuration (one with an http block) that never sets " +
			"server_tokens off, reported at its http block. Site files without an http block are left alone: the " +
			"main configuration decides.",
		Why: "The version in the Server header and on error pages tells an attacker which known vulnerabilities " +
			"to try, without a single probe.",
		Bad:  "http {\n    server_tokens on;\n}",
		Good: "http {\n    server_tokens off;\n}",
		Fix:  "Set server_tokens off; in the http block.",
		References: []string{
			"https://nginx.org/en/docs/http/ngx_http_core_module.html#server_tokens",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, c := range nginxConfs(pass) {
			anyOff := false
			c.walkAll(func(d *inf.Directive) {
				if d.Name != "server_tokens" {
					return
				}
				if d.Arg(0) == "off" {
					anyOff = true
					return
				}
				pass.Reportf(loc(d), "server_tokens %s puts the nginx version in every Server header and error page", d.Arg(0))
			})
			if anyOff {
				continue
			}
			for _, d := range c.Top {
				if d.Name == "http" && !(chain{c.top(), d}).unresolved() {
					pass.Reportf(loc(d), "the http block never sets server_tokens off, so nginx puts its version in every Server header and error page")
				}
			}
		}
	},
}
