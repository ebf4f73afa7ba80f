package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
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
			"command line of a Dockerfile or compose file, and FORWARDED_ALLOW_IPS=* in their environments; files of a " +
			"development stack (by their folder, name, comments or their folder's README) are left alone. gunicorn's own " +
			"workers take only the scheme from the trusted headers; uvicorn's workers take the client's address from " +
			"X-Forwarded-For too, and the message then says when nginx in the same repository appends the client's own " +
			"X-Forwarded-For ($proxy_add_x_forwarded_for). It also says when gunicorn listens on every interface. Without " +
			"uvicorn the finding is low when every production settings module sets SECURE_PROXY_SSL_HEADER: Django then " +
			"takes the scheme from the header itself, and DJI403 judges that header.",
		Why: "gunicorn then takes X-Forwarded-Proto (and, with uvicorn's workers, X-Forwarded-For) from whoever connects: " +
			"a client that reaches gunicorn directly, or sends the headers through a proxy that passes them on, makes plain " +
			"HTTP look like HTTPS and, with uvicorn, picks the IP address that logs, rate limits and allowlists see.",
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
			if allInterfacesAddr(b.Value) && !b.Dev {
				open = true
			}
		}
		djangoScheme := djangoReadsSchemeHeader(pass)
		for _, t := range trusts {
			if t.Dev || strings.Trim(strings.TrimSpace(t.Value), "\"'") != "*" {
				continue
			}
			d := analysis.Diagnostic{Location: at(t.Path, t.Pos)}
			if t.Uvicorn {
				d.Message = t.What + " trusts X-Forwarded-Proto and X-Forwarded-For from any address: whoever connects picks the scheme and, " +
					"through uvicorn's workers, the client IP Django sees"
				if appends != "" {
					d.Message += "; nginx (" + appends + ") appends to the X-Forwarded-For the client sends, so the first address is the client's choice"
				}
			} else {
				// gunicorn's own workers take only the scheme from the
				// trusted headers: REMOTE_ADDR stays the peer's address.
				d.Message = t.What + " trusts X-Forwarded-Proto from any address: whoever connects picks the scheme the application sees, " +
					"so plain HTTP can pass for HTTPS"
				if djangoScheme != "" {
					d.Severity = report.Low
					d.Message += "; " + djangoScheme + " already takes the scheme from the header itself, so this changes nothing for Django"
				}
			}
			if open {
				d.Message += "; gunicorn also listens on every interface, so clients can connect to it directly"
			}
			pass.Report(d)
		}
	},
}

// djangoReadsSchemeHeader names the production settings module when every
// one sets SECURE_PROXY_SSL_HEADER: Django then decides request.is_secure()
// from the header, whatever the server says the scheme is ("" when not).
func djangoReadsSchemeHeader(pass *analysis.Pass) string {
	entries := st.Load(pass.Project).Production()
	if len(entries) == 0 {
		return ""
	}
	for _, e := range entries {
		if e.Value("SECURE_PROXY_SSL_HEADER") == nil {
			return ""
		}
	}
	return entries[0].Name + "'s SECURE_PROXY_SSL_HEADER"
}
