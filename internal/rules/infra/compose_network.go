package infra

import (
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
)

// proxyImage matches reverse-proxy images.
var proxyImage = lazyre.New(`(?i)(^|/)(nginx|nginxinc/nginx-unprivileged|traefik|caddy|haproxy|envoy|openresty)([:@/-]|$)`)

func isProxy(s *inf.Service) bool {
	if s.Image != nil && proxyImage().MatchString(s.Image.Value) {
		return true
	}
	n := strings.ToLower(s.Name)
	return s.Image == nil && (n == "nginx" || n == "proxy" || n == "traefik" || n == "caddy")
}

func isDatastore(s *inf.Service) bool {
	if s.Image != nil && datastoreImage().MatchString(s.Image.Value) {
		return true
	}
	return false
}

func publishedEverywhere(s *inf.Service) *inf.Port {
	for i := range s.Ports {
		if allInterfaces(s.Ports[i].HostIP) {
			return &s.Ports[i]
		}
	}
	return nil
}

// ComposeAppAroundProxy finds compose files that put a reverse proxy in
// front of the application and also publish the application's own port.
var ComposeAppAroundProxy = &analysis.Rule{
	ID: "DJI207", Name: "compose-app-published-around-proxy",
	Severity: report.Medium, Confidence: report.MediumConfidence,
	CWE: []int{668, 284}, Checklist: []int{1, 2},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "docker-compose publishes the application's port beside the reverse proxy in front of it",
		What: "Reports a ports entry on every interface of a service that is neither the reverse proxy (nginx, " +
			"traefik, caddy, haproxy images) nor a datastore, in a compose file that has a reverse-proxy service; when the proxy " +
			"names the services it starts after (depends_on), only those, which it forwards to, are judged. " +
			"Development files are left alone, and so are services only a development, debug or test profile starts " +
			"(profiles: [debug]): a plain docker compose up does not run them. A service that publishes a host port the proxy publishes too is left alone: " +
			"the two cannot run at once, so it is the other way to run the site (a profile that starts the application alone on port 80).",
		Why: "Clients that connect to the application's published port skip the proxy: its TLS, rate limits, " +
			"security headers and access rules, and Django sees their forged X-Forwarded-* headers as the proxy's.",
		Bad:  "services:\n  nginx:\n    image: nginx:1.27\n    ports: [\"443:443\"]\n  web:\n    build: .\n    ports: [\"8000:8000\"]",
		Good: "services:\n  nginx:\n    image: nginx:1.27\n    ports: [\"443:443\"]\n  web:\n    build: .\n    expose: [\"8000\"]",
		Fix:  "Remove the application's ports entry (the proxy reaches it over the compose network), or bind it to 127.0.0.1.",
		References: []string{
			"https://docs.docker.com/reference/compose-file/services/#expose",
			"https://docs.docker.com/engine/network/packet-filtering-firewalls/",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, cf := range deployment(pass).compose {
			if cf.Dev {
				continue
			}
			proxy := ""
			var behind []string             // the services the proxy starts after: those it forwards to
			proxyPorts := map[string]bool{} // the host ports a proxy takes on every interface
			for _, s := range cf.C.Services {
				if isProxy(s) {
					proxy, behind = s.Name, s.DependsOn
					for _, pt := range s.Ports {
						if allInterfaces(pt.HostIP) && pt.Published != "" {
							proxyPorts[pt.Published] = true
						}
					}
				}
			}
			if proxy == "" {
				continue
			}
			for _, s := range cf.C.Services {
				if isProxy(s) || isDatastore(s) || len(behind) > 0 && !slices.Contains(behind, s.Name) {
					continue
				}
				// a service that takes a host port the proxy takes too
				// runs instead of the proxy, never beside it (the
				// application alone on port 80, or behind Traefik)
				if pt := publishedEverywhere(s); pt != nil && !proxyPorts[pt.Published] {
					pass.Reportf(at(cf.Path, pt.Pos), "service %s publishes port %s on every interface beside the reverse proxy %s: clients can reach the application around the proxy's TLS, limits and headers", s.Name, portText(*pt), proxy)
				}
			}
		}
	},
}

// ComposeFlatNetwork finds compose files where the internet-facing proxy
// shares a network with the datastores.
var ComposeFlatNetwork = &analysis.Rule{
	ID: "DJI208", Name: "compose-flat-network",
	Severity: report.Low, Confidence: report.MediumConfidence,
	CWE: []int{653}, Checklist: []int{2},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "docker-compose puts the internet-facing proxy on the same network as the databases",
		What: "Reports, at the reverse-proxy service, a compose file whose proxy publishes ports and shares a " +
			"network (the default one, when no service names networks) with a database or cache. Development " +
			"files are left alone.",
		Why: "The proxy parses everything the internet sends; if it is compromised, a flat network hands it the " +
			"database and cache ports directly. Separate front and back networks keep it to the application.",
		Bad:  "services:\n  nginx: {image: nginx, ports: [\"443:443\"]}\n  web: {build: .}\n  db: {image: postgres:16}",
		Good: "services:\n  nginx: {image: nginx, ports: [\"443:443\"], networks: [front]}\n  web: {build: ., networks: [front, back]}\n  db: {image: postgres:16, networks: [back]}\nnetworks: {front: {}, back: {internal: true}}",
		Fix:  "Give the proxy and the application a front network, and the application and the datastores a back network marked internal.",
		References: []string{
			"https://docs.docker.com/compose/how-tos/networking/#specify-custom-networks",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, cf := range deployment(pass).compose {
			if cf.Dev {
				continue
			}
			for _, p := range cf.C.Services {
				if !isProxy(p) || len(p.Ports) == 0 {
					continue
				}
				for _, d := range cf.C.Services {
					if !isDatastore(d) || !shareNetwork(p, d) {
						continue
					}
					pass.Reportf(at(cf.Path, p.Pos), "the reverse proxy %s shares a network with %s: whoever takes over the proxy reaches the datastore directly; use separate front and back networks", p.Name, d.Name)
					break
				}
			}
		}
	},
}

// portText names a published port for a message: the container's port,
// with the host's when it differs ("5432 as host port 15432") or is
// random, or the entry as written when a variable with no value holds
// it ("${DB_PORT}").
func portText(pt inf.Port) string {
	switch {
	case pt.Target == "":
		return pt.Raw
	case pt.Published == "":
		return pt.Target + " on a random host port"
	case pt.Published != pt.Target:
		return pt.Target + " as host port " + pt.Published
	}
	return pt.Target
}

func shareNetwork(a, b *inf.Service) bool {
	na, nb := a.Networks, b.Networks
	if len(na) == 0 {
		na = []string{"default"}
	}
	if len(nb) == 0 {
		nb = []string{"default"}
	}
	for _, x := range na {
		for _, y := range nb {
			if x == y {
				return true
			}
		}
	}
	return false
}
