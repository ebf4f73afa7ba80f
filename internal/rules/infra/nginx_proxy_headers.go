package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// NginxProxyHeaders finds TLS servers that proxy to the application
// without telling it the original Host and scheme.
var NginxProxyHeaders = &analysis.Rule{
	ID: "DJI112", Name: "nginx-proxy-headers-missing",
	Severity: report.Medium, Confidence: report.MediumConfidence,
	CWE: []int{444, 346}, Checklist: []int{2, 3},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "nginx proxies to Django without passing the original Host or scheme",
		What: "Reports a proxy_pass in a TLS server when the proxy_set_header directives in effect (inherited only " +
			"by levels that set none) pass neither Host nor X-Forwarded-Host, or do not pass X-Forwarded-Proto. " +
			"Left alone where an include djsec cannot follow (proxy_params) may set them, and where the upstream is a tool beside " +
			"the site rather than Django (Celery's Flower, Grafana, Kibana, Prometheus, pgAdmin, MinIO, RabbitMQ's management, a mail " +
			"catcher, the Anubis bot challenge, Hasura's GraphQL engine: by its host name or its well-known port, also through an upstream " +
			"group of the configuration whose every server is one), and in an internal location that another location's auth_request names, " +
			"which answers nginx's own subrequest checking the session and builds no URL, and in a location only for WebSockets (proxy_set_header Connection \"upgrade\": " +
			"every request is a handshake for a consumer, which redirects nowhere and builds no link). A server that takes the client's address " +
			"from a proxy in front (real_ip_header, set_real_ip_from) and misses only X-Forwarded-Proto is low: " +
			"CDNs and load balancers set it, and nginx passes it on. So is one missing only X-Forwarded-Proto where no production settings set " +
			"SECURE_PROXY_SSL_HEADER: Django reads no such header until they do, and both have to change.",
		Why: "Without Host, Django sees the upstream's address (127.0.0.1:8000): ALLOWED_HOSTS has to list it, which " +
			"defeats the check, and absolute URLs in password-reset mails point at the wrong host. Without " +
			"X-Forwarded-Proto, Django cannot tell that the request came over HTTPS: SECURE_SSL_REDIRECT loops, " +
			"secure cookies and the CSRF origin check misbehave, and links are built with http://.",
		Bad:  "location / {\n    proxy_pass http://127.0.0.1:8000;\n}",
		Good: "location / {\n    proxy_set_header Host $host;\n    proxy_set_header X-Forwarded-Proto $scheme;\n    proxy_pass http://127.0.0.1:8000;\n}",
		Fix:  "Add proxy_set_header Host $host; and proxy_set_header X-Forwarded-Proto $scheme; next to proxy_pass (and SECURE_PROXY_SSL_HEADER = (\"HTTP_X_FORWARDED_PROTO\", \"https\") in the settings).",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/settings/#secure-proxy-ssl-header",
			"https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_set_header",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, c := range nginxConfs(pass) {
			for _, s := range c.servers() {
				if !isTLS(s.last()) {
					continue
				}
				points := append([]chain{s}, locations(s)...)
				subrequests := authRequestTargets(s)
				for _, pt := range points {
					b := pt.last()
					pp := find(b.Block, "proxy_pass")
					if pp == nil || pt.unresolved() || toolUpstream(pp.Arg(0)) || toolGroup(c, pp.Arg(0)) || authCheck(b, subrequests) || websocketOnly(pt) {
						continue
					}
					hs, level := pt.array("proxy_set_header")
					set := headerNames(hs)
					var missing []string
					if set["host"] == nil && set["x-forwarded-host"] == nil {
						missing = append(missing, "Host")
					}
					if set["x-forwarded-proto"] == nil && set["x-forwarded-ssl"] == nil && set["x-forwarded-scheme"] == nil {
						missing = append(missing, "X-Forwarded-Proto")
					}
					if len(missing) == 0 {
						continue
					}
					msg := "proxy_pass in " + describe(b) + " does not pass " + strings.Join(missing, " or ")
					if level != nil && level != s.last() && len(findAll(s.last().Block, "proxy_set_header")) > 0 && level == b {
						msg += " (this block sets its own proxy_set_header, which drops the server's)"
					}
					d := analysis.Diagnostic{Location: loc(pp)}
					switch {
					case len(missing) == 2:
						d.Message = msg + ": Django cannot tell the host or that the request came over HTTPS"
					case missing[0] == "Host":
						d.Message = msg + ": Django cannot tell the host the request was for"
					default:
						d.Message = msg + ": Django cannot tell that the request came over HTTPS"
						switch {
						case djangoReadsNoSchemeHeader(pass.Project):
							// what the header says is read by nobody: the
							// settings are where it has to start
							d.Severity = report.Low
							d.Message += ", though no production settings set SECURE_PROXY_SSL_HEADER, so Django reads no such header yet: set both"
						case behindProxy(pt):
							// Cloudflare or a load balancer in front sets
							// it, and nginx passes a request's headers on
							d.Severity = report.Low
							d.Message += ", unless the proxy in front (whose addresses real_ip_header trusts) sets it, as CDNs and load balancers do: nginx passes it on as it came"
						}
					}
					pass.Report(d)
				}
			}
		}
	},
}

