package infra

import (
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// securityHeaders are the response headers whose loss a location's own
// add_header causes silently.
var securityHeaders = map[string]string{
	"strict-transport-security":  "Strict-Transport-Security",
	"x-frame-options":            "X-Frame-Options",
	"x-content-type-options":     "X-Content-Type-Options",
	"content-security-policy":    "Content-Security-Policy",
	"referrer-policy":            "Referrer-Policy",
	"permissions-policy":         "Permissions-Policy",
	"cross-origin-opener-policy": "Cross-Origin-Opener-Policy",
}

// NginxHeadersDropped finds locations whose own add_header drops the
// security headers the server or http block adds.
var NginxHeadersDropped = &analysis.Rule{
	ID: "DJI105", Name: "nginx-security-headers-dropped",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{693, 1021}, Checklist: []int{2, 8},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A location's own add_header drops the server's security headers",
		What: "nginx inherits add_header from the enclosing level only when a level sets none of its own. This rule " +
			"reports a location (or an if inside one) that sets any add_header while an outer level adds security " +
			"headers (Strict-Transport-Security, X-Frame-Options, X-Content-Type-Options, Content-Security-Policy, " +
			"Referrer-Policy, Permissions-Policy) that the location does not repeat. add_header_inherit (nginx 1.29.3) " +
			"is modelled: merge, at the location or inherited from an outer level, keeps the outer headers.",
		Why: "The headers vanish from exactly the responses the location serves, silently: a Cache-Control header " +
			"added for static files takes HSTS and nosniff away from them, and an admin location with its own header " +
			"loses X-Frame-Options and becomes frameable.",
		Bad: "server {\n    add_header Strict-Transport-Security \"max-age=63072000\" always;\n" +
			"    location /static/ {\n        add_header Cache-Control \"public\";\n    }\n}",
		Good: "server {\n    add_header Strict-Transport-Security \"max-age=63072000\" always;\n" +
			"    location /static/ {\n        add_header Cache-Control \"public\";\n" +
			"        add_header Strict-Transport-Security \"max-age=63072000\" always;\n    }\n}",
		Fix: "Repeat the security headers in every location that sets its own add_header; keeping them in a snippet that each level includes avoids drift.",
		References: []string{
			"https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header",
			"https://www.peterbe.com/plog/be-very-careful-with-your-add_header-in-nginx",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, c := range nginxConfs(pass) {
			for _, s := range c.servers() {
				for _, l := range locations(s) {
					b := l.last()
					own := findAll(b.Block, "add_header")
					if len(own) == 0 {
						continue
					}
					outer := addHeaders(l[:len(l)-1])
					mine := headerNames(addHeaders(l))
					var lost []string
					for name := range headerNames(outer) {
						if pretty, ok := securityHeaders[name]; ok && mine[name] == nil {
							lost = append(lost, pretty)
						}
					}
					if len(lost) == 0 {
						continue
					}
					sort.Strings(lost)
					pass.Reportf(loc(own[0]), "%s sets its own add_header, so nginx drops %s that the enclosing block adds: responses of this location go out without them",
						describe(b), strings.Join(lost, ", "))
				}
			}
		}
	},
}
