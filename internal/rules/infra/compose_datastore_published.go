package infra

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// ComposeDatastorePublished finds databases and caches whose ports a
// compose file publishes on every interface of the host.
var ComposeDatastorePublished = &analysis.Rule{
	ID: "DJI201", Name: "compose-datastore-published",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{668, 284}, Checklist: []int{1, 2},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "docker-compose publishes a database or cache on every interface of the host",
		What: "Reports a ports entry of a database, cache or broker service (postgres, mysql, mongo, redis, " +
			"memcached, elasticsearch, solr, rabbitmq, ... by image, or by the service's well-known port) without a host " +
			"address, or bound to 0.0.0.0 or ::. \"5432\" alone publishes on a random host port, also on every interface. " +
			"Development files (devcontainers, docker-compose.dev.yml, a dev or test folder, and a compose file that starts " +
			"only backing services from their images, with no service that builds or runs the application) are reported with low severity; " +
			"a service only a development, debug or test profile starts (profiles: [develop]) is left alone.",
		Why: "Docker writes its own firewall rules: a published port is reachable from the network even when ufw " +
			"denies it. Databases and caches are found by scanners within hours and often run with default or no " +
			"passwords (Redis, MongoDB); the other services reach them over the compose network anyway.",
		Bad:  "services:\n  db:\n    image: postgres:16\n    ports:\n      - \"5432:5432\"",
		Good: "services:\n  db:\n    image: postgres:16\n    # no ports: the web service reaches db:5432 over the compose network\n    # or, for a local client: - \"127.0.0.1:5432:5432\"",
		Fix:  "Remove the ports entry (services reach each other by name on the compose network), or bind it to 127.0.0.1.",
		References: []string{
			"https://docs.docker.com/engine/network/packet-filtering-firewalls/",
			"https://docs.docker.com/reference/compose-file/services/#ports",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, cf := range deployment(pass).compose {
			for _, s := range cf.C.Services {
				byImage := s.Image != nil && datastoreImage().MatchString(s.Image.Value)
				for _, pt := range s.Ports {
					kind, known := datastorePorts[pt.Target]
					if !byImage && !known {
						continue
					}
					if !allInterfaces(pt.HostIP) {
						continue
					}
					if kind == "" {
						kind = "the datastore"
					}
					d := analysis.Diagnostic{Location: at(cf.Path, pt.Pos),
						Message: "service " + s.Name + " publishes " + kind + " port " + portText(pt) + " on every interface of the host (Docker bypasses the host firewall): anyone who can reach the machine can try its passwords" + devNote(cf.Dev)}
					if cf.Dev {
						d.Severity = report.Low
					}
					pass.Report(d)
				}
			}
		}
	},
}
