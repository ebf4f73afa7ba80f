package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// AppServerTrustsAll finds gunicorn trusting forwarded headers from every
// address.
var AppServerTrustsAll = &analysis.Rule{
	ID: "DJI506", Name: "gunicorn-trusts-every-proxy",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{348, 290}, Checklist: []int{2, 3},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "gunicorn trusts X-Forwarded-* headers from any address",
		What: "Reports forwarded_allow_ips = \"*\" in gunicorn.conf.py, --forwarded-allow-ips=\"*\" on a gunicorn " +
			"command line of a Dockerfile or compose file, and FORWARDED_ALLOW_IPS=* in their environments. The " +
			"message says so when nginx in the same repository appends the client's own X-Forwarded-For " +
			"($proxy_add_x_forwarded_for) or gunicorn listens on every interface.",
		Why: "gunicorn then takes X-Forwarded-Proto and X-Forwarded-For from whoever connects: a client that " +
			"reaches gunicorn directly, or sends the headers through a proxy that passes them on, makes plain HTTP " +
			"look like HTTPS and picks the IP address that logs, rate limits and allowlists see.",
		Bad:  "forwarded_allow_ips = \"*\"",
		Good: "forwarded_allow_ips = \"127.0.0.1\"",
		Fix:  "Set forwarded_allow_ips to the proxy's address (the default, 127.0.0.1, is right when nginx runs on the same host).",
		References: []string{
			"https://docs.gunicorn.org/en/stable/settings.html#forwarded-allow-ips",
			"https://docs.djangoproject.com/en/stable/ref/settings/#secure-proxy-ssl-header",
		},
	},
	Run: func(pass *analysis.Pass) {
		binds, trusts := appServers(pass)
		appends := ""
		for _, c := range nginxConfs(pass) {
			c.walkAll(func(d *infDirective) {
				if d.Name == "proxy_set_header" && strings.EqualFold(d.Arg(0), "X-Forwarded-For") && strings.Contains(d.Arg(1), "$proxy_add_x_forwarded_for") && appends == "" {
					appends = shortLoc(loc(d))
				}
			})
		}
		open := false
		for _, b := range binds {
			if allInterfacesAddr(b.Value) {
				open = true
			}
		}
		for _, t := range trusts {
			if strings.Trim(strings.TrimSpace(t.Value), "\"'") != "*" {
				continue
			}
			msg := t.What + " trusts X-Forwarded-Proto and X-Forwarded-For from any address: whoever connects picks the scheme and client IP Django sees"
			if open {
				msg += "; gunicorn also listens on every interface, so clients can connect to it directly"
			}
			if appends != "" {
				msg += "; nginx (" + appends + ") appends to the X-Forwarded-For the client sends, so the first address is the client's choice"
			}
			pass.Reportf(at(t.Path, t.Pos), "%s", msg)
		}
	},
}
