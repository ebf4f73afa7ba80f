package infra

import (
	"maps"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// ProxySSLHeader finds nginx terminating TLS in front of Django while the
// settings cannot tell HTTPS requests, or read a header nginx does not set.
var ProxySSLHeader = &analysis.Rule{
	ID: "DJI403", Name: "proxy-ssl-header-mismatch",
	Severity: report.Medium, Confidence: report.MediumConfidence,
	CWE: []int{319, 346}, Checklist: []int{2, 3},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "nginx terminates TLS but Django cannot tell that requests came over HTTPS",
		What: "When an nginx TLS server passes requests to the application with proxy_pass, reports production " +
			"settings that never set SECURE_PROXY_SSL_HEADER (at the top of the settings module), and a " +
			"SECURE_PROXY_SSL_HEADER naming a header that the proxy_pass locations do not set (at the setting); low when the " +
			"header is X-Forwarded-Proto and the locations missing it take the client's address from a proxy in front (real_ip_header, " +
			"set_real_ip_from): CDNs and load balancers set it, and nginx passes it on. " +
			"Locations only for WebSockets (proxy_set_header Connection \"upgrade\") do not count: their consumers redirect nowhere and build no link. " +
			"Settings whose value djsec cannot know are left alone.",
		Why: "Behind a proxy that terminates TLS, Django sees plain HTTP: request.is_secure() is False, so " +
			"SECURE_SSL_REDIRECT redirects forever, the CSRF check rejects HTTPS origins or is relaxed to make it " +
			"work, and absolute URLs (password-reset links, OAuth redirects) are built with http://.",
		Bad:  "# nginx: listen 443 ssl; proxy_set_header X-Forwarded-Proto $scheme; proxy_pass http://app;\n# settings: no SECURE_PROXY_SSL_HEADER",
		Good: "SECURE_PROXY_SSL_HEADER = (\"HTTP_X_FORWARDED_PROTO\", \"https\")",
		Fix:  "Set SECURE_PROXY_SSL_HEADER = (\"HTTP_X_FORWARDED_PROTO\", \"https\") and make nginx set proxy_set_header X-Forwarded-Proto $scheme; (and strip it from clients).",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/settings/#secure-proxy-ssl-header",
			"https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_set_header",
		},
	},
	Run: func(pass *analysis.Pass) {
		var tlsProxy *inf.Directive
		headers := map[string]bool{} // headers every TLS proxy_pass sets
		// the same, counting X-Forwarded-Proto as set where a proxy in
		// front (real_ip_header) sets it and nginx passes it on
		fronted := map[string]bool{}
		first := true
		for _, c := range nginxConfs(pass) {
			for _, s := range c.servers() {
				if !isTLS(s.last()) {
					continue
				}
				for _, pt := range append([]chain{s}, locations(s)...) {
					pp := find(pt.last().Block, "proxy_pass")
					if pp == nil || !localUpstream(pp.Arg(0)) || toolUpstream(pp.Arg(0)) || websocketOnly(pt) {
						continue
					}
					if tlsProxy == nil {
						tlsProxy = pp
					}
					if pt.unresolved() {
						continue
					}
					hs, _ := pt.array("proxy_set_header")
					set := map[string]bool{}
					for n := range headerNames(hs) {
						set[n] = true
					}
					front := maps.Clone(set)
					if behindProxy(pt) {
						front["x-forwarded-proto"] = true
					}
					if first {
						headers, fronted, first = set, front, false
					} else {
						intersect(headers, set)
						intersect(fronted, front)
					}
				}
			}
		}
		if tlsProxy == nil {
			return
		}
		where := shortLoc(loc(tlsProxy))
		for _, e := range st.Load(pass.Project).Production() {
			v := e.Value("SECURE_PROXY_SSL_HEADER")
			if v == nil {
				pass.Report(analysis.Diagnostic{Location: e.Location(), Settings: e.Name,
					Message: "nginx terminates TLS and passes requests to Django (" + where + "), but " + e.Name + " never sets SECURE_PROXY_SSL_HEADER: request.is_secure() is False behind it, so HTTPS redirects loop and links are built with http://"})
				continue
			}
			c, ok := st.Check(v, func(v *st.Value) bool { return v.IsSeq() && len(v.Elems) == 2 && v.Elems[0].IsString() })
			if !ok || c.FromEnv() || first {
				continue
			}
			meta := c.V.Elems[0].S
			if !strings.HasPrefix(meta, "HTTP_") {
				continue
			}
			header := strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(meta, "HTTP_"), "_", "-"))
			switch {
			case !headers[header] && fronted[header]:
				pass.Report(analysis.Diagnostic{Location: st.Loc(c.At), Settings: e.Name, Severity: report.Low,
					Message: "SECURE_PROXY_SSL_HEADER reads " + meta + ", which the nginx locations that proxy to Django (" + where + ") do not set " +
						"but take from a proxy in front of them (real_ip_header): check that it sets " + header + " on every request, as CDNs and load balancers do"})
			case !headers[header]:
				pass.Report(analysis.Diagnostic{Location: st.Loc(c.At), Settings: e.Name,
					Message: "SECURE_PROXY_SSL_HEADER reads " + meta + ", but the nginx locations that proxy to Django (" + where + ") do not set " + header + ": Django never sees a request as HTTPS, or trusts the value a client sends"})
			}
		}
	},
}

// intersect keeps in a the keys b has.
func intersect(a, b map[string]bool) {
	for n := range a {
		if !b[n] {
			delete(a, n)
		}
	}
}

// localUpstream reports whether a proxy_pass target is the application on
// this host or an upstream block, not a third-party site.
func localUpstream(u string) bool {
	u = strings.TrimPrefix(strings.TrimPrefix(u, "http://"), "https://")
	host := u
	if i := strings.IndexAny(host, ":/"); i >= 0 {
		host = host[:i]
	}
	return !strings.Contains(host, ".") || strings.HasPrefix(host, "127.") || host == "localhost" || strings.HasPrefix(u, "unix:")
}
