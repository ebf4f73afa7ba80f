package infra

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// AppServerBypass finds application servers listening on every interface
// behind an nginx that reaches them over loopback.
var AppServerBypass = &analysis.Rule{
	ID: "DJI507", Name: "app-server-reachable-around-proxy",
	Severity: report.Medium, Confidence: report.MediumConfidence,
	CWE: []int{668, 284}, Checklist: []int{1, 2},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "gunicorn or uwsgi listens on every interface while nginx reaches it over loopback",
		What: "Reports a gunicorn bind or uwsgi socket on every interface (0.0.0.0, [::], :8000) when an nginx " +
			"configuration of the repository passes requests to 127.0.0.1 or localhost: the application server " +
			"is meant to sit behind nginx on the same host. Files that belong to a container deployment (under " +
			"docker/, or copied or run by a Dockerfile) are left alone: a container must listen on its interface.",
		Why: "Clients that connect to the application server's port directly skip everything nginx does: TLS, " +
			"rate limits, security headers, body-size limits and access rules for the admin.",
		Bad:  "bind = \"0.0.0.0:8000\"   # nginx: proxy_pass http://127.0.0.1:8000;",
		Good: "bind = \"127.0.0.1:8000\"",
		Fix:  "Bind the application server to 127.0.0.1 (or a Unix socket) and let nginx be the only way in.",
		References: []string{
			"https://docs.gunicorn.org/en/stable/deploy.html",
			"https://docs.gunicorn.org/en/stable/settings.html#bind",
		},
	},
	Run: func(pass *analysis.Pass) {
		proxy := ""
		for _, c := range nginxConfs(pass) {
			c.walkAll(func(d *infDirective) {
				for _, n := range passDirectives {
					if d.Name == n && proxy == "" && loopbackTarget(d.Arg(0)) {
						proxy = shortLoc(loc(d))
					}
				}
			})
		}
		if proxy == "" {
			return
		}
		binds, _ := appServers(pass)
		for _, b := range binds {
			if !allInterfacesAddr(b.Value) || inContainer(pass, b.Path) {
				continue
			}
			pass.Reportf(at(b.Path, b.Pos), "%s %s listens on every interface while nginx reaches the application over loopback (%s): clients can connect around nginx, skipping its TLS, limits and headers", b.What, b.Value, proxy)
		}
	},
}
