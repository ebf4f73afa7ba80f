package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
)

// NginxHTTPNotRedirected finds servers that hand plain-HTTP requests to the
// application instead of redirecting them to HTTPS.
var NginxHTTPNotRedirected = &analysis.Rule{
	ID: "DJI103", Name: "nginx-http-not-redirected",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{319}, Checklist: []int{2, 12},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "nginx serves the application over plain HTTP instead of redirecting to HTTPS",
		What: "Reports a server block that listens without TLS and passes requests to the application " +
			"(proxy_pass, uwsgi_pass, fastcgi_pass, ...) in a configuration that also has a TLS server, unless it " +
			"redirects to https:// (return 301 https://..., a rewrite, or an if on $scheme or " +
			"$http_x_forwarded_proto). A location for ACME challenges may stay on HTTP. Configurations without " +
			"any TLS server are left alone: TLS may end at a load balancer in front of nginx.",
		Why: "Whatever the application answers on HTTP travels in clear: session cookies without the Secure flag, " +
			"CSRF tokens, form data. An attacker on the network also strips the upgrade to HTTPS for users who type " +
			"the bare host name.",
		Bad: "server {\n    listen 80;\n    location / { proxy_pass http://app; }\n}",
		Good: "server {\n    listen 80;\n    location /.well-known/acme-challenge/ { root /var/www/acme; }\n" +
			"    location / { return 301 https://$host$request_uri; }\n}",
		Fix: "Make the port-80 server answer every request with return 301 https://$host$request_uri; and serve the application from the TLS server only.",
		References: []string{
			"https://nginx.org/en/docs/http/converting_rewrite_rules.html",
			"https://docs.djangoproject.com/en/stable/topics/security/#ssl-https",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, c := range nginxConfs(pass) {
			servers := c.servers()
			anyTLS := false
			for _, s := range servers {
				if isTLS(s.last()) {
					anyTLS = true
				}
			}
			if !anyTLS {
				continue
			}
			for _, s := range servers {
				srv := s.last()
				if !listensPlain(srv) || !proxiesApp(s) || serverRedirects(s) {
					continue
				}
				at := srv
				for _, l := range findAll(srv.Block, "listen") {
					if !strings.Contains(strings.Join(l.Args, " "), "ssl") {
						at = l
						break
					}
				}
				pass.Reportf(loc(at), "%s accepts plain HTTP and passes it to the application instead of redirecting to HTTPS: cookies and form data travel in clear", describe(srv))
			}
		}
	},
}

// serverRedirects reports whether a server sends plain-HTTP requests to
// https: at server level, in an if on the scheme, or in every location
// that passes to the application.
func serverRedirects(s chain) bool {
	srv := s.last()
	if redirectsToHTTPS(srv) {
		return true
	}
	for _, d := range srv.Block {
		if d.Name == "if" && redirectsToHTTPS(d) {
			return true
		}
	}
	for _, l := range locations(s) {
		b := l.last()
		if passes(b) == nil {
			continue
		}
		if !redirectsToHTTPS(b) && !ifRedirects(b) {
			return false
		}
	}
	return !proxiesAt(srv)
}

func ifRedirects(b *inf.Directive) bool {
	for _, d := range b.Block {
		if d.Name == "if" && redirectsToHTTPS(d) {
			return true
		}
	}
	return false
}

func proxiesAt(b *inf.Directive) bool { return passes(b) != nil }