// toolUpstream reports a proxy_pass to a tool beside the site rather than
// Django, by its host or its well-known port: Celery's Flower (5555),
// Grafana, Kibana (5601), Prometheus (9090), RabbitMQ's management
// (15672), a mail catcher (8025), pgAdmin, MinIO's console, the Anubis
// bot challenge, Hasura's GraphQL engine.
func toolUpstream(target string) bool {
	u := strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(target, "http://"), "https://"))
	host, port := u, ""
	if i := strings.IndexByte(host, '/'); i >= 0 {
		host = host[:i]
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host, port = host[:i], host[i+1:]
	}
	switch port {
	case "5555", "5601", "9090", "15672", "8025":
		return true
	}
	return project.HasNameWord(host, "flower", "grafana", "kibana", "prometheus", "pgadmin", "minio", "rabbitmq", "mailhog", "mailpit", "jupyter", "anubis", "hasura") ||
		strings.Contains(host, "graphql-engine") || strings.Contains(host, "graphql_engine") // Hasura's service, by its image's name
}

// toolGroup reports a proxy_pass to an upstream group of the
// configuration (proxy_pass http://graphql/v1/ with upstream graphql {
// server graphql_engine:8080; }) whose every server is a tool beside the
// site (toolUpstream).
func toolGroup(c *nginxConf, target string) bool {
	name := strings.TrimPrefix(strings.TrimPrefix(target, "http://"), "https://")
	if i := strings.IndexAny(name, "/:"); i >= 0 {
		name = name[:i]
	}
	found := false
	tools := true
	c.walk(func(ch chain) {
		u := ch.last()
		if u.Name != "upstream" || u.Arg(0) != name {
			return
		}
		for _, d := range u.Block {
			if d.Name == "server" {
				found = true
				tools = tools && toolUpstream(d.Arg(0))
			}
		}
	})
	return found && tools
}

// behindProxy reports a server or location that takes the client's
// address from a proxy in front of it (real_ip_header, set_real_ip_from,
// at its level or one around it).
func behindProxy(pt chain) bool {
	return pt.value("real_ip_header") != nil || pt.value("set_real_ip_from") != nil
}

// authCheck reports an internal location that an auth_request of the
// server names (targets, from authRequestTargets): only nginx's own
// subrequests reach it, to ask whether the session may see a page.
func authCheck(b *inf.Directive, targets map[string]bool) bool {
	return b.Name == "location" && find(b.Block, "internal") != nil && len(b.Args) > 0 && targets[b.Args[len(b.Args)-1]]
}

// websocketOnly reports a location that passes only WebSocket handshakes
// on: it sets Connection to the literal "upgrade" (a location for every
// request maps it from $http_upgrade instead). A consumer behind it
// answers no page: it redirects nowhere and builds no link, so the Host
// and scheme that pages need do not matter there.
func websocketOnly(pt chain) bool {
	hs, _ := pt.array("proxy_set_header")
	d := headerNames(hs)["connection"]
	return d != nil && strings.EqualFold(strings.Trim(d.Arg(1), `"'`), "upgrade")
}
