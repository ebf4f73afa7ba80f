package probe

import (
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// ServicePortOpen finds back-end services reachable on the site's host.
var ServicePortOpen = &analysis.Rule{
	ID: "DJL601", Name: "service-port-exposed",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{284, 668}, Checklist: []int{1},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "A back-end service port is reachable on the site's host",
		What: "Only with --services: djsec connects to the usual ports of MongoDB, Redis, PostgreSQL, MySQL, Memcached, Elasticsearch, RabbitMQ (AMQP and management), " +
			"the Docker API, Flower, Prometheus, Alertmanager and Django's development server on the site's host, and asks each what it is " +
			"(a PostgreSQL SSLRequest, the MySQL greeting, Memcached's version, HTTP markers). Data stores and the Docker API are high, other services medium; " +
			"an open port that does not answer like the service is low confidence. MongoDB and Redis without authentication are DJL602 and DJL603.",
		Why: "Databases, caches, brokers and the Docker API are built for a private network: exposed, they are brute-forced, exploited or simply read. " +
			"runserver is not hardened for the internet and often runs with DEBUG.",
		Bad:  "bind 0.0.0.0   # redis.conf; or ports: [\"5432:5432\"] in docker-compose.yml",
		Good: "bind 127.0.0.1  # and a firewall allowing only the application servers; expose: in compose",
		Fix:  "Bind services to localhost or a private network, firewall them off from the internet, and require authentication anyway.",
		References: []string{
			"https://docs.docker.com/engine/security/protect-access/",
			"https://redis.io/docs/latest/operate/oss_and_stack/management/security/",
		},
	},
	Run: func(p *analysis.Pass) {
		s := siteOf(p)
		if s == nil || !s.opts.Services {
			return
		}
		for _, o := range s.Services() {
			if o.noAuth && (o.svc.name == "redis" || o.svc.name == "mongodb") {
				continue // DJL602/603 say more
			}
			d := analysis.Diagnostic{Location: at("tcp://" + o.addr), Snippet: o.svc.name, Properties: map[string]any{"service": o.svc.name, "port": o.svc.port}}
			what := o.detail
			if what == "" {
				what = o.svc.name
			}
			if o.identified {
				d.Message = fmt.Sprintf("%s answers on %s, reachable from where djsec runs", what, o.addr)
			} else {
				d.Message = fmt.Sprintf("port %s (usually %s) accepts connections", o.addr, o.svc.name)
				d.Confidence = report.LowConfidence
			}
			if !o.svc.critical {
				d.Severity = report.Medium
			}
			p.Report(d)
		}
	},
}
