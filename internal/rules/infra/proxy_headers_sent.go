package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// ProxySends returns where the project's nginx adds a response header
// (add_header Strict-Transport-Security ...) in a server that proxies to
// the application, when one does: the settings rules, which see only
// Django's side, credit it. The configurations are those the nginx rules
// read, development ones left out (and their problems are reported by
// those rules, not here).
func ProxySends(p *project.Project, header string) (report.Location, bool) {
	dep := p.Memo("infra.deploy", func() any { return loadDeploy(p) }).(*deployLoad)
	res := p.Memo("infra.nginx", func() any { return loadNginx(p, dep) }).(*nginxLoad)
	for _, c := range res.confs {
		for _, s := range c.servers() {
			// a server without TLS counts too: one that adds HSTS sits
			// behind a load balancer that ends TLS (listen 8085 behind an
			// ingress), since browsers heed the header only over HTTPS
			server := s.last()
			if !passesOn(server) {
				continue
			}
			// at the server's level or above it: a location's own
			// add_header would drop it there, which is not followed
			for i := len(s) - 1; i >= 0; i-- {
				for _, d := range findAll(s[i].Block, "add_header") {
					if strings.EqualFold(d.Arg(0), header) {
						return loc(d), true
					}
				}
			}
		}
	}
	return report.Location{}, false
}

// passesOn reports a server that passes requests on to an application,
// itself or in a location.
func passesOn(server *infDirective) bool {
	found := false
	var walk func(ds []*infDirective, depth int)
	walk = func(ds []*infDirective, depth int) {
		for _, d := range ds {
			if d.Name == "proxy_pass" || d.Name == "uwsgi_pass" {
				found = true
			}
			if depth < 8 {
				walk(d.Block, depth+1)
			}
		}
	}
	walk(server.Block, 0)
	return found
}

// ProxyEndsTLS returns a server of the project's nginx (development
// configurations left out) that accepts TLS and passes requests on to
// the application, when there is one: the project then owns the edge
// where HTTPS ends, and what that edge sends is in the repository.
func ProxyEndsTLS(p *project.Project) (report.Location, bool) {
	dep := p.Memo("infra.deploy", func() any { return loadDeploy(p) }).(*deployLoad)
	res := p.Memo("infra.nginx", func() any { return loadNginx(p, dep) }).(*nginxLoad)
	for _, c := range res.confs {
		for _, s := range c.servers() {
			if server := s.last(); isTLS(server) && passesOn(server) {
				return loc(server), true
			}
		}
	}
	return report.Location{}, false
}
